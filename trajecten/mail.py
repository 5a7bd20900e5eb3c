from django.conf import settings

from samenspel.mail import send_templated


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
