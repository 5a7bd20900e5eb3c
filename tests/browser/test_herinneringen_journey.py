"""E-mails in a real browser: a person on the waiting list takes an offered seat by the
link in the e-mail (without signing in), a participant chooses which e-mails they want
(and unsubscribes with one click), and a coordinator reads the log of sent e-mails.

Every page on the way is checked with axe in Dutch and in English.
"""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import factories
import pytest
from django.core import mail
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import time as time_filter
from django.utils import timezone, translation
from playwright.sync_api import expect

from berichten import sending as verzenden
from berichten.choices import VerzendStatus
from berichten.messages import unsubscribe_token
from berichten.models import Verzending
from bijeenkomsten.choices import Bericht as BijeenkomstBericht
from samenspel.models import User
from trajecten import messages as trajecten_messages
from trajecten import services as trajecten_services
from trajecten.choices import Bericht as TrajectBericht
from trajecten.choices import InschrijvingStatus
from trajecten.models import Inschrijving
from trajecten.offer_links import deadline

from .conftest import (
    assert_accessible,
    assert_accessible_in_both_languages,
    log_in,
    switch_language,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AMS = ZoneInfo("Europe/Amsterdam")
OFFER_LINK = re.compile(r"https?://\S+/trajecten/aanbod/[^/\s]+/")


def submit(page, name) -> None:
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name=name).click()


def follow(page, name) -> None:
    with page.expect_navigation():
        page.locator("main").get_by_role("link", name=name).click()


# --- 1. An offered seat, accepted by the link in the e-mail ---------------------------------


def _send_offers() -> dict[str, str]:
    """Send the queued offer e-mails (the chunk tasks, called directly); returns the link
    from each message's text body by recipient."""
    for claim in (
        Verzending.objects.filter(doel=TrajectBericht.AANBOD, status=VerzendStatus.GECLAIMD)
        .values_list("claim", flat=True)
        .distinct()
    ):
        verzenden.send_chunk(str(claim))
    links = {}
    for message in mail.outbox:
        found = OFFER_LINK.search(message.body)
        assert found, f"no offer link in the e-mail to {message.to}:\n{message.body}"
        links[message.to[0]] = found.group(0)
    return links


def test_offered_seat_accepted_by_link_from_the_email(page, site):
    traject = factories.traject(naam="Samen in Noord", capaciteit=2, aanbod_uren=48)
    leaving = [factories.inschrijving(traject) for _ in range(2)]
    anna = factories.inschrijving(
        traject,
        status=InschrijvingStatus.WACHTLIJST,
        user=factories.user(naam="Anna Aanbod", email="anna@voorbeeld.nl"),
    )
    bram = factories.inschrijving(
        traject,
        status=InschrijvingStatus.WACHTLIJST,
        user=factories.user(naam="Bram Bod", email="bram@voorbeeld.nl"),
    )
    for inschrijving in leaving:
        trajecten_services.withdraw(inschrijving=inschrijving)
    for inschrijving in (anna, bram):
        inschrijving.refresh_from_db()
        assert inschrijving.status == InschrijvingStatus.AANGEBODEN
        trajecten_messages.notify_offer(inschrijving)
    links = _send_offers()
    assert sorted(links) == ["anna@voorbeeld.nl", "bram@voorbeeld.nl"]
    assert all(link.startswith(f"{site}/trajecten/aanbod/") for link in links.values())

    # Anna opens the link from her e-mail: no need to sign in.
    link = links["anna@voorbeeld.nl"]
    page.goto(link)
    assert page.url == link
    expect(page.locator("h1")).to_have_text("Een plek voor jou")
    main = page.locator("main")
    expect(main).to_contain_text("Er is een plek vrij bij Samen in Noord. Wil je die plek?")
    uiterlijk = timezone.localtime(deadline(anna), AMS)
    with translation.override("nl"):
        datum, tijd = date_filter(uiterlijk, "l j F"), time_filter(uiterlijk, "H:i")
    expect(main).to_contain_text(f"Zeg het vóór {datum} om {tijd}.")
    expect(main.get_by_role("button", name="Nee, dank je")).to_be_visible()
    assert_accessible_in_both_languages(page)

    submit(page, "Ja, ik doe mee")
    expect(page.locator(".utrecht-alert--ok")).to_have_text(
        "Fijn! Je hebt nu een plek bij Samen in Noord."
    )
    assert_accessible(page)
    anna.refresh_from_db()
    assert anna.status == InschrijvingStatus.GEPLAATST

    # The link is used up: opening it again says the offer no longer applies.
    response = page.goto(link)
    assert response.status == 410
    expect(page.locator("h1")).to_have_text("Een plek voor jou")
    expect(page.locator("main")).to_contain_text("Dit aanbod geldt niet meer.")
    expect(page.locator("main").get_by_role("button")).to_have_count(0)
    assert_accessible_in_both_languages(page)
    anna.refresh_from_db()
    assert anna.status == InschrijvingStatus.GEPLAATST

    # Bram answers in English (the confirmation is only shown after the POST).
    page.goto(links["bram@voorbeeld.nl"])
    switch_language(page, "en")
    with page.expect_navigation():
        page.locator("main button[name='antwoord'][value='ja']").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".utrecht-alert--ok")).to_contain_text("Samen in Noord")
    assert_accessible(page)
    bram.refresh_from_db()
    assert bram.status == InschrijvingStatus.GEPLAATST
    assert Inschrijving.objects.filter(traject=traject, status="geplaatst").count() == 2


