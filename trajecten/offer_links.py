"""Links to accept or decline an offered seat without signing in: a signed token that
names the enrolment and the moment of the offer, so a link of an old offer does nothing."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "samenspel.aanbod"


def offer_token(inschrijving) -> str:
    return signing.dumps(
        {"i": inschrijving.pk, "t": inschrijving.aangeboden_op.isoformat()}, salt=SALT
    )


def read_offer_token(token: str) -> tuple[int, str] | None:
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return data["i"], data["t"]


def deadline(inschrijving):
    return inschrijving.aangeboden_op + timedelta(hours=inschrijving.traject.aanbod_uren)


def offer_context(inschrijving) -> dict:
    link = settings.SITE_URL + reverse(
        "trajecten:aanbod_link", kwargs={"token": offer_token(inschrijving)}
    )
    return {"aanbod_link": link, "deadline": deadline(inschrijving)}
