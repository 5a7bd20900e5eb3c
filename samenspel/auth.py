"""Sign-in by e-mail link: building links, checking tokens and rate limits."""

import logging

from django.conf import settings
from django.urls import reverse
from django_ratelimit.core import _split_rate, is_ratelimited
from sesame.utils import get_query_string, get_user

logger = logging.getLogger(__name__)


def signin_url(user) -> str:
    """Absolute sign-in link for ``user``, valid for ``SESAME_MAX_AGE`` seconds."""
    return f"{settings.SITE_URL}{reverse('inloggen')}{get_query_string(user)}"


def user_from_token(token: str, *, use: bool):
    """The active user a token belongs to, or None when it is invalid, expired or used.

    Only ``use=True`` spends a one-time token; showing the confirmation page does not.
    """
    if not token:
        return None
    return get_user(token, update_last_login=use)


def signin_limits(request, email: str) -> tuple[bool, bool]:
    """Count one sign-in request against the limits; returns ``(ip_ok, address_ok)``.

    Over the per-IP limit the person is told to wait. Over the per-address limit nothing is
    sent, but the answer is the usual one: otherwise anyone could lock another person out
    (or learn that their address is in use) by asking for links to it."""
    per_ip = is_ratelimited(
        request, group="inloglink-ip", key="ip", rate=settings.SIGNIN_RATE, increment=True
    )
    per_address = is_ratelimited(
        request,
        group="inloglink-adres",
        key=lambda group, request: email.strip().lower(),
        rate=settings.SIGNIN_RATE,
        increment=True,
    )
    return not per_ip, not per_address


def signup_allowed(request) -> bool:
    """Count one sign-up post against the limit per IP (``AANMELD_LIMIET``).

    The count lives in the Redis cache. When Redis is down the sign-up goes ahead: losing
    a person's sign-up is worse than an hour without a limit (sign-in links, which can be
    abused to send mail, fail closed instead)."""
    from .wachtrij import BROKER_ERRORS

    try:
        return not is_ratelimited(
            request, group="aanmelden-ip", key="ip", rate=settings.AANMELD_LIMIET, increment=True
        )
    except BROKER_ERRORS:
        logger.warning("cache unavailable; sign-up not counted against the limit", exc_info=True)
        return True


def signup_wait_minutes() -> int:
    """How long someone over the sign-up limit waits at most, in whole minutes."""
    _count, seconds = _split_rate(settings.AANMELD_LIMIET)
    return max(1, -(-seconds // 60))
