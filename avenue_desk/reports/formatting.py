"""Dates, times and lists the way a UK school writes them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def uk_date(day: date | None) -> str:
    """``21 November 2026``: no leading zero, no weekday, never the locale's month names."""
    if day is None:
        return ""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def uk_date_nb(day: date | None) -> str:
    """``uk_date`` with a no-break space after the day, so a line never ends "on 3"."""
    return uk_date(day).replace(" ", "\u00a0", 1)


def uk_date_with_day(day: date) -> str:
    """``Monday 30 November 2026`` (for appointments)."""
    weekday = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    return f"{weekday[day.weekday()]} {uk_date_nb(day)}"


def uk_time(moment: time | datetime) -> str:
    """``9:30am``, ``2:15pm``, ``12 noon``."""
    if moment.hour == 12 and moment.minute == 0:
        return "12 noon"
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{hour}:{moment.minute:02d}{suffix}"


def join_names(names: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    items = [n.strip() for n in names if n.strip()]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def one_line(text: str) -> str:
    """A multi-line address as one line: ``1 High Street, Leeds, LS1 1AA``."""
    return ", ".join(line.strip() for line in text.splitlines() if line.strip())


def clock_time(moment: time | None) -> str:
    """``14:05``: the 24-hour clock, as a statement to the Police gives it ("" unknown)."""
    return "" if moment is None else f"{moment.hour:02d}:{moment.minute:02d}"


def day_and_time(day: date | None, moment: time | None, unknown: str = "not recorded") -> str:
    """``3 October 2026 at 14:05``, or ``3 October 2026 (time not recorded)``; a day not
    known is ``unknown`` whole. Never a time made up for a day that has none."""
    if day is None:
        return unknown
    if moment is None:
        return f"{uk_date(day)} (time {unknown})"
    return f"{uk_date(day)} at {clock_time(moment)}"
