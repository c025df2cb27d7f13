"""Values made once per process: each made on first use, and a bounded mapping never holds more."""

from __future__ import annotations

from gongwen.made_once import MadeOnce


def test_each_value_is_made_once_from_its_key():
    made: list[int] = []
    squares = MadeOnce(lambda n: made.append(n) or n * n)
    assert list(map(squares.__getitem__, [3, 4, 3, 3, 4])) == [9, 16, 9, 9, 16]
    assert made == [3, 4]


def test_a_bounded_mapping_keeps_at_most_its_bound_and_still_answers_right():
    made: list[int] = []
    squares = MadeOnce(lambda n: made.append(n) or n * n, bound=4)
    for n in range(10):
        assert squares[n] == n * n
        assert len(squares) <= 4
    assert squares[9] == 81 and made.count(9) == 1  # kept since it was made
    assert squares[0] == 0 and made.count(0) == 2  # dropped when the bound was reached, made again
