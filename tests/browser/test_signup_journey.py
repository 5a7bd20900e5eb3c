"""Signing up for a full traject without an account: the visitor confirms by the link in
the e-mail and lands on the waiting list. A known address gets exactly the same answer.

Every page on the way is checked with axe in Dutch and in English.
"""

import re

import factories
import pytest
from harness import body
from playwright.sync_api import expect

from trajecten.choices import InschrijvingStatus, Rol
from trajecten.models import Inschrijving

from .conftest import assert_accessible, switch_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page, name: str) -> None:
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name=name, exact=True).click()


def confirmation_link_from_mail(mailbox, site: str, email: str) -> str:
    [msg] = mailbox.wait_for(1, timeout=30)
    assert msg["To"] == email
    lines = [line.strip() for line in body(msg).splitlines() if "/aanmelden/bevestigen/" in line]
    assert len(lines) == 1, body(msg)
    assert lines[0].startswith(f"{site}/trajecten/"), lines[0]
    return lines[0]


def fill_in(page, naam: str, email: str) -> None:
    page.get_by_label("Je naam", exact=True).fill(naam)
    page.get_by_label("Je e-mailadres", exact=True).fill(email)
    page.get_by_label(re.compile(r"^Mantelzorger")).check()
    page.get_by_label("Ik ga akkoord met de privacyverklaring.").check()


def test_signup_for_full_traject_lands_on_waiting_list(page, site, mailbox, celery_worker):
    traject = factories.traject(naam="Samen in Zuid", capaciteit=1)
    factories.inschrijving(traject)  # the one place is taken
    url = f"{site}/trajecten/{traject.slug}/aanmelden/"

    # The form, in both languages.
    page.goto(url)
    expect(page.locator("h1")).to_have_text("Aanmelden voor Samen in Zuid")
    assert_accessible(page)
    switch_language(page, "en")
    expect(page.locator("h1")).to_have_text("Sign up for Samen in Zuid")
    assert_accessible(page)

    # An empty form: the error summary, in English and then in Dutch.
    submit(page, "Sign up")
    summary = page.locator(".formulier-fouten")
    expect(summary).to_be_visible()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary).to_contain_text("Something is not right yet. Check:")
    assert_accessible(page)

    switch_language(page, "nl")  # comes back as a fresh (GET) form
    expect(summary).to_have_count(0)
    submit(page, "Aanmelden")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Er gaat nog iets mis. Kijk bij:")
    for label in ("Je naam", "Je e-mailadres", "Hoe doe je mee?"):
        expect(summary.get_by_role("link", name=label, exact=True)).to_be_visible()
    expect(page.locator(".veld__fout").first).to_contain_text("Fout:")
    assert_accessible(page)

    # A link in the summary moves to its field.
    summary.get_by_role("link", name="Je naam", exact=True).click()
    expect(page.get_by_label("Je naam", exact=True)).to_be_focused()

    # Filled in properly: the answer is to look in the e-mail; nothing is taken yet.
    fill_in(page, "Mies de Vries", "mies@voorbeeld.nl")
    submit(page, "Aanmelden")
    # (the fragment from the summary link, #id_naam, survives the POST and its redirect)
    assert page.url.split("#")[0] == f"{site}/trajecten/{traject.slug}/aanmelden/klaar/"
    expect(page.locator("h1")).to_have_text("Kijk in je e-mail")
    assert_accessible(page)
    switch_language(page, "en")
    expect(page.locator("h1")).to_have_text("Check your email")
    assert_accessible(page)
    switch_language(page, "nl")
    assert not Inschrijving.objects.filter(deelnemer__user__email="mies@voorbeeld.nl").exists()

    # The link in the e-mail (sent by the worker over SMTP) shows what was filled in.
    page.goto(confirmation_link_from_mail(mailbox, site, "mies@voorbeeld.nl"))
    expect(page.locator("h1")).to_have_text("Je aanmelding bevestigen")
    expect(page.locator("main")).to_contain_text("Mies de Vries")
    assert_accessible(page)
    switch_language(page, "en")
    assert_accessible(page)
    switch_language(page, "nl")
    assert not Inschrijving.objects.filter(deelnemer__user__email="mies@voorbeeld.nl").exists()

    # The button confirms: full, so on the waiting list at number 1.
    submit(page, "Ja, ik meld me aan")
    expect(page.locator("main")).to_contain_text("Je staat op de wachtlijst, op nummer 1.")
    assert_accessible(page)

    inschrijving = Inschrijving.objects.get(
        traject=traject, deelnemer__user__email="mies@voorbeeld.nl"
    )
    assert inschrijving.status == InschrijvingStatus.WACHTLIJST
    assert inschrijving.wachtlijst_positie == 1
    assert inschrijving.rol == Rol.MANTELZORGER


def test_known_address_sees_exactly_what_a_new_one_sees(page, site):
    traject = factories.traject(naam="Samen in Zuid", capaciteit=5)
    factories.inschrijving(
        traject, deelnemer=factories.deelnemer(email="ans@voorbeeld.nl", naam="Ans Bakker")
    )
    url = f"{site}/trajecten/{traject.slug}/aanmelden/"
    seen = []
    for email in ("ans@voorbeeld.nl", "nieuw@voorbeeld.nl"):
        page.goto(url)
        fill_in(page, "Ans Bakker", email)
        submit(page, "Aanmelden")
        seen.append((page.url, page.title(), page.locator("main").inner_html()))
    assert seen[0] == seen[1]
    assert seen[0][0] == f"{site}/trajecten/{traject.slug}/aanmelden/klaar/"
    assert traject.inschrijvingen.count() == 1


DANGLING_DESCRIBEDBY = """() => [...document.querySelectorAll("[aria-describedby]")]
  .flatMap((el) => el.getAttribute("aria-describedby").split(/\\s+/)
    .filter((id) => id && !document.getElementById(id))
    .map((id) => `${el.id || el.name}: #${id}`))"""


def test_signup_errors_are_tied_to_their_fields(page, site):
    """A screen reader hears a field's error when the field gets focus: every id named in
    aria-describedby exists on the page."""
    traject = factories.traject(capaciteit=1)
    page.goto(f"{site}/trajecten/{traject.slug}/aanmelden/")
    submit(page, "Aanmelden")
    expect(page.locator(".formulier-fouten")).to_be_visible()
    assert page.evaluate(DANGLING_DESCRIBEDBY) == []
