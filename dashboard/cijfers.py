"""Shared pieces of what the dashboard pages show: labels, numbers as text, and the
balance figures of a group with small cells suppressed for anyone who does not see exact
numbers (``onderdrukking``)."""

from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from trajecten.balans import TAGS, balance_index
from trajecten.choices import Tag
from verslagen.models import DOEI

from . import onderdrukking as o

LEEG = "–"


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


def rij(counts: dict[str, int], exact: bool) -> o.Rij:
    values = [counts[t] for t in TAGS]
    return o.exact(values) if exact else o.protect_row(values)


@dataclass
class Index:
    """A balance index in whole points 0..100 as shown, or hidden."""

    waarde: float | None  # 0..100, None when not shown
    tekst: str


def index(counts: dict[str, int], doelen, row: o.Rij, exact: bool) -> Index:
    if sum(counts.values()) == 0:
        return Index(None, LEEG)
    if not exact:
        if row.totaal.reden == o.PRIMAIR:
            return Index(None, o.SUPPRESSED_TEXT)
        if row.totaal.verborgen or o.sensitive_hidden(TAGS, row):
            return Index(None, o.SECONDARY_TEXT)
    value = balance_index(counts, doelen)
    return Index(round(100 * value), str(round(100 * value)))


def mean_index(groups: list[dict[str, int]], doelen) -> float | None:
    values = [balance_index(g, doelen) for g in groups if sum(g.values())]
    return round(100 * sum(values) / len(values)) if values else None


def som(groups: list[dict[str, int]]) -> dict[str, int]:
    return {t: sum(g[t] for g in groups) for t in TAGS}


def shares(counts: dict[str, int], row: o.Rij, doelen, exact: bool) -> list[str]:
    """Per tag: share of ``counts`` against the target, "48% / 50%"; hidden with the cell."""
    total = sum(counts.values())
    out = []
    for tag, cel in zip(TAGS, row.cellen, strict=True):
        target = f"{doelen[tag]}%"
        if not total:
            out.append(f"{LEEG} / {target}")
        elif cel.verborgen and not exact:
            out.append(f"{cel.tekst} / {target}")
        else:
            out.append(f"{round(100 * counts[tag] / total)}% / {target}")
    return out


def doei(c_sum: dict[str, int], n: int, personen: int, exact: bool) -> list[str]:
    if n == 0:
        return [LEEG] * len(DOEI)
    if not exact and o.small(personen):
        return [o.SUPPRESSED_TEXT] * len(DOEI)
    return [getal(c_sum[d] / n) for d in DOEI]


def merge(row: o.Rij, people: o.Rij) -> o.Rij:
    """``row`` with every cell hidden that is hidden in ``people`` (the same tags counted
    as people rather than as visits or turns)."""
    return o.Rij(
        tuple(
            cel if cel.verborgen or not p.verborgen else o.Cel(cel.aantal, p.reden)
            for cel, p in zip(row.cellen, people.cellen, strict=True)
        ),
        row.totaal if row.totaal.verborgen or not people.totaal.verborgen else people.totaal,
    )


def hidden_mean(mean: float | None, row: o.Rij, exact: bool) -> str:
    if mean is None:
        return LEEG
    if not exact:
        if row.totaal.reden == o.PRIMAIR:
            return o.SUPPRESSED_TEXT
        if o.sensitive_hidden(TAGS, row):
            return o.SECONDARY_TEXT
    return str(mean)
