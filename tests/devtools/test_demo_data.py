"""The demo data shows every role something to do: two trajecten in one area (one open,
one running with a shared report and the guide out for comments), an administrator, a
rapporteur, a person without e-mail and one on SMS. Loading it twice changes nothing."""

import pytest
from django.urls import reverse

from devtools.demo_data import DEMO_USERS, seed_demo
from samenspel.models import User
from trajecten.choices import TrajectStatus
from trajecten.models import Inschrijving, Traject
from verslagen.choices import RondeStatus
from verslagen.models import Reviewronde, Verslag

pytestmark = pytest.mark.django_db


def _counts():
    return (User.objects.count(), Inschrijving.objects.count(), Traject.objects.count())


def test_demo_data_has_every_role_and_channel_and_loads_twice(client):
    seed_demo()
    before = _counts()
    seed_demo()
    assert _counts() == before

    statuses = dict(Traject.objects.values_list("slug", "status"))
    assert statuses == {"amsterdam-zuid": TrajectStatus.OPEN, "buitenveldert": TrajectStatus.LOPEND}
    lopend = Traject.objects.get(slug="buitenveldert")
    assert Verslag.objects.filter(bijeenkomst__traject=lopend, gepubliceerd__isnull=False).exists()
    assert Reviewronde.objects.filter(
        versie__handreiking__traject=lopend, status=RondeStatus.OPEN
    ).exists()

    users = {key: User.objects.get(email=email) for key, (email, _n, _r) in DEMO_USERS.items()}
    assert users["beheerder"].is_beheerder
    assert lopend.rapporteurs.filter(pk=users["rapporteur"].pk).exists()
    sms = User.objects.get(naam="Sjaak Kok")
    assert sms.per_sms and sms.mobiel.startswith("+316") and not sms.heeft_email
    bep = User.objects.get(naam="Bep Koster")
    assert not bep.heeft_email and not bep.per_sms

    # Every home has something to do.
    client.force_login(users["deelnemer"])
    assert "Wat kun je nu doen?" in client.get("/").content.decode()
    client.force_login(users["coordinator"])
    assert (
        "Bijeenkomst 2 is voorbij. Het verslag is nog niet gedeeld."
        in client.get("/").content.decode()
    )
    client.force_login(users["beheerder"])
    assert client.get(reverse("beheer:index")).status_code == 200
