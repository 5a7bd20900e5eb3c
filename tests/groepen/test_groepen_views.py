"""The prep-group page and the table list: as a full page and with htmx, for participants,
coordinators and managers, with pinned query counts at 10 and 300 people."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import factories
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from outbox import send_claimed

from bijeenkomsten.choices import BijdrageSoort
from bijeenkomsten.models import Aanwezigheid, Bijdrage
from groepen import services as groepen_services
from groepen import tasks
from groepen.choices import AuditActie, GroepsReden
from groepen.models import Groepslid, Tafel, Tafelplaats, Voorbereidingsgroep
from samenspel.models import Auditregel, User
from trajecten.choices import TAG_VAN_ROL, InschrijvingStatus, Rol
from trajecten.models import Deelnemer, Inschrijving

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
ROLLEN = [Rol.BEROEPSKRACHT, Rol.VRIJWILLIGER, Rol.ERVARINGSDESKUNDIGE, Rol.MANTELZORGER]


@pytest.fixture
def coordinator():
    return factories.user(is_coordinator=True, naam="Carla Coördinator")


@pytest.fixture
def traject(coordinator):
    return factories.traject(coordinatoren=[coordinator], capaciteit=1000)


def _meeting(traject, nummer=1, days=0):
    start = datetime(2026, 3, 10, 19, 0, tzinfo=AMS) + timedelta(days=days)
    return factories.bijeenkomst(traject, nummer=nummer, start=start)


@pytest.fixture
def bijeenkomst(traject):
    return _meeting(traject, 2, days=14)


@pytest.fixture
def groep(bijeenkomst):
    return factories.voorbereidingsgroep(bijeenkomst, grootte=3)


@pytest.fixture
def ans(traject):
    return factories.inschrijving(traject, user=factories.user(naam="Ans Bakker"))


@pytest.fixture
def ans_client(client, ans):
    client.force_login(ans.deelnemer.user)
    return client


@pytest.fixture
def coord_client(client, coordinator):
    client.force_login(coordinator)
    return client


def _url(b, name="voorbereiding"):
    return reverse(f"groepen:{name}", kwargs={"pk": b.pk})


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def _bulk_people(traject, n, *, willing=True):
    """``n`` people with a seat, in a few queries; tags rotate."""
    first = User.objects.count()
    users = User.objects.bulk_create(
        User(email=f"massa{first + i}@voorbeeld.nl", naam=f"Massa{i:04d} Achternaam")
        for i in range(n)
    )
    deelnemers = Deelnemer.objects.bulk_create(Deelnemer(user=u) for u in users)
    return Inschrijving.objects.bulk_create(
        Inschrijving(
            traject=traject,
            deelnemer=d,
            naam=d.user.naam,
            rol=ROLLEN[i % len(ROLLEN)],
            tag=TAG_VAN_ROL[ROLLEN[i % len(ROLLEN)]],
            status=InschrijvingStatus.GEPLAATST,
            wensen=f"Wens {i}",
            wil_voorbereiden=willing,
        )
        for i, d in enumerate(deelnemers)
    )


# --- the page ---------------------------------------------------------------------------


def test_page_shows_group_first_names_and_a_kind_sentence(ans_client, traject, bijeenkomst, groep):
    bo = factories.inschrijving(traject, user=factories.user(naam="Bo de Vries"))
    groepen_services.join_groep(groep=groep, inschrijving=bo)
    response = ans_client.get(_url(bijeenkomst))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<li>Bo</li>" in html
    assert "de Vries" not in html  # first names only
    assert "zoekt nog" not in html  # what it lacks would tell Bo's background
    assert (
        "De groep is samengesteld uit verschillende achtergronden. Iedereen is welkom: "
        "de coördinator let op de balans."
    ) in html
    assert "1 van de 3 plekken bezet" in html
    assert ">Ik doe mee met de voorbereiding<" in html
    assert response["Vary"].count("HX-Request") == 1


def test_page_shows_wishes_without_names_and_earlier_contributions(
    ans_client, traject, bijeenkomst, groep
):
    factories.inschrijving(traject, user=factories.user(naam="Bo de Vries"), wensen="Buurtsoep")
    factories.inschrijving(
        traject, wensen="Geheim", status=InschrijvingStatus.WACHTLIJST
    )  # not placed: not shown
    eerste = _meeting(traject, 1)
    Bijdrage.objects.create(bijeenkomst=eerste, soort=BijdrageSoort.IDEE, tekst="Samen koken")
    Bijdrage.objects.create(
        bijeenkomst=eerste, soort=BijdrageSoort.IDEE, tekst="Verborgen", verborgen=True
    )
    Bijdrage.objects.create(bijeenkomst=bijeenkomst, soort=BijdrageSoort.IDEE, tekst="Later")
    response = ans_client.get(_url(bijeenkomst))
    assert response.context["wensen"] == ["Buurtsoep"]
    assert [(g["soort"], g["teksten"]) for g in response.context["bijdragen"]] == [
        ("idee", ["Samen koken"])
    ]
    html = response.content.decode()
    assert "Geheim" not in html and "Verborgen" not in html


def test_page_without_group_says_so(ans_client, bijeenkomst):
    response = ans_client.get(_url(bijeenkomst))
    assert response.status_code == 200
    assert "Er is nog geen voorbereidingsgroep voor deze bijeenkomst." in response.content.decode()


def test_manager_sees_no_names_and_no_figures_per_background(
    client, traject, bijeenkomst, groep, ans
):
    manager = factories.user(is_manager=True)
    traject.gebied.managers.add(manager)
    ans.wensen = "Buurtsoep"
    ans.save()
    groepen_services.join_groep(groep=groep, inschrijving=ans)
    client.force_login(manager)
    response = client.get(_url(bijeenkomst))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Balans van de groep" not in html
    assert "balans__tabel" not in html
    assert "Ans" not in html
    assert "Buurtsoep" not in html
    assert "wensen" not in response.context


TAG_WORDS = re.compile(r"formeel|informeel|ervaringsdeskundig|professional|vrijwilliger", re.I)


def _group_region(html: str) -> str:
    """The group region of the full page (the intro above it names the backgrounds in
    general, and the part below holds wishes and contributions)."""
    start = html.index('<div id="groep"')
    end = html.index('id="voorbereiden-kop"') if 'id="voorbereiden-kop"' in html else len(html)
    return html[start:end]


@pytest.fixture
def groep_van_twee(traject, bijeenkomst, groep):
    """A prep group of two: Eva is ervaringsdeskundige, Fem is formeel."""
    eva = factories.inschrijving(
        traject, user=factories.user(naam="Eva Ervaring"), rol=Rol.ERVARINGSDESKUNDIGE
    )
    fem = factories.inschrijving(
        traject, user=factories.user(naam="Fem Formeel"), rol=Rol.AMBTENAAR
    )
    groepen_services.join_groep(groep=groep, inschrijving=eva)
    groepen_services.join_groep(groep=groep, inschrijving=fem)
    return eva, fem


def test_participant_sees_no_background_beside_first_names(
    client, bijeenkomst, groep_van_twee, ans
):
    for user in (ans.deelnemer.user, groep_van_twee[0].deelnemer.user):
        client.force_login(user)
        page = client.get(_url(bijeenkomst)).content.decode()
        region = _group_region(page)
        assert "<li>Eva" in region and "<li>Fem" in region
        assert TAG_WORDS.findall(region) == []
        assert "balans__tabel" not in page
        assert "Balans van de groep" not in page
        poll = client.get(_url(bijeenkomst), {"deel": "groep"}, HTTP_HX_REQUEST="true")
        poll_html = poll.content.decode()
        assert poll.status_code == 200
        assert "<li>Eva" in poll_html
        assert TAG_WORDS.findall(poll_html) == []
        assert "balans__tabel" not in poll_html


def test_poll_shows_a_newcomer_without_their_background(
    client, traject, bijeenkomst, groep, groep_van_twee, ans
):
    client.force_login(ans.deelnemer.user)
    html = client.get(_url(bijeenkomst), {"deel": "groep"}, HTTP_HX_REQUEST="true")
    versie = re.search(r"gezien=(\w+)", html.content.decode()).group(1)
    gijs = factories.inschrijving(
        traject, user=factories.user(naam="Gijs Nieuw"), rol=Rol.MANTELZORGER
    )
    groepen_services.join_groep(groep=groep, inschrijving=gijs)
    poll = client.get(
        _url(bijeenkomst), {"deel": "groep", "gezien": versie}, HTTP_HX_REQUEST="true"
    )
    poll_html = poll.content.decode()
    assert poll.status_code == 200
    assert "<li>Gijs</li>" in poll_html
    assert TAG_WORDS.findall(poll_html) == []


def test_manager_sees_no_figures_per_background_of_a_small_group(
    client, traject, bijeenkomst, groep_van_twee
):
    manager = factories.user(is_manager=True)
    traject.gebied.managers.add(manager)
    client.force_login(manager)
    for response in (
        client.get(_url(bijeenkomst)),
        client.get(_url(bijeenkomst), {"deel": "groep"}, HTTP_HX_REQUEST="true"),
    ):
        html = response.content.decode()
        assert response.status_code == 200
        assert TAG_WORDS.findall(_group_region(html) if "<h1>" in html else html) == []
        assert "balans__tabel" not in html
        assert "<li>Eva" not in html and "<li>Fem" not in html and "Ervaring" not in html


def test_coordinator_still_sees_the_balance_and_reasons(coord_client, bijeenkomst, groep_van_twee):
    html = coord_client.get(_url(bijeenkomst)).content.decode()
    assert "Balans van de groep" in html
    assert "Eva Ervaring" in html
    assert "(ervaringsdeskundige)" in html


def test_poll_gets_204_while_nothing_changed(ans_client, bijeenkomst, groep, traject):
    response = ans_client.get(_url(bijeenkomst), {"deel": "groep"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<h1>" not in html and 'id="groep-kop"' in html
    versie = re.search(r"gezien=(\w+)", html).group(1)
    again = ans_client.get(
        _url(bijeenkomst), {"deel": "groep", "gezien": versie}, HTTP_HX_REQUEST="true"
    )
    assert again.status_code == 204
    groepen_services.join_groep(groep=groep, inschrijving=factories.inschrijving(traject))
    changed = ans_client.get(
        _url(bijeenkomst), {"deel": "groep", "gezien": versie}, HTTP_HX_REQUEST="true"
    )
    assert changed.status_code == 200


# --- join and leave ---------------------------------------------------------------------


def test_join_and_leave_without_javascript(ans_client, ans, bijeenkomst, groep):
    response = ans_client.post(_url(bijeenkomst, "voorbereiding_meedoen"))
    assert response.status_code == 302
    assert response["Location"] == _url(bijeenkomst) + "#groep"
    assert _messages(response) == ["Je zit in de voorbereidingsgroep. Dank je wel!"]
    assert list(groep.leden.values_list("inschrijving_id", flat=True)) == [ans.pk]
    page = ans_client.get(response["Location"])
    assert "Jij zit in deze groep." in page.content.decode()
    response = ans_client.post(_url(bijeenkomst, "voorbereiding_stoppen"))
    assert _messages(response) == ["Je zit niet meer in de voorbereidingsgroep."]
    assert groep.leden.count() == 0


def test_join_and_leave_with_htmx_get_the_group_region(ans_client, ans, bijeenkomst, groep):
    response = ans_client.post(_url(bijeenkomst, "voorbereiding_meedoen"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>" not in html
    assert '<div id="groep"' not in html  # its content, swapped into the region
    assert "Je zit in de voorbereidingsgroep. Dank je wel!" in html
    assert "<li>Ans (jij)</li>" in html
    assert ">Ik stop met voorbereiden<" in html
    response = ans_client.post(_url(bijeenkomst, "voorbereiding_stoppen"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Je zit niet meer in de voorbereidingsgroep." in html
    assert ">Ik doe mee met de voorbereiding<" in html


def test_join_full_group_shows_message_in_the_region(ans_client, traject, bijeenkomst, groep):
    for _ in range(3):
        groepen_services.join_groep(groep=groep, inschrijving=factories.inschrijving(traject))
    response = ans_client.post(_url(bijeenkomst, "voorbereiding_meedoen"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Deze groep is vol: er zijn al 3 mensen." in html
    assert "De groep is vol. Misschien een volgende keer?" in html


def test_join_locked_group_plain_post_gives_error_message(ans_client, bijeenkomst, groep):
    groepen_services.lock_groep(groep=groep, vergrendeld=True)
    response = ans_client.post(_url(bijeenkomst, "voorbereiding_meedoen"))
    assert response.status_code == 302
    assert _messages(response) == [
        "Deze groep is vergrendeld: je kunt er niet meer bij. Vraag het de coördinator."
    ]


def test_willingness_toggle(ans_client, ans, bijeenkomst):
    response = ans_client.post(
        _url(bijeenkomst, "voorbereiding_bereid"), {"wil": "1"}, HTTP_HX_REQUEST="true"
    )
    ans.refresh_from_db()
    assert ans.wil_voorbereiden is True
    assert "Haal me van die lijst" in response.content.decode()
    ans_client.post(_url(bijeenkomst, "voorbereiding_bereid"), {"wil": "0"})
    ans.refresh_from_db()
    assert ans.wil_voorbereiden is False


def test_signup_form_asks_for_willingness(client, traject):
    url = reverse("trajecten:aanmelden", kwargs={"slug": traject.slug})
    assert "Ik wil helpen een bijeenkomst voor te bereiden." in client.get(url).content.decode()
    client.post(
        url,
        {
            "naam": "Wil Helpen",
            "email": "wil@voorbeeld.nl",
            "rol": Rol.VRIJWILLIGER,
            "taal": "nl",
            "toestemming": "on",
            "wil_voorbereiden": "on",
        },
    )
    factories.bevestig_aanmelding(client, "wil@voorbeeld.nl")
    assert Inschrijving.objects.get(deelnemer__user__email="wil@voorbeeld.nl").wil_voorbereiden


# --- the coordinator ------------------------------------------------------------------------


def test_coordinator_sets_up_the_group(coord_client, bijeenkomst):
    response = coord_client.post(
        _url(bijeenkomst, "voorbereiding_instellingen"),
        {
            "grootte": "5",
            "datum": "2026-03-17",
            "begintijd": "10:00",
            "eindtijd": "11:30",
            "plaats": "Buurthuis De Pijp",
        },
    )
    assert response.status_code == 302
    groep = Voorbereidingsgroep.objects.get(bijeenkomst=bijeenkomst)
    assert (groep.grootte, groep.plaats) == (5, "Buurthuis De Pijp")
    assert groep.start == datetime(2026, 3, 17, 10, 0, tzinfo=AMS)
    page = coord_client.get(_url(bijeenkomst)).content.decode()
    assert "Buurthuis De Pijp" in page
    assert "10:00" in page and "11:30" in page


def test_coordinator_settings_errors_rerender_the_page(coord_client, bijeenkomst):
    response = coord_client.post(
        _url(bijeenkomst, "voorbereiding_instellingen"), {"grootte": "8", "datum": "2026-03-17"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="formulier-fouten"' in html
    assert "Vul ook de begintijd in." in html
    assert Voorbereidingsgroep.objects.count() == 0


def test_coordinator_locks_and_opens_the_group(coord_client, bijeenkomst, groep):
    coord_client.post(_url(bijeenkomst, "voorbereiding_vergrendelen"), {"vergrendeld": "1"})
    groep.refresh_from_db()
    assert groep.vergrendeld is True
    response = coord_client.post(
        _url(bijeenkomst, "voorbereiding_vergrendelen"),
        {"vergrendeld": "0"},
        HTTP_HX_REQUEST="true",
    )
    groep.refresh_from_db()
    assert groep.vergrendeld is False
    assert "Vergrendel de groep" in response.content.decode()


def _people(traject):
    rollen = [Rol.BEROEPSKRACHT] * 3 + [Rol.VRIJWILLIGER] * 2 + [Rol.ERVARINGSDESKUNDIGE]
    return [
        factories.inschrijving(
            traject, user=factories.user(naam=f"Naam{n} Achter"), rol=rol, wil_voorbereiden=True
        )
        for n, rol in enumerate(rollen)
    ]


def _state(html):
    return {
        "seed": re.search(r'name="seed" value="(\d+)"', html.split('id="knop-voorstel"')[1]).group(
            1
        ),
        "lid": re.findall(r'name="lid" value="(\d+)"', html.split('id="knop-accepteer"')[0])[-4:],
    }


def test_proposal_swap_accept_without_javascript(
    coord_client, traject, bijeenkomst, django_capture_on_commit_callbacks, mailoutbox
):
    groep = factories.voorbereidingsgroep(bijeenkomst, grootte=4)
    people = _people(traject)
    url = _url(bijeenkomst, "voorbereiding_voorstel")
    response = coord_client.post(url, {"actie": "voorstel", "seed": "0"})
    assert response.status_code == 200
    voorstel = response.context["voorstel"]
    assert len(voorstel.leden) == 4
    html = response.content.decode()
    assert html.count('class="voorstel__lid"') == 4
    assert "Nodig voor de balans: er is verder niemand beschikbaar (ervaringsdeskundige)." in html
    assert "<h1>" in html  # the whole page

    # Swap the ervaringsdeskundige for a formeel person: the balance drops.
    ervaring = next(lid for lid in voorstel.leden if lid.inschrijving.tag == "ervaringsdeskundige")
    formeel = next(w for w in ervaring.wissels if w.tag == "formeel").inschrijving
    response = coord_client.post(
        url,
        {
            "actie": "wissel",
            "seed": "0",
            "lid": voorstel.ids,
            "uit": ervaring.inschrijving.pk,
            "erin": formeel.pk,
        },
    )
    html = response.content.decode()
    assert (
        f"{formeel.deelnemer} komt in de plaats van {ervaring.inschrijving.deelnemer}. "
        "De balans ging van 95 naar 75 (van 100)."
    ) in html
    swapped = response.context["voorstel"]
    assert formeel.pk in swapped.ids

    with django_capture_on_commit_callbacks() as callbacks:
        response = coord_client.post(url, {"actie": "accepteer", "seed": "0", "lid": swapped.ids})
    assert len(callbacks) == 1
    groep.refresh_from_db()
    tasks.send_groep_gewijzigd(groep.pk, groep.versie, None, [])
    send_claimed()
    assert response.status_code == 302
    assert _messages(response) == ["De groep is samengesteld. De leden krijgen een e-mail."]
    assert set(groep.leden.values_list("inschrijving_id", flat=True)) == set(swapped.ids)
    reden = Groepslid.objects.get(groep=groep, inschrijving=formeel).reden
    assert reden == GroepsReden.COORDINATOR
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        p.deelnemer.user.email for p in people if p.pk in swapped.ids
    )


def test_another_proposal_takes_the_next_seed(coord_client, traject, bijeenkomst, groep):
    _people(traject)
    response = coord_client.post(
        _url(bijeenkomst, "voorbereiding_voorstel"),
        {"actie": "ander", "seed": "4"},
        HTTP_HX_REQUEST="true",
    )
    assert response.context["voorstel"].seed == 5
    html = response.content.decode()
    assert html.lstrip().startswith('<section class="kaart voorstel"')
    assert 'name="seed" value="5"' in html


def test_another_proposal_says_when_there_is_no_other(coord_client, traject, bijeenkomst, groep):
    people = _people(traject)[3:]  # two informeel and one ervaringsdeskundige: one group
    Inschrijving.objects.exclude(pk__in=[p.pk for p in people]).update(wil_voorbereiden=False)
    response = coord_client.post(
        _url(bijeenkomst, "voorbereiding_voorstel"),
        {"actie": "ander", "seed": "0", "lid": [p.pk for p in people]},
        HTTP_HX_REQUEST="true",
    )
    assert response.context["voorstel"].geen_ander is True
    assert "Er is geen ander voorstel dat even goed is." in response.content.decode()


def test_accept_with_htmx_updates_group_out_of_band(coord_client, traject, bijeenkomst, groep):
    people = _people(traject)
    ids = [p.pk for p in people[:3]]
    response = coord_client.post(
        _url(bijeenkomst, "voorbereiding_voorstel"),
        {"actie": "accepteer", "seed": "0", "lid": ids},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "De groep is samengesteld." in html
    assert '<div id="groep" hx-swap-oob="innerHTML">' in html
    assert set(groep.leden.values_list("inschrijving_id", flat=True)) == set(ids)


def test_proposal_without_willing_people_says_so(coord_client, bijeenkomst, groep):
    response = coord_client.post(
        _url(bijeenkomst, "voorbereiding_voorstel"), {"actie": "voorstel"}, HTTP_HX_REQUEST="true"
    )
    assert "Er is nog niemand met een plek die wil helpen voorbereiden." in (
        response.content.decode()
    )


def test_proposal_bad_post_is_400(coord_client, bijeenkomst, groep):
    url = _url(bijeenkomst, "voorbereiding_voorstel")
    assert coord_client.post(url, {}).status_code == 400
    assert coord_client.post(url, {"actie": "wissel", "lid": ["x"]}).status_code == 400


# --- query counts -----------------------------------------------------------------------


@pytest.mark.parametrize("people", [10, 300])
def test_prep_page_query_count_fixed(client, django_assert_num_queries, traject, people):
    b = _meeting(traject, 2, days=14)
    eerste = _meeting(traject, 1)
    mensen = _bulk_people(traject, people)
    groep = factories.voorbereidingsgroep(b, grootte=6)
    oud = factories.voorbereidingsgroep(eerste, grootte=6)
    Groepslid.objects.bulk_create(
        Groepslid(groep=g, inschrijving=i, reden=GroepsReden.ZELF)
        for g, leden in ((groep, mensen[:5]), (oud, mensen[5:10]))
        for i in leden
    )
    Bijdrage.objects.bulk_create(
        Bijdrage(bijeenkomst=eerste, soort=BijdrageSoort.IDEE, tekst=f"Idee {n}")
        for n in range(people)
    )
    client.force_login(mensen[0].deelnemer.user)
    # session, user, meeting, may-coordinate, own seat, group, members, wishes, contributions
    with django_assert_num_queries(9):
        response = client.get(_url(b))
    assert len(response.context["stand"].leden) == 5
    assert len(response.context["wensen"]) == people


@pytest.mark.parametrize("people", [10, 300])
def test_prep_page_for_coordinator_query_count_fixed(
    coord_client, django_assert_num_queries, traject, people
):
    b = _meeting(traject, 2, days=14)
    mensen = _bulk_people(traject, people)
    groep = factories.voorbereidingsgroep(b, grootte=6)
    Groepslid.objects.bulk_create(
        Groepslid(groep=groep, inschrijving=i, reden=GroepsReden.ZELF) for i in mensen[:4]
    )
    # session, user, meeting, may-coordinate, own seat, group, members, wishes,
    # contributions, willing per tag
    with django_assert_num_queries(10):
        response = coord_client.get(_url(b))
    assert response.context["bereid"].totaal == people
    # A proposal from everyone willing (the page without may-coordinate and own seat,
    # plus the pool and the history), and its audit row.
    with django_assert_num_queries(11):
        response = coord_client.post(
            _url(b, "voorbereiding_voorstel"), {"actie": "voorstel", "seed": "1"}
        )
    assert len(response.context["voorstel"].leden) == 6


@pytest.mark.parametrize("people", [10, 300])
def test_table_list_query_count_fixed(coord_client, django_assert_num_queries, traject, people):
    eerste = _meeting(traject, 1)
    b = _meeting(traject, 2, days=14)
    mensen = _bulk_people(traject, people)
    for meeting in (eerste, b):
        Aanwezigheid.objects.bulk_create(
            Aanwezigheid(bijeenkomst=meeting, inschrijving=i, antwoord="komt") for i in mensen
        )
        groepen_services.make_tables(bijeenkomst=meeting)
    laat = _bulk_people(traject, 3)
    Aanwezigheid.objects.bulk_create(
        Aanwezigheid(bijeenkomst=b, inschrijving=i, antwoord="komt") for i in laat
    )
    # session, user, meeting, may-coordinate, own seat, seats, tables, candidates
    with django_assert_num_queries(8):
        response = coord_client.get(_url(b, "tafels"))
    assert sum(len(t.plaatsen) for t in response.context["tafels"]) == people
    assert len(response.context["zonder_tafel"]) == 3
    # A participant's "jouw tafel": session, user, meeting, may-coordinate, own seat,
    # own table, tablemates.
    coord_client.force_login(mensen[0].deelnemer.user)
    with django_assert_num_queries(7):
        response = coord_client.get(_url(b, "tafels"))
    assert len(response.context["mijn_tafel"].plaatsen) in (4, 5, 6)


# --- tables -----------------------------------------------------------------------------


def test_coordinator_makes_tables_and_participant_sees_theirs(
    client, coordinator, traject, bijeenkomst
):
    mensen = _bulk_people(traject, 9)
    Aanwezigheid.objects.bulk_create(
        Aanwezigheid(bijeenkomst=bijeenkomst, inschrijving=i, antwoord="komt") for i in mensen
    )
    client.force_login(coordinator)
    response = client.post(_url(bijeenkomst, "tafels_indelen"), {"seed": "0"})
    assert _messages(response) == ["De mensen zijn over 2 tafels verdeeld."]
    html = client.get(_url(bijeenkomst, "tafels")).content.decode()
    assert html.count('class="tafel"') == 2
    assert 'name="seed" value="1"' in html  # "Maak een andere indeling" takes the next seed

    client.force_login(mensen[0].deelnemer.user)
    response = client.get(_url(bijeenkomst, "tafels"))
    html = response.content.decode()
    tafel = Tafelplaats.objects.get(inschrijving=mensen[0]).tafel
    assert f"Tafel {tafel.nummer}" in html
    assert "Massa0000 (jij)" in html
    assert "Achternaam" not in html  # first names only
    assert 'class="tafel"' not in html  # not the whole list


def test_participant_without_table_is_told_to_look_later(ans_client, bijeenkomst):
    html = ans_client.get(_url(bijeenkomst, "tafels")).content.decode()
    assert "Je hebt nog geen tafel." in html


def test_late_arrival_from_the_table_list(coord_client, traject, bijeenkomst):
    mensen = _bulk_people(traject, 8)
    Aanwezigheid.objects.bulk_create(
        Aanwezigheid(bijeenkomst=bijeenkomst, inschrijving=i, aanwezig=True) for i in mensen
    )
    coord_client.post(_url(bijeenkomst, "tafels_indelen"), {"seed": "0"})
    laat = factories.inschrijving(traject, user=factories.user(naam="Laat Komer"))
    Aanwezigheid.objects.create(bijeenkomst=bijeenkomst, inschrijving=laat, aanwezig=True)
    html = coord_client.get(_url(bijeenkomst, "tafels")).content.decode()
    assert "Nog zonder tafel" in html and "Laat Komer" in html
    response = coord_client.post(_url(bijeenkomst, "tafels_erbij"), {"inschrijving": laat.pk})
    tafel = Tafelplaats.objects.get(inschrijving=laat).tafel
    assert response["Location"].endswith(f"#tafel-{tafel.nummer}")
    assert _messages(response) == [f"Laat Komer zit aan tafel {tafel.nummer}."]


def _coming(traject, bijeenkomst, n):
    mensen = _bulk_people(traject, n)
    Aanwezigheid.objects.bulk_create(
        Aanwezigheid(bijeenkomst=bijeenkomst, inschrijving=i, antwoord="komt") for i in mensen
    )
    return mensen


ZEVEN = "Met 7 mensen kan het niet in tafels van 4 tot 6: we maken tafels van 3 en 4."


def test_seven_people_are_told_honestly_what_the_tables_will_be(coord_client, traject, bijeenkomst):
    _coming(traject, bijeenkomst, 7)
    html = coord_client.get(_url(bijeenkomst, "tafels")).content.decode()
    assert f"<strong>{ZEVEN}</strong>" in html
    assert "Samenspel verdeelt hen over tafels van 4 tot 6 mensen" not in html
    response = coord_client.post(_url(bijeenkomst, "tafels_indelen"), {"seed": "0"})
    assert _messages(response) == ["De mensen zijn over 2 tafels verdeeld.", ZEVEN]
    sizes = sorted(t.plaatsen.count() for t in Tafel.objects.filter(bijeenkomst=bijeenkomst))
    assert sizes == [3, 4]


def test_eight_people_get_the_promise(coord_client, traject, bijeenkomst):
    _coming(traject, bijeenkomst, 8)
    html = coord_client.get(_url(bijeenkomst, "tafels")).content.decode()
    assert "Samenspel verdeelt hen over tafels van 4 tot 6 mensen" in html
    assert "kan het niet" not in html
    response = coord_client.post(_url(bijeenkomst, "tafels_indelen"), {"seed": "0"})
    assert _messages(response) == ["De mensen zijn over 2 tafels verdeeld."]


def test_late_arrival_at_full_tables_opens_a_new_table(coord_client, traject, bijeenkomst):
    _coming(traject, bijeenkomst, 12)
    coord_client.post(_url(bijeenkomst, "tafels_indelen"), {"seed": "0"})
    coord_client.get(_url(bijeenkomst, "tafels"))  # shows (and so clears) its message
    laat = factories.inschrijving(traject, user=factories.user(naam="Laat Komer"))
    response = coord_client.post(_url(bijeenkomst, "tafels_erbij"), {"inschrijving": laat.pk})
    assert response["Location"].endswith("#tafel-3")
    assert _messages(response) == [
        "Alle tafels waren vol of vergrendeld. Laat Komer zit aan een nieuwe tafel 3. Die "
        "tafel is nog klein: zet er wie later komt bij, of verplaats iemand."
    ]
    assert Tafelplaats.objects.get(inschrijving=laat).tafel.nummer == 3


def _seat_of(inschrijving):
    return Tafelplaats.objects.get(inschrijving=inschrijving).tafel.nummer


def test_coordinator_moves_someone_without_javascript(coord_client, traject, bijeenkomst):
    mensen = _coming(traject, bijeenkomst, 9)
    coord_client.post(_url(bijeenkomst, "tafels_indelen"), {"seed": "0"})
    coord_client.get(_url(bijeenkomst, "tafels"))  # shows (and so clears) its message
    iemand = next(i for i in mensen if _seat_of(i) == 1)
    html = coord_client.get(_url(bijeenkomst, "tafels")).content.decode()
    assert f'id="naar-{iemand.pk}"' in html
    response = coord_client.post(
        _url(bijeenkomst, "tafels_verplaatsen"), {"inschrijving": iemand.pk, "naar": "2"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#tafel-2")
    naam = iemand.deelnemer.user.naam
    assert _messages(response) == [f"{naam} zit nu aan tafel 2."]
    assert _seat_of(iemand) == 2
    regel = Auditregel.objects.get(actie=AuditActie.TAFEL_VERPLAATST)
    assert (regel.payload["tafel"], regel.payload["bijeenkomst"]) == (2, bijeenkomst.pk)


def test_coordinator_moves_someone_with_htmx(coord_client, traject, bijeenkomst):
    mensen = _coming(traject, bijeenkomst, 9)
    coord_client.post(_url(bijeenkomst, "tafels_indelen"), {"seed": "0"})
    coord_client.get(_url(bijeenkomst, "tafels"))  # shows (and so clears) its message
    iemand = next(i for i in mensen if _seat_of(i) == 2)
    response = coord_client.post(
        _url(bijeenkomst, "tafels_verplaatsen"),
        {"inschrijving": iemand.pk, "naar": "nieuw"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="tafellijst" aria-live="polite">')
    assert f"{iemand.deelnemer.user.naam} zit nu aan tafel 3." in html
    assert html.count('class="tafel"') == 3
    assert "<html" not in html
    assert _seat_of(iemand) == 3
    # A full table is refused with the reason, in the same region.
    vol = next(i for i in mensen if _seat_of(i) == 1)
    for i in mensen:
        if _seat_of(i) == 2:
            coord_client.post(
                _url(bijeenkomst, "tafels_verplaatsen"), {"inschrijving": i.pk, "naar": "1"}
            )
    response = coord_client.post(
        _url(bijeenkomst, "tafels_verplaatsen"),
        {"inschrijving": iemand.pk, "naar": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert (
        '<div class="utrecht-alert utrecht-alert--error" role="alert">'
        '<div class="utrecht-alert__content"><div class="utrecht-alert__message">'
        "Tafel 1 is vol: er zitten al 6 mensen. "
        "Verplaats eerst iemand van die tafel, of kies een nieuwe tafel.</div>"
    ) in response.content.decode()
    assert _seat_of(iemand) == 3
    assert _seat_of(vol) == 1


def test_move_with_a_made_up_table_says_so(coord_client, traject, bijeenkomst):
    mensen = _coming(traject, bijeenkomst, 8)
    coord_client.post(_url(bijeenkomst, "tafels_indelen"), {"seed": "0"})
    coord_client.get(_url(bijeenkomst, "tafels"))  # shows (and so clears) its message
    response = coord_client.post(
        _url(bijeenkomst, "tafels_verplaatsen"), {"inschrijving": mensen[0].pk, "naar": "abc"}
    )
    assert _messages(response) == ["Kies een tafel uit de lijst."]
    coord_client.get(_url(bijeenkomst, "tafels"))
    response = coord_client.post(
        _url(bijeenkomst, "tafels_verplaatsen"), {"inschrijving": mensen[0].pk, "naar": "7"}
    )
    assert _messages(response) == ["Die tafel bestaat niet meer. Kijk opnieuw naar de tafellijst."]
    response = coord_client.post(
        _url(bijeenkomst, "tafels_verplaatsen"), {"inschrijving": "x", "naar": "1"}
    )
    assert response.status_code == 400


def test_locked_table_survives_another_split_plain_and_htmx(coord_client, traject, bijeenkomst):
    _coming(traject, bijeenkomst, 10)
    coord_client.post(_url(bijeenkomst, "tafels_indelen"), {"seed": "0"})
    coord_client.get(_url(bijeenkomst, "tafels"))  # shows (and so clears) its message
    tafel = Tafel.objects.get(bijeenkomst=bijeenkomst, nummer=1)
    people = set(tafel.plaatsen.values_list("inschrijving_id", flat=True))
    response = coord_client.post(
        _url(bijeenkomst, "tafels_vergrendelen"), {"tafel": "1", "vergrendeld": "1"}
    )
    assert response["Location"].endswith("#tafel-1")
    assert _messages(response) == ["Tafel 1 is vergrendeld: die blijft zo bij een nieuwe indeling."]
    html = coord_client.get(_url(bijeenkomst, "tafels")).content.decode()
    assert "Open tafel 1</button>" in html
    assert "(vergrendeld)" in html
    coord_client.post(_url(bijeenkomst, "tafels_indelen"), {"seed": "1"})
    kept = Tafel.objects.get(bijeenkomst=bijeenkomst, nummer=1)
    assert kept.vergrendeld is True
    assert set(kept.plaatsen.values_list("inschrijving_id", flat=True)) == people
    response = coord_client.post(
        _url(bijeenkomst, "tafels_vergrendelen"),
        {"tafel": "1", "vergrendeld": "0"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert (
        '<div class="utrecht-alert utrecht-alert--ok" role="status">'
        '<div class="utrecht-alert__content"><div class="utrecht-alert__message">'
        "Tafel 1 is weer open.</div>"
    ) in html
    assert "Vergrendel tafel 1</button>" in html
    assert Tafel.objects.get(pk=kept.pk).vergrendeld is False
    regels = Auditregel.objects.filter(actie=AuditActie.TAFEL_VERGRENDELD).order_by("id")
    assert [r.payload["vergrendeld"] for r in regels] == [True, False]
    response = coord_client.post(
        _url(bijeenkomst, "tafels_vergrendelen"), {"tafel": "9", "vergrendeld": "1"}
    )
    assert response.status_code == 404


def test_participant_sees_no_tags_and_no_table_tools(client, traject, bijeenkomst):
    mensen = _coming(traject, bijeenkomst, 8)
    groepen_services.make_tables(bijeenkomst=bijeenkomst)
    client.force_login(mensen[0].deelnemer.user)
    html = client.get(_url(bijeenkomst, "tafels")).content.decode()
    for label in ("Ervaringsdeskundige", "Formeel", "Informeel", "ervaringsdeskundige"):
        assert label not in html
    assert "tafels/verplaatsen" not in html and "tafels/vergrendelen" not in html


def test_manager_sees_only_the_number_of_tables(client, traject, bijeenkomst):
    mensen = _bulk_people(traject, 8)
    Aanwezigheid.objects.bulk_create(
        Aanwezigheid(bijeenkomst=bijeenkomst, inschrijving=i, antwoord="komt") for i in mensen
    )
    groepen_services.make_tables(bijeenkomst=bijeenkomst)
    manager = factories.user(is_manager=True)
    traject.gebied.managers.add(manager)
    client.force_login(manager)
    html = client.get(_url(bijeenkomst, "tafels")).content.decode()
    assert "Er zijn 2 tafels." in html
    assert "Massa" not in html


def test_meeting_page_links_to_prep_group_and_tables(ans_client, bijeenkomst):
    html = ans_client.get(bijeenkomst.get_absolute_url()).content.decode()
    assert f'href="{_url(bijeenkomst)}"' in html
    assert f'href="{_url(bijeenkomst, "tafels")}">Jouw tafel<' in html
