"""Composing prep groups and a meeting's table groups. Pure: no Django imports.

People are ``Persoon`` values (id, tag, manager or not, earlier prep duties). History is a
set of ``frozenset({a, b})`` pairs: who already prepared a meeting together (``prep_pairs``)
and who already sat at one table (``sat_together``). Everything is deterministic for a given
input and seed; the order in which people are passed in does not matter.

Prep group (``propose_prep_group``): choose ``k`` people, best by the ``Score`` below,
compared field by field (lexicographically):

a. balance: the total variation distance between the group's tag shares and the target
   shares (1 − the balance index of ``trajecten.balance``);
b. turns: the number of members who already served in a prep group, then their earlier
   duties added up (so someone who never served goes before someone who did, and someone
   who served once before someone who served twice);
c. the number of member pairs who already prepared a meeting together;
d. when asked for, a group with at least one manager goes before one without.

The search is exact. A group's tag counts (its *composition*, at most 28 for k ≤ 6) decide
(a), so all compositions the pool allows are scored and only the best kept. For (b) the
best choice within a tag of c people is the c who served least: everyone who served less
than the c-th person is in for sure, and the rest are drawn from those at exactly that
level. Among those candidates a branch and bound finds the fewest repeated pairs (c); its
bound is the pairs already chosen plus, for every open place, the smallest number of pairs a
remaining candidate would form with the people who are in for sure. For (d) the same search
is repeated with each candidate manager placed first, accepted only at the optimal number of
pairs. Ties go to the first group found, in an order drawn from the seed, so another seed
gives another, equally good, group when there is one (that is "ask for another proposal";
leave people out of the pool to exclude them). A node budget guards against a pathological
history; the result says whether the search finished (``Voorstel.exact``).

Table groups (``table_groups``): split the attendees into tables of ``min_size`` to
``max_size`` people (the page promises 4–6, ``TABLE_MIN``/``TABLE_MAX``). The number of
tables (``table_count``) keeps every table within that range, as close to the middle as
possible; table sizes differ by at most one (``table_plan``). When no split fits (fewer
than ``min_size`` people, or 7 people in tables of 4–6), the maximum holds (a table never
gets more chairs than promised) and the fewest tables are made, so one or more fall short of
the minimum; ``Tafelplan.as_promised`` is then False and the page says so in plain words.

Balance is measured against each table's own share: a table of s people should hold
s × a / n of a tag that a of the n attendees have (the mix in the room, which is what any
split can reach; the traject's targets only break ties for late arrivals and are shown as
each table's balance index). A table's deviation is the largest difference, over the tags,
between its count and that share; the *worst table* is the largest over the tables. Balance
is a hard constraint: ``_share_bounds`` finds exactly the smallest worst table any split can
reach, and every table then keeps each tag's count within that distance of its share
(which is always the floor or the ceiling of the share). So a smaller table cannot hold
more than its share because a larger one holds less. Within it, repeated pairs (people who
sat together at earlier meetings) are minimised: a greedy fill seats the people with most
history first, each at a table where they know fewest, then simulated annealing swaps a
person who has a repeated pair with a random person at another table (same-tag swaps, and
cross-tag swaps or moves that keep every table within its bounds), accepting a worse split
with a chance that falls as it cools, until no pair repeats or the step budget runs out
(4,000 steps a person, at most 150,000). Up to ``EXACT_TABLES_MAX`` attendees a branch and
bound then proves the optimum. This is the "social golfer" problem (CSPLib prob010) with
balance constraints.

Late arrivals (``add_late_arrival``) never push a table over ``max_size`` and never go to a
locked table: they go to the open table with room where their tag stays least above that
table's own share. When every open table is full, the caller opens a new table for them
(and says that it starts below the minimum) rather than seating a seventh person at a table
of six: a late arrival should not wait for a seat, and the coordinator can move people.

``exact_prep_group`` (enumerates every group) and ``exact_table_groups`` (branch and bound
over all splits with the best worst table) are the references for tests and the benchmark.
"""

from __future__ import annotations

import math
import random
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import accumulate, combinations

from trajecten.balance import TAGS, Balans, balance, balance_index, count_tags

Pairs = Collection[frozenset[int]]

K_MIN, K_MAX, K_DEFAULT = 3, 6, 4
PREP_NODE_BUDGET = 2_000_000
TABLE_MIN, TABLE_MAX = 4, 6  # the table sizes the table page promises
EXACT_TABLES_MAX = 12  # attendees up to which table groups are proven optimal
EXACT_TABLES_NODES = 200_000
ANNEAL_STEPS_PER_PERSON, ANNEAL_STEPS_MAX = 4_000, 150_000
ANNEAL_START, ANNEAL_END = 1.0, 0.05  # temperatures, in repeated pairs
_EMPTY: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Persoon:
    """One person who can be placed in a group: a participant of the traject."""

    id: int
    tag: str
    is_manager: bool = False
    times_served: int = 0  # earlier prep groups of this traject


# --- shared helpers -------------------------------------------------------------------


def _people(people: Iterable[Persoon]) -> list[Persoon]:
    result = sorted(people, key=lambda p: p.id)
    for a, b in zip(result, result[1:], strict=False):
        if a.id == b.id:
            raise ValueError(f"person {a.id} appears twice")
    for p in result:
        if p.tag not in TAGS:
            raise ValueError(f"unknown tag {p.tag!r} for person {p.id}")
    return result


