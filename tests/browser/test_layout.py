"""The page layout at phone and desktop sizes: a compact header, the menu behind a button
that works without JavaScript, the language switch always in sight, work pages wide, and
no page that scrolls sideways."""

import factories
import pytest
from playwright.sync_api import expect

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEASURE = """() => {
  const header = document.querySelector('header').getBoundingClientRect().height;
  const bar = document.querySelector('.kop__navbalk').getBoundingClientRect().height;
  const main = document.querySelector('main').getBoundingClientRect().width;
  return {top: header + bar, scroll: document.documentElement.scrollWidth, main: main};
}"""


def _pages(traject, b):
    return [
        "/",
        "/mijn-gegevens/",
        "/privacy/",
        "/trajecten/",
        f"/trajecten/{traject.slug}/",
        f"/trajecten/{traject.slug}/deelnemers/",
        f"/bijeenkomsten/{b.pk}/",
        f"/bijeenkomsten/{b.pk}/aanwezigheid/",
    ]


@pytest.fixture
def world():
    coordinator = factories.user(naam="Carla Coördinator", is_coordinator=True)
    traject = factories.traject(coordinatoren=[coordinator], naam="Samen in de Wijk Noord")
    for n in range(12):
        factories.inschrijving(traject, naam=f"Deelnemer met een lange naam {n}")
    b = factories.bijeenkomst(traject, plaats="Buurthuis De Lange Verbindingsweg")
    return coordinator, traject, b


def test_phone_header_is_compact_and_nothing_scrolls_sideways(browser, site, world):
    coordinator, traject, b = world
    for width, height in ((390, 844), (320, 640)):
        context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": height})
        log_in(context, coordinator, site)
        page = context.new_page()
        for path in _pages(traject, b):
            page.goto(site + path)
            m = page.evaluate(MEASURE)
            assert m["scroll"] <= width, (path, width, m)
            if width == 390:
                assert m["top"] <= 130, (path, m)
            # The other language is one tap away, also on a phone.
            expect(page.locator("header").get_by_role("button", name="English")).to_be_visible()
        context.close()


def test_phone_menu_opens_without_javascript(browser, site, world):
    coordinator, traject, _ = world
    context = browser.new_context(
        locale="nl-NL", viewport={"width": 390, "height": 844}, java_script_enabled=False
    )
    log_in(context, coordinator, site)
    page = context.new_page()
    page.goto(f"{site}/trajecten/{traject.slug}/")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    expect(menu).to_be_hidden()
    page.locator("summary", has_text="Menu").click()
    expect(menu.get_by_role("link", name="Mijn gegevens")).to_be_visible()
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    page.keyboard.press("Escape")
    context.close()


def test_desktop_shows_the_menu_bar_and_work_pages_use_the_width(browser, site, world):
    coordinator, traject, _ = world
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    log_in(context, coordinator, site)
    page = context.new_page()
    page.goto(f"{site}/privacy/")
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()
    expect(page.locator("summary", has_text="Menu")).to_be_hidden()
    reading = page.evaluate(MEASURE)
    assert reading["top"] <= 130, reading
    page.goto(f"{site}/trajecten/{traject.slug}/deelnemers/")
    wide = page.evaluate(MEASURE)
    # A text page keeps a reading width; the participant list uses the screen.
    assert reading["main"] <= 800 < wide["main"], (reading, wide)
    assert wide["scroll"] <= 1280
    context.close()
