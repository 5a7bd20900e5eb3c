"""Measure the group algorithms (``bijeenkomsten.groepen``): ``uv run manage.py benchmark_groepen``.

Per size a traject of that many placed people (tags 50/30/20, shuffled with a fixed seed,
one in ten formeel people a manager, four in five willing to prepare) runs four meetings.
At each meeting about 85% attend: they are split into tables (the history of who sat
together grows), one late arrival is added, and a prep group of four (with a manager if
possible) is proposed from the willing (turns and prep pairs grow). Printed per meeting,
as Markdown tables:

- tables: the largest distance of a table's tag count from the even split (tag attendees /
  tables), ours against the best possible (0 when it divides, else the larger of the
  fractional part and its complement); repeated pairs against the exact optimum (branch and
  bound, up to ``--exact-up-to`` people) or a lower bound (pigeonhole: people who shared an
  earlier table, spread over this meeting's tables, must share at least so many pairs);
- late arrival: whether every table stays within one of the even split;
- prep group: balance (1 − index, as total variation distance) and members who already
  served, against the best possible (the pool's compositions, the least-served per tag);
  repeated pairs against the exhaustive optimum (every group, up to ``--exact-up-to``) or
  the trivial lower bound 0;
- the time per call, and the growth of the mean time per call from 300 to 3,000 people.

Needs no database. The figures in BENCHMARKS.md come from this command.
"""

from __future__ import annotations

import random
import time
from fractions import Fraction

from django.core.management.base import BaseCommand

from groepen.grouping import (
    Persoon,
    add_late_arrival,
    exact_prep_group,
    exact_table_groups,
    pairs_of,
    propose_prep_group,
    repeated_pairs,
    table_groups,
)
from trajecten.balance import TAGS

TARGETS = {"formeel": 50, "informeel": 30, "ervaringsdeskundige": 20}
ATTENDANCE, WILLING, MANAGERS = 0.85, 0.8, 0.1
K = 4


