import re

import pytest
from django.core.management import call_command

from verslagen.models import VerslagVersie


@pytest.mark.django_db
def test_benchmark_command_prints_a_ratio_and_leaves_nothing(capsys):
    call_command("benchmark_verslag", aanwezigen=10, bijdragen=20, runs=1)
    out = capsys.readouterr().out
    assert "Report of 10 attendees and 20 contributions, median of 1 runs:" in out
    assert re.search(r"^Ratio build / WeasyPrint: \d+\.\d\d$", out, re.MULTILINE)
    assert VerslagVersie.objects.count() == 0