# --- 2. Which e-mails: the preferences page and one-click unsubscribe ----------------------


def test_participant_chooses_emails_and_unsubscribes_with_one_click(page, site):
    traject = factories.traject(naam="Samen in Oost")
    mies = factories.inschrijving(traject, user=factories.user(naam="Mies de Vries"))
    user = mies.deelnemer.user
    log_in(page.context, user, site)

    # Mijn gegevens, from the header.
    page.goto(f"{site}/")
    with page.expect_navigation():
        page.locator("nav").get_by_role("link", name="Mijn gegevens").click()
    assert page.url == f"{site}/mijn-gegevens/"
    expect(page.locator("h1")).to_have_text("Mijn gegevens")
    assert_accessible_in_both_languages(page)

    follow(page, "Welke e-mails wil je?")
    assert page.url == f"{site}/mijn-gegevens/e-mails/"
    expect(page.locator("h1")).to_have_text("Welke e-mails wil je?")
    assert_accessible_in_both_languages(page)

    keuzes = page.get_by_role("group", name="Stuur mij:")
    herinneringen = keuzes.get_by_label("Herinneringen aan bijeenkomsten", exact=True)
    expect(herinneringen).to_be_checked()
    expect(
        keuzes.get_by_label("Herinneringen als ik in een voorbereidingsgroep zit")
    ).to_be_checked()
    expect(keuzes.get_by_label("De vraag hoe een bijeenkomst was")).to_be_checked()
    herinneringen.uncheck()
    submit(page, "Opslaan")

    assert page.url == f"{site}/mijn-gegevens/e-mails/"
    expect(page.locator(".meldingen")).to_contain_text("Je keuzes zijn opgeslagen.")
    expect(
        page.get_by_role("group", name="Stuur mij:").get_by_label(
            "Herinneringen aan bijeenkomsten", exact=True
        )
    ).not_to_be_checked()
    assert_accessible_in_both_languages(page)
    user.refresh_from_db()
    assert user.wil_herinneringen is False
    assert user.wil_voorbereiding_herinneringen is True
    assert user.wil_evaluatie_verzoeken is True
    assert user.taal == "nl"

    # The one-click link from another participant's reminder e-mail, without signing in.
    page.context.clear_cookies()
    vera = factories.user(naam="Vera Veenstra")
    factories.inschrijving(traject, user=vera)
    url = f"{site}/afmelden/{unsubscribe_token(vera, 'herinnering')}/"
    page.goto(url)
    expect(page.locator("h1")).to_have_text("Afmelden voor e-mails")
    expect(page.locator("main")).to_contain_text(
        "Wil je geen herinneringen aan bijeenkomsten meer krijgen?"
    )
    expect(page.locator("main").get_by_role("button", name="Ja, meld mij af")).to_be_visible()
    assert_accessible_in_both_languages(page)
    vera.refresh_from_db()
    assert vera.wil_herinneringen is True  # opening the link (a mail scanner) changes nothing

    submit(page, "Ja, meld mij af")
    expect(page.locator(".utrecht-alert--ok")).to_have_text(
        "Gelukt. Je krijgt deze e-mails niet meer."
    )
    assert_accessible(page)
    vera.refresh_from_db()
    assert vera.wil_herinneringen is False
    assert vera.wil_voorbereiding_herinneringen is True
    assert vera.wil_evaluatie_verzoeken is True

    # In English: the page (a GET) shows the button again; pressing it once more is harmless.
    switch_language(page, "en")
    assert page.url == url
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("main").get_by_role("button").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".utrecht-alert--ok")).to_be_visible()
    assert_accessible(page)
    assert User.objects.get(pk=vera.pk).wil_herinneringen is False


