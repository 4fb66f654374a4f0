"""Correcting a step and withdrawing one, without overwriting or deleting anything.

A correction adds a new row for the step (``version_of`` names the step's first row,
``recorded_by`` and ``created_at`` say who corrected it and when) and marks the row it
replaces "corrected": the original text stays in the table, and on the timeline beside the
step. A withdrawal marks the row "withdrawn" with who, when and why; it stays on the
timeline, struck through. Either way the case's stage is worked out again from the steps
left standing (``steps.replayed``), and its next follow-up with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from avenue_desk.services.core.errors import ServiceError, ValidationError
from avenue_desk.services.core.validation import clean_block
from avenue_desk.services.incidents import follow_ups, search
from avenue_desk.services.incidents.from_rows import step_label
from avenue_desk.services.incidents.records import ActionInput, StageChange
from avenue_desk.services.incidents.steps import (
    current_actions,
    first_id,
    refresh_follow_up,
    replayed,
    set_stage,
)
from avenue_desk.store.models import (
    ACTION_CORRECTED,
    ACTION_CURRENT,
    ACTION_WITHDRAWN,
    Action,
    Incident,
)

REASON_LIMIT = 2000
_FIELDS = (("taken_on", "date"), ("taken_by", "who"), ("outcome", "outcome"),
           ("notes", "notes"), ("follow_up_due", "follow-up date"),
           ("removal_confirmed", "post removed"))


@dataclass(frozen=True)
class _Placed:
    """A step where a correction would put it (its rows stay as they are until saved)."""

    id: int
    step: str
    taken_on: date
    version_of: int | None


@dataclass(frozen=True)
class Plan:
    """A correction or withdrawal worked out before anything is written."""

    change: StageChange
    remaining: list  # Action rows, with a _Placed for the step a correction moves


def standing(action: Action | None, action_id: int) -> Action:
    if action is None:
        raise ServiceError(f"Step {action_id} does not exist.")
    if action.status == ACTION_WITHDRAWN:
        raise ServiceError("This step has already been withdrawn.")
    if action.status != ACTION_CURRENT:
        raise ServiceError("This step has been corrected since; open the incident again to "
                           "correct it as it stands now.")
    return action


# --- withdrawing -----------------------------------------------------------------------------

def withdrawal_plan(session: Session, action: Action) -> Plan:
    incident = session.get(Incident, action.incident_id)
    remaining = [a for a in current_actions(session, action.incident_id) if a.id != action.id]
    refused, after = "", None
    try:
        after = replayed(remaining).phase.value
    except ServiceError as problem:
        refused = str(problem)
    confirmed_removal = action.removal_confirmed and not any(
        a.removal_confirmed for a in remaining)
    reopened = sum(1 for _ in follow_ups.superseded_by(session, action))
    letters = (action.letter,) if action.letter else ()
    change = StageChange(incident.phase, after or incident.phase, refused, letters,
                         reopened, confirmed_removal and not incident.content_still_up)
    return Plan(change, remaining)


def withdraw(session: Session, audit, actor, now: datetime, action: Action,
             reason: str) -> Action:
    reason = clean_block(reason)
    if not reason:
        raise ValidationError({"reason": "Say why this step is withdrawn, e.g. “Recorded on "
                                         "the wrong incident”."})
    if len(reason) > REASON_LIMIT:
        raise ValidationError({"reason": f"The reason is {len(reason):,} characters long; "
                                         f"the limit is {REASON_LIMIT:,}."})
    plan = withdrawal_plan(session, action)
    if plan.change.refused:
        raise ServiceError(plan.change.refused)
    incident = session.get(Incident, action.incident_id)
    action.status = ACTION_WITHDRAWN
    action.withdrawn_at = now
    action.withdrawn_by = actor.display_name
    action.withdrawn_reason = reason
    set_stage(incident, replayed(plan.remaining))
    if plan.change.shows_post_up_again:
        # The withdrawn step was the only word that the post had gone.
        incident.content_still_up = True
    incident.updated_at = now
    session.flush()
    follow_ups.reopen_superseded_by(session, audit, actor, action)
    refresh_follow_up(session, action.incident_id)
    audit.record(session, actor, "withdraw", "action", action.id,
                 f"Step “{step_label(action.step)}” on incident {action.incident_id} "
                 f"withdrawn (the reason is kept on the step){_moved(plan.change)}")
    return action


# --- correcting ------------------------------------------------------------------------------

def correction_plan(session: Session, action: Action, taken_on: date | None) -> Plan:
    """What the case looks like with ``action`` moved to ``taken_on`` (the one change to a
    step that can reorder the ladder)."""
    incident = session.get(Incident, action.incident_id)
    stand_in = _Placed(action.id, action.step, taken_on or action.taken_on, action.version_of)
    remaining = sorted(
        (stand_in if a.id == action.id else a
         for a in current_actions(session, action.incident_id)),
        key=lambda a: (a.taken_on, first_id(a)))
    refused, after = "", incident.phase
    try:
        after = replayed(remaining).phase.value
    except ServiceError as problem:
        refused = str(problem)
    return Plan(StageChange(incident.phase, after, refused), remaining)


def moves_stage_at(plan: Plan, action: Action) -> bool:
    """Whether the step itself, where it stands, moves the case on (so who took it and the
    outcome are needed, as when it is first recorded)."""
    place = next(i for i, a in enumerate(plan.remaining) if a.id == action.id)
    return replayed(plan.remaining[:place]).phase != replayed(plan.remaining[:place + 1]).phase


def correct(session: Session, audit, actor, now: datetime, action: Action,
            data: ActionInput, reason: str) -> Action:
    """``data`` has been cleaned (``clean_action``); ``data.step`` is the step's own."""
    changed = [label for field, label in _FIELDS
               if getattr(data, field) != getattr(action, field)]
    if not changed:
        raise ServiceError("Nothing was changed, so there is nothing to correct.")
    plan = correction_plan(session, action, data.taken_on)
    if plan.change.refused:
        raise ServiceError(plan.change.refused)
    needs_who_and_outcome(data, moves_stage_at(plan, action))
    incident = session.get(Incident, action.incident_id)
    due_moved = data.follow_up_due != action.follow_up_due
    version = Action(
        incident_id=action.incident_id, step=action.step, taken_on=data.taken_on,
        taken_by=data.taken_by, outcome=data.outcome, notes=data.notes,
        follow_up_due=data.follow_up_due, removal_confirmed=data.removal_confirmed,
        created_at=now, status=ACTION_CURRENT, version_of=first_id(action),
        recorded_by=actor.display_name, correction_note=clean_block(reason)[:REASON_LIMIT],
        letter=action.letter,
        # A new follow-up date is a new thing to chase; the same date keeps how it closed.
        follow_up_done=action.follow_up_done and not due_moved and data.follow_up_due is not None,
        follow_up_note="" if due_moved else action.follow_up_note,
        follow_up_closed_at=None if due_moved else action.follow_up_closed_at,
        follow_up_closed_by="" if due_moved else action.follow_up_closed_by,
        follow_up_superseded_by=None if due_moved else action.follow_up_superseded_by,
    )
    action.status = ACTION_CORRECTED
    session.add(version)
    session.flush()
    set_stage(incident, replayed(current_actions(session, action.incident_id)))
    if data.removal_confirmed:
        incident.content_still_up = False
    elif action.removal_confirmed and not any(
            a.removal_confirmed for a in current_actions(session, action.incident_id)):
        incident.content_still_up = True  # as when withdrawn: it was the only word of it
    incident.updated_at = now
    session.flush()
    refresh_follow_up(session, action.incident_id)
    if data.notes != action.notes:
        search.reindex(session, action.incident_id)
    audit.record(session, actor, "correct", "action", version.id,
                 f"Step “{step_label(action.step)}” on incident {action.incident_id} "
                 f"corrected ({', '.join(changed)}; the earlier version, action {action.id}, "
                 f"is kept){_moved(plan.change)}")
    return version


def needs_who_and_outcome(data: ActionInput, moves: bool) -> None:
    """A step that moves the case to another stage is one the school may have to account
    for later (to the parent, the governors, the Police): it says who and what came of it."""
    if not moves:
        return
    errors = {}
    if not data.taken_by:
        errors["taken_by"] = ("Say who took this step: it moves the case to another stage, "
                              "so the record must say who.")
    if not data.outcome:
        errors["outcome"] = ("Say what came of it: it moves the case to another stage, so "
                             "the record must say why.")
    if errors:
        raise ValidationError(errors)


def _moved(change: StageChange) -> str:
    return (f"; stage {change.stage_before} → {change.stage_after}"
            if change.moves else "")
