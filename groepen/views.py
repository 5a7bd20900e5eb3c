"""The prep group of a meeting and its table groups.

``voorbereiding``: participants join or leave the prep group with one click, see who is in
it (first names), its balance and the wishes and contributions so far; the coordinator sets
it up, locks it and asks for a proposal ("Stel een groep voor"), swaps people and accepts.
``tafels``: the coordinator splits the people into tables and prints the list; everyone
sees "jouw tafel".

Every page works with plain forms; with htmx, the same URLs answer with a partial of the
same template. Managers in scope may open both pages but see no names. On the prep-group
page only coordinators see figures per background: a prep group is small, so any count (or
what it still lacks) would tell who has which background.
"""

import hashlib
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bijeenkomsten.permissions import bijeenkomst_or_404
from samenspel import audit
from samenspel.permissions import Actie, login_required
from samenspel.responses import vary_on_htmx, wants_partial
from trajecten.choices import BEZETTE_STATUSSEN
from trajecten.errors import TrajectError
from trajecten.permissions import may

from . import grouping, queries, services
from .choices import AuditActie
from .forms import (
    BereidForm,
    GroepForm,
    LaatForm,
    TafelsForm,
    TafelSlotForm,
    VergrendelForm,
    VerplaatsForm,
    VoorstelForm,
)
from .models import Voorbereidingsgroep

VOORBEREIDING = "groepen/voorbereiding.html"
TAFELS = "groepen/tafels.html"


@dataclass(frozen=True)
class Kijker:
    """Who looks at a page: a coordinator, someone with a seat (``mijn``), or someone
    at the table who sees no names (a manager in scope)."""

    coordineert: bool
    mijn: object  # the viewer's Inschrijving with a seat in this traject, or None
    ziet_namen: bool


def _kijker(user, b) -> Kijker:
    coordineert = may(user, b.traject, Actie.COORDINEREN)
    mijn = (
        b.traject.inschrijvingen.filter(deelnemer__user=user, status__in=BEZETTE_STATUSSEN)
        .select_related("deelnemer__user")
        .first()
    )
    ziet_namen = coordineert or mijn is not None or may(user, b.traject, Actie.VERSLAG)
    return Kijker(coordineert=coordineert, mijn=mijn, ziet_namen=ziet_namen)


def _page_url(b, name="voorbereiding", anker="") -> str:
    url = reverse(f"groepen:{name}", kwargs={"pk": b.pk})
    return f"{url}#{anker}" if anker else url


# --- The prep-group page ------------------------------------------------------------------


def _versie(groep) -> str:
    """A fingerprint of what the group region shows, sent back by its poll."""
    if groep is None:
        return "geen"
    parts = (groep.versie, groep.vergrendeld, groep.grootte, groep.gewijzigd_op.isoformat())
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def _groep_context(b, kijker: Kijker, groep=None, **extra) -> dict:
    if groep is None:
        groep = queries.groep_van(b)
    stand = queries.groep_stand(groep, b.traject.doelen, kijker.mijn) if groep else None
    return {
        "b": b,
        "groep": groep,
        "stand": stand,
        "mijn": kijker.mijn,
        "coordineert": kijker.coordineert,
        "ziet_namen": kijker.ziet_namen,
        "groep_versie": _versie(groep),
        **extra,
    }


def _voorbereiding_page(
    request, b, kijker: Kijker, *, groep=None, form=None, voorstel=None, **extra
):
    context = _groep_context(b, kijker, groep, **extra)
    groep = context["groep"]
    if kijker.ziet_namen:
        context["wensen"] = queries.wensen(b)
        context["bijdragen"] = queries.bijdragen_tot_nu(b)
    if kijker.coordineert:
        context["form"] = form or GroepForm(instance=groep or Voorbereidingsgroep(bijeenkomst=b))
        context["bereid"] = queries.bereid(b)
        context["voorstel"] = voorstel
    return render(request, VOORBEREIDING, context)


@login_required
def voorbereiding(request, pk):
    """The prep group of this meeting. With htmx and ``?deel=groep`` only the group region;
    with ``gezien=`` equal to what it shows, 204 (no swap)."""
    b = bijeenkomst_or_404(request.user, pk)
    kijker = _kijker(request.user, b)
    if wants_partial(request) and request.GET.get("deel") == "groep":
        context = _groep_context(b, kijker)
        if request.GET.get("gezien") == context["groep_versie"]:
            return vary_on_htmx(HttpResponse(status=204))
        return vary_on_htmx(render(request, f"{VOORBEREIDING}#groep", context))
    return vary_on_htmx(_voorbereiding_page(request, b, kijker))


def _participant(request, pk):
    b = bijeenkomst_or_404(request.user, pk)
    kijker = _kijker(request.user, b)
    if kijker.mijn is None:
        raise Http404
    return b, kijker


