"""Charts as SVG markup, built in Python: the dashboard's and the reports' (on the page and
in the PDF). Pure: no Django imports; callers pass translated texts.

Built here rather than in template loops because a page at city scale draws many bars
(template variable lookups were most of the render time). Numbers go into attributes with
a dot as decimal mark, whatever the active locale.

Every chart has ``role="img"``, a ``<title>`` and a ``<desc>``; the page beside it gives a
text summary and the data as a table. Colour is never the only cue: each tag has its own
pattern (solid, stripes, dots) and every bar and point carries its value as text; lines
differ in dash and marker shape. The colours are Okabe–Ito (safe for colour-blind readers)
and the patterns survive black-and-white printing.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

# Okabe–Ito blue, orange and bluish green, as in the stylesheet's balance bar.
KLEUREN = {"formeel": "#0072b2", "informeel": "#e69f00", "ervaringsdeskundige": "#009e73"}
INKT = "#1a1a1a"
LIJN_STIJLEN = (  # (colour, dash pattern, marker)
    ("#0072b2", "", "cirkel"),
    ("#d55e00", "6 3", "vierkant"),
    ("#009e73", "2 3", "driehoek"),
    ("#cc79a7", "8 3 2 3", "ruit"),
)


def _n(value: float) -> str:
    """A number for an SVG attribute: dot decimal, no needless digits."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _e(text: str) -> str:
    return escape(str(text), quote=True)


def patronen(prefix: str) -> str:
    """Pattern definitions for the three tags, with ids unique to one chart."""
    f, i, e = (KLEUREN[t] for t in ("formeel", "informeel", "ervaringsdeskundige"))
    return (
        "<defs>"
        f'<pattern id="{prefix}-formeel" width="8" height="8" patternUnits="userSpaceOnUse">'
        f'<rect width="8" height="8" fill="{f}"/></pattern>'
        f'<pattern id="{prefix}-informeel" width="8" height="8" patternUnits="userSpaceOnUse"'
        ' patternTransform="rotate(45)">'
        f'<rect width="8" height="8" fill="{i}"/><rect width="2" height="8" fill="{INKT}"/>'
        "</pattern>"
        f'<pattern id="{prefix}-ervaringsdeskundige" width="8" height="8"'
        ' patternUnits="userSpaceOnUse">'
        f'<rect width="8" height="8" fill="{e}"/><circle cx="4" cy="4" r="2" fill="#ffffff"/>'
        "</pattern>"
        f'<pattern id="{prefix}-onbekend" width="6" height="6" patternUnits="userSpaceOnUse"'
        ' patternTransform="rotate(-45)">'
        '<rect width="6" height="6" fill="#ffffff"/><rect width="1" height="6" fill="#767676"/>'
        "</pattern>"
        "</defs>"
    )


def _open(
    prefix: str, width: int, height: int, title: str, desc: str, *, natural: bool = False
) -> str:
    # Wide charts fill their box; a small one (a card's) keeps its own size, so its text
    # is not blown up (the stylesheet still shrinks it to fit a narrow box).
    shown = str(width) if natural else "100%"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafiek" role="img"'
        f' viewBox="0 0 {width} {height}" width="{shown}" preserveAspectRatio="xMinYMin meet"'
        f' aria-labelledby="{prefix}-t {prefix}-d" focusable="false">'
        f'<title id="{prefix}-t">{_e(title)}</title><desc id="{prefix}-d">{_e(desc)}</desc>'
    )


@dataclass(frozen=True)
class Staaf:
    """One horizontal bar: a label, a value on the chart's scale (None: not shown), its
    text, the tag whose pattern fills it and an optional target marker on the same scale."""

    label: str
    waarde: float | None
    tekst: str
    patroon: str = "formeel"
    doel: float | None = None


