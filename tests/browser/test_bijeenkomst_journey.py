"""Meetings in a real browser: a coordinator creates a traject and plans its first meeting
with an agenda; a participant answers the invitation with and without JavaScript and puts
the meeting in their calendar.

Every page on the way is checked with axe in Dutch and in English.
"""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import factories
import pytest
import vobject
from playwright.sync_api import expect

from bijeenkomsten.bouwstenen import seed_bouwstenen
from bijeenkomsten.models import Aanwezigheid, Bouwsteen
from trajecten.choices import Rol, TrajectStatus
from trajecten.models import Traject

from .conftest import (
    assert_accessible,
    assert_accessible_in_both_languages,
    log_in,
    settled,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AMS = ZoneInfo("Europe/Amsterdam")
BOUWSTEEN = "Gedeelde waarden"


def submit(page, name) -> None:
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name=name).click()


def follow(page, name) -> None:
    with page.expect_navigation():
        page.locator("main").get_by_role("link", name=name).click()


def label(text: str) -> re.Pattern:
    """A field's label, with or without " (niet verplicht)" after it."""
    return re.compile(rf"^{re.escape(text)}( \(niet verplicht\))?$")


# --- (a) A coordinator creates a traject and plans meeting 1 -------------------------------


def test_coordinator_creates_traject_and_plans_first_meeting(page, site):
    coordinator = factories.user(naam="Carla Coördinator", is_coordinator=True)
    factories.gebied(naam="Zuid")
    seed_bouwstenen(Bouwsteen)  # the shared library (the flush of a previous test empties it)
    log_in(page.context, coordinator, site)

    # The form for a new traject.
    page.goto(f"{site}/trajecten/nieuw/")
    expect(page.locator("h1")).to_have_text("Nieuw traject")
    assert_accessible_in_both_languages(page)

    page.get_by_label(label("Naam")).fill("Samen in Zuid")
    page.get_by_label(label("Korte naam in de link")).fill("zuid-2027")
    page.get_by_label(label("Gebied")).select_option(label="Zuid")
    page.get_by_label(label("Aantal plekken")).fill("24")
    page.get_by_label(label("Doel formeel (%)")).fill("40")
    page.get_by_label(label("Doel informeel (%)")).fill("40")
    page.get_by_label(label("Doel ervaringsdeskundige (%)")).fill("20")
    page.get_by_label(label("Aantal bijeenkomsten")).fill("4")
    page.get_by_label(label("Startdatum")).fill("2027-01-12")
    page.get_by_label(label("Status")).select_option(TrajectStatus.OPEN.value)
    submit(page, "Opslaan")

    # The traject page, with four proposed meetings three weeks apart.
    assert page.url == f"{site}/trajecten/zuid-2027/"
    expect(page.locator("h1")).to_have_text("Samen in Zuid")
    expect(page.locator(".meldingen")).to_contain_text("Het traject is aangemaakt.")
    meetings = page.locator("ol.bijeenkomsten > li")
    expect(meetings).to_have_count(4)
    for n, day in enumerate(["12 januari", "2 februari", "23 februari", "16 maart"], start=1):
        expect(meetings.nth(n - 1)).to_contain_text(f"Bijeenkomst {n}")
        expect(meetings.nth(n - 1)).to_contain_text(f"{day} 2027, 14:00–16:30")
    assert_accessible_in_both_languages(page)

    traject = Traject.objects.get(slug="zuid-2027")
    assert list(traject.coordinatoren.all()) == [coordinator]
    assert traject.bijeenkomsten.count() == 4
    b = traject.bijeenkomsten.get(nummer=1)

    # Meeting 1, still without a theme or agenda.
    with page.expect_navigation():
        meetings.first.get_by_role("link", name="Bijeenkomst 1").click()
    assert page.url == f"{site}/bijeenkomsten/{b.pk}/"
    expect(page.locator("h1")).to_have_text("Bijeenkomst 1")
    expect(page.locator("main")).to_contain_text("De agenda volgt nog.")
    assert_accessible_in_both_languages(page)

    # Its edit page.
    follow(page, "Bijeenkomst en agenda bewerken")
    assert page.url == f"{site}/bijeenkomsten/{b.pk}/bewerken/"
    expect(page.locator("h1")).to_have_text("Bijeenkomst 1 bewerken")
    assert_accessible_in_both_languages(page)

    page.get_by_label(label("Datum")).fill("2027-01-14")
    page.get_by_label(label("Begintijd")).fill("15:00")
    page.get_by_label(label("Eindtijd")).fill("17:00")
    page.get_by_label(label("Thema")).fill("Wat vinden we belangrijk?")
    page.get_by_label(label("Bouwsteen")).select_option(label=BOUWSTEEN)
    page.get_by_label(label("Plaats")).fill("Buurthuis De Linde")
    page.get_by_label(label("Ingang zonder drempels")).check()
    for n, (volgorde, onderwerp, minuten) in enumerate(
        [("1", "Welkom en kennismaken", "15"), ("2", "Brainstorm over waarden", "20")], start=1
    ):
        punt = page.get_by_role("group", name=f"Agendapunt {n}")
        punt.get_by_label(label("Volgorde")).fill(volgorde)
        punt.get_by_label(label("Onderwerp")).fill(onderwerp)
        punt.get_by_label(label("Minuten")).fill(minuten)
    submit(page, "Opslaan")

    # The meeting page shows it all.
    assert page.url == f"{site}/bijeenkomsten/{b.pk}/"
    expect(page.locator(".meldingen")).to_contain_text("De bijeenkomst is opgeslagen.")
    expect(page.locator("h1")).to_have_text("Bijeenkomst 1: Wat vinden we belangrijk?")
    gegevens = page.locator("dl.gegevens")
    expect(gegevens).to_contain_text("donderdag 14 januari 2027, 15:00–17:00")
    expect(gegevens).to_contain_text("Buurthuis De Linde")
    expect(gegevens).to_contain_text("Ingang zonder drempels")
    expect(page.get_by_role("heading", name=f"Bouwsteen: {BOUWSTEEN}")).to_be_visible()
    agenda = page.locator("ol.agenda > li")
    expect(agenda).to_have_count(2)
    expect(agenda.nth(0)).to_have_text("Welkom en kennismaken (15 minuten)")
    expect(agenda.nth(1)).to_have_text("Brainstorm over waarden (20 minuten)")
    expect(page.locator("main")).to_contain_text("Samen 35 van de 120 minuten.")
    assert_accessible_in_both_languages(page)

    b.refresh_from_db()
    assert b.start == datetime(2027, 1, 14, 15, 0, tzinfo=AMS)
    assert b.einde == datetime(2027, 1, 14, 17, 0, tzinfo=AMS)
    assert (b.thema, b.plaats, b.drempelvrij) == (
        "Wat vinden we belangrijk?",
        "Buurthuis De Linde",
        True,
    )
    assert b.bouwsteen.titel == BOUWSTEEN
    assert [(p.volgorde, p.titel, p.duur) for p in b.agenda.all()] == [
        (1, "Welkom en kennismaken", 15),
        (2, "Brainstorm over waarden", 20),
    ]


