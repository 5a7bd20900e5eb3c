"""Writes of the joint guide (handreiking): compile a version, run a review round,
comment, resolve, and make a version definitive.

One guide per traject; its row is locked by every write that must see a consistent
state (a new version, opening a round, publishing), so two coordinators clicking at once
cannot open two rounds or number two versions alike.
"""

import logging
from datetime import date, datetime, time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from berichten.sending import Due, queue
from samenspel.pdf import html_to_pdf
from trajecten.choices import BEZETTE_STATUSSEN
from trajecten.errors import TrajectError
from trajecten.models import Inschrijving, Traject

from .. import builds
from ..choices import Bericht, OpdrachtStatus, RondeStatus
from ..models import (
    Gelezen,
    Handreiking,
    Handreikingopdracht,
    HandreikingVersie,
    Opmerking,
    Reviewronde,
)
from ..queries import OPEN_STATUSSEN
from . import queries
from .document import SECTION_OPEN, content_hash, shift_headings

logger = logging.getLogger(__name__)

PRINT_CSS = "css/handreiking-print.css"
# Which preference a review e-mail answers to: it asks for the participant's opinion, as
# an evaluation request does.
VOORKEUR = "wil_evaluatie_verzoeken"


class HandreikingError(TrajectError):
    """A rule of the guide stopped the action; the message is shown to the user."""


# --- Compiling ----------------------------------------------------------------------------


def _sections(traject: Traject) -> tuple[list[dict], str]:
    """The guide's sections and their HTML, in the site's language: the guide is one
    shared document, the same whoever compiles it."""
    verslagen = queries.published_reports(traject)
    waarden = queries.shared_values(traject)
    secties = [{"slug": "inleiding", "titel": _("Inleiding")}]
    hoofdstukken = []
    for v in verslagen:
        b = v.bijeenkomst
        titel = _("Bijeenkomst %(nummer)s") % {"nummer": b.nummer}
        if b.thema:
            titel = f"{titel}: {b.thema}"
        slug = f"bijeenkomst-{b.nummer}"
        secties.append({"slug": slug, "titel": titel})
        hoofdstukken.append(
            {"slug": slug, "titel": titel, "html": shift_headings(v.gepubliceerd.html)}
        )
    secties.append({"slug": "gedeelde-waarden", "titel": _("Gedeelde waarden")})
    html = render_to_string(
        "verslagen/handreiking/_hoofdstukken.html",
        {
            "traject": traject,
            "secties": secties,
            "hoofdstukken": hoofdstukken,
            "waarden": waarden,
            "open": SECTION_OPEN,
        },
    )
    return secties, html


def render_pdf(traject: Traject, secties: list[dict], html: str) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        document = render_to_string(
            "verslagen/handreiking/pdf.html",
            {"traject": traject, "secties": secties, "html": html, "taal": settings.LANGUAGE_CODE},
        )
    return html_to_pdf(document, stylesheets=[PRINT_CSS])


def compile_version(*, traject: Traject, door=None) -> tuple[HandreikingVersie, bool]:
    """Compile the published reports and the shared values into a new version. The same
    content as an existing version adds nothing: that version comes back, with False."""
    with translation.override(settings.LANGUAGE_CODE):
        secties, html = _sections(traject)
    inhoud_hash = content_hash([traject.naam, traject.doel, repr(secties), html])
    handreiking, _created = Handreiking.objects.get_or_create(traject=traject)
    bestaand = handreiking.versies.filter(inhoud_hash=inhoud_hash).first()
    if bestaand is not None:
        return bestaand, False
    _refuse_during_round(handreiking)
    # The PDF takes most of the time; render it before taking the lock.
    pdf = render_pdf(traject, secties, html)
    with transaction.atomic():
        handreiking = Handreiking.objects.select_for_update().get(pk=handreiking.pk)
        bestaand = handreiking.versies.filter(inhoud_hash=inhoud_hash).first()
        if bestaand is not None:
            return bestaand, False
        _refuse_during_round(handreiking)
        laatste = handreiking.versies.order_by("-nummer").values_list("nummer", flat=True).first()
        versie = HandreikingVersie.objects.create(
            handreiking=handreiking,
            nummer=(laatste or 0) + 1,
            inhoud_hash=inhoud_hash,
            secties=secties,
            html=html,
            pdf=pdf,
            aangemaakt_door=door,
        )
    return versie, True


# Compiling takes seconds (mostly the PDF; see BENCHMARKS.md), so it runs in a worker as
# a tracked request (see ``builds``), and the page shows how it goes.


def _task():
    from .tasks import build_handreiking

    return build_handreiking


HANDREIKING = builds.Soort(Handreikingopdracht, lock=7302, task=_task)


