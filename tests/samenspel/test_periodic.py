"""Periodic work: every app's jobs run from one sweep, each in its own transaction."""

import pytest
from django.utils import timezone

from samenspel import periodic
from samenspel.models import User

pytestmark = pytest.mark.django_db


def test_every_app_registers_its_own_jobs():
    assert {
        "aanbod_verlopen",
        "aanmeldingen_verlopen",
        "importen_herstart",
        "verslagen_herstart",
        "handreiking_herstart",
        "inloglinks_opgeruimd",
    } <= set(periodic._jobs)


def test_a_failing_job_rolls_back_alone_and_the_others_still_run(monkeypatch, caplog):
    ran = []

    def writes_then_fails(now):
        User.objects.create_user(email="half@voorbeeld.nl", naam="Half")
        raise RuntimeError("broken job")

    def counts(now):
        ran.append(now)
        return User.objects.count() + 1

    jobs = {"eerst_kapot": writes_then_fails, "daarna": counts}
    monkeypatch.setattr(periodic, "_jobs", jobs)
    now = timezone.now()
    done = periodic.run(now)
    assert done == {"eerst_kapot": 0, "daarna": 1}
    assert ran == [now]
    # What the failing job wrote is undone; the database is usable for the next job.
    assert not User.objects.filter(email="half@voorbeeld.nl").exists()
    assert "periodic job eerst_kapot failed" in caplog.text
