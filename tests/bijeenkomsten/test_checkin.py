"""The coordinator's check-in list on the day: tap to mark present, search, add a walk-in."""

from datetime import datetime
from zoneinfo import ZoneInfo

import factories
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from bijeenkomsten import queries
from bijeenkomsten.models import Aanwezigheid
from samenspel.models import User
from trajecten.choices import TAG_VAN_ROL, InschrijvingStatus, Rol, Tag
from trajecten.models import Deelnemer, Inschrijving

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
ROLLEN = [Rol.BEROEPSKRACHT, Rol.VRIJWILLIGER, Rol.ERVARINGSDESKUNDIGE, Rol.MANTELZORGER]


@pytest.fixture
def coordinator():
    return factories.user(is_coordinator=True, naam="Carla Coördinator")


@pytest.fixture
def traject(coordinator):
    return factories.traject(coordinatoren=[coordinator], capaciteit=20)


@pytest.fixture
def bijeenkomst(traject):
    return factories.bijeenkomst(traject, start=datetime(2026, 3, 10, 19, 0, tzinfo=AMS), uren=2.5)


@pytest.fixture
def coord_client(client, coordinator):
    client.force_login(coordinator)
    return client


def _url(b, name="aanwezigheid"):
    return reverse(f"bijeenkomsten:{name}", kwargs={"pk": b.pk})


def _bulk_people(traject, n, *, start=0):
    """``n`` people with a seat, in a few queries; tags rotate."""
    users = User.objects.bulk_create(
        User(email=f"massa{i}@voorbeeld.nl", naam=f"Massa {i:04d}") for i in range(start, start + n)
    )
    deelnemers = Deelnemer.objects.bulk_create(Deelnemer(user=u) for u in users)
    return Inschrijving.objects.bulk_create(
        Inschrijving(
            traject=traject,
            deelnemer=d,
            rol=ROLLEN[i % len(ROLLEN)],
            tag=TAG_VAN_ROL[ROLLEN[i % len(ROLLEN)]],
            status=InschrijvingStatus.GEPLAATST,
        )
        for i, d in enumerate(deelnemers)
    )


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def _present(b, inschrijving) -> bool:
    return Aanwezigheid.objects.filter(
        bijeenkomst=b, inschrijving=inschrijving, aanwezig=True
    ).exists()


# --- the list -----------------------------------------------------------------------------


def test_checkin_page_lists_people_with_a_seat(coord_client, traject, bijeenkomst):
    ans = factories.inschrijving(traject, user=factories.user(naam="Ans Bakker"))
    factories.inschrijving(
        traject, user=factories.user(naam="Wim Wachter"), status=InschrijvingStatus.WACHTLIJST
    )
    response = coord_client.get(_url(bijeenkomst))
    html = response.content.decode()
    assert response.status_code == 200
    assert list(response.context["personen"]) == [ans]
    assert html.count('class="checkin__rij"') == 1
    assert "Ans Bakker" in html
    assert "Wim Wachter" not in html
    assert 'aria-pressed="false"' in html
    assert "Aanwezig: 0 van de 1<" in html
    assert response["Vary"].count("HX-Request") == 1


def test_checkin_search_plain_get_filters_by_name(coord_client, traject, bijeenkomst):
    factories.inschrijving(traject, user=factories.user(naam="Ans Bakker"))
    factories.inschrijving(traject, user=factories.user(naam="Bo de Vries"))
    response = coord_client.get(_url(bijeenkomst), {"zoek": "bak"})
    html = response.content.decode()
    assert [str(i.deelnemer) for i in response.context["personen"]] == ["Ans Bakker"]
    assert "1 persoon gevonden." in html
    assert 'value="bak"' in html
    assert html.count("<h1>") == 1


