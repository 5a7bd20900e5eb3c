"""iCalendar feeds of meetings (RFC 5545), with stable UIDs, a rising SEQUENCE and a
VTIMEZONE for Europe/Amsterdam. Holds dates, places and themes only — never names."""

from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# The rule-based form (as tzurl.org and Outlook write it): every client reads it the same
# way, and it does not stop in 2038 like a generated list of transition dates.
VTIMEZONE = """BEGIN:VTIMEZONE
TZID:Europe/Amsterdam
X-LIC-LOCATION:Europe/Amsterdam
BEGIN:DAYLIGHT
TZNAME:CEST
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZNAME:CET
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
"""


def _uid(bijeenkomst) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "samenspel"
    return f"bijeenkomst-{bijeenkomst.pk}@{host}"


def _location(b) -> str:
    parts = [p for p in (b.plaats, b.adres) if p]
    if b.online_link:
        parts.append(b.online_link)
    return ", ".join(parts)


def _description(b) -> str:
    lines = []
    if b.thema:
        lines.append(_("Thema: %(thema)s") % {"thema": b.thema})
    access = [
        label
        for flag, label in (
            (b.drempelvrij, _("ingang zonder drempels")),
            (b.ringleiding, _("ringleiding")),
            (b.stille_ruimte, _("stille ruimte")),
        )
        if flag
    ]
    if access:
        lines.append(_("Toegankelijkheid: %(lijst)s") % {"lijst": ", ".join(access)})
    if b.toegankelijkheid:
        lines.append(b.toegankelijkheid)
    if b.online_link:
        lines.append(_("Online meedoen: %(link)s") % {"link": b.online_link})
    lines.append(f"{settings.SITE_URL}{b.get_absolute_url()}")
    return "\n".join(lines)


def event(b) -> Event:
    e = Event()
    e.add("uid", _uid(b))
    e.add("dtstamp", b.gewijzigd_op)
    e.add("last-modified", b.gewijzigd_op)
    e.add("dtstart", b.start.astimezone(AMSTERDAM))
    e.add("dtend", b.einde.astimezone(AMSTERDAM))
    e.add("sequence", b.volgnummer)
    e.add("status", "CANCELLED" if b.is_geannuleerd else "CONFIRMED")
    summary = _("%(traject)s: bijeenkomst %(nummer)s") % {
        "traject": b.traject.naam,
        "nummer": b.nummer,
    }
    if b.thema:
        summary = f"{summary} – {b.thema}"
    e.add("summary", summary)
    if location := _location(b):
        e.add("location", location)
    e.add("description", _description(b))
    e.add("url", f"{settings.SITE_URL}{b.get_absolute_url()}")
    return e


def calendar(bijeenkomsten, *, naam: str, language: str = "nl", method: str = "PUBLISH") -> bytes:
    with translation.override(language):
        cal = Calendar()
        cal.add("prodid", "-//Samenspel//Bijeenkomsten//NL")
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", method)
        cal.add("x-wr-calname", naam)
        cal.add("x-wr-timezone", "Europe/Amsterdam")
        cal.add_component(Timezone.from_ical(VTIMEZONE.replace("\n", "\r\n")))
        for b in bijeenkomsten:
            cal.add_component(event(b))
        return cal.to_ical()
