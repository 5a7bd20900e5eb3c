"""The overlap computation on hand-made cases, and its properties (hypothesis)."""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from waarden.overlap import (
    EMPTY,
    SUPPRESSED,
    TAGS,
    Cel,
    compute_overlap,
    count_text,
    heat_class,
    is_suppressed,
    share_text,
)

F, I, E = TAGS  # noqa: E741


def shares(w):
    return {c.tag: c.procent for c in w.cellen}


# --- Hand-made cases -----------------------------------------------------------------------


def test_overlap_shares_and_shared_flag():
    ov = compute_overlap(
        {
            "respect": {F: 5, I: 2, E: 2},
            "warmte": {F: 1, I: 4, E: 0},
        },
        {F: 10, I: 5, E: 4},
    )
    respect, warmte = ov.waarden
    assert shares(respect) == {F: 50, I: 40, E: 50}
    assert shares(warmte) == {F: 10, I: 80, E: 0}
    assert respect.gedeeld is True
    assert warmte.gedeeld is False
    assert ov.gedeeld == ("respect",)
    assert ov.drempel == 30


def test_overlap_threshold_is_inclusive():
    ov = compute_overlap(
        {"precies": {F: 3, I: 3, E: 3}, "net_niet": {F: 3, I: 3, E: 2}},
        {F: 10, I: 10, E: 10},
    )
    assert ov.gedeeld == ("precies",)


def test_overlap_threshold_uses_exact_arithmetic():
    # 29 of 97 is 29.9%: rounded it shows 30%, but it does not reach 30%.
    ov = compute_overlap({"w": {F: 29, I: 50, E: 50}}, {F: 97, I: 100, E: 100})
    (w,) = ov.waarden
    assert w.cel(F).procent == 30
    assert w.gedeeld is False


def test_overlap_other_threshold():
    counts = {"w": {F: 5, I: 5, E: 5}}
    totals = {F: 10, I: 10, E: 10}
    assert compute_overlap(counts, totals, threshold=50).gedeeld == ("w",)
    assert compute_overlap(counts, totals, threshold=51).gedeeld == ()


def test_overlap_tag_with_nobody_is_left_out():
    ov = compute_overlap({"respect": {F: 5, I: 3}, "warmte": {F: 1, I: 3}}, {F: 10, I: 5, E: 0})
    respect, warmte = ov.waarden
    assert respect.cel(E) == Cel(E, 0, 0)
    assert respect.cel(E).leeg is True
    assert respect.cel(E).aandeel is None
    assert respect.cel(E).procent is None
    assert respect.gedeeld is True  # formeel 50%, informeel 60%; nobody to ask in the third
    assert warmte.gedeeld is False  # formeel 10%
    assert ov.tags_met_mensen == (F, I)
    assert share_text(respect.cel(E)) == EMPTY
    assert heat_class(respect.cel(E)) == "heat-leeg"
    assert heat_class(respect.cel(E), suppress=True) == "heat-leeg"


def test_overlap_one_tag_at_the_table_shares_nothing():
    ov = compute_overlap({"respect": {F: 10}}, {F: 10, I: 0, E: 0})
    (respect,) = ov.waarden
    assert respect.cel(F).procent == 100
    assert respect.gedeeld is False
    assert respect.verschil is None
    assert ov.grootste_verschillen() == []


def test_overlap_nobody_at_all():
    ov = compute_overlap({}, {F: 0, I: 0, E: 0}, keys=["respect", "warmte"])
    assert [w.sleutel for w in ov.waarden] == ["respect", "warmte"]
    assert all(c.leeg for w in ov.waarden for c in w.cellen)
    assert ov.gedeeld == ()
    assert ov.grootste_verschillen() == []
    assert ov.tags_met_mensen == ()


def test_overlap_value_without_endorsements_counts_zero():
    ov = compute_overlap({}, {F: 4, I: 4, E: 2}, keys=["stil"])
    (stil,) = ov.waarden
    assert shares(stil) == {F: 0, I: 0, E: 0}
    assert stil.gedeeld is False
    assert ov.grootste_verschillen() == []  # no gap


def test_overlap_missing_tag_in_totals_counts_zero():
    ov = compute_overlap({"w": {F: 1}}, {F: 2})
    assert ov.totalen == {F: 2, I: 0, E: 0}


