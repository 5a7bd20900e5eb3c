import re
from html import unescape

import factories
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from trajecten.choices import InschrijvingStatus, Rol, TrajectStatus
from waarden import services
from waarden.models import Citaat, Onderschrijving, TrajectWaarde, Waarde, Waardenbord

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}
VIJF = ["respect", "warmte", "openheid", "zelfregie", "veiligheid"]


def url(traject, name="bord", **kw):
    return reverse(f"waarden:{name}", kwargs={"slug": traject.slug, **kw})


def text(response) -> str:
    """The visible text of a response, whitespace collapsed."""
    html = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", unescape(html)).strip()


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def heat_row(response, titel: str) -> list[str]:
    """The cells (as text) of the heat-map row of a value."""
    html = response.content.decode()
    table = html[html.index('class="utrecht-table utrecht-table--html-table heatmap"') :]
    row = re.search(rf'<th scope="row">{titel}.*?</tr>', table, re.S).group(0)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    cells = [re.sub(r'<span class="visually-hidden">.*?</span>', "", c) for c in cells]
    return [unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells]


@pytest.fixture
def anna(traject):
    return factories.inschrijving(traject, user=factories.user(naam="Anna de Wit"))


@pytest.fixture
def anna_client(client, anna):
    client.force_login(anna.deelnemer.user)
    return client


@pytest.fixture
def coord_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def manager(traject):
    m = factories.user(is_manager=True, naam="Mira Manager")
    traject.gebied.managers.add(m)
    return m


# --- The board -----------------------------------------------------------------------------


def test_board_for_a_participant(anna_client, traject, anna, waarde):
    services.add_citaat(
        inschrijving=anna, waarde=waarde("respect"), tekst="We luisteren.", toon_naam=True
    )
    response = anna_client.get(url(traject))
    assert response.status_code == 200
    body = text(response)
    assert "Gedeelde waarden" in body
    assert body.count("Mijn kernwaarde") == 12
    assert "Je hebt 0 kernwaarden gekozen, van de 5." in body
    assert "We luisteren." in body
    assert "– Anna" in body
    assert f'action="/trajecten/{traject.slug}/waarden/citaten/"' in response.content.decode()
    assert response.headers["Vary"].count("HX-Request") == 1


def test_board_quote_without_name_is_anonymous(client, traject, anna, waarde):
    services.add_citaat(inschrijving=anna, waarde=waarde("respect"), tekst="Zonder naam.")
    bo = factories.inschrijving(traject, user=factories.user(naam="Bo Jansen"))
    client.force_login(bo.deelnemer.user)
    body = text(client.get(url(traject)))
    assert "Zonder naam. – iemand aan tafel" in body
    assert "Anna" not in body