def staven(
    prefix: str,
    title: str,
    desc: str,
    bars: Sequence[Staaf],
    *,
    schaal: float = 100.0,
    streepjes: Sequence[int] = (0, 50, 100),
) -> str:
    """Horizontal bars, one per label, with the value as text beside each bar; a target is
    a dashed line across its bar. ``streepjes`` are the axis ticks in percent of ``schaal``."""
    schaal = max(schaal, 1.0)
    label_w, bar_w, row_h, top = 220, 360, 28, 8
    width, height = label_w + bar_w + 80, top + row_h * max(len(bars), 1) + 24
    out = [_open(prefix, width, height, title, desc), patronen(prefix)]
    axis_y = top + row_h * len(bars)
    out.append(
        f'<line x1="{label_w}" y1="{top}" x2="{label_w}" y2="{axis_y}" stroke="{INKT}"/>'
        f'<line x1="{label_w}" y1="{axis_y}" x2="{label_w + bar_w}" y2="{axis_y}"'
        f' stroke="{INKT}"/>'
    )
    for tick in streepjes:
        x = label_w + bar_w * tick / 100
        out.append(
            f'<text x="{_n(x)}" y="{axis_y + 16}" font-size="12" text-anchor="middle"'
            f' fill="{INKT}">{_n(schaal * tick / 100)}</text>'
        )
    for k, bar in enumerate(bars):
        y = top + row_h * k
        out.append(
            f'<text x="{label_w - 8}" y="{y + 18}" font-size="13" text-anchor="end"'
            f' fill="{INKT}">{_e(bar.label[:32])}</text>'
        )
        if bar.waarde is None:
            out.append(
                f'<rect x="{label_w}" y="{y + 5}" width="{bar_w}" height="16"'
                f' fill="url(#{prefix}-onbekend)"/>'
            )
            x_text = label_w + bar_w + 6
        else:
            w = bar_w * max(0.0, min(bar.waarde, schaal)) / schaal
            out.append(
                f'<rect x="{label_w}" y="{y + 5}" width="{_n(w)}" height="16"'
                f' fill="url(#{prefix}-{_e(bar.patroon)})" stroke="{INKT}"/>'
            )
            x_text = label_w + w + 6
        if bar.doel is not None:
            x = label_w + bar_w * max(0.0, min(bar.doel, schaal)) / schaal
            out.append(
                f'<line x1="{_n(x)}" y1="{y + 1}" x2="{_n(x)}" y2="{y + 25}" stroke="{INKT}"'
                f' stroke-width="2" stroke-dasharray="4 2" class="grafiek__doel"/>'
            )
            x_text = max(x_text, x + 6)
        out.append(
            f'<text x="{_n(x_text)}" y="{y + 18}" font-size="13" fill="{INKT}">'
            f"{_e(bar.tekst)}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def kolommen(
    prefix: str,
    title: str,
    desc: str,
    columns: Sequence[tuple[str, float | None, str]],
    *,
    schaal: float = 100.0,
) -> str:
    """A small chart for a card: one column per label (a meeting), on 0..``schaal``, its
    value as text above it; a hatched column where there is no value. Small multiples of
    it compare trajecten at a glance."""
    left, col_w, gap, top, plot_h = 34, 34, 12, 18, 80
    width = left + (col_w + gap) * max(len(columns), 1) + gap
    height = top + plot_h + 20
    base = top + plot_h
    out = [_open(prefix, width, height, title, desc, natural=True), patronen(prefix)]
    for tick in (0, 50, 100):
        y = base - plot_h * tick / 100
        out.append(
            f'<line x1="{left - 3}" y1="{_n(y)}" x2="{width - gap / 2}" y2="{_n(y)}"'
            f' stroke="#767676" stroke-width="0.5"/>'
            f'<text x="{left - 6}" y="{_n(y + 4)}" font-size="13" text-anchor="end"'
            f' fill="{INKT}">{_n(schaal * tick / 100)}</text>'
        )
    for k, (label, value, text) in enumerate(columns):
        x = left + gap + (col_w + gap) * k
        if value is None:
            out.append(
                f'<rect x="{x}" y="{top}" width="{col_w}" height="{plot_h}"'
                f' fill="url(#{prefix}-onbekend)"/>'
            )
            y_text = top - 3
        else:
            h = plot_h * max(0.0, min(value, schaal)) / schaal
            out.append(
                f'<rect x="{x}" y="{_n(base - h)}" width="{col_w}" height="{_n(h)}"'
                f' fill="url(#{prefix}-formeel)" stroke="{INKT}"/>'
            )
            y_text = base - h - 3
        out.append(
            f'<text x="{x + col_w / 2}" y="{_n(max(y_text, 11))}" font-size="13"'
            f' text-anchor="middle" fill="{INKT}">{_e(text)}</text>'
            f'<text x="{x + col_w / 2}" y="{base + 15}" font-size="13" text-anchor="middle"'
            f' fill="{INKT}">{_e(label[:6])}</text>'
        )
    out.append("</svg>")
    return "".join(out)


