"""Overlap of values across the three tags. Pure: no Django imports.

Input: per value, how many people of each tag endorse it, and how many people of each tag
sit at the table. Output: per value and tag the share that endorses it, whether the value
is *shared*, and the largest differences between tags (prompts for the next meeting).

A value is shared when every tag with people reaches the threshold (a share in percent)
and at least two tags have people: a tag with nobody in it is left out, and with only one
tag at the table there is nothing to share across.

Managers see aggregates only: a cell with fewer than five people shows "< 5".
"""

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

TAGS = ("formeel", "informeel", "ervaringsdeskundige")
DEFAULT_THRESHOLD = 30  # percent of every tag
MIN_TAGS_FOR_SHARED = 2
SMALL_CELL = 5  # cells with fewer people are suppressed for managers
SUPPRESSED = "< 5"
EMPTY = "–"


@dataclass(frozen=True)
class Cel:
    """One cell of the heat map: ``aantal`` of the ``totaal`` people of ``tag`` endorse
    the value."""

    tag: str
    aantal: int
    totaal: int

    @property
    def leeg(self) -> bool:
        """Nobody of this tag is at the table."""
        return self.totaal == 0

    @property
    def fractie(self) -> Fraction | None:
        return None if self.leeg else Fraction(self.aantal, self.totaal)

    @property
    def aandeel(self) -> float | None:
        """Share in percent, 0..100 (None when the tag is empty)."""
        return None if self.leeg else 100 * self.aantal / self.totaal

    @property
    def procent(self) -> int | None:
        """Share in whole percent, rounded half up."""
        return None if self.leeg else _round_half_up(100 * self.aantal, self.totaal)

    @property
    def niveau(self) -> int | None:
        """Shade 0..10 of the heat map (tenths, rounded half up)."""
        return None if self.leeg else _round_half_up(10 * self.aantal, self.totaal)

    def haalt(self, threshold: int) -> bool:
        """At least ``threshold`` percent of this tag endorse the value (exact arithmetic)."""
        return not self.leeg and 100 * self.aantal >= threshold * self.totaal


@dataclass(frozen=True)
class Verschil:
    """The largest gap for one value: the tag that endorses it most against the one that
    endorses it least."""

    sleutel: Hashable
    hoog: Cel
    laag: Cel

    @property
    def fractie(self) -> Fraction:
        return self.hoog.fractie - self.laag.fractie

    @property
    def punten(self) -> int:
        """Difference in whole percentage points (of the rounded shares, as shown)."""
        return self.hoog.procent - self.laag.procent


@dataclass(frozen=True)
class WaardeOverlap:
    sleutel: Hashable
    cellen: tuple[Cel, ...]  # in TAGS order
    gedeeld: bool

    def cel(self, tag: str) -> Cel:
        return self.cellen[TAGS.index(tag)]

    @property
    def verschil(self) -> Verschil | None:
        """Highest against lowest share among the tags with people (None with fewer than
        two such tags). Ties go to the earlier tag in TAGS for the high end and the later
        one for the low end, so the result never depends on dictionary order."""
        present = [c for c in self.cellen if not c.leeg]
        if len(present) < 2:
            return None
        hoog = max(present, key=lambda c: (c.fractie, -TAGS.index(c.tag)))
        laag = min(present, key=lambda c: (c.fractie, -TAGS.index(c.tag)))
        return Verschil(self.sleutel, hoog, laag)


@dataclass(frozen=True)
class Overlap:
    drempel: int
    totalen: Mapping[str, int]
    waarden: tuple[WaardeOverlap, ...]

    @property
    def tags_met_mensen(self) -> tuple[str, ...]:
        return tuple(tag for tag in TAGS if self.totalen[tag])

    @property
    def gedeeld(self) -> tuple[Hashable, ...]:
        """Keys of the shared values, in input order."""
        return tuple(w.sleutel for w in self.waarden if w.gedeeld)

    def grootste_verschillen(self, n: int = 3) -> list[Verschil]:
        """Up to ``n`` values with the largest gap between two tags (largest first; ties in
        input order). Values without any gap are left out."""
        gaps = [
            (index, v)
            for index, w in enumerate(self.waarden)
            if (v := w.verschil) is not None and v.fractie > 0
        ]
        gaps.sort(key=lambda item: (-item[1].fractie, item[0]))
        return [v for _, v in gaps[:n]]


def compute_overlap(
    endorsements: Mapping[Hashable, Mapping[str, int]],
    totals: Mapping[str, int],
    keys: Sequence[Hashable] | None = None,
    threshold: int = DEFAULT_THRESHOLD,
) -> Overlap:
    """Overlap of the values ``keys`` (default: the keys of ``endorsements``, in order).

    ``endorsements[key][tag]`` is the number of people of ``tag`` endorsing the value (a
    missing value or tag counts as 0); ``totals[tag]`` the number of people of ``tag``.
    """
    if not 0 < threshold <= 100:
        raise ValueError(f"threshold must be in 1..100, not {threshold}")
    unknown = set(totals) - set(TAGS)
    if unknown:
        raise ValueError(f"unknown tags: {sorted(unknown)}")
    totalen = {tag: totals.get(tag, 0) for tag in TAGS}
    if any(n < 0 for n in totalen.values()):
        raise ValueError("a tag total is negative")
    tags_present = sum(1 for n in totalen.values() if n)
    rows = []
    for key in endorsements if keys is None else keys:
        counts = endorsements.get(key, {})
        if set(counts) - set(TAGS):
            raise ValueError(f"unknown tags for {key!r}: {sorted(set(counts) - set(TAGS))}")
        cellen = tuple(Cel(tag, counts.get(tag, 0), totalen[tag]) for tag in TAGS)
        for c in cellen:
            if not 0 <= c.aantal <= c.totaal:
                raise ValueError(f"{key!r}: {c.aantal} of {c.totaal} people of {c.tag}")
        gedeeld = tags_present >= MIN_TAGS_FOR_SHARED and all(
            c.haalt(threshold) for c in cellen if not c.leeg
        )
        rows.append(WaardeOverlap(key, cellen, gedeeld))
    return Overlap(drempel=threshold, totalen=totalen, waarden=tuple(rows))


# --- Showing the figures -------------------------------------------------------------------


def is_suppressed(count: int, minimum: int = SMALL_CELL) -> bool:
    """A figure about fewer than ``minimum`` people is not shown to managers (0 included, so
    that "nobody" cannot be told apart from "one or two")."""
    return count < minimum


def share_text(cel: Cel, *, suppress: bool = False) -> str:
    """What a heat-map cell shows: "40%", "–" for a tag with nobody, or "< 5" for a manager
    when fewer than five people endorse the value."""
    if cel.leeg:
        return EMPTY
    if suppress and is_suppressed(cel.aantal):
        return SUPPRESSED
    return f"{cel.procent}%"


def count_text(count: int, *, suppress: bool = False) -> str:
    return SUPPRESSED if suppress and is_suppressed(count) else str(count)


def heat_class(cel: Cel, *, suppress: bool = False) -> str:
    """CSS class for the shade of a cell: ``heat-0`` … ``heat-10``; ``heat-leeg`` for a tag
    with nobody and ``heat-onbekend`` for a suppressed cell (no shade gives it away)."""
    if cel.leeg:
        return "heat-leeg"
    if suppress and is_suppressed(cel.aantal):
        return "heat-onbekend"
    return f"heat-{cel.niveau}"


def _round_half_up(numerator: int, denominator: int) -> int:
    return (2 * numerator + denominator) // (2 * denominator)
