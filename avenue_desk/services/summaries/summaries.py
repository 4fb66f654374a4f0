"""The governors' report: counts for a term, the summer holiday, a month (or, for the
Headteacher and the office, any dates), compared with the periods before and the same one a
year before.

``counting`` counts, day by day, in the database; ``periods`` decides which dates are
counted; ``policy/disclosure.py`` decides what may be printed of each count. What comes out
is ``SummaryData``: counts, policy keys and the counts to print as "not shown". No name,
excerpt or other free text is ever read here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from avenue_desk.policy import ReviewStatus
from avenue_desk.policy.access import Operation
from avenue_desk.policy.disclosure import (
    WITHHELD,
    any_small_piece,
    has_small_piece,
    in_range,
    is_small,
    pieces,
    protect_totals,
    state_of,
)
from avenue_desk.policy.report_periods import (
    month_end,
    parse_month,
    parse_period,
    recent_periods,
)
from avenue_desk.policy.terms import Term, TermError
from avenue_desk.reports.summary_data import GLANCE, PeriodCounts, SummaryData
from avenue_desk.services.core.audit_anchors import fingerprint
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.core.school import school_details
from avenue_desk.services.core.validation import uk_date
from avenue_desk.services.summaries.counting import Cell, Daily, daily_counts, median_days
from avenue_desk.services.summaries.periods import (
    MONTH,
    PERIOD,
    Span,
    periods_over,
    plan,
    whole_period_or_month,
)
from avenue_desk.services.summaries.policy_review import review_in_force

# The tables whose lines add up to the number of incidents (one platform, one furthest step
# each): rule 3 of policy/disclosure.py keeps a hidden line from being worked out from them.
PARTITIONS = ("by_platform", "by_furthest_step")
TOTAL: Cell = ("glance", "total")


class SummaryService:
    """Anonymous counts for governors: the Headteacher, the office and governors."""

    def __init__(self, db, clock, settings, guard, audit):
        self._db = db
        self._clock = clock
        self._settings = settings
        self._guard = guard
        self._audit = audit

    def policy_review(self) -> tuple[str, ReviewStatus]:
        """The policy edition in force and whether its review is due (for governors too),
        from the review governors last held when one is recorded."""
        self._guard.require(Operation.POLICY_REVIEW_STATUS)
        with self._db.read() as session:
            review = review_in_force(session, self._clock.today())
        return review.edition.title, review.status

    # --- periods ------------------------------------------------------------------------

    def _overrides(self) -> dict[str, str]:
        extra = self._settings.load().extra
        return {k: v for k, v in extra.items() if k.startswith("term.")}

    def term(self, key: str) -> Term:
        """``autumn-2026`` or ``summer-holiday-2026``: the reporting period, with the school's
        own term dates where Settings gives them."""
        try:
            return parse_period(key, self._overrides())
        except TermError as error:
            raise ServiceError(str(error)) from error

    def month(self, key: str) -> tuple[date, date]:
        """``2026-11`` as its first and last days."""
        try:
            first = parse_month(key)
        except TermError as error:
            raise ServiceError(str(error)) from error
        return first, month_end(first)

    def recent_terms(self, count: int = 8) -> tuple[Term, ...]:
        """Reporting periods, newest first: from the one under way for those who may choose
        any dates, otherwise from the last one that is over."""
        today, overrides = self._clock.today(), self._overrides()
        try:
            found = recent_periods(today, count + 1, overrides)
        except TermError as error:
            raise ServiceError(str(error)) from error
        if not self.any_dates():
            found = tuple(p for p in found if p.end < today)
        return found[:count]

    def recent_months(self, count: int = 12) -> tuple[date, ...]:
        """The first days of recent months, newest first: from this month for those who may
        choose any dates, otherwise from the last month whose term is over."""
        today, overrides = self._clock.today(), self._overrides()
        at, found = date(today.year, today.month, 1), []
        limited = not self.any_dates()
        try:
            while len(found) < count:
                if not limited or max(p.end for p in periods_over(
                        at, month_end(at), overrides)) < today:
                    found.append(at)
                at = date(at.year - (at.month == 1), (at.month - 2) % 12 + 1, 1)
        except TermError as error:
            raise ServiceError(str(error)) from error
        return tuple(found)

    def any_dates(self) -> bool:
        """Whether this account may ask for any dates and a term to date (the Headteacher and
        the office), rather than whole terms and months once they are over (governors)."""
        return self._guard.allowed(Operation.SUMMARY_ANY_DATES)

    # --- the data -----------------------------------------------------------------------

    def build(self, start: date, end: date) -> SummaryData:
        """Counts for ``start``–``end`` with what they are compared with (periods.py)."""
        self._guard.require(Operation.GOVERNOR_SUMMARY)
        today, overrides = self._clock.today(), self._overrides()
        if not whole_period_or_month(start, end, overrides):
            self._guard.require(Operation.SUMMARY_ANY_DATES)  # refused, saying why
        chosen = plan(start, end, today, self.any_dates(), overrides)
        spans = [chosen.current, *chosen.previous]
        if chosen.last_year is not None:
            spans.append(chosen.last_year)
        try:  # a month gives way to the whole periods it is part of
            around = {s: periods_over(s.start, s.full_end, overrides) for s in spans
                      if s.kind == MONTH}
        except TermError as error:
            raise ServiceError(str(error)) from error
        wider = [(p.start, p.end) for found in around.values() for p in found]
        low = min([s.start for s in spans] + [a for a, _b in wider])
        high = max([s.full_end for s in spans] + [b for _a, b in wider])
        with self._db.read() as session:
            daily = daily_counts(session, low, high, today)
            medians = [(median_days(session, s.start, s.end, "removal", self._db.is_sqlite),
                        median_days(session, s.start, s.end, "response", self._db.is_sqlite))
                       for s in spans]
            review = review_in_force(session, today)
        dirty = {p: _dirty(p, daily) for found in around.values() for p in found}
        counted = [_period(span, daily, removal, response,
                           [dirty[p] for p in around.get(span, [])])
                   for span, (removal, response) in zip(spans, medians, strict=True)]
        last = counted.pop() if chosen.last_year is not None else None
        return SummaryData(counted[0], today, tuple(counted[1:]), review.edition.key,
                           review.reviewed_on, review.due_by if review.reviewed_on else None,
                           last, fingerprint(*self._audit.last_row()))

    def build_term(self, key: str) -> SummaryData:
        chosen = self.term(key)
        return self.build(chosen.start, chosen.end)

    def build_month(self, key: str) -> SummaryData:
        return self.build(*self.month(key))

    # --- the document -------------------------------------------------------------------

    def render(self, start: date, end: date) -> bytes:
        return self.render_data(self.build(start, end))

    def render_data(self, data: SummaryData) -> bytes:
        from avenue_desk.reports import GovernorSummary, ReportError

        self._guard.require(Operation.GOVERNOR_SUMMARY)
        try:
            return GovernorSummary(school_details(self._settings.load()), data).render()
        except ReportError as error:
            raise ServiceError(f"The governors' report cannot be printed: {error}") from error

    def file_name(self, data: SummaryData) -> str:
        current = data.current
        if current.to_date:  # reports made on different days are different files
            label = f"{current.name} to {uk_date(current.end)}"
        else:
            label = current.label if current.term or current.is_month else current.dates
        return f"Report to governors - {label}.pdf"

    def record_output(self, data: SummaryData, action: str = "saved",
                      file_name: str = "") -> None:
        """The report saved or printed, for the audit trail."""
        actor = self._guard.require(Operation.GOVERNOR_SUMMARY)
        what = "printed" if action == "printed" else "saved"
        self._audit.record_now(actor, "print" if action == "printed" else "save", "document",
                               None, f"Report to governors ({data.current.label}) {what}"
                               + (f" ({file_name})" if file_name else ""))


@dataclass(frozen=True)
class _Dirty:
    """What a whole reporting period means for the months it overlaps (rule 2 of
    policy/disclosure.py): the lines those months do not show, whether their totals are
    not shown, and whether a platform or furthest-step line has 1 or 2 in a month (so that
    a month's total, unless small itself, is not shown either)."""

    period: Term
    lines: frozenset[Cell]
    total: bool
    partitions: bool


def _cells(span: Span, daily: Daily) -> dict[Cell, int]:
    """Every count of the span: the glance counts, and each table's lines that are not 0."""
    found = {("glance", key): in_range(daily.get(("glance", key), {}), span.start, span.end)
             for key in GLANCE}
    for cell, days in daily.items():
        if cell[0] != "glance" and (n := in_range(days, span.start, span.end)):
            found[cell] = n
    return found


def _protect_totals(counts: dict[Cell, int], withheld: set[Cell]) -> set[Cell]:
    """Rule 3: the platforms and the furthest steps add up to the incidents logged."""
    total = counts[TOTAL]
    columns = [{key: (n, state_of(n, (table, key) in withheld))
                for (table, key), n in counts.items() if table == part}
               for part in PARTITIONS]
    total_state, states = protect_totals(total, state_of(total, TOTAL in withheld), columns)
    found = set(withheld)
    if total_state == WITHHELD:
        found.add(TOTAL)
    for table, column in zip(PARTITIONS, states, strict=True):
        found |= {(table, key) for key, state in column.items() if state == WITHHELD}
    return found


def _dirty(period: Term, daily: Daily) -> _Dirty:
    span = Span(period.start, period.end, period.end, period.name, kind=PERIOD)
    counts = _cells(span, daily)
    months = span.months()
    own = _protect_totals(counts, set())  # what the period's own report does not show
    lines = {cell for cell in counts if cell in own
             or has_small_piece(daily.get(cell, {}), months)}
    partitions = any(table in PARTITIONS or (table, key) == TOTAL for table, key in own) or any(
        any_small_piece(daily.get(cell, {}), months) for cell in counts
        if cell[0] in PARTITIONS)
    return _Dirty(period, frozenset(lines), TOTAL in lines, partitions)


def _withheld(span: Span, daily: Daily, counts: dict[Cell, int],
              around: list[_Dirty]) -> set[Cell]:
    """The counts of one column printed as "not shown" (policy/disclosure.py): a month's
    give way to the periods it is part of (rule 2), then rule 3 for every column."""
    withheld: set[Cell] = set()
    if around:  # a month: split where a period starts within it, too
        own = pieces(span.start, span.end, [d.period.start for d in around])
        withheld = {cell for cell in counts if any(cell in d.lines for d in around)
                    or has_small_piece(daily.get(cell, {}), own)}
        if any(d.total for d in around) or any(d.partitions for d in around) and not \
                is_small(counts[TOTAL]):
            withheld.add(TOTAL)
    return {cell for cell in _protect_totals(counts, withheld) if counts.get(cell)}


def _period(span: Span, daily: Daily, removal, response,
            around: list[_Dirty]) -> PeriodCounts:
    """One column's counts, with the counts that may not be printed marked."""
    counts = _cells(span, daily)
    withheld = _withheld(span, daily, counts, around)

    def table(name: str) -> tuple[tuple[str, int], ...]:
        return tuple(sorted((key, n) for (t, key), n in counts.items() if t == name))

    (_removed, removal_median), (_responded, response_median) = removal, response
    return PeriodCounts(
        span.start, span.end, span.term,
        total=counts[TOTAL],
        by_category=table("by_category"),
        by_platform=table("by_platform"),
        steps_taken=table("steps_taken"),
        by_furthest_step=table("by_furthest_step"),
        removed=counts["glance", "removed"],
        median_days_to_removal=removal_median,
        responded=counts["glance", "responded"],
        median_days_to_first_response=response_median,
        open_cases=counts["glance", "open_cases"],
        overdue_follow_ups=counts["glance", "overdue_follow_ups"],
        full_end=span.full_end if span.full_end != span.end else None,
        to_date=span.to_date,
        withheld=tuple(sorted(withheld)),
    )