@dataclass(frozen=True)
class Stapel:
    """One 100% bar split by tag. ``delen`` are (tag, share 0..100 or None when hidden,
    text); hidden shares are drawn together as one hatched grey part."""

    label: str
    delen: tuple[tuple[str, float | None, str], ...]


def stapels(prefix: str, title: str, desc: str, stacks: Sequence[Stapel]) -> str:
    """Vertical 100% stacked bars, one per label; each part shows its text inside."""
    left, col_w, gap, top, plot_h = 44, 84, 24, 10, 220
    width = left + (col_w + gap) * max(len(stacks), 1) + gap
    height = top + plot_h + 40
    out = [_open(prefix, width, height, title, desc), patronen(prefix)]
    base = top + plot_h
    for tick in (0, 50, 100):
        y = base - plot_h * tick / 100
        out.append(
            f'<line x1="{left - 4}" y1="{_n(y)}" x2="{width - gap}" y2="{_n(y)}"'
            f' stroke="#767676" stroke-width="0.5"/>'
            f'<text x="{left - 8}" y="{_n(y + 4)}" font-size="12" text-anchor="end"'
            f' fill="{INKT}">{tick}%</text>'
        )
    for k, stack in enumerate(stacks):
        x = left + gap + (col_w + gap) * k
        y = base
        hidden = 100.0 - sum(share for _, share, _ in stack.delen if share is not None)
        parts = [(tag, share, text) for tag, share, text in stack.delen if share is not None]
        if any(share is None for _, share, _ in stack.delen) and hidden > 0.05:
            parts.append(("onbekend", hidden, ""))
        for tag, share, text in parts:
            h = plot_h * share / 100
            if h <= 0:
                continue
            y -= h
            out.append(
                f'<rect x="{x}" y="{_n(y)}" width="{col_w}" height="{_n(h)}"'
                f' fill="url(#{prefix}-{tag})" stroke="{INKT}"/>'
            )
            if text and h >= 16:
                out.append(
                    f'<rect x="{x + 8}" y="{_n(y + h / 2 - 9)}" width="{col_w - 16}" height="16"'
                    f' fill="#ffffff" stroke="{INKT}" stroke-width="0.5"/>'
                    f'<text x="{x + col_w / 2}" y="{_n(y + h / 2 + 4)}" font-size="11"'
                    f' text-anchor="middle" fill="{INKT}">{_e(text)}</text>'
                )
        out.append(
            f'<text x="{x + col_w / 2}" y="{base + 18}" font-size="12" text-anchor="middle"'
            f' fill="{INKT}">{_e(stack.label[:16])}</text>'
        )
    out.append("</svg>")
    return "".join(out)


@dataclass(frozen=True)
class Reeks:
    """One line: a name and a value per x label (None: no point)."""

    naam: str
    waarden: tuple[float | None, ...]


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "vierkant":
        return (
            f'<rect x="{_n(x - 4)}" y="{_n(y - 4)}" width="8" height="8" fill="{colour}"'
            f' stroke="{INKT}"/>'
        )
    if kind == "driehoek":
        return (
            f'<polygon points="{_n(x)},{_n(y - 5)} {_n(x + 5)},{_n(y + 4)} {_n(x - 5)},{_n(y + 4)}"'
            f' fill="{colour}" stroke="{INKT}"/>'
        )
    if kind == "ruit":
        return (
            f'<polygon points="{_n(x)},{_n(y - 5)} {_n(x + 5)},{_n(y)} {_n(x)},{_n(y + 5)}'
            f' {_n(x - 5)},{_n(y)}" fill="{colour}" stroke="{INKT}"/>'
        )
    return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4" fill="{colour}" stroke="{INKT}"/>'


