"""Proposing meeting dates for a new traject. Pure: no Django imports."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
START = time(14, 0)
LENGTE = timedelta(hours=2, minutes=30)
TUSSENPOOS = timedelta(weeks=3)


def propose(first_day: date, count: int) -> list[tuple[datetime, datetime]]:
    """``count`` afternoons, three weeks apart, at 14:00 local time (whatever the DST)."""
    slots = []
    for n in range(count):
        day = first_day + n * TUSSENPOOS
        start = datetime.combine(day, START, tzinfo=AMSTERDAM)
        slots.append((start, start + LENGTE))
    return slots
