"""The live meeting screen, its steps, and contributions sent from people's phones."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import factories
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from bijeenkomsten import services
from bijeenkomsten.choices import BijdrageSoort, BijeenkomstStatus
from bijeenkomsten.models import Agendapunt, Bijdrage, Bijeenkomst, LiveStand
from samenspel.models import User
from trajecten.choices import InschrijvingStatus

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def coordinator():
    return factories.user(is_coordinator=True, naam="Carla Coördinator")


@pytest.fixture
def traject(coordinator):
    return factories.traject(coordinatoren=[coordinator])


@pytest.fixture
def bijeenkomst(traject):
    b = factories.bijeenkomst(
        traject,
        nummer=2,
        thema="Samen sterker",
        start=datetime(2026, 3, 10, 19, 0, tzinfo=AMS),
        uren=2.5,
    )
    for volgorde, titel in enumerate(["Welkom", "Bouwsteen: omdenken", "Brainstorm"], start=1):
        Agendapunt.objects.create(bijeenkomst=b, volgorde=volgorde, titel=titel, duur=20)
    return b


@pytest.fixture
def ans(traject):
    """A participant at the table."""
    return factories.inschrijving(traject, user=factories.user(naam="Ans Bakker")).deelnemer.user


@pytest.fixture
def coord_client(client, coordinator):
    client.force_login(coordinator)
    return client


def _url(b, name="live", **kw):
    return reverse(f"bijeenkomsten:{name}", kwargs={"pk": b.pk, **kw})


def _agenda(b):
    return list(b.agenda.all())


def _stand(b) -> LiveStand:
    return LiveStand.objects.get(bijeenkomst=b)


# --- the screen ---------------------------------------------------------------------------


def test_live_page_shows_agenda_timer_tally_opening_round_and_address(coord_client, bijeenkomst):
    response = coord_client.get(_url(bijeenkomst))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Bijeenkomst 2: Samen sterker</h1>" in html
    assert html.count('class="live__punt"') == 3
    assert "Begin met: Welkom" in html
    assert 'name="minuten" value="20"' in html
    assert "Start de brainstorm" in html
    assert "keer “Ja maar”" in html
    assert "Openingsronde: hoofd, hart en buik" in html
    assert f"{settings.SITE_URL}{_url(bijeenkomst, 'inbreng')}</a>" in html
    assert html.count('class="live__groep ') == len(BijdrageSoort.values)
    assert 'hx-trigger="every 3s, bijdrage-nieuw from:body"' in html
    assert response["Cache-Control"].startswith("max-age=0")
    assert response["Vary"].count("HX-Request") == 1


def test_live_page_for_rapporteur_has_no_hide_buttons(client, traject, bijeenkomst, ans):
    rapporteur = factories.user(is_rapporteur=True)
    traject.rapporteurs.add(rapporteur)
    bijdrage = services.add_bijdrage(
        bijeenkomst=bijeenkomst, soort=BijdrageSoort.IDEE, tekst="Buurtsoep", door=ans
    )
    client.force_login(rapporteur)
    html = client.get(_url(bijeenkomst)).content.decode()
    assert "Buurtsoep" in html
    assert "Verberg" not in html
    assert "Wie is er?" not in html
    hide = client.post(_url(bijeenkomst, "bijdrage_verbergen", bijdrage_pk=bijdrage.pk))
    assert hide.status_code == 404
    # A rapporteur does count "Ja maar".
    assert client.post(_url(bijeenkomst, "live_actie"), {"actie": "ja_maar"}).status_code == 302
    assert _stand(bijeenkomst).ja_maar == 1


@pytest.mark.parametrize("name", ["live", "live_actie", "inbreng"])
def test_live_pages_need_signing_in(client, bijeenkomst, name):
    response = client.get(_url(bijeenkomst, name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("home"))


def test_live_screen_is_404_for_participants(client, bijeenkomst, ans):
    client.force_login(ans)
    assert client.get(_url(bijeenkomst)).status_code == 404
    assert client.get(_url(bijeenkomst), {"deel": "bijdragen"}, **HTMX).status_code == 404
    assert client.post(_url(bijeenkomst, "live_actie"), {"actie": "ja_en"}).status_code == 404
    assert not LiveStand.objects.exists()


def test_inbreng_refused_for_people_not_at_the_table(client, traject, bijeenkomst):
    # Someone on the waiting list gets the page that says so (403), and writes nothing.
    wachtend = factories.inschrijving(traject, status=InschrijvingStatus.WACHTLIJST)
    client.force_login(wachtend.deelnemer.user)
    response = client.get(_url(bijeenkomst, "inbreng"))
    assert response.status_code == 403
    assert "Je staat op de wachtlijst, op nummer 1." in response.content.decode()
    data = {"soort": BijdrageSoort.IDEE, "tekst": "Hallo"}
    assert client.post(_url(bijeenkomst, "inbreng"), data).status_code == 403
    assert not Bijdrage.objects.exists()
    # Someone who withdrew gets a 404, as anyone not at the table.
    afgemeld = factories.inschrijving(traject, status=InschrijvingStatus.AFGEMELD)
    client.force_login(afgemeld.deelnemer.user)
    assert client.post(_url(bijeenkomst, "inbreng"), data).status_code == 404
    assert not Bijdrage.objects.exists()


def test_inbreng_is_404_for_a_manager_in_scope_who_is_not_at_the_table(client, coordinator):
    manager = factories.user(is_manager=True, naam="Mila Manager")
    gebied = factories.gebied()
    gebied.managers.add(manager)
    traject = factories.traject(gebied=gebied, coordinatoren=[coordinator])
    b = factories.bijeenkomst(traject, start=timezone.now() - timedelta(minutes=30))
    client.force_login(manager)
    assert client.get(_url(b, "detail")).status_code == 200  # they may look at the meeting
    assert client.get(_url(b, "inbreng")).status_code == 404
    for soort in BijdrageSoort.values:
        data = {"soort": soort, "tekst": "Van de manager", "toon_naam": "on"}
        assert client.post(_url(b, "inbreng"), data).status_code == 404
        assert client.post(_url(b, "inbreng"), data, **HTMX).status_code == 404
    assert Bijdrage.objects.count() == 0


def test_inbreng_is_allowed_for_a_manager_with_a_seat(client, coordinator):
    manager = factories.user(is_manager=True, naam="Mila Manager")
    gebied = factories.gebied()
    gebied.managers.add(manager)
    traject = factories.traject(gebied=gebied, coordinatoren=[coordinator])
    factories.inschrijving(traject, user=manager)
    b = factories.bijeenkomst(traject, start=timezone.now() - timedelta(minutes=30))
    client.force_login(manager)
    data = {"soort": BijdrageSoort.IDEE, "tekst": "Aan tafel"}
    assert client.post(_url(b, "inbreng"), data).status_code == 302
    assert list(Bijdrage.objects.values_list("tekst", flat=True)) == ["Aan tafel"]


# --- steps on the screen ------------------------------------------------------------------


def test_live_actie_next_item_walks_the_agenda(coord_client, bijeenkomst):
    welkom, bouwsteen, brainstorm = _agenda(bijeenkomst)
    response = coord_client.post(
        _url(bijeenkomst, "live_actie"), {"actie": "punt", "punt": welkom.pk}
    )
    assert response.status_code == 302
    assert response["Location"] == _url(bijeenkomst)
    html = coord_client.get(_url(bijeenkomst)).content.decode()
    assert 'class="live__punt live__punt--nu" aria-current="step"' in html
    assert "Volgende: Bouwsteen: omdenken" in html
    assert f'name="punt" value="{bouwsteen.pk}" id="knop-volgend"' in html

    coord_client.post(_url(bijeenkomst, "live_actie"), {"actie": "punt", "punt": brainstorm.pk})
    assert _stand(bijeenkomst).huidig_punt == brainstorm
    html = coord_client.get(_url(bijeenkomst)).content.decode()
    assert 'id="knop-volgend"' not in html  # the last item


def test_live_actie_ignores_an_item_of_another_meeting(coord_client, traject, bijeenkomst):
    ander = factories.bijeenkomst(
        traject, nummer=3, start=bijeenkomst.start, einde=bijeenkomst.einde
    )
    vreemd = Agendapunt.objects.create(bijeenkomst=ander, volgorde=1, titel="Elders", duur=5)
    coord_client.post(_url(bijeenkomst, "live_actie"), {"actie": "punt", "punt": vreemd.pk})
    assert _stand(bijeenkomst).huidig_punt is None


def test_live_actie_counts_ja_maar_and_ja_en(coord_client, bijeenkomst):
    for actie in ("ja_maar", "ja_en", "ja_en"):
        coord_client.post(_url(bijeenkomst, "live_actie"), {"actie": actie})
    stand = _stand(bijeenkomst)
    assert (stand.ja_maar, stand.ja_en) == (1, 2)


def test_live_actie_htmx_returns_the_stand_partial(coord_client, bijeenkomst):
    response = coord_client.post(_url(bijeenkomst, "live_actie"), {"actie": "ja_en"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>" not in html
    assert '<span class="live__getal">1</span> keer “Ja, en”' in html
    assert 'id="agenda-kop"' in html
    assert 'id="bijdragen"' not in html
    assert "?deel=stand&amp;gezien=" in html


def test_brainstorm_timer_runs_20_minutes_and_shows_the_end_time(coord_client, bijeenkomst):
    before = timezone.now()
    coord_client.post(_url(bijeenkomst, "live_actie"), {"actie": "timer_start", "minuten": ""})
    einde = _stand(bijeenkomst).timer_einde
    assert before + timedelta(minutes=20) <= einde <= timezone.now() + timedelta(minutes=20)
    html = coord_client.get(_url(bijeenkomst)).content.decode()
    tijd = einde.astimezone(AMS).strftime("%H:%M")
    assert f"De brainstorm duurt tot {tijd}." in html
    assert f'data-countdown-end="{einde.astimezone(AMS).isoformat()}"' in html
    assert 'role="timer"' in html
    assert "Stop de brainstorm" in html

    coord_client.post(_url(bijeenkomst, "live_actie"), {"actie": "timer_stop"})
    assert _stand(bijeenkomst).timer_einde is None
    assert "Start de brainstorm" in coord_client.get(_url(bijeenkomst)).content.decode()


def test_brainstorm_timer_takes_other_lengths(coord_client, bijeenkomst):
    coord_client.post(_url(bijeenkomst, "live_actie"), {"actie": "timer_start", "minuten": "5"})
    left = _stand(bijeenkomst).timer_einde - timezone.now()
    assert timedelta(minutes=4) < left <= timedelta(minutes=5)


def test_brainstorm_timer_after_the_end_says_done(coord_client, bijeenkomst):
    stand = services.live_stand(bijeenkomst)
    LiveStand.objects.filter(pk=stand.pk).update(timer_einde=timezone.now() - timedelta(minutes=1))
    html = coord_client.get(_url(bijeenkomst)).content.decode()
    assert "De brainstorm is klaar." in html
    assert "data-countdown-end" not in html


@pytest.mark.parametrize(
    "data", [{"actie": "dansen"}, {"actie": "timer_start", "minuten": "0"}], ids=["actie", "min"]
)
def test_live_actie_with_bad_input_says_so(coord_client, bijeenkomst, data):
    response = coord_client.post(_url(bijeenkomst, "live_actie"), data, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="utrecht-alert utrecht-alert--error"' in html
    assert '<div class="utrecht-alert__message">Dat lukte niet.' in html
    assert _stand(bijeenkomst).timer_einde is None


# --- contributions ------------------------------------------------------------------------


def test_inbreng_page_for_participant(client, bijeenkomst, ans):
    client.force_login(ans)
    response = client.get(_url(bijeenkomst, "inbreng"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Jouw inbreng</h1>" in html
    assert html.count('type="radio" name="soort"') == len(BijdrageSoort.values)
    assert "Toon mijn voornaam (Ans) bij mijn inbreng" in html
    assert 'name="toon_naam"' in html
    assert 'name="toon_naam" checked' not in html


def test_inbreng_without_a_name_on_the_account_is_always_anonymous(client, traject, bijeenkomst):
    zonder_naam = factories.inschrijving(traject, user=factories.user(naam="")).deelnemer.user
    client.force_login(zonder_naam)
    assert 'name="toon_naam"' not in client.get(_url(bijeenkomst, "inbreng")).content.decode()
    data = {"soort": BijdrageSoort.CITAAT, "tekst": "Samen!", "toon_naam": "on"}
    client.post(_url(bijeenkomst, "inbreng"), data)
    assert Bijdrage.objects.get().toon_naam is False


def test_inbreng_post_is_anonymous_by_default(client, coordinator, bijeenkomst, ans):
    client.force_login(ans)
    data = {"soort": BijdrageSoort.KRACHT, "tekst": "  Iedereen kookt mee  "}
    response = client.post(_url(bijeenkomst, "inbreng"), data)
    assert response.status_code == 302
    assert response["Location"] == _url(bijeenkomst, "inbreng")
    bijdrage = Bijdrage.objects.get()
    assert (bijdrage.soort, bijdrage.tekst, bijdrage.door, bijdrage.toon_naam) == (
        BijdrageSoort.KRACHT,
        "Iedereen kookt mee",
        ans,
        False,
    )
    client.force_login(coordinator)
    html = client.get(_url(bijeenkomst)).content.decode()
    assert "Iedereen kookt mee" in html
    assert "Ans" not in html
    assert 'class="live__door"' not in html


def test_inbreng_shows_first_name_when_chosen(client, coordinator, bijeenkomst, ans):
    client.force_login(ans)
    data = {
        "soort": BijdrageSoort.FLUITEND,
        "tekst": "Ik fiets fluitend naar huis",
        "toon_naam": "on",
    }
    client.post(_url(bijeenkomst, "inbreng"), data)
    assert Bijdrage.objects.get().toon_naam is True
    client.force_login(coordinator)
    html = client.get(_url(bijeenkomst)).content.decode()
    assert '<p class="live__door">– Ans</p>' in html
    assert "Bakker" not in html


def test_inbreng_htmx_returns_fresh_form_and_tells_the_screen(client, bijeenkomst, ans):
    client.force_login(ans)
    data = {"soort": BijdrageSoort.KNELPUNT, "tekst": "Te weinig tijd", "toon_naam": "on"}
    response = client.post(_url(bijeenkomst, "inbreng"), data, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Trigger"] == "bijdrage-nieuw"
    assert "<h1>" not in html
    assert "We hebben je inbreng ontvangen." in html
    assert "Te weinig tijd" not in html  # the text field is empty again
    assert 'value="knelpunt" id="id_soort_2" required checked' in html  # same kind kept
    assert 'name="toon_naam" id="id_toon_naam" checked' in html
    assert Bijdrage.objects.count() == 1


def test_inbreng_htmx_with_errors_rerenders_the_form(client, bijeenkomst, ans):
    client.force_login(ans)
    response = client.post(
        _url(bijeenkomst, "inbreng"), {"soort": "roddel", "tekst": "   "}, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "HX-Trigger" not in response
    assert html.count('class="veld__fout"') == 2
    assert "Dit veld is verplicht." in html
    assert not Bijdrage.objects.exists()


def test_inbreng_for_a_cancelled_meeting_is_refused(client, bijeenkomst, ans):
    Bijeenkomst.objects.filter(pk=bijeenkomst.pk).update(status=BijeenkomstStatus.GEANNULEERD)
    client.force_login(ans)
    data = {"soort": BijdrageSoort.IDEE, "tekst": "Toch iets"}
    response = client.post(_url(bijeenkomst, "inbreng"), data)
    assert response.status_code == 200
    assert "Deze bijeenkomst gaat niet door." in response.content.decode()
    assert not Bijdrage.objects.exists()


def test_inbreng_from_the_live_screen_goes_back_to_it(coord_client, coordinator, bijeenkomst):
    data = {"soort": BijdrageSoort.CITAAT, "tekst": "Ja, en…", "vanaf": "live"}
    response = coord_client.post(_url(bijeenkomst, "inbreng"), data)
    assert response["Location"] == _url(bijeenkomst)
    assert Bijdrage.objects.get().door == coordinator
    # Only the live screen is a place to go back to.
    response = coord_client.post(_url(bijeenkomst, "inbreng"), {**data, "vanaf": "//elders.nl"})
    assert response["Location"] == _url(bijeenkomst, "inbreng")


def test_live_screen_form_posts_to_inbreng_and_comes_back(coord_client, bijeenkomst):
    html = coord_client.get(_url(bijeenkomst)).content.decode()
    assert f'action="{_url(bijeenkomst, "inbreng")}"' in html
    assert '<input type="hidden" name="vanaf" value="live">' in html


# --- hiding -------------------------------------------------------------------------------


def test_coordinator_hides_a_contribution(coord_client, bijeenkomst, ans):
    weg = services.add_bijdrage(bijeenkomst=bijeenkomst, soort="idee", tekst="Vervelend", door=ans)
    services.add_bijdrage(bijeenkomst=bijeenkomst, soort="idee", tekst="Leuk", door=ans)
    response = coord_client.post(_url(bijeenkomst, "bijdrage_verbergen", bijdrage_pk=weg.pk))
    assert response.status_code == 302
    assert response["Location"] == _url(bijeenkomst)
    weg.refresh_from_db()
    assert weg.verborgen is True
    html = coord_client.get(_url(bijeenkomst)).content.decode()
    assert "Leuk" in html
    assert "Vervelend" not in html


def test_hiding_with_htmx_returns_the_contributions(coord_client, bijeenkomst, ans):
    weg = services.add_bijdrage(bijeenkomst=bijeenkomst, soort="idee", tekst="Vervelend", door=ans)
    response = coord_client.post(
        _url(bijeenkomst, "bijdrage_verbergen", bijdrage_pk=weg.pk), **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>" not in html
    assert "Vervelend" not in html
    assert html.count('class="live__groep ') == len(BijdrageSoort.values)


def test_hiding_needs_post_and_the_right_meeting(coord_client, traject, bijeenkomst, ans):
    ander = factories.bijeenkomst(
        traject, nummer=3, start=bijeenkomst.start, einde=bijeenkomst.einde
    )
    elders = services.add_bijdrage(bijeenkomst=ander, soort="idee", tekst="Elders", door=ans)
    url = _url(bijeenkomst, "bijdrage_verbergen", bijdrage_pk=elders.pk)
    assert coord_client.get(url).status_code == 405
    assert coord_client.post(url).status_code == 404
    elders.refresh_from_db()
    assert elders.verborgen is False


def test_participant_cannot_hide(client, bijeenkomst, ans):
    bijdrage = services.add_bijdrage(bijeenkomst=bijeenkomst, soort="idee", tekst="Mijn idee")
    client.force_login(ans)
    url = _url(bijeenkomst, "bijdrage_verbergen", bijdrage_pk=bijdrage.pk)
    assert client.post(url).status_code == 404
    bijdrage.refresh_from_db()
    assert bijdrage.verborgen is False


# --- polling ------------------------------------------------------------------------------


def _poll(client, b, deel, gezien=""):
    return client.get(_url(b), {"deel": deel, "gezien": gezien}, **HTMX)


def _versie(response, deel) -> str:
    """The fingerprint the region sends with its next poll."""
    [versie] = re.findall(rf"\?deel={deel}&amp;gezien=(\w+)", response.content.decode())
    return versie


def test_poll_contributions_gives_partial_then_204_until_something_new(
    coord_client, bijeenkomst, ans
):
    response = _poll(coord_client, bijeenkomst, "bijdragen")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>" not in html
    assert 'id="agenda-kop"' not in html
    versie = _versie(response, "bijdragen")

    assert _poll(coord_client, bijeenkomst, "bijdragen", versie).status_code == 204

    services.add_bijdrage(bijeenkomst=bijeenkomst, soort="idee", tekst="Nieuw idee", door=ans)
    response = _poll(coord_client, bijeenkomst, "bijdragen", versie)
    assert response.status_code == 200
    assert "Nieuw idee" in response.content.decode()
    assert _versie(response, "bijdragen") != versie


def test_poll_contributions_notices_a_hidden_one(coord_client, bijeenkomst, ans):
    bijdrage = services.add_bijdrage(bijeenkomst=bijeenkomst, soort="idee", tekst="Weg", door=ans)
    versie = _versie(_poll(coord_client, bijeenkomst, "bijdragen"), "bijdragen")
    services.hide_bijdrage(bijdrage=bijdrage)
    response = _poll(coord_client, bijeenkomst, "bijdragen", versie)
    assert response.status_code == 200
    assert "Weg" not in response.content.decode()


def test_poll_stand_gives_partial_then_204_until_a_step(coord_client, bijeenkomst):
    response = _poll(coord_client, bijeenkomst, "stand")
    assert response.status_code == 200
    assert 'id="timer-kop"' in response.content.decode()
    versie = _versie(response, "stand")
    assert _poll(coord_client, bijeenkomst, "stand", versie).status_code == 204
    services.live_action(bijeenkomst=bijeenkomst, actie="ja_maar")
    response = _poll(coord_client, bijeenkomst, "stand", versie)
    assert response.status_code == 200
    assert '<span class="live__getal">1</span> keer “Ja maar”' in response.content.decode()


def test_poll_url_without_htmx_is_the_whole_page(coord_client, bijeenkomst):
    response = coord_client.get(_url(bijeenkomst), {"deel": "bijdragen"})
    assert response.content.decode().count("<h1>") == 1


# --- queries ------------------------------------------------------------------------------


def _bulk_contributions(b, n):
    """``n`` people at the table, each with one contribution; every other one shows a name."""
    users = User.objects.bulk_create(
        User(email=f"inbreng{i}@voorbeeld.nl", naam=f"Persoon{i} Achternaam") for i in range(n)
    )
    soorten = BijdrageSoort.values
    Bijdrage.objects.bulk_create(
        Bijdrage(
            bijeenkomst=b,
            soort=soorten[i % len(soorten)],
            tekst=f"Inbreng nummer {i}",
            door=u,
            toon_naam=i % 2 == 0,
            verborgen=i % 10 == 9,
        )
        for i, u in enumerate(users)
    )
    return n - n // 10


@pytest.mark.parametrize("aantal", [10, 300])
def test_live_query_count_does_not_grow_with_people(
    coord_client, bijeenkomst, aantal, django_assert_num_queries
):
    zichtbaar = _bulk_contributions(bijeenkomst, aantal)
    services.live_action(bijeenkomst=bijeenkomst, actie="punt", punt_id=_agenda(bijeenkomst)[0].pk)

    # session, user, meeting, live state, agenda, contributions (with authors), coordinator?
    with django_assert_num_queries(7):
        response = coord_client.get(_url(bijeenkomst))
    html = response.content.decode()
    assert html.count('class="live__bijdrage"') == zichtbaar
    assert html.count('<p class="live__door">– Persoon') == (aantal + 1) // 2

    # session, user, meeting, contributions, coordinator?
    with django_assert_num_queries(5):
        response = _poll(coord_client, bijeenkomst, "bijdragen")
    assert response.content.decode().count('class="live__bijdrage"') == zichtbaar
    with django_assert_num_queries(5):
        unchanged = _poll(coord_client, bijeenkomst, "bijdragen", _versie(response, "bijdragen"))
    assert unchanged.status_code == 204

    # session, user, meeting, live state, agenda
    with django_assert_num_queries(5):
        assert _poll(coord_client, bijeenkomst, "stand").status_code == 200

    # session, user, meeting, the contribution, hide, the audit row, contributions
    bijdrage = Bijdrage.objects.filter(verborgen=False).first()
    with django_assert_num_queries(7):
        response = coord_client.post(
            _url(bijeenkomst, "bijdrage_verbergen", bijdrage_pk=bijdrage.pk), **HTMX
        )
    assert response.content.decode().count('class="live__bijdrage"') == zichtbaar - 1
