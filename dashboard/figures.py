"""Shared pieces of what the dashboard pages show: labels, numbers as text, and the figures
of a group: exact for those who coordinate the traject, perturbed (``perturbation``) for
everyone else. Shares and balance indices are computed from the counts as shown, so they
never tell more than the counts do.

Evaluations are aggregated in whole meetings: a meeting with fewer than ``MINIMUM``
evaluations is left out of every average and total (for everyone, since the form promises
anonymity). Any two aggregates then differ by whole meetings of five or more people, so no
difference of two requests gives fewer than five people's scores.
"""

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

from trajecten.balance import TAGS, balance_index
from trajecten.choices import Tag
from verslagen.models import DOEI
from waarden.overlap import MIN_TAGS_FOR_SHARED

from . import perturbation as v

LEEG = "–"
KLEIN = "< 5"  # fewer than five evaluations: no average
MINIMUM = v.MINIMUM


def labels() -> dict[str, str]:
    return {tag: str(Tag(tag).label) for tag in TAGS}


def doei_labels() -> dict[str, str]:
    return {
        "doelmatigheid": _("Doelmatig"),
        "open": _("Open"),
        "eerlijk": _("Eerlijk"),
        "inzet": _("Inzet"),
    }


def getal(value: float, decimals: int = 1) -> str:
    return formats.number_format(value, decimal_pos=decimals, use_l10n=True)


def geheim() -> bytes:
    """The secret of the cell keys: derived from SECRET_KEY, used for nothing else."""
    return hmac.new(
        settings.SECRET_KEY.encode(), b"samenspel.dashboard.celsleutel", hashlib.sha256
    ).digest()


@dataclass(frozen=True)
class Rij:
    """A group's counts per tag (in the order of ``TAGS``) and in total, as shown."""

    cellen: tuple[int, ...]
    totaal: int
    ongeveer: bool  # perturbed

    @property
    def teksten(self) -> list[str]:
        return [str(n) for n in self.cellen]

    @property
    def aantallen(self) -> dict[str, int]:
        return dict(zip(TAGS, self.cellen, strict=True))


def rij(counts: dict[str, v.Cel], exact: bool) -> Rij:
    """The counts per tag of a group and its total. The total is a cell of its own: for
    those who see perturbed figures it is not the sum of the cells shown."""
    total = v.som(counts[t] for t in TAGS)
    if exact:
        return Rij(tuple(counts[t].aantal for t in TAGS), total.aantal, False)
    key = geheim()
    return Rij(tuple(v.publish(key, counts[t]) for t in TAGS), v.publish(key, total), True)


def som(groups: Sequence[dict[str, v.Cel]]) -> dict[str, v.Cel]:
    return {t: v.som(g[t] for g in groups) for t in TAGS}


@dataclass
class Index:
    """A balance index in whole points 0..100 as shown, or nothing to show."""

    waarde: float | None  # 0..100, None when there is nothing to count
    tekst: str


def index(row: Rij, doelen) -> Index:
    value = balance_index(row.aantallen, doelen)
    if value is None:
        return Index(None, LEEG)
    return Index(round(100 * value), str(round(100 * value)))


def mean_index(rows: Sequence[Rij], doelen) -> float | None:
    """The mean balance of several groups (meetings), each from its counts as shown."""
    values = [x for r in rows if (x := balance_index(r.aantallen, doelen)) is not None]
    return 100 * sum(values) / len(values) if values else None


def index_text(value: float | None) -> str:
    return LEEG if value is None else str(round(value))


def shares(row: Rij, doelen) -> list[str]:
    """Per tag: its share of the group against the target, "48% / 50%"."""
    parts = v.shares(row.cellen)
    return [
        f"{LEEG if parts is None else f'{round(p)}%'} / {doelen[tag]}%"
        for tag, p in zip(TAGS, parts or [0] * len(TAGS), strict=True)
    ]


@dataclass(frozen=True)
class Evaluaties:
    """Evaluations of some meetings, counted in whole meetings of ``MINIMUM`` or more."""

    aantal: int  # evaluations in the meetings that count
    som: dict[str, int]
    weggelaten: int  # meetings left out: 1 to MINIMUM - 1 evaluations


def evaluaties(meetings) -> Evaluaties:
    counted = [b for b in meetings if b.evaluaties >= MINIMUM]
    return Evaluaties(
        aantal=sum(b.evaluaties for b in counted),
        som={d: sum(b.evaluatie_som[d] for b in counted) for d in DOEI},
        weggelaten=sum(1 for b in meetings if 0 < b.evaluaties < MINIMUM),
    )


def doei(e: Evaluaties) -> list[str]:
    """The mean score per DOEI point: "< 5" when only meetings with fewer than five
    evaluations have any."""
    if e.aantal == 0:
        return [KLEIN if e.weggelaten else LEEG] * len(DOEI)
    return [getal(e.som[d] / e.aantal) for d in DOEI]


def eval_count(n: int, exact: bool) -> str:
    """The number of evaluations of one meeting: "< 5" for 1 to 4 unless exact."""
    return KLEIN if not exact and 0 < n < MINIMUM else str(n)


def _plek(traject_id: int, waarde_id: int, tag_index: int) -> int:
    """A fingerprint for one cell of the values overlap, apart from every sum of record ids
    (it is negative). The overlap is asked for in one way only (no filters change it)."""
    return -((int(traject_id) * 1_000_003 + int(waarde_id)) * 3 + tag_index + 1)


def waarde_fracties(
    traject_id: int, waarde_id: int, counts: Sequence[int], bezet: Rij
) -> list[float | None]:
    """Per tag the share (0..1) of the people at the table who endorse a value, perturbed:
    the perturbed endorsements against the tag's count at the table as shown (``bezet``);
    None for a tag shown as nobody."""
    key = geheim()
    shown = [
        v.publish(key, v.Cel(n, _plek(traject_id, waarde_id, k))) for k, n in enumerate(counts)
    ]
    return [None if not t else min(1.0, n / t) for n, t in zip(shown, bezet.cellen, strict=True)]


def gedeeld(fracties: Sequence[float | None], drempel: int) -> bool:
    """Shared: every tag with people reaches the threshold, and two tags have people."""
    filled = [f for f in fracties if f is not None]
    return len(filled) >= MIN_TAGS_FOR_SHARED and all(100 * f >= drempel for f in filled)
