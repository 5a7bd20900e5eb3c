"""The messages of prep groups, kinds this app registers with the outbox: the reminder
before a prep meeting (found by the sweep), and the group change to its members and to
those who are out (queued by ``services.send_groep_bericht``)."""

from datetime import timedelta

from django.utils import timezone

from berichten import kinds, timing
from berichten.sending import Due
from berichten.sweep import register_finder
from bijeenkomsten.messages import meeting_context
from bijeenkomsten.queries import voornaam
from trajecten.choices import BEZETTE_STATUSSEN

from .choices import Bericht
from .models import Groepslid


def prep_reminders(now) -> list[Due]:
    """Members of a prep group hear two days before their prep meeting."""
    rows = Groepslid.objects.filter(
        groep__start__gt=now,
        groep__start__lte=now + timedelta(days=timing.VOORBEREIDING_DAGEN + 1),
        groep__bijeenkomst__status="gepland",
        inschrijving__status__in=BEZETTE_STATUSSEN,
        inschrijving__deelnemer__user__wil_voorbereiding_herinneringen=True,
        inschrijving__deelnemer__user__is_active=True,
    ).values_list(
        "groep_id",
        "groep__start",
        "groep__bijeenkomst_id",
        "groep__bijeenkomst__traject_id",
        "inschrijving__deelnemer__user_id",
    )
    return [
        Due(user_id, traject_id, Bericht.VOORBEREIDING, prep_key(groep_id, start), b_id)
        for groep_id, start, b_id, traject_id, user_id in rows
        if timing.due_reminder(start, now, [timing.VOORBEREIDING_DAGEN])
    ]


def prep_key(groep_id: int, start) -> str:
    return f"{groep_id}:{start:%Y%m%dT%H%M%SZ}"


def _prep_relevant(row, known) -> bool:
    b = row.bijeenkomst
    groep = getattr(b, "voorbereidingsgroep", None)
    return (
        not b.is_geannuleerd
        and groep is not None
        and groep.start is not None
        and row.sleutel == prep_key(groep.pk, groep.start)
        and groep.leden.filter(inschrijving__deelnemer__user_id=row.ontvanger_id).exists()
    )


def _prep_context(row, known) -> dict:
    groep = row.bijeenkomst.voorbereidingsgroep
    return {
        **meeting_context(row),
        "groep": groep,
        "dagen": timing.days_until(groep.start, timezone.now()),
        "leden": [
            lid.inschrijving.deelnemer.user.get_short_name()
            for lid in groep.leden.select_related("inschrijving__deelnemer__user")
        ],
    }


def group_key(groep, versie: int) -> str:
    return f"{groep.pk}:{versie}"


def _group(row):
    return getattr(row.bijeenkomst, "voorbereidingsgroep", None)


def _member_ids(groep) -> set[int]:
    return set(
        groep.leden.filter(inschrijving__status__in=BEZETTE_STATUSSEN).values_list(
            "inschrijving_id", flat=True
        )
    )


def _changed_relevant(row, known) -> bool:
    """Still a member of the version the message is about (a newer version sends its own)."""
    groep = _group(row)
    return (
        groep is not None
        and row.sleutel == group_key(groep, groep.versie)
        and row.inschrijving_id in _member_ids(groep)
    )


def _out_relevant(row, known) -> bool:
    groep = _group(row)
    return (
        groep is not None
        and row.inschrijving_id not in _member_ids(groep)
        and (row.ontvanger_id, row.traject_id) in known["seated"]
    )


def _group_context(row, known) -> dict:
    groep = _group(row)
    leden = groep.leden.filter(inschrijving__status__in=BEZETTE_STATUSSEN).select_related(
        "inschrijving__deelnemer__user"
    )
    voornamen = [
        voornaam(lid.inschrijving.deelnemer.user) for lid in leden.order_by("toegevoegd_op", "id")
    ]
    return {**meeting_context(row), "groep": groep, "voornamen": [n for n in voornamen if n]}


kinds.register(
    Bericht.VOORBEREIDING,
    relevant=_prep_relevant,
    context=_prep_context,
    preference="wil_voorbereiding_herinneringen",
)
kinds.register(Bericht.GROEP, relevant=_changed_relevant, context=_group_context)
kinds.register(Bericht.GROEP_UIT, relevant=_out_relevant, context=_group_context)
register_finder(prep_reminders)
