import json

import factories
import pytest
from django.urls import reverse

from bijeenkomsten.models import Bijdrage
from samenspel.models import User
from trajecten.choices import InschrijvingStatus

pytestmark = pytest.mark.django_db


def test_participant_downloads_own_data(client):
    traject = factories.traject()
    mijn = factories.inschrijving(traject, talenten="Koken", wensen="Eenzaamheid")
    factories.inschrijving(traject, user=factories.user(naam="Iemand Anders"))
    client.force_login(mijn.deelnemer.user)
    response = client.get(reverse("mijn_gegevens") + "?format=json")
    data = json.loads(response.content)
    assert data["account"]["email"] == mijn.deelnemer.user.email
    assert [(i["traject"], i["talenten"], i["wensen"]) for i in data["inschrijvingen"]] == [
        (traject.naam, "Koken", "Eenzaamheid")
    ]
    assert "Iemand Anders" not in response.content.decode()


def test_delete_account_frees_seat_and_keeps_contributions_anonymous(client):
    traject = factories.traject(capaciteit=1)
    mijn = factories.inschrijving(traject)
    waiting = factories.inschrijving(traject, status=InschrijvingStatus.WACHTLIJST)
    from django.utils import timezone

    b = factories.bijeenkomst(traject, start=timezone.now(), uren=1)
    Bijdrage.objects.create(
        bijeenkomst=b, soort="idee", tekst="Samen koken", door=mijn.deelnemer.user
    )
    user = mijn.deelnemer.user
    client.force_login(user)
    url = reverse("account_verwijderen")
    client.post(url, {})  # without the tick nothing happens
    assert User.objects.filter(pk=user.pk).exists()
    client.post(url, {"bevestig": "ja"})
    assert not User.objects.filter(pk=user.pk).exists()
    waiting.refresh_from_db()
    assert waiting.status == InschrijvingStatus.AANGEBODEN
    assert list(Bijdrage.objects.values_list("tekst", "door")) == [("Samen koken", None)]


def test_withdrawing_leaves_future_prep_group():
    from datetime import timedelta

    from django.utils import timezone

    from groepen.models import Groepslid
    from trajecten.services import withdraw

    traject = factories.traject()
    mijn = factories.inschrijving(traject)
    komend = factories.bijeenkomst(traject, nummer=2, start=timezone.now() + timedelta(days=5))
    factories.voorbereidingsgroep(komend, leden=[mijn])
    withdraw(inschrijving=mijn)
    assert Groepslid.objects.count() == 0
