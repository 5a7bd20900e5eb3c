"""Reads used by several meeting pages."""

from django.db.models import Count, OuterRef, Q, Subquery

from trajecten.balance import balance
from trajecten.choices import BEZETTE_STATUSSEN, Tag
from trajecten.models import Inschrijving

from .choices import Antwoord
from .models import Aanwezigheid, Bijeenkomst


def scheduling_warnings(bijeenkomst: Bijeenkomst) -> list[str]:
    """Overlaps with other meetings of the traject and dates outside its period."""
    from django.utils.translation import gettext as _

    warnings = []
    overlapping = (
        Bijeenkomst.objects.van_traject(bijeenkomst.traject_id)
        .gepland()
        .exclude(pk=bijeenkomst.pk)
        .filter(start__lt=bijeenkomst.einde, einde__gt=bijeenkomst.start)
        .values_list("nummer", flat=True)
    )
    for nummer in overlapping:
        warnings.append(
            _("Deze bijeenkomst overlapt met bijeenkomst %(nummer)s.") % {"nummer": nummer}
        )
    traject = bijeenkomst.traject
    day = bijeenkomst.start.astimezone().date()
    if (traject.startdatum and day < traject.startdatum) or (
        traject.einddatum and day > traject.einddatum
    ):
        warnings.append(_("Deze bijeenkomst valt buiten de periode van het traject."))
    return warnings


def attendance_counts(bijeenkomst: Bijeenkomst) -> dict[str, dict[str, int]]:
    """Per tag: how many said they come, and how many were checked in. One query."""
    row = Aanwezigheid.objects.filter(bijeenkomst=bijeenkomst).aggregate(
        **{
            f"{soort}_{tag}": Count("id", filter=Q(inschrijving__tag=tag) & cond)
            for soort, cond in (
                ("komt", Q(antwoord=Antwoord.KOMT)),
                ("aanwezig", Q(aanwezig=True)),
            )
            for tag in Tag.values
        }
    )
    return {
        soort: {tag: row[f"{soort}_{tag}"] for tag in Tag.values} for soort in ("komt", "aanwezig")
    }


def checkin_list(bijeenkomst: Bijeenkomst, zoek: str = ""):
    """Everyone with a seat in the traject, with their attendance row if any."""

    qs = (
        Inschrijving.objects.filter(traject_id=bijeenkomst.traject_id, status__in=BEZETTE_STATUSSEN)
        .select_related("deelnemer__user")
        .annotate(
            is_aanwezig=Count(
                "aanwezigheden",
                filter=Q(aanwezigheden__bijeenkomst=bijeenkomst, aanwezigheden__aanwezig=True),
            )
        )
        .order_by("deelnemer__user__naam", "id")
    )
    if zoek:
        qs = qs.filter(deelnemer__user__naam__icontains=zoek)
    return qs


def attendance_balans(bijeenkomst: Bijeenkomst):
    """Balance of who said they come and of who was checked in, against the targets."""

    counts = attendance_counts(bijeenkomst)
    doelen = bijeenkomst.traject.doelen
    return {soort: balance(c, doelen) for soort, c in counts.items()}


def persoonlijke_bijeenkomsten(deelnemer):
    """Meetings of every traject the person has a seat in, in one query."""
    return (
        Bijeenkomst.objects.filter(
            traject__inschrijvingen__deelnemer=deelnemer,
            traject__inschrijvingen__status__in=BEZETTE_STATUSSEN,
        )
        .select_related("traject")
        .order_by("start")
    )


def komende_bijeenkomsten(user):
    """The signed-in person's next meetings (for the home page) with their own reply as
    ``mijn_antwoord`` (None when they gave none), in one query."""
    reply = Aanwezigheid.objects.filter(
        bijeenkomst=OuterRef("pk"), inschrijving__deelnemer__user=user
    ).values("antwoord")[:1]
    return (
        Bijeenkomst.objects.komend()
        .filter(
            traject__inschrijvingen__deelnemer__user=user,
            traject__inschrijvingen__status__in=BEZETTE_STATUSSEN,
        )
        .annotate(mijn_antwoord=Subquery(reply))
        .select_related("traject")[:5]
    )


def checkin_teller(bijeenkomst: Bijeenkomst) -> dict:
    """For the check-in list: how many people with a seat there are, and how many of them
    are checked in, in total and per tag. One query."""

    present = Q(aanwezigheden__bijeenkomst=bijeenkomst, aanwezigheden__aanwezig=True)
    row = Inschrijving.objects.filter(
        traject_id=bijeenkomst.traject_id, status__in=BEZETTE_STATUSSEN
    ).aggregate(
        totaal=Count("id", distinct=True),
        aanwezig=Count("aanwezigheden", filter=present),
        **{
            f"aanwezig_{tag}": Count("aanwezigheden", filter=present & Q(tag=tag))
            for tag in Tag.values
        },
    )
    return {
        "totaal": row["totaal"],
        "aanwezig": row["aanwezig"],
        "per_tag": [(Tag(tag).label, row[f"aanwezig_{tag}"]) for tag in Tag.values],
    }


def live_bijdragen(bijeenkomst: Bijeenkomst) -> list[dict]:
    """The visible contributions of a meeting, grouped per kind (in the order of the kinds),
    newest first. ``voornaam`` is set only when the author chose to show it. One query."""
    from .choices import BijdrageSoort
    from .models import Bijdrage

    groepen = {
        soort: {"soort": soort, "label": BijdrageSoort(soort).label, "bijdragen": []}
        for soort in BijdrageSoort.values
    }
    rows = (
        Bijdrage.objects.filter(bijeenkomst=bijeenkomst, verborgen=False)
        .select_related("door")
        .order_by("-aangemaakt_op", "-id")
    )
    for bijdrage in rows:
        door = bijdrage.door
        bijdrage.voornaam = voornaam(door) if bijdrage.toon_naam and door else ""
        groepen[bijdrage.soort]["bijdragen"].append(bijdrage)
    return list(groepen.values())


def voornaam(user) -> str:
    """The first name shown with a contribution, or "". Never the e-mail address (which
    ``User.get_short_name`` falls back to): it would show on a shared screen."""
    return user.naam.split()[0] if user.naam.strip() else ""


def report_shared(bijeenkomst) -> bool:
    """Whether the meeting's report is published (``verslag_gedeeld`` when the meeting was
    annotated with it, else one query through the report's relation)."""
    annotated = getattr(bijeenkomst, "verslag_gedeeld", None)
    if annotated is not None:
        return annotated
    return Bijeenkomst.objects.filter(
        pk=bijeenkomst.pk, verslag__gepubliceerd__isnull=False
    ).exists()
