"""The evaluation form: who may fill it, when, validation, and the lock after publishing."""

from datetime import timedelta

import factories
import pytest
from django.urls import reverse
from django.utils import timezone
from verslag_data import seed_meeting

from bijeenkomsten.models import Bijeenkomst
from trajecten.choices import InschrijvingStatus
from verslagen import services
from verslagen.evaluatie_forms import EvaluatieForm
from verslagen.models import Evaluatie

pytestmark = pytest.mark.django_db

GOED = {
    "doelmatigheid": "4",
    "open": "5",
    "eerlijk": "3",
    "inzet": "2",
    "wat_werkte": " Koffie ",
    "kan_beter": "",
}


@pytest.fixture
def s():
    return seed_meeting(evaluaties=0)


def url(b):
    return reverse("verslagen:evaluatie", kwargs={"pk": b.pk})


def test_form_needs_all_four_statements():
    form = EvaluatieForm({"doelmatigheid": "4", "open": "9", "wat_werkte": "x"})
    assert not form.is_valid()
    assert form.errors == {
        "open": ["Kies een antwoord bij deze zin."],
        "eerlijk": ["Kies een antwoord bij deze zin."],
        "inzet": ["Kies een antwoord bij deze zin."],
    }


def test_form_limits_the_open_answers():
    form = EvaluatieForm({**GOED, "kan_beter": "x" * 2001})
    assert not form.is_valid()
    assert form.errors == {"kan_beter": ["Schrijf hoogstens 2000 tekens."]}


def test_form_accepts_good_input():
    form = EvaluatieForm(GOED)
    assert form.is_valid()
    assert form.cleaned_data["inzet"] == 2


def test_participant_fills_and_changes_the_evaluation(client, s):
    person = s.people[0]
    client.force_login(person.deelnemer.user)
    response = client.post(url(s.bijeenkomst), GOED)
    assert response.status_code == 302
    e = Evaluatie.objects.get()
    assert (e.doelmatigheid, e.open, e.eerlijk, e.inzet, e.wat_werkte) == (4, 5, 3, 2, "Koffie")
    assert e.inschrijving == person
    client.post(url(s.bijeenkomst), {**GOED, "inzet": "5"})
    assert Evaluatie.objects.get().inzet == 5
    assert Evaluatie.objects.count() == 1
    page = client.get(url(s.bijeenkomst)).content.decode()
    assert "Je hebt de evaluatie al ingevuld." in page


def test_invalid_post_shows_the_errors_in_dutch(client, s):
    client.force_login(s.people[0].deelnemer.user)
    response = client.post(url(s.bijeenkomst), {"doelmatigheid": "4"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Er gaat nog iets mis. Kijk bij:" in page
    assert page.count("Kies een antwoord bij deze zin.") == 3
    assert Evaluatie.objects.count() == 0


def test_locked_after_publishing(client, s):
    person = s.people[0]
    services.save_evaluatie(
        bijeenkomst=s.bijeenkomst,
        inschrijving=person,
        scores={"doelmatigheid": 3, "open": 3, "eerlijk": 3, "inzet": 3},
        wat_werkte="",
        kan_beter="",
    )
    opdracht = services.request_build(bijeenkomst=s.bijeenkomst, door=s.coordinator)
    services.build_report(opdracht_id=opdracht.pk)
    opdracht.refresh_from_db()
    services.publish(versie=opdracht.versie, door=s.coordinator)

    client.force_login(person.deelnemer.user)
    page = client.get(url(s.bijeenkomst)).content.decode()
    assert "Het verslag van deze bijeenkomst is gedeeld." in page
    assert "Evaluatie opslaan" not in page
    assert page.count("disabled") >= 4
    response = client.post(url(s.bijeenkomst), {**GOED, "inzet": "1"}, follow=True)
    assert "Je kunt deze evaluatie niet meer invullen of veranderen." in response.content.decode()
    assert Evaluatie.objects.get().inzet == 3
    with pytest.raises(services.VerslagError):
        services.save_evaluatie(
            bijeenkomst=s.bijeenkomst,
            inschrijving=person,
            scores={"doelmatigheid": 1, "open": 1, "eerlijk": 1, "inzet": 1},
            wat_werkte="",
            kan_beter="",
        )


def test_not_before_the_meeting_starts(client):
    soon = timezone.now() + timedelta(days=2)
    s = seed_meeting(evaluaties=0, start=soon.replace(hour=10))
    client.force_login(s.people[0].deelnemer.user)
    page = client.get(url(s.bijeenkomst)).content.decode()
    assert "De bijeenkomst is nog niet begonnen." in page
    client.post(url(s.bijeenkomst), GOED)
    assert Evaluatie.objects.count() == 0


def test_only_placed_people(client, s):
    waiting = factories.inschrijving(
        s.traject, user=factories.user(), status=InschrijvingStatus.WACHTLIJST
    )
    # The waiting list gets the page that says so (403); the coordinator does not evaluate.
    for user, status in ((waiting.deelnemer.user, 403), (s.coordinator, 404)):
        client.force_login(user)
        assert client.get(url(s.bijeenkomst)).status_code == status


@pytest.mark.parametrize("people", [10, 300])
def test_evaluation_page_query_count_fixed(client, django_assert_num_queries, people):
    s = seed_meeting(
        formeel=people // 2,
        informeel=people // 3,
        ervaring=people - people // 2 - people // 3,
        evaluaties=people,
    )
    client.force_login(s.people[0].deelnemer.user)
    # session, user, meeting, own enrolment, published?, own evaluation
    with django_assert_num_queries(6):
        response = client.get(url(s.bijeenkomst))
    assert response.status_code == 200


def test_meeting_page_links_to_the_evaluation(client, s):
    client.force_login(s.people[0].deelnemer.user)
    page = client.get(s.bijeenkomst.get_absolute_url()).content.decode()
    assert url(s.bijeenkomst) in page
    assert reverse("verslagen:verslag", kwargs={"pk": s.bijeenkomst.pk}) not in page


def test_evaluation_email_links_to_the_form(s, settings):
    from berichten.kinds import prepare
    from berichten.messages import build
    from berichten.models import Verzending

    row = Verzending.objects.create(
        ontvanger=s.people[0].deelnemer.user,
        traject=s.traject,
        bijeenkomst=s.bijeenkomst,
        doel="evaluatie",
        sleutel=str(s.bijeenkomst.pk),
    )
    message = build(row, prepare([row]))
    assert settings.SITE_URL + url(s.bijeenkomst) in message.body
    assert Bijeenkomst.objects.count() == 2
