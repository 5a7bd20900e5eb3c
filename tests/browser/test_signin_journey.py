"""Signing in with an e-mail link, in a real browser, with a real worker and a real SMTP sink.

Every page on the way is checked with axe in Dutch and in English.
"""

import factories
import pytest
from harness import body
from playwright.sync_api import expect

from .conftest import (
    assert_accessible,
    assert_accessible_in_both_languages,
    assert_focus_visible,
    focus_next,
    focused,
    switch_language,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "ans.bakker@voorbeeld.nl"


def signin_link_from_mail(mailbox, site: str) -> str:
    [msg] = mailbox.wait_for(1, timeout=30)
    assert msg["To"] == EMAIL
    lines = [line.strip() for line in body(msg).splitlines() if "/inloggen/?sesame=" in line]
    assert len(lines) == 1, body(msg)
    link = lines[0]
    assert link.startswith(f"{site}/inloggen/?sesame="), link
    return link


def visit_public_pages(page, site: str) -> None:
    """Privacy, accessibility statement and a 404 page, each with axe in nl and en."""
    page.goto(f"{site}/privacy/")
    expect(page.locator("h1")).to_have_text("Privacyverklaring")
    assert_accessible(page)
    switch_language(page, "en")
    expect(page.locator("h1")).to_have_text("Privacy statement")
    assert_accessible(page)
    switch_language(page, "nl")

    page.goto(f"{site}/toegankelijkheid")
    expect(page.locator("h1")).to_have_text("Toegankelijkheidsverklaring")
    assert_accessible(page)
    switch_language(page, "en")
    expect(page.locator("h1")).to_have_text("Accessibility statement")
    assert_accessible(page)
    switch_language(page, "nl")

    response = page.goto(f"{site}/deze-pagina-bestaat-niet/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Pagina niet gevonden")
    assert_accessible(page)
    switch_language(page, "en")
    expect(page.locator("h1")).to_have_text("Page not found")
    assert_accessible(page)
    switch_language(page, "nl")


def test_signin_journey(page, site, mailbox, celery_worker):
    factories.user(email=EMAIL, naam="Ans Bakker")

    visit_public_pages(page, site)

    # The sign-in page.
    page.goto(f"{site}/")
    expect(page.locator("h1")).to_have_text("Welkom bij Samenspel")
    assert_accessible_in_both_languages(page)

    page.get_by_label("Je e-mailadres").fill(EMAIL)
    page.get_by_role("button", name="Stuur mij een inloglink").click()

    # "Check your e-mail".
    expect(page.locator("h1")).to_have_text("Kijk in je e-mail")
    assert page.url == f"{site}/inloggen/verstuurd/"
    assert_accessible_in_both_languages(page)

    # The worker delivers the e-mail; its link opens the confirmation page.
    link = signin_link_from_mail(mailbox, site)
    page.goto(link)
    expect(page.locator("main").get_by_role("button", name="Inloggen")).to_be_visible()
    assert_accessible_in_both_languages(page)  # switching keeps the ?sesame= query
    assert page.url == link
    page.locator("main").get_by_role("button", name="Inloggen").click()

    # Home, signed in.
    expect(page.locator("h1")).to_have_text("Hallo Ans")
    assert page.url == f"{site}/"
    assert_accessible(page)

    switch_language(page, "en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Hello Ans")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert_accessible(page)

    # The public pages once more, signed in.
    page.goto(f"{site}/privacy/")
    expect(page.locator("h1")).to_have_text("Privacy statement")
    assert_accessible(page)
    page.goto(f"{site}/")

    # Sign out (in English): back on the sign-in page.
    page.get_by_role("button", name="Sign out").click()
    expect(page.locator("h1")).to_have_text("Welcome to Samenspel")
    expect(page.get_by_role("status")).to_contain_text("You are signed out.")
    expect(page.get_by_role("button", name="Send me a sign-in link")).to_be_visible()
    assert_accessible(page)
    switch_language(page, "nl")
    expect(page.locator("h1")).to_have_text("Welkom bij Samenspel")
    assert_accessible(page)


def test_signin_journey_by_keyboard(page, site, mailbox, celery_worker):
    factories.user(email=EMAIL, naam="Ans Bakker")

    page.goto(f"{site}/")
    assert_accessible_in_both_languages(page, keyboard=True)

    # The skip link is the first thing Tab reaches, and it shows itself on focus.
    first_tabbable = page.evaluate(
        """() => {
          const sel = 'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]),'
            + ' select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
          const el = [...document.querySelectorAll(sel)].find((e) => e.tabIndex >= 0);
          return el && el.className;
        }"""
    )
    assert "utrecht-skip-link" in first_tabbable.split()
    skiplink = page.locator("a.utrecht-skip-link")
    expect(skiplink).not_to_be_in_viewport()  # out of sight until it has focus
    page.keyboard.press("Tab")
    info = assert_focus_visible(page)
    assert info["tag"] == "a" and info["text"] == "Naar de inhoud"
    box = skiplink.bounding_box()
    assert box["width"] > 40 and box["height"] >= 44, box
    expect(skiplink).to_be_in_viewport()

    # Enter on the skip link moves focus to <main id="inhoud">.
    page.keyboard.press("Enter")
    expect(page.locator("main#inhoud")).to_be_focused()

    # From main, Tab passes the list of trajecten (none here: only its link to all of
    # them) and reaches the e-mail field.
    focus_next(page, "input[type=email]", max_tabs=2)
    page.keyboard.type(EMAIL)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Kijk in je e-mail")
    assert_accessible_in_both_languages(page, keyboard=True)

    link = signin_link_from_mail(mailbox, site)
    page.goto(link)
    assert_accessible_in_both_languages(page, keyboard=True)
    info = focus_next(page, "main button[type=submit]")
    assert info["text"] == "Inloggen"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.locator("h1")).to_have_text("Hallo Ans")
    assert_accessible_in_both_languages(page, keyboard=True)
    info = focus_next(page, "form.uitloggen button")
    assert info["text"] == "Uitloggen"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.locator("h1")).to_have_text("Welkom bij Samenspel")
    expect(page.get_by_role("status")).to_contain_text("Je bent uitgelogd.")
    assert focused(page) is None  # a fresh page: focus starts at the top again
    assert_accessible(page)
