"""The general benchmark command runs every main page at two sizes; each must hold its
query count, and nothing it builds stays behind."""

import io

from django.core.management import call_command

from trajecten.models import Traject

PAGES = [
    "trivial view",
    "home",
    "traject",
    "sign-up form",
    "participant list",
    "meeting",
    "live screen",
    "prep group",
    "values",
    "evaluation",
    "report",
    "guide",
    "dashboard",
    "balance",
]


def test_benchmark_prints_every_page_with_a_fixed_query_count(transactional_db):
    out = io.StringIO()
    call_command("benchmark", runs=1, trajecten=5, stdout=out)
    rows = [line for line in out.getvalue().splitlines() if line.startswith("| ")][1:]
    assert [row.split(" | ")[0].removeprefix("| ") for row in rows] == PAGES
    assert not [row for row in rows if "grows" in row]
    assert Traject.objects.count() == 0
