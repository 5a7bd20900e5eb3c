"""What the reminder and change e-mails say: the real distance to the meeting, what
changed (old and new), and why a meeting was cancelled."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import factories
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from outbox import send_claimed

from berichten import sweep as hs
from berichten import timing as herinneringen
from bijeenkomsten import tasks

AMS = ZoneInfo("Europe/Amsterdam")
pytestmark = pytest.mark.django_db


def _html(message) -> str:
    return message.alternatives[0][0]


@pytest.fixture
def coordinator():
    return factories.user(is_coordinator=True)


# --- reminders ---------------------------------------------------------------------------


def test_days_until_counts_calendar_days_in_amsterdam():
    # Fixed dates in winter time: the UTC offset below is that of CET.
    start = datetime(2026, 12, 10, 9, 0, tzinfo=AMS)
    assert herinneringen.days_until(start, datetime(2026, 12, 10, 8, 0, tzinfo=AMS)) == 0
    assert herinneringen.days_until(start, datetime(2026, 12, 9, 23, 30, tzinfo=AMS)) == 1
    assert herinneringen.days_until(start, datetime(2026, 12, 5, 10, 0, tzinfo=AMS)) == 5
    # 23:30 in Amsterdam is already the next day in UTC terms of the date: still 1 day.
    late = datetime(2026, 12, 8, 22, 30, tzinfo=ZoneInfo("UTC"))  # 23:30 on the 8th locally
    assert herinneringen.days_until(start, late) == 2


@pytest.mark.parametrize(
    ("taal", "tekst"),
    [
        ("nl", "Over 5 dagen is bijeenkomst 1. We zien je graag!"),
        ("en", "Meeting 1 is in 5 days. We hope to see you!"),
    ],
)
def test_reminder_of_a_meeting_moved_closer_states_the_real_days(taal, tekst):
    """Reminders at 7 and 1 days; the meeting is 5 days ahead: the 7-day reminder goes
    out now and must not say "in 7 days"."""
    traject = factories.traject(herinnering_dagen="7,1")
    mijn = factories.inschrijving(traject, user=factories.user(taal=taal))
    factories.bijeenkomst(traject, start=timezone.now() + timedelta(days=5))
    hs.sweep()
    send_claimed()
    assert [m.to[0] for m in mail.outbox] == [mijn.deelnemer.user.email]
    assert tekst in mail.outbox[0].body
    assert tekst in _html(mail.outbox[0])
    assert "7" not in mail.outbox[0].body.split("\n\n")[1]


# --- change e-mails ----------------------------------------------------------------------


def _edit(client, b, **changes):
    data = {
        "datum": "2026-12-03",
        "begintijd": "14:00",
        "eindtijd": "16:00",
        "plaats": b.plaats,
        "adres": b.adres,
        "agenda-TOTAL_FORMS": "0",
        "agenda-INITIAL_FORMS": "0",
        **changes,
    }
    response = client.post(reverse("bijeenkomsten:bewerken", kwargs={"pk": b.pk}), data)
    assert response.status_code == 302
    b.refresh_from_db()
    tasks.send_bijeenkomst_gewijzigd(b.pk, b.volgnummer)
    send_claimed()


def _meeting(traject, **kw):
    # A fixed date: the change e-mails quote the old and new date as written.
    return factories.bijeenkomst(traject, start=datetime(2026, 12, 3, 14, 0, tzinfo=AMS), **kw)


def test_change_email_says_old_and_new_time(client, coordinator):
    traject = factories.traject(coordinatoren=[coordinator])
    factories.inschrijving(traject)
    b = _meeting(traject, plaats="Buurthuis")
    client.force_login(coordinator)
    _edit(client, b, datum="2026-12-10", begintijd="19:00", eindtijd="21:00")
    body = mail.outbox[0].body
    assert (
        "- Wanneer: eerst donderdag 3 december 2026, 14:00–16:00. "
        "Nu: donderdag 10 december 2026, 19:00–21:00." in body
    )
    assert "- Waar:" not in body  # the place did not change
    html = _html(mail.outbox[0])
    assert "donderdag 3 december 2026, 14:00–16:00" in html
    assert "<del>" not in html


def test_change_email_says_old_and_new_place_in_english(client, coordinator):
    traject = factories.traject(coordinatoren=[coordinator])
    factories.inschrijving(traject, user=factories.user(taal="en"))
    b = _meeting(traject, plaats="Buurthuis", adres="Straat 1")
    client.force_login(coordinator)
    _edit(client, b, plaats="Bibliotheek", adres="Plein 2")
    body = mail.outbox[0].body
    assert "- Where: was Buurthuis, Straat 1. Now: Bibliotheek, Plein 2." in body
    assert "- When:" not in body
    assert "Bibliotheek, Plein 2" in _html(mail.outbox[0])


def test_two_changes_before_sending_compare_with_what_people_heard(client, coordinator):
    traject = factories.traject(coordinatoren=[coordinator])
    factories.inschrijving(traject)
    b = _meeting(traject, plaats="Buurthuis")
    client.force_login(coordinator)
    data = {
        "datum": "2026-12-03",
        "begintijd": "14:00",
        "eindtijd": "16:00",
        "plaats": "Bibliotheek",
        "agenda-TOTAL_FORMS": "0",
        "agenda-INITIAL_FORMS": "0",
    }
    url = reverse("bijeenkomsten:bewerken", kwargs={"pk": b.pk})
    client.post(url, data)  # not sent yet ...
    _edit(client, b, plaats="Stadhuis")  # ... when the place changes again
    assert len(mail.outbox) == 1
    assert "- Waar: eerst Buurthuis. Nu: Stadhuis." in mail.outbox[0].body


def test_cancel_with_reason_puts_it_in_the_email(client, coordinator):
    traject = factories.traject(coordinatoren=[coordinator])
    factories.inschrijving(traject)
    b = factories.bijeenkomst(traject)
    client.force_login(coordinator)
    url = reverse("bijeenkomsten:annuleren", kwargs={"pk": b.pk})
    page = client.get(url).content.decode()
    assert 'name="reden"' in page
    client.post(url, {"reden": "  De zaal is <niet> beschikbaar.  "})
    b.refresh_from_db()
    assert (b.status, b.annuleringsreden) == ("geannuleerd", "De zaal is <niet> beschikbaar.")
    tasks.send_bijeenkomst_gewijzigd(b.pk, b.volgnummer)
    send_claimed()
    message = mail.outbox[0]
    assert "Waarom: De zaal is <niet> beschikbaar." in message.body
    assert "De zaal is &lt;niet&gt; beschikbaar." in _html(message)


def test_cancel_without_reason_says_none(client, coordinator):
    traject = factories.traject(coordinatoren=[coordinator])
    factories.inschrijving(traject)
    b = factories.bijeenkomst(traject)
    client.force_login(coordinator)
    client.post(reverse("bijeenkomsten:annuleren", kwargs={"pk": b.pk}), {"reden": ""})
    b.refresh_from_db()
    tasks.send_bijeenkomst_gewijzigd(b.pk, b.volgnummer)
    send_claimed()
    assert "Bijeenkomst 1 gaat niet door." in mail.outbox[0].body
    assert "Waarom:" not in mail.outbox[0].body


def test_cancel_reason_too_long_is_refused_kindly(client, coordinator):
    traject = factories.traject(coordinatoren=[coordinator])
    b = factories.bijeenkomst(traject)
    client.force_login(coordinator)
    url = reverse("bijeenkomsten:annuleren", kwargs={"pk": b.pk})
    response = client.post(url, {"reden": "x" * 1001})
    assert response.status_code == 200
    assert "Gebruik hoogstens 1000 tekens" in response.content.decode()
    b.refresh_from_db()
    assert b.status == "gepland"


@pytest.mark.parametrize(
    ("taal", "tekst"),
    [
        ("nl", "Morgen bereid je met je groep bijeenkomst 1 voor."),
        ("en", "Tomorrow, you and your group will prepare meeting 1."),
    ],
)
def test_prep_reminder_states_the_real_days(taal, tekst):
    """The prep reminder goes out from two days before; a prep meeting set for tomorrow
    must not say "in two days"."""
    traject = factories.traject()
    mijn = factories.inschrijving(traject, user=factories.user(taal=taal))
    b = factories.bijeenkomst(traject, start=timezone.now() + timedelta(days=5))
    # Tomorrow, in Amsterdam's calendar, at 15:00 local time.
    morgen = timezone.localdate() + timedelta(days=1)
    start = datetime.combine(morgen, datetime.min.time(), tzinfo=AMS).replace(hour=15)
    factories.voorbereidingsgroep(b, leden=[mijn], start=start, einde=start + timedelta(hours=1))
    hs.sweep()
    send_claimed()
    prep = [m for m in mail.outbox if tekst in m.body]
    assert [m.to[0] for m in prep] == [mijn.deelnemer.user.email]
    assert tekst in _html(prep[0])
