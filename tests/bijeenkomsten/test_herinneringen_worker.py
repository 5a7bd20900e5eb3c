"""The reminder sweep end to end on real services: a real Celery worker on the real Redis
broker, the real PostgreSQL test database and a real SMTP sink, counting what arrives.

The second test runs the worker as a subprocess and SIGKILLs it mid-batch.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from datetime import timedelta
from pathlib import Path

import factories
import harness
import pytest
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.utils import timezone
from sms_gateway import FakeCm

from berichten import sweep as hs
from berichten.choices import VerzendStatus
from berichten.models import Verzending
from berichten.tasks import sweep_herinneringen
from samenspel.celery import app as celery_app
from samenspel.models import GEEN_ADRES_DOMEIN, User
from trajecten.choices import TAG_VAN_ROL, InschrijvingStatus, Rol
from trajecten.models import Deelnemer, Inschrijving

BASE_DIR = Path(__file__).resolve().parents[2]

# Uses POSIX signals (SIGKILL); the project runs on Linux.
pytestmark = pytest.mark.django_db(transaction=True)


def _seat(traject, n: int, prefix: str) -> list[str]:
    """``n`` active, seated people who want reminders, created in three bulk inserts."""
    password = make_password(None)
    users = User.objects.bulk_create(
        User(email=f"{prefix}{i}@voorbeeld.nl", naam=f"Persoon {i}", password=password)
        for i in range(n)
    )
    deelnemers = Deelnemer.objects.bulk_create(Deelnemer(user=u) for u in users)
    Inschrijving.objects.bulk_create(
        Inschrijving(
            traject=traject,
            deelnemer=d,
            rol=Rol.VRIJWILLIGER,
            tag=TAG_VAN_ROL[Rol.VRIJWILLIGER],
            status=InschrijvingStatus.GEPLAATST,
        )
        for d in deelnemers
    )
    return [u.email for u in users]


def _due_meeting(n: int, prefix: str) -> list[str]:
    """A traject with ``n`` seated people and one meeting 6 days ahead: the 7-day reminder
    is due now."""
    traject = factories.traject(capaciteit=n)
    emails = _seat(traject, n, prefix)
    factories.bijeenkomst(traject, start=timezone.now() + timedelta(days=6))
    return emails


def _purge_queue() -> None:
    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_purge(celery_app.conf.task_default_queue)
        # Unacked messages of workers killed in earlier runs would come back one day.
        conn.default_channel.client.delete("unacked", "unacked_index")


def _recipients(messages) -> Counter:
    return Counter(str(m["To"]) for m in messages)


def _sweep_through_worker(timeout: float = 60) -> None:
    """Queue a sweep and wait until it is counted. The worker takes one task at a time
    in queue order, so every chunk queued before it has then run."""
    before = hs.sweeps_done()
    sweep_herinneringen.delay()
    harness.wait_until(lambda: hs.sweeps_done() > before, timeout, "a sweep by the worker")


def test_thousand_reminders_arrive_once_each(celery_worker, mailbox):
    emails = _due_meeting(1000, "duizend")
    result = hs.sweep()
    assert result["nieuw"] == 1000
    messages = mailbox.wait_for(1000, timeout=60)
    counts = _recipients(messages)
    assert set(counts) == set(emails)
    assert max(counts.values()) == 1
    assert Verzending.objects.filter(status=VerzendStatus.VERZONDEN).count() == 1000

    # More sweeps find nothing new to send.
    assert hs.sweep()["nieuw"] == 0
    assert hs.sweep()["nieuw"] == 0
    # Once a sweep queued behind every chunk has run, the worker has sent all it will.
    _sweep_through_worker()
    assert len(mailbox.messages) == 1000


# --- SIGKILL mid-batch ------------------------------------------------------------------------


class _SlowHandler:
    """Wraps the sink's handler: each accepted message first takes ``delay`` seconds, so
    the worker is still mid-batch when it is killed."""

    def __init__(self, inner, delay: float):
        self.inner, self.delay = inner, delay

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        await asyncio.sleep(self.delay)
        return await self.inner.handle_DATA(server, session, envelope)


def _slow_sink(delay: float) -> harness.SmtpSink:
    sink = harness.SmtpSink().start()
    # The controller builds a new SMTP session from ``handler`` for each connection.
    sink._controller.handler = _SlowHandler(sink._controller.handler, delay)
    return sink


def _worker_env(sink: harness.SmtpSink) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "CELERY_TASK_ALWAYS_EAGER", "EMAIL_URL", "DATABASE_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="samenspel.settings",
        DATABASE_URL=harness.postgres_url(connection.settings_dict),
        REDIS_URL=settings.CELERY_BROKER_URL,
        EMAIL_URL=sink.url,
        HERINNERING_CLAIM_TIMEOUT="2",
        HERINNERING_SWEEP_SECONDS="3600",
    )
    return env


def _start_worker(env, log) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "samenspel",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=BASE_DIR,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def _stop(proc: subprocess.Popen | None) -> None:
    if proc is not None and proc.poll() is None:
        proc.kill()
        proc.wait(10)


def test_worker_killed_mid_batch_every_message_once(settings):
    settings.HERINNERING_CLAIM_TIMEOUT = 2  # the sweeps in this process reclaim after 2 s
    n = 600
    emails = _due_meeting(n, "kill")
    _purge_queue()
    sink = _slow_sink(0.01)
    first = second = None
    with tempfile.TemporaryFile() as log:
        try:
            env = _worker_env(sink)
            first = _start_worker(env, log)
            assert hs.sweep()["nieuw"] == n
            try:
                sink.wait_for(150, timeout=60)
            except AssertionError:
                log.seek(0)
                raise AssertionError(log.read().decode(errors="replace")[-3000:]) from None
            os.kill(first.pid, signal.SIGKILL)
            first.wait(10)
            arrived_at_kill = len(sink.messages)
            assert arrived_at_kill < n, "the kill did not land mid-batch"

            # A sweep at a moment the dead worker's claims are stale (timeout 2 s) hands
            # them to new chunks; the second worker starts after it, so no live chunk
            # is robbed.
            hs.sweep(timezone.now() + timedelta(seconds=settings.HERINNERING_CLAIM_TIMEOUT + 1))
            second = _start_worker(env, log)

            def everyone_served():
                return len(_recipients(sink.messages)) == n

            try:
                harness.wait_until(everyone_served, 60, f"{n} recipients")
            except AssertionError:
                log.seek(0)
                raise AssertionError(
                    f"{len(_recipients(sink.messages))} of {n} arrived\n"
                    + log.read().decode(errors="replace")[-3000:]
                ) from None
            harness.wait_until(
                lambda: not Verzending.objects.filter(status=VerzendStatus.GECLAIMD).exists(),
                20,
                "every ledger row to be finished",
            )
            _sweep_through_worker()  # any late copy has landed once it ran
            messages = sink.messages
        finally:
            _stop(first)
            _stop(second)
            sink.stop()

    counts = _recipients(messages)
    assert set(counts) == set(emails)
    ids_per_recipient = defaultdict(set)
    for m in messages:
        ids_per_recipient[str(m["To"])].add(m["Message-ID"])
    # One Message-ID per ledger row: every copy of a recipient's message has the same one.
    assert all(len(ids) == 1 for ids in ids_per_recipient.values())
    assert len({m["Message-ID"] for m in messages}) == n
    # Only the message in flight at the kill can come twice: the SMTP server accepted it but
    # the worker died before marking its ledger row (see the docstring of verzenden.py).
    duplicates = sum(c - 1 for c in counts.values())
    assert duplicates <= 1, counts.most_common(3)
    assert Verzending.objects.filter(status=VerzendStatus.VERZONDEN).count() == n


def test_worker_killed_mid_batch_every_text_message_once(settings):
    """The same guarantee for text messages: the gateway gets each row once, except at most
    the one in flight at the kill, and then with the same reference."""
    settings.HERINNERING_CLAIM_TIMEOUT = 2
    n = 300
    traject = factories.traject(capaciteit=n)
    numbers = [f"+3161{i:07d}" for i in range(n)]
    users = User.objects.bulk_create(
        User(
            email=f"sms{i}@{GEEN_ADRES_DOMEIN}",
            naam=f"Persoon {i}",
            password=make_password(None),
            mobiel=number,
            per_sms=True,
        )
        for i, number in enumerate(numbers)
    )
    Inschrijving.objects.bulk_create(
        Inschrijving(
            traject=traject,
            deelnemer=d,
            rol=Rol.VRIJWILLIGER,
            tag=TAG_VAN_ROL[Rol.VRIJWILLIGER],
            status=InschrijvingStatus.GEPLAATST,
        )
        for d in Deelnemer.objects.bulk_create(Deelnemer(user=u) for u in users)
    )
    factories.bijeenkomst(traject, start=timezone.now() + timedelta(days=6))
    _purge_queue()
    gateway = FakeCm(delay=0.01).start()
    sink = harness.SmtpSink().start()  # no e-mail may go out
    first = second = None
    with tempfile.TemporaryFile() as log:
        try:
            env = {**_worker_env(sink), "SMS_URL": gateway.url}
            first = _start_worker(env, log)
            assert hs.sweep()["nieuw"] == n
            try:
                gateway.wait_for(75, timeout=60)
            except AssertionError:
                log.seek(0)
                raise AssertionError(log.read().decode(errors="replace")[-3000:]) from None
            os.kill(first.pid, signal.SIGKILL)
            first.wait(10)
            assert len(gateway.messages) < n, "the kill did not land mid-batch"

            hs.sweep(timezone.now() + timedelta(seconds=settings.HERINNERING_CLAIM_TIMEOUT + 1))
            second = _start_worker(env, log)
            harness.wait_until(
                lambda: len({t.to for t in gateway.messages}) == n, 60, f"{n} numbers"
            )
            harness.wait_until(
                lambda: not Verzending.objects.filter(status=VerzendStatus.GECLAIMD).exists(),
                20,
                "every ledger row to be finished",
            )
            _sweep_through_worker()
            texts = gateway.messages
        finally:
            _stop(first)
            _stop(second)
            gateway.stop()
            sink.stop()

    counts = Counter(t.to for t in texts)
    assert set(counts) == set(numbers)
    assert sum(c - 1 for c in counts.values()) <= 1, counts.most_common(3)
    references = defaultdict(set)
    for t in texts:
        references[t.to].add(t.reference)
    assert all(len(refs) == 1 for refs in references.values())
    assert sink.messages == []
    assert Verzending.objects.filter(status=VerzendStatus.VERZONDEN, kanaal="sms").count() == n
