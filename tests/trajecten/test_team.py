"""A coordinator manages the team of their traject: co-coordinators and rapporteurs (who
then get their pages) and the organisations it is tied to."""

import factories
import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.models import Auditregel

pytestmark = pytest.mark.django_db


@pytest.fixture
def carla():
    return factories.user(naam="Carla", is_coordinator=True)


@pytest.fixture
def traject(carla):
    return factories.traject(naam="Samen in Oost", coordinatoren=[carla])


def _team(traject) -> str:
    return reverse("trajecten:team", kwargs={"slug": traject.slug})


def _weg(traject, rol, pk) -> str:
    return reverse("trajecten:team_weg", kwargs={"slug": traject.slug, "rol": rol, "pk": pk})


def test_added_members_get_their_pages(client, carla, traject):
    ria = factories.user(naam="Ria", email="ria@voorbeeld.nl")
    kees = factories.user(naam="Kees", email="kees@voorbeeld.nl")
    b = factories.bijeenkomst(traject, einde=timezone.now())
    deelnemers = reverse("trajecten:deelnemers", kwargs={"slug": traject.slug})
    verslag = reverse("verslagen:verslag", kwargs={"pk": b.pk})
    client.force_login(kees)
    assert client.get(deelnemers).status_code == 404
    client.force_login(ria)
    assert client.get(verslag).status_code == 404

    client.force_login(carla)
    response = client.post(
        _team(traject),
        {"actie": "lid", "email": "RIA@voorbeeld.nl", "rol": "rapporteur"},
        follow=True,
    )
    assert "Ria hoort nu bij het team." in response.content.decode()
    client.post(
        _team(traject), {"actie": "lid", "email": "kees@voorbeeld.nl", "rol": "coordinator"}
    )
    client.force_login(kees)
    assert client.get(deelnemers).status_code == 200
    client.force_login(ria)
    assert client.get(verslag).status_code == 200
    acties = list(
        Auditregel.objects.filter(traject_id=traject.pk).values_list("actie", "payload__rol")
    )
    assert sorted(acties) == [("team_toegevoegd", "coordinator"), ("team_toegevoegd", "rapporteur")]


def test_unknown_address_twice_and_the_last_coordinator(client, carla, traject):
    client.force_login(carla)
    html = client.post(
        _team(traject), {"actie": "lid", "email": "niemand@voorbeeld.nl", "rol": "coordinator"}
    ).content.decode()
    assert "Er is nog geen account met dit e-mailadres." in html
    html = client.post(
        _team(traject), {"actie": "lid", "email": carla.email, "rol": "coordinator"}
    ).content.decode()
    assert "Carla hoort al bij het team." in html
    html = client.post(_team(traject), {"actie": "lid", "email": "geen adres"}).content.decode()
    assert "Voer een geldig e-mailadres in." in html
    response = client.post(_weg(traject, "coordinator", carla.pk), follow=True)
    assert "Een traject heeft altijd minstens één coördinator." in response.content.decode()
    assert list(traject.coordinatoren.all()) == [carla]
    assert not Auditregel.objects.exists()


def test_a_linked_organisation_shows_the_traject_to_its_managers(client, carla, traject):
    org = factories.organisatie(naam="Buurtteam Oost")
    mo = factories.user(naam="Mo", is_manager=True)
    org.managers.add(mo)
    client.force_login(mo)
    assert "Samen in Oost" not in client.get(reverse("dashboard:overzicht")).content.decode()
    client.force_login(carla)
    client.post(_team(traject), {"actie": "organisatie", "organisatie": org.pk})
    assert list(traject.organisaties.all()) == [org]
    client.force_login(mo)
    assert "Samen in Oost" in client.get(reverse("dashboard:overzicht")).content.decode()
    client.force_login(carla)
    client.post(_weg(traject, "organisatie", org.pk))
    assert not traject.organisaties.exists()


def test_others_get_404(client, traject):
    participant = factories.inschrijving(traject).deelnemer.user
    for user in (participant, factories.user(is_coordinator=True), factories.user(is_manager=True)):
        client.force_login(user)
        assert client.get(_team(traject)).status_code == 404
        assert client.post(_weg(traject, "coordinator", user.pk)).status_code == 404


@pytest.mark.parametrize("size", [2, 20])
def test_team_page_runs_a_fixed_number_of_queries(
    client, carla, traject, django_assert_num_queries, size
):
    for n in range(size):
        traject.rapporteurs.add(factories.user(naam=f"R{n}"))
        traject.organisaties.add(factories.organisatie(naam=f"Org {n}"))
    factories.organisatie(naam="Nog niet gekoppeld")
    client.force_login(carla)
    # session, user, traject, coordinators, rapporteurs, organisations, and the organisations
    # still to link (whether there are any, then the choices)
    with django_assert_num_queries(9):
        client.get(_team(traject))
