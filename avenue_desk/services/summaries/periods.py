"""Which dates a governors' report counts, and what it is compared with.

* A reporting period (a term, or the summer holiday: policy/terms.py) is compared with the
  two terms before it and the same term a year before; the summer holiday with the two
  summer holidays before it.
* A month, with the two months before it and the same month a year before.
* Any other dates, with the two spans of the same length before them and the same dates a
  year before.

A period still under way is counted "to date", and each period it is compared with is
counted for the same number of days from its own start, so that eleven weeks of one term
are never set beside the whole of another.

Governors see whole reporting periods and whole months, once they are over (a month, once
the term it is part of is over): so the reports they can ask for never differ by a day or
a week, and the rules of policy/disclosure.py hold between them. The Headteacher and the
office may choose any dates, with the same rules for what is printed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from avenue_desk.policy.disclosure import month_starts, pieces
from avenue_desk.policy.report_periods import (
    is_whole_month,
    matching_period,
    month_end,
    period_on,
    same_period_a_year_before,
    terms_before,
)
from avenue_desk.policy.retention import add_months
from avenue_desk.policy.terms import Term, TermError
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.core.validation import uk_date

PERIOD, MONTH, OTHER = "period", "month", "other"


@dataclass(frozen=True)
class Span:
    """One column of the report: counted from ``start`` to ``end``, of a period that runs to
    ``full_end``; ``kind`` is PERIOD or MONTH for a whole one, OTHER for any other dates
    (and for a period counted only part of the way)."""

    start: date
    end: date
    full_end: date
    term: str | None = None
    to_date: bool = False
    kind: str = OTHER

    def months(self) -> list[tuple[date, date]]:
        """The days counted, split at each month start (rule 2 of policy/disclosure.py)."""
        return pieces(self.start, self.end, month_starts(self.start, self.end))


@dataclass(frozen=True)
class Plan:
    current: Span
    previous: tuple[Span, ...]
    last_year: Span | None


def _clip(start: date, full_end: date, days: int | None, term: str | None,
          kind: str) -> Span:
    end = full_end if days is None else min(full_end, start + timedelta(days=days - 1))
    return Span(start, end, full_end, term, kind=kind if end == full_end else OTHER)


def _a_year_before(day: date) -> date:
    return add_months(day, -12)


def whole_period_or_month(start: date, end: date, overrides: Mapping[str, str]) -> bool:
    """Whether ``start``–``end`` is a reporting period or a calendar month, exactly."""
    try:
        return is_whole_month(start, end) or matching_period(start, end, overrides) is not None
    except TermError as error:
        raise ServiceError(str(error)) from error


def plan(start: date, end: date, today: date, any_dates: bool,
         overrides: Mapping[str, str]) -> Plan:
    """What to count for ``start``–``end``, asked for on ``today``.

    Raises:
        ServiceError: dates the report cannot cover; or, for an account that may not choose
        any dates, dates that are not a whole reporting period or month that is over.
    """
    if end < start:
        raise ServiceError(f"The report cannot end ({uk_date(end)}) before it starts "
                           f"({uk_date(start)}).")
    if start > today:
        raise ServiceError(f"The report cannot start after today ({uk_date(start)} is still "
                           "to come).")
    try:
        period = matching_period(start, end, overrides)
        month = period is None and is_whole_month(start, end)
        if not any_dates:
            _check_over(start, end, today, period, month, overrides)
    except TermError as error:
        raise ServiceError(str(error)) from error
    if period is None and not month and not any_dates:
        raise ServiceError(
            "Reports for governors cover a whole term, the summer holiday or a whole month, "
            "so that no two reports can be compared to single out an incident. Choose a term "
            "or a month; the Headteacher or the office can choose other dates.")
    cut = min(end, today)
    days = (cut - start).days + 1 if cut < end else None
    kind = PERIOD if period is not None else MONTH if month else OTHER
    term = period.name if period is not None else None
    current = Span(start, cut, end, term, to_date=cut < end,
                   kind=kind if cut == end else OTHER)
    try:
        if period is not None:
            before = [_clip(p.start, p.end, days, p.name, PERIOD)
                      for p in terms_before(period, 2, overrides)]
            last = None
            if not period.is_holiday:
                same = same_period_a_year_before(period, overrides)
                last = _clip(same.start, same.end, days, same.name, PERIOD)
        elif month:
            firsts = [add_months(start, -n) for n in (1, 2)]
            before = [_clip(first, month_end(first), days, None, MONTH) for first in firsts]
            a_year = add_months(start, -12)
            last = _clip(a_year, month_end(a_year), days, None, MONTH)
        else:
            length = end - start
            before, at = [], start
            for _ in range(2):
                at_end = at - timedelta(days=1)
                at = at_end - length
                before.append(_clip(at, at_end, days, None, OTHER))
            last = _clip(add_months(start, -12), add_months(end, -12), days, None, OTHER)
    except TermError as error:
        raise ServiceError(str(error)) from error
    return Plan(current, tuple(before), last)


def periods_over(start: date, end: date, overrides: Mapping[str, str]) -> list[Term]:
    """The reporting periods the days ``start``–``end`` fall in."""
    found = [period_on(start, overrides)]
    while found[-1].end < end:
        found.append(period_on(found[-1].end + timedelta(days=1), overrides))
    return found


def _check_over(start: date, end: date, today: date, period: Term | None, month: bool,
                overrides: Mapping[str, str]) -> None:
    """For governors: a whole period once it is over, a month once its terms are over."""
    if period is not None and end >= today:
        raise ServiceError(
            f"{period.label} is not over yet: governors' "
            "reports cover whole terms once they have ended, so this one can be made from "
            f"{uk_date(end + timedelta(days=1))}. The Headteacher or the office can make a "
            "report to date.")
    if month:
        last = max(p.end for p in periods_over(start, end, overrides))
        if last >= today:
            raise ServiceError(
                f"{start:%B %Y} is part of a term not yet over: governors' reports cover a "
                "month once its term has ended (so that the month and the term cannot be "
                f"compared), so this one can be made from {uk_date(last + timedelta(days=1))}.")