def compile_status(traject: Traject, *, shown: bool = False) -> dict | None:
    """``{"status": "bezig"}``, ``{"status": "klaar", "nummer": n, "nieuw": bool}`` or
    ``{"status": "mislukt", "fout": text}`` for the newest request; None when there is
    none or its end was told. With ``shown``, an end is told once, like a message."""
    opdracht = queries.latest_request(traject)
    if opdracht is None or opdracht.gemeld:
        return None
    if opdracht.status in OPEN_STATUSSEN:
        return {"status": "bezig"}
    if shown:
        Handreikingopdracht.objects.filter(pk=opdracht.pk).update(gemeld=True)
    if opdracht.status == OpdrachtStatus.MISLUKT or opdracht.versie is None:
        return {"status": "mislukt", "fout": opdracht.fout}
    versie = opdracht.versie
    return {
        "status": "klaar",
        "nummer": versie.nummer,
        "nieuw": versie.aangemaakt_op >= opdracht.aangevraagd_op,
    }


def version_pdf(versie: HandreikingVersie, traject: Traject) -> bytes:
    """The stored PDF, or one rendered again from the stored HTML when it was emptied
    (personal data removed from the text after the retention period)."""
    if versie.pdf:
        return bytes(versie.pdf)
    return render_pdf(traject, versie.secties, versie.html)


@transaction.atomic
def request_compile(*, traject: Traject, door) -> Handreikingopdracht:
    """Ask for a new version; a worker compiles it after this transaction commits. While
    a request is open, a second one joins it."""
    handreiking, _created = Handreiking.objects.get_or_create(traject=traject)
    _refuse_during_round(handreiking)
    return builds.request(HANDREIKING, document=handreiking, door=door)


def build(*, opdracht_id: int) -> HandreikingVersie | None:
    """The worker's side of ``request_compile``: compile, and record how it ended on the
    request. Idempotent: the same content adds no version, and a finished request is left
    alone."""
    with builds.building(HANDREIKING, opdracht_id) as mine:
        if not mine:  # a duplicate message while another worker compiles it
            return None
        opdracht = builds.claim(HANDREIKING, opdracht_id)
        if opdracht is None:
            return None
        traject = Traject.objects.get(handreiking__opdrachten=opdracht_id)
        try:
            versie, _nieuw = compile_version(traject=traject, door=opdracht.aangevraagd_door)
        except HandreikingError as exc:  # a rule: the coordinator is told which
            builds.fail(HANDREIKING, opdracht_id=opdracht_id, reason=str(exc))
            return None
        except Exception:
            logger.exception("compiling guide request %s failed", opdracht_id)
            builds.fail(HANDREIKING, opdracht_id=opdracht_id, reason="")
            return None
        with transaction.atomic():
            opdracht = builds.lock_open(HANDREIKING, opdracht_id)
            if opdracht is not None:
                builds.finish(opdracht, versie)
        return versie


def restart_stale(now=None) -> list[int]:
    """Queue again the guide's requests a worker never finished (see ``builds``)."""
    return builds.restart_stale(HANDREIKING, now)


def _refuse_during_round(handreiking: Handreiking) -> None:
    if _open_round(handreiking) is not None:
        raise HandreikingError(
            _("Er loopt een reactieronde. Sluit die eerst, dan kun je een nieuwe versie maken.")
        )


def _open_round(handreiking: Handreiking) -> Reviewronde | None:
    return Reviewronde.objects.filter(
        versie__handreiking=handreiking, status=RondeStatus.OPEN
    ).first()


def _locked(traject: Traject) -> Handreiking:
    handreiking = Handreiking.objects.select_for_update().filter(traject=traject).first()
    if handreiking is None:
        raise HandreikingError(_("Er is nog geen versie van de handreiking. Maak er eerst een."))
    return handreiking


# --- The review round ---------------------------------------------------------------------


def deadline_moment(dag: date) -> datetime:
    """A deadline is a day: reacting is possible until the end of it (local time)."""
    return timezone.make_aware(datetime.combine(dag, time(23, 59, 59)))


@transaction.atomic
def open_round(*, traject: Traject, deadline: date, door) -> Reviewronde:
    """Open a review round on the latest version and e-mail everyone with a seat. At
    most one round is open per guide."""
    if deadline <= timezone.localdate():
        raise HandreikingError(_("Kies een datum na vandaag."))
    handreiking = _locked(traject)
    if _open_round(handreiking) is not None:
        raise HandreikingError(_("Er loopt al een reactieronde. Sluit die eerst."))
    versie = handreiking.versies.order_by("-nummer").first()
    if versie is None:
        raise HandreikingError(_("Er is nog geen versie van de handreiking. Maak er eerst een."))
    try:
        with transaction.atomic():
            ronde = Reviewronde.objects.create(
                versie=versie, deadline=deadline_moment(deadline), geopend_door=door
            )
    except IntegrityError as exc:  # the database's own lock on one open round per version
        raise HandreikingError(_("Er loopt al een reactieronde. Sluit die eerst.")) from exc
    notify_round_opened(ronde, traject)
    return ronde


