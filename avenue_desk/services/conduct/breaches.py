"""Potential breaches of the code of conduct: what, when, who reported it, which items,
the investigation's steps and its outcome.

Each breach cites, for every item it concerns, the exact words the person had acknowledged
and the date they signed them, as at the day of the breach: if the code was reworded
later, the record still shows what the person had agreed to. Where the person had not
acknowledged an item by then, the code's current words are cited and the record says so.
"""

# Part 4 (accounts): breach records are the headteacher's alone. Every public method of
# BreachService (and of BreachEvidenceService in conduct_evidence.py) is where the check
# "the signed-in account is the headteacher's" belongs; nothing else reads these tables.

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from avenue_desk.policy import conduct as code
from avenue_desk.policy.access import Operation
from avenue_desk.services.conduct.acknowledgements import COMPLETE, code_person
from avenue_desk.services.conduct.evidence import breach_evidence_record
from avenue_desk.services.conduct.records import (
    BreachInput,
    BreachRecord,
    BreachRow,
    BreachStepRecord,
    CitedItem,
)
from avenue_desk.services.core.database import Database
from avenue_desk.services.core.errors import NotFound, ValidationError
from avenue_desk.services.core.validation import (
    LINE_LIMIT,
    NOTES_LIMIT,
    SUMMARY_LIMIT,
    check_length,
    check_not_future,
    clean_block,
    clean_line,
    uk_date,
)
from avenue_desk.services.core.versions import locked_for_save
from avenue_desk.services.people import to_record
from avenue_desk.store.models import (
    ConductAcknowledgement,
    ConductAcknowledgementItem,
    ConductBreach,
    ConductBreachItem,
    ConductBreachStep,
    Person,
)


def cite(session: Session, person_id: int, on: date) -> dict[str, CitedItem]:
    """Every current item as this person had acknowledged it on ``on`` (or the code's
    words now, when they had not)."""
    ack, item = ConductAcknowledgement, ConductAcknowledgementItem
    stmt = (
        select(item.item_key, item.item_text, item.item_version, ack.signed_on, ack.id)
        .join(ack, ack.id == item.acknowledgement_id)
        .where(ack.person_id == person_id, ack.status == COMPLETE, ack.signed_on <= on,
               item.answer != "")
        .order_by(ack.signed_on, ack.completed_at, ack.id)
    )
    latest = {row.item_key: row for row in session.execute(stmt)}  # the last one wins
    cited = {}
    for current in code.conduct_items():
        row = latest.get(current.key)
        if row is None:
            cited[current.key] = CitedItem(current.key, current.label, current.text,
                                           current.version, None)
        else:
            cited[current.key] = CitedItem(current.key, current.label, row.item_text,
                                           row.item_version, row.signed_on, row.id,
                                           row.item_version != current.version)
    return cited


def _cited_record(row: ConductBreachItem) -> CitedItem:
    try:
        current = code.get_item(row.item_key)
        label, reworded = current.label, current.version != row.item_version
    except ValueError:
        label, reworded = row.item_key, True
    return CitedItem(row.item_key, label, row.item_text, row.item_version, row.acknowledged_on,
                     row.acknowledgement_id, reworded)


