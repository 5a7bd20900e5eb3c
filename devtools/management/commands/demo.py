"""Run the whole app locally for a demo: ``uv run manage.py demo``.

Needs nothing but Python and uv. Without DATABASE_URL and REDIS_URL the settings use SQLite
and Celery's filesystem broker under ``VAR_DIR`` (default ``var/``). The command prepares the
database and the demo data, starts the web server and one Celery worker (with beat) as child
processes, prints a sign-in link per demo user and stops everything on Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.test import override_settings

from devtools.demo_data import DEMO_USERS
from samenspel.auth import signin_url
from samenspel.models import User

HOST = "127.0.0.1"
WEB_TIMEOUT = 30.0
WORKER_TIMEOUT = 20.0
STOP_TIMEOUT = 10.0

# Defaults for the children only, so the printed links keep working during a demo session.
DEMO_ENV = {"SIGNIN_LINK_MAX_AGE": "43200", "SIGNIN_LINK_ONE_TIME": "false"}

ROLES = {
    "coordinator": "coördinator",
    "deelnemer": "deelnemer (participant)",
    "manager": "manager",
    "beheerder": "beheerder (administrator)",
    "rapporteur": "verslaglegger (rapporteur)",
}

WORKER_READY = re.compile(r"celery@\S+ ready\.")
POSIX = os.name == "posix"


@dataclass
class Child:
    name: str
    proc: subprocess.Popen

    @property
    def pid(self) -> int:
        return self.proc.pid


class Command(BaseCommand):
    help = (
        "Run Samenspel locally with demo data: web server plus Celery worker, "
        "SQLite and a filesystem broker under var/. Stop with Ctrl-C."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="Web server port (8000).")
        parser.add_argument(
            "--worker-timeout",
            type=float,
            default=WORKER_TIMEOUT,
            help="Seconds to wait for the Celery worker before running tasks in the web "
            "process instead (%(default)s).",
        )

    # --- entry point ------------------------------------------------------------------------

    def handle(self, *args, port, worker_timeout, verbosity, **options):
        self._lock = threading.Lock()
        self._signals: list[int] = []
        self._children: dict[str, Child] = {}
        self._relays: list[threading.Thread] = []
        self._worker_ready = threading.Event()

        self._check_port_free(port)
        var_dir = self._make_folders()
        self._say(f"Preparing the database ({self._database_label()}) ...")
        try:
            call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
            call_command("seed_demo", verbosity=verbosity)
        except KeyboardInterrupt:
            raise CommandError("Interrupted before anything was started.", returncode=130) from None
        connections.close_all()

        env = self._child_env(port)
        previous = self._install_signal_handlers()
        try:
            failure = self._run(port, var_dir, env, worker_timeout)
        finally:
            self._stop_children()
            for thread in self._relays:
                thread.join(timeout=2)
            self._restore_signal_handlers(previous)
        if failure:
            raise CommandError(failure)
        self._say("Everything has stopped. Tot ziens!")

    def _run(self, port: int, var_dir: Path, env: dict, worker_timeout: float) -> str | None:
        """Start, report and supervise the children. Returns an error message, or None
        after a stop signal."""
        self._start_worker(var_dir, env)
        self._start_web(port, env)
        self._say_pids()

        eager = False
        if not self._wait_for_worker(worker_timeout):
            if self._signals:
                return None
            worker = self._children.pop("worker")
            code = worker.proc.poll()
            reason = (
                f"exited with code {code}"
                if code is not None
                else f"not ready in {worker_timeout:g} s"
            )
            self._stop_children([worker])
            self._say(
                f"WARNING: the Celery worker could not start ({reason}), so the broker cannot be "
                "used. Falling back to running tasks inside the web server "
                "(CELERY_TASK_ALWAYS_EAGER=true); e-mails are still printed here.",
                style=self.style.WARNING,
            )
            eager = True
            self._stop_children([self._children.pop("web")])
            self._start_web(port, {**env, "CELERY_TASK_ALWAYS_EAGER": "true"})
            self._say_pids()

        health = self._wait_for_web(port)
        if self._signals:
            return None
        if health is None:
            web = self._children["web"]
            code = web.proc.poll()
            if code is not None:
                return f"The web server exited with code {code} before it answered; see above."
            return (
                f"The web server did not answer on http://{HOST}:{port}/healthz "
                f"in {WEB_TIMEOUT:g} s."
            )

        self._print_banner(port, env, health, eager)
        return self._supervise()

    # --- preparation -----------------------------------------------------------------------

    def _check_port_free(self, port: int) -> None:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            if POSIX:
                # Like the web server itself, so a port in TIME_WAIT does not count as taken.
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind((HOST, port))
            except OSError as exc:
                raise CommandError(
                    f"Port {port} on {HOST} is already in use ({exc.strerror}). Is another demo "
                    "still running? Stop it, or choose another port with --port."
                ) from exc

    def _make_folders(self) -> Path:
        var_dir = Path(getattr(settings, "VAR_DIR", settings.BASE_DIR / "var"))
        folders = [var_dir]
        options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}) or {}
        for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
            if options.get(key):
                folders.append(Path(options[key]))
        cache = settings.CACHES.get("default", {})
        if cache.get("BACKEND", "").endswith("FileBasedCache"):
            folders.append(Path(cache["LOCATION"]))
        database = settings.DATABASES["default"]
        if database["ENGINE"].endswith("sqlite3") and str(database["NAME"]) != ":memory:":
            folders.append(Path(database["NAME"]).parent)
        for folder in folders:
            folder.mkdir(parents=True, exist_ok=True)
        return var_dir

    def _database_label(self) -> str:
        database = settings.DATABASES["default"]
        if database["ENGINE"].endswith("sqlite3"):
            return f"SQLite in {database['NAME']}"
        return f"{database['ENGINE'].rsplit('.', 1)[-1]} database {database.get('NAME')}"

    def _child_env(self, port: int) -> dict:
        env = os.environ.copy()
        for key, value in DEMO_ENV.items():
            env.setdefault(key, value)
        # The worker writes the links into the e-mails; they must point at this server.
        env.setdefault("SITE_URL", f"http://{HOST}:{port}")
        env.setdefault("DJANGO_SETTINGS_MODULE", "samenspel.settings")
        env["PYTHONUNBUFFERED"] = "1"
        return env

    # --- children --------------------------------------------------------------------------

    def _spawn(self, name: str, argv: list[str], env: dict, *, pipe: bool) -> Child:
        kwargs: dict = {"env": env, "cwd": settings.BASE_DIR, "stdin": subprocess.DEVNULL}
        if POSIX:
            kwargs["start_new_session"] = True  # own process group: we alone decide when it stops
        else:
            kwargs["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP
        if pipe:
            kwargs.update(stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        child = Child(name, subprocess.Popen(argv, **kwargs))
        self._children[name] = child
        return child

    def _start_worker(self, var_dir: Path, env: dict) -> None:
        argv = [
            sys.executable, "-m", "celery", "-A", "samenspel", "worker", "-B",
            "--pool=solo", "--loglevel=INFO", "--schedule", str(var_dir / "celerybeat-schedule"),
        ]  # fmt: skip
        child = self._spawn("worker", argv, env, pipe=True)
        relay = threading.Thread(target=self._relay, args=(child,), daemon=True)
        relay.start()
        self._relays.append(relay)

    def _start_web(self, port: int, env: dict) -> None:
        manage = str(Path(settings.BASE_DIR) / "manage.py")
        argv = [sys.executable, manage, "runserver", f"{HOST}:{port}", "--noreload"]
        self._spawn("web", argv, env, pipe=False)

    def _relay(self, child: Child) -> None:
        """Copy the worker's output (including the e-mails) to our stdout and watch for ready."""
        for raw in child.proc.stdout:
            line = raw.decode("utf-8", errors="replace")
            if not self._worker_ready.is_set() and WORKER_READY.search(line):
                self._worker_ready.set()
            try:
                with self._lock:
                    self.stdout.write(line, ending="")
                    self.stdout.flush()
            except (OSError, ValueError):
                pass
        child.proc.stdout.close()

    def _wait_for_worker(self, timeout: float) -> bool:
        worker = self._children["worker"]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not self._signals:
            if self._worker_ready.is_set():
                return True
            if worker.proc.poll() is not None:
                return False
            time.sleep(0.1)
        return self._worker_ready.is_set()

    def _wait_for_web(self, port: int) -> dict | None:
        """Poll /healthz until the server answers with any HTTP response; its JSON or None."""
        web = self._children["web"]
        url = f"http://{HOST}:{port}/healthz"
        deadline = time.monotonic() + WEB_TIMEOUT
        while time.monotonic() < deadline and not self._signals:
            if web.proc.poll() is not None:
                return None
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    return self._json(response.read())
            except urllib.error.HTTPError as exc:  # 503 when e.g. the broker check fails
                return self._json(exc.read())
            except (OSError, ValueError):
                time.sleep(0.25)
        return None

    @staticmethod
    def _json(body: bytes) -> dict:
        try:
            return json.loads(body)
        except ValueError:
            return {}

    def _supervise(self) -> str | None:
        while not self._signals:
            for child in self._children.values():
                code = child.proc.poll()
                if code is not None:
                    what = "web server" if child.name == "web" else "Celery worker"
                    return (
                        f"The {what} (pid {child.pid}) stopped unexpectedly with exit code "
                        f"{code}; stopped the rest too."
                    )
            time.sleep(0.2)
        return None

    def _stop_children(self, children: list[Child] | None = None) -> None:
        """SIGTERM each child's process group, wait up to STOP_TIMEOUT, then SIGKILL."""
        if children is None:
            children = list(self._children.values())
            self._children.clear()
        if not children:
            return
        for child in children:
            self._signal_group(child, signal.SIGTERM)
        signals_before = len(self._signals)
        deadline = time.monotonic() + STOP_TIMEOUT
        # A further Ctrl-C while waiting skips the wait.
        while time.monotonic() < deadline and len(self._signals) == signals_before:
            if not any(self._alive(child) for child in children):
                break
            time.sleep(0.1)
        for child in children:
            if self._alive(child):
                self._signal_group(child, signal.SIGKILL if POSIX else None)
        for child in children:
            try:
                child.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.stderr.write(f"Could not stop {child.name} (pid {child.pid}).")

    @staticmethod
    def _signal_group(child: Child, sig) -> None:
        if not POSIX:
            if sig is None:
                child.proc.kill()
            else:
                child.proc.terminate()
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(child.pid, sig)  # the child leads its own group: pgid == pid

    @staticmethod
    def _alive(child: Child) -> bool:
        """Whether the child or anything left in its process group still runs."""
        if child.proc.poll() is None:
            return True
        if not POSIX:
            return False
        return bool(_group_members(child.pid))

    # --- signals ---------------------------------------------------------------------------

    def _install_signal_handlers(self) -> dict:
        previous = {}
        for sig in (signal.SIGINT, signal.SIGTERM):
            previous[sig] = signal.signal(sig, self._on_signal)
        return previous

    @staticmethod
    def _restore_signal_handlers(previous: dict) -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    def _on_signal(self, signum, frame) -> None:
        self._signals.append(signum)

    # --- output ----------------------------------------------------------------------------

    def _say(self, text: str = "", style=None) -> None:
        with self._lock:
            self.stdout.write(style(text) if style else text)
            self.stdout.flush()

    def _say_pids(self) -> None:
        pids = " ".join(f"{name}={child.pid}" for name, child in self._children.items())
        self._say(f"pids: {pids}")

    def _print_banner(self, port: int, env: dict, health: dict, eager: bool) -> None:
        base = f"http://{HOST}:{port}"
        max_age = environ.Env.parse_value(env["SIGNIN_LINK_MAX_AGE"], int)
        one_time = environ.Env.parse_value(env["SIGNIN_LINK_ONE_TIME"], bool)
        # Sign the links the way the web server checks them: with the children's settings.
        with override_settings(SESAME_MAX_AGE=max_age, SESAME_ONE_TIME=one_time):
            links = []
            for key, (email, _naam, _roles) in DEMO_USERS.items():
                user = User.objects.get(email__iexact=email)
                parts = urlsplit(signin_url(user))
                links.append((key, user, f"{base}{parts.path}?{parts.query}"))
        connections.close_all()

        state = ", ".join(f"{key} {value}" for key, value in health.items() if key != "status")
        lines = [
            "",
            "=" * 78,
            f"Samenspel demo is running: {base}/",
            f"Health check: {state or 'answered'}",
            "",
            "Sign in as one of the demo users by opening their link:",
        ]
        for key, user, link in links:
            lines += [f"  {ROLES.get(key, key)}: {user.naam} <{user.email}>", f"    {link}"]
        hours = max_age / 3600
        validity = f"{hours:g} hours" if hours >= 1 else f"{max_age // 60} minutes"
        lines += [
            "",
            f"These links work for {validity} and "
            + ("can be used once" if one_time else "can be used again and again")
            + f" (SIGNIN_LINK_MAX_AGE={env['SIGNIN_LINK_MAX_AGE']}, "
            f"SIGNIN_LINK_ONE_TIME={env['SIGNIN_LINK_ONE_TIME']} for this demo session).",
            (
                "E-mails (e.g. sign-in links requested in the browser) are printed by the web "
                "server in this terminal (no worker: tasks run in the web server)."
                if eager
                else "E-mails (e.g. sign-in links requested in the browser) are printed by the "
                "Celery worker in this terminal."
            ),
            "",
            "Stop met Ctrl-C / Press Ctrl-C to stop.",
            "=" * 78,
            "",
        ]
        self._say("\n".join(lines))


def _group_members(pgid: int) -> list[int]:
    """Live (non-zombie) processes in a process group. Uses /proc where there is one."""
    proc = Path("/proc")
    if not (proc / "self" / "stat").exists():
        try:
            os.killpg(pgid, 0)
        except (ProcessLookupError, PermissionError):
            return []
        return [pgid]
    members = []
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid pgrp ..."; comm may hold spaces and parentheses.
        fields = stat[stat.rfind(")") + 2 :].split()
        if len(fields) > 2 and fields[2] == str(pgid) and fields[0] != "Z":
            members.append(int(entry.name))
    return members
