"""Reminders through the real pipeline versus a bare SMTP loop.

``manage.py benchmark_herinneringen [--aantal 10000]`` creates a throwaway traject with
that many seated people and a meeting 6 days ahead (its 7-day reminder is due), starts a
local SMTP sink and a Celery worker subprocess pointed at it, finds and claims the due
reminders as the sweep does and measures the wall time until every message arrived. Then
it builds the same messages from the ledger rows and sends them over one SMTP connection
directly, and prints both times and their ratio. The throwaway data is deleted at the end.

Needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL). Only the throwaway traject's
reminders are claimed, so running it against a database with real data sends nothing of
that data to the sink.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.mail import get_connection
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone

from berichten import kinds
from berichten import sending as verzenden
from berichten.messages import build
from berichten.models import Verzending
from berichten.sending import message_id
from bijeenkomsten import messages as meeting_messages
from bijeenkomsten.models import Bijeenkomst
from devtools.benchmarking import benchmark_traject
from samenspel.celery import app
from samenspel.models import User
from trajecten.choices import TAG_VAN_ROL, InschrijvingStatus, Rol, TrajectStatus
from trajecten.models import Deelnemer, Inschrijving

EMAIL = {
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_USE_TLS": False,
    "EMAIL_USE_SSL": False,
    "EMAIL_HOST_USER": "",
    "EMAIL_HOST_PASSWORD": "",
}


class _Counter:
    """The sink's handler: counts accepted messages."""

    def __init__(self):
        self.cond = threading.Condition()
        self.count = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        with self.cond:
            self.count += 1
            self.cond.notify_all()
        return "250 Message accepted for delivery"

    def reset(self) -> None:
        with self.cond:
            self.count = 0

    def wait_for(self, n: int, timeout: float) -> bool:
        with self.cond:
            return self.cond.wait_for(lambda: self.count >= n, timeout)


