"""The sign-in link, a kind of message like every other: a ledger row before it is sent.

The row names the account and a key made when the person asked (the moment and a random
part), never the typed address or the link: the link is made when the message is built, so
it is fresh and the ledger cannot give it away. A link asked for long ago is not sent any
more (after a long outage): the person will have asked again.
"""

import uuid
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.utils import timezone

from berichten import kinds
from samenspel.auth import signin_url

from .choices import Bericht

STILL_WANTED = timedelta(hours=1)


def signin_key(now=None) -> str:
    now = now or timezone.now()
    return f"{int(now.timestamp())}-{uuid.uuid4().hex[:16]}"


def asked_at(key: str):
    stamp = key.split("-", 1)[0]
    return datetime.fromtimestamp(int(stamp), tz=UTC) if stamp.isdigit() else None


def _relevant(row, known) -> bool:
    asked = asked_at(row.sleutel)
    return asked is not None and timezone.now() - asked < STILL_WANTED


def _context(row, known) -> dict:
    return {
        "link": signin_url(row.ontvanger),
        "minuten": settings.SESAME_MAX_AGE // 60,
        "eenmalig": settings.SESAME_ONE_TIME,
    }


kinds.register(Bericht.INLOGLINK, relevant=_relevant, context=_context)
