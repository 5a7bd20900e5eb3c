from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import factories
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from berichten import sending as verzenden
from berichten import sweep as hs
from berichten.choices import VerzendStatus
from berichten.models import Sweepteller, Verzending
from bijeenkomsten import services
from bijeenkomsten.choices import Bericht as BijeenkomstBericht
from bijeenkomsten.models import Aanwezigheid, Bijeenkomst
from samenspel import periodic
from trajecten import messages as trajecten_messages
from trajecten import services as trajecten_services
from trajecten.choices import Bericht as TrajectBericht
from trajecten.choices import InschrijvingStatus, Rol
from verslagen.choices import Bericht as VerslagBericht

AMS = ZoneInfo("Europe/Amsterdam")
pytestmark = pytest.mark.django_db


def _meeting(traject, start, **kw):
    return factories.bijeenkomst(traject, start=start, **kw)


def _start():
    """14:00 in Amsterdam, ten days from today: the sweeps below run at times set before
    it, all ahead of the real clock. Tests that read a date in a message use fixed dates."""
    return datetime.combine(timezone.localdate() + timedelta(days=10), time(14, 0), tzinfo=AMS)


def _run(now):
    """A sweep, then the chunk tasks it queued, called directly."""
    result = hs.sweep(now)
    for token in (
        Verzending.objects.filter(status=VerzendStatus.GECLAIMD)
        .values_list("claim", flat=True)
        .distinct()
    ):
        verzenden.send_chunk(str(token))
    return result


def test_meeting_reminder_once_with_facts_in_text_and_ics():
    traject = factories.traject()
    people = [factories.inschrijving(traject) for _ in range(3)]
    factories.inschrijving(traject, status=InschrijvingStatus.WACHTLIJST)
    start = datetime(2026, 12, 10, 14, 0, tzinfo=AMS)  # the message states it
    b = _meeting(traject, start, plaats="Buurthuis", adres="Straat 1", ringleiding=True)
    b.agenda.create(volgorde=1, titel="Brainstorm", duur=20)
    now = start - timedelta(days=6)
    _run(now)
    _run(now + timedelta(minutes=5))  # a second sweep sends nothing twice
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.deelnemer.user.email for p in people)
    message = mail.outbox[0]
    assert "donderdag 10 december 2026, 14:00–16:00" in message.body
    assert "Buurthuis, Straat 1" in message.body
    assert "ringleiding" in message.body
    assert "- Brainstorm (20 min.)" in message.body
    assert message.alternatives[0][1] == "text/html"
    assert message.attachments[0][0] == "bijeenkomst.ics"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["Message-ID"].startswith("<verzending-")
    # The 1-day reminder is a new message, sent once.
    _run(start - timedelta(hours=20))
    assert len(mail.outbox) == 6


def test_rescheduled_meeting_old_reminder_skipped_new_one_sent():
    traject = factories.traject()
    factories.inschrijving(traject)
    start = datetime(2026, 12, 10, 14, 0, tzinfo=AMS)  # the message states the new date
    b = _meeting(traject, start)
    now = start - timedelta(days=6)
    hs.sweep(now)  # claimed, not yet sent
    Bijeenkomst.objects.filter(pk=b.pk).update(
        start=start + timedelta(days=1), einde=start + timedelta(days=1, hours=2)
    )
    for token in Verzending.objects.values_list("claim", flat=True):
        verzenden.send_chunk(str(token))
    assert mail.outbox == []
    assert Verzending.objects.get().status == VerzendStatus.OVERGESLAGEN
    _run(now + timedelta(minutes=5))
    assert len(mail.outbox) == 1
    assert "vrijdag 11 december 2026" in mail.outbox[0].body


