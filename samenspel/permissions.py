"""Roles and object scope, in one place. Every view asks here.

Someone who may not see an object gets a 404, never a 403, so nothing tells that it
exists. Anonymous visitors of a protected page are sent to sign in first (before any
lookup, so that neither leaks).
"""

from enum import Enum
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404


class Actie(Enum):
    ZIEN = "zien"  # the programme page
    DEELNEMEN = "deelnemen"  # meetings: people at the table, coordinators, managers in scope
    INBRENGEN = "inbrengen"  # contribute: people with a seat, coordinators, rapporteurs
    COORDINEREN = "coordineren"  # edit, participants, schedule
    BALANS = "balans"  # aggregated figures
    VERSLAG = "verslag"  # edit reports


class DeniedWithPage(PermissionDenied):
    """A refusal that may say why: the 403 handler renders ``template_name`` with
    ``context`` instead of the bare 403 page. An app raises a subclass where telling the
    person does not leak anything they did not know already."""

    template_name = "403.html"

    def __init__(self, context: dict | None = None):
        super().__init__()
        self.context = context or {}


def role_required(test):
    """Signed-in users passing ``test(user)``; others get a 404 (nothing leaks)."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not test(request.user):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def is_manager(user) -> bool:
    return user.is_superuser or user.is_manager


def is_coordinator(user) -> bool:
    return user.is_superuser or user.is_coordinator


def is_beheerder(user) -> bool:
    return user.is_superuser or user.is_beheerder


__all__ = [
    "Actie",
    "DeniedWithPage",
    "is_beheerder",
    "is_coordinator",
    "is_manager",
    "login_required",
    "role_required",
]
