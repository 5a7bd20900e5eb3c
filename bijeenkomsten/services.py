"""Writes on meetings: scheduling, answers, check-in, contributions and the live screen."""

from datetime import timedelta

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from berichten.choices import VerzendStatus
from berichten.models import Verzending
from samenspel import queueing
from trajecten import services as trajecten_services
from trajecten.errors import TrajectError
from trajecten.models import Inschrijving, Traject

from . import planning, tasks
from .choices import Antwoord, Bericht, BijeenkomstStatus
from .models import Aanwezigheid, Bijdrage, Bijeenkomst, LiveStand

# Changes to these fields matter to people's calendars.
CALENDAR_FIELDS = (
    "start",
    "einde",
    "plaats",
    "adres",
    "online_link",
    "thema",
    "drempelvrij",
    "ringleiding",
    "stille_ruimte",
    "toegankelijkheid",
)


@transaction.atomic
def propose_bijeenkomsten(*, traject: Traject) -> list[Bijeenkomst]:
    """Create the traject's meetings as a proposal, if it has none yet."""
    if traject.bijeenkomsten.exists():
        return []
    first = traject.startdatum or (timezone.localdate() + timedelta(weeks=2))
    return Bijeenkomst.objects.bulk_create(
        [
            Bijeenkomst(traject=traject, nummer=n, start=start, einde=einde)
            for n, (start, einde) in enumerate(
                planning.propose(first, traject.aantal_bijeenkomsten), start=1
            )
        ]
    )


def _notify_change(bijeenkomst: Bijeenkomst) -> None:
    pk, volgnummer = bijeenkomst.pk, bijeenkomst.volgnummer
    # Without a broker the task's work (claiming ledger rows) runs here; the sweep sends them.
    queueing.after_commit_or_inline(tasks.send_bijeenkomst_gewijzigd, pk, volgnummer)


# What the change e-mail compares, old against new.
SHOWN_FIELDS = ("start", "einde", "plaats", "adres", "online_link")


def _shown(bijeenkomst: Bijeenkomst) -> dict:
    values = {f: getattr(bijeenkomst, f) for f in SHOWN_FIELDS}
    return {f: v.isoformat() if hasattr(v, "isoformat") else v for f, v in values.items()}


def _previous(old: Bijeenkomst) -> dict:
    """What people last heard before this change: the values before it, unless the e-mail
    about the change before it was sent to nobody yet (then they still know those older
    values)."""

    if old.vorige_gegevens and old.volgnummer:
        heard = Verzending.objects.filter(
            bijeenkomst_id=old.pk,
            doel=Bericht.WIJZIGING,
            sleutel=f"{old.pk}:{old.volgnummer}",
            status=VerzendStatus.VERZONDEN,
        ).exists()
        if not heard:
            return old.vorige_gegevens
    return _shown(old)


@transaction.atomic
def save_bijeenkomst(*, form) -> Bijeenkomst:
    """Save a new or edited meeting. A change people's calendars care about raises the
    SEQUENCE and tells those with a seat."""
    bijeenkomst = form.instance
    is_new = bijeenkomst.pk is None
    if is_new and not bijeenkomst.nummer:
        top = bijeenkomst.traject.bijeenkomsten.aggregate(m=Max("nummer"))["m"] or 0
        bijeenkomst.nummer = top + 1
    changed = not is_new and any(f in form.changed_data for f in CALENDAR_FIELDS)
    if changed:
        old = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst.pk)
        bijeenkomst.vorige_gegevens = _previous(old)
        bijeenkomst.volgnummer = F("volgnummer") + 1
    bijeenkomst.gewijzigd_op = timezone.now()
    bijeenkomst = form.save()
    bijeenkomst.refresh_from_db()
    if changed:
        _notify_change(bijeenkomst)
    return bijeenkomst


@transaction.atomic
def cancel_bijeenkomst(*, bijeenkomst: Bijeenkomst, reden: str = "") -> None:
    """Cancel a planned meeting; the optional reason goes in the e-mail to everyone."""
    updated = Bijeenkomst.objects.filter(
        pk=bijeenkomst.pk, status=BijeenkomstStatus.GEPLAND
    ).update(
        status=BijeenkomstStatus.GEANNULEERD,
        annuleringsreden=reden.strip()[:1000],
        volgnummer=F("volgnummer") + 1,
        gewijzigd_op=timezone.now(),
    )
    if updated:
        bijeenkomst.refresh_from_db()
        _notify_change(bijeenkomst)


