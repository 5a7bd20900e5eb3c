"""The sign-up form is limited per IP, generously, with a clear Dutch page when it is hit."""

import factories
import pytest
from django.urls import reverse

from trajecten.choices import Rol
from trajecten.models import Aanmeldverzoek, Inschrijving

pytestmark = pytest.mark.django_db


def _form(n):
    return {
        "naam": f"Persoon {n}",
        "email": f"kamer{n}@voorbeeld.nl",
        "rol": Rol.VRIJWILLIGER,
        "taal": "nl",
        "toestemming": "on",
    }


def test_a_room_of_thirty_signs_up_on_one_laptop(client):
    traject = factories.traject(capaciteit=100)
    url = reverse("trajecten:aanmelden", kwargs={"slug": traject.slug})
    statuses = [client.post(url, _form(n)).status_code for n in range(30)]
    assert statuses == [302] * 30
    response = client.post(url, _form(30))
    assert response.status_code == 429
    html = response.content.decode()
    assert "Wacht 10 minuten en probeer het dan opnieuw." in html
    # Each waits for its confirmation by e-mail; confirmed, all thirty are enrolled.
    assert (Aanmeldverzoek.objects.count(), Inschrijving.objects.count()) == (30, 0)
    for n in range(30):
        factories.bevestig_aanmelding(client, f"kamer{n}@voorbeeld.nl")
    assert Inschrijving.objects.count() == 30


def test_the_limit_is_per_ip(client, settings):
    settings.AANMELD_LIMIET = "2/1m"
    traject = factories.traject()
    url = reverse("trajecten:aanmelden", kwargs={"slug": traject.slug})
    assert [client.post(url, _form(n)).status_code for n in range(3)] == [302, 302, 429]
    other = client.post(url, _form(4), REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 302
    assert "Wacht 1 minuut" in client.post(url, _form(5)).content.decode()


def test_reading_the_form_is_not_limited(client, settings):
    settings.AANMELD_LIMIET = "1/1m"
    traject = factories.traject()
    url = reverse("trajecten:aanmelden", kwargs={"slug": traject.slug})
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]


def test_the_limit_is_read_from_the_environment(monkeypatch):
    import importlib

    from samenspel import settings as settings_module

    monkeypatch.setenv("AANMELD_LIMIET", "500/1m")
    try:
        assert importlib.reload(settings_module).AANMELD_LIMIET == "500/1m"
    finally:
        monkeypatch.delenv("AANMELD_LIMIET")
        importlib.reload(settings_module)
