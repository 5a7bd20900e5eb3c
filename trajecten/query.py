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
            q |= (
                Q(coordinatoren=user)
                | Q(rapporteurs=user)
                | Q(inschrijvingen__deelnemer__user=user)
                | Q(gebied__managers=user)
                | Q(gebied__ligt_in__managers=user)
                | Q(organisaties__managers=user)
            )
        return self.filter(pk__in=self.model.objects.filter(q).values("pk"))

    def aan_tafel(self, user):
        """Trajecten where ``user`` sits at the table: a seat, coordinator or rapporteur,
        or a manager in scope (who sees no personal data on the pages it opens)."""
        if user.is_authenticated and user.is_superuser:
            return self.all()
        if not user.is_authenticated:
            return self.none()
        q = (
            Q(coordinatoren=user)
            | Q(rapporteurs=user)
            | Q(
                inschrijvingen__deelnemer__user=user,
                inschrijvingen__status__in=BEZETTE_STATUSSEN,
            )
        )
        if user.is_manager:
            q |= (
                Q(gebied__managers=user)
                | Q(gebied__ligt_in__managers=user)
                | Q(organisaties__managers=user)
            )
        return self.filter(pk__in=self.model.objects.filter(q).values("pk"))

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
        q = (
            Q(gebied__managers=user)
            | Q(gebied__ligt_in__managers=user)
            | Q(organisaties__managers=user)
        )
        return self.filter(pk__in=self.model.objects.filter(q).values("pk"))


class InschrijvingQuerySet(models.QuerySet):
    def bezet(self):
        return self.filter(status__in=BEZETTE_STATUSSEN)

    def geplaatst(self):
        return self.filter(status=InschrijvingStatus.GEPLAATST)

    def wachtlijst(self):
        return self.filter(status=InschrijvingStatus.WACHTLIJST).order_by("wachtlijst_positie")

    def actief(self):
        return self.exclude(status=InschrijvingStatus.AFGEMELD)
