"""The messages about reports and the guide: the kinds this app registers with the outbox
and what the sweep finds due (report reminders for coordinators, review reminders)."""

from collections import defaultdict
from datetime import timedelta

from berichten import kinds, timing
from berichten.sending import Due
from berichten.sweep import register_finder
from bijeenkomsten.messages import meeting_context
from bijeenkomsten.models import Bijeenkomst
from trajecten.choices import BEZETTE_STATUSSEN
from trajecten.models import Inschrijving, Traject

from .choices import Bericht, RondeStatus
from .handreiking import messages as guide_messages
from .handreiking.messages import HERINNERING_VOOR_DEADLINE, reminder_key
from .models import Gelezen, Reviewronde, Verslag
from .queries import is_published, published_exists


def report_reminders(now) -> list[Due]:
    meetings = [
        b
        for b in Bijeenkomst.objects.gepland()
        .filter(einde__lte=now - timing.VERSLAG_NA, einde__gt=now - timedelta(days=7))
        .annotate(verslag_gedeeld=published_exists())
        if timing.report_reminder_due(b.einde, now) and not is_published(b)
    ]
    coordinators = defaultdict(list)
    for traject_id, user_id in Traject.coordinatoren.through.objects.filter(
        traject_id__in={b.traject_id for b in meetings}
    ).values_list("traject_id", "user_id"):
        coordinators[traject_id].append(user_id)
    return [
        Due(user_id, b.traject_id, Bericht.VERSLAG, str(b.pk), b.pk)
        for b in meetings
        for user_id in coordinators[b.traject_id]
    ]


def review_reminders(now) -> list[Due]:
    """People with a seat who have not opened the guide hear two days before the review
    round's deadline. Three queries, whatever the number of rounds or people."""
    rondes = list(
        Reviewronde.objects.filter(
            status=RondeStatus.OPEN,
            deadline__gt=now,
            deadline__lte=now + HERINNERING_VOOR_DEADLINE,
        ).values_list("pk", "versie__handreiking__traject_id")
    )
    if not rondes:
        return []
    looked = set(
        Gelezen.objects.filter(ronde_id__in=[pk for pk, _ in rondes]).values_list(
            "ronde_id", "inschrijving_id"
        )
    )
    people = defaultdict(list)
    for traject_id, inschrijving_id, user_id in Inschrijving.objects.filter(
        traject_id__in={t for _, t in rondes},
        status__in=BEZETTE_STATUSSEN,
        deelnemer__user__is_active=True,
        deelnemer__user__wil_evaluatie_verzoeken=True,
    ).values_list("traject_id", "pk", "deelnemer__user_id"):
        people[traject_id].append((inschrijving_id, user_id))
    return [
        Due(user_id, traject_id, Bericht.HANDREIKING, reminder_key(ronde_id), None, i_id)
        for ronde_id, traject_id in rondes
        for i_id, user_id in people[traject_id]
        if (ronde_id, i_id) not in looked
    ]


def prepare(rows) -> dict:
    """Report e-mails: which of the versions they announce are (still) the published one."""
    versions = {int(r.sleutel) for r in rows if r.doel == Bericht.VERSLAG_GEDEELD}
    if not versions:
        return {"published": set()}
    return {
        "published": set(
            Verslag.objects.filter(gepubliceerd_id__in=versions).values_list(
                "gepubliceerd_id", flat=True
            )
        )
    }


def _reminder_relevant(row, known) -> bool:
    return (
        not row.bijeenkomst.is_geannuleerd
        and (row.ontvanger_id, row.traject_id) in known["coordinators"]
    )


def _shared_relevant(row, known) -> bool:
    return (
        int(row.sleutel) in known["published"]
        and (row.ontvanger_id, row.traject_id) in known["seated"]
    )


def _guide_relevant(row, known) -> bool:
    return guide_messages.relevant(row, known, known["rows"])


def _guide_context(row, known) -> dict:
    return {**meeting_context(row), **guide_messages.context(row, known)}


kinds.register_preparer(prepare)
kinds.register(Bericht.VERSLAG, relevant=_reminder_relevant, context=meeting_context)
kinds.register(Bericht.VERSLAG_GEDEELD, relevant=_shared_relevant, context=meeting_context)
kinds.register(
    Bericht.HANDREIKING,
    relevant=_guide_relevant,
    context=_guide_context,
    preference="wil_evaluatie_verzoeken",
)
register_finder(report_reminders)
register_finder(review_reminders)
