"""The meeting day: the coordinator's check-in list, the live screen on the projector and
the contributions people send from their phones.

Every page works with plain forms and links; with htmx, the same URLs answer with a partial
of the same template. The live screen polls its two regions and gets 204 (no swap) while
nothing changed, so screen readers are not told the same thing every few seconds.
"""

import hashlib

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import BadRequest
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from samenspel import audit
from samenspel.permissions import Actie, login_required
from samenspel.responses import vary_on_htmx, wants_partial
from trajecten.errors import TrajectError, TrajectVol
from trajecten.permissions import may

from .. import queries, services
from ..choices import AuditActie
from ..models import Bijdrage
from ..permissions import bijeenkomst_or_404
from .forms import (
    BRAINSTORM_MINUTEN,
    BijdrageForm,
    CheckInForm,
    InloopForm,
    LiveActieForm,
)

CHECKIN = "bijeenkomsten/aanwezigheid.html"
LIVE = "bijeenkomsten/live.html"
INBRENG = "bijeenkomsten/inbreng.html"
LIVE_DELEN = ("stand", "bijdragen")


def _versie(*parts) -> str:
    """A short fingerprint of what a region shows, sent back by its poll."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


# --- Check-in list ------------------------------------------------------------------------


def _checkin_url(b, *, zoek: str = "", anker: str = "") -> str:
    url = reverse("bijeenkomsten:aanwezigheid", kwargs={"pk": b.pk})
    if zoek:
        url += "?" + urlencode({"zoek": zoek})
    if anker:
        url += f"#{anker}"
    return url


def _zoekterm(data) -> str:
    return data.get("zoek", "").strip()[:100]


def _checkin_page(request, b, *, inloop_form=None, vol=""):
    zoek = _zoekterm(request.GET)
    context = {
        "b": b,
        "zoek": zoek,
        "personen": queries.checkin_list(b, zoek),
        "teller": queries.checkin_teller(b),
        "inloop_form": inloop_form or InloopForm(),
        "inloop_vol": vol,
    }
    return render(request, CHECKIN, context)


@login_required
def aanwezigheid(request, pk):
    """GET: the check-in list, searchable by name. POST: mark one person present or not."""
    b = bijeenkomst_or_404(request.user, pk, Actie.COORDINEREN)
    if request.method == "POST":
        return _check_in(request, b)
    if wants_partial(request):
        zoek = _zoekterm(request.GET)
        context = {"b": b, "zoek": zoek, "personen": queries.checkin_list(b, zoek)}
        return vary_on_htmx(render(request, f"{CHECKIN}#lijst", context))
    return vary_on_htmx(_checkin_page(request, b))


def _check_in(request, b):
    form = CheckInForm(request.POST)
    if not form.is_valid():
        raise BadRequest
    zoek = _zoekterm(request.POST)
    inschrijving = get_object_or_404(queries.checkin_list(b), pk=form.cleaned_data["inschrijving"])
    aanwezig = form.cleaned_data["aanwezig"]
    services.check_in(bijeenkomst=b, inschrijving=inschrijving, aanwezig=aanwezig)
    audit.log(request.user, AuditActie.AANWEZIG, inschrijving, bijeenkomst=b.pk, aanwezig=aanwezig)
    inschrijving.is_aanwezig = aanwezig
    if wants_partial(request):
        # The row, and the counter out of band.
        context = {"b": b, "zoek": zoek, "i": inschrijving, "teller": queries.checkin_teller(b)}
        html = render_to_string(f"{CHECKIN}#persoon", context, request)
        html += render_to_string(f"{CHECKIN}#teller", {**context, "oob": True}, request)
        return HttpResponse(html)
    naam = str(inschrijving.deelnemer)
    if aanwezig:
        messages.success(request, _("%(naam)s is aanwezig.") % {"naam": naam})
    else:
        messages.success(request, _("%(naam)s is niet meer aanwezig.") % {"naam": naam})
    return redirect(_checkin_url(b, zoek=zoek, anker=f"persoon-{inschrijving.pk}"))


@login_required
def inloop(request, pk):
    """Someone who walks in: enrolled with a seat and checked in at once."""
    b = bijeenkomst_or_404(request.user, pk, Actie.COORDINEREN)
    if request.method != "POST":
        return redirect(_checkin_url(b, anker="inloop"))
    form = InloopForm(request.POST)
    if not form.is_valid():
        return _checkin_page(request, b, inloop_form=form)
    try:
        inschrijving = form.save(bijeenkomst=b)
    except TrajectVol as exc:
        # Warn first; the page offers a second button that says yes explicitly.
        return _checkin_page(request, b, inloop_form=form, vol=str(exc))
    extra = {"boven_capaciteit": True} if form.cleaned_data["boven_capaciteit"] else {}
    audit.log(request.user, AuditActie.INLOOP, inschrijving, bijeenkomst=b.pk, **extra)
    messages.success(
        request,
        _("%(naam)s is ingeschreven en aanwezig gemeld.") % {"naam": inschrijving.weergavenaam},
    )
    return redirect(_checkin_url(b, anker=f"persoon-{inschrijving.pk}"))


# --- The live screen ----------------------------------------------------------------------


def _stand_context(b, stand=None) -> dict:
    stand = stand or services.live_stand(b)
    agenda = list(b.agenda.all())
    index = next((n for n, p in enumerate(agenda) if p.pk == stand.huidig_punt_id), None)
    volgend_index = 0 if index is None else index + 1
    timer = stand.timer_einde
    return {
        "stand": stand,
        "agenda": agenda,
        "huidig": agenda[index] if index is not None else None,
        "volgend": agenda[volgend_index] if volgend_index < len(agenda) else None,
        "timer_loopt": bool(timer and timer > timezone.now()),
        "brainstorm_minuten": BRAINSTORM_MINUTEN,
        "stand_versie": _versie(
            [(p.pk, p.titel) for p in agenda],
            stand.huidig_punt_id,
            timer.isoformat() if timer else None,
            stand.ja_maar,
            stand.ja_en,
        ),
    }


def _bijdragen_context(request, b, *, coordineert=None) -> dict:
    groepen = queries.live_bijdragen(b)
    if coordineert is None:
        coordineert = may(request.user, b.traject, Actie.COORDINEREN)
    return {
        "groepen": groepen,
        "coordineert": coordineert,
        "bijdragen_versie": _versie(
            coordineert, [x.pk for groep in groepen for x in groep["bijdragen"]]
        ),
    }


@never_cache
@login_required
def live(request, pk):
    """The screen on the projector. ``?deel=stand`` or ``?deel=bijdragen`` (with htmx) is
    one region; with ``gezien=`` equal to what the region shows, the answer is 204."""
    b = bijeenkomst_or_404(request.user, pk, Actie.VERSLAG)
    deel = request.GET.get("deel")
    if wants_partial(request) and deel in LIVE_DELEN:
        if deel == "stand":
            context = {"b": b, **_stand_context(b)}
        else:
            context = {"b": b, **_bijdragen_context(request, b)}
        if request.GET.get("gezien") == context[f"{deel}_versie"]:
            return vary_on_htmx(HttpResponse(status=204))
        return vary_on_htmx(render(request, f"{LIVE}#{deel}", context))
    context = {
        "b": b,
        **_stand_context(b),
        **_bijdragen_context(request, b),
        "form": BijdrageForm(bijeenkomst=b, voornaam=queries.voornaam(request.user)),
        "vanaf": "live",
        # The public address, for people to type on their phones.
        "inbreng_url": settings.SITE_URL + reverse("bijeenkomsten:inbreng", kwargs={"pk": b.pk}),
    }
    return vary_on_htmx(render(request, LIVE, context))


@login_required
@require_POST
def live_actie(request, pk):
    """A step on the live screen: choose an agenda item, start or stop the brainstorm
    timer, count a "Ja maar" or a "Ja, en"."""
    b = bijeenkomst_or_404(request.user, pk, Actie.VERSLAG)
    form = LiveActieForm(request.POST)
    stand, fout = None, None
    if form.is_valid():
        try:
            stand = form.save(bijeenkomst=b)
        except TrajectError as exc:
            fout = str(exc)
        else:
            audit.log(request.user, AuditActie.LIVE_STAP, b, stap=form.cleaned_data["actie"])
    else:
        fout = _("Dat lukte niet. Kies een tijd van 1 tot 120 minuten en probeer het opnieuw.")
    if wants_partial(request):
        context = {"b": b, **_stand_context(b, stand), "fout": fout}
        return render(request, f"{LIVE}#stand", context)
    if fout:
        messages.error(request, fout)
    return redirect("bijeenkomsten:live", pk=b.pk)


@login_required
@require_POST
def bijdrage_verbergen(request, pk, bijdrage_pk):
    """Take a contribution off the screen (coordinators only)."""
    b = bijeenkomst_or_404(request.user, pk, Actie.COORDINEREN)
    bijdrage = get_object_or_404(Bijdrage, pk=bijdrage_pk, bijeenkomst=b)
    services.hide_bijdrage(bijdrage=bijdrage)
    audit.log(request.user, AuditActie.BIJDRAGE_VERBORGEN, bijdrage, traject=b.traject)
    if wants_partial(request):
        context = {"b": b, **_bijdragen_context(request, b, coordineert=True)}
        return render(request, f"{LIVE}#bijdragen", context)
    messages.success(request, _("De inbreng is verborgen."))
    return redirect("bijeenkomsten:live", pk=b.pk)


# --- Contributions from the table ---------------------------------------------------------


@login_required
def inbreng(request, pk):
    """A participant (or the coordinator on the live screen) sends an idea, a strength, a
    knelpunt, a quote or a hopeful note. Anonymous unless the first name is chosen.
    Managers who are not at the table may look at the meeting, not contribute (404)."""
    b = bijeenkomst_or_404(request.user, pk, Actie.INBRENGEN)
    voornaam = queries.voornaam(request.user)
    vanaf = "live" if request.POST.get("vanaf") == "live" else ""
    form = BijdrageForm(request.POST or None, bijeenkomst=b, voornaam=voornaam)
    verstuurd = False
    if request.method == "POST" and form.is_valid():
        form.save(door=request.user)
        if not wants_partial(request):
            messages.success(request, _("Dank je wel! We hebben je inbreng ontvangen."))
            if vanaf == "live":
                return redirect("bijeenkomsten:live", pk=b.pk)
            return redirect("bijeenkomsten:inbreng", pk=b.pk)
        # A fresh form for the next one, with the same choices.
        keuzes = {k: form.cleaned_data.get(k) for k in ("soort", "toon_naam")}
        form = BijdrageForm(initial=keuzes, bijeenkomst=b, voornaam=voornaam)
        verstuurd = True
    context = {"b": b, "form": form, "verstuurd": verstuurd, "vanaf": vanaf}
    if wants_partial(request):
        response = render(request, f"{INBRENG}#formulier", context)
        if verstuurd:
            # The live screen fetches its contributions at once instead of at the next poll.
            response["HX-Trigger"] = "bijdrage-nieuw"
        return vary_on_htmx(response)
    return vary_on_htmx(render(request, INBRENG, context))
