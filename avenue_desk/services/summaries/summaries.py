"""The governors' report: counts for a term (or any dates), compared with the two before.

Every count is made by the database (``GROUP BY``), so a school with 100,000 incidents gets
its report in well under a second beyond the queries. What comes out is ``SummaryData``:
counts and policy keys only. No name, excerpt or other free text is ever read here.

Definitions (each period takes the incidents *posted* between its dates, inclusive):

* furthest step: the latest step on the policy's ladder recorded for the incident, leaving
  out closing, reopening and "post confirmed removed" (removal is an outcome, counted on its
  own); an incident with none of those counts as "no step recorded yet";
* removed: a removal was confirmed (any action with removal confirmed); days to removal are
  from the day it was posted to the first confirmation, and the median is printed only over
  three or more removals;
* open cases, overdue follow-ups: as they stand today (a follow-up is overdue when the
  earliest one still to do is before today and the case is open);
* police and legal referrals: incidents with a "Contact the Police" action, and with a
  "Legal advice or legal action" or "Other legal action" action.

The code of conduct module will add its own counts beside these: ``build`` is the one place
that assembles the report's data.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import case, distinct, func, select
from sqlalchemy.orm import Session

from avenue_desk.policy import STEPS, ReviewStatus
from avenue_desk.policy.access import Operation
from avenue_desk.policy.terms import (
    Term,
    TermError,
    matching_term,
    parse_term,
    previous_terms,
    recent_terms,
)
from avenue_desk.reports.summary_data import NO_STEP, PeriodCounts, SummaryData
from avenue_desk.services.core.database import Database
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.core.school import school_details
from avenue_desk.services.core.validation import uk_date
from avenue_desk.services.summaries.policy_review import review_in_force
from avenue_desk.store.models import ACTION_CURRENT, Action, Incident, IncidentCategory

# Steps as they stand: not a version a correction replaced, nor a step withdrawn.
STANDING = Action.status == ACTION_CURRENT
NOT_A_RUNG = ("close", "reopen", "content_removed")
LADDER = tuple(s.key for s in STEPS if s.key not in NOT_A_RUNG)
LEGAL_STEPS = ("legal_advice", "other_legal_action")


def _in_period(start: date, end: date):
    return Incident.posted_on.between(start, end)


class SummaryService:
    """Anonymous counts for governors: the Headteacher, the office and governors."""

    def __init__(self, db: Database, clock, settings, guard, audit):
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

    # --- terms --------------------------------------------------------------------------

    def _overrides(self) -> dict[str, str]:
        extra = self._settings.load().extra
        return {k: v for k, v in extra.items() if k.startswith("term.")}

    def term(self, key: str) -> Term:
        """``autumn-2026`` with the school's own dates where Settings gives them."""
        try:
            return parse_term(key, self._overrides())
        except TermError as error:
            raise ServiceError(str(error)) from error

    def recent_terms(self, count: int = 6) -> tuple[Term, ...]:
        return recent_terms(self._clock.today(), count, self._overrides())

    # --- the data -----------------------------------------------------------------------

    def build(self, start: date, end: date) -> SummaryData:
        """Counts for ``start``–``end``; when those are a term's dates, with the two terms
        before it, otherwise with the two periods of the same length just before."""
        self._guard.require(Operation.GOVERNOR_SUMMARY)
        if end < start:
            raise ServiceError(f"The report cannot end ({uk_date(end)}) before it starts "
                               f"({uk_date(start)}).")
        overrides = self._overrides()
        current = matching_term(start, end, overrides)
        if current is not None:
            periods = [(t.start, t.end, t.name) for t in (current, *previous_terms(
                current, 2, overrides))]
        else:
            length = end - start
            periods = [(start, end, None)]
            for _ in range(2):
                prev_end = periods[-1][0] - timedelta(days=1)
                periods.append((prev_end - length, prev_end, None))
        today = self._clock.today()
        with self._db.read() as session:
            counted = [self._counts(session, s, e, name, today) for s, e, name in periods]
            review = review_in_force(session, today)
        return SummaryData(counted[0], today, tuple(counted[1:]), review.edition.key,
                           review.reviewed_on, review.due_by if review.reviewed_on else None)

    def build_term(self, key: str) -> SummaryData:
        chosen = self.term(key)
        return self.build(chosen.start, chosen.end)

    def _counts(self, session: Session, start: date, end: date, name: str | None,
                today: date) -> PeriodCounts:
        period = _in_period(start, end)

        def count(*where) -> int:
            return session.scalar(select(func.count()).select_from(Incident).where(period,
                                                                                  *where)) or 0

        def incidents_with(*steps) -> int:
            stmt = (select(func.count(distinct(Action.incident_id)))
                    .join(Incident, Incident.id == Action.incident_id)
                    .where(period, STANDING, Action.step.in_(steps)))
            return session.scalar(stmt) or 0

        total = count()
        by_category = session.execute(
            select(IncidentCategory.category, func.count())
            .join(Incident, Incident.id == IncidentCategory.incident_id)
            .where(period).group_by(IncidentCategory.category)
            .order_by(IncidentCategory.category)).all()
        by_platform = session.execute(
            select(Incident.platform, func.count()).where(period)
            .group_by(Incident.platform).order_by(Incident.platform)).all()
        removed, median = self._removals(session, period)
        return PeriodCounts(
            start, end, name,
            total=total,
            by_category=tuple((k, n) for k, n in by_category),
            by_platform=tuple((k, n) for k, n in by_platform),
            by_furthest_step=self._furthest(session, period, total),
            removed=removed,
            median_days_to_removal=median,
            open_cases=count(Incident.phase != "closed"),
            overdue_follow_ups=count(Incident.phase != "closed",
                                     Incident.next_follow_up < today),
            police_referrals=incidents_with("police"),
            legal_referrals=incidents_with(*LEGAL_STEPS),
        )

    @staticmethod
    def _furthest(session: Session, period, total: int) -> tuple[tuple[str, int], ...]:
        rung = case({key: n for n, key in enumerate(LADDER)}, value=Action.step)
        per_incident = (
            select(func.max(rung).label("rung"))
            .join(Incident, Incident.id == Action.incident_id)
            .where(period, STANDING, Action.step.in_(LADDER))
            .group_by(Action.incident_id)
            .subquery()
        )
        rows = session.execute(
            select(per_incident.c.rung, func.count()).group_by(per_incident.c.rung)).all()
        counts = [(LADDER[int(r)], n) for r, n in sorted(rows)]
        reached = sum(n for _r, n in counts)
        return ((NO_STEP, total - reached), *counts) if total > reached else tuple(counts)

    def _removals(self, session: Session, period) -> tuple[int, float | None]:
        first = (
            select(Action.incident_id, func.min(Action.taken_on).label("removed_on"))
            .join(Incident, Incident.id == Action.incident_id)
            .where(period, STANDING, Action.removal_confirmed.is_(True))
            .group_by(Action.incident_id)
            .subquery()
        )
        days = self._days_between(Incident.posted_on, first.c.removed_on).label("days")
        spans = select(days).join(first, first.c.incident_id == Incident.id).subquery()
        removed = session.scalar(select(func.count()).select_from(spans)) or 0
        if not removed:
            return 0, None
        # The median, found by the database: the middle one or two of the sorted spans.
        middle = session.scalars(
            select(spans.c.days).order_by(spans.c.days)
            .offset((removed - 1) // 2).limit(2 - removed % 2)).all()
        return removed, round(sum(float(d) for d in middle) / len(middle), 1)

    def _days_between(self, earlier, later):
        if self._db.is_sqlite:
            return func.julianday(later) - func.julianday(earlier)
        return later - earlier  # PostgreSQL: date - date is a whole number of days

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
        label = data.current.label if data.current.term else data.current.dates
        return f"Report to governors - {label}.pdf"

    def record_output(self, data: SummaryData, action: str = "saved",
                      file_name: str = "") -> None:
        """The report saved or printed, for the audit trail."""
        actor = self._guard.require(Operation.GOVERNOR_SUMMARY)
        what = "printed" if action == "printed" else "saved"
        self._audit.record_now(actor, "print" if action == "printed" else "save", "document",
                               None, f"Report to governors ({data.current.label}) {what}"
                               + (f" ({file_name})" if file_name else ""))
