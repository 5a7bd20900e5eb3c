"""`manage.py demo` end to end: a real web server and a real Celery worker on the embedded
defaults (SQLite and the filesystem broker in a throwaway VAR_DIR), stopped with Ctrl-C.

Runs the command as a subprocess, so it needs no test database.
"""

from __future__ import annotations

import contextlib
import http.cookiejar
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
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"

# Variables that would take the demo off the embedded defaults it is meant to show.
UNSET = [
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_URL",
    "SITE_URL",
    "CELERY_TASK_ALWAYS_EAGER",
    "SIGNIN_LINK_MAX_AGE",
    "SIGNIN_LINK_ONE_TIME",
    "DEBUG",
]

# Uses POSIX signals and process groups; the project runs on Linux.


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Output:
    """Collects a process's output lines in a thread; ``wait_for`` blocks until a match."""

    def __init__(self, stream):
        self.lines: list[str] = []
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream):
        for raw in stream:
            with self._cond:
                self.lines.append(raw.decode("utf-8", errors="replace").rstrip("\n"))
                self._cond.notify_all()

    def wait_for(self, pattern: str, *, count: int = 1, start: int = 0, timeout: float) -> list:
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [m for line in self.lines[start:] for m in [regex.search(line)] if m]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    pytest.fail(f"No {count}x {pattern!r} within {timeout} s.\n{self.tail()}")
                self._cond.wait(left)

    def tail(self, n: int = 60) -> str:
        return "--- demo output (tail) ---\n" + "\n".join(self.lines[-n:])


def _proc_stat(pid: int) -> tuple[str, int] | None:
    """(state, pgid) of a process from /proc, or None when it does not exist."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rfind(")") + 2 :].split()
    return fields[0], int(fields[2])


def _alive(pid: int) -> bool:
    if Path("/proc").is_dir():
        stat = _proc_stat(pid)
        return stat is not None and stat[0] != "Z"
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _group_members(pgid: int) -> list[int]:
    if not Path("/proc").is_dir():
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return []
        return [pgid]
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _proc_stat(int(entry.name))
            if stat and stat[1] == pgid and stat[0] != "Z":
                members.append(int(entry.name))
    return members


def _csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "no csrfmiddlewaretoken in the page"
    return match.group(1)


def _opener():
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )


def _post(opener, url: str, data: dict):
    body = urllib.parse.urlencode(data).encode()
    return opener.open(urllib.request.Request(url, data=body, method="POST"), timeout=10)


def test_demo_runs_web_and_worker_and_stops_on_ctrl_c(tmp_path):
    port = _free_port()
    base = f"http://{HOST}:{port}"
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    env.update(VAR_DIR=str(tmp_path / "var"), PYTHONUNBUFFERED="1")

    proc = subprocess.Popen(
        [sys.executable, "manage.py", "demo", "--port", str(port)],
        cwd=BASE_DIR,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    out = Output(proc.stdout)
    pids: set[int] = set()
    try:
        links = out.wait_for(rf"{re.escape(base)}/inloggen/\?sesame=\S+", count=3, timeout=120)
        out.wait_for(r"Ctrl-C", timeout=10)
        for match in out.wait_for(r"^pids: (.+)$", timeout=1):
            pids.update(int(pid) for pid in re.findall(r"=(\d+)", match.group(1)))
        assert re.search(r"\bworker=\d+", "\n".join(out.lines)), out.tail()
        assert not any("Falling back" in line for line in out.lines), out.tail()
        assert len(pids) == 2 and all(_alive(pid) for pid in pids), out.tail()
        assert (tmp_path / "var" / "samenspel.sqlite3").exists()
        assert (tmp_path / "var" / "broker" / "queue").is_dir()

        # /healthz answers; 200 is not promised for the filesystem broker, the database is.
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=10) as response:
                health = json.loads(response.read())
        except urllib.error.HTTPError as exc:
            health = json.loads(exc.read())
        assert health["database"] == "ok", health

        # A printed link works, and more than once in a demo session.
        at = next(i for i, line in enumerate(out.lines) if "<deelnemer@voorbeeld.nl>" in line)
        link = re.search(r"http://\S+", out.lines[at + 1]).group(0)
        assert link in [match.group(0) for match in links]
        for _ in range(2):
            browser = _opener()
            with browser.open(link, timeout=10) as response:
                page = response.read().decode()
            with _post(
                browser,
                f"{base}/inloggen/",
                {
                    "sesame": urllib.parse.parse_qs(urllib.parse.urlsplit(link).query)["sesame"][0],
                    "csrfmiddlewaretoken": _csrf_token(page),
                },
            ) as response:
                assert response.geturl() == f"{base}/"
                assert 'class="uitloggen"' in response.read().decode()

        # Ask for a sign-in link in the browser; the worker prints the e-mail in the output.
        browser = _opener()
        with browser.open(f"{base}/", timeout=10) as response:
            token = _csrf_token(response.read().decode())
        mark = len(out.lines)
        with _post(
            browser,
            f"{base}/inloggen/link/",
            {"email": "deelnemer@voorbeeld.nl", "csrfmiddlewaretoken": token},
        ) as response:
            assert response.geturl() == f"{base}/inloggen/verstuurd/"
        out.wait_for(r"To: deelnemer@voorbeeld\.nl", start=mark, timeout=30)
        out.wait_for(rf"{re.escape(base)}/inloggen/\?sesame=", start=mark, timeout=10)
        out.wait_for(r"Task samenspel\.send_signin_link\[.*\] succeeded", start=mark, timeout=10)

        # A coordinator builds a meeting's report: the worker renders it on the embedded
        # SQLite default too (no PostgreSQL-only locks on that path).
        at = next(i for i, line in enumerate(out.lines) if "<coordinator@voorbeeld.nl>" in line)
        link = re.search(r"http://\S+", out.lines[at + 1]).group(0)
        coordinator = _opener()
        with coordinator.open(link, timeout=10) as response:
            page = response.read().decode()
        sesame = urllib.parse.parse_qs(urllib.parse.urlsplit(link).query)["sesame"][0]
        _post(
            coordinator,
            f"{base}/inloggen/",
            {"sesame": sesame, "csrfmiddlewaretoken": _csrf_token(page)},
        ).close()
        verslag = f"{base}/bijeenkomsten/1/verslag/"
        with coordinator.open(verslag, timeout=10) as response:
            token = _csrf_token(response.read().decode())
        mark = len(out.lines)
        _post(coordinator, f"{verslag}maak/", {"csrfmiddlewaretoken": token}).close()
        out.wait_for(r"Task verslagen\.build_verslag\[.*\] succeeded", start=mark, timeout=90)
        with coordinator.open(verslag, timeout=10) as response:
            assert "verslag.pdf?versie=1" in response.read().decode(), out.tail()

        # Ctrl-C stops everything.
        started = time.monotonic()
        proc.send_signal(signal.SIGINT)
        try:
            code = proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pytest.fail(f"demo did not stop within 20 s after SIGINT.\n{out.tail()}")
        assert code == 0, out.tail()
        print(f"stopped in {time.monotonic() - started:.1f} s")
        assert not [pid for pid in pids if _alive(pid)], out.tail()
        assert not [pid for pgid in pids for pid in _group_members(pgid)], out.tail()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for pgid in pids:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pgid, signal.SIGKILL)
