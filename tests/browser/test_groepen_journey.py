"""Prep groups and table groups in a real browser: a participant joins and leaves a prep
group with and without JavaScript; a coordinator asks for a proposal, swaps one person and
accepts; a coordinator splits the people into tables and a participant sees "jouw tafel" on
a phone.

Every page is checked with axe in Dutch and in English.
"""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import factories
import pytest
from playwright.sync_api import expect

from bijeenkomsten.models import Aanwezigheid
from groepen import services as groepen_services
from groepen.models import Tafelplaats
from trajecten.choices import Rol

from .conftest import (
    assert_accessible,
    assert_accessible_in_both_languages,
    focused,
    log_in,
    settled,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AMS = ZoneInfo("Europe/Amsterdam")
PHONE = {"width": 390, "height": 844}


def meeting(coordinator=None):
    traject = factories.traject(
        naam="Samen in Zuid", coordinatoren=[coordinator] if coordinator else []
    )
    start = datetime(2027, 3, 4, 19, 0, tzinfo=AMS)
    return factories.bijeenkomst(traject, nummer=2, thema="Omdenken", start=start)


def members(groep) -> set[int]:
    return set(groep.leden.values_list("inschrijving_id", flat=True))


def switch_language_without_js(plain, code: str) -> None:
    name = {"nl": "Nederlands", "en": "English"}[code]
    with plain.expect_navigation():
        plain.locator("form.taalkeuze").get_by_role("button", name=name, exact=True).click()
    expect(plain.locator("html")).to_have_attribute("lang", code)


def assert_accessible_as_served_without_js(page, plain) -> None:
    """axe needs page JavaScript: the page as the JavaScript-less browser got it is served
    once, at the same URL, to ``page`` and checked there."""
    html, url = plain.content(), plain.url.split("#")[0]
    page.route(
        url,
        lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html),
    )
    try:
        page.goto(url)
        expect(page.locator("html")).to_have_attribute(
            "lang", plain.locator("html").get_attribute("lang")
        )
        assert_accessible(page)
    finally:
        page.unroute(url)


# --- A participant joins and leaves -------------------------------------------------------


