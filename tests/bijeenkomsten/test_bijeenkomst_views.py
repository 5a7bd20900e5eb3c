from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import factories
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from berichten import sending as verzenden
from berichten.models import Verzending
from bijeenkomsten import tasks
from bijeenkomsten.models import Aanwezigheid, Bijeenkomst, Bouwsteen
from trajecten.choices import InschrijvingStatus

AMS = ZoneInfo("Europe/Amsterdam")
pytestmark = pytest.mark.django_db


def _day():
    """A day a week from now in Amsterdam, so that a test does not age into the past."""
    return timezone.localdate() + timedelta(days=7)


def _meeting(traject, dag=None, **kw):
    """A meeting from 14:00 to 16:00 on ``dag`` (a week from now unless given)."""
    start = datetime.combine(dag or _day(), time(14, 0), tzinfo=AMS)
    return factories.bijeenkomst(traject, start=start, **kw)


@pytest.fixture
def coordinator():
    return factories.user(is_coordinator=True)


def test_new_traject_gets_proposed_meetings(client, coordinator):
    client.force_login(coordinator)
    data = {
        "naam": "Samen in Oost",
        "slug": "oost",
        "gebied": factories.gebied().pk,
        "capaciteit": 24,
        "doel_formeel": 50,
        "doel_informeel": 30,
        "doel_ervaringsdeskundige": 20,
        "aantal_bijeenkomsten": 4,
        "startdatum": "2027-01-12",
        "status": "open",
    }
    client.post(reverse("trajecten:nieuw"), data)
    meetings = list(Bijeenkomst.objects.filter(traject__slug="oost"))
    assert [m.nummer for m in meetings] == [1, 2, 3, 4]
    assert [m.start.astimezone(AMS).strftime("%d-%m %H:%M") for m in meetings] == [
        "12-01 14:00",
        "02-02 14:00",
        "23-02 14:00",
        "16-03 14:00",
    ]


def test_coordinator_schedules_with_agenda_and_overlap_warning(client, coordinator):
    traject = factories.traject(coordinatoren=[coordinator])
    _meeting(traject)
    client.force_login(coordinator)
    bouwsteen = Bouwsteen.objects.filter(traject=None).first()
    data = {
        "datum": _day().isoformat(),
        "begintijd": "15:00",
        "eindtijd": "17:00",
        "thema": "Omdenken",
        "bouwsteen": bouwsteen.pk,
        "plaats": "Buurthuis",
        "agenda-TOTAL_FORMS": "2",
        "agenda-INITIAL_FORMS": "0",
        "agenda-0-volgorde": "1",
        "agenda-0-titel": "Welkom",
        "agenda-0-duur": "15",
        "agenda-1-volgorde": "2",
        "agenda-1-titel": "Brainstorm",
        "agenda-1-duur": "20",
    }
    response = client.post(
        reverse("bijeenkomst_nieuw", kwargs={"slug": traject.slug}), data, follow=True
    )
    page = response.content.decode()
    assert "Deze bijeenkomst overlapt met bijeenkomst 1." in page
    b = Bijeenkomst.objects.get(traject=traject, nummer=2)
    assert [(p.titel, p.duur) for p in b.agenda.all()] == [("Welkom", 15), ("Brainstorm", 20)]
    assert "Samen 35 van de 120 minuten." in page


def test_end_before_start_is_a_form_error(client, coordinator):
    traject = factories.traject(coordinatoren=[coordinator])
    client.force_login(coordinator)
    data = {
        "datum": _day().isoformat(),
        "begintijd": "15:00",
        "eindtijd": "14:00",
        "agenda-TOTAL_FORMS": "0",
        "agenda-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("bijeenkomst_nieuw", kwargs={"slug": traject.slug}), data)
    assert response.status_code == 200
    assert "De eindtijd moet na de begintijd liggen." in response.content.decode()
    assert Bijeenkomst.objects.count() == 0


def test_reschedule_notifies_once_per_person_and_change(
    client, coordinator, django_capture_on_commit_callbacks
):
    traject = factories.traject(coordinatoren=[coordinator])
    seated = [factories.inschrijving(traject) for _ in range(3)]
    factories.inschrijving(traject, status=InschrijvingStatus.AFGEMELD)
    # Fixed dates: the e-mail states the new date as written.
    b = _meeting(traject, dag=date(2026, 12, 3))
    client.force_login(coordinator)
    data = {
        "datum": "2026-12-10",
        "begintijd": "14:00",
        "eindtijd": "16:00",
        "agenda-TOTAL_FORMS": "0",
        "agenda-INITIAL_FORMS": "0",
    }
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("bijeenkomsten:bewerken", kwargs={"pk": b.pk}), data)
    assert len(callbacks) == 1
    b.refresh_from_db()
    assert b.volgnummer == 1

    def run_task():
        with django_capture_on_commit_callbacks(execute=False) as chunks:
            tasks.send_bijeenkomst_gewijzigd(b.pk, 1)
        for token in Verzending.objects.filter(status="geclaimd").values_list("claim", flat=True):
            verzenden.send_chunk(str(token))
        return chunks

    assert len(run_task()) == 1
    assert len(run_task()) == 0  # retried: nothing twice
    assert sorted(m.to[0] for m in mail.outbox) == sorted(i.deelnemer.user.email for i in seated)
    assert mail.outbox[0].attachments[0][0] == "bijeenkomst.ics"
    assert "donderdag 10 december 2026, 14:00–16:00" in mail.outbox[0].body
    assert Verzending.objects.count() == 3
    tasks.send_bijeenkomst_gewijzigd(b.pk, 0)  # superseded change: nothing
    assert len(mail.outbox) == 3


