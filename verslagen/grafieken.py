"""Server-side SVG bar charts for reports: the same markup on the page and in the PDF.

Pure: no Django imports. Callers pass translated texts. Every bar carries its label and
number as text, so nothing is told by colour alone; the caller adds a text summary and
the data as a table beside the chart.
"""

from dataclasses import dataclass
from html import escape

WIDTH = 560
LABEL_WIDTH = 190
BAR_HEIGHT = 26
GAP = 12
TOP = 8


@dataclass(frozen=True)
class Staaf:
    label: str
    waarde: float
    tekst: str  # the number as shown, e.g. "12" or "4,2"
    klasse: str = ""  # a CSS class for the fill (a pattern or colour per tag)
    doel: float | None = None  # a target marker on the same scale


def _num(x: float) -> str:
    """A number for an SVG attribute: always a dot, never a locale comma."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


def staafdiagram(
    staven: list[Staaf], *, titel: str, beschrijving: str, maximum: float, id: str
) -> str:
    """A horizontal bar chart as an inline ``<svg role="img">`` with ``<title>`` and
    ``<desc>``. ``maximum`` is the value of a full bar (at least 1)."""
    maximum = max(maximum, 1)
    span = WIDTH - LABEL_WIDTH - 60
    height = TOP + len(staven) * (BAR_HEIGHT + GAP)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafiek" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{id}-titel {id}-desc">',
        f'<title id="{id}-titel">{escape(titel)}</title>',
        f'<desc id="{id}-desc">{escape(beschrijving)}</desc>',
    ]
    for n, staaf in enumerate(staven):
        y = TOP + n * (BAR_HEIGHT + GAP)
        w = span * max(0.0, min(staaf.waarde, maximum)) / maximum
        mid = y + BAR_HEIGHT / 2 + 5
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{_num(mid)}" text-anchor="end" '
            f'class="grafiek__label">{escape(staaf.label)}</text>'
        )
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{_num(w)}" height="{BAR_HEIGHT}" '
            f'class="grafiek__staaf {escape(staaf.klasse)}" fill="#1f5f8b" stroke="#1a1a1a"/>'
        )
        if staaf.doel is not None:
            x = LABEL_WIDTH + span * max(0.0, min(staaf.doel, maximum)) / maximum
            parts.append(
                f'<line x1="{_num(x)}" x2="{_num(x)}" y1="{y - 3}" y2="{y + BAR_HEIGHT + 3}" '
                f'class="grafiek__doel" stroke="#1a1a1a" stroke-width="2" '
                f'stroke-dasharray="4 2"/>'
            )
        parts.append(
            f'<text x="{_num(LABEL_WIDTH + w + 6)}" y="{_num(mid)}" '
            f'class="grafiek__getal">{escape(staaf.tekst)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
