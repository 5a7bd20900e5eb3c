from django.contrib import messages
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from berichten.choices import VerzendStatus
from berichten.models import Verzending
from samenspel import audit
from samenspel.permissions import Actie, login_required
from samenspel.responses import prive
from trajecten.choices import InschrijvingStatus
from trajecten.errors import TrajectError
from trajecten.models import Deelnemer, Inschrijving, Traject
from trajecten.permissions import may, traject_or_404

from . import ics, print_lists, queries, services
from .choices import AuditActie
from .forms import AgendaFormSet, AnnulerenForm, AntwoordForm, BijeenkomstForm
from .models import Aanwezigheid
from .permissions import bijeenkomst_or_404


def _own_inschrijving(user, bijeenkomst):
    if not user.is_authenticated:
        return None
    return bijeenkomst.traject.inschrijvingen.filter(deelnemer__user=user).first()


@login_required
def detail(request, pk):
    b = bijeenkomst_or_404(request.user, pk)
    coordineert = may(request.user, b.traject, Actie.COORDINEREN)
    mijn = _own_inschrijving(request.user, b)
    antwoord = None
    if mijn is not None:
        row = Aanwezigheid.objects.filter(bijeenkomst=b, inschrijving=mijn).first()
        antwoord = row.antwoord if row else None
    agenda = list(b.agenda.all())
    schrijft = coordineert or may(request.user, b.traject, Actie.VERSLAG)
    begonnen = b.start <= timezone.now() and not b.is_geannuleerd
    geplaatst = mijn is not None and mijn.status == InschrijvingStatus.GEPLAATST
    context = {
        "b": b,
        "agenda": agenda,
        "agenda_minuten": sum(p.duur for p in agenda),
        "mijn": mijn,
        "antwoord": antwoord,
        "form": AntwoordForm(initial={"antwoord": antwoord}),
        "coordineert": coordineert,
        "verslag": schrijft,
        "evaluatie_open": geplaatst and begonnen,
        # Participants see the report link once it is published (one query, only for them).
        "verslag_gedeeld": (
            not schrijft and mijn is not None and begonnen and queries.report_shared(b)
        ),
        "aanwezigheid": queries.attendance_balans(b) if coordineert else None,
    }
    return render(request, "bijeenkomsten/detail.html", context)


@login_required
@require_POST
def antwoord(request, pk):
    b = bijeenkomst_or_404(request.user, pk)
    mijn = _own_inschrijving(request.user, b)
    if mijn is None:
        raise Http404
    form = AntwoordForm(request.POST)
    if form.is_valid():
        try:
            services.set_antwoord(
                bijeenkomst=b, inschrijving=mijn, antwoord=form.cleaned_data["antwoord"]
            )
        except TrajectError as exc:
            form.add_error(None, str(exc))
    if request.htmx:
        context = {"b": b, "mijn": mijn, "form": form, "antwoord": form.data.get("antwoord")}
        context["opgeslagen"] = form.is_valid() and not form.errors
        return render(request, "bijeenkomsten/detail.html#antwoord", context)
    if form.is_valid() and not form.errors:
        messages.success(request, _("Je antwoord is opgeslagen."))
    else:
        # The service's reason (started, cancelled) when there is one.
        messages.error(request, (form.non_field_errors() or [_("Kies een antwoord.")])[0])
    return redirect(b)


@login_required
def nieuw(request, slug):
    traject = traject_or_404(request.user, slug, Actie.COORDINEREN)
    return _edit(request, traject, None)


@login_required
def bewerken(request, pk):
    b = bijeenkomst_or_404(request.user, pk, Actie.COORDINEREN)
    return _edit(request, b.traject, b)


def _edit(request, traject, b):
    form = BijeenkomstForm(request.POST or None, instance=b, traject=traject)
    formset = AgendaFormSet(request.POST or None, instance=form.instance, prefix="agenda")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        nieuw = b is None
        with transaction.atomic():
            b = services.save_bijeenkomst(form=form)
            formset.instance = b
            formset.save()
            audit.log(
                request.user,
                AuditActie.BIJEENKOMST_NIEUW if nieuw else AuditActie.BIJEENKOMST_BEWERKT,
                b,
                velden=[*form.changed_data, *(["agenda"] if formset.has_changed() else [])],
            )
        for warning in queries.scheduling_warnings(b):
            messages.warning(request, warning)
        messages.success(request, _("De bijeenkomst is opgeslagen."))
        return redirect(b)
    return render(
        request,
        "bijeenkomsten/bewerken.html",
        {"form": form, "formset": formset, "traject": traject, "b": b},
    )


