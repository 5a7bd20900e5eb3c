"""Reads used by several pages: balance figures and participant lists."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.db.models.functions import Lower

from berichten.choices import VerzendStatus
from berichten.models import Verzending

from .balance import Balans, balance, balance_index, free_seats, seats_in_words
from .choices import BEZETTE_STATUSSEN, Bericht, InschrijvingStatus, Tag, TrajectStatus
from .models import Gebied, Inschrijving, Traject


def tag_counts(inschrijvingen) -> dict[str, int]:
    """Counts per tag of a queryset of enrolments, in one query."""
    row = inschrijvingen.aggregate(**{tag: Count("id", filter=Q(tag=tag)) for tag in Tag.values})
    return {tag: row[tag] for tag in Tag.values}


def traject_balans(traject: Traject) -> dict[str, Balans]:
    """Balance of the seated people and of the waiting list, in one query."""
    row = traject.inschrijvingen.aggregate(
        **{
            f"{soort}_{tag}": Count("id", filter=Q(tag=tag, status__in=statussen))
            for soort, statussen in (
                ("bezet", BEZETTE_STATUSSEN),
                ("wacht", [InschrijvingStatus.WACHTLIJST]),
            )
            for tag in Tag.values
        }
    )
    return {
        soort: balance({tag: row[f"{soort}_{tag}"] for tag in Tag.values}, traject.doelen)
        for soort in ("bezet", "wacht")
    }


def deelnemerslijst(traject: Traject, *, zoek="", tag="", rol="", status=""):
    qs = Inschrijving.objects.filter(traject=traject).select_related(
        "deelnemer__user", "organisatie"
    )
    if zoek:
        qs = qs.filter(Q(naam__icontains=zoek) | Q(deelnemer__user__email__icontains=zoek))
    if tag:
        qs = qs.filter(tag=tag)
    if rol:
        qs = qs.filter(rol=rol)
    if status:
        qs = qs.filter(status=status)
    status_order = Case(
        *[When(status=s, then=Value(n)) for n, s in enumerate(STATUS_VOLGORDE)],
        output_field=IntegerField(),
    )
    return qs.order_by(status_order, "wachtlijst_positie", "ingeschreven_op", "id")


STATUS_VOLGORDE = (
    InschrijvingStatus.GEPLAATST,
    InschrijvingStatus.AANGEBODEN,
    InschrijvingStatus.WACHTLIJST,
    InschrijvingStatus.AFGEMELD,
)


def mijn_inschrijvingen(user):
    """The signed-in person's own enrolments with their trajecten, in one query."""
    return (
        Inschrijving.objects.filter(deelnemer__user=user)
        .exclude(status=InschrijvingStatus.AFGEMELD)
        .select_related("traject", "traject__gebied")
        .order_by("traject__naam")
    )


def gecoordineerde_trajecten(user):
    return Traject.objects.gecoordineerd_door(user).select_related("gebied").order_by("naam")


def people_by_traject(traject_ids, **user_filter) -> dict[int, list[int]]:
    """The accounts with a seat per traject, optionally only those with a preference on
    (``wil_herinneringen=True``): one query, for finding who a message goes to."""
    rows = Inschrijving.objects.filter(
        traject_id__in=traject_ids,
        status__in=BEZETTE_STATUSSEN,
        deelnemer__user__is_active=True,
        **{f"deelnemer__user__{k}": v for k, v in user_filter.items()},
    ).values_list("traject_id", "deelnemer__user_id")
    people = defaultdict(list)
    for traject_id, user_id in rows:
        people[traject_id].append(user_id)
    return people


def _in_area(qs, gebied_id: int | None):
    """Trajecten in the area or in a neighbourhood that lies in it."""
    if gebied_id is None:
        return qs
    return qs.filter(Q(gebied_id=gebied_id) | Q(gebied__ligt_in_id=gebied_id))


