"""The homes in a browser: a participant's "Wat kun je nu doen?" and a coordinator's to-do
per traject, at phone and desktop size, with axe in both languages; a task is a link that
the keyboard follows to the page where it is done."""

from datetime import timedelta

import factories
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from trajecten.choices import InschrijvingStatus

from .conftest import assert_accessible_in_both_languages, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [390, 1280])
def test_participant_home_says_what_to_do(browser, site, width):
    anna = factories.user(naam="Anna de Wit")
    t = factories.traject(naam="Samen in Zuid")
    factories.inschrijving(t, user=anna)
    komt = factories.bijeenkomst(t, nummer=3, plaats="Buurthuis")
    context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 844})
    log_in(context, anna, site)
    page = context.new_page()
    page.goto(f"{site}/")
    taken = page.get_by_role("region", name="Wat kun je nu doen?")
    expect(taken).to_be_visible()
    assert_accessible_in_both_languages(page)
    link = taken.get_by_role("link", name="Laat weten of je komt naar bijeenkomst 3")
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site}/bijeenkomsten/{komt.pk}/#antwoord")
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_coordinator_home_lists_what_needs_doing(browser, site, width):
    carla = factories.user(naam="Carla", is_coordinator=True)
    t = factories.traject(naam="Samen in West", coordinatoren=[carla], aanbod_uren=24)
    voorbij = factories.bijeenkomst(t, nummer=1, einde=timezone.now() - timedelta(days=1))
    factories.bijeenkomst(t, nummer=2, plaats="")
    factories.inschrijving(
        t, naam="Cor Aanbod", status=InschrijvingStatus.AANGEBODEN, aangeboden_op=timezone.now()
    )
    context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 844})
    log_in(context, carla, site)
    page = context.new_page()
    page.goto(f"{site}/")
    kaart = page.get_by_role("article", name="Samen in West")
    expect(kaart.get_by_text("Plek aangeboden aan Cor Aanbod.")).to_be_visible()
    expect(kaart.get_by_text("Bijeenkomst 2 heeft nog geen plaats.")).to_be_visible()
    assert_accessible_in_both_languages(page)
    width_now = page.evaluate("document.documentElement.scrollWidth")
    assert width_now <= width, f"the home scrolls sideways: {width_now} px"
    link = kaart.get_by_role("link", name="Bijeenkomst 1 is voorbij.")
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site}/bijeenkomsten/{voorbij.pk}/verslag/")
    context.close()
