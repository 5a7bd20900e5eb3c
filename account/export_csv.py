"""A person's own data (``services.export_personal_data``) as one CSV file that Excel with
Dutch settings opens with a double click: UTF-8 with a byte order mark, semicolons, and one
block per kind of data (a title row, a header row, the rows, an empty row)."""

import csv
import io

from samenspel.cells import veilig


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, str):
        return veilig(value)
    return value


def to_csv(data: dict) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for section, content in data.items():
        rows = [content] if isinstance(content, dict) else (content or [])
        writer.writerow([section])
        if rows:
            keys = list(rows[0])
            writer.writerow(keys)
            writer.writerows([_cell(row.get(key)) for key in keys] for row in rows)
        writer.writerow([])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
