"""Who a coordinator's message goes to."""

from django.db.models import Q

from bijeenkomsten.choices import Antwoord
from trajecten.choices import BEZETTE_STATUSSEN, InschrijvingStatus
from trajecten.models import Inschrijving

from .choices import Ontvangers


def recipients(traject, ontvangers: str, bijeenkomst=None, groep=None):
    """The enrolments of active people the message is meant for, one per person."""
    qs = Inschrijving.objects.filter(traject=traject, deelnemer__user__is_active=True)
    if ontvangers == Ontvangers.GEPLAATST:
        qs = qs.filter(status__in=BEZETTE_STATUSSEN)
    elif ontvangers == Ontvangers.IEDEREEN:
        qs = qs.filter(status__in=[*BEZETTE_STATUSSEN, InschrijvingStatus.WACHTLIJST])
    elif ontvangers == Ontvangers.WACHTLIJST:
        qs = qs.filter(status=InschrijvingStatus.WACHTLIJST)
    elif ontvangers == Ontvangers.BIJEENKOMST:
        # Those who said they come, or who were there (for a past meeting).
        qs = qs.filter(status__in=BEZETTE_STATUSSEN).filter(
            Q(aanwezigheden__bijeenkomst=bijeenkomst, aanwezigheden__antwoord=Antwoord.KOMT)
            | Q(aanwezigheden__bijeenkomst=bijeenkomst, aanwezigheden__aanwezig=True)
        )
    elif ontvangers == Ontvangers.GROEP:
        qs = qs.filter(groepslidmaatschappen__groep=groep)
    else:
        return qs.none()
    return qs.distinct().select_related("deelnemer__user").order_by("naam", "pk")


def count(inschrijvingen) -> tuple[int, int]:
    """(reached by e-mail, not reached by e-mail: the coordinator's call list)."""
    by_email = sum(1 for i in inschrijvingen if i.deelnemer.user.heeft_email)
    return by_email, len(inschrijvingen) - by_email
