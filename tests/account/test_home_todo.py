"""The homes say what to do now: a participant's replies, evaluations, reports, guide
rounds and offered seats; a coordinator's reports, comments, prep groups, offered seats
and meetings without a place or agenda, with the next meeting's replies per background."""

from datetime import timedelta

import factories
import pytest
from django.utils import timezone

from bijeenkomsten.choices import Antwoord
from bijeenkomsten.models import Aanwezigheid, Agendapunt
from trajecten.choices import InschrijvingStatus, Rol
from verslagen.choices import RondeStatus
from verslagen.models import (
    Evaluatie,
    Handreiking,
    HandreikingVersie,
    Opmerking,
    Reviewronde,
)

pytestmark = pytest.mark.django_db


def _home(client, user) -> str:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def _round(traject, **kw):
    gids = Handreiking.objects.create(traject=traject)
    versie = HandreikingVersie.objects.create(handreiking=gids, nummer=1, inhoud_hash="x")
    return Reviewronde.objects.create(
        versie=versie, deadline=timezone.now() + timedelta(days=5), status=RondeStatus.OPEN, **kw
    )


def test_participant_sees_what_to_do_and_it_goes_when_done(client):
    user = factories.user(naam="Anna de Wit")
    t = factories.traject(naam="Samen in Zuid")
    mijn = factories.inschrijving(t, user=user)
    komt = factories.bijeenkomst(t, nummer=3, plaats="Buurthuis")
    voorbij = factories.bijeenkomst(t, nummer=2, einde=timezone.now() - timedelta(days=2))
    gedeeld = factories.bijeenkomst(t, nummer=1, einde=timezone.now() - timedelta(days=9))
    factories.verslagversie(gedeeld, gepubliceerd=True)
    ronde = _round(t)
    html = _home(client, user)
    assert "Wat kun je nu doen?" in html
    assert "Laat weten of je komt naar bijeenkomst 3 van Samen in Zuid" in html
    assert f'href="/bijeenkomsten/{komt.pk}/#antwoord"' in html
    assert "Vul de evaluatie in van bijeenkomst 2 van Samen in Zuid." in html
    assert f'href="/bijeenkomsten/{voorbij.pk}/evaluatie/"' in html
    assert "Lees het nieuwe verslag van bijeenkomst 1 van Samen in Zuid." in html
    assert "Lees de handreiking van Samen in Zuid en reageer" in html

    # Done: replied, evaluated, read the guide.
    Aanwezigheid.objects.create(bijeenkomst=komt, inschrijving=mijn, antwoord=Antwoord.KOMT)
    Evaluatie.objects.create(
        bijeenkomst=voorbij, inschrijving=mijn, doelmatigheid=4, open=4, eerlijk=4, inzet=4
    )
    ronde.gelezen.create(inschrijving=mijn)
    html = _home(client, user)
    assert "Laat weten of je komt" not in html
    assert "Vul de evaluatie in" not in html
    assert "Lees de handreiking" not in html
    assert "Lees het nieuwe verslag" in html  # still recent


def test_a_person_on_the_waiting_list_gets_no_tasks_but_an_offer_does(client):
    user = factories.user()
    t = factories.traject(naam="Samen in Oost", aanbod_uren=48)
    factories.bijeenkomst(t)
    i = factories.inschrijving(t, user=user, status=InschrijvingStatus.WACHTLIJST)
    assert "Wat kun je nu doen?" not in _home(client, user)
    i.status = InschrijvingStatus.AANGEBODEN
    i.aangeboden_op = timezone.now()
    i.wachtlijst_positie = None
    i.save()
    html = _home(client, user)
    assert "Er is een plek voor je vrij in Samen in Oost. Zeg ja of nee vóór" in html
    assert f'href="/trajecten/{t.slug}/aanbod/"' in html


