"""A coordinator at work on the participant list: filtering it, placing someone from the
waiting list after seeing the effect on the balance, and importing a file with a bad row.

Every page on the way is checked with axe in Dutch and in English.
"""

import re

import factories
import pytest
from playwright.sync_api import expect

from samenspel.models import User
from trajecten.choices import InschrijvingStatus, Rol, Tag
from trajecten.models import Inschrijving, Organisatie

from .conftest import (
    assert_accessible,
    assert_accessible_in_both_languages,
    log_in,
    settled,
    switch_language,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page, name) -> None:
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name=name).click()


@pytest.fixture
def coordinator():
    return factories.user(naam="Carla Coördinator", email="carla@voorbeeld.nl")


def traject_with_people(coordinator):
    """Eight seats, at most two informal and two experts by experience: seven people at the
    table (3 formal, 2 informal, 2 experts), so one seat is free but only for a formal
    person; an expert and an informal person wait."""
    traject = factories.traject(
        naam="Samen in Noord",
        capaciteit=8,
        max_informeel=25,
        max_ervaringsdeskundige=25,
        coordinatoren=[coordinator],
    )
    seated = [
        ("Fatima El Amrani", Rol.BEROEPSKRACHT),
        ("Joost Smit", Rol.AMBTENAAR),
        ("Karin de Wit", Rol.LEIDINGGEVENDE),
        ("Henk Mulder", Rol.VRIJWILLIGER),
        ("Sanne Bos", Rol.MANTELZORGER),
        ("Mo Yilmaz", Rol.ERVARINGSDESKUNDIGE),
        ("Lisa Peters", Rol.ERVARINGSDESKUNDIGE),
    ]
    for naam, rol in seated:
        factories.inschrijving(traject, rol=rol, user=factories.user(naam=naam))
    ayla = factories.inschrijving(
        traject,
        rol=Rol.ERVARINGSDESKUNDIGE,
        status=InschrijvingStatus.WACHTLIJST,
        user=factories.user(naam="Ayla Kaya"),
    )
    bram = factories.inschrijving(
        traject,
        rol=Rol.MANTELZORGER,
        status=InschrijvingStatus.WACHTLIJST,
        user=factories.user(naam="Bram Visser"),
    )
    return traject, ayla, bram


def rows(page):
    return page.locator("#lijst tbody tr")


def column(page, index: int) -> list[str]:
    """The texts in one column of the list (0 is the name)."""
    return rows(page).evaluate_all(
        "(rows, i) => rows.map((row) => row.cells[i].innerText.trim())", index
    )


def test_filter_and_place_from_waiting_list(page, site, coordinator):
    traject, ayla, bram = traject_with_people(coordinator)
    log_in(page.context, coordinator, site)
    list_url = f"{site}/trajecten/{traject.slug}/deelnemers/"

    # The whole list.
    page.goto(list_url)
    expect(page.locator("h1")).to_have_text("Deelnemers")
    lijst = page.locator("#lijst")
    expect(lijst).to_contain_text("9 mensen gevonden.")
    expect(rows(page)).to_have_count(9)
    assert_accessible_in_both_languages(page)

    # Filter by background: htmx swaps the list in place and puts the filter in the URL.
    page.evaluate("window.__zelfdePagina = true")
    page.get_by_label("Achtergrond", exact=True).select_option(Tag.FORMEEL.value)
    page.wait_for_url(re.compile(r"[?&]tag=formeel(&|$)"))
    expect(lijst).to_contain_text("3 mensen gevonden.")
    expect(rows(page)).to_have_count(3)
    assert column(page, 4) == ["Formeel"] * 3
    assert sorted(column(page, 0)) == ["Fatima El Amrani", "Joost Smit", "Karin de Wit"]
    assert page.evaluate("window.__zelfdePagina") is True, "the filter reloaded the page"
    settled(page)
    assert_accessible(page)  # the swapped-in list

    # Now the waiting list only (every background).
    page.get_by_label("Achtergrond", exact=True).select_option("")
    expect(rows(page)).to_have_count(9)
    settled(page)
    page.get_by_label("Status", exact=True).select_option(InschrijvingStatus.WACHTLIJST.value)
    page.wait_for_url(re.compile(r"[?&]status=wachtlijst(&|$)"))
    expect(lijst).to_contain_text("2 mensen gevonden.")
    expect(rows(page)).to_have_count(2)
    assert column(page, 0) == ["Ayla Kaya", "Bram Visser"]
    assert column(page, 6) == ["Wachtlijst"] * 2
    assert column(page, 7) == ["1", "2"]
    assert page.evaluate("window.__zelfdePagina") is True
    settled(page)
    assert_accessible(page)

    # The pushed URL, loaded afresh, shows the same filtered list; in both languages.
    # (Reloaded first: the language switch goes back to the URL the page was rendered at,
    # so switching right after an htmx filter would drop the filter.)
    filtered_url = page.url
    page.reload()
    expect(page.get_by_label("Status", exact=True)).to_have_value("wachtlijst")
    expect(rows(page)).to_have_count(2)
    assert_accessible_in_both_languages(page)
    assert page.url == filtered_url
    expect(rows(page)).to_have_count(2)

    # Ayla's page, from the link in her row.
    with page.expect_navigation():
        rows(page).get_by_role("link", name="Ayla Kaya").click()
    assert page.url == f"{list_url}{ayla.pk}/"
    expect(page.locator("h1")).to_have_text("Ayla Kaya")
    expect(page.locator("main dl")).to_contain_text("Wachtlijst (nummer 1)")
    assert_accessible_in_both_languages(page)

    # Choosing "Geplaatst" first shows what happens to the balance.
    page.get_by_label("Nieuwe status").select_option(label="Geplaatst")
    submit(page, "Bekijk wat er verandert")
    preview = page.locator("#status-kop + .kaart")
    expect(preview).to_contain_text("Wat verandert er als je Ayla Kaya op ‘Geplaatst’ zet?")
    expect(preview).to_contain_text(re.compile(r"Balans nu \d+ → na \d+ \(van 100\)"))
    expect(preview.locator("#balans-nu-titel")).to_contain_text("7 mensen")
    expect(preview.locator("#balans-na-titel")).to_contain_text("8 mensen")
    assert Inschrijving.objects.get(pk=ayla.pk).status == InschrijvingStatus.WACHTLIJST
    assert_accessible_in_both_languages(page)  # the switch keeps ?status=geplaatst
    expect(preview).to_be_visible()

    # Confirmed: Ayla has the free seat, Bram moves up.
    submit(page, re.compile(r"^Ja, zet op ‘Geplaatst’$"))
    assert page.url == f"{list_url}{ayla.pk}/"
    expect(page.get_by_role("status").filter(has_text="De status is veranderd.")).to_be_visible()
    expect(page.locator("main dl")).to_contain_text("Geplaatst")
    expect(page.locator("main dl")).not_to_contain_text("Wachtlijst")
    assert_accessible_in_both_languages(page)

    ayla.refresh_from_db()
    bram.refresh_from_db()
    assert (ayla.status, ayla.wachtlijst_positie) == (InschrijvingStatus.GEPLAATST, None)
    assert (bram.status, bram.wachtlijst_positie) == (InschrijvingStatus.WACHTLIJST, 1)
    assert traject.inschrijvingen.bezet().count() == 8

    # Back on the list, she is no longer waiting.
    page.goto(f"{list_url}?status=wachtlijst")
    expect(rows(page)).to_have_count(1)
    assert column(page, 0) == ["Bram Visser"]


