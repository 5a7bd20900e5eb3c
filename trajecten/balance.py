"""Balance of a group of people across the three tags. Pure: no Django imports.

The balance index is 1 − the total variation distance between the group's shares per
tag and the traject's target shares: 1 means exactly in proportion, 0 means entirely
one tag where the target has none of it.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

TAGS = ("formeel", "informeel", "ervaringsdeskundige")


@dataclass(frozen=True)
class TagCijfer:
    tag: str
    aantal: int
    aandeel: float  # 0..100
    doel: float  # 0..100


@dataclass(frozen=True)
class Balans:
    totaal: int
    index: float | None  # None for an empty group
    per_tag: tuple[TagCijfer, ...]

    @property
    def index_procent(self) -> int | None:
        return None if self.index is None else round(self.index * 100)


def balance_index(counts: Mapping[str, int], targets: Mapping[str, float]) -> float | None:
    total = sum(counts.get(tag, 0) for tag in TAGS)
    target_total = sum(targets.get(tag, 0) for tag in TAGS)
    if total == 0 or target_total == 0:
        return None
    distance = sum(
        abs(counts.get(tag, 0) / total - targets.get(tag, 0) / target_total) for tag in TAGS
    )
    return round(1 - distance / 2, 6)


def balance(counts: Mapping[str, int], targets: Mapping[str, float]) -> Balans:
    total = sum(counts.get(tag, 0) for tag in TAGS)
    target_total = sum(targets.get(tag, 0) for tag in TAGS) or 1
    return Balans(
        totaal=total,
        index=balance_index(counts, targets),
        per_tag=tuple(
            TagCijfer(
                tag=tag,
                aantal=counts.get(tag, 0),
                aandeel=round(100 * counts.get(tag, 0) / total, 1) if total else 0.0,
                doel=round(100 * targets.get(tag, 0) / target_total, 1),
            )
            for tag in TAGS
        ),
    )


def count_tags(tags: Iterable[str]) -> dict[str, int]:
    counts = dict.fromkeys(TAGS, 0)
    for tag in tags:
        counts[tag] += 1
    return counts


@dataclass(frozen=True)
class Kandidaat:
    id: int
    tag: str
    ingeschreven_op: datetime


def best_candidate(
    counts: Mapping[str, int],
    targets: Mapping[str, float],
    candidates: Sequence[Kandidaat],
    allowed_tags: Iterable[str] = TAGS,
) -> Kandidaat | None:
    """The candidate whose placement gives the highest balance index; ties go to the
    earliest sign-up. Only candidates with a tag in ``allowed_tags`` qualify."""
    allowed = set(allowed_tags)
    best, best_key = None, None
    for candidate in candidates:
        if candidate.tag not in allowed:
            continue
        after = dict(counts)
        after[candidate.tag] = after.get(candidate.tag, 0) + 1
        key = (-(balance_index(after, targets) or 0.0), candidate.ingeschreven_op, candidate.id)
        if best_key is None or key < best_key:
            best, best_key = candidate, key
    return best


# Up to this many free seats, the public list says "a few places left".
FEW_SEATS = 3


def free_seats(capacity: int, limits: Mapping[str, int], seated: Mapping[str, int]) -> dict:
    """Seats still free per tag: what the traject has left, within the tag's own limit
    (``limits`` in seats; a tag without a limit is absent)."""
    left = max(0, capacity - sum(seated.get(tag, 0) for tag in TAGS))
    return {
        tag: min(left, max(0, limits[tag] - seated.get(tag, 0))) if tag in limits else left
        for tag in TAGS
    }


def seats_in_words(free: int) -> str:
    """Say "ruim", "weinig" or "vol": what the public sees instead of a count, which would
    tell how many people of one background take part."""
    if free <= 0:
        return "vol"
    return "weinig" if free <= FEW_SEATS else "ruim"
