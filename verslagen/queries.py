"""Reads of evaluations and reports used by several pages, the e-mails and the sweep."""

from django.db.models import Exists, OuterRef
from django.utils import timezone

from trajecten.choices import BEZETTE_STATUSSEN

from .choices import OpdrachtStatus
from .models import Evaluatie, Verslag, Verslagopdracht, VerslagVersie

OPEN_STATUSSEN = (OpdrachtStatus.WACHTRIJ, OpdrachtStatus.BEZIG)

# What an evaluation form may do now.
TE_VROEG = "te_vroeg"
OPEN = "open"
GESLOTEN = "gesloten"
GEANNULEERD = "geannuleerd"


def published_exists():
    """An ``Exists`` that is true when the meeting's report is published; annotate
    meetings with it instead of asking once per meeting."""
    return Exists(Verslag.objects.filter(bijeenkomst=OuterRef("pk"), gepubliceerd__isnull=False))


def is_published(bijeenkomst) -> bool:
    annotated = getattr(bijeenkomst, "verslag_gedeeld", None)
    if annotated is not None:
        return annotated
    return Verslag.objects.filter(bijeenkomst=bijeenkomst, gepubliceerd__isnull=False).exists()


def evaluatie_status(bijeenkomst, now=None) -> str:
    """Open once the meeting has started, closed once its report is published. One query
    (none before the start)."""
    now = now or timezone.now()
    if bijeenkomst.is_geannuleerd:
        return GEANNULEERD
    if bijeenkomst.start > now:
        return TE_VROEG
    return GESLOTEN if is_published(bijeenkomst) else OPEN


def eigen_inschrijving(user, bijeenkomst, statussen=BEZETTE_STATUSSEN):
    """The viewer's enrolment with a seat in the meeting's traject, or None. One query."""
    if not user.is_authenticated:
        return None
    return (
        bijeenkomst.traject.inschrijvingen.filter(deelnemer__user=user, status__in=statussen)
        .select_related("deelnemer__user")
        .first()
    )


def eigen_evaluatie(bijeenkomst, inschrijving):
    return Evaluatie.objects.filter(bijeenkomst=bijeenkomst, inschrijving=inschrijving).first()


def versies(verslag):
    """The versions of a report without their heavy columns, newest first."""
    return verslag.versies.defer("html", "pdf", "gegevens").order_by("-nummer")


def laatste_opdracht(verslag):
    return (
        Verslagopdracht.objects.filter(verslag=verslag)
        .select_related("versie")
        .defer("versie__html", "versie__pdf", "versie__gegevens")
        .order_by("-aangevraagd_op", "-id")
        .first()
    )


def versie_met_inhoud(verslag, nummer: int | None = None):
    """One version with its HTML (not its PDF): ``nummer``, or else the newest."""
    qs = VerslagVersie.objects.filter(verslag=verslag).defer("pdf", "gegevens")
    if nummer is not None:
        return qs.filter(nummer=nummer).first()
    return qs.order_by("-nummer").first()
