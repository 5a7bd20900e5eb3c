"""Links that put the personal meeting feed in a calendar app with one click."""

from urllib.parse import quote, urlsplit

from django.conf import settings
from django.urls import reverse


def calendar_links(token: str) -> dict[str, str]:
    """The feed's address, and subscribe links for the common calendar apps: ``webcal:``
    opens Apple Calendar and desktop Outlook; Google and Outlook.com take the address."""
    feed = settings.SITE_URL.rstrip("/") + reverse("persoonlijk_ics", kwargs={"token": token})
    webcal = "webcal://" + feed.split("://", 1)[1]
    name = quote(urlsplit(settings.SITE_URL).hostname or "Samenspel")
    return {
        "feed": feed,
        "webcal": webcal,
        "google": "https://calendar.google.com/calendar/render?cid=" + quote(webcal, safe=""),
        "outlook": (
            "https://outlook.live.com/calendar/0/addfromweb?url="
            + quote(feed, safe="")
            + f"&name={name}"
        ),
    }
