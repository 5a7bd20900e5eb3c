"""The dashboard's figures, aggregated in the database.

``figures`` reads everything the overview and the balance page show for any number of
trajecten in a fixed number of queries (seven), whatever the number of people, meetings and
attendance rows: every query groups by traject or meeting and tag. The results are exact
counts, each with the sum of its records' ids (the fingerprint that ``perturbation`` keys its
noise on); what a manager may see of them is decided in ``figures``.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from bijeenkomsten.choices import BijeenkomstStatus
from bijeenkomsten.models import Aanwezigheid, Bijeenkomst
from groepen.models import Groepslid
from trajecten.balance import TAGS
from trajecten.choices import BEZETTE_STATUSSEN, InschrijvingStatus, Rol
from trajecten.models import Gebied, Inschrijving, Organisatie, Traject
from verslagen.models import DOEI, Evaluatie
from waarden.models import STANDAARD_DREMPEL, Onderschrijving, TrajectWaarde
from waarden.overlap import compute_overlap

from .perturbation import Cel


def _tags() -> dict[str, Cel]:
    return dict.fromkeys(TAGS, Cel())


@dataclass
class Bijeenkomstcijfers:
    id: int
    nummer: int
    start: datetime
    gehouden: bool
    aanwezig: dict[str, Cel] = field(default_factory=_tags)
    leidinggevenden: int = 0  # people with the role leidinggevende who were there
    heeft_voorbereiding: bool = False
    voorbereiding: dict[str, Cel] = field(default_factory=_tags)
    evaluaties: int = 0
    evaluatie_som: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DOEI, 0))


@dataclass
class Trajectcijfers:
    traject: Traject
    bezet: dict[str, Cel] = field(default_factory=_tags)
    wacht: dict[str, Cel] = field(default_factory=_tags)
    bijeenkomsten: list[Bijeenkomstcijfers] = field(default_factory=list)
    waarden_op_bord: int = 0
    gedeelde_waarden: int = 0  # from the exact counts
    # The board's values, the endorsements per value and tag, and the board's threshold.
    bord: list[int] = field(default_factory=list)
    onderschrijvingen: dict[int, dict[str, int]] = field(default_factory=dict)
    drempel: int = STANDAARD_DREMPEL

    @property
    def gehouden(self) -> list[Bijeenkomstcijfers]:
        return [b for b in self.bijeenkomsten if b.gehouden]

    @property
    def bezet_aantallen(self) -> dict[str, int]:
        return {tag: cel.aantal for tag, cel in self.bezet.items()}


def dashboard_trajecten(user):
    """The trajecten on a manager's dashboard: their areas (and the wijken in them) and their
    organisations; administrators see all."""
    return Traject.objects.beheerd_door(user)


def filter_trajecten(qs, *, gebied=None, organisatie=None, status="", van=None, tot=None):
    """Narrow the dashboard's trajecten (``gebied`` and ``organisatie`` are ids). An area
    includes the wijken in it; a period keeps the trajecten with a meeting in it."""
    if gebied is not None:
        qs = qs.filter(Q(gebied_id=gebied) | Q(gebied__ligt_in_id=gebied))
    if organisatie is not None:
        qs = qs.filter(
            pk__in=Traject.organisaties.through.objects.filter(organisatie_id=organisatie).values(
                "traject_id"
            )
        )
    if status:
        qs = qs.filter(status=status)
    if van or tot:
        qs = qs.filter(pk__in=_meetings(Bijeenkomst.objects.all(), van, tot).values("traject_id"))
    return qs


def _meetings(qs, van: date | None, tot: date | None):
    qs = qs.exclude(status=BijeenkomstStatus.GEANNULEERD)
    if van:
        qs = qs.filter(start__date__gte=van)
    if tot:
        qs = qs.filter(start__date__lte=tot)
    return qs


def filter_keuzes(scope) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """Areas (with the stadsdelen the wijken lie in) and organisations of the trajecten in
    scope, as (id, name) pairs. Two queries."""
    gebieden = Gebied.objects.filter(
        Q(pk__in=scope.values("gebied_id")) | Q(pk__in=scope.values("gebied__ligt_in_id"))
    )
    organisaties = Organisatie.objects.filter(
        pk__in=Traject.organisaties.through.objects.filter(
            traject_id__in=scope.values("pk")
        ).values("organisatie_id")
    )
    return (
        list(gebieden.order_by("naam").values_list("pk", "naam")),
        list(organisaties.order_by("naam").values_list("pk", "naam")),
    )


def cijfers(trajecten: list[Traject], *, van=None, tot=None) -> list[Trajectcijfers]:
    """Every figure of the given trajecten, in their order. Seven queries, or none for an
    empty list."""
    if not trajecten:
        return []
    ids = [t.pk for t in trajecten]
    result = {t.pk: Trajectcijfers(traject=t) for t in trajecten}
    now = timezone.now()

    for row in (
        Inschrijving.objects.filter(traject_id__in=ids)
        .values("traject_id", "tag", "status")
        .annotate(n=Count("id"), s=Sum("id"))
        .order_by()
    ):
        c = result[row["traject_id"]]
        cel = Cel(row["n"], row["s"])
        if row["status"] in BEZETTE_STATUSSEN:
            c.bezet[row["tag"]] += cel
        elif row["status"] == InschrijvingStatus.WACHTLIJST:
            c.wacht[row["tag"]] += cel

    meetings = _meetings(Bijeenkomst.objects.filter(traject_id__in=ids), van, tot)
    per_meeting: dict[int, Bijeenkomstcijfers] = {}
    for row in meetings.values("id", "traject_id", "nummer", "start").order_by("nummer", "id"):
        b = Bijeenkomstcijfers(row["id"], row["nummer"], row["start"], row["start"] <= now)
        per_meeting[row["id"]] = b
        result[row["traject_id"]].bijeenkomsten.append(b)
    meeting_ids = meetings.values("id")

    for row in (
        Aanwezigheid.objects.filter(bijeenkomst__in=meeting_ids, aanwezig=True)
        .values("bijeenkomst_id", tag=F("inschrijving__tag"))
        .annotate(
            n=Count("id"),
            s=Sum("inschrijving_id"),
            leiding=Count("id", filter=Q(inschrijving__rol=Rol.LEIDINGGEVENDE)),
        )
        .order_by()
    ):
        b = per_meeting[row["bijeenkomst_id"]]
        b.aanwezig[row["tag"]] += Cel(row["n"], row["s"])
        b.leidinggevenden += row["leiding"]

    for row in (
        Groepslid.objects.filter(groep__bijeenkomst__in=meeting_ids)
        .values(bijeenkomst_id=F("groep__bijeenkomst_id"), tag=F("inschrijving__tag"))
        .annotate(n=Count("id"), s=Sum("inschrijving_id"))
        .order_by()
    ):
        b = per_meeting[row["bijeenkomst_id"]]
        b.heeft_voorbereiding = True
        b.voorbereiding[row["tag"]] += Cel(row["n"], row["s"])

    for row in (
        Evaluatie.objects.filter(bijeenkomst__in=meeting_ids)
        .values("bijeenkomst_id")
        .annotate(n=Count("id"), **{d: Sum(d) for d in DOEI})
        .order_by()
    ):
        b = per_meeting[row["bijeenkomst_id"]]
        b.evaluaties = row["n"]
        b.evaluatie_som = {d: row[d] or 0 for d in DOEI}

    _shared_values(result, ids)
    return [result[t.pk] for t in trajecten]


def _shared_values(result: dict[int, Trajectcijfers], ids: list[int]) -> None:
    """Values on each board and how many of them are shared across the tags (the rule of
    ``waarden.overlap``, with each board's own threshold). Two queries."""
    boards: dict[int, list[int]] = {pk: [] for pk in ids}
    thresholds = dict.fromkeys(ids, STANDAARD_DREMPEL)
    rows = (
        TrajectWaarde.objects.filter(traject_id__in=ids)
        .values_list("traject_id", "waarde_id", "traject__waardenbord__drempel")
        .order_by()
    )
    for traject_id, waarde_id, drempel in rows:
        boards[traject_id].append(waarde_id)
        if drempel is not None:
            thresholds[traject_id] = drempel
    on_board = {pk: set(values) for pk, values in boards.items()}
    endorsements: dict[int, dict] = {pk: {} for pk in ids}
    for row in (
        # Grouped without joining the boards (a join that planned badly at city scale):
        # the groups are few, and values off the board are dropped here.
        Onderschrijving.objects.filter(
            inschrijving__traject_id__in=ids, inschrijving__status__in=BEZETTE_STATUSSEN
        )
        .values("waarde_id", traject_id=F("inschrijving__traject_id"), tag=F("inschrijving__tag"))
        .annotate(n=Count("id"))
        .order_by()
    ):
        if row["waarde_id"] in on_board[row["traject_id"]]:
            per_value = endorsements[row["traject_id"]].setdefault(row["waarde_id"], {})
            per_value[row["tag"]] = row["n"]
    for pk, c in result.items():
        c.waarden_op_bord = len(boards[pk])
        if not boards[pk]:
            continue
        counts = {
            w: {tag: min(n, c.bezet[tag].aantal) for tag, n in per_tag.items()}
            for w, per_tag in endorsements[pk].items()
        }
        c.bord, c.onderschrijvingen, c.drempel = boards[pk], counts, thresholds[pk]
        c.gedeelde_waarden = len(
            compute_overlap(counts, c.bezet_aantallen, boards[pk], thresholds[pk]).gedeeld
        )


def exact_trajecten(user) -> set[int] | None:
    """Ids of the trajecten whose exact numbers ``user`` sees: the ones they coordinate.
    ``None`` means all (administrators). One query; none for an administrator."""
    if user.is_superuser:
        return None
    return set(Traject.objects.gecoordineerd_door(user).values_list("pk", flat=True))
