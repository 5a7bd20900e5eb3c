"""People on a traject's waiting list who open one of its meeting pages see a kind page
(their place, what happens next), not a bare 404, and nothing of the meeting."""

import factories
import pytest
from django.urls import reverse
from django.utils import timezone

from trajecten.choices import InschrijvingStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    traject = factories.traject(naam="Samen in Oost", aanbod_uren=48)
    factories.inschrijving(traject, user=factories.user(naam="Zeldzaam Zitmens"))
    return factories.bijeenkomst(traject, plaats="Geheime Zaal", thema="Geheim thema")


@pytest.mark.parametrize(
    "page",
    [
        "bijeenkomsten:detail",
        "groepen:tafels",
        "groepen:voorbereiding",
        "bijeenkomsten:inbreng",
        "bijeenkomsten:ics",
    ],
)
def test_waiting_list_gets_a_kind_page_without_meeting_data(client, meeting, page):
    wachtend = factories.inschrijving(meeting.traject, status=InschrijvingStatus.WACHTLIJST)
    factories.inschrijving(meeting.traject, status=InschrijvingStatus.WACHTLIJST)
    assert wachtend.wachtlijst_positie == 1
    client.force_login(wachtend.deelnemer.user)
    response = client.get(reverse(page, kwargs={"pk": meeting.pk}))
    assert response.status_code == 403
    html = response.content.decode()
    assert "<title>Je staat op de wachtlijst – Samen in Oost – Samenspel</title>" in html
    assert "Je hebt nog geen plek in Samen in Oost." in html
    assert "Je staat op de wachtlijst, op nummer 1." in html
    assert (
        "Komt er een plek vrij? Dan krijg je een e-mail. "
        "Je hebt dan 48 uur om te zeggen of je de plek wilt." in html
    )
    for secret in ("Zeldzaam", "Geheime Zaal", "Geheim thema"):
        assert secret not in html


def test_offered_place_sees_the_meeting(client, meeting):
    """An offered place is held for the person: they see the meeting as before."""
    aangeboden = factories.inschrijving(
        meeting.traject, status=InschrijvingStatus.AANGEBODEN, aangeboden_op=timezone.now()
    )
    client.force_login(aangeboden.deelnemer.user)
    assert client.get(meeting.get_absolute_url()).status_code == 200


def test_waiting_list_in_english(client, meeting):
    wachtend = factories.inschrijving(
        meeting.traject,
        status=InschrijvingStatus.WACHTLIJST,
        user=factories.user(taal="en"),
    )
    client.force_login(wachtend.deelnemer.user)
    response = client.get(meeting.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert "You are on the waiting list, at number 1." in html
    assert "you will get an e-mail. You then have 48 hours" in html


def test_coordinator_pages_and_other_trajects_stay_404(client, meeting):
    wachtend = factories.inschrijving(meeting.traject, status=InschrijvingStatus.WACHTLIJST)
    elders = factories.inschrijving(factories.traject(), status=InschrijvingStatus.WACHTLIJST)
    client.force_login(wachtend.deelnemer.user)
    url = reverse("bijeenkomsten:aanwezigheid", kwargs={"pk": meeting.pk})
    assert client.get(url).status_code == 404
    client.force_login(elders.deelnemer.user)
    assert client.get(meeting.get_absolute_url()).status_code == 404
    afgemeld = factories.inschrijving(meeting.traject, status=InschrijvingStatus.AFGEMELD)
    client.force_login(afgemeld.deelnemer.user)
    assert client.get(meeting.get_absolute_url()).status_code == 404