def _group_answer(request, b, kijker, groep, *, melding=None, fout=None):
    """After a participant's click: the group region (htmx) or back to the page."""
    if wants_partial(request):
        context = _groep_context(b, kijker, groep, melding=melding, fout=fout)
        return render(request, f"{VOORBEREIDING}#groep", context)
    if fout:
        messages.error(request, fout)
    elif melding:
        messages.success(request, melding)
    return redirect(_page_url(b, anker="groep"))


@login_required
@require_POST
def meedoen(request, pk):
    """One click: join the prep group."""
    return _join_or_leave(
        request,
        pk,
        services.join_groep,
        _("Je zit in de voorbereidingsgroep. Dank je wel!"),
        _("Je zat al in de voorbereidingsgroep."),
    )


@login_required
@require_POST
def stoppen(request, pk):
    """One click: leave the prep group."""
    return _join_or_leave(
        request,
        pk,
        services.leave_groep,
        _("Je zit niet meer in de voorbereidingsgroep."),
        _("Je zat niet in de voorbereidingsgroep."),
    )


def _join_or_leave(request, pk, change, done: str, already: str):
    b, kijker = _participant(request, pk)
    groep = get_object_or_404(Voorbereidingsgroep, bijeenkomst=b)
    try:
        changed = change(groep=groep, inschrijving=kijker.mijn)
    except TrajectError as exc:
        return _group_answer(request, b, kijker, groep, fout=str(exc))
    return _group_answer(request, b, kijker, None, melding=done if changed else already)


@login_required
@require_POST
def bereid(request, pk):
    """Say (or take back) that you are willing to help prepare a meeting."""
    b, kijker = _participant(request, pk)
    form = BereidForm(request.POST)
    if not form.is_valid():
        raise BadRequest
    wil = form.cleaned_data["wil"]
    services.set_wil_voorbereiden(inschrijving=kijker.mijn, wil=wil)
    melding = (
        _("Fijn! De coördinator weet nu dat je wilt helpen voorbereiden.")
        if wil
        else _("Je staat niet meer op de lijst van mensen die willen helpen voorbereiden.")
    )
    return _group_answer(request, b, kijker, None, melding=melding)


# --- The coordinator's part ---------------------------------------------------------------


def _coordinator(request, pk):
    b = bijeenkomst_or_404(request.user, pk, Actie.COORDINEREN)
    return b, Kijker(coordineert=True, mijn=None, ziet_namen=True)


@login_required
@require_POST
def instellingen(request, pk):
    """Set up the prep group (size, when and where it prepares), or change it."""
    b, kijker = _coordinator(request, pk)
    groep = queries.groep_van(b)
    nieuw = groep is None
    form = GroepForm(request.POST, instance=groep or Voorbereidingsgroep(bijeenkomst=b))
    if form.is_valid():
        try:
            opgeslagen = services.save_groep(form=form)
        except TrajectError as exc:
            form.add_error("grootte", str(exc))
        else:
            audit.log(
                request.user,
                AuditActie.GROEP_INSTELLINGEN,
                opgeslagen if opgeslagen is not None else form.instance,
                traject=b.traject,
                velden=form.changed_data,
                nieuw=nieuw,
            )
            messages.success(
                request,
                _("De voorbereidingsgroep staat klaar. Deelnemers kunnen zich nu aanmelden.")
                if nieuw
                else _("De voorbereidingsgroep is opgeslagen."),
            )
            return redirect(_page_url(b, anker="groep"))
    return _voorbereiding_page(request, b, kijker, groep=groep, form=form)


@login_required
@require_POST
def vergrendelen(request, pk):
    """Lock the group (no one joins or leaves by themselves any more), or open it again."""
    b, kijker = _coordinator(request, pk)
    groep = get_object_or_404(Voorbereidingsgroep, bijeenkomst=b)
    form = VergrendelForm(request.POST)
    if not form.is_valid():
        raise BadRequest
    dicht = form.cleaned_data["vergrendeld"]
    services.lock_groep(groep=groep, vergrendeld=dicht)
    audit.log(
        request.user, AuditActie.GROEP_VERGRENDELD, groep, traject=b.traject, vergrendeld=dicht
    )
    melding = _("De groep is vergrendeld.") if dicht else _("De groep is weer open voor aanmelden.")
    return _group_answer(request, b, kijker, None, melding=melding)


