"""The small-count rules: what a report may print, and that nothing hidden can be worked
out again from what is printed (checked by brute force, as a curious reader would)."""

from __future__ import annotations

import itertools
import random
from datetime import date

import pytest

from avenue_desk.policy.disclosure import (
    EXACT,
    FEWER,
    WITHHELD,
    has_small_piece,
    month_starts,
    pieces,
    protect_totals,
    shown,
    state_of,
)


def test_one_and_two_are_fewer_than_three_and_nought_is_nought():
    assert [shown(n, state_of(n)) for n in (0, 1, 2, 3, 40)] == [
        "0", "fewer than 3", "fewer than 3", "3", "40"]
    assert shown(7, state_of(7, withheld=True)) == "not shown"
    assert state_of(0, withheld=True) == EXACT  # nothing to hide in a nought


def test_months_and_pieces():
    assert month_starts(date(2026, 4, 6), date(2026, 7, 31)) == [
        date(2026, 5, 1), date(2026, 6, 1), date(2026, 7, 1)]
    assert pieces(date(2026, 3, 20), date(2026, 4, 10), [date(2026, 4, 1), date(2026, 4, 6)]) == [
        (date(2026, 3, 20), date(2026, 3, 31)), (date(2026, 4, 1), date(2026, 4, 5)),
        (date(2026, 4, 6), date(2026, 4, 10))]
    frame = pieces(date(2026, 9, 1), date(2026, 10, 31), [date(2026, 10, 1)])
    assert has_small_piece({date(2026, 9, 3): 5, date(2026, 10, 9): 1}, frame)
    assert not has_small_piece({date(2026, 10, 9): 1}, frame)  # all in one piece: it is that
    assert not has_small_piece({date(2026, 9, 3): 5, date(2026, 10, 9): 3}, frame)


def _given(column: dict[str, int], hidden: dict[str, str]) -> dict[str, tuple[int, str]]:
    return {k: (n, hidden.get(k, state_of(n))) for k, n in column.items()}


def test_one_hidden_platform_beside_a_total_hides_a_second():
    total_state, (states,) = protect_totals(14, EXACT, [_given(
        {"facebook": 9, "whatsapp": 4, "tiktok": 1}, {})])
    assert total_state == EXACT
    assert states == {"facebook": EXACT, "whatsapp": WITHHELD, "tiktok": FEWER}


def test_two_twos_beside_a_total_are_not_left_to_add_up():
    # 10 + 2 + 2 = 14: both "fewer than 3" lines would have to be 2.
    _total, (states,) = protect_totals(14, EXACT, [_given({"a": 10, "b": 2, "c": 2}, {})])
    assert states["a"] == WITHHELD


def test_when_no_line_is_left_to_hide_the_total_is_not_shown():
    total_state, (states,) = protect_totals(5, EXACT, [_given({"a": 5}, {"a": WITHHELD})])
    assert total_state == WITHHELD and states == {"a": WITHHELD}


def test_a_total_hidden_in_one_table_is_not_given_away_by_another():
    total_state, (platforms, steps) = protect_totals(
        13, WITHHELD, [_given({"a": 12, "b": 1}, {}), _given({"x": 8, "y": 5}, {})])
    assert total_state == WITHHELD
    assert platforms["b"] == FEWER
    # The steps add up to 13, which would make "b" 1: one of them is hidden too.
    assert WITHHELD in steps.values() or platforms["a"] == WITHHELD


def _readable(total: int, total_state: str, columns, states) -> list[tuple[int, str, set]]:
    """For each hidden value, every value a reader could give it from what is printed."""
    def bounds(value, state):
        if state == EXACT:
            return [value]
        if state == FEWER:
            return [1, 2]
        return list(range(1, 40))

    totals = bounds(total, total_state)
    found = []
    for column, column_states in zip(columns, states, strict=True):
        keys = list(column)
        options = [bounds(column[k], column_states[k]) for k in keys]
        possible = {k: set() for k in keys}
        possible_totals = set()
        for values in itertools.product(*options):
            if sum(values) in totals:
                possible_totals.add(sum(values))
                for k, v in zip(keys, values, strict=True):
                    possible[k].add(v)
        for k in keys:
            if column_states[k] != EXACT:
                found.append((column[k], k, possible[k]))
        if total_state != EXACT:
            found.append((total, "total", possible_totals))
    return found


@pytest.mark.parametrize("seed", range(60))
def test_no_hidden_value_can_be_worked_out_from_the_total(seed):
    rng = random.Random(seed)
    columns = []
    for _ in range(rng.choice((1, 2))):
        columns.append({f"line{n}": rng.choice((0, 0, 1, 2, 3, 4, 7, 12)) for n in range(4)})
    total = sum(columns[0].values())
    if len(columns) == 2:  # the second table adds up to the same total
        keys = list(columns[1])
        columns[1] = {k: 0 for k in keys}
        for _ in range(total):
            columns[1][rng.choice(keys)] += 1
    withheld = {k for k in columns[0] if rng.random() < 0.15 and columns[0][k]}
    given = [_given(columns[0], {k: WITHHELD for k in withheld}),
             *(_given(c, {}) for c in columns[1:])]
    total_state, states = protect_totals(total, state_of(total), given)
    for true, key, possible in _readable(total, total_state, columns, states):
        assert true in possible
        if 0 < true < 3 or key == "total" or key in withheld:
            assert len(possible) > 1, (seed, key, true, columns, states, total_state)
