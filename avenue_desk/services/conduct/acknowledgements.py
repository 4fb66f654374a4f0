"""Acknowledging the staff code of conduct: start, save progress, resume, sign; or record
a signed paper form.

Every answer is stored with the exact words of the item and their version, so a later
change to one item's wording asks everyone to acknowledge that item again, and nothing
else. A person's typed name is their signature; it must be the name the school holds for
them (capital letters and spaces aside).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from avenue_desk.policy import conduct as code
from avenue_desk.policy import get_role
from avenue_desk.policy.access import Operation
from avenue_desk.services.conduct.records import (
    ACCEPTED,
    CURRENT,
    NO,
    YES,
    AcknowledgedItem,
    AcknowledgementDraft,
    AcknowledgementRecord,
    ItemAnswer,
)
from avenue_desk.services.conduct.standing import (
    CODE_ROLES,
    Signed,
    Standing,
    load_periods,
    standing,
)
from avenue_desk.services.core.database import Database
from avenue_desk.services.core.errors import NotFound, ValidationError
from avenue_desk.services.core.validation import (
    LINE_LIMIT,
    NOTES_LIMIT,
    check_not_future,
    clean_block,
    clean_line,
    same_signature,
)
from avenue_desk.services.people import PersonRecord, to_record
from avenue_desk.store.models import ConductAcknowledgement, ConductAcknowledgementItem, Person

IN_PROGRESS, COMPLETE = "in_progress", "complete"
# A checklist saved again after this long is a new sitting, audited as such.
RESUMED_AFTER = timedelta(minutes=30)


class IncompleteAcknowledgement(ValidationError):
    """Refused because items are unanswered; ``missing`` holds their keys, in policy order."""

    def __init__(self, errors: dict[str, str], missing: tuple[str, ...]):
        super().__init__(errors)
        self.missing = missing


def code_person(session: Session, person_id: int | None) -> Person:
    """The person, who must be someone the code applies to (staff, volunteer, governor)."""
    person = session.get(Person, person_id) if person_id is not None else None
    if person is None:
        raise NotFound(f"Person {person_id} does not exist.")
    if person.role not in CODE_ROLES:
        role = get_role(person.role).label.lower()
        raise ValidationError({"person_id": (
            f"The code of conduct applies to staff, volunteers and governors; "
            f"{person.full_name} is recorded as: {role}.")})
    return person


def signed_history(session: Session, person_ids: Iterable[int]) -> dict[int, list[Signed]]:
    """Every completed acknowledgement of these people, with the versions they accepted."""
    ids = list(person_ids)
    found: dict[int, dict[int, Signed]] = {i: {} for i in ids}
    if not ids:
        return {}
    ack, item = ConductAcknowledgement, ConductAcknowledgementItem
    stmt = (
        select(ack.person_id, ack.id, ack.scope, ack.signed_on, ack.completed_at, ack.on_paper,
               item.item_key, item.item_version, item.answer)
        .join(item, item.acknowledgement_id == ack.id)
        .where(ack.person_id.in_(ids), ack.status == COMPLETE)
    )
    for row in session.execute(stmt):
        signed = found[row.person_id].setdefault(
            row.id, Signed(row.id, row.scope, row.signed_on, row.completed_at, row.on_paper))
        if row.answer:
            signed.versions[row.item_key] = row.item_version
            signed.answers[row.item_key] = code.asked_answer(row.item_key, row.answer)
    return {person_id: list(acks.values()) for person_id, acks in found.items()}


def item_record(row: ConductAcknowledgementItem) -> AcknowledgedItem:
    try:
        item = code.get_item(row.item_key)
    except ValueError:
        return AcknowledgedItem(row.item_key, "", row.item_text, row.item_version, row.answer,
                                row.note)
    answer = item.asked_answer(row.answer)  # stored answers keep their first meaning
    unexpected = item.is_check and bool(answer) and (answer == YES) != item.expected
    failure = unexpected and item.is_failure(answer == YES)
    return AcknowledgedItem(row.item_key, item.label, row.item_text, row.item_version,
                            answer, row.note, failure, unexpected and not failure,
                            item.question)


def acknowledgement_record(ack: ConductAcknowledgement, person: Person) -> AcknowledgementRecord:
    return AcknowledgementRecord(
        id=ack.id, person_id=ack.person_id, person_name=person.full_name, edition=ack.edition,
        scope=ack.scope, status=ack.status, started_at=ack.started_at,
        completed_at=ack.completed_at, signed_name=ack.signed_name, signed_on=ack.signed_on,
        on_paper=ack.on_paper, recorded_by=ack.recorded_by,
        items=tuple(item_record(row) for row in ack.items),
    )


def _valid_answer(item: code.ConductItem, answer: str) -> bool:
    return answer in ((YES, NO) if item.is_check else (ACCEPTED,))


_OWN_WIZARD, _OWN_RECORD = Operation.CONDUCT_OWN_WIZARD, Operation.CONDUCT_OWN_RECORD


class ConductService:
    """Each account its own checklist and record; the office and the Head also others'."""

    def __init__(self, db: Database, clock, settings, guard, audit):
        self._db = db
        self._clock = clock
        self._settings = settings
        self._guard = guard
        self._audit = audit

    # --- where a person stands -----------------------------------------------------------

    def standing(self, person_id: int) -> Standing:
        self._guard.require_own_person(person_id, _OWN_RECORD)
        with self._db.read() as session:
            code_person(session, person_id)
            return self._standing(session, person_id)

    def person(self, person_id: int) -> PersonRecord:
        """Someone the code applies to (only their own, for a staff or governor account)."""
        self._guard.require_own_person(person_id, _OWN_RECORD)
        with self._db.read() as session:
            return to_record(code_person(session, person_id))

    def outstanding(self, person_id: int) -> tuple[str, ...]:
        """The item keys this person must acknowledge: every item when they have never
        signed or their renewal is due, only the items new or reworded since they last
        signed when that is all, and none when they are current."""
        found = self.standing(person_id)
        return () if found.status == CURRENT else found.required_keys

    def _standing(self, session: Session, person_id: int) -> Standing:
        history = signed_history(session, [person_id]).get(person_id, [])
        return standing(history, self._clock.today(), load_periods(self._settings))

    # --- on screen -----------------------------------------------------------------------

    def begin(self, person_id: int) -> AcknowledgementDraft:
        """What the wizard shows: saved progress if there is some, else a fresh start.
        Reads only; nothing is stored until ``save_progress``."""
        self._guard.require_own_person(person_id, _OWN_WIZARD)
        with self._db.read() as session:
            person = code_person(session, person_id)
            found = self._standing(session, person_id)
            ack = self._in_progress(session, person_id)
            required = found.required_keys
            saved = self._saved_answers(ack, required) if ack else {}
            return AcknowledgementDraft(
                person=to_record(person), acknowledgement_id=ack.id if ack else None,
                scope=found.scope, required_keys=required, answers=tuple(saved.values()),
                changed_keys=found.changed_keys if found.last_full else (),
                last_signed_on=found.last_full.signed_on if found.last_full else None,
                started_at=ack.started_at if ack else None,
                last_section=ack.last_section if ack else "",
            )

    def save_progress(self, person_id: int, acknowledgement_id: int | None,
                      answers: Sequence[ItemAnswer], section: str = "") -> int:
        """Stores the answers so far (creating the record on first save); returns its id.

        The wizard saves at every page, so only a start and a return to it after a break
        (``RESUMED_AFTER``) are audited: one row a sitting, not one a page (the answers
        themselves are audited when signed, and kept with the acknowledgement)."""
        actor = self._guard.require_own_person(person_id, _OWN_WIZARD)
        cleaned = self._clean_answers(answers)
        with self._db.begin() as session:
            ack, found = self._open_ack(session, person_id, acknowledgement_id)
            new = ack.id is None
            now = self._clock.now()
            resumed = not new and ack.updated_at is not None and \
                now - ack.updated_at >= RESUMED_AFTER
            self._store_answers(ack, cleaned, found.required_keys)
            ack.last_section = clean_line(section)[:20]
            ack.updated_at = now
            session.flush()
            if new or resumed:
                what = "started" if new else "taken up again"
                self._audit.record(session, actor, "create" if new else "update",
                                   "acknowledgement", ack.id,
                                   f"Code of conduct checklist {what} (person {person_id})")
            return ack.id

    def complete(self, person_id: int, acknowledgement_id: int | None,
                 answers: Sequence[ItemAnswer], signed_name: str) -> AcknowledgementRecord:
        """Signs on screen today. Refused, naming every unanswered item by its label, until
        each required rule is ticked and each check answered; the typed name must match.
        Answers saved earlier count; those given here replace them."""
        actor = self._guard.require_own_person(person_id, _OWN_WIZARD)
        cleaned = self._clean_answers(answers)
        with self._db.begin() as session:
            person = code_person(session, person_id)
            ack, found = self._open_ack(session, person_id, acknowledgement_id)
            errors = {}
            typed = clean_line(signed_name)
            if not typed:
                errors["signed_name"] = "Type your full name to sign."
            elif not same_signature(typed, person.full_name):
                errors["signed_name"] = (
                    f"The typed name must be the name the school has for you: "
                    f"“{person.full_name}”. Capital letters and extra spaces do not matter, "
                    "and the title (Mr, Ms, Dr…) may be left out.")
            required = found.required_keys
            effective = self._saved_answers(ack, required) | cleaned
            self._check_complete(required, effective, errors)
            self._store_answers(ack, effective, required)
            self._finish(ack, typed, self._clock.today())
            session.flush()
            self._audit.record(session, actor, "update", "acknowledgement", ack.id,
                               f"Code of conduct signed on screen (person {person_id})")
            return acknowledgement_record(ack, person)

    def discard(self, acknowledgement_id: int) -> None:
        """Throws away unfinished progress (a signed acknowledgement is never deleted)."""
        self._guard.require(_OWN_WIZARD)
        with self._db.begin() as session:
            ack = session.get(ConductAcknowledgement, acknowledgement_id)
            if ack is None:
                return
            actor = self._guard.require_own_person(ack.person_id, _OWN_WIZARD)
            if ack.status != IN_PROGRESS:
                raise ValidationError({"acknowledgement": "A signed acknowledgement is kept."})
            self._audit.record(session, actor, "update", "acknowledgement", ack.id,
                               f"Unfinished checklist discarded (person {ack.person_id})")
            session.delete(ack)

    # --- on paper ------------------------------------------------------------------------

    def record_paper(self, person_id: int, answers: Sequence[ItemAnswer], signed_on: date | None,
                     recorded_by: str) -> AcknowledgementRecord:
        """A signed paper form, typed in by the office: every item, as on the form."""
        actor = self._guard.require(Operation.CONDUCT_MANAGE)
        cleaned = self._clean_answers(answers)
        errors: dict[str, str] = {}
        recorder = clean_line(recorded_by)[:LINE_LIMIT]
        if not recorder:
            errors["recorded_by"] = "Enter who is recording the form."
        if signed_on is None:
            errors["signed_on"] = "Enter the date the form was signed."
        check_not_future(errors, "signed_on", "The date signed", signed_on, self._clock.today())
        with self._db.begin() as session:
            person = code_person(session, person_id)
            required = tuple(i.key for i in code.conduct_items())
            self._check_complete(required, cleaned, errors)
            stale = self._in_progress(session, person_id)
            if stale is not None:  # the paper form replaces anything left unfinished on screen
                session.delete(stale)
                session.flush()
            ack = self._new_ack(person_id, "full")
            session.add(ack)
            self._store_answers(ack, cleaned, required)
            ack.on_paper, ack.recorded_by = True, recorder
            self._finish(ack, person.full_name, signed_on)
            session.flush()
            self._audit.record(session, actor, "create", "acknowledgement", ack.id,
                               f"Signed paper form recorded (person {person_id})")
            return acknowledgement_record(ack, person)

    # --- reading -------------------------------------------------------------------------

    def get(self, acknowledgement_id: int) -> AcknowledgementRecord:
        self._guard.require(_OWN_RECORD)
        with self._db.read() as session:
            ack = session.get(ConductAcknowledgement, acknowledgement_id)
            if ack is None:
                raise NotFound(f"Acknowledgement {acknowledgement_id} does not exist.")
            self._guard.require_own_person(ack.person_id, _OWN_RECORD)
            return acknowledgement_record(ack, session.get(Person, ack.person_id))

    def history(self, person_id: int) -> list[AcknowledgementRecord]:
        """Every signed acknowledgement of this person, newest first."""
        self._guard.require_own_person(person_id, _OWN_RECORD)
        with self._db.read() as session:
            person = code_person(session, person_id)
            acks = session.scalars(
                select(ConductAcknowledgement)
                .where(ConductAcknowledgement.person_id == person_id,
                       ConductAcknowledgement.status == COMPLETE)
                .order_by(ConductAcknowledgement.signed_on.desc(),
                          ConductAcknowledgement.completed_at.desc())
            )
            return [acknowledgement_record(a, person) for a in acks]

    # --- helpers -------------------------------------------------------------------------

    @staticmethod
    def _check_complete(required: Sequence[str], answers: dict[str, ItemAnswer],
                        errors: dict[str, str]) -> None:
        missing = [code.get_item(k) for k in required
                   if not _valid_answer(code.get_item(k), answers.get(k, ItemAnswer(k)).answer)]
        unticked = [i.label for i in missing if not i.is_check]
        unanswered = [i.label for i in missing if i.is_check]
        parts = []
        if unticked:
            parts.append(f"Still to tick “{code.TICK_PROMPT}”: " + "; ".join(unticked) + ".")
        if unanswered:
            parts.append("Still to answer yes or no: " + "; ".join(unanswered) + ".")
        if parts:
            errors["items"] = "Not finished. " + " ".join(parts)
        if errors:
            raise IncompleteAcknowledgement(errors, tuple(i.key for i in missing))

    @staticmethod
    def _clean_answers(answers: Sequence[ItemAnswer]) -> dict[str, ItemAnswer]:
        cleaned: dict[str, ItemAnswer] = {}
        for given in answers:
            try:
                item = code.get_item(given.key)
            except ValueError:
                raise ValidationError(
                    {"items": f"“{given.key}” is not an item of the code."}) from None
            if given.answer and not _valid_answer(item, given.answer):
                raise ValidationError({"items": f"{item.label}: “{given.answer}” is not an "
                                                "answer to this item."})
            note = clean_block(given.note)
            if len(note) > NOTES_LIMIT:
                raise ValidationError({"items": f"{item.label}: the note is too long."})
            cleaned[item.key] = ItemAnswer(item.key, given.answer, note)
        return cleaned

    @staticmethod
    def _saved_answers(ack: ConductAcknowledgement,
                       required: Sequence[str]) -> dict[str, ItemAnswer]:
        """Saved answers still standing: for a required item, given to its current words."""
        current = {i.key: i.version for i in code.conduct_items()}
        return {row.item_key: ItemAnswer(row.item_key, code.asked_answer(row.item_key,
                                                                         row.answer), row.note)
                for row in ack.items
                if row.item_key in required and current.get(row.item_key) == row.item_version}

    def _in_progress(self, session: Session, person_id: int) -> ConductAcknowledgement | None:
        return session.scalar(
            select(ConductAcknowledgement)
            .where(ConductAcknowledgement.person_id == person_id,
                   ConductAcknowledgement.status == IN_PROGRESS)
            .order_by(ConductAcknowledgement.updated_at.desc()).limit(1)
        )

    def _new_ack(self, person_id: int, scope: str) -> ConductAcknowledgement:
        now = self._clock.now()
        return ConductAcknowledgement(person_id=person_id, edition=code.EDITION_KEY, scope=scope,
                                      status=IN_PROGRESS, started_at=now, updated_at=now,
                                      signed_name="", on_paper=False, recorded_by="",
                                      last_section="")

    def _open_ack(self, session: Session, person_id: int, acknowledgement_id: int | None
                  ) -> tuple[ConductAcknowledgement, Standing]:
        """The person's unfinished acknowledgement (made if there is none), set to cover
        what they must acknowledge today."""
        code_person(session, person_id)
        ack = (session.get(ConductAcknowledgement, acknowledgement_id)
               if acknowledgement_id is not None else self._in_progress(session, person_id))
        if ack is not None and (ack.person_id != person_id or ack.status != IN_PROGRESS):
            raise ValidationError({"acknowledgement": "This acknowledgement is already signed "
                                                      "or belongs to someone else."})
        found = self._standing(session, person_id)
        if ack is None:
            ack = self._new_ack(person_id, found.scope)
            session.add(ack)
        ack.scope = found.scope
        return ack, found

    @staticmethod
    def _store_answers(ack: ConductAcknowledgement, answers: dict[str, ItemAnswer],
                       required: Sequence[str]) -> None:
        """Answers to required items, each with the item's current words and version."""
        for row in list(ack.items):
            if row.item_key not in required:
                ack.items.remove(row)
        rows = {row.item_key: row for row in ack.items}
        for key, given in answers.items():
            if key not in required:
                continue
            item = code.get_item(key)
            row = rows.get(key)
            if row is None:
                row = ConductAcknowledgementItem(item_key=key)
                ack.items.append(row)
            row.item_text, row.item_version = item.text, item.version
            # Stored in the meaning answers have always had (policy/conduct.py).
            row.answer, row.note = item.stored_answer(given.answer), given.note

    def _finish(self, ack: ConductAcknowledgement, signed_name: str, signed_on: date) -> None:
        now = self._clock.now()
        ack.status, ack.completed_at, ack.updated_at = COMPLETE, now, now
        ack.signed_name, ack.signed_on = signed_name[:200], signed_on
        current = {i.key: i.version for i in code.conduct_items()}
        for row in list(ack.items):  # an answer to older words was not given to these
            if current.get(row.item_key) != row.item_version:
                ack.items.remove(row)
