"""Composing prep groups and a meeting's table groups. Pure: no Django imports.

People are ``Persoon`` values (id, tag, manager or not, earlier prep duties). History is a
set of ``frozenset({a, b})`` pairs: who already prepared a meeting together (``prep_pairs``)
and who already sat at one table (``sat_together``). Everything is deterministic for a given
input and seed; the order in which people are passed in does not matter.

Prep group (``propose_prep_group``): choose ``k`` people, best by the ``Score`` below,
compared field by field (lexicographically):

a. balance: the total variation distance between the group's tag shares and the target
   shares (1 − the balance index of ``trajecten.balans``);
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
``max_size`` people (about five a table). Table sizes differ by at most one, and every
table holds, of each tag, the floor or the ceiling of that tag's attendees divided by the
number of tables: a round-robin deal over the tags in turn reaches that, so balance is a
hard constraint, always met. Within it, repeated pairs (people who sat together at earlier
meetings) are minimised: a greedy fill seats the people with most history first, each at a
table where they know fewest, then simulated annealing swaps a person who has a repeated
pair with a random person at another table (same-tag swaps, and cross-tag swaps or moves
that keep every table within floor and ceiling), accepting a worse split with a chance that
falls as it cools, until no pair repeats or the step budget runs out (4,000 steps a person,
at most 150,000). Up to ``EXACT_TABLES_MAX`` attendees a branch and bound then proves the
optimum. This is the "social golfer" problem (CSPLib prob010) with balance constraints.
Late arrivals (``add_late_arrival``) go to a table with the fewest of their tag.

``exact_prep_group`` (enumerates every group) and ``exact_table_groups`` (branch and bound
over all balanced splits) are the references for tests and the benchmark.
"""

from __future__ import annotations

import math
import random
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import accumulate, combinations

from trajecten.balans import TAGS, Balans, balance, balance_index, count_tags

Pairs = Collection[frozenset[int]]

K_MIN, K_MAX, K_DEFAULT = 3, 6, 4
PREP_NODE_BUDGET = 2_000_000
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


