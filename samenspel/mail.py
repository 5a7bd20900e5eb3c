"""Building and sending e-mails in the recipient's language."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from .auth import signin_url


def send_templated(*, to: str, template: str, context: dict, language: str) -> None:
    """Render ``email/<template>_subject.txt`` and ``_body.txt`` in ``language`` and send."""
    with translation.override(language):
        context = {"site_url": settings.SITE_URL, **context}
        subject = render_to_string(f"email/{template}_subject.txt", context).strip()
        body = render_to_string(f"email/{template}_body.txt", context)
    message = EmailMultiAlternatives(subject=subject, body=body, to=[to])
    message.extra_headers["Content-Language"] = language
    message.send()


def send_signin_link(*, user, fallback_language: str = "nl") -> None:
    send_templated(
        to=user.email,
        template="inloglink",
        context={
            "user": user,
            "link": signin_url(user),
            "minuten": settings.SESAME_MAX_AGE // 60,
            "eenmalig": settings.SESAME_ONE_TIME,
        },
        language=user.taal or fallback_language,
    )
