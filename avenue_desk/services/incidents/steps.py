"""The steps on a case as they stand, and what is worked out from them: the policy's facts,
the stage, the next follow-up, and the school days a follow-up may fall on.

Only "current" rows count. A correction leaves the row it replaces in the table (status
"corrected") and a withdrawn step stays too (status "withdrawn"), so everything here reads
``Action.status`` first.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from avenue_desk.policy import IncidentFacts, Phase
from avenue_desk.policy.escalation import ReplayRefused, replay
from avenue_desk.policy.school_days import follow_up_after, next_school_day, why_not_school_day
from avenue_desk.policy.settings_registry import FOLLOW_UP_DAYS
from avenue_desk.policy.terms import TermError
from avenue_desk.services.core.errors import StepNotAllowed
from avenue_desk.services.core.settings import read_setting
from avenue_desk.services.core.validation import uk_date
from avenue_desk.services.incidents.from_rows import step_label
from avenue_desk.store.models import ACTION_CURRENT, Action, Incident, Setting

CURRENT = Action.status == ACTION_CURRENT
# A correction is a new row, but it stands where the step it corrects stood: on its date,
# and among steps of the same day in the order they were first recorded.
IN_ORDER = (Action.taken_on, func.coalesce(Action.version_of, Action.id))


def first_id(action: Action) -> int:
    """The id every version of a step shares: its first row's."""
    return action.version_of or action.id


def current_actions(session: Session, incident_id: int) -> list[Action]:
    return list(session.scalars(
        select(Action).where(Action.incident_id == incident_id, CURRENT).order_by(*IN_ORDER)))


def facts_of(session: Session, incident: Incident) -> IncidentFacts:
    steps = tuple(session.scalars(
        select(Action.step).where(Action.incident_id == incident.id, CURRENT)
        .order_by(*IN_ORDER)))
    return IncidentFacts(
        phase=Phase(incident.phase),
        categories=frozenset(c.category for c in incident.categories),
        on_school_forum=incident.on_school_forum,
        platform=incident.platform,
        content_still_up=incident.content_still_up,
        steps_taken=steps,
        phase_before_close=Phase(incident.phase_before_close)
        if incident.phase_before_close
        else None,
    )


def refresh_follow_up(session: Session, incident_id: int) -> None:
    """Keeps incidents.next_follow_up equal to the earliest follow-up still to do."""
    earliest = session.scalar(
        select(func.min(Action.follow_up_due)).where(
            Action.incident_id == incident_id, Action.follow_up_done.is_(False), CURRENT)
    )
    session.get(Incident, incident_id).next_follow_up = earliest


def replayed(actions: Sequence[Action]) -> IncidentFacts:
    """The stage the case reaches with ``actions`` (in order): what is left standing after a
    correction or a withdrawal. Raises StepNotAllowed naming the step that no longer fits."""
    try:
        return replay([a.step for a in actions])
    except ReplayRefused as refused:
        stuck = actions[refused.position]
        raise StepNotAllowed(
            f"That would leave “{step_label(stuck.step)}” of {uk_date(stuck.taken_on)} "
            f"without the step it rests on: {refused.reason} Withdraw or correct that step "
            "first.", refused.quote) from None


def set_stage(incident: Incident, facts: IncidentFacts) -> None:
    incident.phase = facts.phase.value
    incident.phase_before_close = (
        facts.phase_before_close.value if facts.phase_before_close else None)


# --- school days -----------------------------------------------------------------------------

def term_overrides(session: Session) -> dict[str, str]:
    """The school's own term dates (``term.autumn-2026.start`` …) from Settings."""
    return dict(session.execute(
        select(Setting.key, Setting.value).where(Setting.key.like("term.%"))).all())


def school_day_problem(session: Session, day: date) -> str:
    """"" for a school day, or what ``day`` is ("a Saturday", "in the school holidays")."""
    try:
        return why_not_school_day(day, term_overrides(session))
    except TermError:
        # A term date Settings cannot read should not stop a step being recorded: the
        # standard terms stand in (the governors' report says what is wrong with it).
        return why_not_school_day(day)


def next_school_day_from(session: Session, day: date) -> date:
    try:
        return next_school_day(day, term_overrides(session))
    except TermError:  # as above
        return next_school_day(day)


def default_follow_up(session: Session, taken_on: date) -> date:
    """The school's follow-up period after ``taken_on`` (Settings), moved on to a school
    day: a follow-up due on a Sunday or in the holidays is chased late anyway."""
    return follow_up_after(taken_on, read_setting(session, FOLLOW_UP_DAYS),
                           term_overrides(session))