def _traject(size: int, rng: random.Random) -> list[Persoon]:
    counts = [size * 5 // 10, size * 3 // 10]
    counts.append(size - sum(counts))
    tags = [tag for tag, n in zip(TAGS, counts, strict=True) for _ in range(n)]
    rng.shuffle(tags)
    return [
        Persoon(i + 1, tag, is_manager=tag == "formeel" and rng.random() < MANAGERS)
        for i, tag in enumerate(tags)
    ]


def _spread(tables: list[list[int]], tag_of: dict[int, str]) -> tuple[Fraction, Fraction]:
    """(ours, best possible): the largest |count − attendees of the tag / tables|."""
    count = len(tables)
    ours, best = Fraction(0), Fraction(0)
    for tag in TAGS:
        even = Fraction(sum(1 for table in tables for i in table if tag_of[i] == tag), count)
        for table in tables:
            ours = max(ours, abs(sum(1 for i in table if tag_of[i] == tag) - even))
        part = even - (even.numerator // even.denominator)
        if part:
            best = max(best, part, 1 - part)
    return ours, best


def _pigeonhole(earlier: list[list[list[int]]], present: set[int], count: int) -> int:
    """A lower bound on repeated pairs: the people of one earlier table, spread as evenly as
    possible over ``count`` tables, still share some tables; summed per earlier meeting
    (its tables have no pair in common), the best meeting counts."""
    best = 0
    for meeting in earlier:
        total = 0
        for table in meeting:
            q = len(present.intersection(table))
            small, big = divmod(q, count)
            total += big * (small + 1) * small // 2 + (count - big) * small * (small - 1) // 2
        best = max(best, total)
    return best


def _best_prep(pool: list[Persoon]) -> tuple[Fraction, int]:
    """Best possible (balance distance, members who served): every composition the pool
    allows, filled per tag with the people who served least."""
    weight = sum(TARGETS.values())
    by_tag = {tag: sorted(p.times_served for p in pool if p.tag == tag) for tag in TAGS}
    best = None
    for a in range(K + 1):
        for b in range(K + 1 - a):
            comp = (a, b, K - a - b)
            if any(n > len(by_tag[tag]) for tag, n in zip(TAGS, comp, strict=True)):
                continue
            distance = (
                sum(
                    abs(Fraction(n, K) - Fraction(TARGETS[tag], weight))
                    for tag, n in zip(TAGS, comp, strict=True)
                )
                / 2
            )
            served = sum(s > 0 for tag, n in zip(TAGS, comp, strict=True) for s in by_tag[tag][:n])
            if best is None or (distance, served) < best:
                best = (distance, served)
    return best


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


class Command(BaseCommand):
    help = "Benchmark table groups and prep-group proposals against optimum or bound."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--sizes", type=int, nargs="+", default=[30, 60, 300, 3000])
        parser.add_argument("--meetings", type=int, default=4)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--exact-up-to",
            type=int,
            default=60,
            help="Largest traject for which the exact optimum is computed (%(default)s).",
        )
        parser.add_argument(
            "--prep-rounds",
            type=int,
            default=20,
            help="Rounds of the extra prep-group run on the exact sizes (%(default)s).",
        )
        parser.add_argument(
            "--node-limit",
            type=int,
            default=3_000_000,
            help="Node limit of the exact table search (%(default)s).",
        )

    def handle(self, *args, sizes, meetings, seed, exact_up_to, prep_rounds, node_limit, **opts):
        means = {}
        for size in sizes:
            means[size] = self.run_size(size, meetings, seed, exact_up_to, node_limit)
        small = [size for size in sizes if size <= exact_up_to]
        if prep_rounds and small:
            self.stdout.write(
                f"\n### Prep groups over {prep_rounds} rounds (everyone serves several times)\n"
            )
            self.stdout.write(
                "| people | willing | rounds equal to the exhaustive optimum | turns per person"
                " after | repeated pairs ours / optimum (sum) | time ours mean / max |"
                " time exhaustive mean |"
            )
            self.stdout.write("|" + "---|" * 7)
            for size in small:
                self.run_prep_rounds(size, prep_rounds, seed)
        if 300 in means and 3000 in means:
            self.stdout.write("\nGrowth of the mean time per call from 300 to 3,000 people:")
            for i, what in enumerate(("table groups", "late arrival", "prep group")):
                factor = means[3000][i] / means[300][i]
                self.stdout.write(f"- {what}: ×{factor:.1f} (people ×10)")

    def run_size(self, size, meetings, seed, exact_up_to, node_limit):
        rng = random.Random(seed * 100_003 + size)
        people = _traject(size, rng)
        willing = {p.id for p in people if rng.random() < WILLING}
        tag_of = {p.id: p.tag for p in people}
        served = dict.fromkeys(tag_of, 0)
        sat_together: set[frozenset[int]] = set()
        prep_pairs: set[frozenset[int]] = set()
        earlier: list[list[list[int]]] = []
        exact = size <= exact_up_to
        self.stdout.write(
            f"\n### {size:,} people ({', '.join(f'{tag} {n}' for tag, n in _tag_counts(people))};"
            f" managers {sum(p.is_manager for p in people)}; willing {len(willing)})\n"
        )
        self.stdout.write(
            "| meeting | attendees | tables | tag spread ours / best | repeated pairs ours / "
            + ("optimum" if exact else "lower bound")
            + " | tables time | late arrival within one | prep balance (TVD) ours / best"
            " | prep served ours / best | prep pairs ours / "
            + ("optimum" if exact else "lower bound")
            + " | prep time |"
        )
        self.stdout.write("|" + "---|" * 11)
        times = ([], [], [])
        for meeting in range(1, meetings + 1):
            present = [p for p in people if rng.random() < ATTENDANCE]
            here = {p.id for p in present}
            absent = [p for p in people if p.id not in here]
            late = rng.choice(absent) if absent else None

            start = time.perf_counter()
            tables = table_groups(present, sat_together, seed=meeting)
            times[0].append(time.perf_counter() - start)
            ours = repeated_pairs(tables, sat_together)
            spread, best_spread = _spread(tables, tag_of)
            reference = self.table_reference(
                present, sat_together, ours, earlier, len(tables), exact, node_limit
            )

            late_ok = "–"
            if late is not None:
                person_of = {p.id: p for p in people}
                seated = [[person_of[i] for i in table] for table in tables]
                start = time.perf_counter()
                j = add_late_arrival(seated, late, TARGETS, sat_together)
                times[1].append(time.perf_counter() - start)
                if j is None:  # every table is full: a new one opens
                    tables.append([])
                    j = len(tables) - 1
                tables[j].append(late.id)
                late_ok = "yes" if _spread(tables, tag_of)[0] < 1 else "no"

            pool = [Persoon(p.id, p.tag, p.is_manager, served[p.id]) for p in people]
            pool = [p for p in pool if p.id in willing]
            start = time.perf_counter()
            voorstel = propose_prep_group(
                pool, K, TARGETS, prep_pairs, seed=meeting, include_manager=True
            )
            times[2].append(time.perf_counter() - start)
            best_balance, best_served = _best_prep(pool)
            if exact:
                optimum, _ = exact_prep_group(pool, K, TARGETS, prep_pairs, include_manager=True)
                assert (optimum.afwijking, optimum.al_gediend) == (best_balance, best_served)
                prep_reference = str(optimum.herhaalde_paren)
            else:
                prep_reference = "0"
            if not voorstel.exact:
                prep_reference += " (search cut short)"

            self.stdout.write(
                f"| {meeting} | {len(present)} | {len(tables)} | {float(spread):.2f} / "
                f"{float(best_spread):.2f} | {ours} / {reference} | {_ms(times[0][-1])} | "
                f"{late_ok} | {float(voorstel.score.afwijking):.3f} / {float(best_balance):.3f} | "
                f"{voorstel.score.al_gediend} / {best_served} | "
                f"{voorstel.score.herhaalde_paren} / {prep_reference} | {_ms(times[2][-1])} |"
            )
            sat_together |= pairs_of(tables)
            earlier.append(tables)
            for lid in voorstel.leden:
                served[lid.persoon.id] += 1
            prep_pairs |= pairs_of([voorstel.ids])
        means = tuple(sum(t) / len(t) if t else float("nan") for t in times)
        self.stdout.write(
            f"\nMean per call: table groups {_ms(means[0])}, late arrival {_ms(means[1])},"
            f" prep group {_ms(means[2])}."
        )
        return means

    def run_prep_rounds(self, size, rounds, seed):
        rng = random.Random(seed * 100_003 + size)
        people = _traject(size, rng)
        willing = {p.id for p in people if rng.random() < WILLING}
        served = {p.id: 0 for p in people if p.id in willing}
        prep_pairs: set[frozenset[int]] = set()
        equal, ours_pairs, best_pairs, ours_times, exact_times = 0, 0, 0, [], []
        for round_ in range(1, rounds + 1):
            pool = [
                Persoon(p.id, p.tag, p.is_manager, served[p.id]) for p in people if p.id in served
            ]
            start = time.perf_counter()
            voorstel = propose_prep_group(
                pool, K, TARGETS, prep_pairs, seed=round_, include_manager=True
            )
            ours_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            optimum, _ = exact_prep_group(pool, K, TARGETS, prep_pairs, include_manager=True)
            exact_times.append(time.perf_counter() - start)
            equal += voorstel.score == optimum
            ours_pairs += voorstel.score.herhaalde_paren
            best_pairs += optimum.herhaalde_paren
            for i in voorstel.ids:
                served[i] += 1
            prep_pairs |= pairs_of([voorstel.ids])
        self.stdout.write(
            f"| {size} | {len(served)} | {equal} / {rounds} | {min(served.values())}–"
            f"{max(served.values())} | {ours_pairs} / {best_pairs} | "
            f"{_ms(sum(ours_times) / rounds)} / {_ms(max(ours_times))} | "
            f"{_ms(sum(exact_times) / rounds)} |"
        )

    def table_reference(self, present, sat_together, ours, earlier, count, exact, node_limit):
        bound = _pigeonhole(earlier, {p.id for p in present}, count)
        if ours == bound:
            return f"{bound} (bound met)"
        if not exact:
            return str(bound)
        start = time.perf_counter()
        cost, split, proven = exact_table_groups(
            present, sat_together, upper=ours, node_limit=node_limit
        )
        took = time.perf_counter() - start
        if split is None and proven:
            return f"{ours} (proven, {took:.1f} s)"
        if proven:
            return f"{cost} (proven, {took:.1f} s)"
        return f"≥ {bound}, ≤ {min(cost, ours)} (search cut short after {took:.0f} s)"


def _tag_counts(people):
    return [(tag, sum(p.tag == tag for p in people)) for tag in TAGS]
