"""Small counts kept from the governors' report in a way that comparing reports cannot undo.

A small school's governors must not be able to tell which family an incident was about, so
no count of 1 or 2 is ever printed. That alone is not enough: a count can be worked out by
subtracting one printed count from another (35 incidents from 1 September to 3 October,
36 to 4 October: one on 4 October). Governors therefore ask only for whole reporting
periods (terms and the summer holiday) and whole months, once they are over (a month once
its term is over: services/summaries/periods.py), and every count passes three rules:

1. **Small**: a count of 1 or 2 prints as "fewer than 3".
2. **Months give way to their terms**: a month's line is "not shown" when, in a term (or
   the summer holiday) the month is part of, that line has 1 or 2 in one of the term's
   months and some in another, or is not shown in the term's own report; otherwise the
   term's count less its other months would leave the small one. A month's total is not
   shown on the same rule, nor (unless it is itself 1 or 2) when one of the term's
   platform or furthest-step lines has 1 or 2 in a month: the month's total less its
   platforms would leave that. (Only a month gives way: the term's report, the one
   governors read, keeps its counts.)
3. **Totals**: where a table's lines add up to a total that is printed (each incident has
   one platform and one furthest step), a hidden line must not be worked out from the
   total and the lines printed: another line is hidden too (the smallest printed), or, when
   no line is left to hide, the total.

Reports the Headteacher or the office make for other dates, or for a period still under
way, pass rules 1 and 3; two of them a day apart would differ by that day, which is theirs
to judge before handing one to governors (docs/guide/governors.md says so).

Pure functions over counts: the services count, these decide what may be printed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

SMALL = 3
EXACT, FEWER, WITHHELD = "exact", "fewer", "withheld"
FEWER_TEXT = f"fewer than {SMALL}"
WITHHELD_TEXT = "not shown"
_UNBOUNDED = 10**12  # "no upper limit" in the interval arithmetic below


def is_small(count: int) -> bool:
    return 0 < count < SMALL


def month_starts(start: date, end: date) -> list[date]:
    """The first day of every month that begins after ``start`` and by ``end``."""
    found, year, month = [], start.year, start.month
    while True:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        first = date(year, month, 1)
        if first > end:
            return found
        found.append(first)


def pieces(start: date, end: date, cuts: Iterable[date]) -> list[tuple[date, date]]:
    """``start``–``end`` split before each cut (a cut is the first day of a new piece)."""
    inside = sorted({c for c in cuts if start < c <= end})
    bounds = [start, *inside, end + timedelta(days=1)]
    return [(a, b - timedelta(days=1)) for a, b in zip(bounds, bounds[1:], strict=False)]


def in_range(daily: Mapping[date, int], start: date, end: date) -> int:
    return sum(n for day, n in daily.items() if start <= day <= end)


def any_small_piece(daily: Mapping[date, int], frame: Sequence[tuple[date, date]]) -> bool:
    """Whether a line has 1 or 2 in any of these pieces (a term's months)."""
    return any(is_small(in_range(daily, a, b)) for a, b in frame)


def has_small_piece(daily: Mapping[date, int], frame: Sequence[tuple[date, date]]) -> bool:
    """Rule 2: whether a line has 1 or 2 in one of these pieces and some in another, so
    that the pieces must not all be printed beside the whole. (A line whose only incidents
    are in one piece is that piece, and prints as it would.)"""
    held = [n for n in (in_range(daily, a, b) for a, b in frame) if n]
    return len(held) > 1 and any(is_small(n) for n in held)


def state_of(count: int, withheld: bool = False) -> str:
    if withheld and count:
        return WITHHELD
    return FEWER if is_small(count) else EXACT


def shown(count: int, state: str) -> str:
    """What is printed for a count in this state."""
    if state == WITHHELD:
        return WITHHELD_TEXT
    if state == FEWER:
        return FEWER_TEXT
    return str(count)


@dataclass
class _Cell:
    value: int
    state: str
    floor: int  # the least a reader can tell this hidden value is

    def bounds(self) -> tuple[int, int]:
        if self.state == EXACT:
            return self.value, self.value
        if self.state == FEWER:
            return 1, SMALL - 1
        return self.floor, _UNBOUNDED


def _range_of(target: tuple[int, int], others: list[tuple[int, int]],
              own: tuple[int, int]) -> tuple[int, int]:
    """What ``x`` can be when ``x + sum(others) = target``, each within its bounds."""
    low = target[0] - sum(min(h, _UNBOUNDED) for _l, h in others)
    high = target[1] - sum(lo for lo, _h in others)
    return max(own[0], low), min(own[1], high)


def _pinned(total: _Cell, columns: list[dict[str, _Cell]]) -> tuple[int, str | None] | None:
    """A hidden value the printed ones give away exactly: (column, key), with key None for
    the total; or None."""
    whole = total.bounds()
    for column in columns:  # each table narrows the total down
        parts = [c.bounds() for c in column.values()]
        whole = (max(whole[0], sum(lo for lo, _h in parts)),
                 min(whole[1], sum(min(h, _UNBOUNDED) for _l, h in parts)))
    if total.state != EXACT and whole[0] == whole[1]:
        return 0, None
    for n, column in enumerate(columns):
        for key, cell in column.items():
            if cell.state == EXACT:
                continue
            others = [c.bounds() for k, c in column.items() if k != key]
            low, high = _range_of(whole, others, cell.bounds())
            if low >= high:
                return n, key
    return None


def protect_totals(total: int, total_state: str,
                   columns: Sequence[Mapping[str, tuple[int, str]]]
                   ) -> tuple[str, list[dict[str, str]]]:
    """Rule 3 for tables whose lines add up to ``total``: each column maps a line to its
    (count, state). Returns the total's state and each column's states, with the fewest
    further lines hidden (the smallest printed first) so that no hidden value can be
    worked out exactly."""
    whole = _Cell(total, total_state, 1)
    cells = [{k: _Cell(v, s, 2) for k, (v, s) in column.items()} for column in columns]
    while (found := _pinned(whole, cells)) is not None:
        at, key = found
        spare = sorted((cell.value, n, k) for n, column in enumerate(cells)
                       for k, cell in column.items() if cell.state == EXACT and cell.value)
        # A line given away in one table is covered by hiding another line of that table
        # (or the total); the total given away, by hiding a line of any table.
        same = [s for s in spare if s[1] == at]
        chosen = spare[0] if key is None and spare else same[0] if same else None
        if chosen is None and whole.state == EXACT:
            whole.state = WITHHELD
            continue
        chosen = chosen or (spare[0] if spare else None)
        if chosen is None:
            break  # every line is hidden or nought: nothing is left to give away
        _value, n, k = chosen
        cells[n][k].state, cells[n][k].floor = WITHHELD, SMALL
    return whole.state, [{k: c.state for k, c in column.items()} for column in cells]
