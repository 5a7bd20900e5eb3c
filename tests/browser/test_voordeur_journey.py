"""A visitor finds a traject from the front door and gets to its sign-up form, by
keyboard, in both languages."""

from datetime import date

import factories
import pytest
from playwright.sync_api import expect

from trajecten.choices import TrajectStatus

from .conftest import assert_accessible_in_both_languages, focus_next

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_finds_a_traject_and_its_sign_up_by_keyboard(page, site):
    zuid = factories.gebied(naam="Zuid", soort="stadsdeel")
    t = factories.traject(naam="Samen in Zuid", gebied=zuid, startdatum=date(2027, 2, 1))
    factories.traject(naam="Samen in Noord", status=TrajectStatus.LOPEND)
    factories.traject(naam="Klaar in West", status=TrajectStatus.AFGEROND)

    page.goto(f"{site}/")
    assert_accessible_in_both_languages(page)
    expect(page.get_by_role("link", name="Samen in Zuid")).to_be_visible()
    page.get_by_role("link", name="Alle trajecten, ook de afgeronde").click()
    expect(page).to_have_title("Trajecten – Samenspel")
    assert_accessible_in_both_languages(page)
    expect(page.get_by_text("Klaar in West")).to_be_visible()

    # The area filter works by keyboard and without script: choose, then submit.
    page.get_by_label("Gebied", exact=True).select_option(label="Zuid")
    page.get_by_role("button", name="Toon").press("Enter")
    expect(page.get_by_role("heading", name="Aanmelden kan nu in Zuid")).to_be_visible()
    expect(page.get_by_text("Samen in Noord")).to_have_count(0)

    focus_next(page, "a.utrecht-button-link[href$='/aanmelden/']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site}/trajecten/{t.slug}/aanmelden/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Samen in Zuid")
