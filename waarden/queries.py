"""Reads of the values board, in one place: the values on a traject's board, the overlap
across tags, and the quotes. The board page, the live meeting screen and the reports use
these; each function runs a fixed number of queries, however many people take part.

Who counts for the overlap: enrolments with a seat (``BEZETTE_STATUSSEN``).
"""

from dataclasses import dataclass, field

from django.db.models import Count, F, Q

from trajecten.choices import BEZETTE_STATUSSEN, Tag
from trajecten.models import Inschrijving, Traject

from .models import MAX_KERNWAARDEN, STANDAARD_DREMPEL, Citaat, Onderschrijving, Waarde, Waardenbord
from .overlap import (
    TAGS,
    Overlap,
    compute_overlap,
    count_text,
    heat_class,
    is_suppressed,
    share_text,
)


def op_het_bord(traject: Traject):
    """The values on the traject's board as a queryset: the catalogue's first, in their
    order, then the traject's own by name."""
    return Waarde.objects.filter(op_borden__traject=traject).order_by(
        F("traject").asc(nulls_first=True), "volgorde", "naam"
    )


def bord_waarden(traject: Traject) -> list[Waarde]:
    """The values on the traject's board, in board order. One query."""
    return list(op_het_bord(traject))


def catalogus_en_eigen(traject: Traject):
    """Every value a coordinator can put on the board: the catalogue and the traject's own."""
    return Waarde.objects.filter(Q(traject__isnull=True) | Q(traject=traject)).order_by(
        F("traject").asc(nulls_first=True), "volgorde", "naam"
    )


def drempel(traject: Traject) -> int:
    bord = Waardenbord.objects.filter(traject=traject).only("drempel").first()
    return bord.drempel if bord else STANDAARD_DREMPEL


def tag_totalen(traject: Traject) -> dict[str, int]:
    """People with a seat per tag. One aggregate query."""
    row = Inschrijving.objects.filter(traject=traject, status__in=BEZETTE_STATUSSEN).aggregate(
        **{tag: Count("id", filter=Q(tag=tag)) for tag in Tag.values}
    )
    return {tag: row[tag] for tag in Tag.values}


def onderschrijvingen_per_tag(traject: Traject, waarden) -> dict[int, dict[str, int]]:
    """Per value id, per tag: the number of people with a seat who endorse it. One query."""
    rows = (
        Onderschrijving.objects.filter(
            inschrijving__traject=traject,
            inschrijving__status__in=BEZETTE_STATUSSEN,
            waarde__in=[w.pk for w in waarden],
        )
        .values("waarde_id", "inschrijving__tag")
        .annotate(n=Count("id"))
        .order_by()
    )
    result: dict[int, dict[str, int]] = {}
    for row in rows:
        result.setdefault(row["waarde_id"], {})[row["inschrijving__tag"]] = row["n"]
    return result


def traject_overlap(
    traject: Traject, waarden: list[Waarde] | None = None, threshold: int | None = None
) -> Overlap:
    """The overlap of the board's values, keyed by value id. Two queries (tag totals and
    endorsements), plus one for each of ``waarden`` and ``threshold`` not given."""
    if waarden is None:
        waarden = bord_waarden(traject)
    if threshold is None:
        threshold = drempel(traject)
    totals = tag_totalen(traject)
    counts = onderschrijvingen_per_tag(traject, waarden)
    # The two queries are not one snapshot: someone who lost their seat in between could
    # be counted in one and not in the other. Never show more than everyone.
    counts = {
        pk: {tag: min(n, totals.get(tag, 0)) for tag, n in per_tag.items()}
        for pk, per_tag in counts.items()
    }
    return compute_overlap(counts, totals, [w.pk for w in waarden], threshold)


def citaten(
    traject: Traject,
    *,
    waarden: list[Waarde] | None = None,
    bijeenkomst=None,
    met_verborgen: bool = False,
) -> list[Citaat]:
    """Quotes on the traject's board (optionally of one meeting), oldest first, each with
    ``voornaam`` set when the author chose to show it. One query."""
    qs = Citaat.objects.filter(inschrijving__traject=traject).select_related(
        "waarde", "bijeenkomst", "inschrijving__deelnemer__user"
    )
    if waarden is None:
        qs = qs.filter(waarde__op_borden__traject=traject)
    else:
        qs = qs.filter(waarde__in=[w.pk for w in waarden])
    if bijeenkomst is not None:
        qs = qs.filter(bijeenkomst=bijeenkomst)
    if not met_verborgen:
        qs = qs.filter(verborgen=False)
    result = list(qs.order_by("aangemaakt_op", "id"))
    for c in result:
        c.voornaam = _voornaam(c) if c.toon_naam else ""
    return result


