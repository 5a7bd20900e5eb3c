"""Load test of the production process set.

Starts gunicorn, a Celery worker and beat (DEBUG off) on a throwaway database with the demo
programme, then puts each target under load for a fixed time and prints p50/p95, requests
per second and the ratio to the bare layout page (/meting/leeg/) under the same load.

    uv run python scripts/loadtest.py                  # 60 s per target, in 6 rounds
    uv run python scripts/loadtest.py --duration 10 --targets leeg home

PostgreSQL comes from DATABASE_URL (a database ``samenspel_load_<pid>`` is created on that
server and dropped afterwards); Redis is a throwaway redis-server of its own. Add a target to
TARGETS below; one whose page does not exist (404 on the first request) is skipped.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from itertools import count
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import harness  # noqa: E402
import processen  # noqa: E402


@dataclass(frozen=True)
class Target:
    path: str  # formatted with the ids of the demo data
    session: str | None  # whose session: "deelnemer", "manager" or None (anonymous)
    method: str = "GET"
    expect: int = 200

    @property
    def signed_in_marker(self) -> str | None:
        """Shown only to a signed-in user, so a dead session cannot pass as a fast page."""
        return 'href="/mijn-gegevens/"' if self.session else None


TARGETS = {
    "leeg": Target("/meting/leeg/", "deelnemer"),  # the yardstick: the layout only
    "home": Target("/", "deelnemer"),
    "bijeenkomst": Target("/bijeenkomsten/{bijeenkomst}/", "deelnemer"),
    "aanmelden": Target("/trajecten/{traject}/aanmelden/", None, method="POST", expect=302),
    "dashboard": Target("/dashboard/", "manager"),
}
TRIVIAL = "leeg"

DEMO_IDS = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from bijeenkomsten.models import Bijeenkomst
from samenspel.models import User
from devtools.demo_data import DEMO_USERS
from trajecten.models import Traject

def session(key):
    user = User.objects.get(email=DEMO_USERS[key][0])
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key

traject = Traject.objects.get(slug="amsterdam-zuid")
print(json.dumps({
    "traject": traject.slug,
    "bijeenkomst": Bijeenkomst.objects.filter(traject=traject).order_by("nummer")[0].pk,
    "sessions": {"deelnemer": session("deelnemer"), "manager": session("manager")},
}))
"""


@dataclass
class Result:
    name: str
    latencies: list[float]
    errors: int
    seconds: float

    def add(self, other: Result) -> None:
        self.latencies += other.latencies
        self.errors += other.errors
        self.seconds += other.seconds

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


_emails = count()


def _client(procs, target: Target, demo: dict) -> processen.Client:
    client = processen.Client(procs.base_url)
    if target.session:
        client.cookies["sessionid"] = demo["sessions"][target.session]
    return client


def _once(client: processen.Client, target: Target, path: str) -> processen.Response:
    if target.method == "POST":
        if not client.csrf:
            client.get(path)
        n = next(_emails)
        form = processen.signup_form(f"last{n}@voorbeeld.nl", naam=f"Last {n}")
        return client.post(path, form)
    return client.get(path)


def run_target(procs, name: str, target: Target, demo: dict, duration: float, concurrency: int):
    path = target.path.format(**demo)
    probe = _once(_client(procs, target, demo), target, path)
    if probe.status == 404:
        return None
    if probe.status != target.expect or (
        target.signed_in_marker and target.signed_in_marker not in probe.body
    ):
        raise SystemExit(f"{name}: {path} answered {probe.status}, not the page expected")
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    measuring = threading.Event()
    stop = threading.Event()

    def work():
        client = _client(procs, target, demo)
        while not stop.is_set():
            start = time.perf_counter()
            try:
                ok = _once(client, target, path).status == target.expect
            except OSError:
                ok = False
                client.close()
            took = time.perf_counter() - start
            if measuring.is_set() and not stop.is_set():
                with lock:
                    if ok:
                        latencies.append(took)
                    else:
                        errors[0] += 1

    threads = [threading.Thread(target=work) for _ in range(concurrency)]
    for t in threads:
        t.start()
    time.sleep(1.0)  # warm-up: connections, caches, templates
    measuring.set()
    began = time.perf_counter()
    time.sleep(duration)
    stop.set()
    seconds = time.perf_counter() - began
    for t in threads:
        t.join()
    return Result(name, latencies, errors[0], seconds)


