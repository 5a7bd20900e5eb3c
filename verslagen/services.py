"""Writes of evaluations and reports: saving an evaluation, asking for a build, building
(the background task's work), the narrative, and publishing.

A build runs as a tracked request (see ``builds``): idempotent, restarted when a worker
never finished it.
"""

import logging

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from berichten.sending import Due, queue
from trajecten.queries import people_by_traject

from . import builds, content, document
from .choices import Bericht
from .errors import VerslagError
from .models import Evaluatie, Verslag, Verslagopdracht, VerslagVersie

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


def _task():
    from .tasks import build_verslag

    return build_verslag


VERSLAG = builds.Soort(Verslagopdracht, lock=7301, task=_task)


@transaction.atomic
def request_build(*, bijeenkomst, door) -> Verslagopdracht:
    """Ask for a build of the meeting's report; a second request joins an open one."""
    verslag, _created = Verslag.objects.get_or_create(bijeenkomst=bijeenkomst)
    return builds.request(VERSLAG, document=verslag, door=door)


@transaction.atomic
def _finish(
    opdracht_id: int, *, verslag_id: int, data: dict, digest: str, render
) -> VerslagVersie | None:
    opdracht = builds.lock_open(VERSLAG, opdracht_id)
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
    builds.finish(opdracht, versie)
    return versie


def restart_stale(now=None) -> list[int]:
    """Queue again the report builds a worker never finished (see ``builds``)."""
    return builds.restart_stale(VERSLAG, now)


def build_report(*, opdracht_id: int) -> VerslagVersie | None:
    """The work of one build request: gather the data, hash it, and (only for new data)
    render the HTML and the PDF and store a new version. Returns the version the request
    ends with, or None when there was nothing to do. Failures mark the request "mislukt"."""
    with builds.building(VERSLAG, opdracht_id) as mine:
        if not mine:  # a duplicate message while another worker builds it
            return None
        return _build(opdracht_id)


def _build(opdracht_id: int) -> VerslagVersie | None:
    if builds.claim(VERSLAG, opdracht_id, STAP_GEGEVENS) is None:
        return None
    try:
        verslag = Verslag.objects.select_related("bijeenkomst__traject").get(opdrachten=opdracht_id)
        data = content.assemble(verslag.bijeenkomst)
        digest = content.content_hash(data)
        builds.progress(VERSLAG, opdracht_id, 30, STAP_OPMAAK)
        rendered = {}

        def render(verhaal: str) -> tuple[str, bytes]:
            # Rendering happens before the final lock when the narrative is known; this
            # only re-renders when the narrative changed in between.
            key = verhaal
            if key not in rendered:
                html = document.render_fragment(data)
                builds.progress(VERSLAG, opdracht_id, 60, STAP_PDF)
                pdf = document.render_pdf(data=data, fragment=html, verhaal_tekst=verhaal)
                rendered[key] = (html, pdf)
            return rendered[key]

        if not VerslagVersie.objects.filter(verslag=verslag, inhoud_hash=digest).exists():
            vorige = verslag.versies.only("verhaal").order_by("-nummer").first()
            render(vorige.verhaal if vorige else "")
            builds.progress(VERSLAG, opdracht_id, 90, STAP_OPSLAAN)
        return _finish(opdracht_id, verslag_id=verslag.pk, data=data, digest=digest, render=render)
    except Exception as exc:
        logger.exception("building report request %s failed", opdracht_id)
        fail(opdracht_id=opdracht_id, reason=f"{type(exc).__name__}: {exc}")
        return None


def fail(*, opdracht_id: int, reason: str) -> None:
    builds.fail(VERSLAG, opdracht_id=opdracht_id, reason=reason)


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
