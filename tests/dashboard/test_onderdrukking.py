"""Small-cell suppression on hand-made rows (pure, no database)."""

import pytest

from dashboard import onderdrukking as o
from dashboard.onderdrukking import PRIMAIR, SECUNDAIR


def texts(row):
    return [c.tekst for c in row.cellen], row.totaal.tekst


def test_protect_row_nothing_small_shows_everything():
    assert texts(o.protect_row([10, 6, 5])) == (["10", "6", "5"], "21")


def test_protect_row_one_small_cell_hides_the_smallest_other_too():
    # 21 − 10 − 8 would give the 3 back: the 8 goes as well.
    row = o.protect_row([10, 3, 8])
    assert [c.reden for c in row.cellen] == [None, PRIMAIR, SECUNDAIR]
    assert texts(row) == (["10", "< 5", "x"], "21")


def test_protect_row_two_small_cells_adding_up_to_five_need_nothing_more():
    assert texts(o.protect_row([12, 3, 2])) == (["12", "< 5", "< 5"], "17")


def test_protect_row_two_small_cells_adding_up_to_less_than_five_hide_a_third():
    # 25 − 20 = 5? No: 23 − 20 = 3 people in the two hidden cells, too few.
    row = o.protect_row([20, 3, 0])
    assert texts(row) == (["x", "< 5", "< 5"], "23")


def test_protect_row_zeros_are_hidden_and_cannot_be_recomputed():
    # A total equal to the one visible cell would tell that the others are zero.
    assert texts(o.protect_row([25, 0, 0])) == (["x", "< 5", "< 5"], "25")


def test_protect_row_small_total_hides_everything():
    row = o.protect_row([2, 1, 1])
    assert texts(row) == (["< 5", "< 5", "< 5"], "< 5")
    assert all(c.reden == PRIMAIR for c in row.cellen)


def test_protect_row_ties_hide_the_later_cell():
    assert texts(o.protect_row([4, 7, 7])) == (["< 5", "7", "x"], "18")


def test_protect_row_single_hidden_cell_with_uncounted_people_keeps_the_total():
    # 9 − 0 visible = 9: the hidden 3 hides among the 6 people the row does not count.
    row = o.protect_row([3], total=9)
    assert texts(row) == (["< 5"], "9")


def test_protect_row_total_larger_than_cells():
    # 6 people without a tag (not shown): hidden 3 + 6 unknown cannot be told apart.
    assert texts(o.protect_row([10, 3], total=19)) == (["10", "< 5"], "19")


def test_protect_row_rejects_impossible_rows():
    with pytest.raises(ValueError):
        o.protect_row([-1, 5])
    with pytest.raises(ValueError):
        o.protect_row([5, 5], total=9)


def test_protect_sum_hides_a_total_that_gives_away_one_hidden_part():
    parts = [o.Cel(12), o.Cel(3, PRIMAIR)]
    assert o.protect_sum(15, parts).tekst == "x"


def test_protect_sum_shows_a_total_whose_hidden_parts_are_five_or_more():
    parts = [o.Cel(12), o.Cel(3, PRIMAIR), o.Cel(4, PRIMAIR)]
    assert o.protect_sum(19, parts).tekst == "19"


def test_protect_sum_small_total_is_primary():
    assert o.protect_sum(4, [o.Cel(4)]).reden == PRIMAIR


def test_sensitive_hidden_only_for_the_sensitive_tag():
    tags = ("formeel", "informeel", "ervaringsdeskundige")
    assert o.sensitive_hidden(tags, o.protect_row([10, 3, 8]))  # informeel 3, expert x
    assert not o.sensitive_hidden(tags, o.protect_row([8, 3, 10]))  # informeel 3, formeel x
    assert o.sensitive_hidden(tags, o.protect_row([10, 8, 2]))


def test_exact_shows_everything():
    assert texts(o.exact([1, 0, 2])) == (["1", "0", "2"], "3")


def test_protect_row_cells_hidden_elsewhere_are_protected_too():
    # The 6 must go (it would give away a traject's hidden count); then 20 − 14 = 6 ≥ 5.
    row = o.protect_row([14, 6, 0], hidden=[1])
    assert texts(row) == (["14", "x", "< 5"], "20")
    # A cell that is small anyway stays "< 5"; 9 − 5 = 4 < 5, so the 5 goes as well.
    assert texts(o.protect_row([5, 4, 0], hidden=[1])) == (["x", "< 5", "< 5"], "9")
