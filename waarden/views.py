"""The values board: values with their quotes, people's own core values, and the overlap
across formeel, informeel and ervaringsdeskundigen.

Every action is a plain form post that redirects back to the board; with htmx, choosing a
core value swaps the board region and says what happened in a live region.
"""

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenspel import audit
from samenspel.permissions import Actie, login_required
from samenspel.responses import vary_on_htmx, wants_partial
from trajecten.permissions import may, traject_or_404

from . import queries, services
from .choices import AuditActie
from .errors import WaardenError
from .forms import BordForm, CitaatForm, OnderschrijvingForm, VerbergenForm, WaardeForm
from .models import MAX_KERNWAARDEN, Citaat

BORD = "waarden/bord.html"


def _bord_url(traject, waarde_pk=None) -> str:
    url = reverse("waarden:bord", kwargs={"slug": traject.slug})
    return f"{url}#waarde-{waarde_pk}" if waarde_pk else url


def _voornaam(user) -> str:
    return user.naam.split()[0] if user.naam.strip() else ""


def _citaat_form(request, traject, data=None):
    return CitaatForm(
        data,
        traject=traject,
        waarden=queries.op_het_bord(traject),
        voornaam=_voornaam(request.user),
    )


_UNKNOWN = object()


def _bord_context(request, traject, *, mijn=_UNKNOWN, citaat_form=None, **extra) -> dict:
    """Who sees what: people at the table and rapporteurs see the quotes and the figures
    with cells of fewer than five people hidden; a manager (in scope, but not at the table)
    only those figures; coordinators everything, exactly."""
    if mijn is _UNKNOWN:
        mijn = queries.plek_aan_tafel(request.user, traject)
    coordineert = may(request.user, traject, Actie.COORDINEREN)
    volledig = mijn is not None or coordineert or may(request.user, traject, Actie.VERSLAG)
    context = {
        "traject": traject,
        "mijn": mijn,
        "coordineert": coordineert,
        "alleen_cijfers": not volledig,
        "klein_verborgen": not coordineert,
        "bord": queries.bord(
            traject,
            inschrijving=mijn,
            met_verborgen=coordineert,
            alleen_cijfers=not volledig,
            klein_verbergen=not coordineert,
        ),
        **extra,
    }
    if mijn is not None:
        context["citaat_form"] = citaat_form or _citaat_form(request, traject)
    return context


@login_required
def bord(request, slug):
    traject = traject_or_404(request.user, slug, Actie.DEELNEMEN)
    context = _bord_context(request, traject)
    if wants_partial(request):
        return vary_on_htmx(render(request, f"{BORD}#bord", context))
    return vary_on_htmx(render(request, BORD, context))


def _at_the_table(request, slug):
    """The traject and my seat at its table; 404 for whoever has none."""
    traject = traject_or_404(request.user, slug, Actie.DEELNEMEN)
    mijn = queries.plek_aan_tafel(request.user, traject)
    if mijn is None:
        raise Http404
    return traject, mijn


@login_required
@require_POST
def onderschrijven(request, slug):
    """Mark a value as one of my core values, or take it off again."""
    traject, mijn = _at_the_table(request, slug)
    form = OnderschrijvingForm(request.POST, waarden=queries.op_het_bord(traject))
    if not form.is_valid():
        raise BadRequest
    waarde, aan = form.cleaned_data["waarde"], form.cleaned_data["aan"]
    fout = False
    try:
        aantal = form.save(inschrijving=mijn)
    except WaardenError as exc:
        melding, fout = str(exc), True
    else:
        if aan:
            melding = _(
                "%(waarde)s is nu een van je kernwaarden. Je hebt er %(aantal)s van de %(max)s."
            )
        else:
            melding = _(
                "%(waarde)s is geen kernwaarde meer van je. Je hebt er %(aantal)s van de %(max)s."
            )
        melding %= {"waarde": waarde.titel, "aantal": aantal, "max": MAX_KERNWAARDEN}
    if wants_partial(request):
        context = _bord_context(request, traject, mijn=mijn, melding=melding, fout=fout)
        html = render_to_string(f"{BORD}#bord", context, request)
        html += render_to_string(f"{BORD}#melding", {**context, "oob": True}, request)
        return HttpResponse(html)
    (messages.error if fout else messages.success)(request, melding)
    return redirect(_bord_url(traject, waarde.pk))


@login_required
@require_POST
def citaat_nieuw(request, slug):
    traject, mijn = _at_the_table(request, slug)
    form = _citaat_form(request, traject, request.POST)
    if form.is_valid():
        try:
            citaat = form.save(inschrijving=mijn)
        except WaardenError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Dank je wel! Je citaat staat op het bord."))
            return redirect(_bord_url(traject, citaat.waarde_id))
    return render(request, BORD, _bord_context(request, traject, mijn=mijn, citaat_form=form))


@login_required
@require_POST
def citaat_verbergen(request, slug, pk):
    """A coordinator takes a quote off the board (``verborgen=1``) or puts it back."""
    traject = traject_or_404(request.user, slug, Actie.COORDINEREN)
    citaat = get_object_or_404(Citaat, pk=pk, inschrijving__traject=traject)
    form = VerbergenForm(request.POST)
    if not form.is_valid():
        raise BadRequest
    verborgen = form.cleaned_data["verborgen"]
    services.set_citaat_verborgen(citaat=citaat, verborgen=verborgen)
    audit.log(
        request.user, AuditActie.CITAAT_VERBORGEN, citaat, traject=traject, verborgen=verborgen
    )
    if verborgen:
        messages.success(request, _("Het citaat is verborgen. Alleen coördinatoren zien het nog."))
    else:
        messages.success(request, _("Het citaat staat weer op het bord."))
    return redirect(_bord_url(traject, citaat.waarde_id))


@login_required
def beheer(request, slug):
    """A coordinator chooses the values on the board and the share that counts as shared."""
    traject = traject_or_404(request.user, slug, Actie.COORDINEREN)
    keuzes = queries.catalogus_en_eigen(traject)
    huidige = queries.bord_waarden(traject)
    initial = {
        # An empty board starts with the guide's twelve values ticked.
        "waarden": huidige or [w for w in keuzes if not w.is_eigen],
        "drempel": queries.drempel(traject),
    }
    form = BordForm(request.POST or None, traject=traject, keuzes=keuzes, initial=initial)
    if request.method == "POST" and form.is_valid():
        form.save()
        audit.log(request.user, AuditActie.WAARDENBORD, traject, velden=form.changed_data)
        messages.success(request, _("Het bord is bijgewerkt."))
        return redirect("waarden:bord", slug=traject.slug)
    return render(request, "waarden/beheer.html", {"traject": traject, "form": form})


@login_required
def waarde_nieuw(request, slug):
    """A coordinator adds a value of the traject's own; it goes on the board at once."""
    traject = traject_or_404(request.user, slug, Actie.COORDINEREN)
    form = WaardeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            waarde = form.save(traject=traject)
        except WaardenError as exc:
            form.add_error("naam", str(exc))
        else:
            audit.log(request.user, AuditActie.WAARDE_NIEUW, waarde, traject=traject)
            messages.success(
                request, _("%(waarde)s staat nu op het bord.") % {"waarde": waarde.naam}
            )
            return redirect("waarden:beheer", slug=traject.slug)
    return render(request, "waarden/waarde_nieuw.html", {"traject": traject, "form": form})
