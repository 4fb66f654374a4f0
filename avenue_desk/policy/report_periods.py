"""The reporting periods of the governors' report, which cover the whole year without a
gap: each term runs on to the day before the next period starts (the Christmas and Easter
holidays count with the term before them), and the summer holiday, from the day after the
summer term to the day before the autumn term, is a period of its own (so a post made in
August is in a report). Whole calendar months are the other periods governors may ask for.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta

from .terms import HOLIDAY, KEY_PATTERN, ORDER, PERIODS, Term, TermError, term

_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


def _period_order(name: str, year: int) -> tuple[str, int]:
    """The period after ``name`` in ``year``."""
    at = PERIODS.index(name)
    return (PERIODS[at + 1], year) if at + 1 < len(PERIODS) else (PERIODS[0], year + 1)


def _period_before(name: str, year: int) -> tuple[str, int]:
    at = PERIODS.index(name)
    return (PERIODS[at - 1], year) if at else (PERIODS[-1], year - 1)


def report_period(name: str, year: int, overrides: Mapping[str, str] | None = None) -> Term:
    """A reporting period: a term from its first day to the day before the next period
    starts, or the summer holiday between the summer and autumn terms.

    Raises:
        TermError: an unknown name, unreadable term dates, or (for the summer holiday) a
        school whose autumn term starts the day after its summer term ends.
    """
    name = name.lower().replace(" ", "-")
    if name not in PERIODS:
        raise TermError(f"Unknown period “{name}”: choose autumn, spring, summer or "
                        "summer-holiday.")
    if name == HOLIDAY:
        start = term("summer", year, overrides).end + timedelta(days=1)
        end = term("autumn", year, overrides).start - timedelta(days=1)
        if end < start:
            raise TermError(f"The school's autumn term {year} starts the day after its summer "
                            "term ends, so there is no summer holiday to report on.")
        return Term(year, ORDER[name], name, start, end)
    own = term(name, year, overrides)
    following, following_year = _period_order(name, year)
    if following == HOLIDAY:
        return Term(year, own.index, name, own.start, own.end)
    after = term(following, following_year, overrides).start - timedelta(days=1)
    if after < own.start:
        raise TermError(f"The {following} term {following_year} starts before the {name} "
                        f"term {year}: check the term dates in Settings.")
    return Term(year, ORDER[name], name, own.start, after)


def parse_period(text: str, overrides: Mapping[str, str] | None = None) -> Term:
    """``autumn-2026``, ``summer-holiday-2026`` (or ``Summer holiday 2026``)."""
    match = KEY_PATTERN.match(text or "")
    if not match:
        raise TermError(f"“{text}” is not a term: write it like autumn-2026, spring-2027, "
                        "summer-2027 or summer-holiday-2027.")
    name = re.sub(r"[-\s]+", "-", match.group(1).lower())
    return report_period(name, int(match.group(2)), overrides)


def _existing(name: str, year: int, overrides: Mapping[str, str] | None,
              step) -> Term:
    """The period ``name`` of ``year``, or the next one ``step`` gives when a school has no
    summer holiday between its terms."""
    for _ in range(2):
        try:
            return report_period(name, year, overrides)
        except TermError:
            if name != HOLIDAY:
                raise
            name, year = step(name, year)
    raise TermError("No reporting period found.")  # not reached: two holidays in a row


def period_before(period: Term, overrides: Mapping[str, str] | None = None) -> Term:
    name, year = _period_before(period.name, period.year)
    return _existing(name, year, overrides, _period_before)


def period_on(day: date, overrides: Mapping[str, str] | None = None) -> Term:
    """The reporting period ``day`` falls in (every day falls in exactly one)."""
    for year in (day.year - 1, day.year):
        for name in PERIODS:
            try:
                candidate = report_period(name, year, overrides)
            except TermError:
                if name == HOLIDAY:
                    continue
                raise
            if candidate.start <= day <= candidate.end:
                return candidate
    return report_period("autumn", day.year, overrides)  # only with unusual term dates


def recent_periods(today: date, count: int = 8,
                   overrides: Mapping[str, str] | None = None) -> tuple[Term, ...]:
    """The period under way and those before it, newest first (for a chooser)."""
    found = [period_on(today, overrides)]
    while len(found) < count:
        found.append(period_before(found[-1], overrides))
    return tuple(found)


def terms_before(period: Term, count: int = 2,
                 overrides: Mapping[str, str] | None = None) -> tuple[Term, ...]:
    """What a period is compared with: for a term, the ``count`` terms before it (the
    summer holiday is compared only with summer holidays); most recent first."""
    found, at = [], period
    while len(found) < count:
        at = period_before(at, overrides)
        if at.is_holiday == period.is_holiday:
            found.append(at)
    return tuple(found)


def same_period_a_year_before(period: Term,
                              overrides: Mapping[str, str] | None = None) -> Term:
    return _existing(period.name, period.year - 1, overrides, _period_before)


def matching_period(start: date, end: date,
                    overrides: Mapping[str, str] | None = None) -> Term | None:
    """The reporting period whose dates are exactly ``start``–``end``, if there is one."""
    for year in (start.year - 1, start.year):
        for name in PERIODS:
            try:
                candidate = report_period(name, year, overrides)
            except TermError:
                continue
            if candidate.start == start and candidate.end == end:
                return candidate
    return None


def parse_month(text: str) -> date:
    """``2026-11`` as the first day of that month."""
    match = _MONTH.match(text or "")
    if not match or not 1 <= int(match.group(2)) <= 12 or not 1900 <= int(match.group(1)):
        raise TermError(f"“{text}” is not a month: write it like 2026-11.")
    return date(int(match.group(1)), int(match.group(2)), 1)


def month_end(first: date) -> date:
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following - timedelta(days=1)


def is_whole_month(start: date, end: date) -> bool:
    return start.day == 1 and end == month_end(start)
