"""How long compiling the joint guide takes, to decide whether it can run in the request.

Run explicitly (it is not collected with the suite):

    uv run pytest tests/verslagen/bench_handreiking.py -s -q

A traject with four published reports of about 2,500 words each (headings, lists, a
table), the twelve values on the board, 300 people and 120 quotes.
"""

import statistics
import time

import pytest
from handreiking_data import bulk_people, make_gids, meeting, publish_report

from verslagen.handreiking import services as services
from waarden.models import Citaat, Waarde

pytestmark = pytest.mark.django_db


def _report(n: int, variant: int) -> str:
    alinea = (
        "<p>We spraken over wat goed gaat in de wijk en wat beter kan. Bewoners en "
        "professionals vertelden over hun ervaringen met hulp, buurtwerk en mantelzorg. "
        "Iedereen kreeg de ruimte om te zeggen wat er in hoofd, hart en buik zat.</p>"
    )
    delen = [f"<h2>Bijeenkomst {n}, versie {variant}</h2>"]
    for k in range(12):
        delen.append(f"<h3>Onderdeel {k + 1}</h3>")
        delen.extend([alinea] * 5)
        delen.append("<ul>" + "<li>Een idee uit de brainstorm</li>" * 6 + "</ul>")
    delen.append(
        "<table><caption>Aanwezig</caption><tr><th>Groep</th><th>Aantal</th></tr>"
        + "<tr><td>Formeel</td><td>12</td></tr>" * 3
        + "</table>"
    )
    return "".join(delen)


def test_compile_timing():
    gids = make_gids()
    services_waarden = Waarde.objects.filter(traject__isnull=True)
    from waarden import services as waarden_services

    waarden_services.set_bord(traject=gids.traject, waarden=services_waarden, drempel=30)
    mensen = bulk_people(gids.traject, 300)
    Citaat.objects.bulk_create(
        Citaat(inschrijving=i, waarde=services_waarden[k % 12], tekst=f"Citaat nummer {k}.")
        for k, i in enumerate(mensen[:120])
    )
    vergaderingen = [meeting(gids.traject, n) for n in range(4, 8)]
    totals, pdfs, htmls = [], [], []
    for variant in range(3):
        for n, b in enumerate(vergaderingen, start=1):
            publish_report(b, _report(n, variant))
        t0 = time.perf_counter()
        secties, html = services._sections(gids.traject)
        t1 = time.perf_counter()
        services.render_pdf(gids.traject, secties, html)
        t2 = time.perf_counter()
        versie, nieuw = services.compile_version(traject=gids.traject)
        t3 = time.perf_counter()
        assert nieuw
        htmls.append(t1 - t0)
        pdfs.append(t2 - t1)
        totals.append(t3 - t2)
    import io

    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(bytes(versie.pdf))).pages)
    print(
        f"\nhandreiking: {len(html) // 1024} KB HTML, {len(versie.pdf) // 1024} KB PDF,"
        f" pages {pages}\n"
        f"  sections (HTML) median {statistics.median(htmls):.3f} s\n"
        f"  PDF              median {statistics.median(pdfs):.3f} s\n"
        f"  compile_version  median {statistics.median(totals):.3f} s (max {max(totals):.3f})"
    )
