from datetime import datetime

from trajecten.balance import Kandidaat, balance, balance_index, best_candidate

DOEL = {"formeel": 50, "informeel": 30, "ervaringsdeskundige": 20}


def test_balance_index_exact_proportion_is_one():
    assert balance_index({"formeel": 5, "informeel": 3, "ervaringsdeskundige": 2}, DOEL) == 1.0


def test_balance_index_single_tag():
    # shares (1, 0, 0) vs (.5, .3, .2): TVD = (.5 + .3 + .2) / 2 = .5
    assert balance_index({"formeel": 4}, DOEL) == 0.5


def test_balance_index_empty_group_is_none():
    assert balance_index({}, DOEL) is None


def test_balance_rows_shares_and_targets():
    b = balance({"formeel": 1, "informeel": 1, "ervaringsdeskundige": 2}, DOEL)
    assert b.totaal == 4
    assert [(t.tag, t.aantal, t.aandeel, t.doel) for t in b.per_tag] == [
        ("formeel", 1, 25.0, 50.0),
        ("informeel", 1, 25.0, 30.0),
        ("ervaringsdeskundige", 2, 50.0, 20.0),
    ]
    assert b.index_procent == 70


def test_best_candidate_improves_balance_not_first_come():
    early = Kandidaat(1, "formeel", datetime(2026, 1, 1))
    later = Kandidaat(2, "ervaringsdeskundige", datetime(2026, 1, 2))
    counts = {"formeel": 5, "informeel": 3, "ervaringsdeskundige": 1}
    assert best_candidate(counts, DOEL, [early, later]) == later


def test_best_candidate_tie_goes_to_earliest():
    a = Kandidaat(7, "informeel", datetime(2026, 1, 2))
    b = Kandidaat(3, "informeel", datetime(2026, 1, 1))
    assert best_candidate({"formeel": 5}, DOEL, [a, b]) == b


def test_best_candidate_respects_allowed_tags():
    a = Kandidaat(1, "ervaringsdeskundige", datetime(2026, 1, 1))
    b = Kandidaat(2, "formeel", datetime(2026, 1, 2))
    assert best_candidate({"formeel": 1}, DOEL, [a, b], allowed_tags={"formeel"}) == b
    assert best_candidate({}, DOEL, [a], allowed_tags=set()) is None
