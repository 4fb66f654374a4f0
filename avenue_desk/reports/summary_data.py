"""What the governor summary is made from: counts only, by design.

There is no free-text field anywhere in these records: the only strings are policy keys
(categories, platforms, steps, edition) and a term key, each checked against the policy's
own tables, so a name or an excerpt cannot reach the summary even by mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from avenue_desk.policy import (
    DEFAULT_EDITION_KEY,
    get_category,
    get_edition,
    get_platform,
    get_step,
)

from .formatting import uk_date

TERMS = ("autumn", "spring", "summer")
NO_STEP = "none"  # furthest step of an incident where nothing has been done yet
SMALL = 3  # counts below this (and above zero) are never printed


def suppress_small(n: int) -> str:
    """``"fewer than 3"`` for 1 and 2, so a small school's governors cannot identify a family."""
    if 0 < n < SMALL:
        return f"fewer than {SMALL}"
    return str(n)


def _counts(name: str, pairs, check) -> tuple[tuple[str, int], ...]:
    checked = []
    for key, count in pairs:
        check(key)
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(f"{name}: the count for {key!r} must be a whole number, not {count!r}")
        checked.append((key, count))
    return tuple(checked)


def _step_or_none(key: str) -> None:
    if key != NO_STEP:
        get_step(key)


@dataclass(frozen=True)
class PeriodCounts:
    """The counts for one term (or one date range)."""

    start: date
    end: date
    term: str | None = None  # one of TERMS, or None for any other date range
    total: int = 0
    by_category: tuple[tuple[str, int], ...] = ()
    by_platform: tuple[tuple[str, int], ...] = ()
    by_furthest_step: tuple[tuple[str, int], ...] = ()  # step key or NO_STEP
    removed: int = 0
    median_days_to_removal: float | None = None
    open_cases: int = 0
    overdue_follow_ups: int = 0
    police_referrals: int = 0
    legal_referrals: int = 0

    def __post_init__(self) -> None:
        if self.term is not None and self.term not in TERMS:
            raise ValueError(f"Unknown term {self.term!r}; terms: {', '.join(TERMS)}.")
        if self.end < self.start:
            raise ValueError("A period cannot end before it starts.")
        fix = object.__setattr__
        fix(self, "by_category", _counts("by_category", self.by_category, get_category))
        fix(self, "by_platform", _counts("by_platform", self.by_platform, get_platform))
        fix(
            self,
            "by_furthest_step",
            _counts("by_furthest_step", self.by_furthest_step, _step_or_none),
        )
        for name in (
            "total",
            "removed",
            "open_cases",
            "overdue_follow_ups",
            "police_referrals",
            "legal_referrals",
        ):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{name} must be a whole number, not {value!r}")

    @property
    def label(self) -> str:
        """``Autumn term 2026``; a custom range is named by its dates."""
        if self.term is not None:
            return f"{self.term.capitalize()} term {self.start.year}"
        return f"{uk_date(self.start)} to {uk_date(self.end)}"

    @property
    def short_label(self) -> str:
        if self.term is not None:
            return f"{self.term.capitalize()} {self.start.year}"
        return f"{self.start:%d/%m/%y}–{self.end:%d/%m/%y}"

    @property
    def dates(self) -> str:
        return f"{uk_date(self.start)} to {uk_date(self.end)}"

    def count(self, table: str, key: str) -> int:
        return dict(getattr(self, table)).get(key, 0)


@dataclass(frozen=True)
class SummaryData:
    """A term's counts, the two terms before it (most recent first), and the policy with
    the governors' last review of it (dates only: the review's note is not reported)."""

    current: PeriodCounts
    prepared_on: date
    previous: tuple[PeriodCounts, ...] = ()
    policy_edition: str = DEFAULT_EDITION_KEY
    reviewed_on: date | None = None  # None: no review recorded for the edition
    next_review_on: date | None = None  # set with the review (a year on when not)

    def __post_init__(self) -> None:
        object.__setattr__(self, "previous", tuple(self.previous)[:2])
        get_edition(self.policy_edition)
        for name in ("reviewed_on", "next_review_on"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, date):
                raise ValueError(f"{name} must be a date, not {value!r}")

    @property
    def periods(self) -> tuple[PeriodCounts, ...]:
        """Oldest first, for charts that read left to right."""
        return (*reversed(self.previous), self.current)