def lijnen(
    prefix: str,
    title: str,
    desc: str,
    labels: Sequence[str],
    series: Sequence[Reeks],
    *,
    laag: float = 0.0,
    hoog: float = 100.0,
    waarden_tonen: bool = True,
) -> str:
    """A line chart over ``labels`` with a legend; each point carries its value, unless
    ``waarden_tonen`` is off (many lines close together: the table beside has them)."""
    left, top, plot_w, plot_h = 44, 10, max(120 * len(labels), 240), 200
    legend_h = 22 * len(series)
    width, height = left + plot_w + 30, top + plot_h + 34 + legend_h
    out = [_open(prefix, width, height, title, desc)]
    base = top + plot_h

    def y_of(v: float) -> float:
        return base - plot_h * (v - laag) / (hoog - laag)

    def x_of(k: int) -> float:
        return left + 30 + (plot_w - 60) * (k / max(len(labels) - 1, 1))

    for frac in (0, 0.5, 1):
        v = laag + (hoog - laag) * frac
        out.append(
            f'<line x1="{left}" y1="{_n(y_of(v))}" x2="{left + plot_w}" y2="{_n(y_of(v))}"'
            f' stroke="#767676" stroke-width="0.5"/>'
            f'<text x="{left - 6}" y="{_n(y_of(v) + 4)}" font-size="12" text-anchor="end"'
            f' fill="{INKT}">{_n(v)}</text>'
        )
    for k, label in enumerate(labels):
        out.append(
            f'<text x="{_n(x_of(k))}" y="{base + 18}" font-size="12" text-anchor="middle"'
            f' fill="{INKT}">{_e(label[:14])}</text>'
        )
    for s, reeks in enumerate(series):
        colour, dash, marker = LIJN_STIJLEN[s % len(LIJN_STIJLEN)]
        points = [(x_of(k), y_of(v), v) for k, v in enumerate(reeks.waarden) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{_n(x)},{_n(y)}" for x, y, _ in points)
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}"'
                f' stroke-width="2.5"{dash_attr}/>'
            )
        for x, y, v in points:
            out.append(_marker(marker, x, y, colour))
            if waarden_tonen:
                out.append(
                    f'<text x="{_n(x + 7)}" y="{_n(y - 7 - 12 * s)}" font-size="11"'
                    f' fill="{INKT}">{_n(v)}</text>'
                )
        ly = base + 34 + 22 * s
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line x1="{left}" y1="{ly}" x2="{left + 36}" y2="{ly}" stroke="{colour}"'
            f' stroke-width="2.5"{dash_attr}/>'
            + _marker(marker, left + 18, ly, colour)
            + f'<text x="{left + 44}" y="{ly + 4}" font-size="12" fill="{INKT}">'
            f"{_e(reeks.naam)}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def legenda_stapels(prefix: str, items: Sequence[tuple[str, str]]) -> str:
    """A small legend (pattern swatch and name) for the stacked bars."""
    width, height = 200 * len(items), 26
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafiek__legenda" aria-hidden="true"'
        f' viewBox="0 0 {width} {height}" width="{width}" height="{height}" focusable="false">',
        patronen(prefix),
    ]
    for k, (tag, name) in enumerate(items):
        x = 200 * k
        out.append(
            f'<rect x="{x + 2}" y="4" width="18" height="18" fill="url(#{prefix}-{tag})"'
            f' stroke="{INKT}"/><text x="{x + 26}" y="18" font-size="13" fill="{INKT}">'
            f"{_e(name)}</text>"
        )
    out.append("</svg>")
    return "".join(out)
