"""Reading a date as a UK school office types it: day first, always.

``03/12/2026``, ``3/12/26``, ``03-12-2026``, ``3.12.2026``, ``3 Dec``, ``3rd December 2026``,
``today`` and ``yesterday`` all read; anything else is refused with a sentence that says
why, so the person can put it right (the text they typed is theirs to keep, never replaced).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

EXAMPLE = "Type a date like 03/12/2026"

_MONTHS = [name.lower() for name in calendar.month_name[1:]]
_NUMERIC = re.compile(r"(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})(?:\s*[/.\-\s]\s*(\d+))?")
_WORDED = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s*[\s\-]\s*([a-z]+)\.?(?:[\s,\-]+(\d+))?",
                     re.IGNORECASE)


class UnreadableDate(ValueError):
    """The typed text is not a date; ``str()`` is the sentence to show beside the field."""


def read_typed_date(text: str, today: date, *, year_left_out: str = "past",
                    latest: date | None = None) -> date | None:
    """The date ``text`` means, or None for an empty field ("not known").

    A year left out means, with ``year_left_out="past"``, the most recent such date not
    after ``today`` (what was posted or seen has already happened: "3 Dec" typed on
    2 December means last year's); with ``"coming"`` the soonest not before ``today``
    (a follow-up is due ahead). Two-digit years are this century.
    """
    typed = " ".join(text.split())
    if not typed:
        return None
    lowered = typed.lower()
    if lowered == "today":
        found = today
    elif lowered == "yesterday":
        found = today - timedelta(days=1)
    else:
        found = _read_day_month_year(typed, lowered, today, year_left_out)
    if latest is not None and found > latest:
        raise UnreadableDate(f"\u201c{typed}\u201d is after {latest:%d/%m/%Y}, the latest "
                             "date this can be")
    return found


def _read_day_month_year(typed: str, lowered: str, today: date, year_left_out: str) -> date:
    numeric = _NUMERIC.fullmatch(lowered)
    worded = None if numeric else _WORDED.fullmatch(typed)
    if numeric:
        day, month, year_text = int(numeric[1]), int(numeric[2]), numeric[3]
        if not 1 <= month <= 12:
            raise UnreadableDate(f"\u201c{typed}\u201d is not a date: there is no month "
                                 f"{month} (the day comes first, then the month)")
    elif worded:
        day, year_text = int(worded[1]), worded[3]
        month = _month_named(worded[2])
        if month is None:
            raise UnreadableDate(f"\u201c{typed}\u201d is not a date: \u201c{worded[2]}\u201d "
                                 "is not a month")
    else:
        raise UnreadableDate(EXAMPLE)
    if year_text is None:
        return _year_left_out(typed, day, month, today, year_left_out)
    if len(year_text) not in (2, 4):
        raise UnreadableDate(f"\u201c{typed}\u201d is not a date: the year needs four "
                             "figures (or two)")
    year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise UnreadableDate(f"\u201c{typed}\u201d is not a date: "
                             f"{calendar.month_name[month]} {year} has {days} days")
    return date(year, month, day)


def _month_named(word: str) -> int | None:
    word = word.lower()
    if len(word) < 3:
        return None
    for number, name in enumerate(_MONTHS, start=1):
        if name.startswith(word) or (word == "sept" and number == 9):
            return number
    return None


def _year_left_out(typed: str, day: int, month: int, today: date, direction: str) -> date:
    step = -1 if direction == "past" else 1
    year = today.year
    for _ in range(9):  # 29 February comes round within eight years
        if 1 <= day <= calendar.monthrange(year, month)[1]:
            candidate = date(year, month, day)
            if (candidate <= today) if step < 0 else (candidate >= today):
                return candidate
        year += step
    longest = 29 if month == 2 else calendar.monthrange(2001, month)[1]
    raise UnreadableDate(f"\u201c{typed}\u201d is not a date: {calendar.month_name[month]} "
                         f"has {longest} days")
