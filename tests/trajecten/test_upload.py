"""The participant import accepts only real CSV and XLSX files, and not too big ones."""

import functools
import io
import zipfile

import factories
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from trajecten.file_import import upload_problem

pytestmark = pytest.mark.django_db

CSV = b"naam,email,achtergrond\nAns,ans@voorbeeld.nl,informeel\n"
MB = 1024 * 1024


def _xlsx() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["naam", "email", "achtergrond"])
    wb.active.append(["Ans", "ans@voorbeeld.nl", "informeel"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _zip(names) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in names:
            z.writestr(name, "x")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "problem"),
    [
        (CSV, "lijst.csv", None),
        (CSV, "LIJST.CSV", None),
        ("naam;email\nJosé;jose@voorbeeld.nl\n".encode("cp1252"), "oud.csv", None),
        (b"\xef\xbb\xbf" + CSV, "bom.csv", None),
        (CSV, "lijst.txt", "Kies een CSV- of Excel-bestand. De naam eindigt op .csv of .xlsx."),
        (CSV, "lijst.csv.exe", "Kies een CSV- of Excel-bestand. De naam eindigt op .csv of .xlsx."),
        (b"", "leeg.csv", "Het bestand is leeg."),
        (
            b"\x7fELF\x02\x01\x01\x00\x00",
            "virus.csv",
            "Dit is geen CSV-bestand met tekst. Sla het op als CSV (UTF-8).",
        ),
        (
            b"naam\x00email\n",
            "nul.csv",
            "Dit is geen CSV-bestand met tekst. Sla het op als CSV (UTF-8).",
        ),
        (CSV, "lijst.xlsx", "Dit is geen Excel-bestand dat we kunnen lezen. Sla het op als .xlsx."),
        (
            _zip(["a.txt"]),
            "zip.xlsx",
            "Dit is geen Excel-bestand dat we kunnen lezen. Sla het op als .xlsx.",
        ),
        (_zip(["[Content_Types].xml"]), "klein.xlsx", None),
        (b"x" * (2 * MB + 1), "groot.csv", "Het bestand is te groot. Het mag hoogstens 2 MB zijn."),
    ],
)
def test_upload_problem(data, name, problem):
    assert upload_problem(data, name, max_bytes=2 * MB) == problem


def test_real_xlsx_passes():
    assert upload_problem(_xlsx(), "lijst.xlsx", max_bytes=2 * MB) is None


def test_zip_bomb_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "x")
        z.writestr("xl/groot.xml", b"\0" * (60 * MB))
    data = out.getvalue()
    assert len(data) < MB
    assert upload_problem(data, "bom.xlsx", max_bytes=2 * MB) == (
        "Dit is geen Excel-bestand dat we kunnen lezen. Sla het op als .xlsx."
    )


@pytest.fixture
def coord_client(client):
    coordinator = factories.user(is_coordinator=True)
    traject = factories.traject(coordinatoren=[coordinator])
    client.force_login(coordinator)
    client.traject = traject
    return client


def _post(client, data, name):
    url = reverse("trajecten:importeren", kwargs={"slug": client.traject.slug})
    return client.post(url, {"bestand": SimpleUploadedFile(name, data)})


def test_view_refuses_a_renamed_binary_with_a_clear_message(coord_client):
    response = _post(coord_client, b"MZ\x90\x00\x03\x00\x00\x00", "lijst.csv")
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "bestand": ["Dit is geen CSV-bestand met tekst. Sla het op als CSV (UTF-8)."]
    }
    assert coord_client.traject.inschrijvingen.count() == 0


def test_view_imports_a_real_xlsx(coord_client):
    response = _post(coord_client, _xlsx(), "lijst.xlsx")
    assert response.status_code == 302
    assert coord_client.traject.inschrijvingen.count() == 1


