"""The managers' dashboard at city scale against a trivial page: ``manage.py benchmark_dashboard``.

Builds a city with ``devtools.city_scale.maak_stad`` (50 trajecten, 3,000 people, 200
meetings, 10,000 attendance rows, prep groups, values, evaluations, contributions) inside a
transaction that is rolled back at the end, signs in a manager of every area, and requests
``/dashboard/`` and the accessibility statement (a trivial page with the same layout and
middleware) in turns through Django's test client, in-process, with DEBUG off. Prints the
median server time of each and their ratio (the dashboard as a manager gets it: finished
figures from the cache, valid until the next write), then the same for the dashboard with
its figures computed from the database on every request, and the queries of each.

Needs PostgreSQL (DATABASE_URL); nothing it makes stays behind.
"""

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from bijeenkomsten.models import Aanwezigheid, Bijeenkomst
from devtools.benchmarking import rolled_back
from samenspel.models import User


class Command(BaseCommand):
    help = "Median server time of /dashboard/ at city scale against a trivial page."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=30, help="requests per page (30)")
        parser.add_argument("--trajecten", type=int, default=50)
        parser.add_argument("--per-traject", type=int, default=60)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, **options):
        with rolled_back():
            self._run(options)

    @override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"])
    def _run(self, options):
        from devtools.city_scale import maak_stad

        started = time.perf_counter()
        stad = maak_stad(
            trajecten=options["trajecten"],
            per_traject=options["per_traject"],
            seed=options["seed"],
            prefix="bench",
        )
        built = time.perf_counter() - started
        meetings = Bijeenkomst.objects.filter(traject__in=stad.trajecten)
        rows = Aanwezigheid.objects.filter(bijeenkomst__in=meetings).count()
        self.stdout.write(
            f"City: {len(stad.trajecten)} trajecten, {len(stad.namen)} people, "
            f"{meetings.count()} meetings, {rows} attendance rows (built in {built:.1f} s)"
        )
        manager = User.objects.create_user(email="bench-manager@stad.voorbeeld.nl", is_manager=True)
        for g in stad.gebieden:
            g.managers.add(manager)
        client = Client()
        client.force_login(manager)
        dashboard, trivial = reverse("dashboard:overzicht"), reverse("toegankelijkheid")

        def timed(url):
            t = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - t
            assert response.status_code == 200, (url, response.status_code)
            return elapsed

        for _ in range(3):  # warm up: template and URL caches, connection
            timed(dashboard)
            timed(trivial)
        # Counted by a wrapper: the test client's request_started resets the query log.
        queries = []
        with connection.execute_wrapper(lambda run, sql, *a: queries.append(sql) or run(sql, *a)):
            timed(dashboard)
        times_d, times_t = [], []
        for _ in range(options["runs"]):
            times_d.append(timed(dashboard))
            times_t.append(timed(trivial))
        # Cold: an unused parameter gives each request a cache key of its own, so the
        # figures are computed from the database every time.
        cold_queries = []
        with connection.execute_wrapper(
            lambda run, sql, *a: cold_queries.append(sql) or run(sql, *a)
        ):
            timed(f"{dashboard}?koud=0")
        times_c = [timed(f"{dashboard}?koud={k + 1}") for k in range(options["runs"])]
        median_d, median_t = statistics.median(times_d), statistics.median(times_t)
        median_c = statistics.median(times_c)
        runs = options["runs"]
        self.stdout.write(f"trivial page median: {1000 * median_t:.1f} ms ({runs} runs)")
        self.stdout.write(
            f"/dashboard/ median, figures cached: {1000 * median_d:.1f} ms ({len(queries)} queries)"
        )
        self.stdout.write(
            f"/dashboard/ median, figures computed: {1000 * median_c:.1f} ms "
            f"({len(cold_queries)} queries)"
        )
        self.stdout.write(f"Ratio computed / trivial: {median_c / median_t:.1f}")
        self.stdout.write(
            self.style.SUCCESS(f"Ratio dashboard / trivial: {median_d / median_t:.1f}")
        )