def test_participant_joins_and_leaves_with_and_without_javascript(page, browser, site):
    b = meeting()
    traject = b.traject
    groep = factories.voorbereidingsgroep(b, grootte=4, plaats="Buurthuis")
    bo = factories.inschrijving(
        traject, user=factories.user(naam="Bo de Vries"), rol=Rol.AMBTENAAR, wensen="Buurtsoep"
    )
    groepen_services.join_groep(groep=groep, inschrijving=bo)
    ans = factories.inschrijving(traject, user=factories.user(naam="Ans Bakker"))
    url = f"{site}/bijeenkomsten/{b.pk}/voorbereiding/"
    log_in(page.context, ans.deelnemer.user, site)

    # From the meeting page.
    page.goto(f"{site}/bijeenkomsten/{b.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Voorbereidingsgroep van deze bijeenkomst").click()
    expect(page.locator("h1")).to_have_text("Voorbereiding van bijeenkomst 2")
    regio = page.locator("#groep")
    expect(regio).to_contain_text("De groep is samengesteld uit verschillende achtergronden.")
    expect(regio.locator(".groep__zoekt")).to_have_count(0)
    expect(regio.locator(".groep__leden")).to_have_text("Bo")
    expect(page.locator(".groep__wensen")).to_have_text("Buurtsoep")
    assert_accessible_in_both_languages(page)

    # With JavaScript: one click, the region is swapped in place.
    page.evaluate("window.zelfdePagina = true")
    page.get_by_role("button", name="Ik doe mee met de voorbereiding").click()
    expect(regio.get_by_role("status")).to_have_text(
        "Je zit in de voorbereidingsgroep. Dank je wel!"
    )
    expect(regio.locator(".groep__leden li")).to_have_text(["Bo", "Ans (jij)"])
    expect(regio).to_contain_text("2 van de 4 plekken bezet")
    # The keyboard stays where it was: on the button, which now says the opposite.
    expect(page.get_by_role("button", name="Ik stop met voorbereiden")).to_be_focused()
    assert page.evaluate("window.zelfdePagina") is True
    assert members(groep) == {bo.pk, ans.pk}
    settled(page)
    assert_accessible(page)

    page.get_by_role("button", name="Ik stop met voorbereiden").click()
    expect(regio.get_by_role("status")).to_have_text("Je zit niet meer in de voorbereidingsgroep.")
    expect(regio.locator(".groep__leden li")).to_have_text(["Bo"])
    assert page.evaluate("window.zelfdePagina") is True
    assert members(groep) == {bo.pk}
    settled(page)
    assert_accessible(page)

    # Without JavaScript: the plain form posts and comes back with a message.
    context = browser.new_context(
        java_script_enabled=False, locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    try:
        log_in(context, ans.deelnemer.user, site)
        plain = context.new_page()
        plain.goto(url)
        with plain.expect_navigation() as navigation:
            plain.get_by_role("button", name="Ik doe mee met de voorbereiding").click()
        assert navigation.value.request.redirected_from.method == "POST"
        expect(plain.locator(".meldingen")).to_have_text(
            "Je zit in de voorbereidingsgroep. Dank je wel!"
        )
        expect(plain.locator(".groep__leden li")).to_have_text(["Bo", "Ans (jij)"])
        assert members(groep) == {bo.pk, ans.pk}
        assert_accessible_as_served_without_js(page, plain)
        switch_language_without_js(plain, "en")
        assert_accessible_as_served_without_js(page, plain)
        switch_language_without_js(plain, "nl")

        with plain.expect_navigation():
            plain.get_by_role("button", name="Ik stop met voorbereiden").click()
        expect(plain.locator(".meldingen")).to_have_text(
            "Je zit niet meer in de voorbereidingsgroep."
        )
        assert members(groep) == {bo.pk}
        assert_accessible_as_served_without_js(page, plain)
    finally:
        context.close()


# --- A coordinator asks for a proposal, swaps one person, accepts -------------------------


def test_coordinator_asks_for_a_proposal_swaps_one_person_and_accepts(page, site):
    coordinator = factories.user(is_coordinator=True, naam="Carla Coördinator")
    b = meeting(coordinator)
    traject = b.traject
    groep = factories.voorbereidingsgroep(b, grootte=4)
    mensen = {}
    for naam, rol in [
        ("Fenna Formeel", Rol.BEROEPSKRACHT),
        ("Frits Formeel", Rol.AMBTENAAR),
        ("Floor Formeel", Rol.BEROEPSKRACHT),
        ("Ivo Informeel", Rol.VRIJWILLIGER),
        ("Iris Informeel", Rol.MANTELZORGER),
        ("Eva Ervaring", Rol.ERVARINGSDESKUNDIGE),
    ]:
        mensen[naam] = factories.inschrijving(
            traject, user=factories.user(naam=naam), rol=rol, wil_voorbereiden=True
        )
    log_in(page.context, coordinator, site)
    page.goto(f"{site}/bijeenkomsten/{b.pk}/voorbereiding/")
    expect(page.get_by_role("heading", name="Voor coördinatoren")).to_be_visible()
    assert_accessible_in_both_languages(page)

    page.evaluate("window.zelfdePagina = true")
    page.get_by_role("button", name="Stel een groep voor").click()
    voorstel = page.locator("#voorstel")
    expect(voorstel.locator(".voorstel__lid")).to_have_count(4)
    expect(voorstel).to_contain_text("Eva Ervaring")
    expect(voorstel).to_contain_text(
        "Nodig voor de balans: er is verder niemand beschikbaar (ervaringsdeskundige)."
    )
    expect(voorstel).to_contain_text("balans 95 van 100")
    settled(page)
    assert_accessible(page)

    # Swap Eva for a formeel person: the effect on the balance is shown.
    keuze = voorstel.get_by_label("Wissel Eva Ervaring voor")
    opties = keuze.locator("option").all_inner_texts()
    vervanger = next(o for o in opties if "(formeel" in o)
    assert vervanger.endswith("balans 95 → 75")
    naam = vervanger.split(" (")[0]
    keuze.select_option(label=vervanger)
    voorstel.get_by_role("button", name=re.compile(r"^Wissel\W+Eva Ervaring$")).click()
    expect(voorstel.get_by_role("status")).to_have_text(
        f"{naam} komt in de plaats van Eva Ervaring. De balans ging van 95 naar 75 (van 100)."
    )
    expect(voorstel.locator(".voorstel__lid strong", has_text="Eva Ervaring")).to_have_count(0)
    expect(voorstel).to_contain_text("Gekozen door de coördinator (formeel)")
    settled(page)
    assert_accessible(page)

    # Accept: the group region follows without reloading.
    voorstel.get_by_role("button", name="Accepteer deze groep").click()
    expect(voorstel.get_by_role("status")).to_have_text(
        "De groep is samengesteld. De leden krijgen een e-mail."
    )
    expect(page.locator("#groep .groep__leden li")).to_have_count(4)
    expect(page.locator("#groep")).to_contain_text(naam)
    assert page.evaluate("window.zelfdePagina") is True
    assert mensen["Eva Ervaring"].pk not in members(groep)
    assert mensen[naam].pk in members(groep)
    assert len(members(groep)) == 4
    settled(page)
    assert_accessible(page)
    page.reload()
    assert_accessible_in_both_languages(page)


# --- Tables, and "jouw tafel" on a phone ------------------------------------------------


def test_participant_sees_their_table_on_a_phone(page, browser, browser_context_args, site):
    coordinator = factories.user(is_coordinator=True, naam="Carla Coördinator")
    b = meeting(coordinator)
    rollen = [Rol.BEROEPSKRACHT, Rol.VRIJWILLIGER, Rol.ERVARINGSDESKUNDIGE, Rol.MANTELZORGER]
    mensen = [
        factories.inschrijving(b.traject, user=factories.user(naam=f"Persoon{n} Achter"), rol=rol)
        for n, rol in enumerate(rollen * 3)
    ]
    for i in mensen:
        Aanwezigheid.objects.create(bijeenkomst=b, inschrijving=i, antwoord="komt")

    log_in(page.context, coordinator, site)
    page.goto(f"{site}/bijeenkomsten/{b.pk}/tafels/")
    expect(page.locator("h1")).to_have_text("Tafels van bijeenkomst 2")
    expect(page.locator("main")).to_contain_text("12 mensen zeggen te komen.")
    assert_accessible_in_both_languages(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Deel de tafels in").click()
    expect(page.locator(".meldingen")).to_have_text("De mensen zijn over 2 tafels verdeeld.")
    expect(page.locator(".tafel")).to_have_count(2)
    expect(page.locator(".tafel").first).to_contain_text("Ervaringsdeskundige: 1")
    assert_accessible_in_both_languages(page)
    # Printed, only the table list is on paper.
    page.emulate_media(media="print")
    expect(page.locator(".tafels__beheer")).to_be_hidden()
    expect(page.locator(".tafel").first).to_be_visible()
    page.emulate_media(media="screen")

    ans = mensen[0]
    tafel = Tafelplaats.objects.get(inschrijving=ans).tafel
    tafelgenoten = sorted(
        p.inschrijving.deelnemer.user.naam.split()[0]
        for p in tafel.plaatsen.select_related("inschrijving__deelnemer__user")
    )
    context = browser.new_context(
        **{**browser_context_args, "viewport": PHONE, "has_touch": True, "is_mobile": True}
    )
    try:
        log_in(context, ans.deelnemer.user, site)
        phone = context.new_page()
        phone.goto(f"{site}/bijeenkomsten/{b.pk}/")
        with phone.expect_navigation():
            phone.get_by_role("link", name="Jouw tafel").tap()
        expect(phone.locator("h1")).to_have_text("Jouw tafel")
        expect(phone.locator(".mijn-tafel__nummer")).to_have_text(f"Tafel {tafel.nummer}")
        expect(phone.locator(".mijn-tafel__mensen li")).to_have_text(
            [naam + (" (jij)" if naam == "Persoon0" else "") for naam in tafelgenoten]
        )
        expect(phone.locator("main")).not_to_contain_text("Achter")
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert_accessible_in_both_languages(phone)
    finally:
        context.close()


def test_prep_page_tells_no_background_but_welcomes_everyone(page, site):
    """No one is refused for the balance, and the page tells nobody's background: no
    figures per background and no "still looks for" beside the first names."""
    b = meeting()
    groep = factories.voorbereidingsgroep(b, grootte=3)
    for n in range(2):
        groepen_services.join_groep(
            groep=groep,
            inschrijving=factories.inschrijving(b.traject, user=factories.user(naam=f"V{n} X")),
        )
    ans = factories.inschrijving(b.traject, user=factories.user(naam="Ans Bakker"))
    log_in(page.context, ans.deelnemer.user, site)
    page.goto(f"{site}/bijeenkomsten/{b.pk}/voorbereiding/")
    expect(page.locator(".groep__zoekt")).to_have_count(0)
    expect(page.locator("#groep .balans__tabel")).to_have_count(0)
    expect(page.locator(".groep__samenstelling")).to_have_text(
        "De groep is samengesteld uit verschillende achtergronden. Iedereen is welkom: "
        "de coördinator let op de balans."
    )
    page.get_by_role("button", name="Ik doe mee met de voorbereiding").click()
    expect(page.locator("#groep").get_by_role("status")).to_have_text(
        "Je zit in de voorbereidingsgroep. Dank je wel!"
    )
    expect(page.locator("#groep")).to_contain_text("3 van de 3 plekken bezet")


def test_coordinator_moves_and_locks_tables_by_keyboard_with_and_without_javascript(
    page, browser, site
):
    coordinator = factories.user(is_coordinator=True, naam="Carla Coördinator")
    b = meeting(coordinator)
    rollen = [Rol.BEROEPSKRACHT, Rol.VRIJWILLIGER, Rol.ERVARINGSDESKUNDIGE, Rol.MANTELZORGER]
    mensen = [
        factories.inschrijving(b.traject, user=factories.user(naam=f"Persoon{n} Achter"), rol=rol)
        for n, rol in zip(range(9), rollen * 3, strict=False)
    ]
    for i in mensen:
        Aanwezigheid.objects.create(bijeenkomst=b, inschrijving=i, antwoord="komt")
    groepen_services.make_tables(bijeenkomst=b)

    def seat(i):
        return Tafelplaats.objects.get(inschrijving=i).tafel.nummer

    url = f"{site}/bijeenkomsten/{b.pk}/tafels/"
    log_in(page.context, coordinator, site)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    page.evaluate("window.zelfdePagina = true")
    iemand = next(i for i in mensen if seat(i) == 1)
    naam = iemand.deelnemer.user.naam
    keuze = page.locator(f"#naar-{iemand.pk}")
    keuze.focus()
    page.keyboard.press("ArrowDown")  # "Tafel 2" is first, "Nieuwe tafel" second
    page.keyboard.press("ArrowUp")
    expect(keuze).to_have_value("2")
    page.keyboard.press("Tab")
    assert focused(page)["text"].startswith("Verplaats")
    page.keyboard.press("Enter")
    regio = page.locator("#tafellijst")
    expect(regio.locator(".utrecht-alert--ok")).to_have_text(f"{naam} zit nu aan tafel 2.")
    assert page.evaluate("window.zelfdePagina") is True
    assert seat(iemand) == 2
    page.get_by_role("button", name="Vergrendel tafel 1").focus()
    page.keyboard.press("Enter")
    expect(regio.locator(".utrecht-alert--ok")).to_have_text(
        "Tafel 1 is vergrendeld: die blijft zo bij een nieuwe indeling."
    )
    expect(page.locator("#tafel-1 .tafel__kop")).to_have_text("Tafel 1 (vergrendeld)")
    expect(page.locator("#tafel-1 .tafel__verplaats")).to_have_count(0)
    settled(page)
    assert_accessible_in_both_languages(page)

    context = browser.new_context(
        java_script_enabled=False, locale="nl-NL", viewport={"width": 390, "height": 844}
    )
    try:
        log_in(context, coordinator, site)
        plain = context.new_page()
        plain.goto(url)
        ander = next(i for i in mensen if seat(i) == 2)
        plain.locator(f"#naar-{ander.pk}").select_option("nieuw")
        with plain.expect_navigation() as navigation:
            plain.locator(f"#naar-{ander.pk}").locator("xpath=..").get_by_role(
                "button", name="Verplaats"
            ).click()
        assert navigation.value.request.redirected_from.method == "POST"
        expect(plain.locator(".meldingen")).to_have_text(
            f"{ander.deelnemer.user.naam} zit nu aan tafel 3."
        )
        expect(plain.locator(".tafel")).to_have_count(3)
        assert seat(ander) == 3
        assert plain.evaluate("document.documentElement.scrollWidth") <= 390
        assert_accessible_as_served_without_js(page, plain)
    finally:
        context.close()
