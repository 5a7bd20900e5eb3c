"""The reminder sweep: find in the database what is due and hand it to the ledger.

Beat runs ``sweep`` every few minutes; nothing is scheduled days ahead on the broker.
Each sweep asks a fixed number of queries, whatever the number of people. It also queues
again report builds and imports that never ran or whose worker died.
"""

from collections import defaultdict
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from trajecten import services as trajecten_services
from trajecten.choices import BEZETTE_STATUSSEN, InschrijvingStatus
from trajecten.models import Inschrijving, Traject
from verslagen import services as verslagen_services
from verslagen.queries import is_published, published_exists

from . import herinneringen, verzenden
from .berichten import bevestiging_key, meeting_key
from .choices import Antwoord, VerzendDoel
from .models import Aanwezigheid, Bijeenkomst, Sweepteller, Verzending
from .verzenden import Due

HORIZON = timedelta(days=61)


def _people_by_traject(traject_ids, **user_filter) -> dict[int, list[int]]:
    rows = Inschrijving.objects.filter(
        traject_id__in=traject_ids,
        status__in=BEZETTE_STATUSSEN,
        deelnemer__user__is_active=True,
        **{f"deelnemer__user__{k}": v for k, v in user_filter.items()},
    ).values_list("traject_id", "deelnemer__user_id")
    people = defaultdict(list)
    for traject_id, user_id in rows:
        people[traject_id].append(user_id)
    return people


def meeting_reminders(now) -> list[Due]:
    due = []
    for b in (
        Bijeenkomst.objects.gepland()
        .filter(start__gt=now, start__lte=now + HORIZON)
        .exclude(traject__herinnering_dagen="")
        .select_related("traject")
    ):
        days = herinneringen.due_reminder(
            b.start, now, herinneringen.parse_days(b.traject.herinnering_dagen)
        )
        if days:
            due.append((b, days))
    people = _people_by_traject({b.traject_id for b, _ in due}, wil_herinneringen=True)
    return [
        Due(user_id, b.traject_id, VerzendDoel.HERINNERING, meeting_key(b, days), b.pk)
        for b, days in due
        for user_id in people[b.traject_id]
    ]


def prep_reminders(now) -> list[Due]:
    """Members of a prep group hear two days before their prep meeting."""
    from .models import Groepslid

    rows = Groepslid.objects.filter(
        groep__start__gt=now,
        groep__start__lte=now + timedelta(days=herinneringen.VOORBEREIDING_DAGEN + 1),
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
        Due(user_id, traject_id, VerzendDoel.VOORBEREIDING, prep_key(groep_id, start), b_id)
        for groep_id, start, b_id, traject_id, user_id in rows
        if herinneringen.due_reminder(start, now, [herinneringen.VOORBEREIDING_DAGEN])
    ]


def prep_key(groep_id: int, start) -> str:
    return f"{groep_id}:{start:%Y%m%dT%H%M%SZ}"


def evaluation_requests(now) -> list[Due]:
    meetings = [
        b
        for b in Bijeenkomst.objects.gepland().filter(
            einde__lte=now, einde__gt=now - timedelta(days=5)
        )
        if herinneringen.evaluation_due(b.einde, now)
    ]
    people = _people_by_traject({b.traject_id for b in meetings}, wil_evaluatie_verzoeken=True)
    # Who said they would not come is not asked how it was.
    absent = set(
        Aanwezigheid.objects.filter(
            bijeenkomst__in=meetings, antwoord=Antwoord.KOMT_NIET, aanwezig=False
        ).values_list("bijeenkomst_id", "inschrijving__deelnemer__user_id")
    )
    return [
        Due(user_id, b.traject_id, VerzendDoel.EVALUATIE, str(b.pk), b.pk)
        for b in meetings
        for user_id in people[b.traject_id]
        if (b.pk, user_id) not in absent
    ]


def report_reminders(now) -> list[Due]:
    meetings = [
        b
        for b in Bijeenkomst.objects.gepland()
        .filter(einde__lte=now - herinneringen.VERSLAG_NA, einde__gt=now - timedelta(days=7))
        .annotate(verslag_gedeeld=published_exists())
        if herinneringen.report_reminder_due(b.einde, now) and not report_published(b)
    ]
    coordinators = defaultdict(list)
    for traject_id, user_id in Traject.coordinatoren.through.objects.filter(
        traject_id__in={b.traject_id for b in meetings}
    ).values_list("traject_id", "user_id"):
        coordinators[traject_id].append(user_id)
    return [
        Due(user_id, b.traject_id, VerzendDoel.VERSLAG, str(b.pk), b.pk)
        for b in meetings
        for user_id in coordinators[b.traject_id]
    ]


def report_published(bijeenkomst) -> bool:
    """Whether the meeting's report is published. Uses the ``verslag_gedeeld`` annotation
    when the meeting carries it (the sweep annotates, so it asks no query per meeting)."""
    return is_published(bijeenkomst)


