"""Writes on a person's own account: asking for a sign-in link, deleting the account, and
switching off a kind of e-mail or text messages."""

from datetime import timedelta

from django.db import transaction

from berichten import sending
from berichten.messages import preference_of
from berichten.models import Verzending
from samenspel import queueing
from samenspel.models import User
from samenspel.phones import phone_e164
from trajecten.anonymise import anonymise_inschrijvingen
from trajecten.choices import TrajectStatus
from trajecten.models import Inschrijving
from trajecten.services import withdraw

from .choices import Bericht
from .messages import signin_key

# Sign-in rows serve only to send each link once; they are removed after this long.
SIGNIN_ROWS_KEPT = timedelta(days=7)


def request_signin_link(*, email: str) -> bool:
    """Queue the sign-in request; False when the broker is down. Whether the address is
    known is decided in the task, so the answer and its timing never tell. Queued at once,
    not after a commit: nothing is saved, so the person must hear when it did not work."""
    from . import tasks  # tasks call this module

    address = email.strip().lower()
    return queueing.send(tasks.send_signin_link, address, key=signin_key())


def send_signin_link(*, email: str, key: str) -> int:
    """Put the sign-in link for ``email`` in the outbox when it belongs to an active
    account (written in the account's language). Returns how many messages were new."""
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None or not user.heeft_email:  # a placeholder typed by chance signs nobody in
        return 0
    due = sending.Due(
        ontvanger_id=user.pk,
        traject_id=None,
        doel=Bericht.INLOGLINK,
        sleutel=key or signin_key(),
    )
    return sending.queue([due])


def remove_old_signin_rows(now) -> int:
    """Periodic: the ledger keeps sign-in rows only as long as a retry could need them."""
    old = Verzending.objects.filter(doel=Bericht.INLOGLINK, geclaimd_op__lt=now - SIGNIN_ROWS_KEPT)
    return old.delete()[0]


@transaction.atomic
def delete_account(*, user) -> None:
    """Remove a person and their personal data. Seats they held in trajecten still going
    are offered on first. Their enrolments stay for the figures, moved to an anonymous
    placeholder; contributions and quotes stay without their name; talents, wishes,
    evaluation answers and comments go."""
    inschrijvingen = list(
        Inschrijving.objects.filter(deelnemer__user=user).select_related("traject")
    )
    for inschrijving in inschrijvingen:
        if inschrijving.traject.status != TrajectStatus.AFGEROND:
            withdraw(inschrijving=inschrijving)
    anonymise_inschrijvingen(inschrijvingen)
    user.delete()


# Replies that switch text messages off (the usual words; case and spaces do not matter).
STOPWOORDEN = {"STOP", "STOP ALLES", "STOPALL", "AFMELDEN", "UIT"}


def stop_sms(*, number: str, text: str) -> int:
    """A reply to a text message: STOP switches them off for that number (idempotent).
    Returns how many accounts it switched off."""
    if " ".join(text.upper().split()) not in STOPWOORDEN:
        return 0
    # Gateways write the sender as 0031612345678 or +31612345678.
    mobiel = phone_e164("+" + number[2:] if number.startswith("00") else number)
    if mobiel is None:
        return 0
    return User.objects.filter(mobiel=mobiel, per_sms=True).update(per_sms=False)


def unsubscribe(*, user_id: int, doel: str) -> None:
    """Switch off one kind of e-mail for a person (idempotent)."""
    User.objects.filter(pk=user_id).update(**{preference_of(doel): False})
