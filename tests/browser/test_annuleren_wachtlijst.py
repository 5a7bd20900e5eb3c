"""Pages changed for trust: cancelling a meeting with a reason (by keyboard), the kind
page for people on the waiting list, a started meeting without "Kom je?", and the page
title. Each checked with axe in Dutch and English, on a phone and a desktop."""

from datetime import timedelta

import factories
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bijeenkomsten.models import Bijeenkomst
from trajecten.choices import InschrijvingStatus

from .conftest import assert_accessible_in_both_languages, focus_next, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"telefoon": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def _meeting(traject, *, days: float = 7) -> Bijeenkomst:
    start = timezone.now() + timedelta(days=days)
    return factories.bijeenkomst(traject, start=start, plaats="Buurthuis De Kom")


def _on_both_sizes(page, tmp_path, name: str) -> None:
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        page.screenshot(path=tmp_path / f"{name}-{size}.png", full_page=True)
    page.set_viewport_size(SIZES["desktop"])


def test_coordinator_cancels_with_a_reason_by_keyboard(page, site, tmp_path):
    coordinator = factories.user(naam="Carla Coördinator", is_coordinator=True)
    traject = factories.traject(naam="Samen in Zuid", coordinatoren=[coordinator])
    b = _meeting(traject)
    log_in(page.context, coordinator, site)
    page.goto(f"{site}/bijeenkomsten/{b.pk}/annuleren/")
    expect(page).to_have_title("Bijeenkomst annuleren – Samenspel")
    expect(page.get_by_label("Reden (niet verplicht)")).to_be_visible()
    assert_accessible_in_both_languages(page)
    _on_both_sizes(page, tmp_path, "annuleren")

    focus_next(page, "#id_reden")
    page.keyboard.type("De zaal is die avond niet beschikbaar.")
    focus_next(page, "button[type=submit].utrecht-button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".meldingen")).to_contain_text("De bijeenkomst is geannuleerd.")
    b.refresh_from_db()
    assert (b.status, b.annuleringsreden) == (
        "geannuleerd",
        "De zaal is die avond niet beschikbaar.",
    )


def test_waiting_list_sees_a_kind_page(page, site, tmp_path):
    traject = factories.traject(naam="Samen in Zuid", capaciteit=1, aanbod_uren=48)
    factories.inschrijving(traject)
    wachtend = factories.inschrijving(traject, status=InschrijvingStatus.WACHTLIJST)
    b = _meeting(traject)
    log_in(page.context, wachtend.deelnemer.user, site)
    page.goto(f"{site}/bijeenkomsten/{b.pk}/")
    expect(page).to_have_title("Je staat op de wachtlijst – Samen in Zuid – Samenspel")
    expect(page.get_by_role("heading", level=1)).to_have_text("Je staat op de wachtlijst")
    expect(page.locator("main")).to_contain_text("Je staat op de wachtlijst, op nummer 1.")
    expect(page.locator("main")).not_to_contain_text("Buurthuis De Kom")
    assert_accessible_in_both_languages(page)
    _on_both_sizes(page, tmp_path, "wachtlijst")


def test_started_meeting_has_no_kom_je(page, site, tmp_path):
    traject = factories.traject(naam="Samen in Zuid")
    mijn = factories.inschrijving(traject)
    b = _meeting(traject, days=-1 / 24)
    log_in(page.context, mijn.deelnemer.user, site)
    page.goto(f"{site}/bijeenkomsten/{b.pk}/")
    expect(page).to_have_title("Bijeenkomst 1 – Samen in Zuid – Samenspel")
    expect(page.get_by_role("heading", name="Kom je?")).to_have_count(0)
    expect(page.get_by_role("link", name="Hoe was het? Vul de evaluatie in")).to_be_visible()
    assert_accessible_in_both_languages(page)
    _on_both_sizes(page, tmp_path, "begonnen")
    print(f"screenshots in {tmp_path}")
