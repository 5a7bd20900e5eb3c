import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import factories
import pytest
from django.urls import reverse

from trajecten import export, services
from trajecten.choices import InschrijvingStatus, Rol
from trajecten.queries import deelnemerslijst

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
# As on screen, in the page's language.
HEADER = [
    "Naam",
    "E-mailadres",
    "Telefoon",
    "Organisatie",
    "Achtergrond",
    "Rol",
    "Status",
    "Wachtlijst",
    "Aangemeld op",
]


@pytest.fixture
def coordinator():
    return factories.user(is_coordinator=True)


@pytest.fixture
def traject(coordinator):
    return factories.traject(coordinatoren=[coordinator])


@pytest.fixture
def people(traject):
    """Three informal people (one waiting) and one formal person."""

    def person(naam, email, rol, status=InschrijvingStatus.GEPLAATST, telefoon="", org=None, dag=1):
        i = factories.inschrijving(
            traject,
            rol=rol,
            status=status,
            user=factories.user(naam=naam, email=email),
            organisatie=org,
            ingeschreven_op=datetime(2026, 3, dag, 9, 30, tzinfo=AMS),
        )
        # The phone number given for this traject (what the coordinator's export shows).
        i.telefoon = telefoon
        i.save(update_fields=["telefoon"])
        return i

    buurtteam = factories.organisatie(naam="Buurtteam Zuid")
    return [
        person(
            "Ans Bakker", "ans@voorbeeld.nl", Rol.MANTELZORGER, telefoon="+31 6 1234 5678", dag=1
        ),
        person("Bo de Vries", "bo@voorbeeld.nl", Rol.AMBTENAAR, org=buurtteam, dag=2),
        person("Cas Çelik", "cas@voorbeeld.nl", Rol.ACTIEVE_BEWONER, dag=3),
        person(
            "Dewi Öz", "dewi@voorbeeld.nl", Rol.VRIJWILLIGER, InschrijvingStatus.WACHTLIJST, dag=4
        ),
    ]


def _get(client, coordinator, traject, **params):
    client.force_login(coordinator)
    return client.get(reverse("trajecten:deelnemers", kwargs={"slug": traject.slug}), params)


INFORMEEL_ROWS = [
    ["Ans Bakker", "ans@voorbeeld.nl", "'+31 6 1234 5678", "", "Informeel", "Mantelzorger",
     "Geplaatst", "", "1-3-2026 09:30"],
    ["Cas Çelik", "cas@voorbeeld.nl", "", "", "Informeel", "Actieve bewoner", "Geplaatst", "",
     "3-3-2026 09:30"],
    ["Dewi Öz", "dewi@voorbeeld.nl", "", "", "Informeel", "Vrijwilliger", "Wachtlijst", "1",
     "4-3-2026 09:30"],
]  # fmt: skip


def test_csv_export_has_exactly_the_filtered_rows(client, coordinator, traject, people):
    response = _get(client, coordinator, traject, tag="informeel", format="csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="deelnemers-{traject.slug}.csv"'
    )
    assert response.content[:3] == b"\xef\xbb\xbf"
    lines = response.content.decode("utf-8-sig").split("\r\n")
    assert lines[-1] == ""
    assert [line.split(";") for line in lines[:-1]] == [HEADER, *INFORMEEL_ROWS]


def test_csv_export_filters_by_status(client, coordinator, traject, people):
    response = _get(client, coordinator, traject, status="wachtlijst", format="csv")
    rows = response.content.decode("utf-8-sig").splitlines()
    assert rows == [";".join(HEADER), ";".join(INFORMEEL_ROWS[2])]


def test_xlsx_export_has_exactly_the_filtered_rows(client, coordinator, traject, people):
    from openpyxl import load_workbook

    response = _get(client, coordinator, traject, rol="ambtenaar", format="xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="deelnemers-{traject.slug}.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Deelnemers"
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        HEADER,
        [
            "Bo de Vries",
            "bo@voorbeeld.nl",
            None,
            "Buurtteam Zuid",
            "Formeel",
            "Ambtenaar",
            "Geplaatst",
            None,
            datetime(2026, 3, 2, 9, 30),
        ],
    ]


def test_xlsx_export_unfiltered_has_everyone(client, coordinator, traject, people):
    from openpyxl import load_workbook

    response = _get(client, coordinator, traject, format="xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    emails = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert emails == [
        "ans@voorbeeld.nl",
        "bo@voorbeeld.nl",
        "cas@voorbeeld.nl",
        "dewi@voorbeeld.nl",
    ]


def test_export_neutralises_formulas_phone_numbers_included(traject):
    i = factories.inschrijving(traject, user=factories.user(naam='=HYPERLINK("x")'))
    i.telefoon = "+31 20 123 4567"
    i.save(update_fields=["telefoon"])
    [row] = export.rows(deelnemerslijst(traject))
    assert row[:3] == ['\'=HYPERLINK("x")', i.deelnemer.user.email, "'+31 20 123 4567"]