def _adjacency(ids: Iterable[int], pairs: Pairs) -> dict[int, set[int]]:
    present = set(ids)
    adj: dict[int, set[int]] = {}
    for pair in pairs:
        if len(pair) != 2:
            continue
        a, b = pair
        if a in present and b in present:
            adj.setdefault(a, set()).add(b)
            adj.setdefault(b, set()).add(a)
    return adj


def pairs_of(groups: Iterable[Iterable[int]]) -> set[frozenset[int]]:
    """Every pair of people who share a group: add this to the history after a meeting."""
    return {frozenset(pair) for group in groups for pair in combinations(sorted(group), 2)}


def repeated_pairs(groups: Iterable[Iterable[int]], history: Pairs) -> int:
    """How many pairs within the groups are already in ``history``."""
    return sum(1 for pair in pairs_of(groups) if pair in history)


def _shares(targets: Mapping[str, float]) -> dict[str, Fraction] | None:
    weights = {tag: Fraction(targets.get(tag, 0)) for tag in TAGS}
    total = sum(weights.values())
    if total <= 0:
        return None
    return {tag: w / total for tag, w in weights.items()}


def _deviation(counts: Sequence[int], shares: Mapping[str, Fraction] | None) -> Fraction:
    """Total variation distance between the tag shares of ``counts`` and the targets."""
    total = sum(counts)
    if shares is None or total == 0:
        return Fraction(0)
    return (
        sum(
            (abs(Fraction(c, total) - shares[tag]) for tag, c in zip(TAGS, counts, strict=True)),
            Fraction(0),
        )
        / 2
    )


# --- prep group -----------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Score:
    """How good a prep group is: smaller is better, compared field by field."""

    afwijking: Fraction  # total variation distance to the target shares: 1 − balance index
    al_gediend: int  # members who already served in a prep group of this traject
    beurten: int  # their earlier prep duties added up
    herhaalde_paren: int  # member pairs who already prepared a meeting together
    zonder_leidinggevende: int  # 1 when a manager was asked for and none is in, else 0


def score_group(
    members: Sequence[Persoon],
    targets: Mapping[str, float],
    prep_pairs: Pairs = _EMPTY,
    include_manager: bool = False,
) -> Score:
    counts = count_tags(p.tag for p in members)
    ids = sorted(p.id for p in members)
    return Score(
        afwijking=_deviation([counts[t] for t in TAGS], _shares(targets)),
        al_gediend=sum(1 for p in members if p.times_served > 0),
        beurten=sum(p.times_served for p in members),
        herhaalde_paren=sum(1 for pair in combinations(ids, 2) if frozenset(pair) in prep_pairs),
        zonder_leidinggevende=int(include_manager and not any(p.is_manager for p in members)),
    )


REDEN_CODES = ("leidinggevende", "tag_nodig", "nog_geen_beurt", "minst_beurten", "weinig_herhaling")

_REDEN_TEKST = {
    "leidinggevende": "Leidinggevende ({tag}): zo komt wat we leren terecht in de organisatie.",
    "tag_nodig": "Nodig voor de balans: er is verder niemand beschikbaar ({tag}).",
    "nog_geen_beurt": "Was nog niet in een voorbereidingsgroep ({tag}).",
    "minst_beurten": "Was {beurten} keer in een voorbereidingsgroep, minder vaak dan de anderen "
    "({tag}).",
    "weinig_herhaling": "Was even vaak aan de beurt als anderen; bereidde met {herhaalde_paren} "
    "van deze groep al eens iets voor ({tag}).",
}


@dataclass(frozen=True)
class Reden:
    """Why one person is in the proposed group: a code with its figures, for the caller to
    turn into a sentence in the reader's language (``omschrijving()`` gives the Dutch one)."""

    code: str  # one of REDEN_CODES
    tag: str
    beurten: int = 0  # earlier prep duties of this person
    herhaalde_paren: int = 0  # members of this group they already prepared with

    def omschrijving(self) -> str:
        return _REDEN_TEKST[self.code].format(
            tag=self.tag, beurten=self.beurten, herhaalde_paren=self.herhaalde_paren
        )


@dataclass(frozen=True)
class Lid:
    persoon: Persoon
    reden: Reden


@dataclass(frozen=True)
class Voorstel:
    """A proposed prep group with a reason per member."""

    leden: tuple[Lid, ...]
    score: Score
    balans: Balans
    exact: bool  # False only when the node budget ran out before the search finished
    seed: int

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(lid.persoon.id for lid in self.leden)


def _compositions(k: int, available: Sequence[int]) -> list[tuple[int, int, int]]:
    return [
        (a, b, k - a - b)
        for a in range(min(k, available[0]) + 1)
        for b in range(min(k - a, available[1]) + 1)
        if k - a - b <= available[2]
    ]


class _Budget:
    def __init__(self, nodes: int):
        self.left = nodes
        self.exhausted = False

    def spend(self) -> bool:
        self.left -= 1
        if self.left < 0:
            self.exhausted = True
        return not self.exhausted


