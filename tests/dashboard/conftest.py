from html.parser import HTMLParser

import pytest


class _Tables(HTMLParser):
    """Reads every <table> of a page: its caption and its rows as lists of cell texts (the
    row that names sections of columns is left out: it is no row of figures)."""

    def __init__(self):
        super().__init__()
        self.tables, self._cell, self._row, self._caption = [], None, None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"id": dict(attrs).get("id"), "caption": "", "rows": []})
        elif tag == "caption":
            self._caption = ""
        elif tag == "tr":
            groups = dict(attrs).get("class") == "dashboard-tabel__groepen"
            self._row = None if groups else []
        elif tag in ("td", "th"):
            self._cell = ""

    def handle_endtag(self, tag):
        if tag == "caption":
            self.tables[-1]["caption"] = self._caption.strip()
            self._caption = None
        elif tag in ("td", "th") and self._row is not None:
            self._row.append(" ".join(self._cell.split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1]["rows"].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data
        elif self._caption is not None:
            self._caption += data


def tables_of(html: str) -> dict[str, dict]:
    parser = _Tables()
    parser.feed(html)
    return {t["id"]: t for t in parser.tables}


@pytest.fixture
def tables():
    return tables_of


def published_count(ids) -> int:
    """The count a manager sees for the records with ``ids`` (a set of people or visits)."""
    from dashboard import perturbation
    from dashboard.figures import geheim

    ids = list(ids)
    return perturbation.publish(geheim(), perturbation.Cel(len(ids), sum(ids)))


@pytest.fixture
def published():
    return published_count
