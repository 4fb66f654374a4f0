"""What the police referral pack adds to a letter's context: the poster's other incidents.

Harassment is a course of conduct, and an officer reads one post beside the others: the
pack lists every other incident by the same poster, with its dates and the steps taken on
it. "The same poster" is the same person on the record, or the same account as the site
shows it ("@name", compared without regard to case or a leading "@"), or the same account
record (an account linked to a person counts as that person: ``incidents.course_ids``,
as the incident editor shows it). Steps are read as
they stand: a corrected step in its corrected form, a withdrawn one left out and counted,
so the pack can say how many were left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from avenue_desk.reports.context import ActionLine, RelatedIncident
from avenue_desk.services.incidents import course_ids
from avenue_desk.store.models import (
    ACTION_CURRENT,
    ACTION_WITHDRAWN,
    Action,
    Incident,
    IncidentCategory,
)


@dataclass(frozen=True)
class Course:
    """The other incidents by this incident's poster, and how many withdrawn steps (on it
    and on them) the pack leaves out."""

    related: tuple[RelatedIncident, ...] = ()
    withdrawn_steps: int = 0


NO_COURSE = Course()


def account_key(account: str) -> str:
    return account.strip().lstrip("@").casefold()


def _stored_forms(account: str) -> set[str]:
    """How an account equal to this one may read once the database lowers it: with or
    without its "@", lowered as Python does and as SQLite does (ASCII letters only)."""
    base = account.strip().lstrip("@")
    forms = set()
    for form in (base, f"@{base}"):
        forms |= {form.lower(), "".join(c.lower() if c.isascii() else c for c in form)}
    return forms


def _first_line(text: str, limit: int = 200) -> str:
    line = (text or "").strip().split("\n", 1)[0]
    return line if len(line) <= limit else line[: limit - 1] + "…"


def load_courses(session: Session, incidents: Sequence) -> dict[int, Course]:
    """For each incident row (with ``id``, ``poster_id`` and ``poster_account``), its
    course: four queries however many incidents are asked for."""
    poster_ids = {row.poster_id for row in incidents if row.poster_id}
    accounts = {form for row in incidents if account_key(row.poster_account)
                for form in _stored_forms(row.poster_account)}
    same = course_ids(session, [row.id for row in incidents])
    linked = {other for ids in same.values() for other in ids}
    found: list = []
    if poster_ids or accounts or linked:
        found = session.execute(
            select(Incident.id, Incident.poster_id, Incident.poster_account,
                   Incident.posted_on, Incident.posted_at, Incident.platform,
                   Incident.location, Incident.summary, Incident.excerpt, Incident.phase)
            .where(or_(Incident.poster_id.in_(poster_ids),
                       func.lower(func.trim(Incident.poster_account)).in_(accounts),
                       Incident.id.in_(sorted(linked))))
            .order_by(Incident.posted_on, Incident.id)).all()
    ids = sorted({row.id for row in found} | {row.id for row in incidents})
    categories: dict[int, list[str]] = {}
    steps: dict[int, list[ActionLine]] = {}
    withdrawn: dict[int, int] = {}
    for first in range(0, len(ids), 500):  # SQLite's limit on bound parameters
        chunk = ids[first:first + 500]
        for incident_id, category in session.execute(
                select(IncidentCategory.incident_id, IncidentCategory.category)
                .where(IncidentCategory.incident_id.in_(chunk))
                .order_by(IncidentCategory.category)):
            categories.setdefault(incident_id, []).append(category)
        for row in session.execute(
                select(Action.incident_id, Action.step, Action.taken_on, Action.taken_at,
                       Action.taken_by, Action.outcome, Action.notes, Action.status)
                .where(Action.incident_id.in_(chunk),
                       Action.status.in_((ACTION_CURRENT, ACTION_WITHDRAWN)))
                .order_by(Action.taken_on, func.coalesce(Action.version_of, Action.id))):
            if row.status == ACTION_WITHDRAWN:
                withdrawn[row.incident_id] = withdrawn.get(row.incident_id, 0) + 1
                continue
            steps.setdefault(row.incident_id, []).append(ActionLine(
                row.taken_on, row.step, row.taken_by, row.outcome, row.notes,
                taken_at=row.taken_at))
    courses = {}
    for row in incidents:
        mine = account_key(row.poster_account)
        others = tuple(
            RelatedIncident(
                id=other.id, posted_on=other.posted_on, platform=other.platform,
                posted_at=other.posted_at, location=other.location,
                poster_account=other.poster_account,
                summary=_first_line(other.summary or other.excerpt),
                categories=tuple(categories.get(other.id, ())),
                closed=other.phase == "closed", actions=tuple(steps.get(other.id, ())))
            for other in found
            if other.id != row.id and (
                (row.poster_id and other.poster_id == row.poster_id)
                or (mine and account_key(other.poster_account) == mine)
                or other.id in same.get(row.id, ())))
        left_out = withdrawn.get(row.id, 0) + sum(withdrawn.get(o.id, 0) for o in others)
        courses[row.id] = Course(others, left_out)
    return courses