def test_largest_differences_order_and_ends():
    ov = compute_overlap(
        {
            "a": {F: 2, I: 8, E: 5},  # 20 / 80 / 50: gap 60, informeel high, formeel low
            "b": {F: 9, I: 1, E: 9},  # 90 / 10 / 90: gap 80, formeel high (earlier tag)
            "c": {F: 5, I: 5, E: 5},  # no gap
            "d": {F: 8, I: 2, E: 5},  # 80 / 20 / 50: gap 60, same as a: a comes first
        },
        {F: 10, I: 10, E: 10},
    )
    verschillen = ov.grootste_verschillen()
    assert [v.sleutel for v in verschillen] == ["b", "a", "d"]
    b, a, d = verschillen
    assert (b.hoog.tag, b.laag.tag, b.punten) == (F, I, 80)
    assert (a.hoog.tag, a.laag.tag, a.punten) == (I, F, 60)
    assert (d.hoog.tag, d.laag.tag, d.punten) == (F, I, 60)
    assert [v.sleutel for v in ov.grootste_verschillen(n=1)] == ["b"]


def test_largest_differences_tie_between_low_tags_goes_to_the_later_tag():
    ov = compute_overlap({"w": {F: 5, I: 0, E: 0}}, {F: 10, I: 10, E: 10})
    (v,) = ov.grootste_verschillen()
    assert (v.hoog.tag, v.laag.tag) == (F, E)


def test_largest_differences_skip_empty_tag():
    ov = compute_overlap({"w": {F: 1, I: 9}}, {F: 10, I: 10, E: 0})
    (v,) = ov.grootste_verschillen()
    assert (v.hoog.tag, v.laag.tag, v.punten) == (I, F, 80)


def test_rounding_half_up():
    assert Cel(F, 1, 3).procent == 33
    assert Cel(F, 2, 3).procent == 67
    assert Cel(F, 1, 8).procent == 13  # 12.5
    assert Cel(F, 1, 200).procent == 1  # 0.5
    assert Cel(F, 1, 4).niveau == 3  # 2.5 tenths
    assert Cel(F, 0, 4).niveau == 0
    assert Cel(F, 4, 4).niveau == 10


def test_heat_class_steps():
    assert [heat_class(Cel(F, n, 20)) for n in (0, 1, 2, 10, 19, 20)] == [
        "heat-0",
        "heat-1",  # 5% rounds up to one tenth
        "heat-1",
        "heat-5",
        "heat-10",  # 95% rounds up
        "heat-10",
    ]


@pytest.mark.parametrize(
    ("counts", "totals", "threshold"),
    [
        ({"w": {F: 3}}, {F: 2, I: 0, E: 0}, 30),  # more endorsers than people
        ({"w": {F: -1}}, {F: 2, I: 0, E: 0}, 30),
        ({"w": {"onbekend": 1}}, {F: 2, I: 0, E: 0}, 30),
        ({}, {F: 2, "onbekend": 1}, 30),
        ({}, {F: -1}, 30),
        ({}, {F: 2}, 0),
        ({}, {F: 2}, 101),
    ],
)
def test_overlap_refuses_impossible_input(counts, totals, threshold):
    with pytest.raises(ValueError):
        compute_overlap(counts, totals, threshold=threshold)


# --- Suppression for managers --------------------------------------------------------------


def test_suppression_below_five_people():
    assert [is_suppressed(n) for n in (0, 1, 4, 5, 6)] == [True, True, True, False, False]
    assert share_text(Cel(F, 4, 10), suppress=True) == SUPPRESSED == "< 5"
    assert share_text(Cel(F, 0, 10), suppress=True) == "< 5"
    assert share_text(Cel(F, 5, 10), suppress=True) == "50%"
    assert share_text(Cel(F, 4, 10)) == "40%"  # people at the table see exact figures
    assert heat_class(Cel(F, 4, 10), suppress=True) == "heat-onbekend"
    assert heat_class(Cel(F, 5, 10), suppress=True) == "heat-5"
    assert count_text(3, suppress=True) == "< 5"
    assert count_text(3) == "3"
    assert count_text(12, suppress=True) == "12"


# --- Properties ----------------------------------------------------------------------------


