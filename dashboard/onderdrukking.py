"""Small-cell suppression for the managers' figures. Pure: no Django imports.

Managers see aggregates only. A cell that counts fewer than ``MINIMUM`` people is hidden
(primary suppression; zero too, so that "nobody" cannot be told apart from "one or two").
When a total is shown, the hidden cells of its row could be recomputed from it: the total
minus the visible cells is their sum. So more cells are hidden (secondary suppression)
until the hidden cells of a row add up to at least ``MINIMUM`` people, or the total itself
is hidden. A figure built on top of cells (a total across rows, a column sum) is hidden
when the cells it would give away add up to fewer than ``MINIMUM``.

The ervaringsdeskundige tag is sensitive (lived experience is often health data): besides
the rules above, any figure from which its hidden count could be worked out — a share in
percent, the balance index of the group — is hidden too.
"""

from collections.abc import Sequence
from dataclasses import dataclass

MINIMUM = 5
SENSITIVE_TAGS = frozenset({"ervaringsdeskundige"})

PRIMAIR = "primair"  # fewer than MINIMUM people
SECUNDAIR = "secundair"  # hidden so that a primary cell cannot be recomputed

SUPPRESSED_TEXT = "< 5"
SECONDARY_TEXT = "x"


@dataclass(frozen=True)
class Cel:
    """A count and whether (and why) it is hidden."""

    aantal: int
    reden: str | None = None

    @property
    def verborgen(self) -> bool:
        return self.reden is not None

    @property
    def tekst(self) -> str:
        if self.reden == PRIMAIR:
            return SUPPRESSED_TEXT
        if self.reden == SECUNDAIR:
            return SECONDARY_TEXT
        return str(self.aantal)


@dataclass(frozen=True)
class Rij:
    """One protected row: its cells and its total."""

    cellen: tuple[Cel, ...]
    totaal: Cel

    @property
    def iets_verborgen(self) -> bool:
        return self.totaal.verborgen or any(c.verborgen for c in self.cellen)


def exact(counts: Sequence[int], total: int | None = None) -> Rij:
    """The row as it is, for those who see exact numbers."""
    if total is None:
        total = sum(counts)
    return Rij(tuple(Cel(n) for n in counts), Cel(total))


def protect_row(
    counts: Sequence[int],
    total: int | None = None,
    *,
    minimum=MINIMUM,
    hidden: Sequence[int] = (),
) -> Rij:
    """Primary and secondary suppression of one row of counts with its total shown.

    ``total`` defaults to the sum of ``counts`` (pass it when the row does not cover
    everyone). ``hidden`` lists cells that must be hidden for another reason (they protect
    a figure elsewhere). Secondary cells are the smallest visible ones (ties: the later
    one)."""
    if any(n < 0 for n in counts):
        raise ValueError("a count is negative")
    if total is None:
        total = sum(counts)
    if total < sum(counts):
        raise ValueError("the total is smaller than its cells")
    reasons: list[str | None] = [
        PRIMAIR if n < minimum else SECUNDAIR if k in hidden else None for k, n in enumerate(counts)
    ]
    if total < minimum:
        return Rij(tuple(Cel(n, PRIMAIR) for n in counts), Cel(total, PRIMAIR))
    # The total minus the visible cells gives away the hidden cells together (with anyone
    # the row does not count): hide more until that is at least ``minimum``. It ends at
    # the latest when every cell is hidden, since the total itself is at least ``minimum``.
    while any(reasons):
        visible = [i for i, r in enumerate(reasons) if r is None]
        if total - sum(counts[i] for i in visible) >= minimum:
            break
        pick = min(visible, key=lambda i: (counts[i], -i))
        reasons[pick] = SECUNDAIR
    return Rij(tuple(Cel(n, r) for n, r in zip(counts, reasons, strict=True)), Cel(total))


def protect_sum(total: int, parts: Sequence[Cel], *, minimum=MINIMUM) -> Cel:
    """A figure that adds up ``parts`` shown elsewhere (an area's total over its trajecten):
    hidden when it is small itself, or when it minus the visible parts gives away hidden
    parts adding up to fewer than ``minimum``."""
    if total < minimum:
        return Cel(total, PRIMAIR)
    hidden = [p.aantal for p in parts if p.verborgen]
    if hidden and sum(hidden) < minimum:
        return Cel(total, SECUNDAIR)
    return Cel(total)


def sensitive_hidden(tags: Sequence[str], row: Rij) -> bool:
    """A sensitive tag's count is hidden in ``row``: derived figures (shares, the balance
    index) must not be shown either."""
    return any(
        tag in SENSITIVE_TAGS and cel.verborgen for tag, cel in zip(tags, row.cellen, strict=True)
    )


def small(count: int, *, minimum=MINIMUM) -> bool:
    """A figure about ``count`` people (an average of their scores) is not shown."""
    return count < minimum
