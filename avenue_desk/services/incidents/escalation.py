"""Following the policy's procedure: what may be done next, and recording what was done."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy.orm import Session

from avenue_desk.policy import (
    IncidentFacts,
    StepOption,
    StepRefused,
    Verdict,
    apply_step,
    options,
    suggestions,
)
from avenue_desk.policy.access import Operation, explain, operation_for_step, refusal_tag
from avenue_desk.services.core.database import Database
from avenue_desk.services.core.errors import NotFound, StepNotAllowed, ValidationError
from avenue_desk.services.core.validation import (
    NOTES_LIMIT,
    check_length,
    check_not_future,
    clean_block,
    clean_line,
)
from avenue_desk.services.core.versions import lock_row
from avenue_desk.services.incidents import corrections, follow_ups, search
from avenue_desk.services.incidents.from_rows import action_record, step_label, timeline
from avenue_desk.services.incidents.records import (
    ActionInput,
    ActionRecord,
    FollowUpDay,
    StageChange,
)
from avenue_desk.services.incidents.steps import (
    default_follow_up,
    facts_of,
    next_school_day_from,
    refresh_follow_up,
    school_day_problem,
)
from avenue_desk.store.models import Action, Incident


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
        letter=clean_line(data.letter)[:80],
        taken_at=data.taken_at,
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
        return replace(option, verdict=Verdict.REFUSED, reason=explain(actor.role, needed),
                       account_note=refusal_tag(actor.role, needed))

    # --- recording ----------------------------------------------------------------------

    def stage_change(self, incident_id: int, step: str) -> StageChange:
        """Where recording ``step`` now would move the case (for the window's confirmation:
        "This moves the case from Meeting stage to Escalated")."""
        facts = self.facts(incident_id)
        try:
            after = apply_step(facts, step).phase.value
        except StepRefused as refused:
            return StageChange(facts.phase.value, facts.phase.value, refused.reason)
        return StageChange(facts.phase.value, after)

    def check(self, incident_id: int, data: ActionInput) -> StageChange:
        """What ``record`` would say to ``data``, writing nothing: the same refusals and
        per-field errors, and otherwise the stage the case would move to (for the
        confirmation asked before a step that moves it)."""
        self._guard.require_step(data.step)
        with self._db.read() as session:
            data = clean_action(data, self._clock.today())
            facts = facts_of(session, self._incident(session, incident_id))
            try:
                after = apply_step(facts, data.step)
            except StepRefused as refused:
                raise StepNotAllowed(refused.reason, refused.quote) from None
            corrections.needs_who_and_outcome(data, after.phase is not facts.phase)
            return StageChange(facts.phase.value, after.phase.value)

    def record(self, incident_id: int, data: ActionInput) -> ActionRecord:
        """Records a step, if the policy allows it from where the incident stands (legal
        steps only for accounts that may record them). A step that moves the case to
        another stage needs who took it and its outcome."""
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
        corrections.needs_who_and_outcome(data, after.phase is not facts.phase)
        now = self._clock.now()
        action = Action(
            incident_id=incident_id,
            step=data.step,
            taken_on=data.taken_on,
            taken_by=data.taken_by,
            outcome=data.outcome,
            notes=data.notes,
            follow_up_due=data.follow_up_due,
            removal_confirmed=data.removal_confirmed,
            created_at=now,
            recorded_by=actor.display_name,
            letter=data.letter,
            taken_at=data.taken_at,
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
        incident.updated_at = now
        session.flush()
        if data.notes:
            search.reindex(session, incident_id)
        self._audit.record(session, actor, "create", "action", action.id,
                           f"Step “{step_label(data.step)}” recorded on incident "
                           f"{incident_id}")
        follow_ups.supersede_open(session, self._audit, actor, now, action)
        refresh_follow_up(session, incident_id)
        return action_record(action)

    # --- follow-up dates ------------------------------------------------------------------

    def default_follow_up(self, taken_on: date) -> date:
        """The follow-up proposed for a step taken on ``taken_on``: the school's follow-up
        period later (Settings), on the next school day."""
        with self._db.read() as session:
            return default_follow_up(session, taken_on)

    def follow_up_day(self, day: date) -> FollowUpDay:
        """Whether ``day`` is a school day, and if not what it is and the next one."""
        with self._db.read() as session:
            problem = school_day_problem(session, day)
            return FollowUpDay(day, problem, next_school_day_from(session, day)
                               if problem else day)

    # --- follow-ups -----------------------------------------------------------------------

    def complete_follow_up(self, action_id: int, note: str) -> ActionRecord:
        """Marks a follow-up done, with a short note saying what was done (required)."""
        with self._db.begin() as session:
            action, actor = self._step_for_change(session, action_id)
            follow_ups.mark_done(session, self._audit, actor, self._clock.now(), action, note)
            session.flush()
            refresh_follow_up(session, action.incident_id)
            return action_record(action)

    def reopen_follow_up(self, action_id: int) -> ActionRecord:
        """Undoes "Mark done": the follow-up is to do again (audited)."""
        with self._db.begin() as session:
            action, actor = self._step_for_change(session, action_id)
            follow_ups.reopen(session, self._audit, actor, action)
            session.flush()
            refresh_follow_up(session, action.incident_id)
            return action_record(action)

    # --- correcting and withdrawing -------------------------------------------------------

    def withdrawal_change(self, action_id: int) -> StageChange:
        """What withdrawing the step would do: the stage before and after, the letters
        recorded against it, follow-ups it replaced that would open again."""
        with self._db.read() as session:
            action, _actor = self._step_for_change(session, action_id)
            return corrections.withdrawal_plan(session, action).change

    def withdraw(self, action_id: int, reason: str) -> ActionRecord:
        """Withdraws a step recorded in error (a reason is required). The step stays on the
        timeline, marked withdrawn; the stage and next follow-up are worked out again."""
        with self._db.begin() as session:
            action, actor = self._step_for_change(session, action_id)
            corrections.withdraw(session, self._audit, actor, self._clock.now(), action,
                                 reason)
            return action_record(action)

    def correction_change(self, action_id: int, taken_on: date | None) -> StageChange:
        """What correcting the step's date to ``taken_on`` would do to the stage."""
        with self._db.read() as session:
            action, _actor = self._step_for_change(session, action_id)
            return corrections.correction_plan(session, action, taken_on).change

    def correct(self, action_id: int, data: ActionInput, reason: str = "") -> ActionRecord:
        """Records corrected values as a new version of the step; the version it replaces is
        kept, and shown on the timeline as what the step said before."""
        with self._db.begin() as session:
            action, actor = self._step_for_change(session, action_id)
            data = clean_action(replace(data, step=action.step, letter=action.letter),
                                self._clock.today())
            version = corrections.correct(session, self._audit, actor, self._clock.now(),
                                          action, data, reason)
            return self._timeline_entry(session, version)

    # --- helpers --------------------------------------------------------------------------

    def _step_for_change(self, session: Session, action_id: int):
        """The step, standing, and the actor, who must be allowed to record that kind of
        step: closing a follow-up on the Police or legal advice, or correcting or
        withdrawing such a step, is a decision about it, and the office cannot read its
        notes (policy/access.py), so those stay the Headteacher's."""
        self._guard.require(Operation.ACTION_RECORD)
        action = corrections.standing(session.get(Action, action_id), action_id)
        return action, self._guard.require_step(action.step)

    @staticmethod
    def _timeline_entry(session: Session, action: Action) -> ActionRecord:
        """``action`` as the timeline shows it, with the versions it replaced."""
        session.flush()
        incident = session.get(Incident, action.incident_id)
        session.refresh(incident, ["actions"])
        first = action.version_of or action.id
        return next(r for r in timeline(incident.actions) if r.first_id == first)

    @staticmethod
    def _incident(session: Session, incident_id: int) -> Incident:
        # Locked and read afresh: the step is checked against the procedure as the
        # incident stands, and a second PC recording at the same moment waits, then is
        # checked against the step this one recorded.
        incident = lock_row(session, Incident, incident_id)
        if incident is None:
            raise NotFound(f"Incident {incident_id} does not exist.")
        return incident
