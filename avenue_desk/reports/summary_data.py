"""What the governor summary is made from: counts only, by design.

There is no free-text field anywhere in these records: the only strings are policy keys
(categories, platforms, steps, edition), a reporting period's name and the names of the
counts, each checked against fixed tables, so a name or an excerpt cannot reach the summary
even by mistake.

What may be printed of each count is decided before a record is made
(``policy/disclosure.py``): ``withheld`` names the counts "not shown", and ``shown`` is the
one way to turn a count into text, for the PDF and the command line alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from avenue_desk.policy import (
    DEFAULT_EDITION_KEY,
    get_category,
    get_edition,
    get_platform,
    get_step,
)
from avenue_desk.policy.disclosure import EXACT, SMALL, WITHHELD_TEXT, state_of
from avenue_desk.policy.disclosure import shown as shown_text
from avenue_desk.policy.report_periods import is_whole_month
from avenue_desk.policy.terms import HOLIDAY, PERIODS

from .formatting import MONTHS, uk_date

TERMS = PERIODS  # a reporting period's name: the three terms and the summer holiday
NO_STEP = "none"  # furthest step of an open incident where nothing has been done yet
CLOSED_NO_STEP = "closed_unrecorded"  # closed with no step recorded (imported, or closed)
FURTHEST_EXTRA = (NO_STEP, CLOSED_NO_STEP)
# The counts at a glance, by name (each a field of PeriodCounts).
GLANCE = ("total", "open_cases", "overdue_follow_ups", "removed", "responded")
TABLES = ("glance", "by_category", "by_platform", "steps_taken", "by_furthest_step")


def suppress_small(n: int) -> str:
    """``"fewer than 3"`` for 1 and 2, so a small school's governors cannot identify a family."""
    return shown_text(n, state_of(n))


def _counts(name: str, pairs, check) -> tuple[tuple[str, int], ...]:
    checked = []
    for key, count in pairs:
        check(key)
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(f"{name}: the count for {key!r} must be a whole number, not {count!r}")
        checked.append((key, count))
    return tuple(checked)


def _step_or_none(key: str) -> None:
    if key not in FURTHEST_EXTRA:
        get_step(key)


def _glance_key(key: str) -> None:
    if key not in GLANCE:
        raise ValueError(f"Unknown count {key!r}.")


_CHECKS = {"glance": _glance_key, "by_category": get_category, "by_platform": get_platform,
           "steps_taken": get_step, "by_furthest_step": _step_or_none}


def _median(name: str, value) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)
                              or value < 0):
        raise ValueError(f"{name} must be a number of days, not {value!r}")