def test_checkin_search_htmx_gets_only_the_list(coord_client, traject, bijeenkomst):
    factories.inschrijving(traject, user=factories.user(naam="Ans Bakker"))
    factories.inschrijving(traject, user=factories.user(naam="Bo de Vries"))
    response = coord_client.get(_url(bijeenkomst), {"zoek": "vries"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>" not in html
    assert "<html" not in html
    assert html.count('class="checkin__rij"') == 1
    assert "Bo de Vries" in html
    assert "Ans Bakker" not in html
    assert "1 persoon gevonden." in html


def test_checkin_search_without_match_points_to_walk_in(coord_client, traject, bijeenkomst):
    factories.inschrijving(traject, user=factories.user(naam="Ans Bakker"))
    response = coord_client.get(_url(bijeenkomst), {"zoek": "xyz"}, HTTP_HX_REQUEST="true")
    assert "Niemand gevonden met die naam." in response.content.decode()


def test_checkin_history_restore_gets_full_page(coord_client, bijeenkomst):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    html = coord_client.get(_url(bijeenkomst), headers=headers).content.decode()
    assert html.count("<h1>") == 1
    assert html.count('id="lijst"') == 1


# --- tapping a name -----------------------------------------------------------------------


def test_checkin_post_marks_present_and_returns_to_the_row(coord_client, traject, bijeenkomst):
    ans = factories.inschrijving(traject, user=factories.user(naam="Ans Bakker"))
    response = coord_client.post(
        _url(bijeenkomst), {"inschrijving": ans.pk, "aanwezig": "1", "zoek": "ans"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{_url(bijeenkomst)}?zoek=ans#persoon-{ans.pk}"
    assert _messages(response) == ["Ans Bakker is aanwezig."]
    row = Aanwezigheid.objects.get(bijeenkomst=bijeenkomst, inschrijving=ans)
    assert row.aanwezig is True
    assert row.aangemeld_op is not None


def test_checkin_post_twice_stays_present(coord_client, traject, bijeenkomst):
    """The button posts the wanted state, not a toggle: a double tap changes nothing."""
    ans = factories.inschrijving(traject)
    for _ in range(2):
        coord_client.post(_url(bijeenkomst), {"inschrijving": ans.pk, "aanwezig": "1"})
    assert _present(bijeenkomst, ans) is True
    assert Aanwezigheid.objects.count() == 1


def test_checkin_post_can_undo(coord_client, traject, bijeenkomst):
    ans = factories.inschrijving(traject, user=factories.user(naam="Ans Bakker"))
    coord_client.post(_url(bijeenkomst), {"inschrijving": ans.pk, "aanwezig": "1"})
    response = coord_client.post(_url(bijeenkomst), {"inschrijving": ans.pk, "aanwezig": "0"})
    assert _messages(response)[-1] == "Ans Bakker is niet meer aanwezig."
    row = Aanwezigheid.objects.get(bijeenkomst=bijeenkomst, inschrijving=ans)
    assert (row.aanwezig, row.aangemeld_op) == (False, None)


def test_checkin_htmx_post_returns_row_and_counter(coord_client, traject, bijeenkomst):
    ans = factories.inschrijving(traject, user=factories.user(naam="Ans Bakker"))
    factories.inschrijving(traject)
    response = coord_client.post(
        _url(bijeenkomst), {"inschrijving": ans.pk, "aanwezig": "1"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="checkin__rij"') == 1
    assert f'id="persoon-{ans.pk}"' in html
    assert 'aria-pressed="true"' in html
    assert 'name="aanwezig" value="0"' in html
    assert '<div id="teller" hx-swap-oob="innerHTML">' in html
    assert "Aanwezig: 1 van de 2<" in html
    assert "<h1>" not in html
    assert _present(bijeenkomst, ans) is True


def test_checkin_post_for_someone_without_a_seat_is_404(coord_client, traject, bijeenkomst):
    wachtend = factories.inschrijving(traject, status=InschrijvingStatus.WACHTLIJST)
    elders = factories.inschrijving(factories.traject())
    for inschrijving in (wachtend, elders):
        response = coord_client.post(
            _url(bijeenkomst), {"inschrijving": inschrijving.pk, "aanwezig": "1"}
        )
        assert response.status_code == 404
    assert Aanwezigheid.objects.count() == 0


def test_checkin_post_with_nonsense_is_400(coord_client, traject, bijeenkomst):
    ans = factories.inschrijving(traject)
    response = coord_client.post(_url(bijeenkomst), {"inschrijving": ans.pk, "aanwezig": "ja"})
    assert response.status_code == 400
    assert Aanwezigheid.objects.count() == 0


def test_checkin_feeds_attendance_balance_per_tag(coord_client, traject, bijeenkomst):
    formeel = factories.inschrijving(traject, rol=Rol.AMBTENAAR)
    informeel = factories.inschrijving(traject, rol=Rol.MANTELZORGER)
    factories.inschrijving(traject, rol=Rol.ERVARINGSDESKUNDIGE)
    for person in (formeel, informeel):
        coord_client.post(_url(bijeenkomst), {"inschrijving": person.pk, "aanwezig": "1"})
    balans = queries.attendance_balans(bijeenkomst)["aanwezig"]
    assert balans.totaal == 2
    assert {t.tag: t.aantal for t in balans.per_tag} == {
        Tag.FORMEEL: 1,
        Tag.INFORMEEL: 1,
        Tag.ERVARINGSDESKUNDIGE: 0,
    }
    html = coord_client.get(_url(bijeenkomst)).content.decode()
    assert "Aanwezig: 2 van de 3<" in html
    # The meeting page shows the same figures to coordinators.
    detail = coord_client.get(bijeenkomst.get_absolute_url())
    assert detail.context["aanwezigheid"]["aanwezig"] == balans


# --- walk-ins -----------------------------------------------------------------------------


def test_walk_in_is_enrolled_and_checked_in(coord_client, traject, bijeenkomst):
    response = coord_client.post(
        _url(bijeenkomst, "inloop"),
        {"naam": "Fatima El Idrissi", "email": "Fatima@Voorbeeld.nl", "rol": Rol.ACTIEVE_BEWONER},
    )
    inschrijving = Inschrijving.objects.get(deelnemer__user__email="fatima@voorbeeld.nl")
    assert response.status_code == 302
    assert response["Location"] == f"{_url(bijeenkomst)}#persoon-{inschrijving.pk}"
    assert _messages(response) == ["Fatima El Idrissi is ingeschreven en aanwezig gemeld."]
    assert (inschrijving.traject, inschrijving.status) == (traject, InschrijvingStatus.GEPLAATST)
    assert (inschrijving.rol, inschrijving.tag) == (Rol.ACTIEVE_BEWONER, Tag.INFORMEEL)
    assert _present(bijeenkomst, inschrijving) is True
    html = coord_client.get(_url(bijeenkomst)).content.decode()
    assert "Fatima El Idrissi" in html
    assert "Aanwezig: 1 van de 1<" in html


def test_walk_in_from_the_waiting_list_gets_a_seat(coord_client, traject, bijeenkomst):
    wachtend = factories.inschrijving(
        traject,
        user=factories.user(email="wim@voorbeeld.nl", naam="Wim"),
        status=InschrijvingStatus.WACHTLIJST,
    )
    coord_client.post(
        _url(bijeenkomst, "inloop"),
        {"naam": "Wim", "email": "wim@voorbeeld.nl", "rol": Rol.VRIJWILLIGER},
    )
    wachtend.refresh_from_db()
    assert (wachtend.status, wachtend.wachtlijst_positie) == (InschrijvingStatus.GEPLAATST, None)
    assert _present(bijeenkomst, wachtend) is True


def test_walk_in_with_errors_shows_them_on_the_page(coord_client, traject, bijeenkomst):
    response = coord_client.post(
        _url(bijeenkomst, "inloop"), {"naam": "", "email": "geen-adres", "rol": "koning"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert set(response.context["inloop_form"].errors) == {"naam", "email", "rol"}
    assert '<details id="inloop" class="kaart checkin__inloop" open>' in html
    assert 'class="formulier-fouten"' in html
    assert Inschrijving.objects.count() == 0


def test_walk_in_get_goes_to_the_list(coord_client, bijeenkomst):
    response = coord_client.get(_url(bijeenkomst, "inloop"))
    assert response.status_code == 302
    assert response["Location"] == f"{_url(bijeenkomst)}#inloop"


# --- who may ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["aanwezigheid", "inloop"])
def test_checkin_needs_signing_in(client, bijeenkomst, name):
    for method in (client.get, client.post):
        response = method(_url(bijeenkomst, name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("home"))


@pytest.mark.parametrize("wie", ["deelnemer", "rapporteur", "andere_coordinator"])
def test_checkin_is_404_for_everyone_but_coordinators(client, traject, bijeenkomst, wie):
    ans = factories.inschrijving(traject)
    user = {
        "deelnemer": ans.deelnemer.user,
        "rapporteur": factories.user(is_rapporteur=True),
        "andere_coordinator": factories.user(is_coordinator=True),
    }[wie]
    if wie == "rapporteur":
        traject.rapporteurs.add(user)
    client.force_login(user)
    assert client.get(_url(bijeenkomst)).status_code == 404
    post = client.post(_url(bijeenkomst), {"inschrijving": ans.pk, "aanwezig": "1"})
    assert post.status_code == 404
    walk_in = {"naam": "X", "email": "x@voorbeeld.nl", "rol": Rol.VRIJWILLIGER}
    assert client.post(_url(bijeenkomst, "inloop"), walk_in).status_code == 404
    assert Aanwezigheid.objects.count() == 0
    assert Inschrijving.objects.count() == 1


# --- queries ------------------------------------------------------------------------------


@pytest.mark.parametrize("aantal", [10, 300])
def test_checkin_query_count_does_not_grow_with_people(
    coord_client, traject, bijeenkomst, aantal, django_assert_num_queries
):
    people = _bulk_people(traject, aantal)
    for person in people[::3]:
        Aanwezigheid.objects.create(bijeenkomst=bijeenkomst, inschrijving=person, aanwezig=True)

    # session, user, meeting, the list, the counter
    with django_assert_num_queries(5):
        response = coord_client.get(_url(bijeenkomst))
    assert response.content.decode().count('class="checkin__rij"') == aantal

    # session, user, meeting, the list
    with django_assert_num_queries(4):
        response = coord_client.get(_url(bijeenkomst), {"zoek": "massa"}, HTTP_HX_REQUEST="true")
    assert response.content.decode().count('class="checkin__rij"') == aantal

    # session, user, meeting, the person, update_or_create of a new row (in the test's
    # transaction: savepoint, select for update, savepoint, insert, two releases), the audit
    # row, the counter
    with django_assert_num_queries(12):
        response = coord_client.post(
            _url(bijeenkomst),
            {"inschrijving": people[1].pk, "aanwezig": "1"},
            HTTP_HX_REQUEST="true",
        )
    assert response.status_code == 200


def test_walk_in_over_capacity_warns_first_then_needs_an_explicit_yes(
    coord_client, traject, bijeenkomst
):
    traject.capaciteit = max(traject.inschrijvingen.bezet().count(), 3)
    traject.save()
    while traject.inschrijvingen.bezet().count() < traject.capaciteit:
        factories.inschrijving(traject)
    data = {"naam": "Fatima El Idrissi", "email": "fatima@voorbeeld.nl", "rol": Rol.MANTELZORGER}
    warned = coord_client.post(_url(bijeenkomst, "inloop"), data)
    assert warned.status_code == 200
    html = warned.content.decode()
    assert (
        f"Het traject is vol: alle {traject.capaciteit} plekken zijn bezet. Wil je deze persoon "
        "toch een plek geven? Dan zitten er meer mensen aan tafel dan gepland."
    ) in html
    assert 'name="boven_capaciteit" value="1"' in html
    assert not Inschrijving.objects.filter(deelnemer__user__email="fatima@voorbeeld.nl").exists()
    assert not factories.User.objects.filter(email="fatima@voorbeeld.nl").exists()

    placed = coord_client.post(_url(bijeenkomst, "inloop"), {**data, "boven_capaciteit": "1"})
    assert placed.status_code == 302
    inschrijving = Inschrijving.objects.get(deelnemer__user__email="fatima@voorbeeld.nl")
    assert inschrijving.status == InschrijvingStatus.GEPLAATST
    assert traject.inschrijvingen.bezet().count() == traject.capaciteit + 1
    assert _present(bijeenkomst, inschrijving) is True


def test_walk_in_who_already_has_a_seat_is_not_warned(coord_client, traject, bijeenkomst):
    zit = factories.inschrijving(traject, user=factories.user(email="zit@voorbeeld.nl"))
    traject.capaciteit = traject.inschrijvingen.bezet().count()
    traject.save()
    response = coord_client.post(
        _url(bijeenkomst, "inloop"),
        {"naam": "Zit", "email": "zit@voorbeeld.nl", "rol": Rol.VRIJWILLIGER},
    )
    assert response.status_code == 302
    assert _present(bijeenkomst, zit) is True
