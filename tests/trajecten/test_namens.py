"""A coordinator enrols someone on their behalf: with an e-mail address, a mobile number
or neither. Without an address the person is placed like anyone else but gets no e-mail."""

from datetime import timedelta

import factories
import pytest
from django.urls import reverse
from django.utils import timezone

from berichten import kinds, sweep
from berichten.messages import build
from berichten.models import Verzending
from trajecten.choices import InschrijvingStatus, Rol
from trajecten.models import Inschrijving

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return factories.user(is_coordinator=True)


@pytest.fixture
def traject(coordinator):
    return factories.traject(coordinatoren=[coordinator], capaciteit=10)


def _post(client, coordinator, traject, **data):
    client.force_login(coordinator)
    url = reverse("trajecten:deelnemer_nieuw", kwargs={"slug": traject.slug})
    return client.post(url, {"rol": Rol.MANTELZORGER, "contact": "email", **data}, follow=True)


def test_enrol_with_neither_address_nor_phone(client, coordinator, traject):
    response = _post(client, coordinator, traject, naam="Gerda Mulder", contact="geen")
    assert "Gerda Mulder is ingeschreven: geplaatst." in response.content.decode()
    i = Inschrijving.objects.get(naam="Gerda Mulder")
    assert i.status == InschrijvingStatus.GEPLAATST and i.tag == "informeel"
    assert not i.deelnemer.user.heeft_email
    html = client.get(reverse("trajecten:deelnemers", kwargs={"slug": traject.slug})).content
    assert "Geen e-mail: via de coördinator" in html.decode()
    assert "zonder-email.invalid" not in html.decode()


def test_enrol_with_a_mobile_number_stores_it_as_e164(client, coordinator, traject):
    _post(client, coordinator, traject, naam="Henk", contact="telefoon", telefoon="06-1234 5678")
    i = Inschrijving.objects.get(naam="Henk")
    assert i.telefoon == "+31612345678" and i.deelnemer.telefoon == "+31612345678"
    response = _post(client, coordinator, traject, naam="Ina", contact="telefoon", telefoon="12")
    assert "Dit telefoonnummer klopt niet." in response.content.decode()
    assert not Inschrijving.objects.filter(naam="Ina").exists()


def test_enrol_with_an_address_and_not_twice(client, coordinator, traject):
    _post(client, coordinator, traject, naam="Jan", email="jan@voorbeeld.nl")
    assert Inschrijving.objects.get(naam="Jan").deelnemer.user.email == "jan@voorbeeld.nl"
    response = _post(client, coordinator, traject, naam="Jan", email="JAN@voorbeeld.nl")
    assert "jan@voorbeeld.nl doet al mee aan dit traject" in response.content.decode().lower()
    response = _post(client, coordinator, traject, naam="Kees", email="")
    assert "Vul het e-mailadres in, of kies een andere manier." in response.content.decode()
    assert Inschrijving.objects.count() == 1


def test_a_full_background_puts_them_on_the_waiting_list(client, coordinator):
    traject = factories.traject(coordinatoren=[coordinator], capaciteit=1)
    factories.inschrijving(traject)
    _post(client, coordinator, traject, naam="Lies", contact="geen")
    assert Inschrijving.objects.get(naam="Lies").status == InschrijvingStatus.WACHTLIJST


def test_someone_without_an_address_gets_no_email_but_others_do(
    client, coordinator, traject, django_capture_on_commit_callbacks
):
    _post(client, coordinator, traject, naam="Gerda Mulder", contact="geen")
    factories.inschrijving(traject, user=factories.user(email="anna@voorbeeld.nl"))
    b = factories.bijeenkomst(traject, start=timezone.now() + timedelta(days=1, hours=1))
    with django_capture_on_commit_callbacks():
        sweep.sweep(b.start - timedelta(days=1, minutes=30))
    rows = list(Verzending.objects.filter(bijeenkomst=b).select_related("ontvanger"))
    # Both are due a reminder; only the one with an address gets a message (the other row
    # is marked "not needed" when its chunk is sent).
    built = {row.ontvanger.naam: build(row, kinds.prepare([row])) for row in rows}
    assert built["Gerda Mulder"] is None
    assert [m.to for naam, m in built.items() if m is not None] == [["anna@voorbeeld.nl"]]


def test_people_without_address_cannot_be_signed_in_by_typing_the_placeholder(client):
    from account.services import send_signin_link
    from samenspel.models import User

    user = User.objects.create_without_email(naam="Gerda")
    assert send_signin_link(email=user.email, key="k") == 0


@pytest.mark.parametrize("size", [2, 20])
def test_enrol_page_runs_a_fixed_number_of_queries(
    client, coordinator, traject, django_assert_num_queries, size
):
    for n in range(size):
        factories.organisatie(naam=f"Organisatie {n}")
    client.force_login(coordinator)
    # session, user, traject, the organisations to choose from
    with django_assert_num_queries(4):
        client.get(reverse("trajecten:deelnemer_nieuw", kwargs={"slug": traject.slug}))


@pytest.mark.parametrize(
    "email, expected",
    [
        ("a1b2@zonder-email.invalid", False),  # enrolled without an address
        ("c3d4@anoniem.invalid", False),  # data removed
        ("bench-1@benchmark.invalid", True),  # any other address is someone's address
        ("henk@voorbeeld.nl", True),
    ],
)
def test_only_the_placeholder_domains_mean_no_address(email, expected):
    assert factories.user(email=email).heeft_email is expected
