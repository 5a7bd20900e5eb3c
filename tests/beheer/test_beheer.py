"""Functional administration in the app: areas, organisations and roles, by an
administrator who is no superuser; everyone else gets 404; every change is audited."""

import factories
import pytest
from django.urls import reverse

from samenspel.models import Auditregel, User
from trajecten.models import Gebied, Organisatie

pytestmark = pytest.mark.django_db

PAGES = [
    ("beheer:index", {}),
    ("beheer:gebieden", {}),
    ("beheer:organisaties", {}),
    ("beheer:mensen", {}),
    ("beheer:logboek", {}),
]


@pytest.fixture
def bram():
    return factories.user(naam="Bram Beheerder", is_beheerder=True)


def test_an_administrator_sets_up_an_area_and_a_manager_sees_only_its_trajecten(client, bram):
    mira = factories.user(naam="Mira", is_manager=False)
    elders = factories.traject(naam="Elders", gebied=factories.gebied(naam="Elders"))
    client.force_login(bram)

    response = client.post(
        reverse("beheer:gebieden"), {"naam": "Nieuw-West", "soort": "stadsdeel"}, follow=True
    )
    assert "Nieuw-West is toegevoegd." in response.content.decode()
    west = Gebied.objects.get(naam="Nieuw-West")
    client.post(
        reverse("beheer:gebieden"),
        {"naam": "Slotervaart", "soort": "wijk", "ligt_in": west.pk},
    )
    slotervaart = Gebied.objects.get(naam="Slotervaart")
    assert slotervaart.ligt_in == west
    client.post(reverse("beheer:organisaties"), {"naam": "Buurtteam West"})
    org = Organisatie.objects.get(naam="Buurtteam West")

    response = client.post(
        reverse("beheer:persoon", kwargs={"pk": mira.pk}),
        {"is_manager": "on", "gebieden": [west.pk]},
        follow=True,
    )
    assert "De rollen van Mira zijn opgeslagen." in response.content.decode()
    mira.refresh_from_db()
    assert mira.is_manager and list(mira.beheerde_gebieden.all()) == [west]

    in_west = factories.traject(naam="Samen in Slotervaart", gebied=slotervaart)
    client.force_login(mira)
    dashboard = client.get(reverse("dashboard:overzicht")).content.decode()
    assert "Samen in Slotervaart" in dashboard  # a neighbourhood within the area
    assert elders.naam not in dashboard
    assert in_west.slug  # (made after the roles: the scope is the area, not a list)

    acties = set(Auditregel.objects.filter(door=bram).values_list("actie", flat=True))
    assert acties == {"gebied_nieuw", "organisatie_nieuw", "rollen_gewijzigd"}
    client.force_login(bram)
    log = client.get(reverse("beheer:logboek")).content.decode()
    assert "rollen van iemand gewijzigd" in log and "gebied aangemaakt" in log
    assert org.pk


def test_bad_input_is_explained_and_nothing_is_written(client, bram):
    factories.gebied(naam="Zuid", soort="stadsdeel")
    client.force_login(bram)
    html = client.post(reverse("beheer:gebieden"), {"naam": "", "soort": "wijk"}).content
    assert "Dit veld is verplicht." in html.decode()
    html = client.post(reverse("beheer:gebieden"), {"naam": "zuid", "soort": "wijk"}).content
    assert "Er is al een gebied met deze naam." in html.decode()
    zuid = Gebied.objects.get(naam="Zuid")
    html = client.post(
        reverse("beheer:gebieden"), {"naam": "Oost", "soort": "stadsdeel", "ligt_in": zuid.pk}
    ).content.decode()
    assert "Een stadsdeel ligt niet in een ander gebied." in html
    html = client.post(reverse("beheer:gebieden"), {"naam": "X", "soort": "planeet"}).content
    assert "Selecteer een geldige keuze" in html.decode()
    factories.organisatie(naam="Buurtteam")
    html = client.post(reverse("beheer:organisaties"), {"naam": "BUURTTEAM"}).content
    assert "Er is al een organisatie met deze naam." in html.decode()
    assert Gebied.objects.count() == 1 and Organisatie.objects.count() == 1
    # An administrator cannot take away their own role (nobody would be left to give it).
    html = client.post(reverse("beheer:persoon", kwargs={"pk": bram.pk}), {}).content.decode()
    assert "Je kunt jezelf geen beheerder af maken." in html
    assert User.objects.get(pk=bram.pk).is_beheerder
    assert not Auditregel.objects.exists()


def test_people_are_found_by_name_or_address(client, bram):
    factories.user(naam="Fatima el Amrani", email="fatima@voorbeeld.nl")
    factories.user(naam="Kees", is_coordinator=True)
    client.force_login(bram)
    html = client.get(reverse("beheer:mensen")).content.decode()
    assert "Kees" in html and "Fatima" not in html  # without a search: people with a role
    html = client.get(reverse("beheer:mensen"), {"zoek": "amrani"}).content.decode()
    assert "Fatima el Amrani" in html and "Kees" not in html


@pytest.mark.parametrize("who", ["deelnemer", "coordinator", "manager"])
def test_everyone_else_gets_404(client, who):
    user = factories.user(is_coordinator=who == "coordinator", is_manager=who == "manager")
    client.force_login(user)
    for name, kwargs in PAGES:
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 404
    gebied = factories.gebied()
    assert client.get(reverse("beheer:gebied", kwargs={"pk": gebied.pk})).status_code == 404
    assert (
        client.post(reverse("beheer:gebieden"), {"naam": "X", "soort": "wijk"}).status_code == 404
    )


@pytest.mark.parametrize("size", [2, 20])
def test_pages_run_a_fixed_number_of_queries(client, bram, django_assert_num_queries, size):
    for n in range(size):
        g = factories.gebied(naam=f"Gebied {n}")
        factories.traject(gebied=g)
        factories.organisatie(naam=f"Organisatie {n}")
        factories.user(naam=f"Coördinator {n}", is_coordinator=True)
    client.force_login(bram)
    with django_assert_num_queries(4):  # session, user, the areas, the stadsdelen to choose
        client.get(reverse("beheer:gebieden"))
    with django_assert_num_queries(3):  # session, user, the organisations
        client.get(reverse("beheer:organisaties"))
    with django_assert_num_queries(4):  # session, user, count, a page of people
        client.get(reverse("beheer:mensen"))
