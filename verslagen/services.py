"""Writes of evaluations and reports: saving an evaluation, asking for a build, building
(the background task's work), the narrative, and publishing.

A build is idempotent: the request row is locked and checked before the work and again
before the version is stored, and a version is stored once per content hash (a unique
constraint), so a retried or duplicated task adds no second version.

While a worker builds, it holds a PostgreSQL advisory lock on the request (a session lock:
it goes when the worker's connection goes, also when the worker is killed). A second task
for the same request leaves it alone, and the sweep queues again only requests that have
waited long and that nobody is building (``restart_stale``): the broker was down when the
request was made, or the worker died.
"""

import logging
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from berichten.sending import Due, queue
from samenspel import queueing
from trajecten.queries import people_by_traject

from . import content, document
from .choices import Bericht, OpdrachtStatus
from .errors import VerslagError
from .models import Evaluatie, Verslag, Verslagopdracht, VerslagVersie
from .queries import OPEN_STATUSSEN

logger = logging.getLogger(__name__)

# The steps a build goes through, as stored in ``Verslagopdracht.stap``.
STAP_GEGEVENS = "gegevens"
STAP_OPMAAK = "opmaak"
STAP_PDF = "pdf"
STAP_OPSLAAN = "opslaan"


# --- Evaluations ---------------------------------------------------------------------------


@transaction.atomic
def save_evaluatie(
    *, bijeenkomst, inschrijving, scores: dict[str, int], wat_werkte: str, kan_beter: str
) -> Evaluatie:
    """Create or change one person's evaluation, unless the report is out. The report row
    is locked so that publishing and saving do not cross."""
    if bijeenkomst.start > timezone.now() or bijeenkomst.is_geannuleerd:
        raise VerslagError(_("Je kunt deze bijeenkomst pas evalueren als ze begonnen is."))
    verslag = Verslag.objects.select_for_update().filter(bijeenkomst=bijeenkomst).first()
    if verslag is not None and verslag.gepubliceerd_id is not None:
        raise VerslagError(
            _("Het verslag is al gedeeld. Je kunt de evaluatie niet meer veranderen.")
        )
    now = timezone.now()
    evaluatie, _created = Evaluatie.objects.update_or_create(
        bijeenkomst=bijeenkomst,
        inschrijving=inschrijving,
        defaults={
            **{veld: int(scores[veld]) for veld in content.DOEI},
            "wat_werkte": wat_werkte.strip(),
            "kan_beter": kan_beter.strip(),
            "gewijzigd_op": now,
        },
        create_defaults={
            **{veld: int(scores[veld]) for veld in content.DOEI},
            "wat_werkte": wat_werkte.strip(),
            "kan_beter": kan_beter.strip(),
            "ingevuld_op": now,
            "gewijzigd_op": now,
        },
    )
    return evaluatie


# --- Building ------------------------------------------------------------------------------


@transaction.atomic
def request_build(*, bijeenkomst, door) -> Verslagopdracht:
    """Ask for a build of the meeting's report. While one is open, a second request joins
    it (the database allows one open request per report)."""
    from . import tasks

    verslag, _created = Verslag.objects.get_or_create(bijeenkomst=bijeenkomst)
    bestaand = verslag.opdrachten.filter(status__in=OPEN_STATUSSEN).first()
    if bestaand is not None:
        return bestaand
    try:
        with transaction.atomic():
            opdracht = Verslagopdracht.objects.create(verslag=verslag, aangevraagd_door=door)
    except IntegrityError:  # someone else's request got in first
        return verslag.opdrachten.get(status__in=OPEN_STATUSSEN)
    # Should the broker be down, the sweep queues it later (``restart_stale``).
    queueing.after_commit(tasks.build_verslag, opdracht.pk)
    return opdracht


def _progress(opdracht_id: int, voortgang: int, stap: str) -> None:
    Verslagopdracht.objects.filter(pk=opdracht_id, status=OpdrachtStatus.BEZIG).update(
        voortgang=voortgang, stap=stap
    )


def _claim(opdracht_id: int) -> Verslagopdracht | None:
    """Mark the request as running, or None when it is gone or already done. A request
    that is already running is taken on: that is a redelivery after a worker died."""
    with transaction.atomic():
        opdracht = (
            Verslagopdracht.objects.select_for_update()
            .filter(pk=opdracht_id, status__in=OPEN_STATUSSEN)
            .first()
        )
        if opdracht is None:
            return None
        opdracht.status = OpdrachtStatus.BEZIG
        opdracht.voortgang = 5
        opdracht.stap = STAP_GEGEVENS
        opdracht.save(update_fields=["status", "voortgang", "stap"])
    return Verslagopdracht.objects.select_related("verslag__bijeenkomst__traject").get(
        pk=opdracht_id
    )