# --- (b, c) A participant answers and downloads the meeting --------------------------------


@pytest.fixture
def meeting():
    traject = factories.traject(naam="Samen in West")
    start = datetime(2027, 2, 4, 14, 0, tzinfo=AMS)
    b = factories.bijeenkomst(traject, start=start, thema="Omdenken", plaats="Wijkcentrum West")
    mijn = factories.inschrijving(
        traject, rol=Rol.MANTELZORGER, user=factories.user(naam="Mies de Vries")
    )
    return b, mijn


def switch_language_without_js(plain, code: str) -> None:
    """The header's language button, where JavaScript is off (``switch_language`` reads
    html[lang] with page JavaScript, which never answers there)."""
    name = {"nl": "Nederlands", "en": "English"}[code]
    with plain.expect_navigation():
        plain.locator("form.taalkeuze").get_by_role("button", name=name, exact=True).click()
    expect(plain.locator("html")).to_have_attribute("lang", code)


def assert_accessible_as_served_without_js(page, plain) -> None:
    """axe needs page JavaScript, so it cannot run in the context without it. The page as
    that browser got it is served once, at the same URL (so with the same CSS), to the
    JavaScript-enabled ``page`` and checked there."""
    html, url = plain.content(), plain.url
    page.route(
        url,
        lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html),
    )
    try:
        page.goto(url)
        expect(page.locator("html")).to_have_attribute("lang", current_lang(plain))
        assert_accessible(page)
    finally:
        page.unroute(url)


