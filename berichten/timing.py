"""When reminders are due. Pure: no Django imports.

Times are compared as aware datetimes; "n days before" is wall-clock arithmetic in
Europe/Amsterdam, so a reminder one day before a meeting at 19:30 goes out at 19:30 the
day before, also across the change to or from summer time (then 23 or 25 hours before).
"""

from collections.abc import Sequence
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UTC = ZoneInfo("UTC")
EVALUATIE_OM = time(9, 0)  # the morning after a meeting
EVALUATIE_TOT = timedelta(days=3)  # after that, asking is no longer useful
VERSLAG_NA = timedelta(days=3)
VOORBEREIDING_DAGEN = 2  # prep-meeting reminder, days before


def parse_days(text: str) -> list[int]:
    """ "7,1" → [7, 1]; empty means no reminders. Raises ValueError on anything else."""
    days = sorted({int(part) for part in text.replace(" ", "").split(",") if part}, reverse=True)
    if any(d < 1 or d > 60 for d in days):
        raise ValueError("days must be between 1 and 60")
    return days


def local_days_before(moment: datetime, days: int) -> datetime:
    local = moment.astimezone(AMSTERDAM)
    # Wall-clock arithmetic: same tzinfo, so Python keeps the local time of day.
    return (local - timedelta(days=days)).replace(fold=0)


def days_until(start: datetime, now: datetime) -> int:
    """Calendar days from ``now`` to the meeting, in Europe/Amsterdam: 0 is today, 1 is
    tomorrow. A reminder states this, measured when it is sent, not the nominal offset of
    the reminder (a meeting moved to 5 days ahead gets the 7-day reminder now)."""
    return (start.astimezone(AMSTERDAM).date() - now.astimezone(AMSTERDAM).date()).days


def due_reminder(start: datetime, now: datetime, days: Sequence[int]) -> int | None:
    """The reminder (in days before) that is due now, or None. Only the nearest opened
    window counts, so a meeting planned three days ahead gets the 1-day reminder only,
    not a late 7-day one as well."""
    # Compare real instants: Python compares datetimes that share a tzinfo by wall clock.
    now, start_utc = now.astimezone(UTC), start.astimezone(UTC)
    if now >= start_utc:
        return None
    due = None
    for d in sorted(days, reverse=True):
        if now >= local_days_before(start, d).astimezone(UTC):
            due = d
    return due


def evaluation_due(einde: datetime, now: datetime) -> bool:
    """The evaluation request goes out from 09:00 the morning after the meeting."""
    local_end = einde.astimezone(AMSTERDAM)
    opens = datetime.combine(local_end.date() + timedelta(days=1), EVALUATIE_OM, AMSTERDAM)
    opens, now = opens.astimezone(UTC), now.astimezone(UTC)
    return opens <= now < opens + EVALUATIE_TOT


def report_reminder_due(einde: datetime, now: datetime) -> bool:
    """The coordinator hears three days after the meeting if its report is not published."""
    return einde + VERSLAG_NA <= now < einde + VERSLAG_NA + EVALUATIE_TOT


def offer_lapsed(aangeboden_op: datetime, now: datetime, hours: int) -> bool:
    return now >= aangeboden_op + timedelta(hours=hours)