@transaction.atomic
def _finish(
    opdracht_id: int, *, verslag_id: int, data: dict, digest: str, render
) -> VerslagVersie | None:
    opdracht = (
        Verslagopdracht.objects.select_for_update()
        .filter(pk=opdracht_id, status__in=OPEN_STATUSSEN)
        .first()
    )
    if opdracht is None:  # a duplicate of this task finished first
        return None
    # Locking the report serialises version numbers and the narrative carried over.
    verslag = Verslag.objects.select_for_update().get(pk=verslag_id)
    versie = VerslagVersie.objects.filter(verslag=verslag, inhoud_hash=digest).first()
    if versie is None:
        vorige = verslag.versies.only("nummer", "verhaal").order_by("-nummer").first()
        verhaal = vorige.verhaal if vorige else ""
        html, pdf = render(verhaal)
        nummer = (verslag.versies.aggregate(m=Max("nummer"))["m"] or 0) + 1
        try:
            with transaction.atomic():
                versie = VerslagVersie.objects.create(
                    verslag=verslag,
                    nummer=nummer,
                    inhoud_hash=digest,
                    gegevens=data,
                    html=html,
                    pdf=pdf,
                    verhaal=verhaal,
                    aangemaakt_door_id=opdracht.aangevraagd_door_id,
                )
        except IntegrityError:  # the same content was stored meanwhile
            versie = VerslagVersie.objects.get(verslag=verslag, inhoud_hash=digest)
    opdracht.status = OpdrachtStatus.KLAAR
    opdracht.voortgang = 100
    opdracht.stap = ""
    opdracht.versie = versie
    opdracht.klaar_op = timezone.now()
    opdracht.save(update_fields=["status", "voortgang", "stap", "versie", "klaar_op"])
    return versie


# The first key of the advisory locks on build requests (the second is the request's id).
BUILD_LOCK = 7301