class BreachService:
    """Staff breach records are the Headteacher's alone; opening one is audited."""

    def __init__(self, db: Database, clock, guard, audit):
        self._db = db
        self._clock = clock
        self._guard = guard
        self._audit = audit

    def _require(self):
        return self._guard.require(Operation.CONDUCT_BREACHES)

    def _changed(self, session: Session, actor, action: str, breach_id: int, what: str):
        self._audit.record(session, actor, action, "breach", breach_id, what)

    # --- choosing items ------------------------------------------------------------------

    def citable_items(self, person_id: int, on: date | None = None) -> tuple[CitedItem, ...]:
        """For the item picker: each item with the words this person had acknowledged."""
        self._require()
        with self._db.read() as session:
            code_person(session, person_id)
            return tuple(cite(session, person_id, on or self._clock.today()).values())

    # --- the record ----------------------------------------------------------------------

    def create(self, data: BreachInput) -> BreachRecord:
        actor = self._require()
        values, keys = self._clean(data)
        now = self._clock.now()
        with self._db.begin() as session:
            code_person(session, data.person_id)
            breach = ConductBreach(**values, outcome=None, outcome_on=None, outcome_notes="",
                                   created_at=now, updated_at=now)
            session.add(breach)
            self._cite_items(session, breach, keys)
            session.flush()
            self._changed(session, actor, "create", breach.id, "Breach record made")
            return self._record(session, breach)

    def update(self, breach_id: int, data: BreachInput,
               expected_version: int | None = None) -> BreachRecord:
        """Saves the record's details; ``expected_version`` (the version the screen
        opened) refuses the save if anyone has changed the record since, a step or an
        outcome included (``ChangedElsewhere``, saying who and when)."""
        actor = self._require()
        values, keys = self._clean(data)
        with self._db.begin() as session:
            breach = locked_for_save(
                session, ConductBreach, breach_id, expected_version, "breach",
                lambda b: "The breach record for " + session.get(Person, b.person_id).full_name,
                f"Breach record {breach_id} does not exist.")
            code_person(session, data.person_id)
            for name, value in values.items():
                setattr(breach, name, value)
            breach.items.clear()
            session.flush()
            self._cite_items(session, breach, keys)
            breach.updated_at = self._clock.now()
            session.flush()
            self._changed(session, actor, "update", breach_id, "Breach record changed")
            return self._record(session, breach)

    def get(self, breach_id: int) -> BreachRecord:
        """Opens the record: the opening is written to the audit trail."""
        actor = self._require()
        with self._db.begin() as session:
            record = self._record(session, self._get(session, breach_id))
            self._changed(session, actor, "open", breach_id, "Breach record opened")
        return record

    def current(self, breach_id: int) -> BreachRecord:
        """The record as it stands, for a screen that already opened it (not audited)."""
        self._require()
        with self._db.read() as session:
            return self._record(session, self._get(session, breach_id))

    def list(self, open_only: bool = False) -> list[BreachRow]:
        """Newest first."""
        self._require()
        with self._db.read() as session:
            stmt = select(ConductBreach, Person.full_name).join(
                Person, Person.id == ConductBreach.person_id)
            if open_only:
                stmt = stmt.where(ConductBreach.outcome.is_(None))
            stmt = stmt.order_by(ConductBreach.occurred_on.desc(), ConductBreach.id.desc())
            return [
                BreachRow(b.id, name, b.occurred_on, tuple(_cited_record(i).label
                                                           for i in b.items),
                          b.outcome, len(b.steps))
                for b, name in session.execute(stmt)
            ]

    # --- the investigation ---------------------------------------------------------------

    def add_step(self, breach_id: int, taken_on: date | None, taken_by: str,
                 description: str) -> BreachRecord:
        actor = self._require()
        errors: dict[str, str] = {}
        text, by = clean_block(description), clean_line(taken_by)
        if not text:
            errors["description"] = "Say what was done."
        check_length(errors, "description", "The description", text, NOTES_LIMIT)
        check_length(errors, "taken_by", "The name", by, LINE_LIMIT)
        if taken_on is None:
            errors["taken_on"] = "Enter the date of this step."
        check_not_future(errors, "taken_on", "The date", taken_on, self._clock.today())
        with self._db.begin() as session:
            breach = self._get(session, breach_id)
            if taken_on is not None and taken_on < breach.occurred_on:
                errors.setdefault("taken_on", f"The date is before the breach itself "
                                              f"({uk_date(breach.occurred_on)}).")
            if errors:
                raise ValidationError(errors)
            breach.steps.append(ConductBreachStep(taken_on=taken_on, taken_by=by,
                                                  description=text, created_at=self._clock.now()))
            self._touched(breach)
            session.flush()
            self._changed(session, actor, "update", breach_id, "Investigation step added")
            return self._record(session, breach)

    def remove_step(self, breach_id: int, step_id: int) -> BreachRecord:
        actor = self._require()
        with self._db.begin() as session:
            breach = self._get(session, breach_id)
            for step in list(breach.steps):
                if step.id == step_id:
                    breach.steps.remove(step)
            self._touched(breach)
            session.flush()
            self._changed(session, actor, "update", breach_id, "Investigation step removed")
            return self._record(session, breach)

    def set_outcome(self, breach_id: int, outcome: str | None, decided_on: date | None = None,
                    notes: str = "") -> BreachRecord:
        """Records the outcome, which closes the investigation; None reopens it."""
        actor = self._require()
        errors: dict[str, str] = {}
        text = clean_block(notes)
        check_length(errors, "outcome_notes", "The notes", text, NOTES_LIMIT)
        if outcome is not None:
            try:
                code.get_outcome(outcome)
            except ValueError:
                errors["outcome"] = "Choose one of the outcomes listed."
            decided_on = decided_on or self._clock.today()
            check_not_future(errors, "outcome_on", "The date", decided_on, self._clock.today())
        with self._db.begin() as session:
            breach = self._get(session, breach_id)
            if errors:
                raise ValidationError(errors)
            breach.outcome = outcome
            breach.outcome_on = decided_on if outcome else None
            breach.outcome_notes = text
            self._touched(breach)
            session.flush()
            self._changed(session, actor, "update", breach_id,
                          "Outcome recorded" if outcome else "Investigation reopened")
            return self._record(session, breach)

    # --- helpers -------------------------------------------------------------------------

    def _clean(self, data: BreachInput) -> tuple[dict, tuple[str, ...]]:
        errors: dict[str, str] = {}
        today = self._clock.today()
        what, by = clean_block(data.what), clean_line(data.reported_by)
        if data.person_id is None:
            errors["person_id"] = "Choose the member of staff, volunteer or governor."
        if not what:
            errors["what"] = "Say what happened."
        check_length(errors, "what", "The description", what, SUMMARY_LIMIT)
        check_length(errors, "reported_by", "The name", by, LINE_LIMIT)
        keys = tuple(dict.fromkeys(data.item_keys))
        known = {i.key for i in code.conduct_items()}
        if not keys:
            errors["item_keys"] = "Tick at least one item of the code this concerns."
        elif any(k not in known for k in keys):
            errors["item_keys"] = "Only items of the current code can be cited."
        if data.occurred_on is None:
            errors["occurred_on"] = "Enter when it happened (or was posted)."
        check_not_future(errors, "occurred_on", "The date", data.occurred_on, today)
        reported_on = data.reported_on or today
        check_not_future(errors, "reported_on", "The date reported", reported_on, today)
        if data.occurred_on and reported_on < data.occurred_on:
            errors["reported_on"] = "It cannot have been reported before it happened."
        if errors:
            raise ValidationError(errors)
        ordered = tuple(i.key for i in code.conduct_items() if i.key in keys)
        return dict(person_id=data.person_id, what=what, occurred_on=data.occurred_on,
                    reported_on=reported_on, reported_by=by), ordered

    @staticmethod
    def _cite_items(session: Session, breach: ConductBreach, keys: tuple[str, ...]) -> None:
        cited = cite(session, breach.person_id, breach.occurred_on)
        for key in keys:
            c = cited[key]
            breach.items.append(ConductBreachItem(
                item_key=key, item_text=c.text, item_version=c.version,
                acknowledgement_id=c.acknowledgement_id, acknowledged_on=c.acknowledged_on))

    def _touched(self, breach: ConductBreach) -> None:
        """A step or the outcome changed: the record's version moves on even when the
        clock reads the same, so a details save opened before it is asked about it."""
        breach.updated_at = self._clock.now()
        flag_modified(breach, "updated_at")

    @staticmethod
    def _get(session: Session, breach_id: int) -> ConductBreach:
        breach = session.get(ConductBreach, breach_id)
        if breach is None:
            raise NotFound(f"Breach record {breach_id} does not exist.")
        return breach

    def _record(self, session: Session, breach: ConductBreach) -> BreachRecord:
        evidence_dir = self._db.paths.evidence_dir
        return BreachRecord(
            id=breach.id, person=to_record(session.get(Person, breach.person_id)),
            items=tuple(_cited_record(i) for i in breach.items), what=breach.what,
            occurred_on=breach.occurred_on, reported_on=breach.reported_on,
            reported_by=breach.reported_by, outcome=breach.outcome,
            outcome_on=breach.outcome_on, outcome_notes=breach.outcome_notes,
            row_version=breach.row_version or 1,
            steps=tuple(BreachStepRecord(s.id, s.taken_on, s.taken_by, s.description)
                        for s in sorted(breach.steps, key=lambda s: (s.taken_on, s.id))),
            evidence=tuple(breach_evidence_record(e, evidence_dir) for e in breach.evidence),
        )
