"""Sending e-mails through the ledger: claim rows in bulk, then send them in chunks over
one SMTP connection per chunk, marking each message as it goes.

A row is claimed (inserted, unique per person, purpose and key) before anything is sent,
so a second sweep, a retried task or a duplicated message never sends it again. A worker
that dies mid-chunk leaves its unsent rows claimed; the sweep hands stale claims to a new
chunk. Only a crash in the instant between the SMTP server accepting a message and the
row being marked can repeat that one message.
"""

import logging
import smtplib
import uuid
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import get_connection
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone

from samenspel import queueing

from . import kinds, sms
from .choices import Kanaal, VerzendStatus
from .messages import Sms, build
from .models import Verzending

logger = logging.getLogger(__name__)

CHUNK = 200


def stale_after() -> timedelta:
    """Longer than a chunk task may run (its hard time limit), so a live task is never robbed."""
    return timedelta(seconds=settings.HERINNERING_CLAIM_TIMEOUT)


@dataclass(frozen=True)
class Due:
    ontvanger_id: int
    traject_id: int | None
    doel: str
    sleutel: str
    bijeenkomst_id: int | None = None
    inschrijving_id: int | None = None
    aanmeldverzoek_id: int | None = None
    adres: str = ""  # for someone without an account
    taal: str = ""


class TransientSendError(Exception):
    """The SMTP server could not be reached or refused for now: retry later."""


def claim(dues: list[Due]) -> list[uuid.UUID]:
    """Insert ledger rows for what is due (existing ones are left alone) and return one
    claim token per chunk of new rows."""
    tokens = []
    for start in range(0, len(dues), CHUNK):
        token = uuid.uuid4()
        Verzending.objects.bulk_create(
            [
                Verzending(
                    ontvanger_id=d.ontvanger_id,
                    traject_id=d.traject_id,
                    bijeenkomst_id=d.bijeenkomst_id,
                    inschrijving_id=d.inschrijving_id,
                    aanmeldverzoek_id=d.aanmeldverzoek_id,
                    adres=d.adres,
                    taal=d.taal,
                    doel=d.doel,
                    sleutel=d.sleutel,
                    claim=token,
                )
                for d in dues[start : start + CHUNK]
            ],
            ignore_conflicts=True,
        )
        tokens.append(token)
    return tokens


def reclaim_stale(now=None) -> list[uuid.UUID]:
    """Give rows whose chunk died (claimed long ago, never finished) to new chunks."""
    now = now or timezone.now()
    stale = list(
        Verzending.objects.filter(
            status=VerzendStatus.GECLAIMD, geclaimd_op__lt=now - stale_after()
        ).values_list("pk", flat=True)
    )
    tokens = []
    for start in range(0, len(stale), CHUNK):
        token = uuid.uuid4()
        Verzending.objects.filter(
            pk__in=stale[start : start + CHUNK],
            status=VerzendStatus.GECLAIMD,
            geclaimd_op__lt=now - stale_after(),  # not a chunk that started meanwhile
        ).update(claim=token, geclaimd_op=now)
        tokens.append(token)
    return tokens


def new(dues: list[Due]) -> list[Due]:
    """Leave out what the ledger already has, so a sweep does not queue empty chunks."""
    if not dues:
        return []
    known = set(
        Verzending.objects.filter(
            doel__in={d.doel for d in dues}, sleutel__in={d.sleutel for d in dues}
        ).values_list("ontvanger_id", "doel", "sleutel")
    )
    return [d for d in dues if (d.ontvanger_id, d.doel, d.sleutel) not in known]


def queue(dues: list[Due]) -> int:
    """Put messages that follow from an action (an offer, a changed meeting) in the outbox.
    Inside the caller's transaction, the rows commit with the action; the chunks are queued
    after the commit, and the sweep sends them should the broker be down. Returns how many
    were new to the ledger."""
    fresh = new(dues)
    with transaction.atomic():
        enqueue(claim(fresh))
    return len(fresh)


def enqueue(tokens: list[uuid.UUID]) -> None:
    """Queue a sending task per chunk once the rows are committed."""
    for token in tokens:
        transaction.on_commit(lambda t=str(token): _publish(t))


