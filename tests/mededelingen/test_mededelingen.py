"""A coordinator's message to the people of a traject: who it goes to, a preview with the
count, sent once through the outbox whatever is pressed twice, and only by coordinators."""

import re
from datetime import timedelta

import factories
import pytest
from django.urls import reverse
from django.utils import timezone

from berichten.models import Verzending
from bijeenkomsten.choices import Antwoord
from bijeenkomsten.models import Aanwezigheid
from mededelingen.choices import Ontvangers
from mededelingen.models import Mededeling
from mededelingen.queries import recipients
from samenspel.models import User
from trajecten.choices import InschrijvingStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def carla():
    return factories.user(naam="Carla", is_coordinator=True)


@pytest.fixture
def opzet(carla):
    """A traject with three placed people (one without e-mail), one waiting, a meeting
    two of them come to and a prep group with one of them."""
    t = factories.traject(naam="Samen in Zuid", coordinatoren=[carla], capaciteit=10)
    anna = factories.inschrijving(t, naam="Anna")
    bert = factories.inschrijving(t, naam="Bert")
    bep = factories.inschrijving(t, user=User.objects.create_without_email(naam="Bep"), naam="Bep")
    wacht = factories.inschrijving(t, naam="Wim", status=InschrijvingStatus.WACHTLIJST)
    factories.inschrijving(t, naam="Weg", status=InschrijvingStatus.AFGEMELD)
    b = factories.bijeenkomst(t, nummer=2)
    Aanwezigheid.objects.create(bijeenkomst=b, inschrijving=anna, antwoord=Antwoord.KOMT)
    Aanwezigheid.objects.create(bijeenkomst=b, inschrijving=bert, antwoord=Antwoord.KOMT_NIET)
    Aanwezigheid.objects.create(bijeenkomst=b, inschrijving=bep, antwoord=Antwoord.KOMT)
    groep = factories.voorbereidingsgroep(b, leden=[bert])
    return t, b, groep, {"anna": anna, "bert": bert, "bep": bep, "wim": wacht}


def _names(qs) -> list[str]:
    return sorted(i.naam for i in qs)


def test_each_choice_reaches_the_right_people(opzet):
    t, b, groep, _ = opzet
    assert _names(recipients(t, Ontvangers.GEPLAATST)) == ["Anna", "Bep", "Bert"]
    assert _names(recipients(t, Ontvangers.IEDEREEN)) == ["Anna", "Bep", "Bert", "Wim"]
    assert _names(recipients(t, Ontvangers.WACHTLIJST)) == ["Wim"]
    assert _names(recipients(t, Ontvangers.BIJEENKOMST, bijeenkomst=b)) == ["Anna", "Bep"]
    assert _names(recipients(t, Ontvangers.GROEP, groep=groep)) == ["Bert"]


def _url(t) -> str:
    return reverse("mededelingen:nieuw", kwargs={"slug": t.slug})


def _preview(client, t, **data):
    post = {"ontvangers": "geplaatst", "onderwerp": "Zaal", "tekst": "Hallo", **data}
    return client.post(_url(t), {**post, "actie": "voorbeeld"})