@contextmanager
def _building(opdracht_id: int):
    """Yield whether this worker may build the request: True when it got the request's
    advisory lock, False when another worker is building it right now. The embedded
    SQLite default (the demo: one worker, one process) has no such locks and needs none."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [BUILD_LOCK, opdracht_id])
        got = cursor.fetchone()[0]
    try:
        yield got
    finally:
        if got:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [BUILD_LOCK, opdracht_id])
            except DatabaseError:  # the connection broke, and the lock went with it
                logger.warning("could not unlock report build %s", opdracht_id, exc_info=True)


# Requests nobody holds the advisory lock of (see ``_building``).
_NOT_BEING_BUILT = f"""NOT EXISTS (
    SELECT 1 FROM pg_locks l
    WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
      AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND l.classid = {BUILD_LOCK}
      AND l.objid::bigint = {Verslagopdracht._meta.db_table}.id
)"""


def restart_stale(now=None) -> list[int]:
    """Queue again the build requests that are open for longer than
    ``OPDRACHT_HERSTART_SECONDEN`` and that no worker is building: their message was never
    sent (broker down) or their worker died. One query. A request that is still waiting in
    a long queue gets a second message; whichever runs second finds nothing to do."""
    from . import tasks

    now = now or timezone.now()
    open_long = Verslagopdracht.objects.filter(
        status__in=OPEN_STATUSSEN,
        aangevraagd_op__lt=now - timedelta(seconds=settings.OPDRACHT_HERSTART_SECONDEN),
    )
    if connection.vendor == "postgresql":
        open_long = open_long.extra(where=[_NOT_BEING_BUILT])
    stale = list(open_long.values_list("pk", flat=True))
    for pk in stale:
        logger.warning("report build request %s was not finished; queued again", pk)
        queueing.after_commit(tasks.build_verslag, pk)
    return stale


def build_report(*, opdracht_id: int) -> VerslagVersie | None:
    """The work of one build request: gather the data, hash it, and (only for new data)
    render the HTML and the PDF and store a new version. Returns the version the request
    ends with, or None when there was nothing to do. Failures mark the request "mislukt"."""
    with _building(opdracht_id) as mine:
        if not mine:  # a duplicate message while another worker builds it
            return None
        return _build(opdracht_id)


def _build(opdracht_id: int) -> VerslagVersie | None:
    opdracht = _claim(opdracht_id)
    if opdracht is None:
        return None
    try:
        verslag = opdracht.verslag
        data = content.assemble(verslag.bijeenkomst)
        digest = content.content_hash(data)
        _progress(opdracht_id, 30, STAP_OPMAAK)
        rendered = {}

        def render(verhaal: str) -> tuple[str, bytes]:
            # Rendering happens before the final lock when the narrative is known; this
            # only re-renders when the narrative changed in between.
            key = verhaal
            if key not in rendered:
                html = document.render_fragment(data)
                _progress(opdracht_id, 60, STAP_PDF)
                pdf = document.render_pdf(data=data, fragment=html, verhaal_tekst=verhaal)
                rendered[key] = (html, pdf)
            return rendered[key]

        if not VerslagVersie.objects.filter(verslag=verslag, inhoud_hash=digest).exists():
            vorige = verslag.versies.only("verhaal").order_by("-nummer").first()
            render(vorige.verhaal if vorige else "")
            _progress(opdracht_id, 90, STAP_OPSLAAN)
        return _finish(opdracht_id, verslag_id=verslag.pk, data=data, digest=digest, render=render)
    except Exception as exc:
        logger.exception("building report request %s failed", opdracht_id)
        fail(opdracht_id=opdracht_id, reason=f"{type(exc).__name__}: {exc}")
        return None


def fail(*, opdracht_id: int, reason: str) -> None:
    Verslagopdracht.objects.filter(pk=opdracht_id, status__in=OPEN_STATUSSEN).update(
        status=OpdrachtStatus.MISLUKT, fout=reason[:2000], klaar_op=timezone.now()
    )


# --- Narrative and publishing ---------------------------------------------------------------


def _current_draft(verslag, versie) -> None:
    newest = verslag.versies.order_by("-nummer").values_list("pk", flat=True).first()
    if versie.pk != newest or versie.gepubliceerd_op is not None:
        raise VerslagError(
            _("Je kunt alleen de nieuwste versie veranderen die nog niet gedeeld is.")
        )


@transaction.atomic
def set_verhaal(*, versie: VerslagVersie, tekst: str) -> VerslagVersie:
    """Store the narrative of the current draft. Its PDF is made again when someone
    downloads the draft or publishes it."""
    verslag = Verslag.objects.select_for_update().get(pk=versie.verslag_id)
    versie = VerslagVersie.objects.select_for_update().get(pk=versie.pk)
    _current_draft(verslag, versie)
    versie.verhaal = tekst.strip()
    versie.pdf = b""
    versie.save(update_fields=["verhaal", "pdf"])
    return versie


def draft_pdf(versie: VerslagVersie) -> bytes:
    """The stored PDF, or a fresh one when the narrative changed since it was made."""
    if versie.pdf:
        return bytes(versie.pdf)
    return document.render_pdf(
        data=versie.gegevens, fragment=versie.html, verhaal_tekst=versie.verhaal
    )


def publish(*, versie: VerslagVersie, door) -> VerslagVersie:
    """Share the current draft with everyone with a seat: store its PDF with the
    narrative, mark it published and queue one e-mail per person (the ledger key is the
    version, so publishing twice sends nothing twice)."""
    versie = VerslagVersie.objects.defer("pdf").get(pk=versie.pk)  # its newest narrative
    verhaal = versie.verhaal
    pdf = document.render_pdf(data=versie.gegevens, fragment=versie.html, verhaal_tekst=verhaal)
    with transaction.atomic():
        verslag = (
            Verslag.objects.select_for_update()
            .select_related("bijeenkomst")
            .get(pk=versie.verslag_id)
        )
        versie = VerslagVersie.objects.select_for_update().get(pk=versie.pk)
        _current_draft(verslag, versie)
        if versie.verhaal != verhaal:  # changed while the PDF was made
            raise VerslagError(_("Het verhaal is net veranderd. Probeer het opnieuw."))
        versie.pdf = pdf
        versie.gepubliceerd_op = timezone.now()
        versie.save(update_fields=["pdf", "gepubliceerd_op"])
        verslag.gepubliceerd = versie
        verslag.save(update_fields=["gepubliceerd"])
        b = verslag.bijeenkomst
        people = people_by_traject([b.traject_id])
        queue(
            [
                Due(user_id, b.traject_id, Bericht.VERSLAG_GEDEELD, str(versie.pk), b.pk)
                for user_id in people[b.traject_id]
            ]
        )
    return versie
