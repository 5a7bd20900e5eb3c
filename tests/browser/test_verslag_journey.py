"""Evaluations and reports in a real browser: a participant fills the evaluation; a
coordinator builds a report (and sees its progress), writes the narrative and publishes
it; the participant reads it and downloads the PDF.

Every page is checked with axe in Dutch and in English.
"""

import contextlib
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader
from verslag_data import seed_meeting

from verslagen.models import Evaluatie, Verslag

from .conftest import assert_accessible, assert_accessible_in_both_languages, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page, name: str) -> None:
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name=name, exact=True).click()


@contextlib.contextmanager
def worker():
    """A real worker started only now, so that what was queued before it is shown as
    waiting first (the ``celery_worker`` fixture would empty the queue when it starts)."""
    from celery.contrib.testing.worker import start_worker

    from samenspel.celery import app

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield


def test_participant_fills_the_evaluation(page, site):
    s = seed_meeting(evaluaties=0)
    person = s.people[0]
    log_in(page.context, person.deelnemer.user, site)
    page.goto(f"{site}{s.bijeenkomst.get_absolute_url()}")
    with page.expect_navigation():
        page.get_by_role("link", name="Hoe was het? Vul de evaluatie in").click()
    expect(page.locator("h1")).to_have_text("Hoe was bijeenkomst 1?")
    assert_accessible_in_both_languages(page)

    submit(page, "Evaluatie opslaan")
    summary = page.locator(".formulier-fouten")
    expect(summary.get_by_role("link")).to_have_count(4)
    assert_accessible(page)

    for stelling, antwoord in (
        ("De bijeenkomst leverde iets op.", "Wel"),
        ("Iedereen kon zeggen wat hij of zij dacht.", "Helemaal wel"),
        ("Iedereen werd eerlijk en gelijk behandeld.", "Een beetje"),
        ("Iedereen deed actief mee.", "Wel"),
    ):
        page.get_by_role("group", name=stelling).get_by_label(antwoord, exact=True).check()
    page.get_by_label("Wat werkte goed?").fill("De kleine groepen.")
    submit(page, "Evaluatie opslaan")
    expect(page.locator(".meldingen")).to_have_text("Bedankt! Je evaluatie is opgeslagen.")
    expect(
        page.get_by_role("group", name="Iedereen deed actief mee.").get_by_label("Wel", exact=True)
    ).to_be_checked()
    assert_accessible_in_both_languages(page)
    e = Evaluatie.objects.get()
    assert (e.doelmatigheid, e.open, e.eerlijk, e.inzet) == (4, 5, 3, 4)


def test_coordinator_publishes_and_participant_downloads(page, site, mailbox, tmp_path):
    s = seed_meeting()
    log_in(page.context, s.coordinator, site)
    url = f"{site}/bijeenkomsten/{s.bijeenkomst.pk}/verslag/"
    page.goto(url)
    expect(page.locator("h1")).to_have_text("Verslag van bijeenkomst 1")
    assert_accessible_in_both_languages(page)

    # The request waits in the queue until a worker runs: the page shows it.
    page.get_by_role("button", name="Maak verslag").click()
    expect(page.locator("#opdracht")).to_contain_text("Het verslag staat in de wachtrij.")
    expect(page.locator("#opdracht progress")).to_be_visible()
    assert_accessible(page)
    with worker():
        # The fragment polls every 2 s; when the build is done the page reloads.
        expect(page.locator("#opdracht")).to_contain_text(
            "Klaar: versie 1 is gemaakt.", timeout=60_000
        )
        expect(page.locator("article.verslag")).to_contain_text("Samen kom je verder.")
        expect(page.get_by_role("heading", name="Concept: versie 1")).to_be_visible()
        assert_accessible_in_both_languages(page)

        with page.expect_navigation():
            page.get_by_role("link", name="Verhaal schrijven").click()
        assert_accessible_in_both_languages(page)
        page.get_by_label("Verhaal").fill("## Terugblik\n\nEen **warme** avond in De Pijp.")
        submit(page, "Verhaal opslaan")
        expect(page.locator(".meldingen")).to_have_text("Het verhaal is opgeslagen.")
        expect(page.get_by_role("heading", name="Terugblik")).to_be_visible()

        submit(page, "Deel dit verslag met de deelnemers")
        expect(page.locator(".meldingen")).to_have_text(
            "Het verslag is gedeeld. De deelnemers krijgen een e-mail."
        )
        assert_accessible_in_both_languages(page)
        mailbox.wait_for(len(s.people), timeout=30)
    assert Verslag.objects.get().gepubliceerd.nummer == 1

    # A participant reads it and downloads the PDF.
    page.context.clear_cookies()
    log_in(page.context, s.people[0].deelnemer.user, site)
    page.goto(url)
    expect(page.get_by_role("heading", name="Terugblik")).to_be_visible()
    expect(page.locator("article.verslag")).to_contain_text("Samen kom je verder.")
    expect(page.get_by_role("button", name="Maak verslag")).to_have_count(0)
    assert_accessible_in_both_languages(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download het verslag als PDF").click()
    download = download_info.value
    assert download.suggested_filename == f"verslag-{s.traject.slug}-bijeenkomst-1-v1.pdf"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(Path(path).read_bytes())).pages)
    assert "Een warme avond in De Pijp." in text
    assert "Samen kom je verder." in text


@pytest.mark.browser_context_args(java_script_enabled=False)
def test_building_works_without_javascript(page, site):
    s = seed_meeting()
    log_in(page.context, s.coordinator, site)
    page.goto(f"{site}/bijeenkomsten/{s.bijeenkomst.pk}/verslag/")
    submit(page, "Maak verslag")
    expect(page.locator(".meldingen")).to_have_text("Het verslag wordt gemaakt.")
    expect(page.locator("#opdracht")).to_contain_text("Het verslag staat in de wachtrij.")
    with worker():
        for _ in range(60):
            with page.expect_navigation():
                page.get_by_role("link", name="Vernieuwen").click()
            if page.locator("#opdracht").get_by_text("Klaar: versie 1 is gemaakt.").count():
                break
            page.wait_for_timeout(500)
    expect(page.locator("#opdracht")).to_contain_text("Klaar: versie 1 is gemaakt.")
    expect(page.locator("article.verslag")).to_contain_text("Samen kom je verder.")
