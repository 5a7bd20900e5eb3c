"""The figures of a dashboard page as tables of text, and those tables as HTML, CSV and XLSX.

The screen and the exports are written from the same ``Tabel`` objects, cell for cell, so
an export holds exactly the figures on screen (perturbed where the screen is).
Pure: no Django imports. The HTML is built here (not in a template loop) because the
dashboard at city scale has thousands of cells.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from html import escape

from samenspel.cells import veilig as _veilig

_GETAL = re.compile(r"-?\d+([.,]\d+)?%?")
_TEKENS = ("< 5", "–")  # hidden averages and empty cells line up with the numbers


@dataclass
class Rij:
    kop: str  # the row header
    cellen: list[str]
    link: str = ""  # optional URL for the row header


@dataclass
class Tabel:
    id: str
    titel: str
    kolommen: list[str]  # headers, the first one over the row headers
    rijen: list[Rij] = field(default_factory=list)
    # Sections of columns on screen, (title, number of columns), covering all columns: a
    # header row above the column headers, so a wide table reads in parts.
    groepen: list[tuple[str, int]] = field(default_factory=list)

    def als_lijsten(self) -> list[list[str]]:
        """Header row and data rows, as plain lists of text."""
        return [list(self.kolommen)] + [[r.kop, *r.cellen] for r in self.rijen]


def html(tabel: Tabel, *, caption_hidden: bool = False) -> str:
    caption_class = ' class="visually-hidden"' if caption_hidden else ""
    out = [
        f'<div class="utrecht-table-container" role="region" tabindex="0"'
        f' aria-labelledby="{tabel.id}-caption">'
        f'<table class="utrecht-table utrecht-table--html-table dashboard-tabel" id="{tabel.id}">'
        f'<caption id="{tabel.id}-caption"{caption_class}>{escape(tabel.titel)}</caption>'
    ]
    if tabel.groepen:
        out.extend(f'<colgroup span="{n}"></colgroup>' for _, n in tabel.groepen)
        out.append('<thead><tr class="dashboard-tabel__groepen">')
        out.extend(
            f'<th scope="colgroup" colspan="{n}">{escape(titel)}</th>'
            if titel
            else f'<td colspan="{n}"></td>'
            for titel, n in tabel.groepen
        )
        out.append("</tr><tr>")
    else:
        out.append("<thead><tr>")
    out.extend(f'<th scope="col">{escape(k)}</th>' for k in tabel.kolommen)
    out.append("</tr></thead><tbody>")
    for rij in tabel.rijen:
        kop = escape(rij.kop)
        if rij.link:
            kop = f'<a href="{escape(rij.link)}">{kop}</a>'
        out.append(f'<tr><th scope="row">{kop}</th>')
        out.extend(
            f'<td class="tabel__getal">{escape(c)}</td>'
            if _GETAL.fullmatch(c) or c in _TEKENS or " / " in c
            else f"<td>{escape(c)}</td>"
            for c in rij.cellen
        )
        out.append("</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def to_csv(tabellen: list[Tabel]) -> bytes:
    """All tables one after the other, each under its title and separated by an empty
    line. UTF-8 with a byte order mark and semicolons, as Excel with Dutch settings wants."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for k, tabel in enumerate(tabellen):
        if k:
            writer.writerow([])
        writer.writerow([_veilig(tabel.titel)])
        for row in tabel.als_lijsten():
            writer.writerow([_veilig(c) for c in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(tabellen: list[Tabel]) -> bytes:
    """One sheet per table, every cell as the text shown on screen."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for tabel in tabellen:
        name = re.sub(r"[\[\]:*?/\\]", "", tabel.titel)[:28] or tabel.id[:28]
        base, n = name, 2
        while name.lower() in used:
            name = f"{base[:25]} {n}"
            n += 1
        used.add(name.lower())
        ws = wb.create_sheet(name)
        ws.append([_veilig(tabel.titel)])
        ws["A1"].font = Font(bold=True)
        for row in tabel.als_lijsten():
            ws.append([_veilig(c) for c in row])
        for cell in ws[2]:
            cell.font = Font(bold=True)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def from_csv(data: bytes) -> list[list[list[str]]]:
    """Read back what ``to_csv`` wrote: per table its title row and rows (for tests)."""
    text = data.decode("utf-8-sig")
    tables, current = [], []
    for row in csv.reader(io.StringIO(text), delimiter=";"):
        if not row:
            tables.append(current)
            current = []
        else:
            current.append(row)
    if current:
        tables.append(current)
    return tables
