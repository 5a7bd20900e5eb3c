from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from trajecten.choices import BEZETTE_STATUSSEN

from . import ics
from .choices import VerzendDoel
from .models import Verzending


def _claim(inschrijving, doel: str, sleutel: str) -> Verzending | None:
    try:
        with transaction.atomic():
            return Verzending.objects.create(inschrijving=inschrijving, doel=doel, sleutel=sleutel)
    except IntegrityError:
        return None


def send_wijziging(*, bijeenkomst) -> int:
    """One e-mail per seated person, with the updated event attached. Returns the number sent."""
    sleutel = f"{bijeenkomst.pk}:{bijeenkomst.volgnummer}"
    sent = 0
    people = bijeenkomst.traject.inschrijvingen.filter(status__in=BEZETTE_STATUSSEN).select_related(
        "deelnemer__user"
    )
    for inschrijving in people:
        claim = _claim(inschrijving, VerzendDoel.WIJZIGING, sleutel)
        if claim is None:
            continue
        user = inschrijving.deelnemer.user
        try:
            with translation.override(user.taal):
                context = {"b": bijeenkomst, "user": user, "site_url": settings.SITE_URL}
                subject = render_to_string("email/bijeenkomst_gewijzigd_subject.txt", context)
                body = render_to_string("email/bijeenkomst_gewijzigd_body.txt", context)
                attachment = ics.calendar(
                    [bijeenkomst],
                    naam=bijeenkomst.traject.naam,
                    language=user.taal,
                    method="PUBLISH",
                )
            message = EmailMultiAlternatives(subject=subject.strip(), body=body, to=[user.email])
            message.attach("bijeenkomst.ics", attachment, "text/calendar; charset=utf-8")
            message.send()
        except Exception:
            claim.delete()  # not sent: a retry may send it
            raise
        sent += 1
    return sent