def test_no_reminder_to_withdrawn_or_for_cancelled():
    traject = factories.traject()
    stays = factories.inschrijving(traject)
    leaves = factories.inschrijving(traject)
    start = _start()
    b = _meeting(traject, start)
    cancelled = _meeting(traject, start + timedelta(days=1), nummer=2)
    services.cancel_bijeenkomst(bijeenkomst=cancelled)
    now = start - timedelta(days=6)
    hs.sweep(now)
    trajecten_services.withdraw(inschrijving=leaves)  # after the claim, before the send
    for token in Verzending.objects.filter(doel=BijeenkomstBericht.HERINNERING).values_list(
        "claim", flat=True
    ):
        verzenden.send_chunk(str(token))
    reminders = [m for m in mail.outbox if "Herinnering" in m.subject]
    assert [m.to[0] for m in reminders] == [stays.deelnemer.user.email]
    assert Verzending.objects.filter(bijeenkomst=b, status=VerzendStatus.OVERGESLAGEN).count() == 1


def test_one_click_unsubscribe(client):
    traject = factories.traject()
    mijn = factories.inschrijving(traject)
    start = _start()
    _meeting(traject, start)
    _run(start - timedelta(days=6))
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    path = link.split("8000", 1)[1]
    assert client.get(path).status_code == 200  # a scanner opening it changes nothing
    mijn.deelnemer.user.refresh_from_db()
    assert mijn.deelnemer.user.wil_herinneringen is True
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    mijn.deelnemer.user.refresh_from_db()
    assert mijn.deelnemer.user.wil_herinneringen is False
    _run(start - timedelta(hours=20))
    assert len(mail.outbox) == 1


def test_offer_lapses_and_moves_to_next_candidate():
    traject = factories.traject(capaciteit=2, aanbod_uren=48)
    leaving = factories.inschrijving(traject, rol=Rol.BEROEPSKRACHT)
    factories.inschrijving(traject, rol=Rol.BEROEPSKRACHT)
    first = factories.inschrijving(
        traject, rol=Rol.MANTELZORGER, status=InschrijvingStatus.WACHTLIJST
    )
    second = factories.inschrijving(
        traject, rol=Rol.VRIJWILLIGER, status=InschrijvingStatus.WACHTLIJST
    )
    trajecten_services.withdraw(inschrijving=leaving)
    first.refresh_from_db()
    assert first.status == InschrijvingStatus.AANGEBODEN
    trajecten_messages.notify_offer(first)
    verzenden.send_chunk(str(Verzending.objects.get(doel=TrajectBericht.AANBOD).claim))
    assert "/trajecten/aanbod/" in mail.outbox[0].body
    hs.sweep(first.aangeboden_op + timedelta(hours=48))
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.wachtlijst_positie) == (InschrijvingStatus.WACHTLIJST, 1)
    assert second.status == InschrijvingStatus.AANGEBODEN


def test_offer_accepted_by_link_without_signing_in(client):
    traject = factories.traject(capaciteit=1)
    leaving = factories.inschrijving(traject)
    waiting = factories.inschrijving(traject, status=InschrijvingStatus.WACHTLIJST)
    trajecten_services.withdraw(inschrijving=leaving)
    waiting.refresh_from_db()
    trajecten_messages.notify_offer(waiting)
    verzenden.send_chunk(str(Verzending.objects.get().claim))
    link = next(line for line in mail.outbox[0].body.splitlines() if "/trajecten/aanbod/" in line)
    path = link.split("8000", 1)[1].strip()
    assert "Wil je die plek?" in client.get(path).content.decode()
    client.post(path, {"antwoord": "ja"})
    waiting.refresh_from_db()
    assert waiting.status == InschrijvingStatus.GEPLAATST
    assert client.get(path).status_code == 410  # used up


def test_evaluation_request_morning_after_not_to_who_said_no():
    traject = factories.traject()
    came = factories.inschrijving(traject)
    said_no = factories.inschrijving(traject)
    start = _start()
    next_day = start.date() + timedelta(days=1)
    b = _meeting(traject, start)
    Aanwezigheid.objects.create(bijeenkomst=b, inschrijving=said_no, antwoord="komt_niet")
    _run(datetime.combine(next_day, time(8, 0), tzinfo=AMS))
    assert [m for m in mail.outbox if "Hoe was" in m.subject] == []
    _run(datetime.combine(next_day, time(9, 5), tzinfo=AMS))
    assert [m.to[0] for m in mail.outbox if "Hoe was" in m.subject] == [came.deelnemer.user.email]


