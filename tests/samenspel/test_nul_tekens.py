"""A NUL character anywhere in a request gets a clear 400, never a server error."""

import factories
import pytest
from django.urls import reverse
from django.utils import timezone

from trajecten.models import Inschrijving

pytestmark = pytest.mark.django_db

MELDING = "Er staat een teken in dat niet kan"


@pytest.fixture
def coordinator_client(client):
    coordinator = factories.user(is_coordinator=True)
    client.traject = factories.traject(coordinatoren=[coordinator])
    client.bijeenkomst = factories.bijeenkomst(client.traject, start=timezone.now(), uren=1)
    client.force_login(coordinator)
    return client


def test_nul_in_a_path_token(client):
    response = client.get("/agenda/ab%00c.ics")
    assert response.status_code == 400
    assert MELDING in response.content.decode()


def test_nul_in_a_search(coordinator_client):
    url = reverse("bijeenkomsten:aanwezigheid", kwargs={"pk": coordinator_client.bijeenkomst.pk})
    response = coordinator_client.get(url + "?zoek=a%00b")
    assert response.status_code == 400


def test_nul_in_a_form_field_writes_nothing(client):
    traject = factories.traject()
    url = reverse("trajecten:aanmelden", kwargs={"slug": traject.slug})
    data = {
        "naam": "Wim\x00",
        "email": "wim@voorbeeld.nl",
        "rol": "vrijwilliger",
        "taal": "nl",
        "toestemming": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert MELDING in response.content.decode()
    assert Inschrijving.objects.count() == 0


def test_nul_in_a_field_name(client):
    response = client.post(reverse("inloglink"), {"email\x00": "a@b.nl"})
    assert response.status_code == 400


def test_ordinary_unicode_passes(client):
    traject = factories.traject()
    url = reverse("trajecten:aanmelden", kwargs={"slug": traject.slug})
    data = {
        "naam": "Zoë Ĳsselmeer 🌷",
        "email": "zoe@voorbeeld.nl",
        "rol": "vrijwilliger",
        "taal": "nl",
        "toestemming": "on",
    }
    assert client.post(url, data).status_code == 302
