"""Cell-key perturbation on hand-made cells (pure, no database)."""

import statistics

from dashboard import perturbation as v
from trajecten.balance import balance_index

KEY = b"a test secret of thirty-two bytes"
DOELEN = {"formeel": 50, "informeel": 30, "ervaringsdeskundige": 20}


def test_the_same_set_of_records_always_gets_the_same_count():
    cel = v.Cel(12, 4711)
    assert {v.publish(KEY, cel) for _ in range(20)} == {v.publish(KEY, v.Cel(12, 4711))}


def test_another_secret_gives_other_noise():
    cells = [v.Cel(12, s) for s in range(200)]
    assert [v.publish(KEY, c) for c in cells] != [v.publish(b"another secret", c) for c in cells]


def test_no_published_count_lies_between_one_and_four():
    published = {v.publish(KEY, v.Cel(n, s)) for n in range(0, 30) for s in range(500)}
    assert published & {1, 2, 3, 4} == set()
    assert {0, 5, 6, 7} <= published


def test_zero_stays_zero():
    assert {v.publish(KEY, v.Cel(0, 0)), v.publish(KEY, v.Cel()), v.publish(b"x", v.Cel())} == {0}


def test_every_small_count_can_be_shown_as_zero_and_as_five():
    for n in range(1, 5):
        assert {0, 5} <= {v.publish(KEY, v.Cel(n, s)) for s in range(2000)}


def test_noise_is_small_and_centred():
    noise = [v.publish(KEY, v.Cel(40, s)) - 40 for s in range(20_000)]
    assert abs(statistics.mean(noise)) < 0.05
    assert sum(d == 0 for d in noise) / len(noise) > 0.5
    assert sum(abs(d) <= 2 for d in noise) / len(noise) > 0.95
    assert max(abs(d) for d in noise) <= v.grootste_ruis()


def test_noise_has_no_bound_that_arithmetic_could_use():
    # The largest noise the key can give: far beyond every small count.
    assert v.grootste_ruis() == 37
    assert v.ruis(1.0, 0.0) == 0
    assert v.ruis(2.0**-64, 0.9) == -37


def test_balance_index_of_a_twenty_person_group_stays_close():
    # 10 formeel, 6 informeel, 4 ervaringsdeskundige against 50/30/20: index 100. Stated
    # tolerance: half of the time within 5 points, nine in ten within 12, all but one in
    # a hundred within 20.
    errors = []
    for s in range(10_000):
        shown = [v.publish(KEY, v.Cel(n, 1000 * s + k)) for k, n in enumerate((10, 6, 4))]
        index = balance_index(dict(zip(DOELEN, shown, strict=True)), DOELEN)
        errors.append(100 if index is None else abs(100 - 100 * index))
    errors.sort()
    assert errors[len(errors) // 2] <= 5
    assert errors[len(errors) * 9 // 10] <= 12
    assert errors[len(errors) * 99 // 100] <= 20


def test_cells_add_up():
    assert v.som([v.Cel(2, 10), v.Cel(3, 7)]) == v.Cel(5, 17)
    assert v.shares([2, 2, 0]) == [50.0, 50.0, 0.0]
    assert v.shares([0, 0, 0]) is None