def set_antwoord(*, bijeenkomst: Bijeenkomst, inschrijving: Inschrijving, antwoord: str):
    if antwoord not in Antwoord.values:
        raise TrajectError(_("Kies een antwoord."))
    if bijeenkomst.is_geannuleerd:
        raise TrajectError(_("Deze bijeenkomst gaat niet door."))
    if bijeenkomst.is_begonnen:
        raise TrajectError(
            _("Deze bijeenkomst is al begonnen. Je hoeft niet meer te laten weten of je komt.")
        )
    row, _created = Aanwezigheid.objects.update_or_create(
        bijeenkomst=bijeenkomst, inschrijving=inschrijving, defaults={"antwoord": antwoord}
    )
    return row


def check_in(*, bijeenkomst: Bijeenkomst, inschrijving: Inschrijving, aanwezig: bool):
    row, _created = Aanwezigheid.objects.update_or_create(
        bijeenkomst=bijeenkomst,
        inschrijving=inschrijving,
        defaults={"aanwezig": aanwezig, "aangemeld_op": timezone.now() if aanwezig else None},
    )
    return row


@transaction.atomic
def add_walk_in(
    *, bijeenkomst: Bijeenkomst, naam: str, email: str, rol: str, boven_capaciteit: bool = False
) -> Inschrijving:
    """Someone who walks in is enrolled with a seat (they are at the table) and checked in.
    Over the traject's capacity only with ``boven_capaciteit`` (raises ``TrajectVol``
    otherwise, and nothing is written)."""
    deelnemer = trajecten_services.get_or_create_deelnemer(naam=naam, email=email)
    inschrijving = trajecten_services.place_at_table(
        traject=bijeenkomst.traject,
        deelnemer=deelnemer,
        rol=rol,
        boven_capaciteit=boven_capaciteit,
        naam=naam,
    )
    check_in(bijeenkomst=bijeenkomst, inschrijving=inschrijving, aanwezig=True)
    return inschrijving


def add_bijdrage(*, bijeenkomst, soort: str, tekst: str, door=None, toon_naam=False) -> Bijdrage:
    return Bijdrage.objects.create(
        bijeenkomst=bijeenkomst,
        soort=soort,
        tekst=tekst.strip(),
        door=door,
        toon_naam=bool(door) and toon_naam,
    )


def hide_bijdrage(*, bijdrage: Bijdrage) -> None:
    Bijdrage.objects.filter(pk=bijdrage.pk).update(verborgen=True)


def live_stand(bijeenkomst) -> LiveStand:
    stand, _created = LiveStand.objects.get_or_create(bijeenkomst=bijeenkomst)
    return stand


def live_action(*, bijeenkomst, actie: str, punt_id: int | None = None, minuten: int = 20):
    """One step on the live screen. Counters move in the database (F) so two screens
    pressing at once both count."""
    stand = live_stand(bijeenkomst)
    qs = LiveStand.objects.filter(pk=stand.pk)
    if actie == "ja_maar":
        qs.update(ja_maar=F("ja_maar") + 1)
    elif actie == "ja_en":
        qs.update(ja_en=F("ja_en") + 1)
    elif actie == "timer_start":
        qs.update(timer_einde=timezone.now() + timedelta(minutes=max(1, min(minuten, 120))))
    elif actie == "timer_stop":
        qs.update(timer_einde=None)
    elif actie == "punt" and punt_id:
        if bijeenkomst.agenda.filter(pk=punt_id).exists():
            qs.update(huidig_punt_id=punt_id)
    else:
        raise TrajectError(_("Deze actie bestaat niet."))
    stand.refresh_from_db()
    return stand


def renew_agenda_token(*, deelnemer) -> str:
    import secrets

    deelnemer.agenda_token = secrets.token_urlsafe()
    deelnemer.save(update_fields=["agenda_token"])
    return deelnemer.agenda_token