@login_required
def annuleren(request, pk):
    b = bijeenkomst_or_404(request.user, pk, Actie.COORDINEREN)
    form = AnnulerenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.cancel_bijeenkomst(bijeenkomst=b, reden=form.cleaned_data["reden"])
        audit.log(request.user, AuditActie.BIJEENKOMST_GEANNULEERD, b)
        messages.success(
            request, _("De bijeenkomst is geannuleerd. De deelnemers krijgen bericht.")
        )
        return redirect(b)
    return render(request, "bijeenkomsten/annuleren.html", {"b": b, "form": form})


def _ics_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def bijeenkomst_ics(request, pk):
    b = bijeenkomst_or_404(request.user, pk)
    return _ics_response(
        ics.calendar([b], naam=b.traject.naam, language=get_language()),
        f"bijeenkomst-{b.nummer}.ics",
    )


@login_required
def lijst_pdf(request, pk, soort):
    """An attendance list, a call list or the letters for people without e-mail (PDF)."""
    b = bijeenkomst_or_404(request.user, pk, Actie.COORDINEREN)
    if soort not in print_lists.SOORTEN:
        raise Http404
    response = HttpResponse(print_lists.pdf(b, soort), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{soort}-{b.nummer}.pdf"'
    return prive(response)


def traject_ics(request, slug):
    """Public feed of an open or running traject: dates, places and themes, never names."""
    traject = get_object_or_404(Traject.objects.publiek(), slug=slug)
    items = traject.bijeenkomsten.select_related("traject").order_by("start")
    return _ics_response(
        ics.calendar(items, naam=traject.naam, language=get_language()), f"{traject.slug}.ics"
    )


def persoonlijk_ics(request, token):
    """A person's own feed, for subscribing in a calendar app. The secret token is the key."""
    deelnemer = get_object_or_404(Deelnemer.objects.select_related("user"), agenda_token=token)
    items = queries.persoonlijke_bijeenkomsten(deelnemer)
    return _ics_response(
        ics.calendar(items, naam="Samenspel", language=deelnemer.user.taal), "samenspel.ics"
    )


@login_required
@require_POST
def agenda_vernieuwen(request):
    deelnemer = Deelnemer.objects.filter(user=request.user).first()
    if deelnemer is None:
        raise Http404
    services.renew_agenda_token(deelnemer=deelnemer)
    messages.success(request, _("Je hebt een nieuwe agendalink. De oude link werkt niet meer."))
    return redirect("home")


@login_required
def berichten(request, slug):
    """The coordinator's log of e-mails sent for a traject: to whom, what, when, and
    what failed."""
    from django.core.paginator import Paginator

    traject = traject_or_404(request.user, slug, Actie.COORDINEREN)
    # Requests to confirm a sign-up are left out: they go to an address a stranger may have
    # typed, which nobody should see before its owner confirmed.
    sent = Verzending.objects.filter(traject=traject, aanmeldverzoek__isnull=True)
    # Each recipient by the name given for this traject, not the account's (which may come
    # from another traject).
    naam_hier = Inschrijving.objects.filter(traject=traject, deelnemer__user=OuterRef("ontvanger"))
    rows = sent.select_related("ontvanger", "bijeenkomst").annotate(
        naam_hier=Subquery(naam_hier.values("naam")[:1])
    )
    status = request.GET.get("status", "")
    if status in VerzendStatus.values:
        rows = rows.filter(status=status)
    page = Paginator(rows, 100).get_page(request.GET.get("pagina"))
    mislukt = sent.filter(status=VerzendStatus.MISLUKT).count()
    return render(
        request,
        "bijeenkomsten/berichten.html",
        {
            "traject": traject,
            "page": page,
            "status": status,
            "statussen": VerzendStatus.choices,
            "mislukt": mislukt,
        },
    )