class Command(BaseCommand):
    help = "Time N reminders through the Celery worker and the ledger against a bare SMTP loop."

    def add_arguments(self, parser):
        parser.add_argument("--aantal", type=int, default=10000, help="people (default 10000)")
        parser.add_argument(
            "--concurrency",
            type=int,
            default=1,
            help="worker processes (1: the solo pool, as in the tests; more: prefork)",
        )
        parser.add_argument("--timeout", type=float, default=1800, help="seconds to wait")

    def handle(self, *args, **options):
        self._refuse_without_services()
        try:
            from aiosmtpd.controller import Controller
        except ImportError as exc:
            raise CommandError("aiosmtpd is needed (a dev dependency: uv sync).") from exc

        n = options["aantal"]
        if n < 1:
            raise CommandError("--aantal must be at least 1.")
        # aiosmtpd logs every SMTP command at INFO; in this process that would slow the sink.
        logging.getLogger("mail.log").setLevel(logging.WARNING)
        counter = _Counter()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        controller = Controller(
            counter, hostname="127.0.0.1", port=port, server_hostname="localhost"
        )
        controller.start()
        worker = None
        traject, user_ids = None, []
        try:
            with override_settings(EMAIL_HOST="127.0.0.1", EMAIL_PORT=port, **EMAIL):
                worker = self._start_worker(port, options["concurrency"])
                traject, user_ids = self._create(n)
                self.stdout.write(f"{n} people seated; worker ready. Sending through the worker…")
                worker_seconds, rows = self._through_worker(traject, n, counter, options)
                self._stop_worker(worker)
                worker = None
                counter.reset()
                self.stdout.write("Sending the same messages in a bare loop…")
                bare_seconds = self._bare(rows, n, counter, options["timeout"])
        finally:
            self._stop_worker(worker)
            if traject is not None:
                self._delete(traject, user_ids)
            controller.stop()
        self._report(n, worker_seconds, bare_seconds, options["concurrency"])

    # --- set-up -------------------------------------------------------------------------------

    def _refuse_without_services(self) -> None:
        if connection.vendor != "postgresql":
            raise CommandError(
                "benchmark_herinneringen needs PostgreSQL: set DATABASE_URL to a postgres:// URL."
            )
        broker = str(getattr(settings, "CELERY_BROKER_URL", ""))
        if not settings.REDIS_URL or not broker.startswith(("redis://", "rediss://")):
            raise CommandError(
                "benchmark_herinneringen needs a real broker: set REDIS_URL to a running Redis."
            )
        import redis

        client = redis.Redis.from_url(broker, socket_connect_timeout=2, socket_timeout=2)
        try:
            client.ping()
        except (redis.exceptions.RedisError, OSError) as exc:
            raise CommandError(f"No Redis answers at REDIS_URL ({broker}).") from exc
        finally:
            client.close()

    def _start_worker(self, port: int, concurrency: int) -> subprocess.Popen:

        name = f"benchmark-{uuid.uuid4().hex[:8]}@%h"
        pool = ["--pool=solo"] if concurrency == 1 else [f"--concurrency={concurrency}"]
        env = {k: v for k, v in os.environ.items() if k != "CELERY_TASK_ALWAYS_EAGER"}
        env.update(
            EMAIL_URL=f"smtp://127.0.0.1:{port}", DJANGO_SETTINGS_MODULE="samenspel.settings"
        )
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "samenspel", "worker", "-n", name, *pool]
            + ["--loglevel=WARNING", "--without-gossip", "--without-mingle"],
            cwd=settings.BASE_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
        )
        # Wait until it answers, so its start-up is not counted.
        hostname = name.replace("%h", socket.gethostname())
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if worker.poll() is not None:
                raise CommandError("The Celery worker exited at start-up; see its output above.")
            if app.control.ping(destination=[hostname], timeout=1):
                return worker
        self._stop_worker(worker)
        raise CommandError("The Celery worker did not answer within 60 s.")

    def _stop_worker(self, worker: subprocess.Popen | None) -> None:
        if worker is None or worker.poll() is not None:
            return
        worker.send_signal(signal.SIGTERM)  # warm shutdown
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()

    def _create(self, n: int):

        tag, traject = benchmark_traject("herinneringen", status=TrajectStatus.OPEN, capaciteit=n)
        password = make_password(None)
        users = User.objects.bulk_create(
            (
                User(
                    email=f"bench-{tag}-{i}@benchmark.invalid",
                    naam=f"Persoon {i}",
                    password=password,
                )
                for i in range(n)
            ),
            batch_size=2000,
        )
        deelnemers = Deelnemer.objects.bulk_create(
            (Deelnemer(user=u) for u in users), batch_size=2000
        )
        Inschrijving.objects.bulk_create(
            (
                Inschrijving(
                    traject=traject,
                    deelnemer=d,
                    rol=Rol.VRIJWILLIGER,
                    tag=TAG_VAN_ROL[Rol.VRIJWILLIGER],
                    status=InschrijvingStatus.GEPLAATST,
                )
                for d in deelnemers
            ),
            batch_size=2000,
        )
        start = timezone.now() + timedelta(days=6)
        Bijeenkomst.objects.create(
            traject=traject, nummer=1, start=start, einde=start + timedelta(hours=2)
        )
        return traject, [u.pk for u in users]

    def _delete(self, traject, user_ids) -> None:

        gebied = traject.gebied
        traject.delete()  # cascades to its meetings, enrolments and ledger rows
        for start in range(0, len(user_ids), 2000):
            User.objects.filter(pk__in=user_ids[start : start + 2000]).delete()
        gebied.delete()

    # --- the two runs -------------------------------------------------------------------------

    def _through_worker(self, traject, n: int, counter: _Counter, options):

        began = time.perf_counter()
        # The sweep's own steps, limited to the throwaway traject.
        dues = [
            d
            for d in verzenden.new(meeting_messages.meeting_reminders(timezone.now()))
            if d.traject_id == traject.pk
        ]
        with transaction.atomic():
            verzenden.enqueue(verzenden.claim(dues))
        if not counter.wait_for(n, options["timeout"]):
            raise CommandError(f"Only {counter.count} of {n} messages arrived in time.")
        seconds = time.perf_counter() - began
        if len(dues) != n:
            raise CommandError(f"The sweep found {len(dues)} due reminders, expected {n}.")
        rows = list(Verzending.objects.filter(traject=traject).values_list("pk", flat=True))
        return seconds, rows

    def _bare(self, row_ids, n: int, counter: _Counter, timeout: float) -> float:

        began = time.perf_counter()
        rows = list(
            Verzending.objects.filter(pk__in=row_ids)
            .select_related("ontvanger", "traject", "bijeenkomst__traject", "inschrijving")
            .prefetch_related("bijeenkomst__agenda")
            .order_by("pk")
        )
        known = kinds.prepare(rows)
        smtp = get_connection()
        smtp.open()
        try:
            for row in rows:
                message = build(row, known)
                if message is None:
                    raise CommandError(f"Ledger row {row.pk} is no longer relevant.")
                message.connection = smtp
                message.extra_headers["Message-ID"] = message_id(row)
                message.send()
        finally:
            smtp.close()
        if not counter.wait_for(n, timeout):
            raise CommandError(f"Only {counter.count} of {n} messages arrived in the bare loop.")
        return time.perf_counter() - began

    def _report(self, n: int, worker_seconds: float, bare_seconds: float, concurrency: int):
        pool = "solo" if concurrency == 1 else f"prefork × {concurrency}"
        lines = [
            "",
            f"| {n} reminders | wall time | per message | messages/s |",
            "|---|---:|---:|---:|",
            f"| sweep + Celery worker ({pool}) + ledger | {worker_seconds:.1f} s "
            f"| {1000 * worker_seconds / n:.1f} ms | {n / worker_seconds:.0f} |",
            f"| bare loop, one SMTP connection | {bare_seconds:.1f} s "
            f"| {1000 * bare_seconds / n:.1f} ms | {n / bare_seconds:.0f} |",
            "",
            f"Ratio worker / bare: {worker_seconds / bare_seconds:.2f}",
        ]
        self.stdout.write("\n".join(lines))
