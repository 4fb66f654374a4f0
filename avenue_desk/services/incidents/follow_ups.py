"""Follow-ups: closing one with a note, opening it again, and replacing the open one when a
later step sets a new date (so three identical reminders never pile up on one case).

Each change writes its audit row in the caller's transaction. The notes themselves stay
on the step, not in the audit trail, which names records by number only.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from avenue_desk.policy.access import LEGAL_STEPS
from avenue_desk.services.core.errors import ServiceError, ValidationError
from avenue_desk.services.core.validation import check_length, clean_line, uk_date
from avenue_desk.services.incidents.from_rows import step_label
from avenue_desk.services.incidents.steps import CURRENT, first_id
from avenue_desk.store.models import ACTION_CURRENT, Action

NOTE_LIMIT = 500


def _track(step: str) -> bool:
    return step in LEGAL_STEPS


def supersede_open(session: Session, audit, actor, now: datetime, new: Action) -> int:
    """Closes the case's open follow-ups that ``new`` (just recorded, with a follow-up of
    its own) replaces; returns how many.

    Legal steps keep a track of their own: a follow-up on contacting the Police or on legal
    advice is the Headteacher's to close (policy/access.py), so a removal request the office
    records does not close it, and a police follow-up does not close the office's."""
    if new.follow_up_due is None:
        return 0
    legal = _track(new.step)
    others = session.scalars(select(Action).where(
        Action.incident_id == new.incident_id, CURRENT, Action.id != new.id,
        Action.follow_up_due.is_not(None), Action.follow_up_done.is_(False)))
    label = step_label(new.step)
    closed = 0
    for old in others:
        if _track(old.step) != legal:
            continue
        old.follow_up_done = True
        old.follow_up_note = f"Superseded by “{label}” recorded on {uk_date(new.taken_on)}"
        old.follow_up_closed_at = now
        old.follow_up_closed_by = actor.display_name
        old.follow_up_superseded_by = first_id(new)
        audit.record(session, actor, "update", "action", old.id,
                     f"Follow-up on incident {old.incident_id} superseded by the follow-up "
                     f"of step “{label}” (action {new.id})")
        closed += 1
    return closed


def mark_done(session: Session, audit, actor, now: datetime, action: Action,
              note: str) -> None:
    _open_follow_up(action)
    note = clean_line(note)
    errors: dict[str, str] = {}
    if not note:
        errors["note"] = "Say in a few words what was done, e.g. “Post checked: it is gone”."
    check_length(errors, "note", "The note", note, NOTE_LIMIT)
    if errors:
        raise ValidationError(errors)
    action.follow_up_done = True
    action.follow_up_note = note
    action.follow_up_closed_at = now
    action.follow_up_closed_by = actor.display_name
    audit.record(session, actor, "update", "action", action.id,
                 f"Follow-up on incident {action.incident_id} marked done "
                 f"(step “{step_label(action.step)}”)")


def reopen(session: Session, audit, actor, action: Action, why: str = "") -> None:
    """Opens a follow-up marked done again (Undo, Reopen), or one whose replacement was
    withdrawn (``why`` says so in the audit trail)."""
    if action.status != ACTION_CURRENT:
        raise ServiceError("This step was corrected or withdrawn since; open the incident "
                           "again to see it as it stands.")
    if action.follow_up_due is None or not action.follow_up_done:
        raise ServiceError("This follow-up is not marked done, so there is nothing to reopen.")
    if action.follow_up_superseded_by is not None and not why:
        raise ServiceError(
            f"This follow-up was replaced by a later one ({action.follow_up_note}). Mark "
            "that one done, or withdraw the step that replaced it to bring this one back.")
    action.follow_up_done = False
    action.follow_up_note = ""
    action.follow_up_closed_at = None
    action.follow_up_closed_by = ""
    action.follow_up_superseded_by = None
    audit.record(session, actor, "update", "action", action.id,
                 f"Follow-up on incident {action.incident_id} reopened"
                 + (f" ({why})" if why else ""))


def reopen_superseded_by(session: Session, audit, actor, withdrawn: Action) -> int:
    """The follow-ups ``withdrawn`` had replaced, open again; returns how many."""
    replaced = list(superseded_by(session, withdrawn))
    for action in replaced:
        reopen(session, audit, actor, action,
               f"the step whose follow-up replaced it, action {withdrawn.id}, was withdrawn")
    return len(replaced)


def superseded_by(session: Session, action: Action):
    return session.scalars(select(Action).where(
        Action.incident_id == action.incident_id, CURRENT,
        Action.follow_up_superseded_by == first_id(action)))


def _open_follow_up(action: Action) -> None:
    if action.status != ACTION_CURRENT:
        raise ServiceError("This step was corrected or withdrawn since; open the incident "
                           "again to see it as it stands.")
    if action.follow_up_due is None:
        raise ServiceError("This step has no follow-up to mark done.")
    if action.follow_up_done:
        raise ServiceError("This follow-up is already marked done.")
