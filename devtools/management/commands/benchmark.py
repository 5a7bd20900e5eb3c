"""Every main page at small and at city scale: ``manage.py benchmark``.

Builds two cities with ``devtools.city_scale.maak_stad`` inside a transaction that is
rolled back at the end: a small one (2 trajecten of 20 people) and the city (50 trajecten,
3,000 people, 200 meetings, 10,000 attendance rows, prep groups, values, evaluations,
contributions). In each it picks a running traject and its latest past meeting (with a
published report), signs in the people who use each page, and requests the page through
Django's test client, in-process, with DEBUG off. It prints one table: per page the query
count at both sizes and the median server time at city scale as a ratio to a trivial view
(the bare layout through the same middleware) measured in the same run. With ``--alles``
it then runs the earlier benchmarks (groups, reminders, report build, dashboard).

Needs PostgreSQL (DATABASE_URL); nothing it makes stays behind.
"""

import statistics
import time
from dataclasses import dataclass

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from bijeenkomsten.models import Bijeenkomst
from devtools.benchmarking import rolled_back
from samenspel.models import User
from trajecten.choices import InschrijvingStatus, TrajectStatus
from verslagen import services as verslag_services


@dataclass
class Page:
    label: str
    who: str  # deelnemer, coordinator, manager, anoniem
    url: str


def _pages(world) -> list[Page]:
    t, b = world["traject"], world["bijeenkomst"]
    return [
        Page("home", "deelnemer", reverse("home")),
        Page("traject", "deelnemer", reverse("trajecten:detail", args=[t.slug])),
        Page("sign-up form", "anoniem", reverse("trajecten:aanmelden", args=[t.slug])),
        Page("participant list", "coordinator", reverse("trajecten:deelnemers", args=[t.slug])),
        Page("meeting", "deelnemer", reverse("bijeenkomsten:detail", args=[b.pk])),
        Page("live screen", "coordinator", reverse("bijeenkomsten:live", args=[b.pk])),
        Page("prep group", "deelnemer", reverse("groepen:voorbereiding", args=[b.pk])),
        Page("values", "deelnemer", reverse("waarden:bord", args=[t.slug])),
        Page("evaluation", "deelnemer", reverse("verslagen:evaluatie", args=[b.pk])),
        Page("report", "deelnemer", reverse("verslagen:verslag", args=[b.pk])),
        Page("guide", "coordinator", reverse("handreiking:detail", args=[t.slug])),
        Page("dashboard", "manager", reverse("dashboard:overzicht")),
        Page("balance", "coordinator", reverse("traject_balans", args=[t.slug])),
    ]


class Command(BaseCommand):
    help = "Query counts at two sizes and server time against a trivial view, per main page."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=15, help="requests per page (15)")
        parser.add_argument("--trajecten", type=int, default=50, help="city size (50)")
        parser.add_argument(
            "--alles", action="store_true", help="also run the earlier benchmarks afterwards"
        )

    def handle(self, *args, **options):
        with rolled_back():
            self._run(options)
        if options["alles"]:
            self.stdout.write("\n# Group proposals and tables")
            call_command("benchmark_groepen", sizes=[30, 300, 3000], stdout=self.stdout)
            self.stdout.write("\n# Report build")
            call_command("benchmark_verslag", runs=3, stdout=self.stdout)
            self.stdout.write("\n# Dashboard")
            call_command("benchmark_dashboard", stdout=self.stdout)
            self.stdout.write("\n# Reminders")
            call_command("benchmark_herinneringen", aantal=2000, stdout=self.stdout)

    @override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"], BENCHMARK_VIEW=True)
    def _run(self, options):
        small = self._world(prefix="klein", trajecten=2, per_traject=20, geplaatst=16)
        self.stdout.write("Small city built; building the city …")
        started = time.perf_counter()
        city = self._world(
            prefix="stad", trajecten=options["trajecten"], per_traject=60, geplaatst=50
        )
        self.stdout.write(f"City built in {time.perf_counter() - started:.1f} s")
        small_counts = {p.label: self._measure(small, p, runs=1)[0] for p in _pages(small)}
        trivial = Page("trivial view", "deelnemer", reverse("leeg"))
        rows = []
        for page in [trivial, *_pages(city)]:
            queries, median = self._measure(city, page, runs=options["runs"])
            rows.append((page, small_counts.get(page.label, queries), queries, median))
        base = rows[0][3]
        self.stdout.write(
            "\n| page | as | queries (2 × 20 people) | queries (city) | median ms | ratio |"
            "\n|---|---|---:|---:|---:|---:|"
        )
        for page, q_small, q_city, median in rows:
            flag = "" if q_small == q_city else " (grows!)"
            self.stdout.write(
                f"| {page.label} | {page.who} | {q_small} | {q_city}{flag} | "
                f"{1000 * median:.1f} | {median / base:.1f} |"
            )

    def _world(self, *, prefix, trajecten, per_traject, geplaatst) -> dict:
        from devtools.city_scale import maak_stad

        stad = maak_stad(
            trajecten=trajecten, per_traject=per_traject, geplaatst=geplaatst, prefix=prefix
        )
        traject = next(t for t in stad.trajecten if t.status == TrajectStatus.LOPEND)
        traject.status = TrajectStatus.OPEN  # the sign-up form is shown, not refused
        traject.save(update_fields=["status"])
        now = time.time()
        meeting = (
            Bijeenkomst.objects.filter(traject=traject, start__lt=_aware(now))
            .order_by("-start")
            .first()
        )
        coordinator = User.objects.create_user(email=f"{prefix}-coordinator@voorbeeld.nl")
        coordinator.is_coordinator = True
        coordinator.save()
        traject.coordinatoren.add(coordinator)
        manager = User.objects.create_user(email=f"{prefix}-manager@voorbeeld.nl")
        manager.is_manager = True
        manager.save()
        for g in stad.gebieden:
            g.managers.add(manager)
        participant = (
            traject.inschrijvingen.filter(status=InschrijvingStatus.GEPLAATST)
            .select_related("deelnemer__user")
            .first()
            .deelnemer.user
        )
        opdracht = verslag_services.request_build(bijeenkomst=meeting, door=coordinator)
        versie = verslag_services.build_report(opdracht_id=opdracht.pk)
        verslag_services.publish(versie=versie, door=coordinator)
        clients = {"anoniem": Client()}
        for who, user in (
            ("deelnemer", participant),
            ("coordinator", coordinator),
            ("manager", manager),
        ):
            clients[who] = Client()
            clients[who].force_login(user)
        return {"traject": traject, "bijeenkomst": meeting, "clients": clients}

    def _measure(self, world, page: Page, *, runs: int) -> tuple[int, float]:
        client = world["clients"][page.who]

        def timed():
            t = time.perf_counter()
            response = client.get(page.url)
            elapsed = time.perf_counter() - t
            if response.status_code != 200:
                raise RuntimeError(f"{page.label}: {page.url} gave {response.status_code}")
            return elapsed

        for _ in range(2):  # warm up: templates, URL resolver, connection, caches
            timed()
        # Counted by a wrapper: the test client's request_started resets the query log.
        queries = []
        with connection.execute_wrapper(lambda run, sql, *a: queries.append(sql) or run(sql, *a)):
            timed()
        return len(queries), statistics.median(timed() for _ in range(runs))


def _aware(seconds: float):
    from datetime import UTC, datetime

    return datetime.fromtimestamp(seconds, UTC)
