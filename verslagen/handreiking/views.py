"""Pages of the joint guide (handreiking) under /trajecten/<slug>/handreiking/.

Who sees what:

- Coordinators of the traject (and administrators) see the latest version, every comment
  with its author's name, and the actions: new version, open and close a round, resolve,
  make definitive. Rapporteurs see the same, without the actions.
- People with a seat see the version of the open round, otherwise the definitive one;
  a draft outside a round stays hidden. During a round they comment per section. They
  see their own comments and the handled ones of others, without names: a comment is
  about the text, not about who wrote it, and the coordinators' answer is for everyone.
- Managers who are not at the table get a 404: the guide holds people's words, and a
  manager sees aggregates only (the final guide can be shared with them as a PDF).
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenspel import audit
from samenspel.permissions import Actie, login_required
from samenspel.responses import prive, vary_on_htmx, wants_partial
from trajecten.permissions import may, traject_or_404
from waarden.queries import plek_aan_tafel

from ..choices import AuditActie
from ..models import Opmerking, Reviewronde
from . import queries, services
from .document import split_sections
from .forms import AfhandelForm, OpmerkingForm, RondeForm
from .services import HandreikingError

PAGINA = "verslagen/handreiking/detail.html"


class Kijker:
    """Who is looking, decided once per request (four queries)."""

    def __init__(self, request, slug):
        self.traject = traject_or_404(request.user, slug, Actie.DEELNEMEN)
        self.beheert = may(request.user, self.traject, Actie.COORDINEREN)
        self.volledig = self.beheert or may(request.user, self.traject, Actie.VERSLAG)
        self.mijn = plek_aan_tafel(request.user, self.traject)
        if not (self.volledig or self.mijn):
            raise Http404


def _coordinator(request, slug):
    traject = traject_or_404(request.user, slug, Actie.COORDINEREN)
    return traject


def _url(traject, sectie: str = "") -> str:
    url = reverse("handreiking:detail", kwargs={"slug": traject.slug})
    return f"{url}#reacties-{sectie}" if sectie else url


def _visible_version(kijker: Kijker, stand):
    if stand.ronde is not None:
        return stand.ronde.versie
    return stand.laatste if kijker.volledig else stand.definitief


def _context(request, kijker: Kijker, *, bound_form=None, ronde_form=None) -> dict:
    stand = queries.stand(kijker.traject)
    versie = _visible_version(kijker, stand)
    ronde = stand.ronde
    # Comments: of the open round, or of the last round on the version shown.
    getoonde_ronde = ronde
    if getoonde_ronde is None and versie is not None:
        getoonde_ronde = Reviewronde.objects.filter(versie=versie).order_by("-geopend_op").first()
    kan_reageren = ronde is not None and kijker.mijn is not None and ronde.deadline > timezone.now()
    if ronde is not None and kijker.mijn is not None:
        services.mark_read(ronde=ronde, inschrijving=kijker.mijn)
    per_sectie = (
        queries.opmerkingen(getoonde_ronde, inschrijving=kijker.mijn, alle=kijker.volledig)
        if getoonde_ronde is not None
        else {}
    )
    blokken = []
    if versie is not None:
        slugs = [s["slug"] for s in versie.secties]
        html = split_sections(versie.html, slugs)
        for s in versie.secties:
            form = None
            if kan_reageren:
                if bound_form is not None and bound_form.data.get("sectie") == s["slug"]:
                    form = bound_form
                else:
                    form = OpmerkingForm(
                        initial={"sectie": s["slug"]},
                        secties=slugs,
                        auto_id=f"id_%s_{s['slug']}",
                    )
            if form is not None:
                form.fields["tekst"].label = _("Jouw reactie op: %(titel)s") % {"titel": s["titel"]}
            blokken.append(
                {
                    "slug": s["slug"],
                    "titel": s["titel"],
                    "html": html[s["slug"]],
                    "opmerkingen": per_sectie.get(s["slug"], []),
                    "form": form,
                }
            )
    context = {
        "traject": kijker.traject,
        "kijker": kijker,
        "stand": stand,
        "versie": versie,
        "ronde": ronde,
        "getoonde_ronde": getoonde_ronde,
        "kan_reageren": kan_reageren,
        "blokken": blokken,
    }
    if kijker.beheert:
        context["ronde_form"] = ronde_form or RondeForm()
        context["opdracht"] = services.compile_status(kijker.traject, shown=True)
        if ronde is not None:
            context["cijfers"] = queries.round_figures(ronde, kijker.traject.pk)
    return context


@login_required
def detail(request, slug):
    kijker = Kijker(request, slug)
    if kijker.beheert and wants_partial(request) and request.GET.get("deel") == "status":
        context = {"traject": kijker.traject, "opdracht": services.compile_status(kijker.traject)}
        return vary_on_htmx(render(request, f"{PAGINA}#versie_status", context))
    return vary_on_htmx(render(request, PAGINA, _context(request, kijker)))


@login_required
def pdf(request, slug):
    kijker = Kijker(request, slug)
    stand = queries.stand(kijker.traject)
    versie = _visible_version(kijker, stand)
    if versie is None:
        raise Http404
    response = HttpResponse(
        services.version_pdf(versie, kijker.traject), content_type="application/pdf"
    )
    naam = f"handreiking-{kijker.traject.slug}-v{versie.nummer}.pdf"
    response["Content-Disposition"] = f'inline; filename="{naam}"'
    return prive(response)


@login_required
@require_POST
def reageren(request, slug):
    """A participant's comment on one section during an open round. With htmx, the
    section's comments region is swapped in place."""
    kijker = Kijker(request, slug)
    if kijker.mijn is None:
        raise Http404
    stand = queries.stand(kijker.traject)
    ronde = stand.ronde
    if ronde is None:
        messages.error(request, _("Reageren kan niet meer: de reactieronde is voorbij."))
        return redirect(_url(kijker.traject))
    slugs = [s["slug"] for s in ronde.versie.secties]
    sectie = request.POST.get("sectie", "")
    form = OpmerkingForm(
        request.POST, secties=slugs, auto_id=f"id_%s_{sectie if sectie in slugs else 'x'}"
    )
    if sectie not in slugs:
        messages.error(request, _("Dit hoofdstuk bestaat niet in deze versie."))
        return redirect(_url(kijker.traject))
    melding, fout = "", False
    if form.is_valid():
        try:
            form.save(ronde=ronde, inschrijving=kijker.mijn)
        except HandreikingError as exc:  # the deadline passed meanwhile
            melding, fout = str(exc), True
        else:
            melding = _("Dank je wel! Je reactie is opgeslagen.")
        if not wants_partial(request):
            (messages.error if fout else messages.success)(request, melding)
            return redirect(_url(kijker.traject, sectie))
    context = _context(request, kijker, bound_form=None if melding else form)
    if wants_partial(request):
        blok = next(b for b in context["blokken"] if b["slug"] == sectie)
        extra = {"blok": blok, "melding": melding, "fout": fout}
        return vary_on_htmx(render(request, f"{PAGINA}#reacties", {**context, **extra}))
    return vary_on_htmx(render(request, PAGINA, context))