def table_count(n: int, min_size: int = 4, max_size: int = 6) -> int:
    """Number of tables for ``n`` people: sizes within [min_size, max_size] and as close to
    the middle as possible. When no split fits (7 people in tables of 4–6) the tables stay
    within ``max_size`` and one falls short."""
    if not 1 <= min_size <= max_size:
        raise ValueError("need 1 <= min_size <= max_size")
    if n <= max_size:
        return 1 if n else 0
    fewest, most = -(-n // max_size), n // min_size
    if fewest > most:
        return fewest
    return min(max(round(2 * n / (min_size + max_size)), fewest), most)


class _Tables:
    """A split of people 0..n-1 over tables, kept balanced, with repeated-pair counters."""

    def __init__(self, tags: Sequence[int], neighbours: Sequence[Sequence[int]], count: int):
        self.n, self.count = len(tags), count
        self.tags, self.neighbours = tags, neighbours
        self.neighbour_sets = [set(ns) for ns in neighbours]
        per_tag = [tags.count(t) for t in range(len(TAGS))]
        self.low = [a // count for a in per_tag]
        self.high = [-(-a // count) for a in per_tag]
        self.size_low, self.size_high = self.n // count, -(-self.n // count)
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

    def swap_allowed(self, x: int, y: int) -> bool:
        t, u = self.tags[x], self.tags[y]
        if t == u:
            return True
        a, b = self.tag_count[self.table[x]], self.tag_count[self.table[y]]
        return (
            a[t] > self.low[t]
            and b[u] > self.low[u]
            and a[u] < self.high[u]
            and (b[t] < self.high[t])
        )

    def swap_delta(self, x: int, y: int) -> int:
        a, b = self.table[x], self.table[y]
        kx, ky = self.known[x], self.known[y]
        both = 2 if y in self.neighbour_sets[x] else 0
        return kx.get(b, 0) + ky.get(a, 0) - both - kx.get(a, 0) - ky.get(b, 0)

    def move_allowed(self, x: int, j: int) -> bool:
        a, t = self.table[x], self.tags[x]
        return (
            len(self.members[a]) > self.size_low
            and len(self.members[j]) < self.size_high
            and self.tag_count[a][t] > self.low[t]
            and self.tag_count[j][t] < self.high[t]
        )

    def groups(self) -> list[list[int]]:
        return [list(m) for m in self.members]


def _quotas(tags: Sequence[int], count: int) -> list[list[int]]:
    """Places per table and tag from a round-robin deal over the tags in turn."""
    quota = [[0] * len(TAGS) for _ in range(count)]
    position = 0
    for t in range(len(TAGS)):
        for _ in range(tags.count(t)):
            quota[position % count][t] += 1
            position += 1
    return quota


def _greedy(state: _Tables, order: Sequence[int], table_order: Sequence[int]) -> None:
    """Seat people in ``order``, each at the first table (in ``table_order``) with a free
    place for their tag where they know fewest people."""
    quota = _quotas(state.tags, state.count)
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
    """Branch and bound over every balanced split; returns (best cost below ``upper``, the
    split or None, proven). Bound: the pairs so far plus, per unplaced person, the fewest
    they would add at any table still open to them. Next placed is the person with the
    highest such minimum (then the fewest open tables); only one empty table is tried, as
    empty tables are interchangeable."""
    state = _Tables(tags, neighbours, count)
    n = state.n
    big_tables = n - state.size_low * count  # how many tables have the larger size
    per_tag = [tags.count(t) for t in range(len(TAGS))]
    high_tables = [a - state.low[t] * count for t, a in enumerate(per_tag)]  # same, per tag
    unplaced = set(range(n))
    best: list = [upper, None]
    nodes = [0]

    def open_tables(t: int) -> list[int]:
        big = sum(len(m) > state.size_low for m in state.members)
        high = sum(c[t] > state.low[t] for c in state.tag_count)
        result, empty_seen = [], False
        for j in range(count):
            size, have = len(state.members[j]), state.tag_count[j][t]
            if size == 0:
                if empty_seen:
                    continue
                empty_seen = True
            if size >= state.size_high or have >= state.high[t]:
                continue
            if size >= state.size_low and big >= big_tables:
                continue
            if have >= state.low[t] and high >= high_tables[t]:
                continue
            result.append(j)
        return result

    def search() -> bool:  # True: stop (node limit)
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
        known = state.known[x]
        for j in sorted(tables_for[tags[x]], key=lambda j: (known.get(j, 0), j)):
            if bound - (-pick_key[0]) + known.get(j, 0) >= best[0]:
                break
            state.place(x, j)
            stop = search()
            state.remove(x)
            if stop:
                unplaced.add(x)
                return True
        unplaced.add(x)
        return False

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
    """Reference: the fewest repeated pairs over every balanced split into ``table_count``
    tables (sizes and tag counts at floor or ceiling). Returns (pairs, tables, proven); with
    ``upper`` only splits with fewer pairs are looked for (tables is None if there are none);
    ``proven`` is False when ``node_limit`` stopped the search."""
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
    max_size: int = 6,
) -> int:
    """The index of the table where a late arrival best keeps the balance: a table below
    ``max_size``, then one with the fewest of the person's tag (so every table stays within
    one of the even split), then the best balance index against ``targets``, then the fewest
    people the person already sat with, then the smallest table."""
    if not tables:
        raise ValueError("there are no tables yet")
    if person.tag not in TAGS:
        raise ValueError(f"unknown tag {person.tag!r}")
    if any(p.id == person.id for table in tables for p in table):
        raise ValueError(f"person {person.id} already has a table")
    counts = [count_tags(p.tag for p in table) for table in tables]
    fewest = min(c[person.tag] for c in counts)

    def key(j: int):
        after = dict(counts[j])
        after[person.tag] += 1
        index = balance_index(after, targets) or 0.0
        known = sum(1 for p in tables[j] if frozenset((p.id, person.id)) in sat_together)
        return (
            len(tables[j]) >= max_size,
            counts[j][person.tag] - fewest,
            -index,
            known,
            len(tables[j]),
            j,
        )

    return min(range(len(tables)), key=key)
