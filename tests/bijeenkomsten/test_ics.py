"""Calendar feeds, read back with vobject: a parser independent of the one that wrote them."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import factories
import pytest
import vobject
from django.urls import reverse

from bijeenkomsten import services
from bijeenkomsten.forms import BijeenkomstForm

AMS = ZoneInfo("Europe/Amsterdam")
pytestmark = pytest.mark.django_db


def _meeting(traject, nummer=1, start=None, **kw):
    # A fixed date: the calendar file's text is compared as written.
    start = start or datetime(2026, 10, 25, 19, 30, tzinfo=AMS)
    return factories.bijeenkomst(traject, nummer=nummer, start=start, **kw)


def _events(content: bytes):
    cal = vobject.readOne(content.decode())
    return cal, list(cal.vevent_list)


def test_traject_feed_parses_and_keeps_local_time_across_dst(client):
    traject = factories.traject()
    # The last Sunday of October 2026: summer time ends that night.
    _meeting(traject, plaats="Buurthuis", adres="Straat 1", drempelvrij=True, ringleiding=True)
    _meeting(traject, nummer=2, start=datetime(2026, 10, 18, 19, 30, tzinfo=AMS))
    response = client.get(reverse("traject_ics", kwargs={"slug": traject.slug}))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    cal, events = _events(response.content)
    assert cal.vtimezone.tzid.value == "Europe/Amsterdam"
    starts = sorted(e.dtstart.value for e in events)
    assert [s.astimezone(AMS).strftime("%Y-%m-%d %H:%M") for s in starts] == [
        "2026-10-18 19:30",
        "2026-10-25 19:30",
    ]
    # Same wall-clock time, different UTC offsets: the DST change is honoured.
    assert [s.utcoffset() for s in starts] == [timedelta(hours=2), timedelta(hours=1)]
    first = next(e for e in events if e.dtstart.value.day == 25)
    assert first.location.value == "Buurthuis, Straat 1"
    assert "ingang zonder drempels, ringleiding" in first.description.value


def test_feed_has_no_names(client):
    traject = factories.traject()
    factories.inschrijving(traject, user=factories.user(naam="Geheime Naam"))
    _meeting(traject)
    content = client.get(reverse("traject_ics", kwargs={"slug": traject.slug})).content
    assert b"Geheime" not in content


def test_uid_stable_and_sequence_rises_on_reschedule(client):
    traject = factories.traject()
    b = _meeting(traject)
    url = reverse("traject_ics", kwargs={"slug": traject.slug})
    _, [before] = _events(client.get(url).content)
    form = BijeenkomstForm(
        {"datum": "2026-10-26", "begintijd": "19:30", "eindtijd": "21:30"},
        instance=b,
        traject=traject,
    )
    assert form.is_valid(), form.errors
    services.save_bijeenkomst(form=form)
    _, [after] = _events(client.get(url).content)
    assert after.uid.value == before.uid.value
    assert (int(before.sequence.value), int(after.sequence.value)) == (0, 1)
    assert after.dtstart.value.astimezone(AMS).day == 26


def test_cancelled_meeting_stays_in_feed_as_cancelled(client):
    traject = factories.traject()
    b = _meeting(traject)
    services.cancel_bijeenkomst(bijeenkomst=b)
    _, [event] = _events(client.get(reverse("traject_ics", kwargs={"slug": traject.slug})).content)
    assert event.status.value == "CANCELLED"
    assert int(event.sequence.value) == 1


def test_meeting_download_for_participant(client):
    traject = factories.traject()
    mijn = factories.inschrijving(traject)
    b = _meeting(traject, thema="Omdenken")
    client.force_login(mijn.deelnemer.user)
    response = client.get(reverse("bijeenkomsten:ics", kwargs={"pk": b.pk}))
    _, [event] = _events(response.content)
    assert event.summary.value == f"{traject.naam}: bijeenkomst 1 – Omdenken"


def test_personal_feed_and_renewed_token(client):
    traject = factories.traject()
    andere = factories.traject()
    mijn = factories.inschrijving(traject)
    factories.inschrijving(andere, deelnemer=mijn.deelnemer)
    _meeting(traject)
    _meeting(andere)
    _meeting(factories.traject())  # not mine
    old = reverse("persoonlijk_ics", kwargs={"token": mijn.deelnemer.agenda_token})
    _, events = _events(client.get(old).content)
    assert len(events) == 2
    client.force_login(mijn.deelnemer.user)
    client.post(reverse("agenda_vernieuwen"))
    mijn.deelnemer.refresh_from_db()
    assert client.get(old).status_code == 404
    new = reverse("persoonlijk_ics", kwargs={"token": mijn.deelnemer.agenda_token})
    assert client.get(new).status_code == 200


@pytest.mark.parametrize("people", [10, 300])
def test_feeds_query_count_fixed(client, django_assert_num_queries, people):
    traject = factories.traject(capaciteit=1000)
    first = factories.inschrijving(traject)
    for _ in range(people - 1):
        factories.inschrijving(traject)
    for n in range(1, 5):
        _meeting(traject, nummer=n, start=datetime(2026, 11, n, 14, 0, tzinfo=AMS))
    with django_assert_num_queries(2):  # traject, meetings
        client.get(reverse("traject_ics", kwargs={"slug": traject.slug}))
    with django_assert_num_queries(2):  # person, meetings
        client.get(reverse("persoonlijk_ics", kwargs={"token": first.deelnemer.agenda_token}))
