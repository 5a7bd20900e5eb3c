"""One traject's balance page: the table and waiting list, attendance and the balance per
meeting, prep groups, evaluations and values overlap, as tables of text (the screen and
the exports) and charts drawn from the same protected figures."""

from dataclasses import dataclass, field

from django.utils import formats, timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from samenspel import charts
from trajecten.balance import TAGS
from verslagen.models import DOEI
from waarden.overlap import share_text

from . import figures as cf
from . import perturbation as v
from .queries import Trajectcijfers
from .tables import Rij, Tabel, html


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
    ongeveer: bool  # the counts are perturbed


def _meeting_label(b) -> str:
    return _("Bijeenkomst %(nummer)s") % {"nummer": b.nummer}


def _meeting_kop(b) -> str:
    when = formats.date_format(timezone.localtime(b.start), "SHORT_DATE_FORMAT")
    return f"{_meeting_label(b)} ({when})"


def balanspagina(c: Trajectcijfers, overlap, namen: dict, exact: bool) -> Balanspagina:
    labels = cf.labels()
    doelen = c.traject.doelen

    # The table and the waiting list.
    stand = Tabel(
        "stand",
        _("Aan tafel en op de wachtlijst"),
        [_("Groep"), *[labels[t] for t in TAGS], _("Totaal"), _("Balans (0–100)")],
    )
    stand.rijen.append(Rij(_("Doel"), [*[f"{doelen[t]}%" for t in TAGS], "100%", "100"]))
    bezet = cf.rij(c.bezet, exact)
    for naam, row in ((_("Aan tafel"), bezet), (_("Wachtlijst"), cf.rij(c.wacht, exact))):
        stand.rijen.append(Rij(naam, [*row.teksten, str(row.totaal), cf.index(row, doelen).tekst]))

    # Attendance per meeting per tag. Whether a manager was there tells a count of one
    # or two people: only those who see exact numbers get that column.
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
            *([_("Leidinggevende aanwezig")] if exact else []),
        ],
    )
    stacks = [charts.Stapel(_("Doel"), tuple((t, float(doelen[t]), f"{doelen[t]}%") for t in TAGS))]
    trend_att: list[float | None] = []
    att_index: list[str] = []
    for b in gehouden:
        row = cf.rij(b.aanwezig, exact)
        idx = cf.index(row, doelen)
        trend_att.append(idx.waarde)
        att_index.append(idx.tekst)
        att.rijen.append(
            Rij(
                _meeting_kop(b),
                [
                    *row.teksten,
                    str(row.totaal),
                    *cf.shares(row, doelen),
                    idx.tekst,
                    *([_("ja") if b.leidinggevenden else _("nee")] if exact else []),
                ],
            )
        )
        parts = v.shares(row.cellen)
        stacks.append(
            charts.Stapel(
                _meeting_label(b),
                tuple(
                    (tag, 0.0, "") if parts is None else (tag, share, f"{round(share)}%")
                    for tag, share in zip(TAGS, parts or [0.0] * len(TAGS), strict=True)
                ),
            )
        )
    att_title = _("Wie er was, per bijeenkomst, naast het doel")
    att_summary = _(
        "Aandeel van elke groep onder de aanwezigen, per bijeenkomst. De eerste staaf is het "
        "doel. Formeel: effen blauw. Informeel: oranje met strepen. Ervaringsdeskundige: "
        "groen met stippen."
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
    prep_index: dict[int, str] = {}
    groups, rows = [], []
    for b in c.bijeenkomsten:
        if not b.heeft_voorbereiding:
            if b.gehouden:
                trend_prep.append(None)
            continue
        groups.append(b.voorbereiding)
        row = cf.rij(b.voorbereiding, exact)
        rows.append(row)
        idx = cf.index(row, doelen)
        prep_index[b.id] = idx.tekst
        if b.gehouden:
            trend_prep.append(idx.waarde)
        prep.rijen.append(Rij(_meeting_kop(b), [*row.teksten, str(row.totaal), idx.tekst]))
    if groups:
        # All groups together: a cell of its own (the multiset of all group places).
        row = cf.rij(cf.som(groups), exact)
        prep.rijen.append(
            Rij(
                _("Alle groepen samen (balans: gemiddelde)"),
                [*row.teksten, str(row.totaal), cf.index_text(cf.mean_index(rows, doelen))],
            )
        )

    # The trend of the balance.
    trend = Tabel(
        "verloop",
        _("Balans per bijeenkomst"),
        [_("Bijeenkomst"), _("Balans aanwezigen (0–100)"), _("Balans voorbereidingsgroep (0–100)")],
    )
    for k, b in enumerate(gehouden):
        trend.rijen.append(Rij(_meeting_kop(b), [att_index[k], prep_index.get(b.id, cf.LEEG)]))
    trend_summary = _trend_summary(trend_att)

    # Evaluation per meeting: no averages of fewer than five people, for anyone.
    doei = cf.doei_labels()
    evaluatie = Tabel(
        "evaluatie",
        _("Evaluatie per bijeenkomst (DOEI, 1 tot 5)"),
        [_("Bijeenkomst"), _("Ingevuld"), *[doei[d] for d in DOEI]],
    )
    eval_series = {d: [] for d in DOEI}
    for b in gehouden:
        e = cf.evaluaties([b])
        evaluatie.rijen.append(
            Rij(_meeting_kop(b), [cf.eval_count(b.evaluaties, exact), *cf.doei(e)])
        )
        for d in DOEI:
            eval_series[d].append(round(e.som[d] / e.aantal, 1) if e.aantal else None)
    eval_summary = _(
        "Gemiddelde score per bijeenkomst op vier punten: doelmatig, open, eerlijk en inzet "
        "(1: helemaal niet, 5: helemaal wel). Elke lijn heeft een eigen soort streep en "
        "punt. Bij minder dan 5 ingevulde evaluaties staat er geen gemiddelde."
    )

    # Values overlap.
    waarden = _waarden(overlap, namen, bezet, c.traject.pk, exact)

    labels_x = [_meeting_label(b) for b in gehouden]
    legend = charts.legenda_stapels("legenda-aanwezig", [(t, labels[t]) for t in TAGS])
    figuren = [
        Figuur(
            "aanwezig",
            att_title,
            att_summary,
            mark_safe(charts.stapels("grafiek-aanwezig", att_title, att_summary, stacks)),  # noqa: S308
            mark_safe(html(att)),  # noqa: S308
            mark_safe(legend),  # noqa: S308
        ),
        Figuur(
            "verloop",
            _("Balans per bijeenkomst"),
            trend_summary,
            mark_safe(  # noqa: S308
                charts.lijnen(
                    "grafiek-verloop",
                    _("Balans per bijeenkomst"),
                    trend_summary,
                    labels_x,
                    [
                        charts.Reeks(_("Aanwezigen"), tuple(trend_att)),
                        charts.Reeks(_("Voorbereidingsgroep"), tuple(trend_prep)),
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
                charts.lijnen(
                    "grafiek-evaluatie",
                    _("Evaluatie per bijeenkomst"),
                    eval_summary,
                    labels_x,
                    [charts.Reeks(doei[d], tuple(eval_series[d])) for d in DOEI],
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
        ongeveer=not exact,
    )


def _trend_summary(values: list[float | None]) -> str:
    shown = [v for v in values if v is not None]
    if not shown:
        return _("Er zijn nog geen cijfers over de balans bij de bijeenkomsten.")
    return _(
        "Balans van 0 tot 100 (100: precies volgens de doelen). Bij de eerste getoonde "
        "bijeenkomst %(eerst)s, bij de laatste %(laatst)s; laagste %(laag)s, hoogste %(hoog)s."
    ) % {"eerst": shown[0], "laatst": shown[-1], "laag": min(shown), "hoog": max(shown)}


def _waarden(overlap, namen: dict, bezet: cf.Rij, traject_id: int, exact: bool) -> Tabel:
    """The values overlap: per value the share of each tag that endorses it. For those who
    see perturbed figures, each share is the perturbed count of endorsements against the
    tag's count at the table as shown above, and "shared" follows those shares."""
    labels = cf.labels()
    totals = [overlap.totalen[t] for t in TAGS] if exact else list(bezet.cellen)
    tabel = Tabel(
        "waarden",
        _("Overlap in waarden (aandeel van elke groep dat de waarde kiest)"),
        [
            _("Waarde"),
            *[
                _("%(tag)s (van %(totaal)s)") % {"tag": labels[t], "totaal": total}
                for t, total in zip(TAGS, totals, strict=True)
            ],
            _("Gedeeld"),
        ],
    )
    for w in overlap.waarden:
        if exact:
            cells = [share_text(cel) for cel in w.cellen]
            gedeeld = w.gedeeld
        else:
            fracties = cf.waarde_fracties(
                traject_id, w.sleutel, [cel.aantal for cel in w.cellen], bezet
            )
            cells = [cf.LEEG if f is None else f"{round(100 * f)}%" for f in fracties]
            gedeeld = cf.gedeeld(fracties, overlap.drempel)
        tabel.rijen.append(Rij(namen[w.sleutel], [*cells, _("ja") if gedeeld else _("nee")]))
    return tabel
