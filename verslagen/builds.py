"""Background builds of versioned documents (a meeting's report, the joint guide): one
request row per build (a ``Bouwopdracht``), claimed, advanced and finished by the worker.

A build is idempotent: the request row is locked and checked before the work and again
before the version is stored, and a version is stored once per content hash (a unique
constraint), so a retried or duplicated task adds no second version.

While a worker builds, it holds a PostgreSQL advisory lock on the request (a session lock:
it goes when the worker's connection goes, also when the worker is killed). A second task
for the same request leaves it alone, and the periodic restart queues again only requests
that have waited long and that nobody is building: the broker was down when the request
was made, or the worker died.
"""

import logging
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from samenspel import queueing

from .choices import OpdrachtStatus
from .models import Bouwopdracht
from .queries import OPEN_STATUSSEN

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Soort:
    """One kind of build: its request model, the first key of its advisory locks (the
    second is the request's id) and a function giving its Celery task (looked up late:
    the task module imports the services that use this)."""

    model: type[Bouwopdracht]
    lock: int
    task: Callable

    @property
    def naam(self) -> str:
        return self.model._meta.verbose_name


def request(soort: Soort, *, document, door) -> Bouwopdracht:
    """Ask for a build of ``document``. While one is open, a second request joins it (the
    database allows one open request per document). The task is queued after commit;
    should the broker be down, ``restart_stale`` queues it later."""
    field = soort.model.DOCUMENT
    with transaction.atomic():
        bestaand = soort.model.objects.filter(
            **{field: document}, status__in=OPEN_STATUSSEN
        ).first()
        if bestaand is not None:
            return bestaand
        try:
            with transaction.atomic():
                opdracht = soort.model.objects.create(**{field: document}, aangevraagd_door=door)
        except IntegrityError:  # someone else's request got in first
            return soort.model.objects.get(**{field: document}, status__in=OPEN_STATUSSEN)
        queueing.after_commit(soort.task(), opdracht.pk)
    return opdracht


def progress(soort: Soort, opdracht_id: int, voortgang: int, stap: str) -> None:
    soort.model.objects.filter(pk=opdracht_id, status=OpdrachtStatus.BEZIG).update(
        voortgang=voortgang, stap=stap
    )


def claim(soort: Soort, opdracht_id: int, stap: str = "") -> Bouwopdracht | None:
    """Mark the request as running, or None when it is gone or already done. A request
    that is already running is taken on: that is a redelivery after a worker died."""
    with transaction.atomic():
        opdracht = (
            soort.model.objects.select_for_update()
            .filter(pk=opdracht_id, status__in=OPEN_STATUSSEN)
            .first()
        )
        if opdracht is None:
            return None
        opdracht.status = OpdrachtStatus.BEZIG
        opdracht.voortgang = 5
        opdracht.stap = stap
        opdracht.save(update_fields=["status", "voortgang", "stap"])
    return opdracht


def lock_open(soort: Soort, opdracht_id: int) -> Bouwopdracht | None:
    """The open request, locked until the caller's transaction ends; None when a duplicate
    of this task finished it first."""
    return (
        soort.model.objects.select_for_update()
        .filter(pk=opdracht_id, status__in=OPEN_STATUSSEN)
        .first()
    )


def finish(opdracht: Bouwopdracht, versie, **extra) -> None:
    """Mark a locked request done with the version it ends with."""
    opdracht.status = OpdrachtStatus.KLAAR
    opdracht.voortgang = 100
    opdracht.stap = ""
    opdracht.versie = versie
    opdracht.klaar_op = timezone.now()
    for name, value in extra.items():
        setattr(opdracht, name, value)
    opdracht.save(update_fields=["status", "voortgang", "stap", "versie", "klaar_op", *extra])


def fail(soort: Soort, *, opdracht_id: int, reason: str) -> None:
    soort.model.objects.filter(pk=opdracht_id, status__in=OPEN_STATUSSEN).update(
        status=OpdrachtStatus.MISLUKT, fout=reason[:2000], klaar_op=timezone.now()
    )


@contextmanager
def building(soort: Soort, opdracht_id: int):
    """Yield whether this worker may build the request: True when it got the request's
    advisory lock, False when another worker is building it right now. The embedded
    SQLite default (the demo: one worker, one process) has no such locks and needs none."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [soort.lock, opdracht_id])
        got = cursor.fetchone()[0]
    try:
        yield got
    finally:
        if got:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [soort.lock, opdracht_id])
            except DatabaseError:  # the connection broke, and the lock went with it
                logger.warning("could not unlock build %s %s", soort.naam, opdracht_id)


def _not_being_built(soort: Soort) -> str:
    """SQL: the request is not held by any worker's advisory lock (see ``building``)."""
    return f"""NOT EXISTS (
    SELECT 1 FROM pg_locks l
    WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
      AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND l.classid = {int(soort.lock)}
      AND l.objid::bigint = {soort.model._meta.db_table}.id
)"""


def restart_stale(soort: Soort, now=None) -> list[int]:
    """Queue again the requests that are open for longer than
    ``OPDRACHT_HERSTART_SECONDEN`` and that no worker is building: their message was never
    sent (broker down) or their worker died. One query. A request that is still waiting in
    a long queue gets a second message; whichever runs second finds nothing to do."""
    now = now or timezone.now()
    open_long = soort.model.objects.filter(
        status__in=OPEN_STATUSSEN,
        aangevraagd_op__lt=now - timedelta(seconds=settings.OPDRACHT_HERSTART_SECONDEN),
    )
    if connection.vendor == "postgresql":
        open_long = open_long.extra(where=[_not_being_built(soort)])
    stale = list(open_long.values_list("pk", flat=True))
    for pk in stale:
        logger.warning("%s %s was not finished; queued again", soort.naam, pk)
        queueing.after_commit(soort.task(), pk)
    return stale
