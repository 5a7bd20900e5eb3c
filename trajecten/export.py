"""Participant lists as CSV (for Excel with Dutch settings) and XLSX, in the words of
the page: its headers and labels in the reader's language, dates as they write them.

The first six columns are the columns of the import file (``file_import.KOLOMMEN``), and
the import reads their headers and labels in either language (``file_import.aliases``),
so a list exported from one traject can be imported into the next.
"""

import csv
import io
from collections.abc import Iterable
from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from samenspel.cells import veilig as _tekst

from .file_import import KOPPEN as IMPORT_KOPPEN
from .models import Inschrijving

EXPORT_KOPPEN = (_("Status"), _("Wachtlijst"), _("Aangemeld op"))


def headers() -> list[str]:
    """The column headers as on screen, in the active language."""
    return [str(label) for label in (*IMPORT_KOPPEN.values(), *EXPORT_KOPPEN)]


def rows(inschrijvingen: Iterable[Inschrijving]) -> list[list]:
    """One row per enrolment; ``inschrijvingen`` must select the person and organisation."""
    return [
        [
            _tekst(i.naam),
            _tekst(i.deelnemer.user.email if i.deelnemer.user.heeft_email else ""),
            _tekst(i.telefoon),
            _tekst(i.organisatie.naam if i.organisatie else ""),
            i.get_tag_display(),
            i.get_rol_display(),
            i.get_status_display(),
            i.wachtlijst_positie,
            timezone.localtime(i.ingeschreven_op).replace(tzinfo=None, microsecond=0),
        ]
        for i in inschrijvingen
    ]


def to_csv(data: list[list]) -> bytes:
    """UTF-8 with a byte order mark and semicolons: Excel with Dutch settings opens it as is."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers())
    for row in data:
        writer.writerow(
            [
                formats.date_format(cell, "SHORT_DATETIME_FORMAT")
                if isinstance(cell, datetime)
                else ("" if cell is None else cell)
                for cell in row
            ]
        )
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(data: list[list], *, titel: str = "Deelnemers") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = titel[:31]
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in data:
        sheet.append(row)
        sheet.cell(row=sheet.max_row, column=len(row)).number_format = "dd-mm-yyyy hh:mm"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for letter, width in zip("ABCDEFGHI", (25, 30, 15, 25, 20, 18, 12, 11, 17), strict=True):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
