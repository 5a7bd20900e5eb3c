"""The front door: open and running trajecten on the home page and at /trajecten/, with
room per background in words, a filter by area and an archive of finished ones."""

from datetime import date

import factories
import pytest

from trajecten.balance import free_seats, seats_in_words
from trajecten.choices import InschrijvingStatus, Rol, TrajectStatus
from verslagen.models import Handreiking, HandreikingVersie

pytestmark = pytest.mark.django_db


def test_free_seats_respect_the_traject_and_each_background():
    limits = {"ervaringsdeskundige": 4}
    seated = {"formeel": 10, "informeel": 3, "ervaringsdeskundige": 4}
    assert free_seats(20, limits, seated) == {
        "formeel": 3,
        "informeel": 3,
        "ervaringsdeskundige": 0,
    }
    assert free_seats(10, {}, {"formeel": 12}) == dict.fromkeys(
        ["formeel", "informeel", "ervaringsdeskundige"], 0
    )
    assert [seats_in_words(n) for n in (0, 1, 3, 4)] == ["vol", "weinig", "weinig", "ruim"]


def test_anonymous_home_links_to_every_open_and_running_traject(client):
    open_ = factories.traject(naam="Samen in Noord", status=TrajectStatus.OPEN)
    lopend = factories.traject(naam="Samen in Oost", status=TrajectStatus.LOPEND)
    factories.traject(naam="Nog geheim", status=TrajectStatus.CONCEPT)
    factories.traject(naam="Al klaar", status=TrajectStatus.AFGEROND)
    html = client.get("/").content.decode()
    for t in (open_, lopend):
        assert f'href="/trajecten/{t.slug}/"' in html
        assert f'href="/trajecten/{t.slug}/aanmelden/"' in html
    assert "Nog geheim" not in html and "Al klaar" not in html
    assert 'href="/trajecten/"' in html  # the whole list, with the archive
    assert "Stuur mij een inloglink" in html  # sign-in stays below


def test_room_per_background_is_told_in_words_not_counts(client):
    t = factories.traject(capaciteit=10, max_ervaringsdeskundige=20)  # 2 seats for them
    for _ in range(2):
        factories.inschrijving(t, rol=Rol.ERVARINGSDESKUNDIGE)
    for _ in range(6):
        factories.inschrijving(t, rol=Rol.BEROEPSKRACHT)
    factories.inschrijving(t, rol=Rol.VRIJWILLIGER, status=InschrijvingStatus.WACHTLIJST)
    html = client.get("/trajecten/").content.decode()
    card = html[html.index(t.naam) :]
    card = card[: card.index("</li>")]
    # 8 of 10 seats taken: two left for professionals and volunteers, none for experts.
    assert "Professionals:</dt>" not in card  # the colon is CSS, not text
    assert card.count("Nog een paar plekken") == 2
    assert "Vol: je komt op de wachtlijst" in card
    for n in ("2", "6", "8"):
        assert f">{n}<" not in card


def test_the_list_filters_by_area_including_its_neighbourhoods(client):
    zuid = factories.gebied(naam="Zuid", soort="stadsdeel")
    pijp = factories.gebied(naam="De Pijp", ligt_in=zuid)
    noord = factories.gebied(naam="Noord", soort="stadsdeel")
    in_zuid = factories.traject(naam="Praten in Zuid", gebied=zuid)
    in_pijp = factories.traject(naam="Praten in de Pijp", gebied=pijp)
    in_noord = factories.traject(naam="Praten in Noord", gebied=noord)
    html = client.get("/trajecten/", {"gebied": zuid.pk}).content.decode()
    assert in_zuid.naam in html and in_pijp.naam in html
    assert in_noord.naam not in html
    assert f'<option value="{zuid.pk}" selected>' in html
    # Anything else shows all, never an error.
    for wrong in ("abc", "999999", "1 OR 1=1"):
        response = client.get("/trajecten/", {"gebied": wrong})
        assert response.status_code == 200
        assert in_noord.naam in response.content.decode()


def test_archive_names_the_definitive_guide_and_links_it_for_those_who_took_part(client):
    klaar = factories.traject(
        naam="Klaar in West", status=TrajectStatus.AFGEROND, einddatum=date(2026, 6, 30)
    )
    gids = Handreiking.objects.create(traject=klaar)
    versie = HandreikingVersie.objects.create(
        handreiking=gids, nummer=2, inhoud_hash="x", gepubliceerd_op="2026-07-01T10:00Z"
    )
    Handreiking.objects.filter(pk=gids.pk).update(definitief=versie)
    html = client.get("/trajecten/").content.decode()
    assert "Klaar in West" in html and "afgerond op 30 juni 2026" in html
    assert "De handreiking is klaar: versie 2, 1 juli 2026." in html
    assert f"/trajecten/{klaar.slug}/handreiking/" not in html
    deelnemer = factories.user()
    factories.inschrijving(klaar, user=deelnemer)
    client.force_login(deelnemer)
    html = client.get("/trajecten/").content.decode()
    assert f"/trajecten/{klaar.slug}/handreiking/" in html
    assert 'id="mijn-kop"' in html  # their own trajecten first


@pytest.mark.parametrize("size", [2, 20])
def test_front_door_pages_run_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    for i in range(size):
        t = factories.traject(
            status=TrajectStatus.LOPEND if i % 2 else TrajectStatus.OPEN,
            startdatum=date(2027, 1, 1 + i),
        )
        factories.inschrijving(t)
        factories.traject(status=TrajectStatus.AFGEROND)
    with django_assert_num_queries(2):  # trajecten, seats per background
        assert client.get("/").status_code == 200
    # areas, trajecten, seats, finished ones, their guides
    with django_assert_num_queries(5):
        assert client.get("/trajecten/").status_code == 200
