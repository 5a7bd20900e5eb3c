from django.db import models
from django.db.models import Q

from .choices import BEZETTE_STATUSSEN, InschrijvingStatus, TrajectStatus


class TrajectQuerySet(models.QuerySet):
    def publiek(self):
        return self.filter(status__in=[TrajectStatus.OPEN, TrajectStatus.LOPEND])

    def zichtbaar_voor(self, user):
        """Trajecten whose page ``user`` may see: public ones, and any they take part in,
        coordinate, report on or manage."""
        if user.is_authenticated and user.is_superuser:
            return self.all()
        q = Q(status__in=[TrajectStatus.OPEN, TrajectStatus.LOPEND])
        if user.is_authenticated:
            q |= _in(_coordinated(user), _reported(user), _enrolled(user), *_managed(user))
        return self.filter(q)

    def aan_tafel(self, user, *, met_beheer: bool = True):
        """Trajecten where ``user`` sits at the table: a seat, coordinator or rapporteur,
        or a manager in scope (who sees no personal data on the pages it opens). With
        ``met_beheer=False`` without the managers in scope: they may look, not contribute."""
        if user.is_authenticated and user.is_superuser:
            return self.all()
        if not user.is_authenticated:
            return self.none()
        seated = _enrolled(user).filter(status__in=BEZETTE_STATUSSEN)
        managed = _managed(user) if user.is_manager and met_beheer else []
        return self.filter(_in(_coordinated(user), _reported(user), seated, *managed))

    def gecoordineerd_door(self, user):
        if user.is_authenticated and user.is_superuser:
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(coordinatoren=user)

    def beheerd_door(self, user):
        """Trajecten in the scope of a manager (their areas or organisations)."""
        if user.is_authenticated and user.is_superuser:
            return self.all()
        if not (user.is_authenticated and user.is_manager):
            return self.none()
        return self.filter(_in(*_managed(user)))


# Each way of belonging to a traject is its own small subquery of traject ids, OR-ed as
# ``id IN (…) OR id IN (…)``. One query joining all relations at once multiplies their
# rows (every enrolment × every manager) and took half a second at city scale.


def _in(*subqueries) -> Q:
    return Q(*[Q(pk__in=sub) for sub in subqueries], _connector=Q.OR)


def _coordinated(user):
    from .models import Traject

    return Traject.coordinatoren.through.objects.filter(user=user).values("traject_id")


def _reported(user):
    from .models import Traject

    return Traject.rapporteurs.through.objects.filter(user=user).values("traject_id")


def _enrolled(user):
    from .models import Inschrijving

    return Inschrijving.objects.filter(deelnemer__user=user).values("traject_id")


def _managed(user) -> list:
    from .models import Traject

    return [
        Traject.objects.filter(gebied__managers=user).values("pk"),
        Traject.objects.filter(gebied__ligt_in__managers=user).values("pk"),
        Traject.organisaties.through.objects.filter(organisatie__managers=user).values(
            "traject_id"
        ),
    ]


class InschrijvingQuerySet(models.QuerySet):
    def bezet(self):
        return self.filter(status__in=BEZETTE_STATUSSEN)

    def geplaatst(self):
        return self.filter(status=InschrijvingStatus.GEPLAATST)

    def wachtlijst(self):
        return self.filter(status=InschrijvingStatus.WACHTLIJST).order_by("wachtlijst_positie")

    def actief(self):
        return self.exclude(status=InschrijvingStatus.AFGEMELD)
