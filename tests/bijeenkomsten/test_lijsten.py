"""Paper for people without e-mail and for the meeting day: the letter holds the meeting's
date and place, the call list who to call, the attendance list everyone placed."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import factories
import pytest
from django.urls import reverse
from pypdf import PdfReader

from samenspel.models import User
from trajecten import services
from trajecten.choices import InschrijvingStatus, Rol

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


@pytest.fixture
def setting():
    carla = factories.user(naam="Carla Coördinator", is_coordinator=True)
    traject = factories.traject(
        naam="Samen in Zuid", coordinatoren=[carla], contact_telefoon="020 1234567"
    )
    b = factories.bijeenkomst(
        traject,
        nummer=2,
        start=datetime(2027, 3, 4, 14, 0, tzinfo=ZoneInfo("Europe/Amsterdam")),
        plaats="Huis van de Wijk",
        adres="Voorbeeldstraat 1",
        ringleiding=True,
    )
    for naam in ("Gerda Mulder", "Henk Smit"):
        services.enrol_on_behalf(
            traject=traject, naam=naam, rol=Rol.MANTELZORGER, telefoon="+31612345678"
        )
    factories.inschrijving(traject, user=factories.user(naam="Anna Mail"), naam="Anna Mail")
    factories.inschrijving(traject, naam="Wim Wacht", status=InschrijvingStatus.WACHTLIJST)
    return carla, b


def _get(client, user, b, soort):
    client.force_login(user)
    return client.get(reverse("bijeenkomsten:lijst_pdf", kwargs={"pk": b.pk, "soort": soort}))


def test_letters_hold_the_meeting_date_place_and_phone_one_per_person(client, setting):
    carla, b = setting
    response = _get(client, carla, b, "brieven")
    pages = PdfReader(io.BytesIO(response.content)).pages
    assert len(pages) == 2  # Gerda and Henk; Anna has e-mail, Wim waits
    text = _text(response)
    assert "Beste Gerda Mulder," in text and "Beste Henk Smit," in text
    assert "donderdag 4 maart 2027, 14:00" in text
    assert "Huis van de Wijk" in text and "Voorbeeldstraat 1" in text
    assert "Er is een ringleiding." in text
    assert "020 1234567" in text
    assert "Anna Mail" not in text and "Wim Wacht" not in text


def test_call_and_attendance_lists(client, setting):
    carla, b = setting
    bellen = _text(_get(client, carla, b, "bellijst"))
    assert "Gerda Mulder" in bellen and "+31612345678" in bellen
    assert "Anna Mail" not in bellen
    presentie = _text(_get(client, carla, b, "presentielijst"))
    for naam in ("Anna Mail", "Gerda Mulder", "Henk Smit"):
        assert naam in presentie
    assert "Wim Wacht" not in presentie
    # The placeholder address of people without e-mail is never printed.
    assert "invalid" not in bellen + presentie


def test_only_coordinators_get_the_lists(client, setting):
    _carla, b = setting
    anna = User.objects.get(naam="Anna Mail")
    assert _get(client, anna, b, "brieven").status_code == 404
    assert client.get(f"/bijeenkomsten/{b.pk}/iets-anders.pdf").status_code == 404
