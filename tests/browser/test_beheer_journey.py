"""A functional administrator adds an area and gives a manager its scope, by keyboard, at
phone and desktop size; each page passes axe in both languages."""

import factories
import pytest
from playwright.sync_api import expect

from trajecten.models import Gebied

from .conftest import assert_accessible_in_both_languages, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [390, 1280])
def test_administrator_adds_an_area_and_a_managers_scope(browser, site, width):
    bram = factories.user(naam="Bram", is_beheerder=True)
    mira = factories.user(naam="Mira Manager", is_manager=True)
    context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 844})
    log_in(context, bram, site)
    page = context.new_page()
    page.goto(f"{site}/beheer/")
    assert_accessible_in_both_languages(page)
    page.get_by_role("link", name="Gebieden: stadsdelen en wijken").click()
    page.get_by_label("Naam").fill("Nieuw-West")
    page.get_by_label("Soort").select_option(label="Stadsdeel")
    page.get_by_role("button", name="Toevoegen").press("Enter")
    expect(page.get_by_text("Nieuw-West is toegevoegd.")).to_be_visible()
    expect(page.get_by_role("link", name="Nieuw-West")).to_be_visible()
    assert_accessible_in_both_languages(page)

    page.goto(f"{site}/beheer/mensen/")
    page.get_by_label("Zoek op naam of e-mailadres").fill("Mira")
    page.get_by_role("button", name="Zoeken").press("Enter")
    page.get_by_role("link", name="Mira Manager").click()
    assert_accessible_in_both_languages(page)
    page.get_by_label("Nieuw-West").check()
    page.get_by_role("button", name="Opslaan").press("Enter")
    expect(page.get_by_text("De rollen van Mira Manager zijn opgeslagen.")).to_be_visible()
    assert list(mira.beheerde_gebieden.all()) == [Gebied.objects.get(naam="Nieuw-West")]
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"the page scrolls sideways: {scroll} px"
    context.close()


def test_coordinator_adds_a_rapporteur_on_the_team_page(browser, site):
    carla = factories.user(naam="Carla", is_coordinator=True)
    factories.user(naam="Roos", email="roos@voorbeeld.nl")
    traject = factories.traject(naam="Samen in Oost", coordinatoren=[carla])
    factories.organisatie(naam="Buurtteam Oost")
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    log_in(context, carla, site)
    page = context.new_page()
    page.goto(f"{site}{traject.get_absolute_url()}")
    page.get_by_role("link", name="Team en organisaties").click()
    assert_accessible_in_both_languages(page)
    page.get_by_label("E-mailadres").fill("roos@voorbeeld.nl")
    page.get_by_label("Verslaglegger: schrijft de verslagen").check()
    page.get_by_role("button", name="Toevoegen").press("Enter")
    expect(page.get_by_text("Roos hoort nu bij het team.")).to_be_visible()
    page.get_by_role("button", name="Koppelen").press("Enter")
    expect(page.get_by_text("Buurtteam Oost hoort nu bij dit traject.")).to_be_visible()
    assert_accessible_in_both_languages(page)
    assert list(traject.rapporteurs.values_list("naam", flat=True)) == ["Roos"]
    context.close()
