"""On the day of a meeting, in a real browser: the coordinator checks people in on a phone,
and a contribution sent from a participant's phone appears on the live screen.

Every page is checked with axe in Dutch and in English.
"""

import re
from datetime import timedelta

import factories
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bijeenkomsten.models import Aanwezigheid, Agendapunt, Bijdrage
from trajecten.choices import InschrijvingStatus, Rol
from trajecten.models import Inschrijving

from .conftest import assert_accessible, assert_accessible_in_both_languages, log_in, settled

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def meeting(coordinator, *, agenda=()):
    traject = factories.traject(naam="Samenspel Zuid", coordinatoren=[coordinator])
    start = timezone.now().replace(microsecond=0) + timedelta(minutes=5)
    b = factories.bijeenkomst(traject, thema="Kennismaken", start=start)
    for volgorde, titel in enumerate(agenda, start=1):
        Agendapunt.objects.create(bijeenkomst=b, volgorde=volgorde, titel=titel, duur=20)
    return b


def assert_fits_the_screen(page) -> None:
    """Nothing sticks out sideways on a phone (WCAG 1.4.10 reflow)."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"page is {width}px wide"


@pytest.mark.browser_context_args(viewport=PHONE, has_touch=True, is_mobile=True)
def test_coordinator_checks_people_in_on_a_phone(page, site):
    coordinator = factories.user(is_coordinator=True, naam="Carla Coördinator")
    b = meeting(coordinator)
    traject = b.traject
    ans = factories.inschrijving(traject, user=factories.user(naam="Ans Bakker"))
    bo = factories.inschrijving(traject, user=factories.user(naam="Bo de Vries"), rol=Rol.AMBTENAAR)
    factories.inschrijving(traject, user=factories.user(naam="Cas Jansen"))
    log_in(page.context, coordinator, site)

    page.goto(f"{site}/bijeenkomsten/{b.pk}/aanwezigheid/")
    expect(page.locator("h1")).to_have_text("Wie is er?")
    expect(page.locator("#teller")).to_contain_text("Aanwezig: 0 van de 3")
    assert_accessible_in_both_languages(page)
    assert_fits_the_screen(page)

    # Tap a name: present, and the counter follows, without leaving the page.
    page.evaluate("window.zelfdePagina = true")
    knop_ans = page.get_by_role("button", name="Ans Bakker")
    box = knop_ans.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 300, box
    knop_ans.tap()
    expect(knop_ans).to_have_attribute("aria-pressed", "true")
    expect(knop_ans).to_contain_text("Aanwezig")
    expect(page.locator("#teller")).to_contain_text("Aanwezig: 1 van de 3")
    expect(knop_ans).to_be_focused()
    assert page.evaluate("window.zelfdePagina") is True
    assert Aanwezigheid.objects.get(inschrijving=ans, bijeenkomst=b).aanwezig is True
    settled(page)
    assert_accessible(page)

    # Search by name: the list narrows as you type.
    page.get_by_label("Zoek op naam").fill("vries")
    expect(page.locator(".checkin__rij")).to_have_count(1)
    expect(page.locator("#lijst")).to_contain_text("1 persoon gevonden.")
    expect(page).to_have_url(re.compile(r"\?zoek=vries$"))
    knop_bo = page.get_by_role("button", name="Bo de Vries")
    knop_bo.tap()
    expect(knop_bo).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#teller")).to_contain_text("Aanwezig: 2 van de 3")
    assert Aanwezigheid.objects.get(inschrijving=bo, bijeenkomst=b).aanwezig is True
    assert page.evaluate("window.zelfdePagina") is True
    settled(page)
    assert_accessible(page)
    # The search is a plain link too (and so survives switching the language).
    page.goto(f"{site}/bijeenkomsten/{b.pk}/aanwezigheid/?zoek=vries")
    expect(page.locator(".checkin__rij")).to_have_count(1)
    assert_accessible_in_both_languages(page)
    expect(page.locator(".checkin__rij")).to_have_count(1)

    # A mistake: tap again to undo.
    knop_bo = page.get_by_role("button", name="Bo de Vries")
    knop_bo.tap()
    expect(knop_bo).to_have_attribute("aria-pressed", "false")
    expect(page.locator("#teller")).to_contain_text("Aanwezig: 1 van de 3")

    # A walk-in: first forgetting the e-mail address, then right.
    page.get_by_text("Iemand toevoegen die zonder aanmelding komt").tap()
    page.get_by_label("Naam", exact=True).fill("Fatima El Idrissi")
    page.get_by_role("button", name="Toevoegen en aanwezig melden").tap()
    expect(page.get_by_role("alert")).to_contain_text("E-mailadres")
    assert_fits_the_screen(page)
    settled(page)
    assert_accessible(page)
    page.get_by_label("E-mailadres").fill("fatima@voorbeeld.nl")
    page.get_by_label("Hoe doet deze persoon mee?").select_option(Rol.ERVARINGSDESKUNDIGE.value)
    page.get_by_role("button", name="Toevoegen en aanwezig melden").tap()
    expect(page.get_by_role("status").first).to_contain_text(
        "Fatima El Idrissi is ingeschreven en aanwezig gemeld."
    )
    knop_fatima = page.get_by_role("button", name="Fatima El Idrissi")
    expect(knop_fatima).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#teller")).to_contain_text("Aanwezig: 2 van de 4")
    walk_in = Inschrijving.objects.get(deelnemer__user__email="fatima@voorbeeld.nl")
    assert (walk_in.status, walk_in.rol) == (InschrijvingStatus.GEPLAATST, Rol.ERVARINGSDESKUNDIGE)
    assert_accessible_in_both_languages(page)
    assert_fits_the_screen(page)


@pytest.fixture
def phone(browser, browser_context_args):
    """A second browser context: someone at the table, with their own phone."""
    context = browser.new_context(
        **{**browser_context_args, "viewport": PHONE, "has_touch": True, "is_mobile": True}
    )
    yield context.new_page()
    context.close()


def test_contribution_from_a_phone_appears_on_the_live_screen(page, phone, site):
    coordinator = factories.user(is_coordinator=True, naam="Carla Coördinator")
    b = meeting(coordinator, agenda=["Welkom en voorstelronde", "Bouwsteen: omdenken"])
    ans = factories.inschrijving(b.traject, user=factories.user(naam="Ans Bakker")).deelnemer.user

    # The live screen, on the coordinator's laptop (and the projector).
    log_in(page.context, coordinator, site)
    page.goto(f"{site}/bijeenkomsten/{b.pk}/live/")
    expect(page.locator("h1")).to_have_text("Bijeenkomst 1: Kennismaken")
    assert_accessible_in_both_languages(page)
    page.evaluate("window.zelfdePagina = true")

    page.get_by_role("button", name="Begin met: Welkom en voorstelronde").click()
    expect(page.locator("[aria-current=step]")).to_contain_text("Welkom en voorstelronde")
    page.get_by_role("button", name="+1 “Ja maar”").click()
    expect(page.locator("#stand")).to_contain_text("1 keer “Ja maar”")
    page.get_by_role("button", name="Start de brainstorm").click()
    expect(page.get_by_role("timer")).to_have_text(re.compile(r"^(20:00|19:5\d)$"))
    settled(page)
    assert_accessible(page)

    # A participant on a phone, in a second browser context.
    log_in(phone.context, ans, site)
    adres = page.locator(".live__adres a").get_attribute("href")
    assert adres == f"{site}/bijeenkomsten/{b.pk}/inbreng/"
    phone.goto(adres)
    expect(phone.locator("h1")).to_have_text("Jouw inbreng")
    assert_accessible_in_both_languages(phone)

    phone.get_by_label("Idee: iets wat we kunnen doen of proberen").check()
    phone.get_by_label("Je inbreng").fill("Elke woensdag samen soep koken")
    phone.get_by_label("Toon mijn voornaam (Ans) bij mijn inbreng").check()
    phone.get_by_role("button", name="Versturen").tap()
    expect(phone.get_by_role("status")).to_contain_text("We hebben je inbreng ontvangen.")
    expect(phone.get_by_label("Je inbreng")).to_have_value("")
    settled(phone)
    assert_accessible(phone)

    # It appears on the live screen within seconds, without reloading it.
    bijdragen = page.locator("#bijdragen")
    expect(bijdragen).to_contain_text("Elke woensdag samen soep koken", timeout=10_000)
    expect(bijdragen).to_contain_text("– Ans")
    assert page.evaluate("window.zelfdePagina") is True

    # A second one, anonymous (the default).
    phone.get_by_label("Toon mijn voornaam (Ans) bij mijn inbreng").uncheck()
    phone.get_by_label("Fluitend naar huis: waar je blij of hoopvol van wordt").check()
    phone.get_by_label("Je inbreng").fill("Ik ga fluitend naar huis")
    phone.get_by_role("button", name="Versturen").tap()
    expect(phone.get_by_role("status")).to_contain_text("We hebben je inbreng ontvangen.")
    expect(bijdragen).to_contain_text("Ik ga fluitend naar huis", timeout=10_000)
    expect(bijdragen.locator(".live__door")).to_have_count(1)
    assert Bijdrage.objects.filter(door=ans).count() == 2

    # The coordinator takes one off the screen.
    page.get_by_role(
        "button", name=re.compile(r"^Verberg\W+Elke woensdag samen soep koken$")
    ).click()
    expect(bijdragen).not_to_contain_text("Elke woensdag samen soep koken")
    expect(bijdragen).to_contain_text("Ik ga fluitend naar huis")
    assert page.evaluate("window.zelfdePagina") is True
    settled(page)
    assert_accessible_in_both_languages(page)


@pytest.mark.browser_context_args(viewport=PHONE, has_touch=True, is_mobile=True)
def test_walk_in_over_capacity_is_warned_then_added_on_a_phone(page, context, site):
    coordinator = factories.user(is_coordinator=True, naam="Carla Coördinator")
    b = meeting(coordinator)
    traject = b.traject
    traject.capaciteit = 1
    traject.save()
    factories.inschrijving(traject, user=factories.user(naam="Ans Bakker"))
    log_in(context, coordinator, site)
    page.goto(f"{site}/bijeenkomsten/{b.pk}/aanwezigheid/")
    page.get_by_text("Iemand toevoegen die zonder aanmelding komt").click()
    page.get_by_label("Naam", exact=True).fill("Fatima El Idrissi")
    page.get_by_label("E-mailadres", exact=True).fill("fatima@voorbeeld.nl")
    page.get_by_label("Hoe doet deze persoon mee?").select_option(Rol.MANTELZORGER)
    with page.expect_navigation():
        page.get_by_role("button", name="Toevoegen en aanwezig melden").click()

    warning = page.get_by_role("alert")
    expect(warning).to_contain_text("Het traject is vol: de enige plek is bezet.")
    expect(page.get_by_label("Naam", exact=True)).to_have_value("Fatima El Idrissi")
    assert_fits_the_screen(page)
    assert_accessible(page)
    assert not Inschrijving.objects.filter(deelnemer__user__email="fatima@voorbeeld.nl").exists()

    with page.expect_navigation():
        page.get_by_role("button", name="Ja, toch toevoegen").click()
    expect(page.locator("main")).to_contain_text(
        "Fatima El Idrissi is ingeschreven en aanwezig gemeld."
    )
    inschrijving = Inschrijving.objects.get(deelnemer__user__email="fatima@voorbeeld.nl")
    assert inschrijving.status == InschrijvingStatus.GEPLAATST
    assert Aanwezigheid.objects.get(bijeenkomst=b, inschrijving=inschrijving).aanwezig is True


@pytest.mark.browser_context_args(viewport=PHONE, has_touch=True, is_mobile=True)
def test_walk_in_of_an_address_known_elsewhere_shows_only_what_was_typed(page, context, site):
    elders = factories.traject(naam="Traject Elders")
    factories.inschrijving(
        elders,
        user=factories.user(naam="Anna Andersson", email="anna@voorbeeld.nl"),
        telefoon="0612345678",
    )
    coordinator = factories.user(is_coordinator=True, naam="Bea Coördinator")
    b = meeting(coordinator)
    log_in(context, coordinator, site)
    page.goto(f"{site}/bijeenkomsten/{b.pk}/aanwezigheid/")
    page.get_by_text("Iemand toevoegen die zonder aanmelding komt").click()
    page.get_by_label("Naam", exact=True).fill("A. Nieuw")
    page.get_by_label("E-mailadres", exact=True).fill("anna@voorbeeld.nl")
    page.get_by_label("Hoe doet deze persoon mee?").select_option(Rol.MANTELZORGER)
    with page.expect_navigation():
        page.get_by_role("button", name="Toevoegen en aanwezig melden").click()
    main = page.locator("main")
    expect(main).to_contain_text("A. Nieuw is ingeschreven en aanwezig gemeld.")
    assert "Andersson" not in main.inner_text()
    assert_fits_the_screen(page)
    assert_accessible(page)

    page.goto(f"{site}/trajecten/{b.traject.slug}/deelnemers/")
    text = page.locator("main").inner_text()
    assert "A. Nieuw" in text
    assert ("Andersson" in text, "0612345678" in text) == (False, False)
    assert_accessible(page)
