"""The pages of the audit log, the limits and the participant's rights, checked with axe in
Dutch and in English, in a real browser."""

import factories
import pytest
from playwright.sync_api import expect

from samenspel import audit
from trajecten.choices import AuditActie

from .conftest import (
    assert_accessible,
    assert_accessible_in_both_languages,
    current_language,
    log_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_logboek_page_is_accessible(page, context, site):
    coordinator = factories.user(is_coordinator=True, naam="Carla Coördinator")
    traject = factories.traject(coordinatoren=[coordinator])
    inschrijving = factories.inschrijving(traject)
    audit.log(coordinator, AuditActie.INSCHRIJVING_STATUS, inschrijving, van="a", naar="b")
    audit.log(coordinator, AuditActie.TRAJECT_BEWERKT, traject, velden=["naam", "capaciteit"])
    log_in(context, coordinator, site)
    page.goto(f"{site}/trajecten/{traject.slug}/logboek/")
    expect(page.locator("h1")).to_have_text("Logboek")
    expect(page.locator("tbody tr")).to_have_count(2)
    assert_accessible_in_both_languages(page)


def test_mijn_gegevens_and_deletion_pages_are_accessible(page, context, site):
    inschrijving = factories.inschrijving(factories.traject())
    log_in(context, inschrijving.deelnemer.user, site)
    page.goto(f"{site}/mijn-gegevens/")
    expect(page.get_by_role("link", name="Download mijn gegevens (voor Excel)")).to_be_visible()
    assert_accessible_in_both_languages(page)
    page.goto(f"{site}/mijn-gegevens/verwijderen/")
    assert_accessible_in_both_languages(page)


def test_signup_limit_page_is_accessible(page, context, site, settings):
    """The 429 page answers a POST, so the language switch (a GET) cannot show it: the
    English version is reached by posting again with the language cookie set."""
    settings.AANMELD_LIMIET = "1/10m"
    traject = factories.traject()
    url = f"{site}/trajecten/{traject.slug}/aanmelden/"

    def sign_up():
        page.goto(url)
        page.locator("input[name=naam]").fill("Wim Jansen")
        page.locator("input[name=email]").fill("wim@voorbeeld.nl")
        page.locator("input[name=rol]").first.check()
        page.locator("input[name=toestemming]").check()
        with page.expect_navigation():
            page.locator("main form[method=post] button[type=submit]").click()
        page.wait_for_load_state("load")

    sign_up()
    sign_up()
    expect(page.locator("h1")).to_have_text("Even wachten")
    assert current_language(page) == "nl"
    assert_accessible(page)
    context.add_cookies([{"name": "django_language", "value": "en", "url": site}])
    sign_up()
    assert current_language(page) == "en"
    assert_accessible(page)


def test_nul_character_page_is_accessible(page, site):
    page.goto(f"{site}/agenda/a%00b.ics")
    expect(page.locator("h1")).to_have_text("Er staat een teken in dat niet kan")
    assert_accessible_in_both_languages(page)
