"""Writes on a person's own account: deleting it, and switching off a kind of e-mail."""

from django.db import transaction

from berichten.messages import preference_of
from samenspel.models import User
from trajecten.anonymise import anonymise_inschrijvingen
from trajecten.choices import TrajectStatus
from trajecten.models import Inschrijving
from trajecten.services import withdraw


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


def unsubscribe(*, user_id: int, doel: str) -> None:
    """Switch off one kind of e-mail for a person (idempotent)."""
    User.objects.filter(pk=user_id).update(**{preference_of(doel): False})
