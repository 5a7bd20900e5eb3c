"""Building the message for one ledger row from the kind its app registered: the same
frame for every kind (language, unsubscribe link and headers, HTML and text, calendar
file), the kind's own relevance and context."""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from . import kinds

AFMELD_SALT = "samenspel.afmelden"


def unsubscribe_token(user, doel: str) -> str:
    return signing.dumps({"u": user.pk, "d": doel}, salt=AFMELD_SALT)


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    try:
        data = signing.loads(token, salt=AFMELD_SALT)
    except signing.BadSignature:
        return None
    if data.get("d") not in kinds.preferences():
        return None
    return data["u"], data["d"]


def preference_of(doel: str) -> str:
    return kinds.preferences()[doel]


def by_sms(kind, user) -> bool:
    """Whether this person gets this kind by text message rather than e-mail."""
    return kind.sms and user.per_sms and bool(user.mobiel)


def _relevant(kind, row, known) -> bool:
    if kind.message is not None:
        return kind.relevant(row, known)
    user = row.ontvanger
    if not user.is_active or not (user.heeft_email or by_sms(kind, user)):
        return False
    if kind.preference and not getattr(user, kind.preference):
        return False
    return kind.relevant(row, known)


def render(code: str, context: dict, *, to: str, language: str) -> EmailMultiAlternatives:
    """The message of kind ``code`` from its three templates, written in ``language``."""
    with translation.override(language):
        subject = render_to_string(f"email/{code}_subject.txt", context).strip()
        text = render_to_string(f"email/{code}_body.txt", context)
        html = render_to_string(f"email/{code}_body.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    message.extra_headers["Content-Language"] = language
    return message


def _context(kind, row, known) -> dict:
    """What the kind's templates need, in the recipient's language (made active here)."""
    user = row.ontvanger
    context = {"user": user, "traject": row.traject, "row": row, "site_url": settings.SITE_URL}
    if kind.context is not None:
        context.update(kind.context(row, known))
    return context


@dataclass(frozen=True)
class Sms:
    to: str
    text: str


def build(row, known: dict) -> EmailMultiAlternatives | Sms | None:
    """The message for one ledger row (an e-mail, or a text message for someone who chose
    them), or None when it is no longer relevant."""
    kind = kinds.get(row.doel)
    if kind is None or not _relevant(kind, row, known):
        return None
    if kind.message is not None:
        return kind.message(row, known)
    user = row.ontvanger
    language = user.taal or settings.LANGUAGE_CODE
    if by_sms(kind, user):
        with translation.override(language):
            text = render_to_string(f"sms/{row.doel}.txt", _context(kind, row, known))
        lines = (" ".join(line.split()) for line in text.splitlines())
        return Sms(to=user.mobiel, text="\n".join(line for line in lines if line))
    unsubscribe = None
    if kind.preference:
        unsubscribe = settings.SITE_URL + reverse(
            "afmelden", kwargs={"token": unsubscribe_token(user, row.doel)}
        )
    with translation.override(language):
        context = _context(kind, row, known)
        if unsubscribe:
            context["afmeld_link"] = unsubscribe
        attachment = kind.attachment(row, language) if kind.attachment else None
    message = render(row.doel, context, to=user.email, language=language)
    if unsubscribe:
        message.extra_headers["List-Unsubscribe"] = f"<{unsubscribe}>"
        message.extra_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    if attachment:
        message.attach(*attachment)
    return message
