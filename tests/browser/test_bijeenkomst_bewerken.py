"""The meeting edit form keeps its date and times: a coordinator changes only the place and
saves, in Dutch and in English, on a phone and on a desktop screen."""

import os
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import factories
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import RESULTS_DIR, assert_accessible, log_in, switch_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AMS = ZoneInfo("Europe/Amsterdam")
# Two weeks from today at 19:30, so that the test does not age into the past.
START = datetime.combine(timezone.localdate() + timedelta(weeks=2), time(19, 30), tzinfo=AMS)


def _screenshot(page, name):
    """With SCHERMAFDRUKKEN=1 the pages are saved, to look at them."""
    if os.environ.get("SCHERMAFDRUKKEN"):
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(RESULTS_DIR / f"{name}.png"), full_page=True)


@pytest.mark.parametrize(
    ("taal", "breedte", "hoogte"), [("nl", 390, 844), ("en", 1280, 900), ("en", 390, 844)]
)
def test_coordinator_changes_only_the_place_of_a_meeting(page, site, taal, breedte, hoogte):
    coordinator = factories.user(naam="Carla", is_coordinator=True)
    traject = factories.traject(coordinatoren=[coordinator])
    b = factories.bijeenkomst(traject, start=START, plaats="Oost")
    page.set_viewport_size({"width": breedte, "height": hoogte})
    log_in(page.context, coordinator, site)
    page.goto(f"{site}/bijeenkomsten/{b.pk}/bewerken/")
    if taal == "en":
        switch_language(page, "en")

    expect(page.locator("input[name=datum]")).to_have_value(START.date().isoformat())
    expect(page.locator("input[name=begintijd]")).to_have_value("19:30")
    expect(page.locator("input[name=eindtijd]")).to_have_value("21:30")
    assert_accessible(page)
    _screenshot(page, f"bijeenkomst-bewerken-{taal}-{breedte}")

    page.locator("input[name=plaats]").fill("Bibliotheek Centrum")
    with page.expect_navigation():
        page.locator("input[name=plaats]").press("Enter")  # by keyboard
    saved = "De bijeenkomst is opgeslagen." if taal == "nl" else "The meeting has been saved."
    expect(page.get_by_text(saved)).to_be_visible()
    b.refresh_from_db()
    assert (b.plaats, b.start, b.einde) == (
        "Bibliotheek Centrum",
        START,
        START + timedelta(hours=2),
    )
    if taal == "en":
        switch_language(page, "nl")


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_a_post_that_is_too_large_gets_a_clear_page(page, site, taal):
    page.goto(f"{site}/inloggen/")
    if taal == "en":
        switch_language(page, "en")
    with page.expect_navigation():
        page.evaluate(
            """() => {
                const form = document.querySelector("main form");
                const veld = form.querySelector("input[name=email]");
                veld.value = "a".repeat(1100 * 1024);
                form.submit();  // past the browser's own check of the address
            }"""
        )
    titel = "Wat je stuurde is te groot" if taal == "nl" else "What you sent is too large"
    expect(page.locator("h1")).to_have_text(titel)
    assert_accessible(page)
    _screenshot(page, f"te-groot-{taal}")
