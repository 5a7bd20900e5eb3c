"""A participant chooses text messages on the preferences page, at phone size, by keyboard;
a wrong number is explained; the page passes axe in both languages."""

import factories
import pytest
from playwright.sync_api import expect

from samenspel.models import User

from .conftest import assert_accessible_in_both_languages, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_participant_chooses_sms(browser, site):
    wim = factories.user(naam="Wim")
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    log_in(context, wim, site)
    page = context.new_page()
    page.goto(f"{site}/mijn-gegevens/e-mails/")
    assert_accessible_in_both_languages(page)
    page.get_by_label("Herinneringen, wijzigingen en vrije plekken per sms").check()
    page.get_by_label("Mobiel nummer").fill("020 123 4567")
    page.get_by_role("button", name="Opslaan").press("Enter")
    expect(page.get_by_text("Dit is geen mobiel nummer.")).to_be_visible()
    expect(page.get_by_label("Herinneringen, wijzigingen en vrije plekken per sms")).to_be_checked()
    assert_accessible_in_both_languages(page)  # (reloads the page: the form starts anew)
    page.get_by_label("Herinneringen, wijzigingen en vrije plekken per sms").check()
    page.get_by_label("Mobiel nummer").fill("06 1234 5678")
    page.get_by_role("button", name="Opslaan").press("Enter")
    expect(page.get_by_text("Je keuzes zijn opgeslagen.")).to_be_visible()
    wim = User.objects.get(pk=wim.pk)
    assert (wim.per_sms, wim.mobiel) == (True, "+31612345678")
    context.close()
