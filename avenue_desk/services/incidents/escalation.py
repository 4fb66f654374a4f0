"""Following the policy's procedure: what may be done next, and recording what was done."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from avenue_desk.policy import (
    IncidentFacts,
    Phase,
    StepOption,
    StepRefused,
    Verdict,
    apply_step,
    options,
    suggestions,
)
from avenue_desk.policy.access import Operation, explain, operation_for_step
from avenue_desk.services.core.database import Database
from avenue_desk.services.core.errors import NotFound, StepNotAllowed, ValidationError
from avenue_desk.services.core.validation import (
    NOTES_LIMIT,
    check_length,
    check_not_future,
    clean_block,
    clean_line,
)
from avenue_desk.services.incidents import search
from avenue_desk.services.incidents.from_rows import action_record, step_label
from avenue_desk.services.incidents.records import ActionInput, ActionRecord
from avenue_desk.store.models import Action, Incident


def facts_of(session: Session, incident: Incident) -> IncidentFacts:
    steps = tuple(
        session.scalars(
            select(Action.step)
            .where(Action.incident_id == incident.id)
            .order_by(Action.taken_on, Action.id)
        )
    )
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
            Action.incident_id == incident_id, Action.follow_up_done.is_(False)
        )
    )
    session.get(Incident, incident_id).next_follow_up = earliest


def clean_action(data: ActionInput, today) -> ActionInput:
    errors: dict[str, str] = {}
    if data.taken_on is None:
        errors["taken_on"] = "Enter the date this step was taken."
    check_not_future(errors, "taken_on", "The date taken", data.taken_on, today)
    if data.follow_up_due and data.taken_on and data.follow_up_due < data.taken_on:
        errors["follow_up_due"] = "The follow-up date is before the date the step was taken."
    notes = clean_block(data.notes)
    outcome = clean_block(data.outcome)
    check_length(errors, "notes", "The notes", notes, NOTES_LIMIT)
    check_length(errors, "outcome", "The outcome", outcome, 2000)
    taken_by = clean_line(data.taken_by)
    check_length(errors, "taken_by", "Who took the step", taken_by, 200)
    if errors:
        raise ValidationError(errors)
    return ActionInput(
        step=data.step,
        taken_on=data.taken_on,
        taken_by=taken_by,
        outcome=outcome,
        notes=notes,
        follow_up_due=data.follow_up_due,
        removal_confirmed=data.removal_confirmed or data.step == "content_removed",
    )


class EscalationService:
    def __init__(self, db: Database, clock, guard, audit):
        self._db = db
        self._clock = clock
        self._guard = guard
        self._audit = audit

    def facts(self, incident_id: int) -> IncidentFacts:
        self._guard.require(Operation.INCIDENT_VIEW)
        with self._db.read() as session:
            return facts_of(session, self._incident(session, incident_id))

    def options(self, incident_id: int) -> list[StepOption]:
        """Every step with the policy's verdict; a step this account may not record (legal
        advice, legal action, the Police for the office) is refused, saying why."""
        return [self._for_account(o) for o in options(self.facts(incident_id))]

    def suggestions(self, incident_id: int) -> list[StepOption]:
        """The policy's suggestions this account can act on."""
        return [o for o in suggestions(self.facts(incident_id))
                if self._guard.allowed(operation_for_step(o.step.key))]

    def _for_account(self, option: StepOption) -> StepOption:
        needed = operation_for_step(option.step.key)
        actor = self._guard.actor
        if actor is None or actor.may(needed) or option.verdict is Verdict.REFUSED:
            return option
        return replace(option, verdict=Verdict.REFUSED, reason=explain(actor.role, needed))

    def record(self, incident_id: int, data: ActionInput) -> ActionRecord:
        """Records a step, if the policy allows it from where the incident stands (legal
        steps only for accounts that may record them)."""
        actor = self._guard.require_step(data.step)
        with self._db.begin() as session:
            return self.record_in(session, actor, incident_id, data)

    def record_in(self, session: Session, actor, incident_id: int,
                  data: ActionInput) -> ActionRecord:
        """``record`` inside the caller's transaction (a letter saved records its step);
        the caller has checked ``actor`` may record ``data.step``."""
        data = clean_action(data, self._clock.today())
        incident = self._incident(session, incident_id)
        facts = facts_of(session, incident)
        try:
            after = apply_step(facts, data.step)
        except StepRefused as refused:
            raise StepNotAllowed(refused.reason, refused.quote) from None
        action = Action(
            incident_id=incident_id,
            step=data.step,
            taken_on=data.taken_on,
            taken_by=data.taken_by,
            outcome=data.outcome,
            notes=data.notes,
            follow_up_due=data.follow_up_due,
            removal_confirmed=data.removal_confirmed,
            created_at=self._clock.now(),
        )
        session.add(action)
        incident.phase = after.phase.value
        incident.phase_before_close = (
            after.phase_before_close.value if after.phase_before_close else None
        )
        if data.removal_confirmed:
            incident.content_still_up = False
        else:
            incident.content_still_up = after.content_still_up
        incident.updated_at = self._clock.now()
        session.flush()
        refresh_follow_up(session, incident_id)
        if data.notes:
            search.reindex(session, incident_id)
        self._audit.record(session, actor, "create", "action", action.id,
                           f"Step “{step_label(data.step)}” recorded on incident "
                           f"{incident_id}")
        return action_record(action)

    def complete_follow_up(self, action_id: int, done: bool = True) -> ActionRecord:
        actor = self._guard.require(Operation.ACTION_RECORD)
        with self._db.begin() as session:
            action = session.get(Action, action_id)
            if action is None:
                raise NotFound(f"Action {action_id} does not exist.")
            action.follow_up_done = done
            session.flush()
            refresh_follow_up(session, action.incident_id)
            word = "done" if done else "not done"
            self._audit.record(session, actor, "update", "action", action_id,
                               f"Follow-up on incident {action.incident_id} marked {word}")
            return action_record(action)

    @staticmethod
    def _incident(session: Session, incident_id: int) -> Incident:
        incident = session.get(Incident, incident_id)
        if incident is None:
            raise NotFound(f"Incident {incident_id} does not exist.")
        return incident
