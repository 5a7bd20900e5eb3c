"""A coordinator enrols someone without e-mail on their behalf, by keyboard, and the page
passes axe in both languages."""

import factories
import pytest
from playwright.sync_api import expect

from trajecten.models import Inschrijving

from .conftest import assert_accessible_in_both_languages, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_enrols_someone_without_email(browser, site):
    carla = factories.user(naam="Carla", is_coordinator=True)
    traject = factories.traject(coordinatoren=[carla], naam="Samen in Zuid")
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    log_in(context, carla, site)
    page = context.new_page()
    page.goto(f"{site}/trajecten/{traject.slug}/deelnemers/")
    page.get_by_role("link", name="Iemand inschrijven").click()
    assert_accessible_in_both_languages(page)
    page.get_by_label("Naam", exact=True).fill("Gerda Mulder")
    page.get_by_label("Achtergrond en rol").select_option(label="Mantelzorger")
    page.get_by_label("Via mij: deze persoon heeft geen e-mail en geen mobiel").check()
    page.get_by_role("button", name="Inschrijven").press("Enter")
    expect(page.get_by_text("Gerda Mulder is ingeschreven: geplaatst.")).to_be_visible()
    assert not Inschrijving.objects.get(naam="Gerda Mulder").deelnemer.user.heeft_email
    context.close()