def _min_pairs(
    fixed: Sequence[int],
    choices: Sequence[tuple[Sequence[int], int]],
    adj: Mapping[int, set[int]],
    limit: float,
    budget: _Budget,
) -> tuple[int, list[int]] | None:
    """Pick ``r`` people from each candidate list so that, with ``fixed``, the group has as
    few repeated pairs as possible; only groups with fewer than ``limit`` count. Depth first
    in the order (pairs with ``fixed``, position in the list), so with equal pairs the
    earliest candidates win. Returns (pairs, picked) or None."""
    fixed_set = set(fixed)
    base = sum(1 for a, b in combinations(fixed, 2) if b in adj.get(a, _EMPTY))
    lists = []
    for candidates, r in choices:
        if r == 0:
            continue
        ordered = sorted(
            (len(adj.get(v, _EMPTY) & fixed_set), i, v) for i, v in enumerate(candidates)
        )
        costs = [w for w, _, _ in ordered]
        lists.append(([v for _, _, v in ordered], costs, list(accumulate(costs, initial=0)), r))
    if not lists:
        return (base, []) if base < limit else None
    later = [0] * (len(lists) + 1)
    for i in range(len(lists) - 1, -1, -1):
        later[i] = later[i + 1] + lists[i][2][lists[i][3]]
    root_bound = base + later[0]
    if root_bound >= limit:
        return None
    # The first group in search order: kept when the budget runs out before anything else.
    first = [v for vs, _, _, r in lists for v in vs[:r]]
    cost = base + sum(len(adj.get(v, _EMPTY) & fixed_set) for v in first)
    cost += sum(1 for a, b in combinations(first, 2) if b in adj.get(a, _EMPTY))
    if cost <= root_bound:
        return cost, first
    best: list = [cost, first] if cost < limit else [limit, None]
    chosen: list[int] = []

    def search(li: int, start: int, need: int, cost: int) -> bool:  # True: stop
        if need == 0:
            li += 1
            if li == len(lists):
                if cost < best[0]:
                    best[0], best[1] = cost, list(chosen)
                return best[0] <= root_bound
            start, need = 0, lists[li][3]
        vs, costs, prefix, _ = lists[li]
        for i in range(start, len(vs) - need + 1):
            if cost + prefix[i + need] - prefix[i] + later[li + 1] >= best[0]:
                break
            if not budget.spend():
                return True
            v = vs[i]
            neighbours = adj.get(v, _EMPTY)
            added = costs[i] + sum(u in neighbours for u in chosen)
            chosen.append(v)
            stop = search(li, i + 1, need - 1, cost + added)
            chosen.pop()
            if stop:
                return True
        return False

    search(0, 0, lists[0][3], base)
    return None if best[1] is None else (best[0], best[1])


def propose_prep_group(
    pool: Iterable[Persoon],
    k: int,
    targets: Mapping[str, float],
    prep_pairs: Pairs = _EMPTY,
    seed: int = 0,
    include_manager: bool = False,
    *,
    node_budget: int = PREP_NODE_BUDGET,
) -> Voorstel:
    """The best prep group of ``k`` from ``pool`` (the willing, placed people), see the
    module docstring. Raises ValueError when the pool has fewer than ``k`` people."""
    people = _people(pool)
    if not 1 <= k <= len(people):
        raise ValueError(f"cannot choose {k} from a pool of {len(people)}")
    rng = random.Random(seed)
    drawn = list(people)
    rng.shuffle(drawn)
    rank = {p.id: i for i, p in enumerate(drawn)}
    by_tag = {
        tag: sorted((p for p in people if p.tag == tag), key=lambda p: (p.times_served, rank[p.id]))
        for tag in TAGS
    }
    shares = _shares(targets)
    comps = _compositions(k, [len(by_tag[t]) for t in TAGS])
    dev = {c: _deviation(c, shares) for c in comps}
    comps = [c for c in comps if dev[c] == min(dev.values())]

    def turns(c):
        firsts = [p for tag, n in zip(TAGS, c, strict=True) for p in by_tag[tag][:n]]
        return sum(p.times_served > 0 for p in firsts), sum(p.times_served for p in firsts)

    best_turns = min(turns(c) for c in comps)
    comps = [c for c in comps if turns(c) == best_turns]
    rng.shuffle(comps)

    # Per composition: who is in for sure, and from whom the rest is drawn.
    setups = []
    for c in comps:
        fixed, choices = [], []
        for tag, n in zip(TAGS, c, strict=True):
            if n == 0:
                continue
            level = by_tag[tag][n - 1].times_served
            sure = [p.id for p in by_tag[tag] if p.times_served < level]
            candidates = [p.id for p in by_tag[tag] if p.times_served == level]
            fixed += sure
            choices.append((candidates, n - len(sure)))
        setups.append((c, fixed, choices))

    adj = _adjacency((p.id for p in people), prep_pairs)
    budget = _Budget(node_budget)
    found = None  # (pairs, composition, ids)
    for c, fixed, choices in setups:
        result = _min_pairs(fixed, choices, adj, found[0] if found else math.inf, budget)
        if result is not None:
            found = (result[0], c, fixed + result[1])
    assert found is not None  # every composition has at least one group
    person = {p.id: p for p in people}
    manager_id = None
    if include_manager and not any(person[i].is_manager for i in found[2]):
        manager_id, found = _with_manager(setups, person, rank, adj, found, budget)
    elif include_manager:
        manager_id = min((i for i in found[2] if person[i].is_manager), key=rank.__getitem__)

    members = sorted((person[i] for i in found[2]), key=lambda p: (TAGS.index(p.tag), p.id))
    comp = dict(zip(TAGS, found[1], strict=True))
    member_ids = {p.id for p in members}
    leden = []
    for p in members:
        repeats = sum(1 for q in member_ids if q != p.id and q in adj.get(p.id, _EMPTY))
        if p.id == manager_id:
            code = "leidinggevende"
        elif comp[p.tag] == len(by_tag[p.tag]):
            code = "tag_nodig"
        elif p.times_served == 0:
            code = "nog_geen_beurt"
        elif any(
            q.times_served == p.times_served and q.id not in member_ids for q in by_tag[p.tag]
        ):
            code = "weinig_herhaling"  # chosen among people with as many turns
        else:
            code = "minst_beurten"  # everyone of this tag left out served more often
        leden.append(Lid(p, Reden(code, p.tag, p.times_served, repeats)))
    return Voorstel(
        leden=tuple(leden),
        score=score_group(members, targets, prep_pairs, include_manager),
        balans=balance(count_tags(p.tag for p in members), targets),
        exact=not budget.exhausted,
        seed=seed,
    )