GEVAARLIJK = [
    ("=1+1", "@SUM(A1)", "-2+3", "=cmd|' /C calc'!A0"),
    ("+31 6 1234 5678", "-1+2", "\t=1", "\r=1"),
]


@pytest.mark.parametrize("formaat", ["csv", "xlsx"])
def test_export_guards_every_cell_a_spreadsheet_would_evaluate(
    client, coordinator, traject, formaat
):
    for k, (naam, telefoon) in enumerate(zip(*GEVAARLIJK, strict=True)):
        i = factories.inschrijving(
            traject,
            user=factories.user(naam=naam, email=f"p{k}@voorbeeld.nl"),
            organisatie=factories.organisatie(naam=f"@org{k}"),
        )
        # The phone number given for this traject (what the coordinator's export shows).
        i.telefoon = telefoon
        i.save(update_fields=["telefoon"])
    response = _get(client, coordinator, traject, format=formaat)
    if formaat == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    else:
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(response.content)).active
        cells = list(sheet.iter_rows(min_row=2, max_col=4))
        assert {c.data_type for row in cells for c in row} == {"s"}
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    cr = "\r" if formaat == "csv" else "\n"  # XML reads a carriage return as a line feed
    assert sorted(tuple(row[:4]) for row in rows[1:]) == sorted(
        [
            ("'=1+1", "p0@voorbeeld.nl", "'+31 6 1234 5678", "'@org0"),
            ("'@SUM(A1)", "p1@voorbeeld.nl", "'-1+2", "'@org1"),
            ("'-2+3", "p2@voorbeeld.nl", "'\t=1", "'@org2"),
            ("'=cmd|' /C calc'!A0", "p3@voorbeeld.nl", f"'{cr}=1", "'@org3"),
        ]
    )


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_exported_csv_imports_into_next_traject(client, coordinator, traject, people, taal):
    client.cookies["django_language"] = taal
    response = _get(client, coordinator, traject, format="csv")
    if taal == "en":
        header = response.content.decode("utf-8-sig").splitlines()[0]
        assert header == "Name;Email address;Phone;Organisation;Background;Role;Status;" + (
            "Waiting list;Signed up on"
        )
        assert "Informal;Informal carer;Has a place;;01/03/2026 09:30" in response.content.decode()
    next_traject = factories.traject()
    imported, errors = services.import_deelnemers(
        traject=next_traject, data=response.content, filename="export.csv"
    )
    assert errors == []
    assert [(i.deelnemer.user.email, i.tag, i.rol) for i in imported] == [
        ("ans@voorbeeld.nl", "informeel", "mantelzorger"),
        ("bo@voorbeeld.nl", "formeel", "ambtenaar"),
        ("cas@voorbeeld.nl", "informeel", "actieve_bewoner"),
        ("dewi@voorbeeld.nl", "informeel", "vrijwilliger"),
    ]


def test_import_takes_the_export_guard_off_again():
    from trajecten.file_import import parse

    data = (
        b"naam;email;telefoon;organisatie;achtergrond\n"
        b"'=Ans;ans@voorbeeld.nl;'+31 6 1234 5678;'@Buurt;informeel\n"
        b"'t Hart;hart@voorbeeld.nl;;;informeel\n"
    )
    rijen = parse(data, "export.csv").rijen
    assert [(r.naam, r.telefoon, r.organisatie) for r in rijen] == [
        ("=Ans", "+31 6 1234 5678", "@Buurt"),
        ("'t Hart", "", ""),
    ]


def test_participant_list_searches_by_name_or_address(client, coordinator, traject, people):
    response = _get(client, coordinator, traject, zoek=" bakker ")
    html = response.content.decode()
    assert "Ans Bakker" in html and "Bo de Vries" not in html
    assert "1 persoon gevonden." in html
    response = _get(client, coordinator, traject, zoek="cas@voor", format="csv")
    assert [line.split(";")[0] for line in response.content.decode("utf-8-sig").splitlines()] == [
        "Naam",
        "Cas Çelik",
    ]


def test_participant_list_says_when_an_offer_lapses_and_why_that_candidate(
    client, coordinator, traject
):
    traject.aanbod_uren = 48
    traject.save()
    for _ in range(3):
        factories.inschrijving(traject, rol=Rol.BEROEPSKRACHT)
    factories.inschrijving(
        traject,
        rol=Rol.ERVARINGSDESKUNDIGE,
        status=InschrijvingStatus.AANGEBODEN,
        aangeboden_op=datetime(2026, 12, 5, 10, 0, tzinfo=AMS),
    )
    html = _get(client, coordinator, traject, status="aangeboden").content.decode()
    assert "Tot 7 december, 10:00." in html
    # Three professionals only: 50% in balance against the default targets (50/30/20);
    # with the expert by experience 70%.
    assert "Gekozen voor de balans: van 50% naar 70%." in html
