"""Rendering a report's data: the HTML fragment stored with a version (also shown on the
page), and the stand-alone document the PDF is made of, from the same template.

Reports are written in the programme's language (``LANGUAGE_CODE``, Dutch): the narrative
is Dutch too, and the page marks the fragment with ``lang``.
"""

from datetime import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bijeenkomsten.choices import BijdrageSoort
from samenspel import charts
from samenspel.pdf import html_to_pdf
from trajecten.balance import balance
from trajecten.choices import Tag

from . import content, narrative
from .stellingen import NAMEN, STELLINGEN

PRINT_CSS = "css/verslag-print.css"


def report_language() -> str:
    return settings.LANGUAGE_CODE


def _attendance_chart(counts, doelen, *, id: str, titel: str) -> dict:
    b = balance(counts, doelen)
    parts = ", ".join(f"{t.aantal} {Tag(t.tag).label.lower()}" for t in b.per_tag)
    if b.totaal:
        samenvatting = ngettext(
            "%(totaal)s persoon: %(delen)s. Balans %(index)s van 100.",
            "%(totaal)s mensen: %(delen)s. Balans %(index)s van 100.",
            b.totaal,
        ) % {"totaal": b.totaal, "delen": parts, "index": b.index_procent}
    else:
        samenvatting = _("Niemand.")
    staven = [
        charts.Staaf(
            label=str(Tag(t.tag).label),
            waarde=t.aantal,
            tekst=str(t.aantal),
            patroon=t.tag,
            doel=b.totaal * t.doel / 100 if b.totaal else None,
        )
        for t in b.per_tag
    ]
    hoogste = max([t.aantal for t in b.per_tag] + [s.doel or 0 for s in staven])
    svg = charts.staven(
        id,
        titel,
        samenvatting + " " + _("De stippellijn is het doel."),
        staven,
        schaal=hoogste,
        streepjes=(0, 100),
    )
    return {"balans": b, "samenvatting": samenvatting, "svg": mark_safe(svg), "id": id}  # noqa: S308


def evaluatie_getoond(evaluatie: dict) -> bool:
    """Whether a report shows the scores and answers: only with enough answers. Versions
    stored before the rule hold no ``getoond``; they follow the same threshold."""
    return bool(evaluatie.get("getoond", True)) and (evaluatie["aantal"] >= content.MIN_EVALUATIES)


def _evaluation_chart(evaluatie: dict) -> dict | None:
    if not evaluatie_getoond(evaluatie):
        return None
    rijen = []
    for veld, stelling in STELLINGEN.items():
        gemiddelde = evaluatie["gemiddelden"][veld]
        rijen.append(
            {
                "stelling": stelling,
                "naam": NAMEN[veld],
                "gemiddelde": number_format(gemiddelde, 1),
                "waarde": gemiddelde,
                "verdeling": evaluatie["verdeling"][veld],
            }
        )
    samenvatting = "; ".join(f"{r['stelling']} {r['gemiddelde']}" for r in rijen)
    svg = charts.staven(
        "evaluatie",
        _("Gemiddelde per stelling (1 tot 5)"),
        samenvatting,
        [
            charts.Staaf(label=str(NAMEN[veld]), waarde=r["waarde"], tekst=r["gemiddelde"])
            for veld, r in zip(STELLINGEN, rijen, strict=True)
        ],
        schaal=5,
    )
    return {"rijen": rijen, "samenvatting": samenvatting, "svg": mark_safe(svg)}  # noqa: S308


def context(data: dict) -> dict:
    feiten = data["bijeenkomst"]
    aanwezigheid = data["aanwezigheid"]
    volgende = data["voorbereiding"]
    aanwezig = _attendance_chart(
        aanwezigheid["aanwezig"], aanwezigheid["doelen"], id="aanwezig", titel=_("Aanwezig")
    )
    komt = balance(aanwezigheid["komt"], aanwezigheid["doelen"])
    per_tag = all(
        t.aantal >= content.MIN_PER_TAG for b in (aanwezig["balans"], komt) for t in b.per_tag
    )
    return {
        "d": data,
        "aanwezig": aanwezig,
        "komt": komt,
        "per_tag_zichtbaar": per_tag,
        "aanwezig_rijen": [
            {"t": t, "komt": k.aantal}
            for t, k in zip(aanwezig["balans"].per_tag, komt.per_tag, strict=True)
        ],
        "start": datetime.fromisoformat(feiten["start"]),
        "einde": datetime.fromisoformat(feiten["einde"]),
        "bijdragen": [
            {**groep, "label": BijdrageSoort(groep["soort"]).label}
            for groep in data["bijdragen"]
            if groep["items"]
        ],
        "evaluatie": data["evaluatie"],
        "evaluatie_grafiek": _evaluation_chart(data["evaluatie"]),
        "minimum_evaluaties": content.MIN_EVALUATIES,
        "volgende_start": datetime.fromisoformat(volgende["start"]) if volgende else None,
    }


def _rendered(template: str, ctx: dict) -> str:
    with translation.override(report_language()), timezone.override(content.AMSTERDAM):
        return render_to_string(template, ctx)


def render_fragment(data: dict) -> str:
    """The report body (sections from "Gegevens" on), as stored in ``VerslagVersie.html``."""
    return _rendered("verslagen/_verslag.html", context(data))


def title(data: dict) -> str:
    with translation.override(report_language()):
        feiten = data["bijeenkomst"]
        return _("Verslag van bijeenkomst %(nummer)s – %(traject)s") % {
            "nummer": feiten["nummer"],
            "traject": feiten["traject"],
        }


def render_document(*, data: dict, fragment: str, verhaal_tekst: str) -> str:
    """The stand-alone HTML of the PDF: title, language, narrative and the fragment."""
    return _rendered(
        "verslagen/document.html",
        {
            "titel": title(data),
            "lang": report_language(),
            "verhaal": mark_safe(narrative.render(verhaal_tekst)),  # noqa: S308 (sanitised)
            "fragment": mark_safe(fragment),  # noqa: S308 (rendered by our template)
        },
    )


def render_pdf(*, data: dict, fragment: str, verhaal_tekst: str) -> bytes:
    html = render_document(data=data, fragment=fragment, verhaal_tekst=verhaal_tekst)
    return html_to_pdf(html, stylesheets=[PRINT_CSS])