def test_permanent_failure_is_recorded_and_shown_to_coordinator(client):
    coordinator = factories.user(is_coordinator=True)
    traject = factories.traject(coordinatoren=[coordinator])
    factories.inschrijving(traject, user=factories.user(email="weg@voorbeeld.nl"))
    start = _start()
    _meeting(traject, start)
    hs.sweep(start - timedelta(days=6))
    row = Verzending.objects.get()
    Verzending.objects.filter(pk=row.pk).update(status=VerzendStatus.MISLUKT, fout="550 onbekend")
    client.force_login(coordinator)
    page = client.get(reverse("berichten", kwargs={"slug": traject.slug})).content.decode()
    assert "1 e-mail kon niet worden verstuurd." in page
    assert "550 onbekend" in page


def test_smtp_down_is_transient(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1
    traject = factories.traject()
    factories.inschrijving(traject)
    start = _start()
    _meeting(traject, start)
    hs.sweep(start - timedelta(days=6))
    with pytest.raises(verzenden.TransientSendError):
        verzenden.send_chunk(str(Verzending.objects.get().claim))
    assert Verzending.objects.get().status == VerzendStatus.GECLAIMD  # retried later


def test_stale_claims_are_handed_to_a_new_chunk(settings):
    traject = factories.traject()
    factories.inschrijving(traject)
    # Claims are stamped with the real time, so the sweeps run at the real time too.
    now = timezone.now()
    _meeting(traject, now + timedelta(days=6))
    hs.sweep(now)  # claimed, the chunk task died
    old = Verzending.objects.get().claim
    hs.sweep(now + timedelta(seconds=settings.HERINNERING_CLAIM_TIMEOUT + 1))
    row = Verzending.objects.get()
    assert row.claim != old
    verzenden.send_chunk(str(row.claim))
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("people", [10, 300])
def test_sweep_query_count_fixed(django_assert_max_num_queries, people):
    traject = factories.traject(capaciteit=1000)
    for _ in range(people):
        factories.inschrijving(traject)
    start = _start()
    for n in range(1, 4):
        _meeting(traject, start + timedelta(days=n), nummer=n)
    # A review round of the joint guide whose deadline is a day after the sweep.
    ronde = _review_round(traject, deadline=start - timedelta(days=4))
    # Fixed, apart from one insert per chunk of CHUNK messages (and here one update per
    # chunk too: the test's clock runs ahead of the rows' claim time, so they look stale).
    # Three of the fixed queries look for report and guide builds and imports to queue
    # again, one for
    # sign-ups whose confirmation lapsed, one removes sign-in rows older than a week.
    chunks = -(-3 * people // verzenden.CHUNK)
    # One more counts the sweep. Each periodic job runs in its own transaction: inside the
    # test's transaction that is a savepoint and its release per job.
    savepoints = 2 * len(periodic._jobs)
    with django_assert_max_num_queries(19 + 2 * chunks + savepoints):
        hs.sweep(start - timedelta(days=5))
    # The third meeting is 8 days away; everyone also hears about the review round.
    assert Verzending.objects.count() == 3 * people
    assert Verzending.objects.filter(sleutel=f"ronde-{ronde.pk}-herinnering").count() == people


def _review_round(traject, *, deadline):
    from verslagen.models import Handreiking, HandreikingVersie, Reviewronde

    handreiking = Handreiking.objects.create(traject=traject)
    versie = HandreikingVersie.objects.create(handreiking=handreiking, nummer=1, inhoud_hash="x")
    return Reviewronde.objects.create(versie=versie, deadline=deadline)


def test_review_reminder_once_not_to_who_looked_or_opted_out():
    from verslagen.models import Gelezen

    traject = factories.traject()
    keken, niet, uit = (factories.inschrijving(traject) for _ in range(3))
    uit.deelnemer.user.wil_evaluatie_verzoeken = False
    uit.deelnemer.user.save()
    factories.inschrijving(traject, status=InschrijvingStatus.WACHTLIJST)
    deadline = _start().replace(hour=23, minute=59)
    ronde = _review_round(traject, deadline=deadline)
    Gelezen.objects.create(ronde=ronde, inschrijving=keken)
    _run(deadline - timedelta(days=3))
    assert mail.outbox == []
    _run(deadline - timedelta(days=2))
    _run(deadline - timedelta(days=1))
    assert [m.to for m in mail.outbox] == [[niet.deelnemer.user.email]]
    assert Verzending.objects.get().doel == VerslagBericht.HANDREIKING


def test_prep_reminder_to_group_members_two_days_before():
    traject = factories.traject()
    member = factories.inschrijving(traject)
    factories.inschrijving(traject)  # not in the group
    start = datetime(2026, 12, 10, 14, 0, tzinfo=AMS)
    b = _meeting(traject, start, nummer=2)
    prep = datetime(2026, 12, 3, 19, 30, tzinfo=AMS)  # the message states it
    factories.voorbereidingsgroep(b, leden=[member], start=prep, plaats="Bibliotheek")
    _run(prep - timedelta(days=2, minutes=1))
    assert [m for m in mail.outbox if "voorbereiden" in m.subject] == []
    _run(prep - timedelta(days=2))
    [message] = [m for m in mail.outbox if "voorbereiden" in m.subject]
    assert message.to == [member.deelnemer.user.email]
    assert "Bibliotheek" in message.body
    assert "donderdag 3 december 2026, 19:30" in message.body


def test_every_sweep_is_counted():
    """Tests and monitoring know a sweep happened by this count, not by waiting."""
    assert hs.sweeps_done() == 0
    hs.sweep()
    hs.sweep(timezone.now() + timedelta(days=3))
    assert hs.sweeps_done() == 2
    teller = Sweepteller.objects.get()
    assert timezone.now() - timedelta(minutes=1) < teller.laatste_op <= timezone.now()


def test_sweep_deletes_sign_ups_after_their_lapse(settings):
    from trajecten import services as trajecten_services
    from trajecten.choices import Rol
    from trajecten.models import Aanmeldverzoek

    traject = factories.traject(capaciteit=5)
    for email in ("open@voorbeeld.nl", "bevestigd@voorbeeld.nl"):
        trajecten_services.request_sign_up(
            traject=traject,
            aanmelding=trajecten_services.Aanmelding(naam="X", email=email, rol=Rol.VRIJWILLIGER),
        )
    bevestigd = Aanmeldverzoek.objects.get(email="bevestigd@voorbeeld.nl")
    trajecten_services.confirm_sign_up(token=bevestigd.token)
    created = Aanmeldverzoek.objects.earliest("aangemaakt_op").aangemaakt_op
    assert Verzending.objects.filter(aanmeldverzoek__isnull=False).count() == 2

    almost = created + timedelta(hours=settings.AANMELDING_GELDIG_UREN) - timedelta(minutes=1)
    assert hs.sweep(almost)["aanmeldingen_verlopen"] == 0
    assert Aanmeldverzoek.objects.count() == 2

    later = created + timedelta(hours=settings.AANMELDING_GELDIG_UREN, minutes=5)
    assert hs.sweep(later)["aanmeldingen_verlopen"] == 2
    assert Aanmeldverzoek.objects.count() == 0
    # Their ledger rows go with them; the enrolment of the confirmed one stays.
    assert Verzending.objects.filter(aanmeldverzoek__isnull=False).count() == 0
    assert traject.inschrijvingen.get().deelnemer.user.email == "bevestigd@voorbeeld.nl"
    assert hs.sweep(later)["aanmeldingen_verlopen"] == 0