def public_trajecten(gebied_id: int | None = None) -> list[Traject]:
    """Open and running trajecten, the soonest first, each with ``plekken``: per tag, in
    words (``seats_in_words``), whether there is room. Two queries."""
    trajecten = list(
        _in_area(Traject.objects.publiek(), gebied_id)
        .select_related("gebied")
        .order_by(F("startdatum").asc(nulls_last=True), "naam")
    )
    seated = defaultdict(dict)
    rows = (
        Inschrijving.objects.filter(
            traject__in=[t.pk for t in trajecten], status__in=BEZETTE_STATUSSEN
        )
        .values_list("traject_id", "tag")
        .annotate(n=Count("id"))
        .order_by()
    )
    for traject_id, tag, n in rows:
        seated[traject_id][tag] = n
    for t in trajecten:
        free = free_seats(t.capaciteit, t.max_plekken_per_tag, seated[t.pk])
        t.plekken = [(tag, seats_in_words(free[tag])) for tag in Tag.values]
    return trajecten


def finished_trajecten(gebied_id: int | None = None):
    """Finished trajecten, the last to end first."""
    return (
        _in_area(Traject.objects.filter(status=TrajectStatus.AFGEROND), gebied_id)
        .select_related("gebied")
        .order_by(F("einddatum").desc(nulls_last=True), "naam")
    )


def areas_with_trajecten():
    """The areas a visitor can filter on: those with an open, running or finished
    traject (directly or in a neighbourhood)."""
    shown = [TrajectStatus.OPEN, TrajectStatus.LOPEND, TrajectStatus.AFGEROND]
    return (
        Gebied.objects.filter(
            Q(trajecten__status__in=shown) | Q(deelgebieden__trajecten__status__in=shown)
        )
        .distinct()
        .order_by("naam")
    )


@dataclass(frozen=True)
class Aanbod:
    """Why an offered seat went to this person, and until when it is kept."""

    vervalt_op: datetime
    voor: int | None  # the balance index without them, in percent
    na: int | None  # with them


def offers_explained(traject: Traject, inschrijvingen) -> dict[int, Aanbod]:
    """For the offered seats among ``inschrijvingen``: when each offer lapses and the
    balance before and after it (the candidate is chosen for the best balance). One query,
    only when there are offers."""
    offered = [
        i
        for i in inschrijvingen
        if i.status == InschrijvingStatus.AANGEBODEN and i.aangeboden_op is not None
    ]
    if not offered:
        return {}
    seated = tag_counts(traject.inschrijvingen.filter(status__in=BEZETTE_STATUSSEN))
    after = balance_index(seated, traject.doelen)
    explained = {}
    for i in offered:
        before = balance_index({**seated, i.tag: seated[i.tag] - 1}, traject.doelen)
        explained[i.pk] = Aanbod(
            vervalt_op=i.aangeboden_op + timedelta(hours=traject.aanbod_uren),
            voor=None if before is None else round(before * 100),
            na=None if after is None else round(after * 100),
        )
    return explained


@dataclass(frozen=True)
class Uitnodiging:
    """The newest invitation to one address, with what became of it."""

    adres: str
    verstuurd_op: datetime | None
    keer: int
    staat: str  # "aangemeld", "verstuurd", "bezig", "mislukt" or "verlopen"


def invitations(traject: Traject) -> list[Uitnodiging]:
    """Every address invited to the traject, newest first, and whether that person signed
    up (is in the list with that address). Two queries."""
    rows = (
        Verzending.objects.filter(traject=traject, doel=Bericht.UITNODIGING)
        .order_by("-geclaimd_op", "-id")
        .values_list("adres", "status", "verzonden_op")
    )
    newest: dict[str, list] = {}
    for adres, status, verzonden_op in rows:
        key = adres.lower()
        if key in newest:
            newest[key][3] += 1
        else:
            newest[key] = [adres, status, verzonden_op, 1]
    signed_up = set(
        traject.inschrijvingen.annotate(email=Lower("deelnemer__user__email"))
        .filter(email__in=list(newest))
        .values_list("email", flat=True)
    )
    result = []
    for key, (adres, status, verzonden_op, keer) in newest.items():
        if key in signed_up:
            staat = "aangemeld"
        elif status == VerzendStatus.MISLUKT:
            staat = "mislukt"
        elif not traject.is_publiek:
            staat = "verlopen"
        elif status == VerzendStatus.VERZONDEN:
            staat = "verstuurd"
        else:
            staat = "bezig"
        result.append(Uitnodiging(adres, verzonden_op, keer, staat))
    return result