@st.composite
def boards(draw):
    totals = {tag: draw(st.integers(0, 40)) for tag in TAGS}
    n_values = draw(st.integers(0, 8))
    counts = {
        f"w{k}": {tag: draw(st.integers(0, totals[tag])) for tag in TAGS} for k in range(n_values)
    }
    return counts, totals


thresholds = st.integers(1, 100)
# No deadline: the test machines are shared, and timing is not what these tests are about.
relaxed = settings(deadline=None)


@relaxed
@given(boards(), thresholds)
def test_shared_means_every_present_tag_reaches_the_threshold(board, threshold):
    counts, totals = board
    ov = compute_overlap(counts, totals, threshold=threshold)
    present = [tag for tag in TAGS if totals[tag]]
    for w in ov.waarden:
        expected = len(present) >= 2 and all(
            Fraction(counts[w.sleutel][tag], totals[tag]) >= Fraction(threshold, 100)
            for tag in present
        )
        assert w.gedeeld == expected


@relaxed
@given(boards(), thresholds, thresholds)
def test_a_higher_threshold_never_adds_shared_values(board, t1, t2):
    counts, totals = board
    low, high = sorted((t1, t2))
    assert set(compute_overlap(counts, totals, threshold=high).gedeeld) <= set(
        compute_overlap(counts, totals, threshold=low).gedeeld
    )


@relaxed
@given(boards(), thresholds, st.data())
def test_one_more_endorser_never_unshares(board, threshold, data):
    counts, totals = board
    if not counts or not any(totals.values()):
        return
    key = data.draw(st.sampled_from(sorted(counts)))
    tag = data.draw(st.sampled_from([t for t in TAGS if totals[t]]))
    if counts[key][tag] == totals[tag]:
        return
    before = compute_overlap(counts, totals, threshold=threshold)
    more = {**counts, key: {**counts[key], tag: counts[key][tag] + 1}}
    after = compute_overlap(more, totals, threshold=threshold)
    assert set(before.gedeeld) <= set(after.gedeeld)


@relaxed
@given(boards())
def test_cells_stay_within_bounds(board):
    counts, totals = board
    for w in compute_overlap(counts, totals).waarden:
        for c in w.cellen:
            if c.leeg:
                assert (c.procent, c.niveau) == (None, None)
            else:
                assert 0 <= c.procent <= 100
                assert 0 <= c.niveau <= 10
                assert heat_class(c) == f"heat-{c.niveau}"


@relaxed
@given(boards(), st.integers(0, 5))
def test_largest_differences_are_sorted_positive_and_bounded(board, n):
    counts, totals = board
    ov = compute_overlap(counts, totals)
    verschillen = ov.grootste_verschillen(n)
    assert len(verschillen) <= n
    gaps = [v.fractie for v in verschillen]
    assert gaps == sorted(gaps, reverse=True)
    assert all(g > 0 for g in gaps)
    by_key = {w.sleutel: w for w in ov.waarden}
    for v in verschillen:
        present = [c.fractie for c in by_key[v.sleutel].cellen if not c.leeg]
        assert v.hoog.fractie == max(present)
        assert v.laag.fractie == min(present)
    # Nothing left out has a larger gap than the last one shown.
    if verschillen and len(verschillen) == n:
        shown = {v.sleutel for v in verschillen}
        for w in ov.waarden:
            if w.sleutel not in shown and w.verschil is not None:
                assert w.verschil.fractie <= verschillen[-1].fractie


@relaxed
@given(boards())
def test_tag_order_in_the_input_does_not_matter(board):
    counts, totals = board
    reversed_counts = {k: dict(reversed(list(v.items()))) for k, v in counts.items()}
    reversed_totals = dict(reversed(list(totals.items())))
    a = compute_overlap(counts, totals)
    b = compute_overlap(reversed_counts, reversed_totals)
    assert a == b


@relaxed
@given(st.integers(0, 40), st.integers(0, 40))
def test_suppressed_cells_show_no_figure(aantal, extra):
    cel = Cel(F, aantal, aantal + extra)
    text = share_text(cel, suppress=True)
    if cel.leeg:
        assert text == EMPTY
    elif aantal < 5:
        assert text == SUPPRESSED
        assert heat_class(cel, suppress=True) == "heat-onbekend"
    else:
        assert text == f"{cel.procent}%"