def _publish(token: str) -> None:
    """Hand a chunk to the broker. When the broker is down the request or sweep that claimed
    the rows must still succeed: the rows are committed, so they are marked stale and the
    next sweep hands them to a new chunk once the broker is back. Nothing is lost."""

    from . import tasks  # tasks import this module

    if not queueing.send(tasks.send_chunk, token):
        try:
            Verzending.objects.filter(claim=token, status=VerzendStatus.GECLAIMD).update(
                geclaimd_op=timezone.now() - stale_after() - timedelta(seconds=1)
            )
        except DatabaseError:  # then the rows go stale by themselves, a little later
            logger.warning("could not mark chunk %s for the next sweep", token, exc_info=True)


def _mark(row, status: str, fout: str = "", kanaal: str = Kanaal.EMAIL) -> None:
    Verzending.objects.filter(pk=row.pk, status=VerzendStatus.GECLAIMD).update(
        status=status,
        verzonden_op=timezone.now() if status == VerzendStatus.VERZONDEN else None,
        fout=fout[:1000],
        kanaal=kanaal,
    )


def _send_sms(backend, row, message: Sms) -> int:
    """Send one text message; the row's reference goes with it, as the Message-ID does
    with an e-mail. A refused number fails the row; an unreachable gateway the chunk."""
    try:
        backend.send(to=message.to, text=message.text, reference=f"verzending-{row.pk}")
    except sms.SmsError as exc:
        _mark(row, VerzendStatus.MISLUKT, str(exc), kanaal=Kanaal.SMS)
        return 0
    except sms.TransientSmsError as exc:
        raise TransientSendError(str(exc)) from exc
    _mark(row, VerzendStatus.VERZONDEN, kanaal=Kanaal.SMS)
    return 1


def message_id(row) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "samenspel"
    return f"<verzending-{row.pk}@{host}>"


PERMANENT = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused)


def send_chunk(token: str) -> int:
    """Send the claimed, unsent rows of one chunk over one SMTP connection. Returns the
    number sent; raises TransientSendError when the server is unavailable."""
    # Taking the chunk restarts its claim clock, so rows that waited in a long queue are
    # not stale while this task sends them (a sweep would hand them to a second chunk).
    Verzending.objects.filter(claim=token, status=VerzendStatus.GECLAIMD).update(
        pogingen=F("pogingen") + 1, geclaimd_op=timezone.now()
    )
    rows = list(
        Verzending.objects.filter(claim=token, status=VerzendStatus.GECLAIMD)
        .select_related(
            "ontvanger", "traject", "bijeenkomst__traject", "inschrijving", "aanmeldverzoek"
        )
        .prefetch_related("bijeenkomst__agenda")
        .order_by("pk")
    )
    if not rows:
        return 0
    known = kinds.prepare(rows)
    sent = 0
    connection = get_connection()
    texts = sms.get_backend()
    opened = False  # the SMTP connection, at the chunk's first e-mail
    try:
        for row in rows:
            message = build(row, known)
            if message is None:  # withdrew, cancelled, rescheduled: no longer relevant
                _mark(row, VerzendStatus.OVERGESLAGEN)
                continue
            if isinstance(message, Sms):
                sent += _send_sms(texts, row, message)
                continue
            if not opened:
                connection.open()
                opened = True
            message.connection = connection
            # One Message-ID per ledger row: should a crash ever repeat a message, mail
            # programs see the same message and show it once.
            message.extra_headers["Message-ID"] = message_id(row)
            try:
                message.send()
            except PERMANENT as exc:
                _mark(row, VerzendStatus.MISLUKT, str(exc))
                continue
            except smtplib.SMTPResponseException as exc:
                if 500 <= exc.smtp_code < 600:
                    _mark(row, VerzendStatus.MISLUKT, f"{exc.smtp_code} {exc.smtp_error!r}")
                    continue
                raise TransientSendError(str(exc)) from exc
            _mark(row, VerzendStatus.VERZONDEN)
            sent += 1
    except (OSError, smtplib.SMTPException) as exc:
        raise TransientSendError(str(exc)) from exc
    finally:
        try:
            connection.close()
        except Exception:  # closing a broken connection may fail too
            logger.debug("closing SMTP connection failed", exc_info=True)
    return sent


def give_up(token: str, reason: str) -> None:
    """After the last retry: record the failure so the coordinator sees it."""
    Verzending.objects.filter(claim=token, status=VerzendStatus.GECLAIMD).update(
        status=VerzendStatus.MISLUKT, fout=reason[:1000]
    )