@login_required
@require_POST
def voorstel(request, pk):
    """ "Stel een groep voor": show a proposal, another one, swap one person, or accept."""
    b, kijker = _coordinator(request, pk)
    groep = get_object_or_404(Voorbereidingsgroep, bijeenkomst=b)
    groep.bijeenkomst = b
    form = VoorstelForm(request.POST)
    if not form.is_valid():
        raise BadRequest
    if form.cleaned_data["actie"] == "accepteer":
        try:
            changed = form.save(groep)
        except TrajectError as exc:
            return _voorstel_answer(request, b, kijker, groep, None, fout=str(exc))
        audit.log(
            request.user, AuditActie.GROEP_SAMENGESTELD, groep, traject=b.traject, gewijzigd=changed
        )
        melding = (
            _("De groep is samengesteld. De leden krijgen een e-mail.")
            if changed
            else _("De groep was al zo samengesteld.")
        )
        if not wants_partial(request):
            messages.success(request, melding)
            return redirect(_page_url(b, anker="groep"))
        # The proposal region with the message, and the group region out of band.
        context = {"b": b, "voorstel": None, "voorstel_melding": melding}
        html = render_to_string(f"{VOORBEREIDING}#voorstel", context, request)
        groep_context = _groep_context(b, kijker, oob=True)
        html += render_to_string(f"{VOORBEREIDING}#groep", groep_context, request)
        return HttpResponse(html)
    try:
        result = form.voorstel(groep)
    except TrajectError as exc:
        return _voorstel_answer(request, b, kijker, groep, None, fout=str(exc))
    audit.log(
        request.user,
        AuditActie.GROEP_VOORSTEL,
        groep,
        traject=b.traject,
        stap=form.cleaned_data["actie"],
    )
    return _voorstel_answer(request, b, kijker, groep, result)


def _voorstel_answer(request, b, kijker, groep, result, *, fout=None):
    if wants_partial(request):
        context = {"b": b, "voorstel": result, "voorstel_fout": fout}
        return render(request, f"{VOORBEREIDING}#voorstel", context)
    return _voorbereiding_page(request, b, kijker, groep=groep, voorstel=result, voorstel_fout=fout)


# --- Table groups -------------------------------------------------------------------------


def _tafels_context(b, **extra) -> dict:
    """What the coordinator sees on the table page: the tables (with the numbers a person
    can be moved to: open tables with room), who still needs a table, and the plan."""
    lijst = queries.tafels(b)
    kandidaten = queries.tafel_kandidaten(b)
    seated = {p.inschrijving_id for t in lijst for p in t.plaatsen}
    kept = {p.inschrijving_id for t in lijst if t.tafel.vergrendeld for p in t.plaatsen}
    open_numbers = [
        t.tafel.nummer
        for t in lijst
        if not t.tafel.vergrendeld and len(t.plaatsen) < grouping.TABLE_MAX
    ]
    for t in lijst:
        t.naar = [n for n in open_numbers if n != t.tafel.nummer]
    plan = grouping.table_plan(sum(1 for i in kandidaten.mensen if i.pk not in kept))
    return {
        "b": b,
        "coordineert": True,
        "tafels": lijst,
        "kandidaten": kandidaten,
        "zonder_tafel": [i for i in kandidaten.mensen if i.pk not in seated],
        "volgende_seed": max((t.tafel.indeling for t in lijst), default=-1) + 1,
        "plan_tekst": queries.plan_tekst(plan) if plan.sizes else "",
        "plan_past": plan.as_promised,
        **extra,
    }


@login_required
def tafels(request, pk):
    """Coordinator: the table list (print-friendly) and who still needs a table. Someone
    with a seat: "jouw tafel". A manager in scope: the number of tables only."""
    b = bijeenkomst_or_404(request.user, pk)
    kijker = _kijker(request.user, b)
    context = {
        "b": b,
        "coordineert": kijker.coordineert,
        "mijn": kijker.mijn,
        "mijn_tafel": queries.mijn_tafel(b, kijker.mijn),
    }
    if kijker.coordineert:
        context.update(_tafels_context(b))
    elif kijker.mijn is None:
        context["aantal_tafels"] = b.tafels.count()
    return vary_on_htmx(render(request, TAFELS, context))


@login_required
@require_POST
def tafels_indelen(request, pk):
    """Split the people into tables (again: "Maak een andere indeling"); locked tables
    stay as they are."""
    b = bijeenkomst_or_404(request.user, pk, Actie.COORDINEREN)
    form = TafelsForm(request.POST)
    if not form.is_valid():
        raise BadRequest
    try:
        indeling = services.make_tables(bijeenkomst=b, seed=form.cleaned_data["seed"] or 0)
    except TrajectError as exc:
        messages.error(request, str(exc))
    else:
        made = indeling.tafels
        audit.log(request.user, AuditActie.TAFELS_INGEDEELD, b, tafels=len(made))
        messages.success(
            request,
            _("De mensen zijn over %(aantal)s tafels verdeeld.") % {"aantal": len(made)},
        )
        if indeling.plan.sizes and not indeling.plan.as_promised:
            messages.warning(request, queries.plan_tekst(indeling.plan))
    return redirect(_page_url(b, "tafels"))


