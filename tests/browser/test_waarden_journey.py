"""The values board in a real browser: a participant chooses core values and adds a quote,
and the heat map and the list of shared values follow; a coordinator hides a quote; a
manager sees the figures only.

Every page is checked with axe in Dutch and in English.
"""

from datetime import timedelta

import factories
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from trajecten.choices import Rol
from waarden import services
from waarden.catalogue import ensure_catalogue
from waarden.models import Citaat, Onderschrijving, Waarde

from .conftest import assert_accessible, assert_accessible_in_both_languages, log_in, settled

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page, name: str) -> None:
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name=name, exact=True).click()


def waarde(slug: str) -> Waarde:
    return Waarde.objects.get(slug=slug, traject__isnull=True)


def board():
    """A traject with the twelve values on its board and five people at the table: formeel 2,
    informeel 2 (Anna and Bo), ervaringsdeskundige 1. One formal person and the expert by
    experience chose respect."""
    ensure_catalogue(Waarde)  # a transactional test before may have emptied the tables
    coordinator = factories.user(naam="Carla Coördinator", is_coordinator=True)
    traject = factories.traject(naam="Samen in Zuid", coordinatoren=[coordinator])
    services.set_bord(
        traject=traject, waarden=Waarde.objects.filter(traject__isnull=True), drempel=30
    )
    anna = factories.inschrijving(traject, user=factories.user(naam="Anna de Wit"))
    bo = factories.inschrijving(
        traject, user=factories.user(naam="Bo Jansen"), rol=Rol.MANTELZORGER
    )
    f1 = factories.inschrijving(traject, rol=Rol.BEROEPSKRACHT)
    factories.inschrijving(traject, rol=Rol.AMBTENAAR)
    e1 = factories.inschrijving(traject, rol=Rol.ERVARINGSDESKUNDIGE)
    for i in (f1, e1):
        services.set_endorsement(inschrijving=i, waarde=waarde("respect"), aan=True)
    start = timezone.now().replace(microsecond=0) - timedelta(hours=1)
    factories.bijeenkomst(traject, thema="Kennismaken", start=start)
    return traject, coordinator, anna, bo


def heat_row(page, titel: str):
    return page.locator("table.heatmap tbody tr").filter(
        has=page.get_by_role("rowheader").filter(has_text=titel)
    )


def test_participant_endorses_values_and_adds_a_quote(page, site):
    traject, _, anna, _ = board()
    log_in(page.context, anna.deelnemer.user, site)
    url = f"{site}/trajecten/{traject.slug}/waarden/"

    page.goto(url)
    expect(page.locator("h1")).to_have_text("Gedeelde waarden")
    # So few people per background: Anna sees no exact figures (coordinators do).
    expect(heat_row(page, "Respect").locator("td")).to_have_text(["< 5", "< 5", "< 5"])
    expect(page.locator("main")).to_contain_text("Er zijn nog geen gedeelde waarden.")
    expect(page.locator("ul.gedeeld")).to_have_count(0)
    assert_accessible_in_both_languages(page)

    # Respect becomes one of Anna's core values: half of the informal people now, so it is
    # shared; the page is not reloaded and the focus stays on the button.
    page.evaluate("window.zelfdePagina = true")
    respect = page.get_by_role("button", name="Mijn kernwaarde: Respect")
    expect(respect).to_have_attribute("aria-pressed", "false")
    respect.click()
    status = page.locator("#bord-melding")
    expect(status).to_have_text("Respect is nu een van je kernwaarden. Je hebt er 1 van de 5.")
    expect(respect).to_have_attribute("aria-pressed", "true")
    expect(respect).to_be_focused()
    expect(heat_row(page, "Respect").locator("td")).to_have_text(["< 5", "< 5", "< 5"])
    expect(heat_row(page, "Respect").locator("td").nth(1)).to_have_class("heat heat-onbekend")
    expect(page.locator("ul.gedeeld li")).to_have_text(["Respect"])
    expect(page.get_by_role("rowheader", name="Respect gedeeld")).to_be_visible()
    assert page.evaluate("window.zelfdePagina") is True
    settled(page)
    assert_accessible(page)

    # Up to five; the sixth is refused with a clear message.
    for naam in ("Warmte", "Openheid", "Zelfregie", "Veiligheid"):
        page.get_by_role("button", name=f"Mijn kernwaarde: {naam}").click()
        expect(status).to_contain_text(f"{naam} is nu een van je kernwaarden.")
    expect(status).to_contain_text("Je hebt er 5 van de 5.")
    page.get_by_role("button", name="Mijn kernwaarde: Creatief").click()
    expect(status).to_have_text(
        "Je hebt al 5 kernwaarden gekozen. Haal er eerst een weg als je deze wilt kiezen."
    )
    expect(page.get_by_role("button", name="Mijn kernwaarde: Creatief")).to_have_attribute(
        "aria-pressed", "false"
    )
    settled(page)
    assert_accessible(page)

    # Anna changes her mind: warmth off, creativity on.
    page.get_by_role("button", name="Mijn kernwaarde: Warmte").click()
    expect(status).to_have_text("Warmte is geen kernwaarde meer van je. Je hebt er 4 van de 5.")
    expect(heat_row(page, "Warmte").locator("td")).to_have_text(["< 5", "< 5", "< 5"])
    page.get_by_role("button", name="Mijn kernwaarde: Creatief").click()
    expect(status).to_contain_text("Creatief is nu een van je kernwaarden.")
    assert set(
        Onderschrijving.objects.filter(inschrijving=anna).values_list("waarde__slug", flat=True)
    ) == {"respect", "openheid", "zelfregie", "veiligheid", "creatief"}

    # A quote: first without text (the error summary), then properly, with her first name.
    submit(page, "Citaat toevoegen")
    summary = page.locator(".formulier-fouten")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link", name="Wat werd er gezegd?")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Bij welke waarde past het?").select_option(label="Respect")
    page.get_by_label("Wat werd er gezegd?").fill("Hier luisteren we echt naar elkaar.")
    page.get_by_label("In welke bijeenkomst?").select_option(label="Bijeenkomst 1: Kennismaken")
    page.get_by_label("Toon mijn voornaam (Anna) bij het citaat.").check()
    submit(page, "Citaat toevoegen")
    expect(page.locator(".meldingen")).to_have_text("Dank je wel! Je citaat staat op het bord.")
    kaart = page.locator(f"#waarde-{waarde('respect').pk}")
    expect(kaart.locator(".citaat__tekst")).to_have_text("Hier luisteren we echt naar elkaar.")
    expect(kaart.locator(".citaat__bron")).to_have_text("– Anna, bijeenkomst 1")
    assert_accessible_in_both_languages(page)