def waarden_met_citaten(traject: Traject, *, bijeenkomst=None) -> list[tuple[Waarde, list]]:
    """For the live screen and reports: each value on the board with its visible quotes
    (of one meeting, if given). Two queries."""
    waarden = bord_waarden(traject)
    per_waarde: dict[int, list] = {w.pk: [] for w in waarden}
    for c in citaten(traject, waarden=waarden, bijeenkomst=bijeenkomst):
        per_waarde[c.waarde_id].append(c)
    return [(w, per_waarde[w.pk]) for w in waarden]


def plek_aan_tafel(user, traject: Traject) -> Inschrijving | None:
    """The user's enrolment with a seat in the traject, if any. One query."""
    if not user.is_authenticated:
        return None
    return Inschrijving.objects.filter(
        traject=traject, deelnemer__user=user, status__in=BEZETTE_STATUSSEN
    ).first()


def mijn_kernwaarden(inschrijving: Inschrijving) -> set[int]:
    """Ids of the board's values this person endorses. One query."""
    return set(
        Onderschrijving.objects.filter(
            inschrijving=inschrijving, waarde__op_borden__traject_id=inschrijving.traject_id
        ).values_list("waarde_id", flat=True)
    )


def _voornaam(citaat: Citaat) -> str:
    naam = citaat.inschrijving.deelnemer.user.naam.strip()
    return naam.split()[0] if naam else ""


# --- The board page ------------------------------------------------------------------------


@dataclass
class Kolom:
    tag: str
    label: str
    totaal: str  # as shown: a number, or "< 5" for managers


@dataclass
class HeatCel:
    tag: str
    label: str
    tekst: str
    klasse: str


@dataclass
class HeatRij:
    waarde: Waarde
    gedeeld: bool
    cellen: list[HeatCel]


@dataclass
class Gespreksvraag:
    waarde: Waarde
    hoog_label: str
    hoog: int
    laag_label: str
    laag: int


@dataclass
class Kaart:
    waarde: Waarde
    gekozen: bool
    citaten: list = field(default_factory=list)


@dataclass
class Bord:
    drempel: int
    kolommen: list[Kolom]
    rijen: list[HeatRij]
    kaarten: list[Kaart]
    gedeeld: list[Waarde]
    verschillen: list[Gespreksvraag]
    tags_met_mensen: int
    aantal_gekozen: int = 0
    max_kernwaarden: int = MAX_KERNWAARDEN


def bord(
    traject: Traject,
    *,
    inschrijving: Inschrijving | None = None,
    met_verborgen: bool = False,
    alleen_cijfers: bool = False,
    klein_verbergen: bool = False,
) -> Bord:
    """Everything the board page shows, in a fixed number of queries (at most six).

    ``alleen_cijfers`` is the managers' view: only the heat map, cells with fewer than five
    people suppressed, no quotes. ``klein_verbergen`` (everyone but the coordinators)
    suppresses the same cells and column totals, and leaves out the talking points whose
    percentages rest on a suppressed cell; quotes and shared values stay."""
    waarden = bord_waarden(traject)
    ov = traject_overlap(traject, waarden)
    suppress = alleen_cijfers or klein_verbergen
    labels = {tag: Tag(tag).label for tag in Tag.values}
    by_pk = {w.pk: w for w in waarden}
    kolommen = [
        Kolom(tag, labels[tag], count_text(ov.totalen[tag], suppress=suppress)) for tag in TAGS
    ]
    rijen = [
        HeatRij(
            waarde=by_pk[w.sleutel],
            gedeeld=w.gedeeld and not alleen_cijfers,
            cellen=[
                HeatCel(
                    c.tag,
                    labels[c.tag],
                    share_text(c, suppress=suppress),
                    heat_class(c, suppress=suppress),
                )
                for c in w.cellen
            ],
        )
        for w in ov.waarden
    ]
    result = Bord(
        drempel=ov.drempel,
        kolommen=kolommen,
        rijen=rijen,
        kaarten=[],
        gedeeld=[] if alleen_cijfers else [by_pk[k] for k in ov.gedeeld],
        verschillen=[]
        if alleen_cijfers
        else [
            Gespreksvraag(
                by_pk[v.sleutel],
                labels[v.hoog.tag],
                v.hoog.procent,
                labels[v.laag.tag],
                v.laag.procent,
            )
            for v in ov.grootste_verschillen()
            # A percentage of a small group would undo the hidden cells.
            if not (suppress and (is_suppressed(v.hoog.aantal) or is_suppressed(v.laag.aantal)))
        ],
        tags_met_mensen=len(ov.tags_met_mensen),
    )
    if alleen_cijfers:
        return result
    gekozen = mijn_kernwaarden(inschrijving) if inschrijving else set()
    per_waarde: dict[int, list] = {w.pk: [] for w in waarden}
    for c in citaten(traject, waarden=waarden, met_verborgen=met_verborgen):
        per_waarde[c.waarde_id].append(c)
    result.kaarten = [Kaart(w, w.pk in gekozen, per_waarde[w.pk]) for w in waarden]
    result.aantal_gekozen = len(gekozen)
    return result