# --- 3. The coordinator's log of sent e-mails ----------------------------------------------


def test_coordinator_reads_the_log_of_sent_emails(page, site):
    coordinator = factories.user(naam="Carla Coördinator", is_coordinator=True)
    traject = factories.traject(naam="Samen in Zuid", coordinatoren=[coordinator])
    start = datetime(2027, 3, 4, 14, 0, tzinfo=AMS)
    b = factories.bijeenkomst(traject, start=start)
    people = [
        factories.inschrijving(traject, user=factories.user(naam=naam)).deelnemer.user
        for naam in ("Mies de Vries", "Wim Weg", "Otto Overgeslagen")
    ]
    sent_at = datetime(2027, 2, 26, 14, 0, tzinfo=AMS)
    for user, status, fout in [
        (people[0], VerzendStatus.VERZONDEN, ""),
        (people[1], VerzendStatus.MISLUKT, "550 5.1.1 Onbekend adres"),
        (people[2], VerzendStatus.OVERGESLAGEN, ""),
    ]:
        Verzending.objects.create(
            ontvanger=user,
            traject=traject,
            bijeenkomst=b,
            doel=BijeenkomstBericht.HERINNERING,
            sleutel=f"{b.pk}:test",
            status=status,
            geclaimd_op=sent_at,
            verzonden_op=sent_at if status == VerzendStatus.VERZONDEN else None,
            fout=fout,
        )
    log_in(page.context, coordinator, site)

    page.goto(f"{site}/trajecten/{traject.slug}/")
    expect(page.locator("h1")).to_have_text("Samen in Zuid")
    assert_accessible_in_both_languages(page)

    follow(page, "Verstuurde e-mails")
    assert page.url == f"{site}/trajecten/{traject.slug}/berichten/"
    expect(page.locator("h1")).to_have_text("Verstuurde e-mails")
    expect(page.locator(".utrecht-alert--error")).to_contain_text(
        "1 e-mail kon niet worden verstuurd."
    )
    rows = page.locator("table.utrecht-table tbody tr")
    expect(rows).to_have_count(3)
    for name, status in [
        ("Mies de Vries", "Verstuurd"),
        ("Wim Weg", "Mislukt"),
        ("Otto Overgeslagen", "Niet meer nodig"),
    ]:
        row = rows.filter(has_text=name)
        expect(row).to_have_count(1)
        expect(row).to_contain_text("Herinnering aan een bijeenkomst")
        expect(row.locator("td").nth(3)).to_have_text(status)
    expect(rows.filter(has_text="Wim Weg")).to_contain_text("550 5.1.1 Onbekend adres")
    expect(rows.filter(has_text="Mies de Vries")).to_contain_text("26 Feb 2027 14:00")
    assert_accessible_in_both_languages(page)

    # Only the failures.
    page.locator("main").get_by_label("Status", exact=True).select_option("mislukt")
    submit(page, "Toon")
    assert page.url == f"{site}/trajecten/{traject.slug}/berichten/?status=mislukt"
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Wim Weg")
    expect(rows.first).to_contain_text("550 5.1.1 Onbekend adres")
    expect(page.locator("main").get_by_label("Status", exact=True)).to_have_value("mislukt")
    assert_accessible_in_both_languages(page)