@login_required
@require_POST
def tafels_erbij(request, pk):
    """Someone who came later joins the open table where they best keep the balance; a new
    table when every table is full or locked."""
    b = bijeenkomst_or_404(request.user, pk, Actie.COORDINEREN)
    form = LaatForm(request.POST)
    if not form.is_valid():
        raise BadRequest
    inschrijving = get_object_or_404(
        b.traject.inschrijvingen.select_related("deelnemer__user"),
        pk=form.cleaned_data["inschrijving"],
    )
    try:
        aanschuiven = services.seat_late_arrival(bijeenkomst=b, inschrijving=inschrijving)
    except TrajectError as exc:
        messages.error(request, str(exc))
        return redirect(_page_url(b, "tafels"))
    tafel = aanschuiven.tafel
    audit.log(
        request.user,
        AuditActie.TAFEL_ERBIJ,
        inschrijving,
        bijeenkomst=b.pk,
        tafel=tafel.nummer,
        nieuwe_tafel=aanschuiven.nieuwe_tafel,
    )
    if aanschuiven.nieuwe_tafel:
        messages.warning(
            request,
            _(
                "Alle tafels waren vol of vergrendeld. %(naam)s zit aan een nieuwe tafel "
                "%(nummer)s. Die tafel is nog klein: zet er wie later komt bij, of verplaats "
                "iemand."
            )
            % {"naam": inschrijving.weergavenaam, "nummer": tafel.nummer},
        )
    else:
        messages.success(
            request,
            _("%(naam)s zit aan tafel %(nummer)s.")
            % {"naam": inschrijving.weergavenaam, "nummer": tafel.nummer},
        )
    return redirect(_page_url(b, "tafels", anker=f"tafel-{tafel.nummer}"))


def _tafels_answer(request, b, *, melding=None, fout=None, anker=""):
    """After a move or a lock: the table list (htmx) or back to the page."""
    if wants_partial(request):
        context = _tafels_context(b, melding=melding, fout=fout)
        return vary_on_htmx(render(request, f"{TAFELS}#tafellijst", context))
    if fout:
        messages.error(request, fout)
    elif melding:
        messages.success(request, melding)
    return redirect(_page_url(b, "tafels", anker=anker or "tafellijst-kop"))


@login_required
@require_POST
def tafels_verplaatsen(request, pk):
    """The coordinator moves someone to another table, or to a new one."""
    b = bijeenkomst_or_404(request.user, pk, Actie.COORDINEREN)
    form = VerplaatsForm(request.POST)
    if not form.is_valid():
        if "naar" in form.errors and "inschrijving" not in form.errors:
            return _tafels_answer(request, b, fout=form.errors["naar"][0])
        raise BadRequest
    inschrijving = get_object_or_404(
        b.traject.inschrijvingen.select_related("deelnemer__user"),
        pk=form.cleaned_data["inschrijving"],
    )
    try:
        tafel = services.move_to_table(
            bijeenkomst=b, inschrijving=inschrijving, nummer=form.cleaned_data["naar"]
        )
    except TrajectError as exc:
        return _tafels_answer(request, b, fout=str(exc))
    audit.log(
        request.user,
        AuditActie.TAFEL_VERPLAATST,
        inschrijving,
        bijeenkomst=b.pk,
        tafel=tafel.nummer,
    )
    melding = _("%(naam)s zit nu aan tafel %(nummer)s.") % {
        "naam": inschrijving.weergavenaam,
        "nummer": tafel.nummer,
    }
    return _tafels_answer(request, b, melding=melding, anker=f"tafel-{tafel.nummer}")


@login_required
@require_POST
def tafels_vergrendelen(request, pk):
    """Lock a table (it stays as it is at a new split and gets no late arrivals), or open
    it again."""
    b = bijeenkomst_or_404(request.user, pk, Actie.COORDINEREN)
    form = TafelSlotForm(request.POST)
    if not form.is_valid():
        raise BadRequest
    tafel = get_object_or_404(b.tafels, nummer=form.cleaned_data["tafel"])
    dicht = form.cleaned_data["vergrendeld"]
    services.lock_tafel(tafel=tafel, vergrendeld=dicht)
    audit.log(
        request.user, AuditActie.TAFEL_VERGRENDELD, tafel, tafel=tafel.nummer, vergrendeld=dicht
    )
    values = {"nummer": tafel.nummer}
    melding = (
        _("Tafel %(nummer)s is vergrendeld: die blijft zo bij een nieuwe indeling.") % values
        if dicht
        else _("Tafel %(nummer)s is weer open.") % values
    )
    return _tafels_answer(request, b, melding=melding, anker=f"tafel-{tafel.nummer}")
