from django.conf import settings

from samenspel.auth import signin_url
from samenspel.mail import send_templated


def send_bevestiging(*, inschrijving) -> None:
    user = inschrijving.deelnemer.user
    send_templated(
        to=user.email,
        template="inschrijving_bevestiging",
        context={"inschrijving": inschrijving, "user": user, "link": signin_url(user)},
        language=user.taal,
    )


def send_uitnodiging(*, traject, email: str, language: str) -> None:
    send_templated(
        to=email,
        template="uitnodiging",
        context={
            "traject": traject,
            "link": f"{settings.SITE_URL}{traject.get_absolute_url()}aanmelden/",
        },
        language=language,
    )
