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
from django.shortcuts import get_object_or_404


class Actie(Enum):
    ZIEN = "zien"  # the programme page
    DEELNEMEN = "deelnemen"  # meetings: people at the table, coordinators, managers in scope
    INBRENGEN = "inbrengen"  # contribute: people with a seat, coordinators, rapporteurs
    COORDINEREN = "coordineren"  # edit, participants, schedule
    BALANS = "balans"  # aggregated figures
    VERSLAG = "verslag"  # edit reports


def trajecten_voor(user, actie: Actie):
    from trajecten.models import Traject

    qs = Traject.objects.all()
    if actie is Actie.ZIEN:
        return qs.zichtbaar_voor(user)
    if actie is Actie.DEELNEMEN:
        return qs.aan_tafel(user)
    if actie is Actie.INBRENGEN:
        return qs.aan_tafel(user, met_beheer=False)
    if actie is Actie.COORDINEREN:
        return qs.gecoordineerd_door(user)
    if actie is Actie.BALANS:
        return (qs.gecoordineerd_door(user) | qs.beheerd_door(user)).distinct()
    if actie is Actie.VERSLAG:
        if user.is_authenticated and user.is_superuser:
            return qs
        return qs.filter(pk__in=_rapporteur_of_coordinator(user)).distinct()
    raise ValueError(actie)


def _rapporteur_of_coordinator(user):
    from django.db.models import Q

    from trajecten.models import Traject

    if not user.is_authenticated:
        return Traject.objects.none().values("pk")
    return Traject.objects.filter(Q(coordinatoren=user) | Q(rapporteurs=user)).values("pk")


def traject_or_404(user, slug: str, actie: Actie = Actie.ZIEN):
    return get_object_or_404(trajecten_voor(user, actie), slug=slug)


class OpWachtlijst(PermissionDenied):
    """A meeting page asked for by someone on the traject's waiting list. They know the
    traject, so nothing leaks by saying so: the 403 handler shows them a kind page with
    their place instead of a bare 404. Nothing of the meeting itself is shown. (Someone
    offered a place holds it already and sees the meeting.)"""

    def __init__(self, inschrijving):
        super().__init__()
        self.inschrijving = inschrijving


def _waiting_for(user, bijeenkomst_pk: int):
    from trajecten.choices import InschrijvingStatus
    from trajecten.models import Inschrijving

    if not user.is_authenticated:
        return None
    return (
        Inschrijving.objects.filter(
            deelnemer__user=user,
            status=InschrijvingStatus.WACHTLIJST,
            traject__bijeenkomsten__pk=bijeenkomst_pk,
        )
        .select_related("traject")
        .first()
    )


def bijeenkomst_or_404(user, pk: int, actie: Actie = Actie.DEELNEMEN):
    from bijeenkomsten.models import Bijeenkomst

    try:
        return get_object_or_404(
            Bijeenkomst.objects.select_related("traject", "bouwsteen").filter(
                traject__in=trajecten_voor(user, actie)
            ),
            pk=pk,
        )
    except Http404:
        # Only for pages everyone at the table sees; coordinators' pages stay a 404.
        waiting_pages = (Actie.DEELNEMEN, Actie.INBRENGEN)
        if actie in waiting_pages and (wachtend := _waiting_for(user, pk)) is not None:
            raise OpWachtlijst(wachtend) from None
        raise


def may(user, traject, actie: Actie) -> bool:
    return trajecten_voor(user, actie).filter(pk=traject.pk).exists()


def is_exact_viewer(user, traject) -> bool:
    """Coordinators of the traject (and administrators) see exact numbers; managers
    see aggregates with small cells suppressed."""
    return may(user, traject, Actie.COORDINEREN)


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


__all__ = [
    "Actie",
    "OpWachtlijst",
    "is_coordinator",
    "is_exact_viewer",
    "is_manager",
    "login_required",
    "bijeenkomst_or_404",
    "may",
    "role_required",
    "traject_or_404",
    "trajecten_voor",
]