def test_cancel_needs_confirmation_and_tells_people(client, coordinator):
    traject = factories.traject(coordinatoren=[coordinator])
    factories.inschrijving(traject)
    b = _meeting(traject)
    client.force_login(coordinator)
    url = reverse("bijeenkomsten:annuleren", kwargs={"pk": b.pk})
    assert "Ja, annuleren" in client.get(url).content.decode()
    client.post(url)
    b.refresh_from_db()
    assert (b.status, b.volgnummer) == ("geannuleerd", 1)


def test_rsvp_without_js(client):
    traject = factories.traject()
    mijn = factories.inschrijving(traject)
    b = factories.bijeenkomst(traject)  # a week from now: "Kom je?" is still asked
    client.force_login(mijn.deelnemer.user)
    response = client.post(
        reverse("bijeenkomsten:antwoord", kwargs={"pk": b.pk}), {"antwoord": "komt"}
    )
    assert response.status_code == 302
    assert Aanwezigheid.objects.get().antwoord == "komt"
    page = client.get(b.get_absolute_url()).content.decode()
    assert "Je antwoord is opgeslagen." in page


def test_rsvp_with_htmx_returns_partial(client):
    traject = factories.traject()
    mijn = factories.inschrijving(traject)
    b = factories.bijeenkomst(traject)
    client.force_login(mijn.deelnemer.user)
    response = client.post(
        reverse("bijeenkomsten:antwoord", kwargs={"pk": b.pk}),
        {"antwoord": "komt_niet"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="antwoord"')
    assert "<html" not in html
    assert Aanwezigheid.objects.get().antwoord == "komt_niet"


def test_rsvp_bad_value_is_message_not_500(client):
    traject = factories.traject()
    mijn = factories.inschrijving(traject)
    b = factories.bijeenkomst(traject)
    client.force_login(mijn.deelnemer.user)
    response = client.post(
        reverse("bijeenkomsten:antwoord", kwargs={"pk": b.pk}), {"antwoord": "misschien"}
    )
    assert response.status_code == 302
    assert Aanwezigheid.objects.count() == 0


def _started(traject):
    return factories.bijeenkomst(traject, start=timezone.now() - timedelta(minutes=10))


STARTED = "Deze bijeenkomst is al begonnen. Je hoeft niet meer te laten weten of je komt."


def test_started_meeting_does_not_ask_kom_je(client):
    traject = factories.traject()
    mijn = factories.inschrijving(traject)
    b = _started(traject)
    client.force_login(mijn.deelnemer.user)
    page = client.get(b.get_absolute_url()).content.decode()
    assert "Kom je?" not in page
    assert 'id="antwoord"' not in page
    assert "Hoe was het? Vul de evaluatie in" in page


def test_started_meeting_refuses_an_answer_kindly(client):
    traject = factories.traject()
    mijn = factories.inschrijving(traject)
    b = _started(traject)
    client.force_login(mijn.deelnemer.user)
    url = reverse("bijeenkomsten:antwoord", kwargs={"pk": b.pk})
    response = client.post(url, {"antwoord": "komt"}, follow=True)
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [STARTED]
    assert Aanwezigheid.objects.count() == 0
    partial = client.post(url, {"antwoord": "komt"}, HTTP_HX_REQUEST="true")
    assert partial.status_code == 200
    html = partial.content.decode()
    assert STARTED in html
    assert "<form" not in html
    assert Aanwezigheid.objects.count() == 0


@pytest.mark.parametrize("people", [10, 300])
def test_meeting_page_query_count_fixed(client, django_assert_num_queries, coordinator, people):
    traject = factories.traject(coordinatoren=[coordinator], capaciteit=1000)
    b = _meeting(traject)
    for n in range(people):
        i = factories.inschrijving(traject)
        Aanwezigheid.objects.create(bijeenkomst=b, inschrijving=i, antwoord="komt", aanwezig=n % 2)
    client.force_login(coordinator)
    # session, user, meeting, may-coordinate, own enrolment, agenda, attendance per tag
    with django_assert_num_queries(7):
        response = client.get(b.get_absolute_url())
    assert response.context["aanwezigheid"]["komt"].totaal == people
