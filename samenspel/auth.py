"""Sign-in by e-mail link: building links, checking tokens and rate limits."""

import logging

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.contrib.auth import authenticate
from django.urls import reverse
from django.utils import timezone
from django_ratelimit.core import _split_rate, is_ratelimited
from sesame.utils import get_query_string

from .queueing import BROKER_ERRORS

logger = logging.getLogger(__name__)


def signin_url(user) -> str:
    """Absolute sign-in link for ``user``, valid for ``SESAME_MAX_AGE`` seconds."""
    return f"{settings.SITE_URL}{reverse('inloggen')}{get_query_string(user)}"


def user_from_token(request, token: str, *, use: bool):
    """The active user a token belongs to, or None when it is invalid, expired or used.

    Only ``use=True`` spends a one-time token; showing the confirmation page does not.
    This is ``sesame.utils.get_user`` with the request passed on to ``authenticate``, so
    the login signals carry it (django-axes needs it to tell requests apart).
    """
    if not token:
        return None
    user = authenticate(request, sesame=token)
    if user is not None and use:
        user.last_login = timezone.now()
        user.save(update_fields=["last_login"])
    return user


def client_ip(request) -> str:
    """The client IP, from the same request header as the rate limits
    (``RATELIMIT_IP_META_KEY``), for django-axes."""
    return request.META.get(settings.RATELIMIT_IP_META_KEY) or request.META.get("REMOTE_ADDR", "")


def login_username(request, credentials) -> str | None:
    """The account a staff password login is for, for django-axes: the admin's form field
    ``username`` (an e-mail address), in lower case, as addresses are unique regardless of
    case (otherwise ``Beheer@`` and ``beheer@`` would each get their own count)."""
    value = (credentials or {}).get("username")
    if value is None and request is not None:
        value = request.POST.get("username")
    return value.strip().lower() if isinstance(value, str) else None


def _password_login(request, credentials) -> bool:
    return request is not None and "password" in (credentials or {})


class PasswordLoginAxesBackend(AxesStandaloneBackend):
    """django-axes guards the staff password login (``/admin/``) only: a sign-in link
    carries no password and has limits of its own."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if password is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class PasswordLoginAxesHandler(AxesDatabaseHandler):
    """Counts failed password logins only; a sign-in link that no longer works is not an
    attack on a password."""

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if _password_login(request, credentials):
            super().user_login_failed(sender, credentials, request, **kwargs)


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