def _with_manager(setups, person, rank, adj, found, budget):
    """A group with a manager and as few repeated pairs as ``found``, if there is one."""
    for c, fixed, choices in setups:
        if any(person[i].is_manager for i in fixed):
            result = _min_pairs(fixed, choices, adj, found[0] + 1, budget)
            if result is not None:
                manager = min((i for i in fixed if person[i].is_manager), key=rank.__getitem__)
                return manager, (result[0], c, fixed + result[1])
            continue
        managers = sorted(
            (m for candidates, r in choices if r for m in candidates if person[m].is_manager),
            key=rank.__getitem__,
        )
        for m in managers:
            narrowed = [
                ([v for v in candidates if v != m], r - (m in candidates))
                for candidates, r in choices
            ]
            result = _min_pairs([*fixed, m], narrowed, adj, found[0] + 1, budget)
            if result is not None:
                return m, (result[0], c, [*fixed, m, *result[1]])
    return None, found


def exact_prep_group(
    pool: Iterable[Persoon],
    k: int,
    targets: Mapping[str, float],
    prep_pairs: Pairs = _EMPTY,
    include_manager: bool = False,
) -> tuple[Score, tuple[int, ...]]:
    """Reference: score every group of ``k`` and return the best score and one best group."""
    people = _people(pool)
    shares = _shares(targets)
    deviations: dict[tuple[int, ...], Fraction] = {}
    best = None
    for group in combinations(people, k):
        counts = count_tags(p.tag for p in group)
        key = tuple(counts[t] for t in TAGS)
        if key not in deviations:
            deviations[key] = _deviation(key, shares)
        score = Score(
            deviations[key],
            sum(p.times_served > 0 for p in group),
            sum(p.times_served for p in group),
            sum(1 for a, b in combinations(group, 2) if frozenset((a.id, b.id)) in prep_pairs),
            int(include_manager and not any(p.is_manager for p in group)),
        )
        if best is None or score < best[0]:
            best = (score, tuple(p.id for p in group))
    if best is None:
        raise ValueError(f"cannot choose {k} from a pool of {len(people)}")
    return best


@dataclass(frozen=True)
class Wissel:
    """The effect of swapping one member of a proposed group for someone else."""

    voor: Balans
    na: Balans
    score_voor: Score
    score_na: Score

    @property
    def balans_verschil(self) -> float | None:
        """Change of the balance index (positive: better balanced after the swap)."""
        if self.voor.index is None or self.na.index is None:
            return None
        return round(self.na.index - self.voor.index, 6)


def swap_effect(
    members: Sequence[Persoon],
    remove_id: int,
    add: Persoon,
    targets: Mapping[str, float],
    prep_pairs: Pairs = _EMPTY,
    include_manager: bool = False,
) -> Wissel:
    """Balance and score of the group before and after replacing ``remove_id`` by ``add``."""
    ids = {p.id for p in members}
    if remove_id not in ids:
        raise ValueError(f"person {remove_id} is not in the group")
    if add.id in ids:
        raise ValueError(f"person {add.id} is already in the group")
    after = [p for p in members if p.id != remove_id] + [add]
    return Wissel(
        voor=balance(count_tags(p.tag for p in members), targets),
        na=balance(count_tags(p.tag for p in after), targets),
        score_voor=score_group(members, targets, prep_pairs, include_manager),
        score_na=score_group(after, targets, prep_pairs, include_manager),
    )


