"""Reads of the joint guide (handreiking): what goes into it, which version who sees,
and the comments of a review round. Each function runs a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from trajecten.choices import BEZETTE_STATUSSEN
from trajecten.models import Inschrijving, Traject
from waarden.queries import traject_overlap, waarden_met_citaten

from ..choices import RondeStatus
from ..models import (
    Gelezen,
    Handreiking,
    Handreikingopdracht,
    HandreikingVersie,
    Opmerking,
    Reviewronde,
    Verslag,
)


def published_reports(traject: Traject) -> list[Verslag]:
    """The traject's published reports in meeting order, each with its published
    version. One query."""
    return list(
        Verslag.objects.filter(bijeenkomst__traject=traject, gepubliceerd__isnull=False)
        .select_related("bijeenkomst", "gepubliceerd")
        .order_by("bijeenkomst__nummer")
    )


@dataclass
class WaardeInHandreiking:
    waarde: object
    gedeeld: bool
    citaten: list = field(default_factory=list)


def shared_values(traject: Traject) -> list[WaardeInHandreiking]:
    """The values on the board with their visible quotes (a first name only where its
    author chose to show it, as on the board) and whether all groups share them. Shared
    values first, then the others that have quotes. Five queries."""
    paren = waarden_met_citaten(traject)
    overlap = traject_overlap(traject, [w for w, _ in paren])
    gedeeld = set(overlap.gedeeld)
    eerst = [WaardeInHandreiking(w, True, c) for w, c in paren if w.pk in gedeeld]
    rest = [WaardeInHandreiking(w, False, c) for w, c in paren if w.pk not in gedeeld and c]
    return eerst + rest


@dataclass
class Stand:
    """Where the guide of a traject stands: its latest and definitive versions and the
    open round, if any."""

    handreiking: Handreiking | None
    laatste: HandreikingVersie | None
    ronde: Reviewronde | None  # the open round

    @property
    def definitief(self) -> HandreikingVersie | None:
        return self.handreiking.definitief if self.handreiking else None


def stand(traject: Traject) -> Stand:
    """Three queries: the guide with its definitive version, its latest version, and
    its open round (at most one, see ``services.open_round``)."""
    handreiking = Handreiking.objects.filter(traject=traject).select_related("definitief").first()
    if handreiking is None:
        return Stand(None, None, None)
    laatste = HandreikingVersie.objects.filter(handreiking=handreiking).order_by("-nummer").first()
    ronde = (
        Reviewronde.objects.filter(versie__handreiking=handreiking, status=RondeStatus.OPEN)
        .select_related("versie")
        .order_by("-geopend_op")
        .first()
    )
    return Stand(handreiking, laatste, ronde)


def opmerkingen(ronde: Reviewronde, *, inschrijving: Inschrijving | None = None, alle: bool):
    """The comments of a round, per section slug. ``alle``: every comment (coordinators,
    with the author's name); otherwise a participant sees their own comments and the
    resolved ones of others. One query."""
    qs = Opmerking.objects.filter(ronde=ronde).select_related(
        "inschrijving__deelnemer__user", "opgelost_door"
    )
    if not alle:
        qs = qs.filter(Q(inschrijving=inschrijving) | Q(opgelost=True))
    per_sectie: dict[str, list[Opmerking]] = {}
    for o in qs.order_by("aangemaakt_op", "id"):
        o.van_mij = inschrijving is not None and o.inschrijving_id == inschrijving.pk
        per_sectie.setdefault(o.sectie, []).append(o)
    return per_sectie


def round_figures(ronde: Reviewronde, traject_id: int) -> dict[str, int]:
    """For coordinators: people with a seat, how many of them looked, and the round's
    comments (all, and not yet resolved). Two queries."""
    seated = Inschrijving.objects.filter(traject_id=traject_id, status__in=BEZETTE_STATUSSEN)
    figures = seated.aggregate(
        mensen=Count("id"),
        gelezen=Count(
            "id", filter=Q(pk__in=Gelezen.objects.filter(ronde=ronde).values("inschrijving_id"))
        ),
    )
    figures.update(
        Opmerking.objects.filter(ronde=ronde).aggregate(
            opmerkingen=Count("id"), open=Count("id", filter=Q(opgelost=False))
        )
    )
    return figures


REQUEST_FIELDS = ("status", "fout", "gemeld", "aangevraagd_op")


def latest_request(traject: Traject) -> Handreikingopdracht | None:
    """The newest request to compile the guide, with its version's number (not its
    content)."""
    return (
        Handreikingopdracht.objects.filter(handreiking__traject=traject)
        .select_related("versie")
        .only(
            "status", "fout", "gemeld", "aangevraagd_op", "versie__nummer", "versie__aangemaakt_op"
        )
        .order_by("-aangevraagd_op", "-id")
        .first()
    )


def definitive_versions(traject_ids) -> dict[int, HandreikingVersie]:
    """The definitive version of each traject's guide that has one (number and date, not
    the content), in one query."""
    guides = (
        Handreiking.objects.filter(traject_id__in=traject_ids, definitief__isnull=False)
        .select_related("definitief")
        .only("traject_id", "definitief__nummer", "definitief__gepubliceerd_op")
    )
    return {g.traject_id: g.definitief for g in guides}
