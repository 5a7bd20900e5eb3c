"""Which trajecten a person may see or act on, per kind of action (``Actie``).

Someone who may not see a traject gets a 404, never a 403, so nothing tells that it exists.
"""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from samenspel.permissions import Actie

from .models import Traject


def trajecten_voor(user, actie: Actie):
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
    if not user.is_authenticated:
        return Traject.objects.none().values("pk")
    return Traject.objects.filter(Q(coordinatoren=user) | Q(rapporteurs=user)).values("pk")


def traject_or_404(user, slug: str, actie: Actie = Actie.ZIEN):
    return get_object_or_404(trajecten_voor(user, actie), slug=slug)


def may(user, traject, actie: Actie) -> bool:
    return trajecten_voor(user, actie).filter(pk=traject.pk).exists()


def is_exact_viewer(user, traject) -> bool:
    """Coordinators of the traject (and administrators) see exact numbers; managers
    see aggregates with small cells suppressed."""
    return may(user, traject, Actie.COORDINEREN)