def review_reminders(now) -> list[Due]:
    """People with a seat who have not opened the guide hear two days before the review
    round's deadline. Three queries, whatever the number of rounds or people."""
    from verslagen.choices import RondeStatus
    from verslagen.handreiking_berichten import HERINNERING_VOOR_DEADLINE, reminder_key
    from verslagen.models import Gelezen, Reviewronde

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
        Due(user_id, traject_id, VerzendDoel.HANDREIKING, reminder_key(ronde_id), None, i_id)
        for ronde_id, traject_id in rondes
        for i_id, user_id in people[traject_id]
        if (ronde_id, i_id) not in looked
    ]


def lapse_offers(now) -> int:
    from trajecten.services import lapse_offer

    lapsed = [
        i
        for i in Inschrijving.objects.filter(status=InschrijvingStatus.AANGEBODEN).select_related(
            "traject"
        )
        if herinneringen.offer_lapsed(i.aangeboden_op, now, i.traject.aanbod_uren)
    ]
    for inschrijving in lapsed:
        lapse_offer(inschrijving=inschrijving)
    return len(lapsed)


def _new(dues: list[Due]) -> list[Due]:
    """Leave out what the ledger already has, so a sweep does not queue empty chunks."""
    if not dues:
        return []
    known = set(
        Verzending.objects.filter(
            doel__in={d.doel for d in dues}, sleutel__in={d.sleutel for d in dues}
        ).values_list("ontvanger_id", "doel", "sleutel")
    )
    return [d for d in dues if (d.ontvanger_id, d.doel, d.sleutel) not in known]


def sweep(now=None) -> dict[str, int]:
    """Find and queue everything that is due now. Safe to run at any time, any number of
    times: the ledger keeps each message to once."""
    now = now or timezone.now()
    lapsed = lapse_offers(now)
    aanmeldingen = trajecten_services.lapse_sign_ups(now)
    dues = _new(
        meeting_reminders(now)
        + prep_reminders(now)
        + evaluation_requests(now)
        + report_reminders(now)
        + review_reminders(now)
    )
    with transaction.atomic():
        tokens = verzenden.claim(dues) + verzenden.reclaim_stale(now)
        verzenden.enqueue(tokens)
        # Work whose message was lost (broker down) or whose worker died is queued again.
        verslagen = verslagen_services.restart_stale(now)
        importen = trajecten_services.restart_stale_imports(now)
        count_sweep()
    return {
        "nieuw": len(dues),
        "chunks": len(tokens),
        "aanbod_verlopen": lapsed,
        "aanmeldingen_verlopen": aanmeldingen,
        "verslagen_herstart": len(verslagen),
        "importen_herstart": len(importen),
    }


def count_sweep() -> None:
    """Record that a sweep finished (the real time, also when a test passes ``now``)."""
    # One upsert (PostgreSQL and SQLite alike), so the first sweep needs no extra query.
    table = connection.ops.quote_name(Sweepteller._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (id, aantal, laatste_op) VALUES (1, 1, %s) "
            f"ON CONFLICT (id) DO UPDATE SET aantal = {table}.aantal + 1, "
            "laatste_op = excluded.laatste_op",
            [timezone.now()],
        )


def sweeps_done() -> int:
    """How many sweeps have finished so far."""
    return Sweepteller.objects.filter(pk=1).values_list("aantal", flat=True).first() or 0


def notify(dues: list[Due]) -> None:
    """Queue messages that follow from an action (an offer, a changed meeting)."""
    with transaction.atomic():
        verzenden.enqueue(verzenden.claim(_new(dues)))


def notify_bevestiging(inschrijving) -> None:
    """Confirm a sign-up (or a later placement). Called inside the transaction that saves
    the enrolment, so the enrolment and its e-mail commit together; the e-mail is queued
    after the commit, and the sweep sends it should the broker be down."""
    notify(
        [
            Due(
                inschrijving.deelnemer.user_id,
                inschrijving.traject_id,
                VerzendDoel.BEVESTIGING,
                bevestiging_key(inschrijving),
                inschrijving_id=inschrijving.pk,
            )
        ]
    )


def notify_aanmeldverzoek(verzoek) -> None:
    """Ask the address of a sign-up to confirm it. The row names the sign-up, not an account
    (the address may have none); one e-mail per sign-up."""
    notify(
        [
            Due(
                None,
                verzoek.traject_id,
                VerzendDoel.AANMELDING,
                str(verzoek.pk),
                aanmeldverzoek_id=verzoek.pk,
            )
        ]
    )


def notify_offer(inschrijving) -> None:
    key = f"{inschrijving.pk}:{inschrijving.aangeboden_op:%Y%m%dT%H%M%S%f}"
    notify(
        [
            Due(
                inschrijving.deelnemer.user_id,
                inschrijving.traject_id,
                VerzendDoel.AANBOD,
                key,
                inschrijving_id=inschrijving.pk,
            )
        ]
    )


def notify_change(bijeenkomst) -> None:
    people = _people_by_traject([bijeenkomst.traject_id])
    notify(
        [
            Due(
                user_id,
                bijeenkomst.traject_id,
                VerzendDoel.WIJZIGING,
                f"{bijeenkomst.pk}:{bijeenkomst.volgnummer}",
                bijeenkomst.pk,
            )
            for user_id in people[bijeenkomst.traject_id]
        ]
    )