def report(results: list[Result], skipped: list[str], args) -> str:
    trivial = next((r for r in results if r.name == TRIVIAL), None)
    lines = [
        f"{args.duration:.0f} s per target in {args.rounds} rounds, "
        f"{args.concurrency} concurrent clients, gunicorn "
        f"{args.web_workers} workers x {args.web_threads} threads, "
        f"{platform.machine()} with {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "",
        f"Load average at the end: {os.getloadavg()[0]:.1f} (other work on the machine counts).",
        "",
        "| target | requests | errors | req/s | p50 ms | p95 ms | p50 / bare "
        "| req/s bare / target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        ratio_p50 = f"{r.pct(0.5) / trivial.pct(0.5):.2f}" if trivial else "–"
        ratio_rps = f"{trivial.rps / r.rps:.2f}" if trivial and r.rps else "–"
        lines.append(
            f"| {r.name} | {len(r.latencies)} | {r.errors} | {r.rps:.1f} | {r.pct(0.5):.1f} "
            f"| {r.pct(0.95):.1f} | {ratio_p50} | {ratio_rps} |"
        )
    if skipped:
        lines += ["", f"Skipped (no such page here): {', '.join(skipped)}"]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds per target")
    parser.add_argument("--concurrency", type=int, default=8, help="concurrent clients")
    parser.add_argument("--rounds", type=int, default=6, help="turns the targets take")
    parser.add_argument("--targets", nargs="+", default=list(TARGETS), choices=list(TARGETS))
    parser.add_argument("--web-workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--web-threads", type=int, default=2)
    parser.add_argument(
        "--email-url", default="dummymail://", help="where the worker sends mail (EMAIL_URL)"
    )
    args = parser.parse_args()
    targets = [TRIVIAL] + [t for t in args.targets if t != TRIVIAL]

    database = processen.create_database(harness.ensure_postgres(), f"samenspel_load_{os.getpid()}")
    redis = processen.ThrowawayRedis().start()
    procs = processen.ProcessSet(
        database=database,
        redis_url=redis.url(),
        email_url=args.email_url,
        workdir=Path(tempfile.mkdtemp(prefix="samenspel-load-")),
        web_workers=args.web_workers,
        web_threads=args.web_threads,
        extra_env={"BENCHMARK_VIEW": "true", "HERINNERING_SWEEP_SECONDS": "300"},
    )
    results, skipped = [], []
    try:
        print("Preparing: migrate, collectstatic, demo data ...", flush=True)
        procs.prepare()
        procs.manage("seed_demo")
        demo = json.loads(procs.manage("shell", "-c", DEMO_IDS).strip().splitlines()[-1])
        procs.start()
        # The targets take turns in rounds, so a change in other load on the machine
        # weighs on all of them alike and the ratios stay fair.
        per_round = args.duration / args.rounds
        merged: dict[str, Result] = {}
        for round_ in range(1, args.rounds + 1):
            print(f"round {round_}/{args.rounds}: {per_round:.0f} s per target", flush=True)
            for name in targets:
                if name in skipped:
                    continue
                result = run_target(procs, name, TARGETS[name], demo, per_round, args.concurrency)
                if result is None:
                    skipped.append(name)
                elif name in merged:
                    merged[name].add(result)
                else:
                    merged[name] = result
                procs.assert_running()
        results = list(merged.values())
    finally:
        procs.stop()
        redis.close()
        processen.drop_database(database)
    print()
    print(report(results, skipped, args))
    return 1 if any(r.errors for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