def test_preview_counts_and_sending_twice_sends_once(client, carla, opzet):
    t, _b, _g, _p = opzet
    client.force_login(carla)
    tekst = "De zaal is verhuisd.\nWe zitten nu boven. <script>x</script>"
    response = _preview(client, t, onderwerp="Andere zaal", tekst=tekst)
    html = response.content.decode()
    assert "Dit bericht gaat naar 2 mensen." in html
    assert "1 persoon heeft geen e-mail. Bel of schrijf die zelf" in html
    assert "Andere zaal – Samen in Zuid" in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>x" not in html
    assert Mededeling.objects.count() == 0 and Verzending.objects.count() == 0

    sleutel = re.search(r'name="sleutel" value="([0-9a-f-]+)"', html).group(1)
    post = {
        "ontvangers": "geplaatst",
        "onderwerp": "Andere zaal",
        "tekst": tekst,
        "sleutel": sleutel,
        "actie": "versturen",
    }
    first = client.post(_url(t), post, follow=True)
    assert "Het bericht gaat naar 2 mensen." in first.content.decode()
    second = client.post(_url(t), post, follow=True)
    assert "Dit bericht was al verstuurd." in second.content.decode()
    (m,) = Mededeling.objects.all()
    assert m.aantal == 2 and m.verstuurd_door == carla
    rows = Verzending.objects.filter(doel="mededeling")
    assert sorted(r.inschrijving.naam for r in rows) == ["Anna", "Bert"]
    assert "Andere zaal" in second.content.decode()  # listed as sent


@pytest.mark.django_db(transaction=True)
def test_the_message_arrives_with_its_text_escaped_and_its_lines(
    client, carla, opzet, mailbox, celery_worker
):
    t, _b, _g, people = opzet
    client.force_login(carla)
    tekst = "Regel een.\nRegel <b>twee</b>."
    html = _preview(client, t, ontvangers="wachtlijst", onderwerp="Nieuws", tekst=tekst)
    sleutel = re.search(r'name="sleutel" value="([0-9a-f-]+)"', html.content.decode()).group(1)
    client.post(
        _url(t),
        {
            "ontvangers": "wachtlijst",
            "onderwerp": "Nieuws",
            "tekst": tekst,
            "sleutel": sleutel,
            "actie": "versturen",
        },
    )
    (message,) = mailbox.wait_for(1)
    assert message["To"] == people["wim"].deelnemer.user.email
    assert message["Subject"] == "Nieuws – Samen in Zuid"
    text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert "Regel een.\nRegel <b>twee</b>." in text
    assert "Dit bericht komt van Carla, coördinator van Samen in Zuid." in text
    body = message.get_body(("html",)).get_content()
    assert "Regel een.<br>Regel &lt;b&gt;twee&lt;/b&gt;." in body


def test_bad_input_is_explained(client, carla, opzet):
    t, _b, _g, _p = opzet
    client.force_login(carla)
    html = _preview(client, t, onderwerp="").content.decode()
    assert "Dit veld is verplicht." in html
    html = _preview(client, t, ontvangers="bijeenkomst").content.decode()
    assert "Kies de bijeenkomst." in html
    html = _preview(client, t, ontvangers="bijeenkomst", bijeenkomst="999999").content.decode()
    assert "Selecteer een geldige keuze" in html
    html = _preview(client, t, ontvangers="groep").content.decode()
    assert "Kies de voorbereidingsgroep." in html
    # A forged key does not send: it shows the preview again.
    post = {"ontvangers": "geplaatst", "onderwerp": "x", "tekst": "y", "sleutel": "nee"}
    response = client.post(_url(t), {**post, "actie": "versturen"})
    assert response.status_code == 200 and Mededeling.objects.count() == 0


def test_only_the_coordinators_of_the_traject(client, opzet):
    t, _b, _g, people = opzet
    for user in (
        people["anna"].deelnemer.user,
        factories.user(is_coordinator=True),
        factories.user(is_manager=True),
    ):
        client.force_login(user)
        assert client.get(_url(t)).status_code == 404
        assert _preview(client, t).status_code == 404


@pytest.mark.parametrize("size", [2, 20])
def test_page_runs_a_fixed_number_of_queries(client, carla, django_assert_num_queries, size):
    t = factories.traject(coordinatoren=[carla])
    for n in range(size):
        b = factories.bijeenkomst(t, nummer=n + 1, start=timezone.now() + timedelta(days=n + 1))
        factories.voorbereidingsgroep(b)
    client.force_login(carla)
    # session, user, traject, meetings, prep groups, sent messages
    with django_assert_num_queries(6):
        client.get(_url(t))