def rank_swaps(
    members: Sequence[Persoon],
    remove_id: int,
    pool: Iterable[Persoon],
    targets: Mapping[str, float],
    prep_pairs: Pairs = _EMPTY,
    include_manager: bool = False,
) -> list[tuple[Persoon, Score]]:
    """Everyone in the pool outside the group who could replace ``remove_id``, best first."""
    ids = {p.id for p in members}
    if remove_id not in ids:
        raise ValueError(f"person {remove_id} is not in the group")
    rest = [p for p in members if p.id != remove_id]
    options = [
        (p, score_group([*rest, p], targets, prep_pairs, include_manager))
        for p in _people(pool)
        if p.id not in ids
    ]
    return sorted(options, key=lambda option: (option[1], option[0].id))


# --- table groups ---------------------------------------------------------------------


def table_count(n: int, min_size: int = TABLE_MIN, max_size: int = TABLE_MAX) -> int:
    """Number of tables for ``n`` people: sizes within [min_size, max_size] and as close to
    the middle as possible. When no split fits (7 people in tables of 4–6) the tables stay
    within ``max_size`` and fall short of ``min_size`` (see ``table_plan``)."""
    if not 1 <= min_size <= max_size:
        raise ValueError("need 1 <= min_size <= max_size")
    if n <= max_size:
        return 1 if n else 0
    fewest, most = -(-n // max_size), n // min_size
    if fewest > most:
        return fewest
    return min(max(round(2 * n / (min_size + max_size)), fewest), most)


@dataclass(frozen=True)
class Tafelplan:
    """The table sizes for ``n`` people (larger tables first) and the promised range."""

    sizes: tuple[int, ...]
    min_size: int
    max_size: int

    @property
    def as_promised(self) -> bool:
        """Whether every table is within [min_size, max_size]."""
        return all(self.min_size <= s <= self.max_size for s in self.sizes)


def table_plan(n: int, min_size: int = TABLE_MIN, max_size: int = TABLE_MAX) -> Tafelplan:
    """The sizes of the tables ``table_groups`` makes for ``n`` people: ``table_count``
    tables whose sizes differ by at most one."""
    count = table_count(n, min_size, max_size)
    if count == 0:
        return Tafelplan((), min_size, max_size)
    small, big = divmod(n, count)
    sizes = (small + 1,) * big + (small,) * (count - big)
    return Tafelplan(sizes, min_size, max_size)


def _share_bounds(
    per_tag: Sequence[int], sizes: Sequence[int]
) -> tuple[Fraction, dict[int, list[tuple[int, int]]], dict[int, list[int]]]:
    """The balance of a split into tables of ``sizes`` (big tables first), measured against
    each table's own share: a table of s people should hold s × a / n of a tag with a of the
    n people. Returns the smallest worst deviation any split can reach (``D``), per table
    size the (lowest, highest) count of each tag within ``D`` of the share, and per table
    size the tag counts of the tables of that size added up, for a split that reaches
    ``D``. Exact: every candidate ``D`` (the distance from a share to a whole number next to
    it) is tried from small to large; with at most two table sizes, a candidate is
    reachable when the counts per size can be chosen within the bounds (an interval
    per tag), and then the counts of one size can be dealt over its tables (each table gets
    the lowest count plus at most one more of a tag)."""
    n = sum(per_tag)
    classes = sorted(set(sizes), reverse=True)
    tables_of = {s: sizes.count(s) for s in classes}
    shares = {s: [Fraction(s * a, n) for a in per_tag] for s in classes}
    candidates = {Fraction(0)}
    for s in classes:
        for e in shares[s]:
            candidates |= {e - math.floor(e), math.ceil(e) - e}
    for d in sorted(candidates):
        bounds = {s: [(math.ceil(e - d), math.floor(e + d)) for e in shares[s]] for s in classes}
        if any(lo > hi for s in classes for lo, hi in bounds[s]):
            continue
        totals = _class_totals(per_tag, bounds, tables_of)
        if totals is not None:
            return d, bounds, totals
    raise AssertionError("a rounding of the shares always exists")  # pragma: no cover


def _class_totals(per_tag, bounds, tables_of) -> dict[int, list[int]] | None:
    """Counts per tag for each table size (one or two sizes) within the bounds, with the
    right totals per tag and per size; None when there are none."""
    classes = list(bounds)
    first = classes[0]
    m1 = tables_of[first]
    if len(classes) == 1:
        pairs = zip(per_tag, bounds[first], strict=True)
        ok = all(m1 * lo <= a <= m1 * hi for a, (lo, hi) in pairs)
        return {first: list(per_tag)} if ok else None
    second = classes[1]
    m2 = tables_of[second]
    ranges = []
    for a, (lo1, hi1), (lo2, hi2) in zip(per_tag, bounds[first], bounds[second], strict=True):
        low, high = max(m1 * lo1, a - m2 * hi2), min(m1 * hi1, a - m2 * lo2)
        if low > high:
            return None
        ranges.append([low, high])
    need = m1 * first - sum(low for low, _ in ranges)
    if need < 0 or need > sum(high - low for low, high in ranges):
        return None
    counts = []
    for low, high in ranges:
        extra = min(need, high - low)
        counts.append(low + extra)
        need -= extra
    return {first: counts, second: [a - c for a, c in zip(per_tag, counts, strict=True)]}


def worst_table(tables: Iterable[Iterable[Persoon]]) -> Fraction:
    """How far the worst table is from its own share: the largest difference, over tables
    and tags, between a table's count of a tag and its share (the table's size × that tag's
    share among everyone at the tables). 0 when every table holds exactly its share."""
    tables = [list(t) for t in tables]
    everyone = [p for t in tables for p in t]
    n = len(everyone)
    if n == 0:
        return Fraction(0)
    total = count_tags(p.tag for p in everyone)
    worst = Fraction(0)
    for table in tables:
        counts = count_tags(p.tag for p in table)
        for tag in TAGS:
            worst = max(worst, abs(counts[tag] - Fraction(len(table) * total[tag], n)))
    return worst


class _Tables:
    """A split of people 0..n-1 over tables, kept within the balance bounds of each table's
    size (see ``_share_bounds``), with repeated-pair counters."""

    def __init__(self, tags: Sequence[int], neighbours: Sequence[Sequence[int]], count: int):
        self.n, self.count = len(tags), count
        self.tags, self.neighbours = tags, neighbours
        self.neighbour_sets = [set(ns) for ns in neighbours]
        self.per_tag = [tags.count(t) for t in range(len(TAGS))]
        self.size_low, big = divmod(self.n, count)
        self.size_high = self.size_low + (1 if big else 0)
        self.sizes = [self.size_high] * big + [self.size_low] * (count - big)
        self.worst, self.bounds, self.totals = _share_bounds(self.per_tag, self.sizes)
        self.table = [-1] * self.n
        self.members: list[list[int]] = [[] for _ in range(count)]
        self.tag_count = [[0] * len(TAGS) for _ in range(count)]
        self.known = [{} for _ in range(self.n)]  # table -> neighbours there
        self.cost = 0

    def conflicts(self, x: int) -> int:
        return self.known[x].get(self.table[x], 0)

    def place(self, x: int, j: int) -> None:
        self.table[x] = j
        self.members[j].append(x)
        self.tag_count[j][self.tags[x]] += 1
        self.cost += self.known[x].get(j, 0)
        for z in self.neighbours[x]:
            self.known[z][j] = self.known[z].get(j, 0) + 1

    def remove(self, x: int) -> None:
        j = self.table[x]
        self.cost -= self.known[x].get(j, 0)
        for z in self.neighbours[x]:
            self.known[z][j] -= 1
        self.members[j].remove(x)
        self.tag_count[j][self.tags[x]] -= 1
        self.table[x] = -1

    def _within(self, size: int, t: int, count: int) -> bool:
        lo, hi = self.bounds[size][t]
        return lo <= count <= hi

    def swap_allowed(self, x: int, y: int) -> bool:
        t, u = self.tags[x], self.tags[y]
        if t == u:
            return True
        ja, jb = self.table[x], self.table[y]
        a, b = self.tag_count[ja], self.tag_count[jb]
        sa, sb = len(self.members[ja]), len(self.members[jb])
        return (
            self._within(sa, t, a[t] - 1)
            and self._within(sa, u, a[u] + 1)
            and self._within(sb, u, b[u] - 1)
            and self._within(sb, t, b[t] + 1)
        )

    def swap_delta(self, x: int, y: int) -> int:
        a, b = self.table[x], self.table[y]
        kx, ky = self.known[x], self.known[y]
        both = 2 if y in self.neighbour_sets[x] else 0
        return kx.get(b, 0) + ky.get(a, 0) - both - kx.get(a, 0) - ky.get(b, 0)

    def move_allowed(self, x: int, j: int) -> bool:
        """A move from a larger table to a smaller one: the two swap sizes, so both must
        fit the bounds of their new size."""
        a, t = self.table[x], self.tags[x]
        if len(self.members[a]) != self.size_high or len(self.members[j]) != self.size_low:
            return False
        if self.size_high == self.size_low:
            return False
        after_a, after_j = list(self.tag_count[a]), list(self.tag_count[j])
        after_a[t] -= 1
        after_j[t] += 1
        return all(
            self._within(self.size_low, u, after_a[u])
            and self._within(self.size_high, u, after_j[u])
            for u in range(len(TAGS))
        )

    def groups(self) -> list[list[int]]:
        return [list(m) for m in self.members]


def _quotas(state: _Tables) -> list[list[int]]:
    """Places per table and tag within the bounds: per table size, every table gets the
    lowest count of each tag, and the rest of that size's count is dealt round-robin over
    its tables, tag by tag (so a table gets at most one more of a tag)."""
    quota = [[0] * len(TAGS) for _ in range(state.count)]
    for size, counts in state.totals.items():
        tables = [j for j in range(state.count) if state.sizes[j] == size]
        position = 0
        for t, total in enumerate(counts):
            lo = state.bounds[size][t][0]
            for j in tables:
                quota[j][t] = lo
            for _ in range(total - lo * len(tables)):
                quota[tables[position % len(tables)]][t] += 1
                position += 1
    return quota


def _greedy(state: _Tables, order: Sequence[int], table_order: Sequence[int]) -> None:
    """Seat people in ``order``, each at the first table (in ``table_order``) with a free
    place for their tag where they know fewest people."""
    quota = _quotas(state)
    open_for = [[j for j in table_order if quota[j][t] > 0] for t in range(len(TAGS))]
    for x in order:
        t, known = state.tags[x], state.known[x]
        tables = open_for[t]
        # Someone knows at most len(known) tables, so a table without acquaintances is near.
        j = next((j for j in tables if j not in known or known[j] == 0), None)
        if j is None:
            j = min(tables, key=lambda j: known.get(j, 0))
        quota[j][t] -= 1
        if quota[j][t] == 0:
            tables.remove(j)
        state.place(x, j)


class _Hot:
    """The people who sit with someone they already sat with: a set with random draws."""

    def __init__(self, state: _Tables):
        self.state, self.items, self.where = state, [], {}
        for x in range(state.n):
            self.update(x)

    def update(self, x: int) -> None:
        if self.state.conflicts(x):
            if x not in self.where:
                self.where[x] = len(self.items)
                self.items.append(x)
        elif x in self.where:
            i, last = self.where.pop(x), self.items.pop()
            if last != x:
                self.items[i], self.where[last] = last, i


def _anneal(state: _Tables, rng: random.Random, steps: int) -> None:
    """Simulated annealing: take someone with a repeated pair, try a swap with a random
    person at another table (or, now and then, a move to that table) that keeps the balance,
    accept it when it does not add repeated pairs or, with a chance that shrinks as the
    temperature falls, when it does. Ends at no repeated pairs; keeps the best split seen."""
    n = state.n
    hot = _Hot(state)
    best_cost, best_split = state.cost, list(state.table)
    temperature, cooling = ANNEAL_START, (ANNEAL_END / ANNEAL_START) ** (1 / max(1, steps))
    for _ in range(steps):
        if best_cost == 0:
            break
        temperature *= cooling
        x = hot.items[rng.randrange(len(hot.items))]
        y = rng.randrange(n)
        a, b = state.table[x], state.table[y]
        if a == b:
            continue
        move = rng.random() < 0.1 and state.move_allowed(x, b)
        if move:
            delta = state.known[x].get(b, 0) - state.known[x].get(a, 0)
        elif state.swap_allowed(x, y):
            delta = state.swap_delta(x, y)
        else:
            continue
        if delta > 0 and rng.random() >= math.exp(-delta / temperature):
            continue
        state.remove(x)
        state.place(x, b)
        touched = [x, *state.neighbours[x]]
        if not move:
            state.remove(y)
            state.place(y, a)
            touched += [y, *state.neighbours[y]]
        for z in touched:
            hot.update(z)
        if state.cost < best_cost:
            best_cost, best_split = state.cost, list(state.table)
    if state.cost > best_cost:
        for x in range(n):
            state.remove(x)
        for x in range(n):
            state.place(x, best_split[x])


def _index(people: Sequence[Persoon], pairs: Pairs):
    tags = [TAGS.index(p.tag) for p in people]
    position = {p.id: i for i, p in enumerate(people)}
    adj = _adjacency(position, pairs)
    neighbours = [sorted(position[q] for q in adj.get(p.id, ())) for p in people]
    return tags, neighbours


def _canonical(people: Sequence[Persoon], groups: Iterable[Iterable[int]]) -> list[list[int]]:
    tables = [sorted(people[x].id for x in group) for group in groups]
    return sorted((t for t in tables if t), key=lambda t: t[0])


def table_groups(
    attendees: Iterable[Persoon],
    sat_together: Pairs = _EMPTY,
    seed: int = 0,
    min_size: int = 4,
    max_size: int = 6,
    *,
    max_steps: int | None = None,
) -> list[list[int]]:
    """Split one meeting's attendees into balanced tables with as few repeated pairs as
    possible (see the module docstring). Returns the ids per table, each sorted, tables in
    order of their first id. ``max_steps`` caps the annealing (default: by size)."""
    people = _people(attendees)
    n = len(people)
    count = table_count(n, min_size, max_size)
    if count == 0:
        return []
    rng = random.Random(seed)
    tags, neighbours = _index(people, sat_together)
    state = _Tables(tags, neighbours, count)
    drawn = list(range(n))
    rng.shuffle(drawn)
    rank = {x: i for i, x in enumerate(drawn)}
    tables = list(range(count))
    rng.shuffle(tables)
    _greedy(state, sorted(range(n), key=lambda x: (-len(neighbours[x]), rank[x])), tables)
    if state.cost and count > 1:
        if max_steps is None:
            max_steps = min(ANNEAL_STEPS_MAX, ANNEAL_STEPS_PER_PERSON * n)
        _anneal(state, rng, max_steps)
        if n <= EXACT_TABLES_MAX and state.cost:
            _, split, _ = _exact_tables(tags, neighbours, count, state.cost, EXACT_TABLES_NODES)
            if split is not None:
                return _canonical(people, split)
    return _canonical(people, state.groups())


def _exact_tables(
    tags: Sequence[int],
    neighbours: Sequence[Sequence[int]],
    count: int,
    upper: float,
    node_limit: int | None,
) -> tuple[float, list[list[int]] | None, bool]:
    """Branch and bound over every split whose tables keep to the balance bounds of their
    size (the best worst table, see ``_share_bounds``); returns (best cost below ``upper``,
    the split or None, proven). The larger tables come first. Bound: the pairs so far plus,
    per unplaced person, the fewest they would add at any table still open to them. Next
    placed is the person with the highest such minimum (then the fewest open tables); of
    the empty tables of one size only the first is tried, as they are interchangeable. A
    branch ends when the people left cannot bring every table up to its lowest counts."""
    state = _Tables(tags, neighbours, count)
    n = state.n
    sizes, bounds = state.sizes, state.bounds
    unplaced = set(range(n))
    left = list(state.per_tag)  # unplaced people per tag
    best: list = [upper, None]
    nodes = [0]

    def open_tables(t: int) -> list[int]:
        result, empty_seen = [], set()
        for j in range(count):
            size = len(state.members[j])
            if size == 0:
                if sizes[j] in empty_seen:
                    continue
                empty_seen.add(sizes[j])
            if size >= sizes[j] or state.tag_count[j][t] >= bounds[sizes[j]][t][1]:
                continue
            result.append(j)
        return result

    def reachable() -> bool:
        # A table must still have room for the lowest counts it lacks: one filled up with
        # other tags can never reach them, however many people of the tag are left.
        for j in range(count):
            lacking = sum(
                max(0, bounds[sizes[j]][t][0] - state.tag_count[j][t]) for t in range(len(TAGS))
            )
            if lacking > sizes[j] - len(state.members[j]):
                return False
        for t in range(len(TAGS)):
            short = sum(
                max(0, bounds[sizes[j]][t][0] - state.tag_count[j][t]) for j in range(count)
            )
            if short > left[t]:
                return False
        return True

    def search() -> bool:  # True: stop (node limit)
        if not reachable():
            return False
        if not unplaced:
            if state.cost < best[0]:
                best[0], best[1] = state.cost, state.groups()
            return False
        nodes[0] += 1
        if node_limit is not None and nodes[0] > node_limit:
            return True
        tables_for = {t: open_tables(t) for t in range(len(TAGS))}
        bound, pick, pick_key = state.cost, None, None
        for x in unplaced:
            options = tables_for[tags[x]]
            if not options:
                return False
            known = state.known[x]
            least = min(known.get(j, 0) for j in options)
            bound += least
            key = (-least, len(options), -len(neighbours[x]), x)
            if pick_key is None or key < pick_key:
                pick, pick_key = x, key
        if bound >= best[0]:
            return False
        x = pick
        unplaced.discard(x)
        left[tags[x]] -= 1
        known = state.known[x]
        stop = False
        for j in sorted(tables_for[tags[x]], key=lambda j: (known.get(j, 0), j)):
            if bound - (-pick_key[0]) + known.get(j, 0) >= best[0]:
                break
            state.place(x, j)
            stop = search()
            state.remove(x)
            if stop:
                break
        left[tags[x]] += 1
        unplaced.add(x)
        return stop

    stopped = search()
    return best[0], best[1], not stopped


def exact_table_groups(
    attendees: Iterable[Persoon],
    sat_together: Pairs = _EMPTY,
    min_size: int = 4,
    max_size: int = 6,
    *,
    upper: float = math.inf,
    node_limit: int | None = None,
) -> tuple[float, list[list[int]] | None, bool]:
    """Reference: the fewest repeated pairs over every split into the tables of
    ``table_plan`` that reaches the best worst table (see ``_share_bounds``). Returns
    (pairs, tables, proven); with ``upper`` only splits with fewer pairs are looked for
    (tables is None if there are none); ``proven`` is False when ``node_limit`` stopped
    the search."""
    people = _people(attendees)
    count = table_count(len(people), min_size, max_size)
    if count == 0:
        return 0, [], True
    tags, neighbours = _index(people, sat_together)
    cost, split, proven = _exact_tables(tags, neighbours, count, upper, node_limit)
    return cost, None if split is None else _canonical(people, split), proven


def add_late_arrival(
    tables: Sequence[Sequence[Persoon]],
    person: Persoon,
    targets: Mapping[str, float],
    sat_together: Pairs = _EMPTY,
    max_size: int = TABLE_MAX,
    closed: Collection[int] = (),
) -> int | None:
    """The index of the table where a late arrival best keeps the balance, or None when
    every open table is full: then a new table is opened (the caller says so, as it starts
    below the minimum). Only tables below ``max_size`` and not in ``closed`` (locked) are
    open. Among them: the table where the person's tag stays least above that table's own
    share (its size × the tag's share among everyone seated, the late arrival included),
    then the best balance index against ``targets``, then the fewest people the person
    already sat with, then the smallest table."""
    if person.tag not in TAGS:
        raise ValueError(f"unknown tag {person.tag!r}")
    if any(p.id == person.id for table in tables for p in table):
        raise ValueError(f"person {person.id} already has a table")
    counts = [count_tags(p.tag for p in table) for table in tables]
    n = sum(len(table) for table in tables) + 1
    share = Fraction(sum(c[person.tag] for c in counts) + 1, n)
    open_tables = [j for j in range(len(tables)) if len(tables[j]) < max_size and j not in closed]
    if not open_tables:
        return None

    def key(j: int):
        after = dict(counts[j])
        after[person.tag] += 1
        index = balance_index(after, targets) or 0.0
        known = sum(1 for p in tables[j] if frozenset((p.id, person.id)) in sat_together)
        above_share = after[person.tag] - (len(tables[j]) + 1) * share
        return (above_share, -index, known, len(tables[j]), j)

    return min(open_tables, key=key)