@pytest.mark.browser_context_args(java_script_enabled=False)
def test_choosing_a_value_works_without_javascript(page, site):
    traject, _, anna, _ = board()
    log_in(page.context, anna.deelnemer.user, site)
    page.goto(f"{site}/trajecten/{traject.slug}/waarden/")
    submit(page, "Mijn kernwaarde: Respect")
    assert page.url == f"{site}/trajecten/{traject.slug}/waarden/#waarde-{waarde('respect').pk}"
    expect(page.locator(".meldingen")).to_have_text(
        "Respect is nu een van je kernwaarden. Je hebt er 1 van de 5."
    )
    expect(page.get_by_role("button", name="Mijn kernwaarde: Respect")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.locator("ul.gedeeld li")).to_have_text(["Respect"])


def test_coordinator_hides_a_quote(page, site):
    traject, coordinator, anna, bo = board()
    services.add_citaat(
        inschrijving=anna, waarde=waarde("respect"), tekst="Dit mag iedereen lezen."
    )
    services.add_citaat(
        inschrijving=bo, waarde=waarde("respect"), tekst="Dit is te persoonlijk.", toon_naam=True
    )
    url = f"{site}/trajecten/{traject.slug}/waarden/"
    log_in(page.context, coordinator, site)
    page.goto(url)
    expect(page.locator(".citaat__tekst")).to_have_text(
        ["Dit mag iedereen lezen.", "Dit is te persoonlijk."]
    )
    assert_accessible_in_both_languages(page)

    submit(page, "Verbergen: Dit is te persoonlijk.")
    expect(page.locator(".meldingen")).to_have_text(
        "Het citaat is verborgen. Alleen coördinatoren zien het nog."
    )
    verborgen = page.locator(".citaat--verborgen")
    expect(verborgen).to_contain_text("Dit is te persoonlijk.")
    expect(verborgen).to_contain_text("Verborgen: alleen coördinatoren zien dit citaat.")
    expect(
        verborgen.get_by_role("button", name="Weer tonen: Dit is te persoonlijk.")
    ).to_be_visible()
    assert_accessible_in_both_languages(page)
    assert Citaat.objects.get(tekst="Dit is te persoonlijk.").verborgen is True

    # Anna does not see it any more.
    page.context.clear_cookies()
    log_in(page.context, anna.deelnemer.user, site)
    page.goto(url)
    expect(page.locator(".citaat__tekst")).to_have_text(["Dit mag iedereen lezen."])
    expect(page.locator("main")).not_to_contain_text("te persoonlijk")


def test_manager_sees_figures_only(page, site):
    traject, _, anna, _ = board()
    services.add_citaat(inschrijving=anna, waarde=waarde("respect"), tekst="Niet voor managers.")
    manager = factories.user(naam="Mira Manager", is_manager=True)
    traject.gebied.managers.add(manager)
    log_in(page.context, manager, site)
    page.goto(f"{site}/trajecten/{traject.slug}/waarden/")
    expect(heat_row(page, "Respect").locator("td")).to_have_text(["< 5", "< 5", "< 5"])
    expect(page.locator("main")).not_to_contain_text("Niet voor managers.")
    expect(page.get_by_role("button", name="Mijn kernwaarde: Respect")).to_have_count(0)
    assert_accessible_in_both_languages(page)
