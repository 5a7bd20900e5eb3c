"""The overview of ``/dashboard/``: one row per traject and the comparison of areas, as
tables of text (the screen and the exports) and a chart."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from samenspel import charts
from trajecten.balance import TAGS
from verslagen.models import DOEI

from . import figures as cf
from .queries import Trajectcijfers
from .tables import Rij, Tabel, html


@dataclass
class Kaart:
    """One traject's key figures, for a card: small multiples compare trajecten at a glance.
    The same figures as its row in the table (perturbed where the row is)."""

    id: int
    naam: str
    url: str
    gebied: str
    status: str
    aan_tafel: str
    balans: str
    trend_svg: SafeString
    trend_samenvatting: str
    aanwezig: list[tuple[str, str]]  # per background: "share / target"
    leiding: str | None  # meetings with a manager, only where every row is exact
    evaluaties: str
    evaluatie: list[tuple[str, str]]  # per DOEI point: the mean


@dataclass
class Overzicht:
    tabellen: list[Tabel]
    kaarten: list[Kaart]
    trajecten_html: SafeString
    gebieden_html: SafeString
    gebieden_svg: SafeString
    gebieden_samenvatting: str
    aantal: int
    ongeveer: bool = False  # some counts are perturbed


def overzicht(alle: list[Trajectcijfers], exact_ids: set[int] | None) -> Overzicht:
    labels = cf.labels()
    doei = cf.doei_labels()
    # Whether a manager was at a meeting tells a count of one or two people: only those
    # who see every row exactly get that column.
    alle_exact = exact_ids is None or (bool(alle) and all(c.traject.pk in exact_ids for c in alle))
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
        *([_("Bijeenkomsten met een leidinggevende")] if alle_exact else []),
        _("Balans voorbereidingsgroepen, gemiddeld (0–100)"),
        _("Evaluaties ingevuld"),
        *[_("Evaluatie: %(punt)s (1–5)") % {"punt": doei[d]} for d in DOEI],
        _("Gedeelde waarden"),
    ]
    tabel = Tabel("trajecten", _("Trajecten"), kolommen, groepen=_groepen(alle_exact))
    kaarten = []
    ongeveer = False
    rows_per_area: dict[int, list[tuple[Trajectcijfers, bool]]] = {}
    for c in alle:
        t = c.traject
        exact = exact_ids is None or t.pk in exact_ids
        ongeveer = ongeveer or not exact
        doelen = t.doelen
        bezet = cf.rij(c.bezet, exact)
        wacht = cf.rij(c.wacht, exact)
        gehouden = c.gehouden
        # Attendance summed over meetings (visits, not people): a cell of its own.
        visits = cf.rij(cf.som([b.aanwezig for b in gehouden]), exact)
        mean_att = cf.mean_index([cf.rij(b.aanwezig, exact) for b in gehouden], doelen)
        prep_rows = [
            cf.rij(b.voorbereiding, exact) for b in c.bijeenkomsten if b.heeft_voorbereiding
        ]
        evaluaties = cf.evaluaties(c.bijeenkomsten)
        cells = [
            t.gebied.naam,
            t.get_status_display(),
            str(bezet.totaal),
            *bezet.teksten,
            cf.index(bezet, doelen).tekst,
            str(wacht.totaal),
            *wacht.teksten,
            str(len(gehouden)),
            cf.index_text(mean_att),
            *cf.shares(visits, doelen),
            *([_leiding(gehouden)] if alle_exact else []),
            cf.index_text(cf.mean_index(prep_rows, doelen)),
            str(evaluaties.aantal),
            *cf.doei(evaluaties),
            _("%(gedeeld)s van %(bord)s")
            % {"gedeeld": _gedeeld(c, bezet, exact), "bord": c.waarden_op_bord},
        ]
        url = reverse("traject_balans", kwargs={"slug": t.slug})
        tabel.rijen.append(Rij(t.naam, cells, url))
        kaarten.append(_kaart(c, url, bezet, visits, evaluaties, alle_exact, exact))
        rows_per_area.setdefault(t.gebied_id, []).append((c, exact))

    gebieden, chart, summary = _gebieden(rows_per_area, alle_exact)
    return Overzicht(
        tabellen=[tabel, gebieden],
        kaarten=kaarten,
        trajecten_html=mark_safe(html(tabel)),  # noqa: S308 (escaped in tabellen.html)
        gebieden_html=mark_safe(html(gebieden)),  # noqa: S308
        gebieden_svg=mark_safe(chart),  # noqa: S308 (escaped in svg)
        gebieden_samenvatting=summary,
        aantal=len(alle),
        ongeveer=ongeveer,
    )


def _groepen(alle_exact: bool) -> list[tuple[str, int]]:
    n = len(TAGS)
    return [
        ("", 3),
        (_("Aan tafel"), n + 2),
        (_("Wachtlijst"), n + 1),
        (_("Aanwezigheid"), n + 2 + (1 if alle_exact else 0)),
        (_("Voorbereiding"), 1),
        (_("Evaluaties"), 1 + len(DOEI)),
        (_("Waarden"), 1),
    ]


def _kaart(c, url, bezet, visits, evaluaties, alle_exact: bool, exact: bool) -> Kaart:
    """A card of the same figures as the traject's row, with a small chart of the
    attendance balance per meeting."""
    t = c.traject
    labels, doei = cf.labels(), cf.doei_labels()
    columns = []
    for b in c.gehouden:
        ix = cf.index(cf.rij(b.aanwezig, exact), t.doelen)
        columns.append((str(b.nummer), ix.waarde, ix.tekst))
    summary = (
        _("Balans aanwezig per bijeenkomst (0–100): %(reeks)s.")
        % {"reeks": ", ".join(f"{nummer}: {tekst}" for nummer, _w, tekst in columns)}
        if columns
        else _("Er is nog geen bijeenkomst geweest.")
    )
    title = _("Balans aanwezig per bijeenkomst, %(traject)s") % {"traject": t.naam}
    svg = charts.kolommen(f"kaart-{t.pk}", title, summary, columns) if columns else ""
    return Kaart(
        id=t.pk,
        naam=t.naam,
        url=url,
        gebied=t.gebied.naam,
        status=t.get_status_display(),
        aan_tafel=str(bezet.totaal),
        balans=cf.index(bezet, t.doelen).tekst,
        trend_svg=mark_safe(svg),  # noqa: S308 (escaped in charts)
        trend_samenvatting=summary,
        aanwezig=list(zip((labels[tag] for tag in TAGS), cf.shares(visits, t.doelen), strict=True)),
        leiding=_leiding(c.gehouden) if alle_exact else None,
        evaluaties=str(evaluaties.aantal),
        evaluatie=list(zip((doei[d] for d in DOEI), cf.doei(evaluaties), strict=True)),
    )


def _gedeeld(c: Trajectcijfers, bezet: cf.Rij, exact: bool) -> int:
    """The number of shared values; for perturbed figures, as the balance page shows them."""
    if exact:
        return c.gedeelde_waarden
    return sum(
        cf.gedeeld(
            cf.waarde_fracties(
                c.traject.pk,
                w,
                [c.onderschrijvingen.get(w, {}).get(t, 0) for t in TAGS],
                bezet,
            ),
            c.drempel,
        )
        for w in c.bord
    )


def _leiding(meetings) -> str:
    return _("%(met)s van %(alle)s") % {
        "met": sum(1 for b in meetings if b.leidinggevenden),
        "alle": len(meetings),
    }


def _gebieden(rows_per_area, alle_exact: bool):
    """The comparison of areas: per area the people at the table per tag and their balance,
    and a bar chart of that balance. An area's counts are cells of their own (perturbed
    from all its people, not added up from its trajecten's perturbed counts)."""
    labels = cf.labels()
    kolommen = [
        _("Gebied"),
        _("Trajecten"),
        _("Aan tafel"),
        *[_("Aan tafel: %(tag)s") % {"tag": labels[t]} for t in TAGS],
        _("Balans aan tafel (0–100)"),
        _("Balans aanwezig, gemiddeld (0–100)"),
        *([_("Bijeenkomsten met een leidinggevende")] if alle_exact else []),
    ]
    tabel = Tabel("gebieden", _("Vergelijking van gebieden"), kolommen)
    bars = []
    areas = sorted(rows_per_area.values(), key=lambda rows: rows[0][0].traject.gebied.naam)
    for rows in areas:
        gebied = rows[0][0].traject.gebied
        exact = all(e for _, e in rows)
        row = cf.rij(cf.som([c.bezet for c, _ in rows]), exact)
        # The balance of everyone at the table in the area (one group: the shares of all).
        idx = cf.index(row, rows[0][0].traject.doelen)
        meetings = [b for c, _ in rows for b in c.gehouden]
        # The mean over the area's trajecten of each one's mean attendance balance.
        att_values = [
            m
            for c, e in rows
            if (m := cf.mean_index([cf.rij(b.aanwezig, e) for b in c.gehouden], c.traject.doelen))
            is not None
        ]
        att = sum(att_values) / len(att_values) if att_values else None
        cells_text = [
            str(len(rows)),
            str(row.totaal),
            *row.teksten,
            idx.tekst,
            cf.index_text(att),
            *([_leiding(meetings)] if alle_exact else []),
        ]
        tabel.rijen.append(Rij(gebied.naam, cells_text))
        bars.append(charts.Staaf(gebied.naam, idx.waarde, idx.tekst))
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
    chart = charts.staven("grafiek-gebieden", title, summary, bars) if bars else ""
    return tabel, chart, summary