CSV = """naam,email,telefoon,organisatie,achtergrond,rol
Nora Visser,nora@voorbeeld.nl,0612345678,Wijkteam Zuid,formeel,beroepskracht
Piet Jansen,piet@voorbeeld.nl,,,bestuurder,
Eva de Boer,eva@voorbeeld.nl,,,informeel,mantelzorger
"""

NEW_EMAILS = ["nora@voorbeeld.nl", "piet@voorbeeld.nl", "eva@voorbeeld.nl"]


def upload(page, path) -> None:
    page.get_by_label(
        re.compile(r"^(Bestand \(CSV of Excel\)|File \(CSV or Excel\))")
    ).set_input_files(str(path))
    submit(page, re.compile(r"^(Importeren|Import)$"))


def test_import_with_a_bad_row_imports_nothing(page, site, coordinator, tmp_path):
    traject, _ayla, _bram = traject_with_people(coordinator)
    before = set(traject.inschrijvingen.values_list("pk", flat=True))
    path = tmp_path / "deelnemers.csv"
    path.write_text(CSV, encoding="utf-8")
    log_in(page.context, coordinator, site)

    page.goto(f"{site}/trajecten/{traject.slug}/deelnemers/")
    with page.expect_navigation():
        page.get_by_role("link", name="Bestand importeren").click()
    import_url = f"{site}/trajecten/{traject.slug}/deelnemers/importeren/"
    assert page.url == import_url
    expect(page.locator("h1")).to_have_text("Bestand importeren")
    assert_accessible_in_both_languages(page)

    # In Dutch: row 3 is named, with the value and the allowed backgrounds.
    upload(page, path)
    assert page.url == import_url
    fouten = page.locator(".formulier-fouten")
    expect(fouten).to_have_attribute("role", "alert")
    expect(fouten).to_contain_text(
        "Er is niemand toegevoegd. Verbeter deze rijen en probeer het opnieuw:"
    )
    expect(fouten.locator("li")).to_have_count(1)
    expect(fouten.locator("li")).to_have_text(
        "Rij 3: achtergrond 'bestuurder' bestaat niet; "
        "kies uit: formeel, informeel, ervaringsdeskundige"
    )
    assert_accessible(page)

    # In English (the switch reloads the empty form): the same row, the same allowed tags.
    switch_language(page, "en")
    expect(fouten).to_have_count(0)
    assert_accessible(page)
    upload(page, path)
    expect(fouten.locator("li")).to_have_count(1)
    expect(fouten.locator("li")).to_contain_text(re.compile(r"^(Rij|Row) 3: "))
    expect(fouten.locator("li")).to_contain_text("'bestuurder'")
    expect(fouten.locator("li")).to_contain_text("formeel, informeel, ervaringsdeskundige")
    assert_accessible(page)
    switch_language(page, "nl")

    # Nothing was imported, not even the good rows.
    assert set(traject.inschrijvingen.values_list("pk", flat=True)) == before
    assert not User.objects.filter(email__in=NEW_EMAILS).exists()
    assert not Organisatie.objects.filter(naam__iexact="Wijkteam Zuid").exists()
