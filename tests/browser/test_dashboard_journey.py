"""A manager in a real browser: filters the balance dashboard, opens a traject's balance
page, reads a chart's table and downloads the figures as CSV. Every page is checked with
axe in Dutch and in English."""

import factories
import pytest
from playwright.sync_api import expect

from dashboard.tables import from_csv
from devtools.city_scale import maak_stad
from trajecten.choices import TrajectStatus

from .conftest import assert_accessible, assert_accessible_in_both_languages, log_in, settled

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def city():
    stad = maak_stad(trajecten=4, per_traject=20, geplaatst=16, gebieden=2, prefix="web")
    manager = factories.user(naam="Mila Manager", is_manager=True)
    for g in stad.gebieden:
        g.managers.add(manager)
    return stad, manager


def test_manager_filters_opens_a_traject_reads_a_table_and_downloads_csv(page, site, city):
    stad, manager = city
    log_in(page.context, manager, site)
    page.goto(f"{site}/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Balansdashboard"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Balansdashboard")
    assert_accessible_in_both_languages(page)
    rows = page.locator("#trajecten tbody tr")
    expect(rows).to_have_count(4)

    # Filter by area (htmx swaps the results; the URL follows).
    page.get_by_role("combobox", name="Gebied").select_option(label=stad.gebieden[1].naam)
    page.get_by_role("button", name="Toon", exact=True).click()
    settled(page)
    expect(rows).to_have_count(2)
    assert f"gebied={stad.gebieden[1].pk}" in page.url
    expect(page.locator("#trajecten")).to_contain_text(stad.trajecten[1].naam)
    assert_accessible(page)

    # Filter by status: traject 1 of the city (index 0, 5, …) has ended.
    page.get_by_role("combobox", name="Status").select_option("afgerond")
    page.get_by_role("button", name="Toon", exact=True).click()
    settled(page)
    expect(rows).to_have_count(0)
    page.get_by_role("combobox", name="Gebied").select_option(label="Alle")
    page.get_by_role("button", name="Toon", exact=True).click()
    settled(page)
    expect(rows).to_have_count(1)
    assert stad.trajecten[0].status == TrajectStatus.AFGEROND

    # Open the traject's balance page from its row.
    page.locator("#trajecten").get_by_role("link", name=stad.trajecten[0].naam).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Balans van {stad.trajecten[0].naam}"
    )
    # The manager reads that the counts are "about" figures, and why.
    expect(page.get_by_text("De aantallen zijn ongeveer.", exact=False)).to_be_visible()
    expect(page.get_by_text("Een aantal van 1 tot 4 tonen we nooit.", exact=False)).to_be_visible()
    assert_accessible_in_both_languages(page)

    # The attendance chart: an image with a name, a summary, and its data as a table.
    chart = page.get_by_role("img", name="Wie er was, per bijeenkomst, naast het doel")
    expect(chart).to_be_visible()
    table = page.get_by_role("table", name="Aanwezig per bijeenkomst")
    expect(table).to_be_visible()
    header = table.locator("thead th")
    expect(header.first).to_have_text("Bijeenkomst")
    body_rows = table.locator("tbody tr")
    expect(body_rows).to_have_count(3)  # three meetings so far
    first = body_rows.first.locator("td")
    total = int(first.nth(3).inner_text())
    assert total >= 5
    page_text = page.locator("main").inner_text()
    for naam in stad.namen[:80]:
        assert naam not in page_text

    # Download the CSV: the same figures as on screen.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download deze cijfers (CSV)").click()
    download = download_info.value
    assert download.suggested_filename == f"balans-{stad.trajecten[0].slug}.csv"
    csv_tables = from_csv(download.path().read_bytes())
    attendance = next(t for t in csv_tables if t[0] == ["Aanwezig per bijeenkomst"])
    screen_first = [body_rows.first.locator("th").inner_text()] + [
        first.nth(k).inner_text() for k in range(first.count())
    ]
    assert attendance[2] == screen_first
    text = download.path().read_text(encoding="utf-8-sig")
    assert all(naam not in text for naam in stad.namen)


def test_dashboard_works_without_javascript(browser, site, city):
    stad, manager = city
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    try:
        log_in(context, manager, site)
        page = context.new_page()
        page.goto(f"{site}/dashboard/")
        page.get_by_role("combobox", name="Gebied").select_option(label=stad.gebieden[0].naam)
        with page.expect_navigation():
            page.get_by_role("button", name="Toon", exact=True).click()
        expect(page.locator("#trajecten tbody tr")).to_have_count(2)
        assert f"gebied={stad.gebieden[0].pk}" in page.url
        # (axe needs JavaScript; the same page with it is checked in the test above.)
    finally:
        context.close()


def test_bad_period_shows_the_message_at_the_field(page, site, city):
    _, manager = city
    log_in(page.context, manager, site)
    page.goto(f"{site}/dashboard/")
    page.get_by_role("textbox", name="Bijeenkomsten vanaf").fill("2026-03-31")
    page.get_by_role("textbox", name="Bijeenkomsten tot en met").fill("2026-03-01")
    page.get_by_role("button", name="Toon", exact=True).click()
    settled(page)
    expect(page.locator(".veld__fout")).to_have_text("Fout: De einddatum ligt voor de begindatum.")
    expect(page.get_by_role("alert")).to_contain_text("Bijeenkomsten tot en met")
    assert_accessible(page)