@dataclass(frozen=True)
class PeriodCounts:
    """The counts for one period: a reporting period (term or summer holiday), a month, or
    any dates; counted to ``end``, which is before ``full_end`` when the period is still
    under way ("to date") or when it is cut to the same length for a fair comparison."""

    start: date
    end: date
    term: str | None = None  # one of TERMS, or None for a month or any other dates
    total: int = 0
    by_category: tuple[tuple[str, int], ...] = ()
    by_platform: tuple[tuple[str, int], ...] = ()
    steps_taken: tuple[tuple[str, int], ...] = ()  # steps recorded in the period, by step
    by_furthest_step: tuple[tuple[str, int], ...] = ()  # step key, NO_STEP or CLOSED_NO_STEP
    removed: int = 0
    median_days_to_removal: float | None = None
    responded: int = 0  # incidents with a step recorded, for the median below
    median_days_to_first_response: float | None = None
    open_cases: int = 0
    overdue_follow_ups: int = 0
    full_end: date | None = None  # the period's own end, when counted only to ``end``
    to_date: bool = False  # counted to the day the report was prepared (under way)
    withheld: tuple[tuple[str, str], ...] = ()  # (table, key) counts printed as "not shown"

    def __post_init__(self) -> None:
        if self.term is not None and self.term not in TERMS:
            raise ValueError(f"Unknown term {self.term!r}; terms: {', '.join(TERMS)}.")
        if self.end < self.start:
            raise ValueError("A period cannot end before it starts.")
        if self.full_end is not None and self.full_end < self.end:
            raise ValueError("A period cannot be counted beyond its own end.")
        fix = object.__setattr__
        for table in TABLES[1:]:
            fix(self, table, _counts(table, getattr(self, table), _CHECKS[table]))
        for name in (*GLANCE,):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{name} must be a whole number, not {value!r}")
        _median("median_days_to_removal", self.median_days_to_removal)
        _median("median_days_to_first_response", self.median_days_to_first_response)
        for table, key in self.withheld:
            if table not in TABLES:
                raise ValueError(f"Unknown table {table!r}.")
            _CHECKS[table](key)
        fix(self, "withheld", tuple(self.withheld))

    # --- names --------------------------------------------------------------------------

    @property
    def is_month(self) -> bool:
        return self.term is None and is_whole_month(self.start, self.full_end or self.end)

    @property
    def name(self) -> str:
        """``Autumn term 2026``, ``Summer holiday 2026``, ``November 2026``; a range of dates
        is named by its dates."""
        if self.term == HOLIDAY:
            return f"Summer holiday {self.start.year}"
        if self.term is not None:
            return f"{self.term.capitalize()} term {self.start.year}"
        if self.is_month:
            return f"{MONTHS[self.start.month - 1]} {self.start.year}"
        return f"{uk_date(self.start)} to {uk_date(self.full_end or self.end)}"

    @property
    def clipped(self) -> str:
        """"to date", "first 82 days", or "" for a whole period."""
        if self.full_end is None or self.full_end == self.end:
            return ""
        if self.to_date:
            return "to date"
        days = (self.end - self.start).days + 1
        return "first day" if days == 1 else f"first {days} days"

    @property
    def label(self) -> str:
        """``Autumn term 2026 to date``, ``Summer term 2026, first 82 days``."""
        if not self.clipped:
            return self.name
        return f"{self.name} {self.clipped}" if self.to_date else f"{self.name}, {self.clipped}"

    @property
    def short_label(self) -> str:
        """For a column or a chart: ``Autumn 2026``, ``Summer hol. 2026``, ``Nov 2026``."""
        if self.term == HOLIDAY:
            return f"Summer hol. {self.start.year}"
        if self.term is not None:
            return f"{self.term.capitalize()} {self.start.year}"
        if self.is_month:
            return f"{MONTHS[self.start.month - 1][:3]} {self.start.year}"
        return f"{self.start:%d/%m/%y}–{(self.full_end or self.end):%d/%m/%y}"

    @property
    def dates(self) -> str:
        return f"{uk_date(self.start)} to {uk_date(self.end)}"

    # --- counts and what may be printed of them -----------------------------------------

    def count(self, table: str, key: str) -> int:
        if table == "glance":
            _glance_key(key)
            return getattr(self, key)
        return dict(getattr(self, table)).get(key, 0)

    def state(self, table: str, key: str) -> str:
        """EXACT, FEWER ("fewer than 3") or WITHHELD ("not shown")."""
        return state_of(self.count(table, key), (table, key) in self.withheld)

    def shown(self, table: str, key: str) -> str:
        """The count as it may be printed: "12", "fewer than 3" or "not shown"."""
        return shown_text(self.count(table, key), self.state(table, key))

    def median_shown(self, which: str) -> str:
        """A median of days, printed only over three or more incidents whose count is
        printed exactly."""
        counted, median = ((self.removed, self.median_days_to_removal) if which == "removal"
                           else (self.responded, self.median_days_to_first_response))
        key = "removed" if which == "removal" else "responded"
        if not counted:
            return "none removed" if which == "removal" else "no step recorded"
        if self.state("glance", key) != EXACT or median is None:
            what = "removals" if which == "removal" else "incidents"
            return f"not shown (fewer than {SMALL} {what})" if counted < SMALL \
                else WITHHELD_TEXT
        shown = f"{median:.1f}".removesuffix(".0")
        return f"{shown} day" if shown == "1" else f"{shown} days"


_FINGERPRINT = re.compile(r"row [\d,]+ · [0-9a-f]{4}(?: [0-9a-f]{4}){3}")  # no free text


@dataclass(frozen=True)
class SummaryData:
    """A period's counts, what it is compared with (most recent first, then the same period
    a year before), and the policy with the governors' last review of it (dates only: the
    review's note is not reported)."""

    current: PeriodCounts
    prepared_on: date
    previous: tuple[PeriodCounts, ...] = ()
    policy_edition: str = DEFAULT_EDITION_KEY
    reviewed_on: date | None = None  # None: no review recorded for the edition
    next_review_on: date | None = None  # set with the review (a year on when not)
    last_year: PeriodCounts | None = None  # the same period a year before, if not above
    # The audit trail's head as the report was prepared ("row 1,234 · 3f5a 9c21 …"),
    # printed small at the end: a copy on paper no later change to the file can reach.
    audit_fingerprint: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "previous", tuple(self.previous)[:2])
        if self.audit_fingerprint and not _FINGERPRINT.fullmatch(self.audit_fingerprint):
            raise ValueError("audit_fingerprint is a row number and a hash, nothing else")
        get_edition(self.policy_edition)
        for name in ("reviewed_on", "next_review_on"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, date):
                raise ValueError(f"{name} must be a date, not {value!r}")

    @property
    def columns(self) -> tuple[PeriodCounts, ...]:
        """As the tables read: this period, the ones before it, the same one last year."""
        extra = (self.last_year,) if self.last_year is not None else ()
        return (self.current, *self.previous, *extra)

    @property
    def periods(self) -> tuple[PeriodCounts, ...]:
        """Oldest first, for charts that read left to right."""
        return tuple(sorted(self.columns, key=lambda p: p.start))

