"""Removing personal data while the figures stay: for a person who deletes their account,
and for every person of a traject whose retention period (``BEWAARTERMIJN_MAANDEN``) ended.

An enrolment is never deleted: the counts per tag, role and status, attendance, prep-group
and table membership, endorsements, evaluation scores, contributions and quotes all hang on
it. Instead it moves to an anonymous placeholder person (an inactive account with a random
address on the reserved ``.invalid`` domain, no name, no phone), and the free text that
belongs to the person (talents, wishes, evaluation answers, comments) is emptied. Nothing
links the placeholder to the person it replaced.
"""

import secrets
from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

from samenspel import audit, personal_data
from samenspel.models import ANONIEM_DOMEIN, User

from .choices import AuditActie, TrajectStatus
from .models import Deelnemer, Import, Inschrijving, Traject


def is_placeholder_email(email: str) -> bool:
    return email.endswith("@" + ANONIEM_DOMEIN)


def _placeholders(n: int):
    """``n`` fresh anonymous people (accounts that cannot sign in and get no e-mail)."""
    users = User.objects.bulk_create(
        User(
            email=f"{secrets.token_hex(12)}@{ANONIEM_DOMEIN}",
            naam="",
            password=make_password(None),
            is_active=False,
            wil_herinneringen=False,
            wil_voorbereiding_herinneringen=False,
            wil_evaluatie_verzoeken=False,
        )
        for _ in range(n)
    )
    return Deelnemer.objects.bulk_create(Deelnemer(user=u) for u in users)


def anonymise_inschrijvingen(inschrijvingen) -> int:
    """Move each enrolment to its own placeholder person and empty the person's free text
    and the name and phone given for that traject.
    Enrolments already held by a placeholder are left alone. Returns how many moved."""
    todo = list(
        Inschrijving.objects.filter(pk__in=[i.pk for i in inschrijvingen])
        .exclude(deelnemer__user__email__endswith="@" + ANONIEM_DOMEIN)
        .select_related("deelnemer__user")
        .order_by("pk")
    )
    if not todo:
        return 0
    # Apps higher up first (stored reports and guides before the contributions they quote),
    # while every enrolment still points to its person.
    for anonymise in personal_data.holders("anonymise", top_down=True):
        anonymise(todo)
    for inschrijving, placeholder in zip(todo, _placeholders(len(todo)), strict=True):
        inschrijving.deelnemer = placeholder
        inschrijving.naam = ""
        inschrijving.telefoon = ""
        inschrijving.talenten = ""
        inschrijving.wensen = ""
    Inschrijving.objects.bulk_update(todo, ["deelnemer", "naam", "telefoon", "talenten", "wensen"])
    return len(todo)


def _delete_orphaned_users(user_ids) -> int:
    """Accounts of people who are in no traject any more and hold no role of their own."""
    orphans = (
        User.objects.filter(pk__in=user_ids)
        .filter(
            is_staff=False,
            is_superuser=False,
            is_coordinator=False,
            is_manager=False,
            is_rapporteur=False,
        )
        .exclude(Exists(Inschrijving.objects.filter(deelnemer__user=OuterRef("pk"))))
        .exclude(Exists(Traject.coordinatoren.through.objects.filter(user=OuterRef("pk"))))
        .exclude(Exists(Traject.rapporteurs.through.objects.filter(user=OuterRef("pk"))))
    )
    deleted, _per_model = orphans.delete()
    return deleted


@transaction.atomic
def purge_traject(*, traject) -> int:
    """Remove the personal data of everyone in a finished traject; the figures stay.
    Idempotent: a second run finds nothing left to do. Returns how many people it removed."""
    inschrijvingen = list(
        Inschrijving.objects.filter(traject=traject)
        .exclude(deelnemer__user__email__endswith="@" + ANONIEM_DOMEIN)
        .select_related("deelnemer__user")
    )
    users = [i.deelnemer.user for i in inschrijvingen]
    # Reports and guides lose their names, first names included, inside
    # ``anonymise_inschrijvingen`` (see ``verslagen.scrubbing``).
    removed = anonymise_inschrijvingen(inschrijvingen)
    for purge in personal_data.holders("purge_traject", top_down=True):
        purge(traject)
    Import.objects.filter(traject=traject).delete()
    _delete_orphaned_users([u.pk for u in users])
    if removed:
        audit.log(None, AuditActie.GEGEVENS_VERWIJDERD, traject, aantal=removed)
    return removed


def retention_cutoff(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - relativedelta(months=settings.BEWAARTERMIJN_MAANDEN)


def trajecten_past_retention(now: datetime | None = None):
    """Finished trajecten whose last meeting (or end date) lies before the retention cutoff
    and that still hold personal data."""
    cutoff = retention_cutoff(now)
    candidates = (
        Traject.objects.filter(status=TrajectStatus.AFGEROND)
        .filter(
            Exists(
                Inschrijving.objects.filter(traject=OuterRef("pk")).exclude(
                    deelnemer__user__email__endswith="@" + ANONIEM_DOMEIN
                )
            )
            | Exists(Import.objects.filter(traject=OuterRef("pk")))
            | _held_elsewhere(OuterRef("pk"))
        )
        .annotate(laatste=Max("bijeenkomsten__einde"))
        .filter(
            Q(laatste__lt=cutoff)
            | Q(laatste__isnull=True, einddatum__lt=cutoff.date())
            | Q(laatste__isnull=True, einddatum__isnull=True, aangemaakt_op__lt=cutoff)
        )
    )
    # The end date counts too when it lies after the last meeting.
    return [t for t in candidates if t.einddatum is None or t.einddatum < cutoff.date()]


def _held_elsewhere(traject_ref):
    expressions = [holds(traject_ref) for holds in personal_data.holders("holds")]
    if not expressions:
        return Q(pk__in=[])
    combined = expressions[0]
    for expression in expressions[1:]:
        combined |= expression
    return combined


def purge_due_trajecten(now: datetime | None = None) -> dict[int, int]:
    """The retention sweep: every traject past its period, each in its own transaction."""
    return {t.pk: purge_traject(traject=t) for t in trajecten_past_retention(now)}
