"""A coordinator writes to everyone with a place: the form, the preview with the count, and
sending, by keyboard, at phone and desktop size, with axe in both languages."""

import factories
import pytest
from playwright.sync_api import expect

from berichten.models import Verzending
from mededelingen.models import Mededeling

from .conftest import assert_accessible, assert_accessible_in_both_languages, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [390, 1280])
def test_coordinator_sends_a_message_to_everyone(browser, site, width):
    carla = factories.user(naam="Carla", is_coordinator=True)
    traject = factories.traject(naam="Samen in Zuid", coordinatoren=[carla], capaciteit=10)
    for n in range(3):
        factories.inschrijving(traject, naam=f"Persoon {n}")
    context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 844})
    log_in(context, carla, site)
    page = context.new_page()
    page.goto(f"{site}{traject.get_absolute_url()}")
    page.get_by_role("link", name="Bericht aan deelnemers").click()
    assert_accessible_in_both_languages(page)
    page.get_by_label("Iedereen met een plek").check()
    page.get_by_label("Onderwerp").fill("Andere zaal")
    page.get_by_label("Bericht", exact=True).fill("De zaal is verhuisd.\nWe zitten boven.")
    page.get_by_role("button", name="Bekijk het bericht").press("Enter")

    expect(page.get_by_role("heading", name="Zo ziet het bericht eruit")).to_be_visible()
    expect(page.get_by_text("Dit bericht gaat naar 3 mensen.")).to_be_visible()
    expect(page.get_by_role("heading", name="Andere zaal – Samen in Zuid")).to_be_visible()
    assert Mededeling.objects.count() == 0
    assert_accessible(page)  # (a switch of language would leave this posted page)
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"the preview scrolls sideways: {scroll} px"
    page.get_by_role("button", name="Versturen").press("Enter")
    expect(page.get_by_text("Het bericht gaat naar 3 mensen.")).to_be_visible()
    expect(page.get_by_role("row", name="Andere zaal")).to_be_visible()
    assert_accessible_in_both_languages(page)
    assert Verzending.objects.filter(doel="mededeling").count() == 3
    context.close()
