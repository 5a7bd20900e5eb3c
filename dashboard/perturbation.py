"""Cell-key perturbation of the counts that managers see. Pure: no Django imports.

Whoever does not coordinate a traject sees its counts with a little noise, as statistics
offices publish tables (the "cell key method" of the ABS TableBuilder and Eurostat):

- Every count is a *cell*: a set of records (people in a traject, or visits) with the number
  of records and the sum of their ids as the set's fingerprint. The cell key is an HMAC of
  that fingerprint under a secret (derived from ``SECRET_KEY``): nobody outside can compute
  it, and the SAME set of records always gets the SAME key, whichever table, filter or export
  it is asked through. Asking again, or asking the same people another way, gains nothing.
- The key picks the noise: a whole number from a two-sided geometric distribution
  (``P(d) ∝ ALPHA ** |d|``): 0 about half of the time, ±1 about a third, ±2 about one in ten,
  more rarely. The noise has no hard bound, so no combination of published figures pins a
  true count down by arithmetic: whatever a row total, an area's row or another filter
  says, the small count behind it could have been several values.
- No published count lies in 1..4: a perturbed count that would land there goes to the
  nearer of 0 and 5 (1 and 2 to 0, 3 and 4 to 5). Nobody is ever shown as "one of two".
  A true 0 stays 0 (an empty cell is not a person).
- Totals, an area's rows and every filter's rows are cells of their own, perturbed from
  their own record sets, never the sum of perturbed cells: "total minus cells" and "area
  minus its trajecten" give only noise.

Shares and the balance index are computed from the published counts, so they add no
information and stay visible (roughly right) for any group.
"""

import hashlib
import hmac
import math
from collections.abc import Iterable
from dataclasses import dataclass

MINIMUM = 5  # no published count lies in 1 .. MINIMUM - 1
ALPHA = 0.3  # the noise: P(d) ∝ ALPHA ** |d|

_BITS = 64


@dataclass(frozen=True)
class Cel:
    """A true count and its records' fingerprint (the sum of their ids). Cells add up:
    the cell of a union of disjoint sets is the sum of their cells."""

    aantal: int = 0
    sleutel: int = 0

    def __add__(self, other: "Cel") -> "Cel":
        return Cel(self.aantal + other.aantal, self.sleutel + other.sleutel)


def som(cellen: Iterable[Cel]) -> Cel:
    total = Cel()
    for c in cellen:
        total = total + c
    return total


def _cell_key(geheim: bytes, cel: Cel) -> tuple[float, float]:
    """The cell key as two numbers: a tail probability in (0, 1] for the size of the
    noise, and one in [0, 1) for its sign."""
    digest = hmac.new(geheim, f"{cel.aantal}:{cel.sleutel}".encode(), hashlib.sha256).digest()
    a, b = (int.from_bytes(digest[k : k + 8], "big") for k in (0, 8))
    return (2**_BITS - a) / 2**_BITS, b / 2**_BITS


def ruis(tail: float, sign: float, *, alpha: float = ALPHA) -> int:
    """The noise for a tail probability ``tail`` in (0, 1] and ``sign`` in [0, 1):
    two-sided geometric, ``P(|d| >= k) = 2 alpha**k / (1 + alpha)`` for k >= 1."""
    if tail > 2 * alpha / (1 + alpha):
        return 0
    size = max(1, math.floor(math.log(tail * (1 + alpha) / 2) / math.log(alpha)))
    return size if sign < 0.5 else -size


def grootste_ruis(*, alpha: float = ALPHA) -> int:
    """The largest noise the cell key can give (its smallest tail is 2**-64)."""
    return ruis(2.0**-_BITS, 0.0, alpha=alpha)


def publish(geheim: bytes, cel: Cel, *, minimum: int = MINIMUM) -> int:
    """The count shown for ``cel``: never in 1 .. minimum - 1, 0 only for 0 or a small count."""
    if cel.aantal < 0:
        raise ValueError("a count is negative")
    if cel.aantal == 0:
        return 0
    shown = cel.aantal + ruis(*_cell_key(geheim, cel))
    if shown < minimum:
        # To the nearer of 0 and ``minimum``.
        return minimum if 2 * shown >= minimum else 0
    return shown


def shares(counts: Iterable[int]) -> list[float] | None:
    """Each count's share of their sum in percent; None when the sum is 0."""
    counts = list(counts)
    total = sum(counts)
    if not total:
        return None
    return [100 * n / total for n in counts]
