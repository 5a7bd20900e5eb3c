"""Invitations are listed with what became of them, and can be sent again."""

import factories
import pytest
from django.urls import reverse

from berichten.choices import VerzendStatus
from berichten.models import Verzending
from trajecten.choices import Bericht, TrajectStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return factories.user(is_coordinator=True)


def _invite(client, traject, *emails):
    url = reverse("trajecten:uitnodigen", kwargs={"slug": traject.slug})
    return client.post(url, {"emails": "\n".join(emails)})


def test_invitations_show_their_state_and_can_be_sent_again(
    client, coordinator, django_capture_on_commit_callbacks
):
    traject = factories.traject(coordinatoren=[coordinator])
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks():
        _invite(client, traject, "anna@voorbeeld.nl", "Bo@Voorbeeld.nl", "cor@voorbeeld.nl")
    Verzending.objects.filter(adres="anna@voorbeeld.nl").update(status=VerzendStatus.VERZONDEN)
    Verzending.objects.filter(adres="cor@voorbeeld.nl").update(status=VerzendStatus.MISLUKT)
    factories.inschrijving(traject, user=factories.user(email="bo@voorbeeld.nl"))
    page = reverse("trajecten:uitnodigen", kwargs={"slug": traject.slug})
    html = client.get(page).content.decode()
    rows = {
        adres: html[html.index(f">{adres}</th>") :].split("</tr>")[0]
        for adres in ("anna@voorbeeld.nl", "Bo@Voorbeeld.nl", "cor@voorbeeld.nl")
    }
    assert "Verstuurd, nog niet aangemeld" in rows["anna@voorbeeld.nl"]
    assert "Aangemeld" in rows["Bo@Voorbeeld.nl"]
    assert "Opnieuw sturen" not in rows["Bo@Voorbeeld.nl"]
    assert "Niet aangekomen" in rows["cor@voorbeeld.nl"]

    again = reverse("trajecten:opnieuw_uitnodigen", kwargs={"slug": traject.slug})
    with django_capture_on_commit_callbacks():
        response = client.post(again, {"adres": "anna@voorbeeld.nl"}, follow=True)
    assert "We sturen de uitnodiging opnieuw." in response.content.decode()
    assert (
        Verzending.objects.filter(doel=Bericht.UITNODIGING, adres="anna@voorbeeld.nl").count() == 2
    )
    assert "(2 keer)" in response.content.decode()
    # Someone who signed up, or an address never invited, gets no invitation.
    for adres in ("bo@voorbeeld.nl", "vreemd@voorbeeld.nl"):
        response = client.post(again, {"adres": adres}, follow=True)
        assert "Deze uitnodiging kun je niet opnieuw sturen." in response.content.decode()
    assert Verzending.objects.filter(doel=Bericht.UITNODIGING).count() == 4


def test_invitations_lapse_when_the_traject_closes(client, coordinator):
    traject = factories.traject(coordinatoren=[coordinator])
    client.force_login(coordinator)
    _invite(client, traject, "anna@voorbeeld.nl")
    traject.status = TrajectStatus.AFGEROND
    traject.save()
    html = client.get(reverse("trajecten:uitnodigen", kwargs={"slug": traject.slug})).content
    assert "Verlopen: aanmelden kan niet meer" in html.decode()
    assert "Opnieuw sturen" not in html.decode()


@pytest.mark.parametrize("size", [2, 20])
def test_invitation_page_runs_a_fixed_number_of_queries(
    client, coordinator, django_assert_num_queries, size
):
    traject = factories.traject(coordinatoren=[coordinator])
    client.force_login(coordinator)
    _invite(client, traject, *(f"p{n}@voorbeeld.nl" for n in range(size)))
    # session, user, traject, invitations, who of them signed up
    with django_assert_num_queries(5):
        client.get(reverse("trajecten:uitnodigen", kwargs={"slug": traject.slug}))
