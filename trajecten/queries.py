"""Reads used by several pages: balance figures and participant lists."""

from collections import defaultdict

from django.db.models import Case, Count, IntegerField, Q, Value, When

from .balance import Balans, balance
from .choices import BEZETTE_STATUSSEN, InschrijvingStatus, Tag
from .models import Inschrijving, Traject


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


def deelnemerslijst(traject: Traject, *, tag="", rol="", status=""):
    qs = Inschrijving.objects.filter(traject=traject).select_related(
        "deelnemer__user", "organisatie"
    )
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