def test_board_with_htmx_is_the_partial(anna_client, traject):
    response = anna_client.get(url(traject), **HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert 'class="utrecht-table utrecht-table--html-table heatmap"' in html
    assert "citaat-kop" not in html  # the quote form is outside the board region


def test_board_empty(anna_client, traject):
    services.set_bord(traject=traject, waarden=[], drempel=30)
    assert "Er staan nog geen waarden op het bord." in text(anna_client.get(url(traject)))


def test_endorse_without_javascript(anna_client, traject, anna, waarde):
    respect = waarde("respect")
    response = anna_client.post(url(traject, "onderschrijven"), {"waarde": respect.pk, "aan": "1"})
    assert response.status_code == 302
    assert response["Location"] == f"{url(traject)}#waarde-{respect.pk}"
    assert messages_of(response) == ["Respect is nu een van je kernwaarden. Je hebt er 1 van de 5."]
    assert Onderschrijving.objects.filter(inschrijving=anna, waarde=respect).count() == 1
    page = anna_client.get(url(traject))
    assert f'id="kies-{respect.pk}" name="aan" value="0"' in page.content.decode()
    assert "Je hebt 1 kernwaarde gekozen, van de 5." in text(page)

    response = anna_client.post(url(traject, "onderschrijven"), {"waarde": respect.pk, "aan": "0"})
    assert messages_of(response) == [
        "Respect is geen kernwaarde meer van je. Je hebt er 0 van de 5."
    ]
    assert Onderschrijving.objects.filter(inschrijving=anna).count() == 0


def test_endorse_with_htmx_swaps_board_and_says_so(anna_client, traject, anna, waarde):
    respect = waarde("respect")
    response = anna_client.post(
        url(traject, "onderschrijven"), {"waarde": respect.pk, "aan": "1"}, **HX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert 'aria-pressed="true"' in html
    assert html.count('aria-pressed="true"') == 1
    assert '<div id="bord-melding" hx-swap-oob="innerHTML">' in html
    assert "Respect is nu een van je kernwaarden. Je hebt er 1 van de 5." in html
    # One person: a participant sees no exact share of so few.
    assert heat_row(response, "Respect") == ["–", "< 5", "–"]


def test_sixth_value_is_refused_with_a_clear_message(anna_client, traject, anna, waarde):
    for slug in VIJF:
        services.set_endorsement(inschrijving=anna, waarde=waarde(slug), aan=True)
    creatief = waarde("creatief")
    response = anna_client.post(
        url(traject, "onderschrijven"), {"waarde": creatief.pk, "aan": "1"}, **HX
    )
    assert response.status_code == 200
    assert "utrecht-alert--error" in response.content.decode()
    assert "Je hebt al 5 kernwaarden gekozen. Haal er eerst een weg" in text(response)
    response = anna_client.post(url(traject, "onderschrijven"), {"waarde": creatief.pk, "aan": "1"})
    assert response.status_code == 302
    assert messages_of(response) == [
        "Je hebt al 5 kernwaarden gekozen. Haal er eerst een weg als je deze wilt kiezen."
    ]
    assert Onderschrijving.objects.filter(inschrijving=anna).count() == 5


@pytest.mark.parametrize(
    "data", [{}, {"waarde": "x", "aan": "1"}, {"aan": "1"}, {"waarde": 0, "aan": "ja"}]
)
def test_endorse_bad_request(anna_client, traject, data):
    assert anna_client.post(url(traject, "onderschrijven"), data).status_code == 400


def test_endorse_value_off_the_board_is_bad_request(anna_client, traject, waarde):
    services.set_bord(traject=traject, waarden=[waarde("respect")], drempel=30)
    response = anna_client.post(
        url(traject, "onderschrijven"), {"waarde": waarde("warmte").pk, "aan": "1"}
    )
    assert response.status_code == 400


def test_heat_map_and_shared_list_follow_endorsements(client, coordinator, traject, anna, waarde):
    """Formeel 2, informeel 2 (Anna and Bo), ervaringsdeskundige 1; threshold 30%. The
    coordinator sees the exact figures; Anna, at the table, the same with small cells
    hidden and no talking point that rests on one."""
    client.force_login(coordinator)
    anna_client = client
    f1 = factories.inschrijving(traject, rol=Rol.BEROEPSKRACHT)
    factories.inschrijving(traject, rol=Rol.AMBTENAAR)
    factories.inschrijving(traject, rol=Rol.MANTELZORGER)
    e1 = factories.inschrijving(traject, rol=Rol.ERVARINGSDESKUNDIGE)
    respect = waarde("respect")
    for i in (f1, e1):
        services.set_endorsement(inschrijving=i, waarde=respect, aan=True)
    page = anna_client.get(url(traject))
    assert heat_row(page, "Respect") == ["50%", "0%", "100%"]
    assert "Er zijn nog geen gedeelde waarden." in text(page)
    assert "Respect : bij Ervaringsdeskundige kiest 100% deze waarde, bij Informeel 0%." in text(
        page
    )

    client.force_login(anna.deelnemer.user)
    page = client.get(url(traject))
    assert heat_row(page, "Respect") == ["< 5", "< 5", "< 5"]
    assert "kiest 100%" not in text(page)
    assert "Er zijn nog geen verschillen tussen de groepen." in text(page)

    anna_client.post(url(traject, "onderschrijven"), {"waarde": respect.pk, "aan": "1"})
    client.force_login(coordinator)
    page = anna_client.get(url(traject))
    assert heat_row(page, "Respect") == ["50%", "50%", "100%"]
    assert 'class="heat heat-5">50%' in page.content.decode()
    html = page.content.decode()
    shared = html[html.index('<ul class="gedeeld"') :]
    assert shared[: shared.index("</ul>")].count("<li>") == 1
    assert "<li>Respect</li>" in shared
    assert "gedeeld" in heat_row_header(page, "Respect")


def heat_row_header(response, titel):
    html = response.content.decode()
    table = html[html.index('class="utrecht-table utrecht-table--html-table heatmap"') :]
    return re.search(rf'<th scope="row">{titel}.*?</th>', table, re.S).group(0)


def test_board_in_english(anna_client, traject):
    anna_client.cookies["django_language"] = "en"
    page = anna_client.get(url(traject), HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="en" ' in page.content.decode()
    assert "Equality" in text(page)


# --- Quotes --------------------------------------------------------------------------------


def test_add_quote_without_javascript(anna_client, traject, anna, waarde):
    from django.utils import timezone

    b = factories.bijeenkomst(traject, nummer=2, thema="Omdenken", start=timezone.now(), uren=1)
    respect = waarde("respect")
    page = anna_client.get(url(traject))
    assert "Toon mijn voornaam (Anna) bij het citaat." in text(page)
    assert "Bijeenkomst 2: Omdenken" in text(page)
    response = anna_client.post(
        url(traject, "citaat_nieuw"),
        {"waarde": respect.pk, "tekst": "Ja, en… in plaats van ja, maar.", "bijeenkomst": b.pk},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{url(traject)}#waarde-{respect.pk}"
    assert messages_of(response) == ["Dank je wel! Je citaat staat op het bord."]
    citaat = Citaat.objects.get()
    assert (citaat.inschrijving, citaat.bijeenkomst, citaat.toon_naam) == (anna, b, False)
    assert "Ja, en… in plaats van ja, maar. – iemand aan tafel, bijeenkomst 2" in text(
        anna_client.get(url(traject))
    )


def test_add_quote_errors_show_on_the_page(anna_client, traject):
    response = anna_client.post(url(traject, "citaat_nieuw"), {"waarde": "", "tekst": ""})
    assert response.status_code == 200
    body = text(response)
    assert "Er gaat nog iets mis. Kijk bij:" in body
    assert "Bij welke waarde past het?" in body
    assert Citaat.objects.count() == 0


def test_add_quote_get_not_allowed(anna_client, traject):
    assert anna_client.get(url(traject, "citaat_nieuw")).status_code == 405


def test_coordinator_hides_and_shows_a_quote(coord_client, client, traject, anna, waarde):
    c = services.add_citaat(inschrijving=anna, waarde=waarde("respect"), tekst="Even weg.")
    response = coord_client.post(url(traject, "citaat_verbergen", pk=c.pk), {"verborgen": "1"})
    assert response.status_code == 302
    assert response["Location"] == f"{url(traject)}#waarde-{c.waarde_id}"
    assert messages_of(response) == ["Het citaat is verborgen. Alleen coördinatoren zien het nog."]
    c.refresh_from_db()
    assert c.verborgen is True
    page = text(coord_client.get(url(traject)))
    assert "Even weg." in page
    assert "Verborgen: alleen coördinatoren zien dit citaat." in page
    assert "Weer tonen" in page

    client.force_login(anna.deelnemer.user)
    assert "Even weg." not in text(client.get(url(traject)))

    client.force_login(traject.coordinatoren.get())
    client.post(url(traject, "citaat_verbergen", pk=c.pk), {"verborgen": "0"})
    c.refresh_from_db()
    assert c.verborgen is False


def test_participant_cannot_hide_a_quote(anna_client, traject, anna, waarde):
    c = services.add_citaat(inschrijving=anna, waarde=waarde("respect"), tekst="Blijft.")
    response = anna_client.post(url(traject, "citaat_verbergen", pk=c.pk), {"verborgen": "1"})
    assert response.status_code == 404
    c.refresh_from_db()
    assert c.verborgen is False


def test_hide_quote_of_other_traject_is_404(coord_client, traject, waarde):
    ander = factories.traject(coordinatoren=[traject.coordinatoren.get()])
    services.set_bord(traject=ander, waarden=[waarde("respect")], drempel=30)
    i = factories.inschrijving(ander)
    c = services.add_citaat(inschrijving=i, waarde=waarde("respect"), tekst="Elders.")
    response = coord_client.post(url(traject, "citaat_verbergen", pk=c.pk), {"verborgen": "1"})
    assert response.status_code == 404


# --- Managers: figures only ----------------------------------------------------------------


def test_manager_sees_figures_only_with_small_cells_suppressed(
    client, traject, manager, anna, waarde, bulk_people
):
    services.add_citaat(inschrijving=anna, waarde=waarde("respect"), tekst="Geheim citaat.")
    # 12 people: formeel 3, informeel 6 (+ Anna = 7), ervaringsdeskundige 3.
    bulk_people(traject, 12, endorse=[waarde("respect")])
    services.set_endorsement(inschrijving=anna, waarde=waarde("respect"), aan=True)
    client.force_login(manager)
    page = client.get(url(traject))
    assert page.status_code == 200
    body = text(page)
    assert heat_row(page, "Respect") == ["< 5", "100%", "< 5"]
    assert heat_row(page, "Warmte") == ["< 5", "< 5", "< 5"]
    assert "aantal mensen: < 5" in body
    assert "aantal mensen: 7" in body
    assert "Geheim citaat." not in body
    assert "Mijn kernwaarde" not in body
    assert "Gedeelde waarden" in body  # the page title
    assert "Om over te praten" not in body
    assert '<ul class="gedeeld"' not in page.content.decode()
    assert "Anna" not in body
    assert "Naam" not in body
    assert "heat-onbekend" in page.content.decode()


def test_participant_sees_quotes_but_figures_with_small_cells_suppressed(
    client, coordinator, traject, anna, waarde, bulk_people
):
    services.add_citaat(inschrijving=anna, waarde=waarde("respect"), tekst="Mijn citaat.")
    # 12 people: formeel 3, informeel 6 (+ Anna = 7), ervaringsdeskundige 3.
    bulk_people(traject, 12, endorse=[waarde("respect")])
    services.set_endorsement(inschrijving=anna, waarde=waarde("respect"), aan=True)
    client.force_login(anna.deelnemer.user)
    page = client.get(url(traject))
    body = text(page)
    assert heat_row(page, "Respect") == ["< 5", "100%", "< 5"]
    assert "aantal mensen: < 5" in body
    assert "aantal mensen: 3" not in body
    assert "Mijn citaat." in body  # the quotes stay for people at the table
    assert "minder dan 5 mensen. Zo is niet te zien wat één persoon koos." in body
    # Coordinators see the exact figures.
    client.force_login(coordinator)
    page = client.get(url(traject))
    assert heat_row(page, "Respect") == ["100%", "100%", "100%"]
    assert "aantal mensen: 3" in text(page)


def test_manager_who_sits_at_the_table_sees_everything(client, traject, manager, waarde):
    factories.inschrijving(traject, user=manager, rol=Rol.LEIDINGGEVENDE)
    client.force_login(manager)
    body = text(client.get(url(traject)))
    assert body.count("Mijn kernwaarde") == 12
    assert "Om over te praten" in body  # the participants' board, not figures only


# --- Coordinator: the board's values ----------------------------------------------------------


def test_manage_board_starts_with_the_twelve_ticked(coord_client, coordinator):
    traject = factories.traject(coordinatoren=[coordinator])  # nothing on its board yet
    page = coord_client.get(url(traject, "beheer"))
    assert page.status_code == 200
    assert page.content.decode().count("checked") == 12
    assert 'value="30"' in page.content.decode()


def test_manage_board_saves_values_and_threshold(coord_client, traject, waarde):
    response = coord_client.post(
        url(traject, "beheer"),
        {"waarden": [waarde("respect").pk, waarde("warmte").pk], "drempel": "40"},
    )
    assert response.status_code == 302
    assert response["Location"] == url(traject)
    assert set(
        TrajectWaarde.objects.filter(traject=traject).values_list("waarde__slug", flat=True)
    ) == {
        "respect",
        "warmte",
    }
    assert Waardenbord.objects.get(traject=traject).drempel == 40
    page = coord_client.get(url(traject, "beheer"))
    assert page.content.decode().count("checked") == 2
    assert "Een waarde is gedeeld als minstens 40% van elke groep hem kiest." in text(
        coord_client.get(url(traject))
    )


@pytest.mark.parametrize("drempel", ["0", "101", "", "veel"])
def test_manage_board_invalid_threshold(coord_client, traject, drempel):
    response = coord_client.post(url(traject, "beheer"), {"waarden": [], "drempel": drempel})
    assert response.status_code == 200
    assert "Er gaat nog iets mis. Kijk bij:" in text(response)


def test_add_own_value(coord_client, traject):
    page = coord_client.get(url(traject, "waarde_nieuw"))
    assert page.status_code == 200
    response = coord_client.post(
        url(traject, "waarde_nieuw"), {"naam": "Humor", "beschrijving_nl": "We lachen samen."}
    )
    assert response.status_code == 302
    assert response["Location"] == url(traject, "beheer")
    assert messages_of(response) == ["Humor staat nu op het bord."]
    humor = Waarde.objects.get(traject=traject)
    assert "We lachen samen." in text(coord_client.get(url(traject)))
    assert "(eigen waarde)" in text(coord_client.get(url(traject, "beheer")))
    assert humor.slug == "humor"


def test_add_own_value_with_catalogue_name_shows_error(coord_client, traject):
    response = coord_client.post(url(traject, "waarde_nieuw"), {"naam": "Respect"})
    assert response.status_code == 200
    assert "De waarde ‘Respect’ bestaat al. Zet die op het bord." in text(response)
    assert Waarde.objects.filter(traject=traject).count() == 0


# --- Access --------------------------------------------------------------------------------

ALL_URLS = [
    ("bord", {}, "get"),
    ("onderschrijven", {}, "post"),
    ("citaat_nieuw", {}, "post"),
    ("citaat_verbergen", {"pk": 1}, "post"),
    ("beheer", {}, "get"),
    ("waarde_nieuw", {}, "get"),
]


@pytest.fixture
def outsiders(traject):
    """Someone for every way of being outside this traject."""
    ander = factories.traject(status=TrajectStatus.CONCEPT)
    coord_ander = factories.user(is_coordinator=True)
    ander.coordinatoren.add(coord_ander)
    elders = factories.inschrijving(ander, user=factories.user())
    wacht = factories.inschrijving(traject, status=InschrijvingStatus.WACHTLIJST)
    manager_uit = factories.user(is_manager=True)
    factories.gebied().managers.add(manager_uit)
    return {
        "coordinator_ander": coord_ander,
        "deelnemer_ander": elders.deelnemer.user,
        "wachtlijst": wacht.deelnemer.user,
        "manager_uit": manager_uit,
    }


@pytest.mark.parametrize(("name", "kwargs", "method"), ALL_URLS)
@pytest.mark.parametrize(
    "who", ["coordinator_ander", "deelnemer_ander", "wachtlijst", "manager_uit"]
)
def test_outsiders_get_404(client, traject, outsiders, anna, waarde, name, kwargs, method, who):
    c = services.add_citaat(inschrijving=anna, waarde=waarde("respect"), tekst="Hier.")
    kwargs = {"pk": c.pk} if kwargs else {}
    client.force_login(outsiders[who])
    data = {"waarde": waarde("respect").pk, "aan": "1", "verborgen": "1", "tekst": "x"}
    response = getattr(client, method)(url(traject, name, **kwargs), data)
    assert response.status_code == 404
    assert Onderschrijving.objects.count() == 0
    assert Citaat.objects.count() == 1
    assert Citaat.objects.get().verborgen is False


@pytest.mark.parametrize(("name", "kwargs", "method"), ALL_URLS)
def test_anonymous_is_sent_to_sign_in(client, traject, name, kwargs, method):
    response = getattr(client, method)(url(traject, name, **kwargs))
    assert response.status_code == 302
    assert response["Location"].startswith("/?next=")


@pytest.mark.parametrize("name", ["onderschrijven", "citaat_nieuw"])
def test_coordinator_and_manager_without_a_seat_cannot_write(
    client, traject, coordinator, manager, waarde, name
):
    for user in (coordinator, manager):
        client.force_login(user)
        response = client.post(url(traject, name), {"waarde": waarde("respect").pk, "aan": "1"})
        assert response.status_code == 404


def test_manager_in_scope_cannot_manage(client, traject, manager):
    client.force_login(manager)
    assert client.get(url(traject, "beheer")).status_code == 404
    assert client.get(url(traject, "waarde_nieuw")).status_code == 404


# --- Query counts --------------------------------------------------------------------------


@pytest.mark.parametrize("aantal", [10, 1000])
def test_board_query_count_is_fixed(
    client,
    traject,
    anna,
    manager,
    coordinator,
    waarde,
    bulk_people,
    aantal,
    django_assert_num_queries,
):
    """The same number of queries for 10 and for 1,000 people, each with two values and
    (the first 50) a quote."""
    bulk_people(traject, aantal, endorse=[waarde("respect"), waarde("warmte")], quotes=50)
    services.set_endorsement(inschrijving=anna, waarde=waarde("respect"), aan=True)

    client.force_login(anna.deelnemer.user)
    with django_assert_num_queries(13):
        response = client.get(url(traject))
    assert response.status_code == 200
    with django_assert_num_queries(11):  # the partial: no quote form
        assert client.get(url(traject), **HX).status_code == 200

    client.force_login(coordinator)
    with django_assert_num_queries(10):
        assert client.get(url(traject)).status_code == 200

    client.force_login(manager)
    with django_assert_num_queries(10):
        assert client.get(url(traject)).status_code == 200


@pytest.mark.parametrize("aantal", [10, 1000])
def test_endorse_query_count_is_fixed(
    client, traject, anna, waarde, bulk_people, aantal, django_assert_num_queries
):
    bulk_people(traject, aantal, endorse=[waarde("respect")], quotes=20)
    client.force_login(anna.deelnemer.user)
    warmte = waarde("warmte")
    with django_assert_num_queries(19):
        response = client.post(
            url(traject, "onderschrijven"), {"waarde": warmte.pk, "aan": "1"}, **HX
        )
    assert response.status_code == 200
