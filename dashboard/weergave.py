"""What the dashboard pages show: the figures of ``queries`` turned into tables of text and
charts, with small cells suppressed for anyone who does not see exact numbers.

The tables are what the screen shows and what the exports hold (``tabellen``). Charts are
drawn from the same protected figures, so a chart never shows what its table hides.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from trajecten.balans import TAGS, balance_index
from trajecten.choices import Tag
from verslagen.models import DOEI
from waarden.overlap import share_text

from . import onderdrukking as o
from . import svg
from .queries import Trajectcijfers
from .tabellen import Rij, Tabel, html

LEEG = "–"


def _labels() -> dict[str, str]:
    return {tag: str(Tag(tag).label) for tag in TAGS}


def _doei_labels() -> dict[str, str]:
    return {
        "doelmatigheid": _("Doelmatig"),
        "open": _("Open"),
        "eerlijk": _("Eerlijk"),
        "inzet": _("Inzet"),
    }


def _getal(value: float, decimals: int = 1) -> str:
    return formats.number_format(value, decimal_pos=decimals, use_l10n=True)


def _rij(counts: dict[str, int], exact: bool) -> o.Rij:
    values = [counts[t] for t in TAGS]
    return o.exact(values) if exact else o.protect_row(values)


@dataclass
class Index:
    """A balance index in whole points 0..100 as shown, or hidden."""

    waarde: float | None  # 0..100, None when not shown
    tekst: str


def _index(counts: dict[str, int], doelen, row: o.Rij, exact: bool) -> Index:
    if sum(counts.values()) == 0:
        return Index(None, LEEG)
    if not exact:
        if row.totaal.reden == o.PRIMAIR:
            return Index(None, o.SUPPRESSED_TEXT)
        if row.totaal.verborgen or o.sensitive_hidden(TAGS, row):
            return Index(None, o.SECONDARY_TEXT)
    value = balance_index(counts, doelen)
    return Index(round(100 * value), str(round(100 * value)))


def _mean_index(groups: list[dict[str, int]], doelen) -> float | None:
    values = [balance_index(g, doelen) for g in groups if sum(g.values())]
    return round(100 * sum(values) / len(values)) if values else None


def _sum(groups: list[dict[str, int]]) -> dict[str, int]:
    return {t: sum(g[t] for g in groups) for t in TAGS}


def _shares(counts: dict[str, int], row: o.Rij, doelen, exact: bool) -> list[str]:
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


def _doei(c_sum: dict[str, int], n: int, personen: int, exact: bool) -> list[str]:
    if n == 0:
        return [LEEG] * len(DOEI)
    if not exact and o.small(personen):
        return [o.SUPPRESSED_TEXT] * len(DOEI)
    return [_getal(c_sum[d] / n) for d in DOEI]


# --- The overview ------------------------------------------------------------------------


@dataclass
class Overzicht:
    tabellen: list[Tabel]
    trajecten_html: SafeString
    gebieden_html: SafeString
    gebieden_svg: SafeString
    gebieden_samenvatting: str
    aantal: int
    iets_verborgen: bool = False


def overzicht(alle: list[Trajectcijfers], exact_ids: set[int] | None) -> Overzicht:
    labels = _labels()
    doei = _doei_labels()
    kolommen = [
        _("Traject"),
        _("Gebied"),
        _("Status"),
        _("Aan tafel"),
        *[_("Aan tafel: %(tag)s") % {"tag": labels[t]} for t in TAGS],
        _("Balans aan tafel (0–100)"),
        _("Wachtlijst"),
        *[_("Wachtlijst: %(tag)s") % {"tag": labels[t]} for t in TAGS],
        _("Bijeenkomsten geweest"),
        _("Balans aanwezig, gemiddeld (0–100)"),
        *[_("Aanwezig %(tag)s: aandeel / doel") % {"tag": labels[t]} for t in TAGS],
        _("Bijeenkomsten met een leidinggevende"),
        _("Balans voorbereidingsgroepen, gemiddeld (0–100)"),
        _("Evaluaties ingevuld"),
        *[_("Evaluatie: %(punt)s (1–5)") % {"punt": doei[d]} for d in DOEI],
        _("Gedeelde waarden"),
    ]
    tabel = Tabel("trajecten", _("Trajecten"), kolommen)
    verborgen = False
    rows_per_area: dict[int, list[tuple[Trajectcijfers, o.Rij, bool]]] = {}
    for c in alle:
        t = c.traject
        exact = exact_ids is None or t.pk in exact_ids
        doelen = t.doelen
        bezet = _rij(c.bezet, exact)
        wacht = _rij(c.wacht, exact)
        gehouden = c.gehouden
        visits = _sum([b.aanwezig for b in gehouden])
        # Attendance is summed over meetings (visits, not people): a tag hidden at the
        # table stays hidden here too.
        visits_row = _merge(_rij(visits, exact), bezet)
        mean_att = _mean_index([b.aanwezig for b in gehouden], doelen)
        prep_groups = [b.voorbereiding for b in c.bijeenkomsten if b.heeft_voorbereiding]
        prep_row = _merge(_rij(_sum(prep_groups), exact), bezet)
        mean_prep = _mean_index(prep_groups, doelen)
        n_eval = c.evaluaties
        cells = [
            t.gebied.naam,
            t.get_status_display(),
            bezet.totaal.tekst,
            *[cel.tekst for cel in bezet.cellen],
            _index(c.bezet, doelen, bezet, exact).tekst,
            wacht.totaal.tekst,
            *[cel.tekst for cel in wacht.cellen],
            str(len(gehouden)),
            _hidden_mean(mean_att, visits_row, exact),
            *_shares(visits, visits_row, doelen, exact),
            _("%(met)s van %(alle)s")
            % {"met": sum(1 for b in gehouden if b.leidinggevenden), "alle": len(gehouden)},
            _hidden_mean(mean_prep, prep_row, exact),
            _eval_count(c.evaluatie_personen, n_eval, exact),
            *_doei(c.evaluatie_som, n_eval, c.evaluatie_personen, exact),
            _("%(gedeeld)s van %(bord)s")
            % {"gedeeld": c.gedeelde_waarden, "bord": c.waarden_op_bord},
        ]
        verborgen = verborgen or any(x in (o.SUPPRESSED_TEXT, o.SECONDARY_TEXT) for x in cells)
        tabel.rijen.append(Rij(t.naam, cells, reverse("traject_balans", kwargs={"slug": t.slug})))
        rows_per_area.setdefault(t.gebied_id, []).append((c, bezet, exact))

    gebieden, chart, summary, area_hidden = _gebieden(rows_per_area, exact_ids is None)
    return Overzicht(
        tabellen=[tabel, gebieden],
        trajecten_html=mark_safe(html(tabel)),  # noqa: S308 (escaped in tabellen.html)
        gebieden_html=mark_safe(html(gebieden)),  # noqa: S308
        gebieden_svg=mark_safe(chart),  # noqa: S308 (escaped in svg)
        gebieden_samenvatting=summary,
        aantal=len(alle),
        iets_verborgen=verborgen or area_hidden,
    )


def _merge(row: o.Rij, people: o.Rij) -> o.Rij:
    """``row`` with every cell hidden that is hidden in ``people`` (the same tags counted
    as people rather than as visits or turns)."""
    return o.Rij(
        tuple(
            cel if cel.verborgen or not p.verborgen else o.Cel(cel.aantal, p.reden)
            for cel, p in zip(row.cellen, people.cellen, strict=True)
        ),
        row.totaal if row.totaal.verborgen or not people.totaal.verborgen else people.totaal,
    )


def _hidden_mean(mean: float | None, row: o.Rij, exact: bool) -> str:
    if mean is None:
        return LEEG
    if not exact:
        if row.totaal.reden == o.PRIMAIR:
            return o.SUPPRESSED_TEXT
        if o.sensitive_hidden(TAGS, row):
            return o.SECONDARY_TEXT
    return str(mean)


def _eval_count(personen: int, n: int, exact: bool) -> str:
    if not exact and n and o.small(personen):
        return o.SUPPRESSED_TEXT
    return str(n)


def _gebieden(rows_per_area, all_exact: bool):
    """The comparison of areas: per area the people at the table per tag and their balance,
    and a bar chart of that balance. An area's count is hidden when it would give away a
    hidden count of one of its trajecten."""
    labels = _labels()
    kolommen = [
        _("Gebied"),
        _("Trajecten"),
        _("Aan tafel"),
        *[_("Aan tafel: %(tag)s") % {"tag": labels[t]} for t in TAGS],
        _("Balans aan tafel (0–100)"),
        _("Balans aanwezig, gemiddeld (0–100)"),
        _("Bijeenkomsten met een leidinggevende"),
    ]
    tabel = Tabel("gebieden", _("Vergelijking van gebieden"), kolommen)
    bars = []
    hidden_any = False
    areas = sorted(rows_per_area.values(), key=lambda rows: rows[0][0].traject.gebied.naam)
    for rows in areas:
        gebied = rows[0][0].traject.gebied
        counts = _sum([c.bezet for c, _, _ in rows])
        total = sum(counts.values())
        exact = all_exact or all(e for _, _, e in rows)
        if exact:
            row = o.exact([counts[t] for t in TAGS])
        else:
            cells = [
                o.protect_sum(counts[t], [r.cellen[k] for _, r, _ in rows])
                for k, t in enumerate(TAGS)
            ]
            total_cel = o.protect_sum(total, [r.totaal for _, r, _ in rows])
            row = _area_row(counts, cells, total_cel)
        # The balance of everyone at the table in the area (one group: the shares of all).
        doelen = rows[0][0].traject.doelen
        idx = _index(counts, doelen, row, exact)
        meetings = [b for c, _, _ in rows for b in c.gehouden]
        visits = _sum([b.aanwezig for b in meetings])
        visits_row = _merge(_rij(visits, exact), row)
        att_means = [
            (_mean_index([b.aanwezig for b in c.gehouden], c.traject.doelen), c) for c, _, _ in rows
        ]
        att_values = [m for m, _ in att_means if m is not None]
        att = round(sum(att_values) / len(att_values)) if att_values else None
        cells_text = [
            str(len(rows)),
            row.totaal.tekst,
            *[cel.tekst for cel in row.cellen],
            idx.tekst,
            _hidden_mean(att, visits_row, exact),
            _("%(met)s van %(alle)s")
            % {"met": sum(1 for b in meetings if b.leidinggevenden), "alle": len(meetings)},
        ]
        hidden_any = hidden_any or row.iets_verborgen
        tabel.rijen.append(Rij(gebied.naam, cells_text))
        bars.append(svg.Staaf(gebied.naam, idx.waarde, idx.tekst))
    title = _("Balans aan tafel per gebied")
    shown = [b for b in bars if b.waarde is not None]
    if shown:
        hoog = max(shown, key=lambda b: b.waarde)
        laag = min(shown, key=lambda b: b.waarde)
        summary = _(
            "Balans van 0 tot 100 (100: precies volgens de doelen). "
            "Hoogste: %(hoog)s (%(hoog_w)s). Laagste: %(laag)s (%(laag_w)s)."
        ) % {"hoog": hoog.label, "hoog_w": hoog.tekst, "laag": laag.label, "laag_w": laag.tekst}
    else:
        summary = _("Er zijn nog geen cijfers om te vergelijken.")
    chart = svg.staven("grafiek-gebieden", title, summary, bars) if bars else ""
    return tabel, chart, summary, hidden_any


def _area_row(counts, cells: list[o.Cel], total_cel: o.Cel) -> o.Rij:
    """Row suppression on top of the cells already hidden to protect the trajecten."""
    values = [counts[t] for t in TAGS]
    row = o.protect_row(values, hidden=[k for k, c in enumerate(cells) if c.verborgen])
    return o.Rij(row.cellen, total_cel if total_cel.verborgen else row.totaal)


# --- One traject ------------------------------------------------------------------------


@dataclass
class Figuur:
    """A chart with its title, summary and table."""

    id: str
    titel: str
    samenvatting: str
    svg: SafeString
    tabel: SafeString
    legenda: SafeString = field(default_factory=lambda: mark_safe(""))


@dataclass
class Balanspagina:
    tabellen: list[Tabel]
    stand: SafeString
    figuren: list[Figuur]
    voorbereiding: SafeString
    waarden: SafeString
    iets_verborgen: bool


def _meeting_label(b) -> str:
    return _("Bijeenkomst %(nummer)s") % {"nummer": b.nummer}


def _meeting_kop(b) -> str:
    when = formats.date_format(timezone.localtime(b.start), "SHORT_DATE_FORMAT")
    return f"{_meeting_label(b)} ({when})"


def balanspagina(c: Trajectcijfers, overlap, namen: dict, exact: bool) -> Balanspagina:
    labels = _labels()
    doelen = c.traject.doelen
    hidden_any = False

    # The table and the waiting list.
    stand = Tabel(
        "stand",
        _("Aan tafel en op de wachtlijst"),
        [_("Groep"), *[labels[t] for t in TAGS], _("Totaal"), _("Balans (0–100)")],
    )
    stand.rijen.append(Rij(_("Doel"), [*[f"{doelen[t]}%" for t in TAGS], "100%", "100"]))
    for naam, counts in ((_("Aan tafel"), c.bezet), (_("Wachtlijst"), c.wacht)):
        row = _rij(counts, exact)
        hidden_any = hidden_any or row.iets_verborgen
        stand.rijen.append(
            Rij(
                naam,
                [
                    *[cel.tekst for cel in row.cellen],
                    row.totaal.tekst,
                    _index(counts, doelen, row, exact).tekst,
                ],
            )
        )

    # Attendance per meeting per tag.
    gehouden = c.gehouden
    att = Tabel(
        "aanwezig",
        _("Aanwezig per bijeenkomst"),
        [
            _("Bijeenkomst"),
            *[labels[t] for t in TAGS],
            _("Totaal"),
            *[_("Aandeel %(tag)s / doel") % {"tag": labels[t]} for t in TAGS],
            _("Balans (0–100)"),
            _("Leidinggevende aanwezig"),
        ],
    )
    stacks = [svg.Stapel(_("Doel"), tuple((t, float(doelen[t]), f"{doelen[t]}%") for t in TAGS))]
    trend_att: list[float | None] = []
    for b in gehouden:
        row = _rij(b.aanwezig, exact)
        hidden_any = hidden_any or row.iets_verborgen
        idx = _index(b.aanwezig, doelen, row, exact)
        trend_att.append(idx.waarde)
        shares = _shares(b.aanwezig, row, doelen, exact)
        att.rijen.append(
            Rij(
                _meeting_kop(b),
                [
                    *[cel.tekst for cel in row.cellen],
                    row.totaal.tekst,
                    *shares,
                    idx.tekst,
                    _("ja") if b.leidinggevenden else _("nee"),
                ],
            )
        )
        total = sum(b.aanwezig.values())
        parts = []
        for tag, cel in zip(TAGS, row.cellen, strict=True):
            if not total:
                parts.append((tag, 0.0, ""))
            elif cel.verborgen and not exact:
                parts.append((tag, None, ""))
            else:
                share = 100 * b.aanwezig[tag] / total
                parts.append((tag, share, f"{round(share)}%"))
        stacks.append(svg.Stapel(_meeting_label(b), tuple(parts)))
    att_title = _("Wie er was, per bijeenkomst, naast het doel")
    att_summary = _(
        "Aandeel van elke groep onder de aanwezigen, per bijeenkomst. De eerste staaf is het "
        "doel. Formeel: effen blauw. Informeel: oranje met strepen. Ervaringsdeskundige: "
        "groen met stippen. Gearceerd grijs: niet getoond omdat het om minder dan 5 mensen gaat."
    )
    if not gehouden:
        att_summary = _("Er is nog geen bijeenkomst geweest.")

    # Prep groups per meeting.
    prep = Tabel(
        "voorbereiding",
        _("Voorbereidingsgroepen per bijeenkomst"),
        [_("Bijeenkomst"), *[labels[t] for t in TAGS], _("Totaal"), _("Balans (0–100)")],
    )
    trend_prep: list[float | None] = []
    groups = []
    for b in c.bijeenkomsten:
        if not b.heeft_voorbereiding:
            if b.gehouden:
                trend_prep.append(None)
            continue
        groups.append(b.voorbereiding)
        row = _rij(b.voorbereiding, exact)
        hidden_any = hidden_any or row.iets_verborgen
        idx = _index(b.voorbereiding, doelen, row, exact)
        if b.gehouden:
            trend_prep.append(idx.waarde)
        prep.rijen.append(
            Rij(
                _meeting_kop(b),
                [*[cel.tekst for cel in row.cellen], row.totaal.tekst, idx.tekst],
            )
        )
    if groups:
        summed = _sum(groups)
        row = _rij(summed, exact)
        prep.rijen.append(
            Rij(
                _("Alle groepen samen (balans: gemiddelde)"),
                [
                    *[cel.tekst for cel in row.cellen],
                    row.totaal.tekst,
                    _hidden_mean(_mean_index(groups, doelen), row, exact),
                ],
            )
        )

    # The trend of the balance.
    trend = Tabel(
        "verloop",
        _("Balans per bijeenkomst"),
        [_("Bijeenkomst"), _("Balans aanwezigen (0–100)"), _("Balans voorbereidingsgroep (0–100)")],
    )
    for k, b in enumerate(gehouden):
        trend.rijen.append(
            Rij(
                _meeting_kop(b),
                [att.rijen[k].cellen[7], _prep_text(prep, b)],
            )
        )
    trend_summary = _trend_summary(trend_att)

    # Evaluation per meeting.
    doei = _doei_labels()
    evaluatie = Tabel(
        "evaluatie",
        _("Evaluatie per bijeenkomst (DOEI, 1 tot 5)"),
        [_("Bijeenkomst"), _("Ingevuld"), *[doei[d] for d in DOEI]],
    )
    eval_series = {d: [] for d in DOEI}
    for b in gehouden:
        cells = _doei(b.evaluatie_som, b.evaluaties, b.evaluaties, exact)
        count = (
            o.SUPPRESSED_TEXT
            if not exact and b.evaluaties and o.small(b.evaluaties)
            else str(b.evaluaties)
        )
        hidden_any = hidden_any or count == o.SUPPRESSED_TEXT
        evaluatie.rijen.append(Rij(_meeting_kop(b), [count, *cells]))
        for d in DOEI:
            shown = b.evaluaties and (exact or not o.small(b.evaluaties))
            eval_series[d].append(round(b.evaluatie_som[d] / b.evaluaties, 1) if shown else None)
    eval_summary = _(
        "Gemiddelde score per bijeenkomst op vier punten: doelmatig, open, eerlijk en inzet "
        "(1: helemaal niet, 5: helemaal wel). Elke lijn heeft een eigen soort streep en "
        "punt. Bij minder dan 5 ingevulde evaluaties staat er geen gemiddelde."
    )

    # Values overlap.
    waarden, waarden_hidden = _waarden(overlap, namen, exact)
    hidden_any = hidden_any or waarden_hidden

    labels_x = [_meeting_label(b) for b in gehouden]
    legend = svg.legenda_stapels("legenda-aanwezig", [(t, labels[t]) for t in TAGS])
    figuren = [
        Figuur(
            "aanwezig",
            att_title,
            att_summary,
            mark_safe(svg.stapels("grafiek-aanwezig", att_title, att_summary, stacks)),  # noqa: S308
            mark_safe(html(att)),  # noqa: S308
            mark_safe(legend),  # noqa: S308
        ),
        Figuur(
            "verloop",
            _("Balans per bijeenkomst"),
            trend_summary,
            mark_safe(  # noqa: S308
                svg.lijnen(
                    "grafiek-verloop",
                    _("Balans per bijeenkomst"),
                    trend_summary,
                    labels_x,
                    [
                        svg.Reeks(_("Aanwezigen"), tuple(trend_att)),
                        svg.Reeks(_("Voorbereidingsgroep"), tuple(trend_prep)),
                    ],
                )
                if any(v is not None for v in trend_att + trend_prep)
                else ""
            ),
            mark_safe(html(trend)),  # noqa: S308
        ),
        Figuur(
            "evaluatie",
            _("Evaluatie per bijeenkomst"),
            eval_summary,
            mark_safe(  # noqa: S308
                svg.lijnen(
                    "grafiek-evaluatie",
                    _("Evaluatie per bijeenkomst"),
                    eval_summary,
                    labels_x,
                    [svg.Reeks(doei[d], tuple(eval_series[d])) for d in DOEI],
                    laag=1,
                    hoog=5,
                    waarden_tonen=False,
                )
                if any(v is not None for d in DOEI for v in eval_series[d])
                else ""
            ),
            mark_safe(html(evaluatie)),  # noqa: S308
        ),
    ]
    return Balanspagina(
        tabellen=[stand, att, trend, prep, evaluatie, waarden],
        stand=mark_safe(html(stand)),  # noqa: S308
        figuren=figuren,
        voorbereiding=mark_safe(html(prep)),  # noqa: S308
        waarden=mark_safe(html(waarden)),  # noqa: S308
        iets_verborgen=hidden_any,
    )


def _prep_text(prep: Tabel, b) -> str:
    kop = _meeting_kop(b)
    for r in prep.rijen:
        if r.kop == kop:
            return r.cellen[-1]
    return LEEG


def _trend_summary(values: list[float | None]) -> str:
    shown = [v for v in values if v is not None]
    if not shown:
        return _("Er zijn nog geen cijfers over de balans bij de bijeenkomsten.")
    return _(
        "Balans van 0 tot 100 (100: precies volgens de doelen). Bij de eerste getoonde "
        "bijeenkomst %(eerst)s, bij de laatste %(laatst)s; laagste %(laag)s, hoogste %(hoog)s."
    ) % {"eerst": shown[0], "laatst": shown[-1], "laag": min(shown), "hoog": max(shown)}


def _waarden(overlap, namen: dict, exact: bool) -> tuple[Tabel, bool]:
    """The values overlap: per value the share of each tag that endorses it."""
    labels = _labels()
    suppress = not exact
    totals = (
        o.exact([overlap.totalen[t] for t in TAGS])
        if exact
        else o.protect_row([overlap.totalen[t] for t in TAGS])
    )
    tabel = Tabel(
        "waarden",
        _("Overlap in waarden (aandeel van elke groep dat de waarde kiest)"),
        [
            _("Waarde"),
            *[
                _("%(tag)s (van %(totaal)s)") % {"tag": labels[t], "totaal": cel.tekst}
                for t, cel in zip(TAGS, totals.cellen, strict=True)
            ],
            _("Gedeeld"),
        ],
    )
    hidden = totals.iets_verborgen
    for w in overlap.waarden:
        cells = []
        for cel, total_cel in zip(w.cellen, totals.cellen, strict=True):
            if suppress and total_cel.verborgen:
                cells.append(total_cel.tekst)
                continue
            cells.append(share_text(cel, suppress=suppress))
        hidden = hidden or o.SUPPRESSED_TEXT in cells or o.SECONDARY_TEXT in cells
        tabel.rijen.append(Rij(namen[w.sleutel], [*cells, _("ja") if w.gedeeld else _("nee")]))
    return tabel, hidden