def test_view_size_limit_follows_the_setting(coord_client, settings):
    settings.IMPORT_MAX_MB = 1
    response = _post(coord_client, CSV + b"\n" * MB, "lijst.csv")
    assert response.context["form"].errors == {
        "bestand": ["Het bestand is te groot. Het mag hoogstens 1 MB zijn."]
    }


def test_a_huge_form_body_is_refused_before_the_view(coord_client):
    url = reverse("trajecten:uitnodigen", kwargs={"slug": coord_client.traject.slug})
    response = coord_client.post(url, {"emails": "a" * (2 * MB)})
    assert response.status_code == 413


def test_upload_settings_are_sensible(settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == MB
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE > settings.IMPORT_MAX_MB * MB


def test_csv_with_bare_carriage_returns_is_read_not_a_server_error(coord_client):
    data = b"naam,email,achtergrond\rAns,ans@voorbeeld.nl,informeel\rBo\rb,bo@voorbeeld.nl,formeel"
    response = _post(coord_client, data, "mac.csv")
    assert response.status_code == 200
    assert coord_client.traject.inschrijvingen.count() == 0  # the broken row stops it all


def test_csv_the_csv_module_cannot_read_is_a_clear_error():
    from trajecten.file_import import parse

    with pytest.raises(ValueError, match="Dit CSV-bestand kunnen we niet lezen."):
        parse(b'naam,email\n"' + b"x" * 200_000, "lijst.csv")


@functools.cache
def _huge_xlsx(rijen: int) -> bytes:
    """A real XLSX whose sheet holds ``rijen`` rows: small as a file (the rows are alike and
    compress well), huge to read."""
    rij = (
        '<row><c t="inlineStr"><is><t>Ans</t></is></c><c t="inlineStr"><is><t>'
        'ans@voorbeeld.nl</t></is></c><c t="inlineStr"><is><t>informeel</t></is></c></row>'
    )
    blad = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<sheetData>" + rij * rijen + "</sheetData></worksheet>"
    )
    bron = zipfile.ZipFile(io.BytesIO(_xlsx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as doel:
        for info in bron.infolist():
            data = blad.encode() if info.filename == "xl/worksheets/sheet1.xml" else bron.read(info)
            doel.writestr(info.filename, data)
    return out.getvalue()


TE_VEEL = (
    "Het bestand heeft meer dan 5000 rijen (lege rijen tellen mee) of heel veel kolommen. "
    "Zet hoogstens 5000 mensen in één bestand."
)


def test_xlsx_of_300000_rows_stops_reading_at_the_limit():
    from trajecten.file_import import MAX_RIJEN, TeGroot, read_rows

    data = _huge_xlsx(300_000)
    assert len(data) < 2 * MB
    assert upload_problem(data, "lijst.xlsx", max_bytes=2 * MB) is None
    with pytest.raises(TeGroot) as exc:
        read_rows(data, "lijst.xlsx")
    assert exc.value.gelezen == MAX_RIJEN + 1
    assert str(exc.value) == TE_VEEL


def test_csv_of_300000_rows_stops_reading_at_the_limit():
    from trajecten.file_import import MAX_RIJEN, TeGroot, read_rows

    data = b"naam,email,achtergrond\n" + b"Ans,a@b.nl,informeel\n" * 300_000
    with pytest.raises(TeGroot) as exc:
        read_rows(data, "lijst.csv")
    assert exc.value.gelezen == MAX_RIJEN + 1


def test_view_answers_a_huge_sheet_with_a_clear_message(coord_client):
    response = _post(coord_client, _huge_xlsx(300_000), "lijst.xlsx")
    assert response.status_code == 200
    assert response.context["form"].errors == {"bestand": [TE_VEEL]}
    assert coord_client.traject.inschrijvingen.count() == 0
    assert coord_client.traject.importen.count() == 0


def test_a_list_at_the_limit_is_read_whole():
    from trajecten.file_import import MAX_RIJEN, read_rows

    assert len(read_rows(_huge_xlsx(MAX_RIJEN), "lijst.xlsx")) == MAX_RIJEN
