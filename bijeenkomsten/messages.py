"""The messages about meetings: the kinds this app registers with the outbox, what the
sweep finds due (reminders, prep reminders, evaluation requests) and the call that tells
everyone of a changed meeting."""

from datetime import timedelta

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from berichten import kinds, timing
from berichten.sending import Due, queue
from berichten.sweep import register_finder
from trajecten.queries import people_by_traject

from . import ics
from .choices import Antwoord, Bericht
from .models import Aanwezigheid, Bijeenkomst

HORIZON = timedelta(days=61)


def meeting_key(bijeenkomst, *extra) -> str:
    """A key that changes when the meeting moves, so a moved meeting gets a new reminder
    and the old one is never sent."""
    start = bijeenkomst.start.strftime("%Y%m%dT%H%M%SZ")
    return ":".join([str(bijeenkomst.pk), start, *map(str, extra)])


def meeting_reminders(now) -> list[Due]:
    due = []
    for b in (
        Bijeenkomst.objects.gepland()
        .filter(start__gt=now, start__lte=now + HORIZON)
        .exclude(traject__herinnering_dagen="")
        .select_related("traject")
    ):
        days = timing.due_reminder(b.start, now, timing.parse_days(b.traject.herinnering_dagen))
        if days:
            due.append((b, days))
    people = people_by_traject({b.traject_id for b, _ in due}, wil_herinneringen=True)
    return [
        Due(user_id, b.traject_id, Bericht.HERINNERING, meeting_key(b, days), b.pk)
        for b, days in due
        for user_id in people[b.traject_id]
    ]


def evaluation_requests(now) -> list[Due]:
    meetings = [
        b
        for b in Bijeenkomst.objects.gepland().filter(
            einde__lte=now, einde__gt=now - timedelta(days=5)
        )
        if timing.evaluation_due(b.einde, now)
    ]
    people = people_by_traject({b.traject_id for b in meetings}, wil_evaluatie_verzoeken=True)
    # Who said they would not come is not asked how it was.
    absent = set(
        Aanwezigheid.objects.filter(
            bijeenkomst__in=meetings, antwoord=Antwoord.KOMT_NIET, aanwezig=False
        ).values_list("bijeenkomst_id", "inschrijving__deelnemer__user_id")
    )
    return [
        Due(user_id, b.traject_id, Bericht.EVALUATIE, str(b.pk), b.pk)
        for b in meetings
        for user_id in people[b.traject_id]
        if (b.pk, user_id) not in absent
    ]


def notify_change(bijeenkomst) -> None:
    people = people_by_traject([bijeenkomst.traject_id])
    queue(
        [
            Due(
                user_id,
                bijeenkomst.traject_id,
                Bericht.WIJZIGING,
                f"{bijeenkomst.pk}:{bijeenkomst.volgnummer}",
                bijeenkomst.pk,
            )
            for user_id in people[bijeenkomst.traject_id]
        ]
    )


def _when(start, einde) -> str:
    start = start.astimezone(timing.AMSTERDAM)
    einde = einde.astimezone(timing.AMSTERDAM)
    return (
        f"{date_format(start, 'l j F Y')}, {date_format(start, 'H:i')}–{date_format(einde, 'H:i')}"
    )


def _where(plaats: str, adres: str) -> str:
    return ", ".join(part for part in (plaats, adres) if part) or _("geen plaats")


def changes(b) -> list[tuple[str, str, str]]:
    """What changed since people last heard, as (label, before, now), in the active
    language. Empty for a meeting that was not moved (or for a cancellation)."""
    before = b.vorige_gegevens or {}
    if not before or b.is_geannuleerd:
        return []
    rows = []
    start = parse_datetime(before.get("start") or "")
    einde = parse_datetime(before.get("einde") or "")
    if start and einde and (start, einde) != (b.start, b.einde):
        rows.append((_("Wanneer"), _when(start, einde), _when(b.start, b.einde)))
    plaats, adres = before.get("plaats", b.plaats), before.get("adres", b.adres)
    if (plaats, adres) != (b.plaats, b.adres):
        rows.append((_("Waar"), _where(plaats, adres), _where(b.plaats, b.adres)))
    link = before.get("online_link", b.online_link)
    if link != b.online_link:
        rows.append((_("Online"), link or _("geen link"), b.online_link or _("geen link")))
    return rows


def meeting_context(row, known=None) -> dict:
    """What every message about a meeting shows of it."""
    b = row.bijeenkomst
    return {"b": b, "agenda": list(b.agenda.all()) if b else []}


def _seated(row, known) -> bool:
    return (row.ontvanger_id, row.traject_id) in known["seated"]


def _reminder_relevant(row, known) -> bool:
    b = row.bijeenkomst
    return (
        not b.is_geannuleerd
        and row.sleutel.startswith(meeting_key(b) + ":")
        and _seated(row, known)
    )


def _reminder_context(row, known) -> dict:
    # The real distance as of sending, not the reminder's nominal offset.
    return {
        **meeting_context(row),
        "dagen": timing.days_until(row.bijeenkomst.start, timezone.now()),
    }


def _evaluation_relevant(row, known) -> bool:
    return not row.bijeenkomst.is_geannuleerd and _seated(row, known)


def _change_relevant(row, known) -> bool:
    b = row.bijeenkomst
    return row.sleutel == f"{b.pk}:{b.volgnummer}" and _seated(row, known)


def _change_context(row, known) -> dict:
    return {**meeting_context(row), "wijzigingen": changes(row.bijeenkomst)}


def _calendar(row, language):
    content = ics.calendar([row.bijeenkomst], naam=row.traject.naam, language=language)
    return ("bijeenkomst.ics", content, "text/calendar; charset=utf-8")


kinds.register(
    Bericht.HERINNERING,
    relevant=_reminder_relevant,
    context=_reminder_context,
    preference="wil_herinneringen",
    attachment=_calendar,
    sms=True,
)
kinds.register(
    Bericht.EVALUATIE,
    relevant=_evaluation_relevant,
    context=meeting_context,
    preference="wil_evaluatie_verzoeken",
)
kinds.register(
    Bericht.WIJZIGING,
    relevant=_change_relevant,
    context=_change_context,
    attachment=_calendar,
    sms=True,
)
register_finder(meeting_reminders)
register_finder(evaluation_requests)
