"""The joint guide's review round in a real browser: a coordinator opens a round, a
participant comments on a section (swapped in place by htmx), the coordinator resolves the
comment with an answer and makes the version definitive, and the participant reads it.

Every page is checked with axe in Dutch and in English.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from handreiking_data import make_gids
from playwright.sync_api import expect

from verslagen.handreiking import services as services
from verslagen.models import Gelezen, Handreiking, Opmerking

from .conftest import assert_accessible, assert_accessible_in_both_languages, log_in, settled

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page, name: str) -> None:
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name=name, exact=True).click()


def test_review_round_from_opening_to_definitive(browser, site):
    gids = make_gids()
    versie, _ = services.compile_version(traject=gids.traject, door=gids.coordinator)
    url = f"{site}/trajecten/{gids.traject.slug}/handreiking/"

    coordinator = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    log_in(coordinator, gids.coordinator, site)
    cpage = coordinator.new_page()
    cpage.goto(url)
    expect(cpage.locator("h1")).to_have_text("Handreiking")
    expect(cpage.locator("nav.inhoudsopgave li")).to_have_text(
        [
            "Inleiding",
            "Bijeenkomst 1: Kennismaken",
            "Bijeenkomst 3: Samen verder",
            "Gedeelde waarden",
        ]
    )
    assert_accessible_in_both_languages(cpage)

    # A date in the past is refused with a clear message; a later one opens the round.
    cpage.get_by_label("Reageren kan tot en met").fill(
        (timezone.localdate() - timedelta(days=1)).isoformat()
    )
    submit(cpage, "Open reactieronde")
    expect(cpage.locator(".formulier-fouten")).to_contain_text("Reageren kan tot en met")
    expect(cpage.locator("#id_deadline_error")).to_have_text("Fout: Kies een datum na vandaag.")
    assert_accessible(cpage)
    cpage.get_by_label("Reageren kan tot en met").fill(
        (timezone.localdate() + timedelta(days=14)).isoformat()
    )
    submit(cpage, "Open reactieronde")
    expect(cpage.locator(".meldingen")).to_contain_text("De reactieronde is open tot en met")
    expect(cpage.locator("main")).to_contain_text("0 van de 2 deelnemers hebben")
    assert_accessible_in_both_languages(cpage)

    # Anna reads and comments on the first meeting's section, without a page load.
    deelnemer = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    log_in(deelnemer, gids.anna.deelnemer.user, site)
    page = deelnemer.new_page()
    page.goto(url)
    expect(page.locator("main")).to_contain_text("We leerden elkaar kennen.")
    assert Gelezen.objects.filter(inschrijving=gids.anna).count() == 1
    assert_accessible_in_both_languages(page)
    page.evaluate("window.zelfdePagina = true")
    veld = page.get_by_label("Jouw reactie op: Bijeenkomst 1: Kennismaken")
    veld.fill("Kunnen we de namen van de organisaties erbij zetten?")
    page.locator("#reacties-bijeenkomst-1").get_by_role("button", name="Reactie versturen").click()
    regio = page.locator("#reacties-bijeenkomst-1")
    expect(regio).to_contain_text("Dank je wel! Je reactie is opgeslagen.")
    expect(regio.locator(".reactie")).to_contain_text(
        "Kunnen we de namen van de organisaties erbij zetten?"
    )
    assert page.evaluate("window.zelfdePagina") is True
    settled(page)
    assert_accessible(page)
    opmerking = Opmerking.objects.get()
    assert (opmerking.sectie, opmerking.inschrijving_id) == ("bijeenkomst-1", gids.anna.pk)

    # The coordinator sees who wrote it, answers and resolves it, then publishes.
    cpage.goto(url)
    reactie = cpage.locator(f"#reactie-{opmerking.pk}")
    expect(reactie).to_contain_text("Anna de Wit")
    expect(cpage.locator("main")).to_contain_text("1 reacties, waarvan 1 nog niet afgehandeld.")
    assert_accessible_in_both_languages(cpage)
    reactie.get_by_label("Antwoord").fill("Goed idee, dat doen we.")
    with cpage.expect_navigation():
        reactie.get_by_role("button", name="Markeer als afgehandeld").click()
    expect(cpage.locator(".meldingen")).to_have_text("De reactie is afgehandeld.")
    expect(cpage.locator(f"#reactie-{opmerking.pk}")).to_contain_text("Goed idee, dat doen we.")
    submit(cpage, "Maak definitief")
    expect(cpage.locator(".meldingen")).to_have_text(
        f"Versie {versie.nummer} is nu definitief. Iedereen aan tafel kan hem lezen."
    )
    assert Handreiking.objects.get().definitief_id == versie.pk
    assert_accessible_in_both_languages(cpage)

    # Anna reads the definitive guide with the answer; the round is closed.
    page.goto(url)
    expect(page.locator(".handreiking__stand")).to_contain_text("definitief")
    expect(page.locator("#reacties-bijeenkomst-1")).to_contain_text("Goed idee, dat doen we.")
    expect(page.get_by_role("button", name="Reactie versturen")).to_have_count(0)
    assert_accessible_in_both_languages(page)
    coordinator.close()
    deelnemer.close()