def test_coordinator_home_lists_what_needs_doing_per_traject(client):
    carla = factories.user(is_coordinator=True)
    t = factories.traject(naam="Samen in West", coordinatoren=[carla], aanbod_uren=24)
    factories.bijeenkomst(t, nummer=1, einde=timezone.now() - timedelta(days=1))
    volgende = factories.bijeenkomst(t, nummer=2, plaats="")
    factories.voorbereidingsgroep(volgende)
    bo = factories.inschrijving(t, naam="Bo Jansen", rol=Rol.BEROEPSKRACHT)
    factories.inschrijving(
        t, naam="Cor Aanbod", status=InschrijvingStatus.AANGEBODEN, aangeboden_op=timezone.now()
    )
    Aanwezigheid.objects.create(bijeenkomst=volgende, inschrijving=bo, antwoord=Antwoord.KOMT)
    ronde = _round(t)
    for tekst in ("a", "b"):
        Opmerking.objects.create(ronde=ronde, sectie="inleiding", tekst=tekst)
    html = _home(client, carla)
    card = html[html.index('id="coord-') :]
    assert "Bijeenkomst 1 is voorbij. Het verslag is nog niet gedeeld." in card
    assert "2 reacties op de handreiking wachten op je." in card
    assert "De voorbereidingsgroep van bijeenkomst 2 heeft nog niemand." in card
    assert "Plek aangeboden aan Cor Aanbod. Het aanbod vervalt op" in card
    assert "Bijeenkomst 2 heeft nog geen plaats." in card
    assert "Volgende bijeenkomst: 2" in card
    # One professional comes; the table says so per background.
    row = card[card.index(">Formeel</th>") :]
    assert row.index(">1</td>") < row.index("</tr>")
    for page in ("deelnemers/", "balans/", "handreiking/", "waarden/", "logboek/"):
        assert f'href="/trajecten/{t.slug}/{page}"' in card

    # With a place and an agenda, those lines go.
    volgende.plaats = "Buurthuis"
    volgende.save()
    Agendapunt.objects.create(bijeenkomst=volgende, volgorde=1, titel="Welkom", duur=10)
    html = _home(client, carla)
    assert "heeft nog geen plaats" not in html and "heeft nog geen agenda" not in html


@pytest.mark.parametrize("size", [1, 6])
def test_homes_run_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    carla = factories.user(is_coordinator=True)
    anna = factories.user()
    for _ in range(size):
        t = factories.traject(coordinatoren=[carla])
        factories.inschrijving(t, user=anna)
        factories.bijeenkomst(t, nummer=1, einde=timezone.now() - timedelta(days=1))
        factories.voorbereidingsgroep(factories.bijeenkomst(t, nummer=2))
        _round(t)
    client.force_login(anna)
    # session, user, agenda token, enrolments, reply, evaluation, reports, guide rounds,
    # next meetings
    with django_assert_num_queries(9):
        client.get("/")
    client.force_login(carla)
    # session, user, agenda token, enrolments, coordinated trajecten, next meetings, and
    # for the coordinator: reports, comments, prep groups, offers, place or agenda, next
    # meetings, their replies
    with django_assert_num_queries(13):
        client.get("/")


def test_participant_home_shows_own_reply_route_and_calendar_links(client, settings):
    settings.SITE_URL = "https://samenspel.voorbeeld.nl"
    user = factories.user()
    t = factories.traject()
    mijn = factories.inschrijving(t, user=user)
    b = factories.bijeenkomst(
        t, nummer=2, plaats="Buurthuis De Pijp", adres="Ferdinand Bolstraat 1"
    )
    html = _home(client, user)
    assert f'href="/bijeenkomsten/{b.pk}/#antwoord">Laat weten of je komt' in html
    assert (
        "https://www.google.com/maps/dir/?api=1&amp;destination="
        "Ferdinand%20Bolstraat%201%2C%20Buurthuis%20De%20Pijp"
    ) in html
    token = user.deelnemer.agenda_token
    assert f'href="webcal://samenspel.voorbeeld.nl/agenda/{token}.ics"' in html
    assert (
        "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2F"
        f"samenspel.voorbeeld.nl%2Fagenda%2F{token}.ics"
    ) in html
    assert "https://outlook.live.com/calendar/0/addfromweb?url=https%3A%2F%2F" in html
    Aanwezigheid.objects.create(bijeenkomst=b, inschrijving=mijn, antwoord=Antwoord.KOMT_NIET)
    html = _home(client, user)
    assert "Je hebt laten weten dat je niet komt." in html
