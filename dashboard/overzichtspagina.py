"""The overview of ``/dashboard/``: one row per traject and the comparison of areas, as
tables of text (the screen and the exports) and a chart."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from trajecten.balans import TAGS
from verslagen.models import DOEI

from . import cijfers as cf
from . import onderdrukking as o
from . import svg
from .queries import Trajectcijfers
from .tabellen import Rij, Tabel, html


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
    labels = cf.labels()
    doei = cf.doei_labels()
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
        bezet = cf.rij(c.bezet, exact)
        wacht = cf.rij(c.wacht, exact)
        gehouden = c.gehouden
        visits = cf.som([b.aanwezig for b in gehouden])
        # Attendance is summed over meetings (visits, not people): a tag hidden at the
        # table stays hidden here too.
        visits_row = cf.merge(cf.rij(visits, exact), bezet)
        mean_att = cf.mean_index([b.aanwezig for b in gehouden], doelen)
        prep_groups = [b.voorbereiding for b in c.bijeenkomsten if b.heeft_voorbereiding]
        prep_row = cf.merge(cf.rij(cf.som(prep_groups), exact), bezet)
        mean_prep = cf.mean_index(prep_groups, doelen)
        n_eval = c.evaluaties
        cells = [
            t.gebied.naam,
            t.get_status_display(),
            bezet.totaal.tekst,
            *[cel.tekst for cel in bezet.cellen],
            cf.index(c.bezet, doelen, bezet, exact).tekst,
            wacht.totaal.tekst,
            *[cel.tekst for cel in wacht.cellen],
            str(len(gehouden)),
            cf.hidden_mean(mean_att, visits_row, exact),
            *cf.shares(visits, visits_row, doelen, exact),
            _("%(met)s van %(alle)s")
            % {"met": sum(1 for b in gehouden if b.leidinggevenden), "alle": len(gehouden)},
            cf.hidden_mean(mean_prep, prep_row, exact),
            _eval_count(c.evaluatie_personen, n_eval, exact),
            *cf.doei(c.evaluatie_som, n_eval, c.evaluatie_personen, exact),
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


def _eval_count(personen: int, n: int, exact: bool) -> str:
    if not exact and n and o.small(personen):
        return o.SUPPRESSED_TEXT
    return str(n)


def _gebieden(rows_per_area, all_exact: bool):
    """The comparison of areas: per area the people at the table per tag and their balance,
    and a bar chart of that balance. An area's count is hidden when it would give away a
    hidden count of one of its trajecten."""
    labels = cf.labels()
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
        counts = cf.som([c.bezet for c, _, _ in rows])
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
        idx = cf.index(counts, doelen, row, exact)
        meetings = [b for c, _, _ in rows for b in c.gehouden]
        visits = cf.som([b.aanwezig for b in meetings])
        visits_row = cf.merge(cf.rij(visits, exact), row)
        # The mean over the area's trajecten of each one's mean attendance balance.
        att_values = [
            m
            for c, _, _ in rows
            if (m := cf.mean_index([b.aanwezig for b in c.gehouden], c.traject.doelen)) is not None
        ]
        att = round(sum(att_values) / len(att_values)) if att_values else None
        cells_text = [
            str(len(rows)),
            row.totaal.tekst,
            *[cel.tekst for cel in row.cellen],
            idx.tekst,
            cf.hidden_mean(att, visits_row, exact),
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
