"""Links to accept or decline an offered seat without signing in: a signed token that
names the enrolment and the moment of the offer, so a link of an old offer does nothing.
A text message carries a short form (the enrolment and 64 bits of a keyed hash), which is
enough for a link that lapses within days."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "samenspel.aanbod"


def offer_token(inschrijving) -> str:
    return signing.dumps(
        {"i": inschrijving.pk, "t": inschrijving.aangeboden_op.isoformat()}, salt=SALT
    )


def short_offer_token(inschrijving) -> str:
    return f"k{inschrijving.pk}.{_mac(inschrijving)}"


def _mac(inschrijving) -> str:
    offer = f"{inschrijving.pk}:{inschrijving.aangeboden_op.isoformat()}"
    return salted_hmac(SALT, offer).hexdigest()[:16]


def offered_id(token: str) -> int | None:
    """The enrolment a link names, before it is checked against that enrolment's offer."""
    if token.startswith("k"):
        pk, _dot, _mac = token[1:].partition(".")
        return int(pk) if pk.isdigit() else None
    try:
        return int(signing.loads(token, salt=SALT)["i"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def is_current(token: str, inschrijving) -> bool:
    """Whether the link is of this enrolment's current offer."""
    if token.startswith("k"):
        return constant_time_compare(token, short_offer_token(inschrijving))
    return signing.loads(token, salt=SALT)["t"] == inschrijving.aangeboden_op.isoformat()


def deadline(inschrijving):
    return inschrijving.aangeboden_op + timedelta(hours=inschrijving.traject.aanbod_uren)


def offer_context(inschrijving) -> dict:
    link = settings.SITE_URL + reverse(
        "trajecten:aanbod_link", kwargs={"token": offer_token(inschrijving)}
    )
    short = settings.SITE_URL + reverse(
        "trajecten:aanbod_link", kwargs={"token": short_offer_token(inschrijving)}
    )
    return {"aanbod_link": link, "korte_link": short, "deadline": deadline(inschrijving)}