def current_lang(plain) -> str:
    return plain.locator("html").get_attribute("lang")


def antwoord_van(mijn, b) -> str:
    return Aanwezigheid.objects.get(bijeenkomst=b, inschrijving=mijn).antwoord


def test_participant_answers_with_and_without_javascript(page, browser, site, meeting):
    b, mijn = meeting
    url = f"{site}/bijeenkomsten/{b.pk}/"
    log_in(page.context, mijn.deelnemer.user, site)

    page.goto(url)
    expect(page.locator("h1")).to_have_text("Bijeenkomst 1: Omdenken")
    sectie = page.locator("section#antwoord")
    expect(sectie.get_by_role("heading", name="Kom je?")).to_be_visible()
    assert_accessible_in_both_languages(page)

    # With JavaScript: htmx swaps the section in place, no navigation.
    page.evaluate("window.__zelfdePagina = true")
    sectie.get_by_label("Ik kom", exact=True).check()
    sectie.get_by_role("button", name="Antwoord opslaan").click()
    bevestiging = sectie.get_by_role("status")
    expect(bevestiging).to_have_text("Je antwoord is opgeslagen.")
    assert page.url == url
    assert page.evaluate("window.__zelfdePagina") is True, "the answer reloaded the page"
    expect(page.locator(".meldingen")).to_have_count(0)  # no message from a redirect
    expect(sectie.get_by_label("Ik kom", exact=True)).to_be_checked()
    assert antwoord_van(mijn, b) == "komt"
    settled(page)
    assert_accessible(page)  # the swapped-in section

    # Without JavaScript, in a new browser: the plain form posts and redirects back.
    context = browser.new_context(
        java_script_enabled=False, locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    try:
        log_in(context, mijn.deelnemer.user, site)
        plain = context.new_page()
        plain.goto(url)
        plain_sectie = plain.locator("section#antwoord")
        expect(plain_sectie.get_by_label("Ik kom", exact=True)).to_be_checked()
        plain_sectie.get_by_label("Ik kom niet", exact=True).check()
        with plain.expect_navigation() as navigation:
            plain_sectie.get_by_role("button", name="Antwoord opslaan").click()
        assert navigation.value.request.method == "GET"  # the redirect after the POST
        assert navigation.value.request.redirected_from.method == "POST"
        assert plain.url == url
        expect(plain.locator(".meldingen")).to_have_text("Je antwoord is opgeslagen.")
        expect(plain_sectie.get_by_label("Ik kom niet", exact=True)).to_be_checked()
        assert antwoord_van(mijn, b) == "komt_niet"
        assert Aanwezigheid.objects.filter(bijeenkomst=b).count() == 1
        assert_accessible_as_served_without_js(page, plain)
        switch_language_without_js(plain, "en")
        expect(plain_sectie.locator("input[value=komt_niet]")).to_be_checked()
        assert_accessible_as_served_without_js(page, plain)
        switch_language_without_js(plain, "nl")
    finally:
        context.close()


def test_participant_downloads_the_meeting_ics(page, site, meeting):
    b, mijn = meeting
    log_in(page.context, mijn.deelnemer.user, site)
    page.goto(f"{site}/bijeenkomsten/{b.pk}/")
    assert_accessible_in_both_languages(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Zet in je agenda (.ics)").click()
    download = download_info.value
    assert download.suggested_filename == "bijeenkomst-1.ics"
    text = download.path().read_text(encoding="utf-8")

    cal = vobject.readOne(text)
    event = cal.vevent
    assert event.summary.value == "Samen in West: bijeenkomst 1 – Omdenken"
    assert event.dtstart.value == datetime(2027, 2, 4, 14, 0, tzinfo=AMS)
    assert event.dtend.value == datetime(2027, 2, 4, 16, 0, tzinfo=AMS)
    assert event.location.value == "Wijkcentrum West"
    assert event.uid.value.startswith(f"bijeenkomst-{b.pk}@")
    assert "Mies" not in text  # dates, places and themes only, never names
