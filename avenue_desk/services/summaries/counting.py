"""The governors' report counted by the database, day by day.

Every count is a ``GROUP BY`` over the incidents posted (or, for the steps taken, the steps
recorded) on each day of the span the report looks at, so a school with 100,000 incidents
gets its report in well under a second beyond the queries; each period's counts are then
sums of days, and so are the pieces the small-count rules look at (policy/disclosure.py).
No name, excerpt or other free text is ever read here.

Definitions (each period takes the incidents *posted* between its dates, inclusive):

* furthest step: the latest step on the policy's ladder recorded for the incident and still
  standing (not corrected away or withdrawn), leaving out closing, reopening and "post
  confirmed removed" (removal is an outcome, counted on its own); an incident with none of
  those is "no step recorded yet" while open, and "closed with no step recorded here" once
  closed (cases imported already closed, or closed without a step);
* steps taken: every standing step of the ladder *recorded with a date in the period*, on
  any incident, counted once each time it was taken (two meetings are two);
* removed: a removal was confirmed (a standing step with removal confirmed);
* days to first response and to removal: from the day the school saw the post (the day it
  was posted where that is not recorded) to the first standing step of the ladder, and to
  the first confirmed removal; the median is printed only over three or more incidents;
* open cases, overdue follow-ups: as they stand today (a follow-up is overdue when the
  earliest one still to do is before today and the case is open).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from avenue_desk.policy import STEPS
from avenue_desk.reports.summary_data import CLOSED_NO_STEP, NO_STEP
from avenue_desk.store.models import ACTION_CURRENT, Action, Incident, IncidentCategory

# Steps as they stand: not a version a correction replaced, nor a step withdrawn.
STANDING = Action.status == ACTION_CURRENT
NOT_A_RUNG = ("close", "reopen", "content_removed")
LADDER = tuple(s.key for s in STEPS if s.key not in NOT_A_RUNG)

Cell = tuple[str, str]  # (table, key), as in reports/summary_data.py
Daily = dict[Cell, dict[date, int]]


def daily_counts(session: Session, start: date, end: date, today: date) -> Daily:
    """Every count the report prints, day by day from ``start`` to ``end``."""
    found: Daily = defaultdict(dict)
    posted = Incident.posted_on.between(start, end)
    is_open = Incident.phase != "closed"
    rows = session.execute(
        select(Incident.posted_on, func.count(),
               func.sum(case((is_open, 1), else_=0)),
               func.sum(case((is_open & (Incident.next_follow_up < today), 1), else_=0)))
        .where(posted).group_by(Incident.posted_on))
    for day, total, open_cases, overdue in rows:
        found["glance", "total"][day] = total
        found["glance", "open_cases"][day] = int(open_cases or 0)
        found["glance", "overdue_follow_ups"][day] = int(overdue or 0)
    for key, subquery in (("removed", _first_removal()), ("responded", _first_step())):
        rows = session.execute(
            select(Incident.posted_on, func.count())
            .join(subquery, subquery.c.incident_id == Incident.id)
            .where(posted).group_by(Incident.posted_on))
        for day, n in rows:
            found["glance", key][day] = n
    for table, column in (("by_category", IncidentCategory.category),
                          ("by_platform", Incident.platform)):
        stmt = select(Incident.posted_on, column, func.count()).where(posted)
        if table == "by_category":
            stmt = stmt.join(IncidentCategory, IncidentCategory.incident_id == Incident.id)
        for day, key, n in session.execute(stmt.group_by(Incident.posted_on, column)):
            found[table, key][day] = n
    for day, key, n in _furthest(session, posted):
        found["by_furthest_step", key][day] = found["by_furthest_step", key].get(day, 0) + n
    steps = session.execute(
        select(Action.taken_on, Action.step, func.count())
        .where(Action.taken_on.between(start, end), STANDING, Action.step.in_(LADDER))
        .group_by(Action.taken_on, Action.step))
    for day, key, n in steps:
        found["steps_taken", key][day] = n
    return dict(found)


def _first_removal():
    return (select(Action.incident_id, func.min(Action.taken_on).label("on"))
            .where(STANDING, Action.removal_confirmed.is_(True))
            .group_by(Action.incident_id).subquery())


def _first_step():
    return (select(Action.incident_id, func.min(Action.taken_on).label("on"))
            .where(STANDING, Action.step.in_(LADDER))
            .group_by(Action.incident_id).subquery())


def _furthest(session: Session, posted):
    """(day posted, furthest step or NO_STEP / CLOSED_NO_STEP, incidents)."""
    rung = case({key: n for n, key in enumerate(LADDER)}, value=Action.step)
    per_incident = (
        select(Action.incident_id, func.max(rung).label("rung"))
        .where(STANDING, Action.step.in_(LADDER))
        .group_by(Action.incident_id)
        .subquery()
    )
    closed = case((Incident.phase == "closed", 1), else_=0)
    rows = session.execute(
        select(Incident.posted_on, per_incident.c.rung, closed, func.count())
        .outerjoin(per_incident, per_incident.c.incident_id == Incident.id)
        .where(posted).group_by(Incident.posted_on, per_incident.c.rung, closed))
    for day, found_rung, was_closed, n in rows:
        if found_rung is not None:
            yield day, LADDER[int(found_rung)], n
        else:
            yield day, CLOSED_NO_STEP if was_closed else NO_STEP, n


def median_days(session: Session, start: date, end: date, which: str,
                is_sqlite: bool) -> tuple[int, float | None]:
    """How many incidents posted in the period had a removal (``which`` = "removal") or a
    first step ("response"), and the median number of days to it, found by the database:
    the middle one or two of the sorted spans."""
    first = _first_removal() if which == "removal" else _first_step()
    seen = func.coalesce(Incident.seen_on, Incident.posted_on)
    days = (func.julianday(first.c.on) - func.julianday(seen) if is_sqlite
            else first.c.on - seen)  # PostgreSQL: date - date is a whole number of days
    # A step dated before the day the post was seen (typed so) counts as the same day.
    spans = (select(case((days < 0, 0), else_=days).label("days"))
             .join(first, first.c.incident_id == Incident.id)
             .where(Incident.posted_on.between(start, end)).subquery())
    counted = session.scalar(select(func.count()).select_from(spans)) or 0
    if not counted:
        return 0, None
    middle = session.scalars(
        select(spans.c.days).order_by(spans.c.days)
        .offset((counted - 1) // 2).limit(2 - counted % 2)).all()
    return counted, round(sum(float(d) for d in middle) / len(middle), 1)
