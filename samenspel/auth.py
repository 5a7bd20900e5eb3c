"""Sign-in by e-mail link: building links, checking tokens and rate limits."""

import logging

from django.conf import settings
from django.urls import reverse
from django_ratelimit.core import _split_rate, is_ratelimited
from redis.exceptions import RedisError
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


def signin_allowed(request, email: str) -> bool:
    """Count one sign-in request against the limits per address and per IP."""
    per_address = is_ratelimited(
        request,
        group="inloglink-adres",
        key=lambda group, request: email.strip().lower(),
        rate=settings.SIGNIN_RATE,
        increment=True,
    )
    per_ip = is_ratelimited(
        request, group="inloglink-ip", key="ip", rate=settings.SIGNIN_RATE, increment=True
    )
    return not (per_address or per_ip)


def signup_allowed(request) -> bool:
    """Count one sign-up post against the limit per IP (``AANMELD_LIMIET``). The count
    lives in the cache; while Redis is down the post is let through, because a sign-up
    must not be lost to an outage (the limit only guards against floods)."""
    try:
        limited = is_ratelimited(
            request, group="aanmelden-ip", key="ip", rate=settings.AANMELD_LIMIET, increment=True
        )
    except (RedisError, OSError):
        logger.warning("sign-up limit not counted: the cache is unreachable")
        return True
    return not limited


def signup_wait_minutes() -> int:
    """How long someone over the sign-up limit waits at most, in whole minutes."""
    _count, seconds = _split_rate(settings.AANMELD_LIMIET)
    return max(1, -(-seconds // 60))
