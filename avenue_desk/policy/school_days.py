"""School days: the days a follow-up can fall on.

A school day is a weekday that is not an England and Wales bank holiday (bank_holidays.py)
and falls inside one of the school's terms (terms.py, with the school's own dates from the
``term.*`` settings passed in as ``overrides``). With the default terms only August is a
holiday; a school that sets its own term dates gets its Christmas and Easter holidays too.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time, timedelta

from .bank_holidays import holiday_name, is_bank_holiday
from .terms import TERMS, TermError, term

# When a meeting with a parent may be held: the school's working day, and no later.
SCHOOL_HOURS = (time(8, 0), time(18, 0))

# No school is closed for longer than this; past it something is wrong with the term dates,
# and a follow-up on a plain weekday is better than none.
_LONGEST_CLOSURE = timedelta(days=120)


def in_term(day: date, overrides: Mapping[str, str] | None = None) -> bool:
    """Whether ``day`` falls inside one of the school's terms.

    Raises:
        TermError: if a term date in ``overrides`` cannot be read.
    """
    for name in TERMS:
        each = term(name, day.year, overrides)
        if each.start <= day <= each.end:
            return True
    return False


def why_not_school_day(day: date, overrides: Mapping[str, str] | None = None) -> str:
    """"" for a school day; otherwise what the day is, to finish "…is " ("a Saturday",
    "a bank holiday (Boxing Day (substitute day))", "in the school holidays")."""
    if day.weekday() >= 5:
        return f"a {day:%A}"
    if is_bank_holiday(day):
        return f"a bank holiday ({holiday_name(day)})"
    if not in_term(day, overrides):
        return "in the school holidays"
    return ""


def is_school_day(day: date, overrides: Mapping[str, str] | None = None) -> bool:
    return not why_not_school_day(day, overrides)


def next_school_day(day: date, overrides: Mapping[str, str] | None = None) -> date:
    """``day`` if it is a school day, otherwise the first school day after it."""
    candidate = day
    while not is_school_day(candidate, overrides):
        candidate += timedelta(days=1)
        if candidate - day > _LONGEST_CLOSURE:
            return _next_working_day(day)
    return candidate


def follow_up_after(day: date, days: int, overrides: Mapping[str, str] | None = None) -> date:
    """``days`` after ``day``, moved on to a school day: when a follow-up falls due. Term
    dates that cannot be read give way to the standard terms: a follow-up late is better
    than none (the governors' report says what is wrong with them)."""
    try:
        return next_school_day(day + timedelta(days=days), overrides)
    except TermError:
        return next_school_day(day + timedelta(days=days))


def _next_working_day(day: date) -> date:
    while day.weekday() >= 5 or is_bank_holiday(day):
        day += timedelta(days=1)
    return day
