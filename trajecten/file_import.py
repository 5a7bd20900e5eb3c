"""Reading participant files (CSV or XLSX) into checked rows. No database access here:
the service checks enrolments and writes everything in one transaction."""

import csv
import io
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samenspel.cells import zonder_guard
from samenspel.cleaning import eenregelig

from .choices import ROLLEN_PER_TAG, TAG_VAN_ROL, Rol, Tag

# The columns, with the headers the participant list shows (and its export writes).
KOPPEN = {
    "naam": gettext_lazy("Naam"),
    "email": gettext_lazy("E-mailadres"),
    "telefoon": gettext_lazy("Telefoon"),
    "organisatie": gettext_lazy("Organisatie"),
    "achtergrond": gettext_lazy("Achtergrond"),
    "rol": gettext_lazy("Rol"),
}
KOLOMMEN = tuple(KOPPEN)
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


def _normal(value: str) -> str:
    return value.strip().lower().replace(" ", "_").replace("-", "_")


@cache
def aliases() -> dict[str, str]:
    """Headers and labels as the export writes them, in every language of the site, to
    the column or code they stand for: an exported list imports as it is."""
    found = dict(ALIASSEN)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            found.update({_normal(str(label)): column for column, label in KOPPEN.items()})
            found.update({_normal(str(label)): tag for tag, label in Tag.choices})
            found.update({_normal(str(label)): rol for rol, label in Rol.choices})
    return found


def _key(value: str) -> str:
    key = _normal(value)
    return aliases().get(key, key)


# A traject has tens of people, a large programme a few hundred. A file with more rows
# (empty ones included: they cost as much to read) is refused after reading one more, so
# no upload keeps a web worker longer than a moment, whatever the file holds.
MAX_RIJEN = 5000
# A row of the import has six columns; a sheet with thousands is not a participant list.
MAX_CELLEN = MAX_RIJEN * 20


class TeGroot(ValueError):
    """The file has more rows (or cells) than an import takes; ``gelezen`` is the number
    of rows read before stopping."""

    def __init__(self, gelezen: int):
        self.gelezen = gelezen
        super().__init__(
            _(
                "Het bestand heeft meer dan %(max)s rijen (lege rijen tellen mee) of heel veel "
                "kolommen. Zet hoogstens %(max)s mensen in één bestand."
            )
            % {"max": MAX_RIJEN}
        )


def _bounded(rows) -> list[list[str]]:
    """The rows of ``rows`` (an iterator), stopping one row past the limits."""
    result, cellen = [], 0
    for row in rows:
        cellen += len(row)
        if len(result) >= MAX_RIJEN or cellen > MAX_CELLEN:
            raise TeGroot(len(result) + 1)
        result.append(row)
    return result


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
        return _bounded(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise ValueError(_("Dit CSV-bestand kunnen we niet lezen.")) from exc


# Every XML element openpyxl parses costs time; a participant list at the row limit has
# about 5000 x (row + 6 x cell, inline string, text) elements.
MAX_ELEMENTEN = 40 * MAX_RIJEN


def _check_xlsx_size(data: bytes) -> None:
    """Count rows and elements in every XML part of the archive, streaming, and stop one
    past the limits. openpyxl cannot be asked to stop in time: even in read-only mode it
    scans a whole sheet that lacks a ``<dimension>`` (which no spreadsheet program leaves
    out, but a crafted file does) and loads every shared string before the first row."""
    import zipfile

    from openpyxl.xml.functions import iterparse  # defusedxml when installed, as openpyxl

    rijen = elementen = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if not info.filename.endswith((".xml", ".rels")):
                continue
            with archive.open(info) as part:
                for _event, element in iterparse(part):
                    elementen += 1
                    if element.tag.rpartition("}")[2] == "row":
                        rijen += 1
                    if rijen > MAX_RIJEN or elementen > MAX_ELEMENTEN:
                        raise TeGroot(rijen)
                    element.clear()


def _read_xlsx(data: bytes) -> list[list[str]]:
    """Read-only openpyxl streams the sheet: rows are parsed one by one as they are asked
    for, so stopping at the limit stops the reading."""
    from openpyxl import load_workbook

    _check_xlsx_size(data)
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        rows = workbook.active.iter_rows(values_only=True)
        return _bounded(["" if cell is None else str(cell) for cell in row] for row in rows)
    finally:
        workbook.close()


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
        except TeGroot:
            raise
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
            if i is None or i >= len(row):
                return ""
            # As typed in a form: one line, no invisible characters, no export guard.
            return zonder_guard(eenregelig(row[i]).strip())

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
