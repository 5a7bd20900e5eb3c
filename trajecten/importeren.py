"""Reading participant files (CSV or XLSX) into checked rows. No database access here:
the service checks enrolments and writes everything in one transaction."""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from .choices import ROLLEN_PER_TAG, TAG_VAN_ROL, Rol, Tag

KOLOMMEN = ("naam", "email", "telefoon", "organisatie", "achtergrond", "rol")
VERPLICHT = ("naam", "email", "achtergrond")
STANDAARD_ROL = {
    Tag.FORMEEL: Rol.BEROEPSKRACHT,
    Tag.INFORMEEL: Rol.VRIJWILLIGER,
    Tag.ERVARINGSDESKUNDIGE: Rol.ERVARINGSDESKUNDIGE,
}


@dataclass
class Rij:
    nummer: int  # as the user sees it in their spreadsheet (header is row 1)
    naam: str
    email: str
    telefoon: str
    organisatie: str
    tag: str
    rol: str


@dataclass
class Resultaat:
    rijen: list[Rij] = field(default_factory=list)
    fouten: list[tuple[int, str]] = field(default_factory=list)  # (row number, reason)


# Headers people write for the same column.
ALIASSEN = {"e_mail": "email", "e_mailadres": "email", "emailadres": "email", "tag": "achtergrond"}


def _key(value: str) -> str:
    key = value.strip().lower().replace(" ", "_").replace("-", "_")
    return ALIASSEN.get(key, key)


def _read_csv(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older Excel versions save CSV in Windows-1252.
        text = data.decode("cp1252")
    # Old Mac files end lines with a bare CR; the csv module refuses one inside a field.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise ValueError(_("Dit CSV-bestand kunnen we niet lezen.")) from exc


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
    return [
        ["" if cell is None else str(cell) for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]


EXTENSIES = (".csv", ".xlsx")
# A participant list unpacks to a few MB at most; more is a zip bomb, not a list of people.
XLSX_MAX_UITGEPAKT = 50 * 1024 * 1024


def _looks_like_xlsx(data: bytes) -> bool:
    """An XLSX file is a zip archive with ``[Content_Types].xml`` in it, of sane size."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    names = {info.filename for info in infos}
    unpacked = sum(info.file_size for info in infos)
    return "[Content_Types].xml" in names and unpacked <= XLSX_MAX_UITGEPAKT


def _looks_like_text(data: bytes) -> bool:
    """A CSV file is text: UTF-8 (with or without BOM) or Windows-1252, and no control
    characters other than tab and line ends (a binary file has plenty of them)."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return not any(ord(ch) < 32 and ch not in "\t\r\n" for ch in text)
    return False


def upload_problem(data: bytes, filename: str, *, max_bytes: int) -> str | None:
    """Why an uploaded participant file is refused, in Dutch for the coordinator, or None.
    Both the name and the content must say CSV or XLSX."""
    name = filename.lower()
    if not name.endswith(EXTENSIES):
        return _("Kies een CSV- of Excel-bestand. De naam eindigt op .csv of .xlsx.")
    if len(data) > max_bytes:
        return _("Het bestand is te groot. Het mag hoogstens %(mb)s MB zijn.") % {
            "mb": max_bytes // (1024 * 1024)
        }
    if not data:
        return _("Het bestand is leeg.")
    if name.endswith(".xlsx") and not _looks_like_xlsx(data):
        return _("Dit is geen Excel-bestand dat we kunnen lezen. Sla het op als .xlsx.")
    if name.endswith(".csv") and not _looks_like_text(data):
        return _("Dit is geen CSV-bestand met tekst. Sla het op als CSV (UTF-8).")
    return None


def read_rows(data: bytes, filename: str) -> list[list[str]]:
    if filename.lower().endswith(".xlsx") or data[:2] == b"PK":
        try:
            return _read_xlsx(data)
        except Exception as exc:
            raise ValueError(_("Dit Excel-bestand kunnen we niet lezen.")) from exc
    return _read_csv(data)


def parse(data: bytes, filename: str) -> Resultaat:
    """Check every row; collect all problems instead of stopping at the first."""
    result = Resultaat()
    rows = [row for row in read_rows(data, filename) if any(cell.strip() for cell in row)]
    if not rows:
        result.fouten.append((1, _("Het bestand is leeg.")))
        return result
    header = [_key(cell) for cell in rows[0]]
    missing = [col for col in VERPLICHT if col not in header]
    if missing:
        result.fouten.append(
            (1, _("Deze kolommen ontbreken: %(kolommen)s.") % {"kolommen": ", ".join(missing)})
        )
        return result
    index = {col: header.index(col) for col in KOLOMMEN if col in header}
    seen: dict[str, int] = {}
    tags = ", ".join(Tag.values)
    for number, row in enumerate(rows[1:], start=2):

        def cell(col, row=row):
            i = index.get(col)
            return row[i].strip() if i is not None and i < len(row) else ""

        naam, email, tag, rol = (
            cell("naam"),
            cell("email").lower(),
            _key(cell("achtergrond")),
            cell("rol"),
        )
        problems = []
        if not naam:
            problems.append(_("naam ontbreekt"))
        try:
            validate_email(email)
        except ValidationError:
            problems.append(_("e-mailadres '%(email)s' is niet geldig") % {"email": email})
        if tag not in Tag.values:
            problems.append(
                _("achtergrond '%(waarde)s' bestaat niet; kies uit: %(tags)s")
                % {"waarde": cell("achtergrond"), "tags": tags}
            )
        else:
            rol = _key(rol) if rol else STANDAARD_ROL[tag]
            if TAG_VAN_ROL.get(rol) != tag:
                problems.append(
                    _("rol '%(waarde)s' past niet bij %(tag)s; kies uit: %(rollen)s")
                    % {
                        "waarde": cell("rol"),
                        "tag": tag,
                        "rollen": ", ".join(ROLLEN_PER_TAG[tag]),
                    }
                )
        if email in seen:
            problems.append(_("e-mailadres staat ook al in rij %(rij)s") % {"rij": seen[email]})
        elif email:
            seen[email] = number
        if problems:
            result.fouten.append((number, "; ".join(problems)))
        else:
            result.rijen.append(
                Rij(number, naam, email, cell("telefoon"), cell("organisatie"), tag, rol)
            )
    return result