def notify_round_opened(ronde: Reviewronde, traject: Traject) -> None:
    """One e-mail per person with a seat, through the ledger (sent after commit)."""
    rows = Inschrijving.objects.filter(
        traject=traject,
        status__in=BEZETTE_STATUSSEN,
        deelnemer__user__is_active=True,
        **{f"deelnemer__user__{VOORKEUR}": True},
    ).values_list("pk", "deelnemer__user_id")
    queue(
        [
            Due(user_id, traject.pk, Bericht.HANDREIKING, f"ronde-{ronde.pk}-open", None, pk)
            for pk, user_id in rows
        ]
    )


@transaction.atomic
def close_round(*, traject: Traject) -> Reviewronde:
    handreiking = _locked(traject)
    ronde = _open_round(handreiking)
    if ronde is None:
        raise HandreikingError(_("Er loopt geen reactieronde."))
    ronde.status = RondeStatus.GESLOTEN
    ronde.gesloten_op = timezone.now()
    ronde.save(update_fields=["status", "gesloten_op"])
    return ronde


def mark_read(*, ronde: Reviewronde, inschrijving: Inschrijving) -> None:
    """Record that this person opened the guide during the round. One query; the first
    visit counts, later ones change nothing."""
    Gelezen.objects.bulk_create(
        [Gelezen(ronde=ronde, inschrijving=inschrijving)], ignore_conflicts=True
    )


@transaction.atomic
def add_comment(
    *, ronde: Reviewronde, inschrijving: Inschrijving, sectie: str, tekst: str
) -> Opmerking:
    ronde = Reviewronde.objects.select_for_update().select_related("versie").get(pk=ronde.pk)
    if ronde.status != RondeStatus.OPEN or ronde.deadline <= timezone.now():
        raise HandreikingError(_("Reageren kan niet meer: de reactieronde is voorbij."))
    if inschrijving.status not in BEZETTE_STATUSSEN:
        raise HandreikingError(_("Alleen mensen met een plek aan tafel kunnen reageren."))
    if sectie not in {s["slug"] for s in ronde.versie.secties}:
        raise HandreikingError(_("Dit hoofdstuk bestaat niet in deze versie."))
    tekst = tekst.strip()
    if not tekst:
        raise HandreikingError(_("Schrijf eerst je reactie."))
    opmerking = Opmerking.objects.create(
        ronde=ronde, sectie=sectie, inschrijving=inschrijving, tekst=tekst
    )
    mark_read(ronde=ronde, inschrijving=inschrijving)
    return opmerking


@transaction.atomic
def resolve_comment(*, opmerking: Opmerking, door, antwoord: str = "") -> Opmerking:
    """Mark a comment as handled, with an optional answer that its author and everyone
    at the table can read. Resolving again updates the answer."""
    opmerking = Opmerking.objects.select_for_update().get(pk=opmerking.pk)
    opmerking.opgelost = True
    opmerking.opgelost_door = door
    opmerking.opgelost_op = opmerking.opgelost_op or timezone.now()
    opmerking.antwoord = antwoord.strip()
    opmerking.save(update_fields=["opgelost", "opgelost_door", "opgelost_op", "antwoord"])
    return opmerking


@transaction.atomic
def publish(*, traject: Traject) -> HandreikingVersie:
    """Make the latest version definitive: everyone at the table sees it from now on. An
    open round is closed; comments not yet handled stop it."""
    handreiking = _locked(traject)
    versie = handreiking.versies.order_by("-nummer").first()
    if versie is None:
        raise HandreikingError(_("Er is nog geen versie van de handreiking. Maak er eerst een."))
    open_count = Opmerking.objects.filter(ronde__versie=versie, opgelost=False).count()
    if open_count:
        raise HandreikingError(
            _("Handel eerst alle reacties af. Nog niet afgehandeld: %(aantal)s.")
            % {"aantal": open_count}
        )
    now = timezone.now()
    Reviewronde.objects.filter(versie__handreiking=handreiking, status=RondeStatus.OPEN).update(
        status=RondeStatus.GESLOTEN, gesloten_op=now
    )
    if versie.gepubliceerd_op is None:
        versie.gepubliceerd_op = now
        versie.save(update_fields=["gepubliceerd_op"])
    handreiking.definitief = versie
    handreiking.save(update_fields=["definitief"])
    return versie
