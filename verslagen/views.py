"""The report of a meeting: the page (published version for the people at the table;
drafts, versions and actions for coordinators and rapporteurs), the build request with its
progress, the narrative, publishing and the PDF.

Managers in scope get 404 on every report page: a report holds first names and quotes,
and managers see aggregates only.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from bijeenkomsten.permissions import bijeenkomst_or_404
from samenspel import audit
from samenspel.permissions import Actie, login_required
from samenspel.responses import prive
from trajecten.permissions import may

from . import document, narrative, queries, services
from .choices import AuditActie
from .errors import VerslagError
from .models import Verslag

PAGE = "verslagen/verslag.html"


@dataclass(frozen=True)
class Lezer:
    schrijft: bool  # coordinator or rapporteur of the traject (or administrator)
    mijn: object  # the reader's enrolment with a seat, or None


def _lezer(request, pk):
    """The meeting and who reads its report; 404 for anyone else (managers included)."""
    b = bijeenkomst_or_404(request.user, pk)
    if may(request.user, b.traject, Actie.VERSLAG):
        return b, Lezer(schrijft=True, mijn=None)
    mijn = queries.eigen_inschrijving(request.user, b)
    if mijn is None:
        raise Http404
    return b, Lezer(schrijft=False, mijn=mijn)


def _schrijver(request, pk):
    b = bijeenkomst_or_404(request.user, pk, Actie.VERSLAG)
    return b


def _url(b, name="verslag"):
    return reverse(f"verslagen:{name}", kwargs={"pk": b.pk})


def _versie_nummer(request) -> int | None:
    try:
        return int(request.GET["versie"])
    except (KeyError, ValueError):
        return None


@login_required
def verslag(request, pk):
    b, lezer = _lezer(request, pk)
    verslag = (
        Verslag.objects.filter(bijeenkomst=b)
        .select_related("gepubliceerd")
        .defer("gepubliceerd__pdf", "gepubliceerd__gegevens")
        .first()
    )
    if not lezer.schrijft:
        if verslag is None or verslag.gepubliceerd is None:
            raise Http404  # drafts are for coordinators and rapporteurs only
        return render(request, PAGE, _context(b, lezer, verslag, verslag.gepubliceerd))
    opdracht = queries.laatste_opdracht(verslag) if verslag else None
    if request.htmx and request.htmx.target == "opdracht":
        if opdracht is not None and opdracht.status not in queries.OPEN_STATUSSEN:
            return HttpResponseClientRefresh()  # done: show the result on the whole page
        return render(request, PAGE + "#opdracht", {"b": b, "opdracht": opdracht})
    versie = None
    if verslag is not None:
        versie = queries.versie_met_inhoud(verslag, _versie_nummer(request))
        if versie is None and _versie_nummer(request) is not None:
            raise Http404
    context = _context(b, lezer, verslag, versie)
    context.update(
        opdracht=opdracht,
        versies=list(queries.versies(verslag)) if verslag else [],
    )
    return render(request, PAGE, context)


def _context(b, lezer, verslag, versie) -> dict:
    nieuwste = None
    if lezer.schrijft and verslag is not None:
        nieuwste = verslag.versies.order_by("-nummer").values_list("nummer", flat=True).first()
    return {
        "b": b,
        "lezer": lezer,
        "verslag": verslag,
        "versie": versie,
        "titel": _("Verslag van bijeenkomst %(nummer)s") % {"nummer": b.nummer},
        "rapport_taal": document.report_language(),
        "verhaal_html": mark_safe(narrative.render(versie.verhaal)) if versie else "",  # noqa: S308
        "is_concept": versie is not None and versie.gepubliceerd_op is None,
        "kan_bewerken": (
            lezer.schrijft
            and versie is not None
            and versie.gepubliceerd_op is None
            and versie.nummer == nieuwste
        ),
        "is_gedeeld": (
            verslag is not None and versie is not None and verslag.gepubliceerd_id == versie.pk
        ),
    }


@login_required
@require_POST
def maak(request, pk):
    b = _schrijver(request, pk)
    opdracht = services.request_build(bijeenkomst=b, door=request.user)
    audit.log(request.user, AuditActie.VERSLAG_GEVRAAGD, b, opdracht=opdracht.pk)
    if request.htmx:
        return render(request, PAGE + "#opdracht", {"b": b, "opdracht": opdracht})
    messages.success(request, _("Het verslag wordt gemaakt."))
    return redirect(_url(b))


@login_required
def verhaal_bewerken(request, pk):
    from .narrative_forms import VerhaalForm

    b = _schrijver(request, pk)
    verslag = Verslag.objects.filter(bijeenkomst=b).first()
    versie = queries.versie_met_inhoud(verslag) if verslag else None
    if versie is None or versie.gepubliceerd_op is not None:
        messages.error(request, _("Er is geen concept om aan te vullen. Maak eerst een verslag."))
        return redirect(_url(b))
    form = VerhaalForm(request.POST or None, initial={"verhaal": versie.verhaal})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_verhaal(versie=versie, tekst=form.cleaned_data["verhaal"])
        except VerslagError as exc:
            form.add_error(None, str(exc))
        else:
            audit.log(
                request.user,
                AuditActie.VERSLAG_VERHAAL,
                versie,
                traject=b.traject,
                versie=versie.nummer,
            )
            messages.success(request, _("Het verhaal is opgeslagen."))
            return redirect(_url(b))
    voorbeeld = narrative.render(form.data.get("verhaal", "") if form.is_bound else versie.verhaal)
    return render(
        request,
        "verslagen/verhaal.html",
        {
            "b": b,
            "versie": versie,
            "form": form,
            "voorbeeld": mark_safe(voorbeeld),  # noqa: S308 (sanitised)
            "rapport_taal": document.report_language(),
        },
    )


@login_required
@require_POST
def publiceren(request, pk):
    b = _schrijver(request, pk)
    verslag = Verslag.objects.filter(bijeenkomst=b).first()
    versie = queries.versie_met_inhoud(verslag) if verslag else None
    try:
        if versie is None:
            raise VerslagError(_("Er is nog geen verslag om te delen."))
        services.publish(versie=versie, door=request.user)
    except VerslagError as exc:
        messages.error(request, str(exc))
    else:
        audit.log(
            request.user,
            AuditActie.VERSLAG_GEDEELD,
            versie,
            traject=b.traject,
            versie=versie.nummer,
        )
        messages.success(request, _("Het verslag is gedeeld. De deelnemers krijgen een e-mail."))
    return redirect(_url(b))


@login_required
def pdf(request, pk):
    b, lezer = _lezer(request, pk)
    verslag = Verslag.objects.filter(bijeenkomst=b).first()
    if verslag is None:
        raise Http404
    nummer = _versie_nummer(request)
    qs = verslag.versies.all()
    if lezer.schrijft and nummer is not None:
        versie = qs.filter(nummer=nummer).first()
    elif nummer is not None:
        versie = qs.filter(pk=verslag.gepubliceerd_id, nummer=nummer).first()
    elif verslag.gepubliceerd_id:
        versie = qs.filter(pk=verslag.gepubliceerd_id).first()
    else:
        versie = qs.order_by("-nummer").first() if lezer.schrijft else None
    if versie is None:
        raise Http404
    inhoud = services.draft_pdf(versie)
    naam = f"verslag-{b.traject.slug}-bijeenkomst-{b.nummer}-v{versie.nummer}.pdf"
    response = HttpResponse(inhoud, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return prive(response)
