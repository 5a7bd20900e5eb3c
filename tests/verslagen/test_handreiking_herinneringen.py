"""The review round's e-mails: one when a round opens, one reminder two days before the
deadline to those who have not opened the guide; through the ledger and a real SMTP sink."""

from datetime import timedelta

import factories
import pytest
from django.utils import timezone
from outbox import send_claimed

from berichten import sweep as hs
from berichten.choices import VerzendStatus
from berichten.models import Verzending
from trajecten.choices import InschrijvingStatus, Rol
from verslagen.choices import Bericht
from verslagen.handreiking import services as services
from verslagen.models import Reviewronde

pytestmark = pytest.mark.django_db


def _to(messages) -> list[str]:
    return sorted(m["To"] for m in messages)


@pytest.fixture
def ronde(gids, django_capture_on_commit_callbacks):
    """A round whose deadline is the end of the day ten days from now; besides Anna and Bo,
    one person who opted out of such e-mails, one who withdrew and one on the waiting list."""
    gids.stil = factories.inschrijving(
        gids.traject, user=factories.user(wil_evaluatie_verzoeken=False), rol=Rol.AMBTENAAR
    )
    factories.inschrijving(gids.traject, status=InschrijvingStatus.AFGEMELD)
    factories.inschrijving(gids.traject, status=InschrijvingStatus.WACHTLIJST)
    services.compile_version(traject=gids.traject)
    with django_capture_on_commit_callbacks():
        return services.open_round(
            traject=gids.traject,
            deadline=timezone.localdate() + timedelta(days=10),
            door=gids.coordinator,
        )


def test_round_opened_mail_to_everyone_with_a_seat_once(gids, ronde, mailbox):
    send_claimed()
    messages = mailbox.wait_for(2)
    assert _to(messages) == sorted(i.deelnemer.user.email for i in (gids.anna, gids.bo))
    message = messages[0]
    assert message["Subject"] == "Lees en reageer: de handreiking van Samen in Zuid"
    body = message.get_body(("plain",)).get_content()
    assert f"/trajecten/{gids.traject.slug}/handreiking/" in body
    assert timezone.localtime(ronde.deadline).strftime("%-d") in body
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Opening again notifies nobody twice.
    services.notify_round_opened(ronde, gids.traject)
    send_claimed()
    assert Verzending.objects.filter(doel=Bericht.HANDREIKING).count() == 2
    assert len(mailbox.messages) == 2


def test_reminder_two_days_before_deadline_only_to_who_did_not_look(gids, ronde, mailbox):
    Verzending.objects.all().delete()  # the opening e-mails are another test's subject
    services.mark_read(ronde=ronde, inschrijving=gids.anna)
    hs.sweep(ronde.deadline - timedelta(days=2, minutes=1))
    assert not Verzending.objects.exists()
    hs.sweep(ronde.deadline - timedelta(days=2))
    send_claimed()
    [message] = mailbox.wait_for(1)
    assert message["To"] == gids.bo.deelnemer.user.email
    assert message["Subject"] == "Nog even: wat vind jij van de handreiking van Samen in Zuid?"
    assert "Je hebt de handreiking nog niet geopend." in message.get_body(("plain",)).get_content()
    # Later sweeps send it no second time.
    hs.sweep(ronde.deadline - timedelta(days=1))
    send_claimed()
    assert Verzending.objects.get().sleutel == f"ronde-{ronde.pk}-herinnering"
    assert len(mailbox.messages) == 1


def test_no_reminder_after_looking_or_when_round_closed_before_sending(gids, ronde, mailbox):
    Verzending.objects.all().delete()
    hs.sweep(ronde.deadline - timedelta(days=1))  # claimed for Anna and Bo, not sent yet
    services.mark_read(ronde=ronde, inschrijving=gids.anna)
    send_claimed()
    [message] = mailbox.wait_for(1)
    assert message["To"] == gids.bo.deelnemer.user.email
    statuses = dict(Verzending.objects.values_list("ontvanger_id", "status"))
    assert statuses[gids.anna.deelnemer.user_id] == VerzendStatus.OVERGESLAGEN

    Verzending.objects.all().delete()
    services.close_round(traject=gids.traject)
    Reviewronde.objects.filter(pk=ronde.pk).update(status="open")
    hs.sweep(ronde.deadline - timedelta(days=1))
    Reviewronde.objects.filter(pk=ronde.pk).update(status="gesloten")
    send_claimed()
    assert set(Verzending.objects.values_list("status", flat=True)) == {VerzendStatus.OVERGESLAGEN}
    assert len(mailbox.messages) == 1


def test_no_reminder_after_the_deadline_or_for_a_closed_round(gids, ronde):
    Verzending.objects.all().delete()
    hs.sweep(ronde.deadline + timedelta(seconds=1))
    services.close_round(traject=gids.traject)
    hs.sweep(ronde.deadline - timedelta(days=1))
    assert not Verzending.objects.exists()


def test_unsubscribe_link_switches_off_review_mails(client, gids, ronde):
    from berichten.messages import unsubscribe_token

    user = gids.anna.deelnemer.user
    client.post(f"/afmelden/{unsubscribe_token(user, Bericht.HANDREIKING)}/")
    user.refresh_from_db()
    assert user.wil_evaluatie_verzoeken is False
