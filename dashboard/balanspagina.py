"""One traject's balance page: the table and waiting list, attendance and the balance per
meeting, prep groups, evaluations and values overlap, as tables of text (the screen and
the exports) and charts drawn from the same protected figures."""

from dataclasses import dataclass, field

from django.utils import formats, timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from trajecten.balans import TAGS
from verslagen.models import DOEI
from waarden.overlap import share_text

from . import cijfers as cf
from . import onderdrukking as o
from . import svg
from .queries import Trajectcijfers
from .tabellen import Rij, Tabel, html


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
    labels = cf.labels()
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
        row = cf.rij(counts, exact)
        hidden_any = hidden_any or row.iets_verborgen
        stand.rijen.append(
            Rij(
                naam,
                [
                    *[cel.tekst for cel in row.cellen],
                    row.totaal.tekst,
                    cf.index(counts, doelen, row, exact).tekst,
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
        row = cf.rij(b.aanwezig, exact)
        hidden_any = hidden_any or row.iets_verborgen
        idx = cf.index(b.aanwezig, doelen, row, exact)
        trend_att.append(idx.waarde)
        shares = cf.shares(b.aanwezig, row, doelen, exact)
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
        row = cf.rij(b.voorbereiding, exact)
        hidden_any = hidden_any or row.iets_verborgen
        idx = cf.index(b.voorbereiding, doelen, row, exact)
        if b.gehouden:
            trend_prep.append(idx.waarde)
        prep.rijen.append(
            Rij(
                _meeting_kop(b),
                [*[cel.tekst for cel in row.cellen], row.totaal.tekst, idx.tekst],
            )
        )
    if groups:
        summed = cf.som(groups)
        row = cf.rij(summed, exact)
        prep.rijen.append(
            Rij(
                _("Alle groepen samen (balans: gemiddelde)"),
                [
                    *[cel.tekst for cel in row.cellen],
                    row.totaal.tekst,
                    cf.hidden_mean(cf.mean_index(groups, doelen), row, exact),
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
    doei = cf.doei_labels()
    evaluatie = Tabel(
        "evaluatie",
        _("Evaluatie per bijeenkomst (DOEI, 1 tot 5)"),
        [_("Bijeenkomst"), _("Ingevuld"), *[doei[d] for d in DOEI]],
    )
    eval_series = {d: [] for d in DOEI}
    for b in gehouden:
        cells = cf.doei(b.evaluatie_som, b.evaluaties, b.evaluaties, exact)
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
    return cf.LEEG


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
    labels = cf.labels()
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
