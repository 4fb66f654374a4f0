"""School terms: Autumn, Spring and Summer, and their dates; and the reporting periods of
the governors' report, which cover the whole year.

By default Autumn runs from 1 September to 31 December, Spring from 1 January to Easter
Sunday, and Summer from Easter Monday to 31 July (August is the summer holiday). A school's
own dates can be set in Settings under ``term.<name>-<year>.start`` and ``.end`` (ISO
dates, e.g. ``term.autumn-2026.start`` = ``2026-09-03``); each bound left unset keeps its
default.

The governors' report counts by *reporting period*, so that no day of the year falls in
none: each term runs on to the day before the next period starts (the Christmas and Easter
holidays count with the term before them), and the summer holiday, from the day after the
summer term to the day before the autumn term, is a period of its own. ``term()`` keeps
the school's own term dates (for school days); report_periods.py gives the periods.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

TERMS = ("autumn", "spring", "summer")
HOLIDAY = "summer-holiday"
# The reporting periods of a calendar year, in order.
PERIODS = ("spring", "summer", HOLIDAY, "autumn")
# A term or reporting period as typed: "autumn-2026", "Summer holiday 2026".
KEY_PATTERN = re.compile(r"^\s*(autumn|spring|summer|summer[-\s]holiday)[-\s]+(\d{4})\s*$",
                         re.IGNORECASE)


class TermError(ValueError):
    """A term name or date that cannot be understood; ``str()`` says what is expected."""


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


@dataclass(frozen=True, order=True)
class Term:
    """A term, or a reporting period (a term with the holiday after it, or the summer
    holiday)."""

    year: int
    index: int  # 0 spring, 1 summer, 2 the summer holiday, 3 autumn: the order in a year
    name: str
    start: date
    end: date

    @property
    def key(self) -> str:
        return f"{self.name}-{self.year}"

    @property
    def label(self) -> str:
        if self.name == HOLIDAY:
            return f"Summer holiday {self.year}"
        return f"{self.name.capitalize()} term {self.year}"

    @property
    def is_holiday(self) -> bool:
        return self.name == HOLIDAY


ORDER = {name: n for n, name in enumerate(PERIODS)}


def default_dates(name: str, year: int) -> tuple[date, date]:
    if name == "autumn":
        return date(year, 9, 1), date(year, 12, 31)
    easter = easter_sunday(year)
    if name == "spring":
        return date(year, 1, 1), easter
    if name == "summer":
        return easter + timedelta(days=1), date(year, 7, 31)
    raise TermError(f"Unknown term “{name}”: choose autumn, spring or summer.")


def _override(overrides: Mapping[str, str], key: str, default: date) -> date:
    text = (overrides.get(key) or "").strip()
    if not text:
        return default
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise TermError(f"The setting {key} = “{text}” is not a date like 2026-09-03.") from exc


def term(name: str, year: int, overrides: Mapping[str, str] | None = None) -> Term:
    name = name.lower()
    if name not in TERMS:
        raise TermError(f"Unknown term “{name}”: choose autumn, spring or summer.")
    if not 1900 <= year <= 9999:
        raise TermError(f"{year} is not a year a school term can be in.")
    start, end = default_dates(name, year)
    overrides = overrides or {}
    start = _override(overrides, f"term.{name}-{year}.start", start)
    end = _override(overrides, f"term.{name}-{year}.end", end)
    if end < start:
        raise TermError(f"The {name} term {year} ends before it starts: check its dates in "
                        "Settings.")
    return Term(year, ORDER[name], name, start, end)


def parse_term(text: str, overrides: Mapping[str, str] | None = None) -> Term:
    """``autumn-2026`` (or ``Autumn 2026``) as a Term."""
    match = KEY_PATTERN.match(text or "")
    if not match or "holiday" in match.group(1).lower():
        raise TermError(f"“{text}” is not a term: write it like autumn-2026, spring-2027 or "
                        "summer-2027.")
    return term(match.group(1).lower(), int(match.group(2)), overrides)


def previous_term(current: Term, overrides: Mapping[str, str] | None = None) -> Term:
    if current.name == "autumn":
        return term("summer", current.year, overrides)
    if current.name == "summer":
        return term("spring", current.year, overrides)
    return term("autumn", current.year - 1, overrides)


def previous_terms(current: Term, count: int = 2,
                   overrides: Mapping[str, str] | None = None) -> tuple[Term, ...]:
    """The ``count`` terms before ``current``, most recent first."""
    found, at = [], current
    for _ in range(count):
        at = previous_term(at, overrides)
        found.append(at)
    return tuple(found)


def term_on(day: date, overrides: Mapping[str, str] | None = None) -> Term:
    """The term ``day`` falls in; in the summer holiday, the summer term just ended."""
    for name in ("spring", "summer", "autumn"):
        candidate = term(name, day.year, overrides)
        if candidate.start <= day <= candidate.end:
            return candidate
    candidates = [term(n, y, overrides) for y in (day.year - 1, day.year) for n in TERMS]
    return max(t for t in candidates if t.end < day)


def recent_terms(today: date, count: int = 6,
                 overrides: Mapping[str, str] | None = None) -> tuple[Term, ...]:
    """The current term and those before it, newest first (for a chooser)."""
    current = term_on(today, overrides)
    return (current, *previous_terms(current, count - 1, overrides))