@login_required
@require_POST
def nieuwe_versie(request, slug):
    """Ask for a new version; it is compiled in the background (a few seconds)."""
    traject = _coordinator(request, slug)
    try:
        services.request_compile(traject=traject, door=request.user)
    except HandreikingError as exc:
        messages.error(request, str(exc))
    else:
        audit.log(request.user, AuditActie.HANDREIKING_VERSIE, traject)
    return redirect(_url(traject) + "#versie-status")


@login_required
@require_POST
def ronde_openen(request, slug):
    traject = _coordinator(request, slug)
    form = RondeForm(request.POST)
    if form.is_valid():
        try:
            ronde = form.save(traject=traject, door=request.user)
        except HandreikingError as exc:
            form.add_error(None, str(exc))
        else:
            audit.log(
                request.user,
                AuditActie.HANDREIKING_RONDE_OPEN,
                ronde,
                traject=traject,
                versie_id=ronde.versie_id,
            )
            messages.success(
                request,
                _("De reactieronde is open tot en met %(datum)s.")
                % {"datum": timezone.localtime(ronde.deadline).strftime("%d-%m-%Y")}
                + " "
                + _("Iedereen aan tafel krijgt een e-mail."),
            )
            return redirect(_url(traject))
    kijker = Kijker(request, slug)
    return render(request, PAGINA, _context(request, kijker, ronde_form=form))


@login_required
@require_POST
def ronde_sluiten(request, slug):
    traject = _coordinator(request, slug)
    try:
        ronde = services.close_round(traject=traject)
    except HandreikingError as exc:
        messages.error(request, str(exc))
    else:
        audit.log(request.user, AuditActie.HANDREIKING_RONDE_DICHT, ronde, traject=traject)
        messages.success(request, _("De reactieronde is gesloten."))
    return redirect(_url(traject))


@login_required
@require_POST
def afhandelen(request, slug, pk):
    traject = _coordinator(request, slug)
    opmerking = get_object_or_404(
        Opmerking.objects.select_related("ronde"),
        pk=pk,
        ronde__versie__handreiking__traject=traject,
    )
    form = AfhandelForm(request.POST)
    if form.is_valid():
        form.save(opmerking=opmerking, door=request.user)
        audit.log(
            request.user,
            AuditActie.HANDREIKING_AFGEHANDELD,
            opmerking,
            traject=traject,
            antwoord=bool(form.cleaned_data["antwoord"]),
        )
        messages.success(request, _("De reactie is afgehandeld."))
    else:
        messages.error(request, form.errors["antwoord"][0])
    return redirect(_url(traject, opmerking.sectie))


@login_required
@require_POST
def definitief(request, slug):
    traject = _coordinator(request, slug)
    try:
        versie = services.publish(traject=traject)
    except HandreikingError as exc:
        messages.error(request, str(exc))
    else:
        audit.log(
            request.user,
            AuditActie.HANDREIKING_DEFINITIEF,
            versie,
            traject=traject,
            versie=versie.nummer,
        )
        messages.success(
            request,
            _("Versie %(nummer)s is nu definitief. Iedereen aan tafel kan hem lezen.")
            % {"nummer": versie.nummer},
        )
    return redirect(_url(traject))
