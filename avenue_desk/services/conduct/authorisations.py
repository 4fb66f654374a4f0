"""What the Headteacher has agreed under the code, for one person at a time:

* written permission to use the school's name, logo or other published material;
* designations: who posts images for agreed publicity, who runs the school's own accounts;
* exceptions: personal contact details the Headteacher agreed someone may give.

Each says who, what, where (or to whom), from and until. The three share one shape, so one
service serves them all, told apart by ``kind``.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select

from avenue_desk.policy.access import Operation
from avenue_desk.services.conduct.acknowledgements import code_person
from avenue_desk.services.conduct.records import (
    AUTHORISATION_KINDS,
    CONTACT_EXCEPTION,
    DESIGNATION,
    DESIGNATION_PURPOSES,
    PERMISSION,
    PERMISSION_USES,
    AuthorisationInput,
    AuthorisationRecord,
)
from avenue_desk.services.core.database import Database
from avenue_desk.services.core.errors import NotFound, ValidationError
from avenue_desk.services.core.validation import (
    LINE_LIMIT,
    NOTES_LIMIT,
    check_length,
    check_not_future,
    clean_block,
    clean_line,
    uk_date,
)
from avenue_desk.services.core.versions import locked_for_save
from avenue_desk.store.models import (
    ConductDesignation,
    ConductPermission,
    ContactException,
    Person,
)

MODELS = {PERMISSION: ConductPermission, DESIGNATION: ConductDesignation,
          CONTACT_EXCEPTION: ContactException}
WORDS = {PERMISSION: "Permission", DESIGNATION: "Designation",
         CONTACT_EXCEPTION: "Contact-detail exception"}
# What "what" and "place" mean for each kind, for the messages.
WHAT_MISSING = {
    PERMISSION: "Say what the permission covers (e.g. “the logo on the PTA's Facebook page”).",
    DESIGNATION: "Say what the person is designated for (e.g. “photos of sports day”).",
    CONTACT_EXCEPTION: "Say which contact details (e.g. “mobile number”).",
}
PLACE_MISSING = {
    PERMISSION: "Say where it will be used (a website, page or document).",
    DESIGNATION: "Say which accounts or channels.",
    CONTACT_EXCEPTION: "Say who they may be given to, and why.",
}
WHAT_LIMIT = 2000


def _model(kind: str):
    if kind not in MODELS:
        raise ValidationError({"kind": f"Unknown kind “{kind}”: {', '.join(AUTHORISATION_KINDS)}."})
    return MODELS[kind]


def _record(kind: str, row, person: Person) -> AuthorisationRecord:
    return AuthorisationRecord(
        kind=kind, id=row.id, person_id=row.person_id, person_name=person.full_name,
        what=row.what, place=row.place, valid_from=row.valid_from, valid_until=row.valid_until,
        agreed_by=row.agreed_by, agreed_on=row.agreed_on, notes=row.notes,
        uses=tuple(u for u in getattr(row, "uses", "").split(",") if u),
        purpose=getattr(row, "purpose", ""), row_version=row.row_version or 1,
    )


class AuthorisationService:
    """Seen with the register (office and Headteacher); agreed by the Headteacher alone."""

    def __init__(self, db: Database, clock, settings, guard, audit):
        self._db = db
        self._clock = clock
        self._settings = settings
        self._guard = guard
        self._audit = audit

    def list(self, kind: str, active_on: date | None = None) -> list[AuthorisationRecord]:
        """Every record of this kind (only those in force on ``active_on`` if given),
        newest first."""
        self._guard.require(Operation.CONDUCT_REGISTER_VIEW)
        model = _model(kind)
        with self._db.read() as session:
            stmt = select(model, Person).join(Person, Person.id == model.person_id)
            if active_on is not None:
                stmt = stmt.where(model.valid_from <= active_on, or_(
                    model.valid_until.is_(None), model.valid_until >= active_on))
            stmt = stmt.order_by(model.valid_from.desc(), model.id.desc())
            return [_record(kind, row, person) for row, person in session.execute(stmt)]

    def get(self, kind: str, record_id: int) -> AuthorisationRecord:
        self._guard.require(Operation.CONDUCT_REGISTER_VIEW)
        model = _model(kind)
        with self._db.read() as session:
            row = session.get(model, record_id)
            if row is None:
                raise NotFound(f"{WORDS[kind]} {record_id} does not exist.")
            return _record(kind, row, session.get(Person, row.person_id))

    def create(self, kind: str, data: AuthorisationInput) -> AuthorisationRecord:
        actor = self._guard.require(Operation.CONDUCT_PERMISSIONS)
        model = _model(kind)
        values = self._clean(kind, data)
        now = self._clock.now()
        with self._db.begin() as session:
            person = code_person(session, data.person_id)
            row = model(**values, created_at=now, updated_at=now)
            session.add(row)
            session.flush()
            self._audit.record(session, actor, "create", kind, row.id,
                               f"{WORDS[kind]} recorded (person {data.person_id})")
            return _record(kind, row, person)

    def update(self, kind: str, record_id: int, data: AuthorisationInput,
               expected_version: int | None = None) -> AuthorisationRecord:
        """Saves the record; ``expected_version`` (the version the screen opened) refuses
        the save if anyone has changed it since (``ChangedElsewhere``, saying who and when)."""
        actor = self._guard.require(Operation.CONDUCT_PERMISSIONS)
        model = _model(kind)
        values = self._clean(kind, data)
        with self._db.begin() as session:
            row = locked_for_save(
                session, model, record_id, expected_version, kind,
                lambda r: f"The {WORDS[kind].lower()} for "
                          + session.get(Person, r.person_id).full_name,
                f"{WORDS[kind]} {record_id} does not exist.")
            person = code_person(session, data.person_id)
            for name, value in values.items():
                setattr(row, name, value)
            row.updated_at = self._clock.now()
            session.flush()
            self._audit.record(session, actor, "update", kind, record_id,
                               f"{WORDS[kind]} changed (person {data.person_id})")
            return _record(kind, row, person)

    def delete(self, kind: str, record_id: int) -> None:
        actor = self._guard.require(Operation.CONDUCT_PERMISSIONS)
        model = _model(kind)
        with self._db.begin() as session:
            row = session.get(model, record_id)
            if row is None:
                raise NotFound(f"{WORDS[kind]} {record_id} does not exist.")
            self._audit.record(session, actor, "update", kind, record_id,
                               f"{WORDS[kind]} deleted (person {row.person_id})")
            session.delete(row)

    def _clean(self, kind: str, data: AuthorisationInput) -> dict:
        errors: dict[str, str] = {}
        today = self._clock.today()
        what, place = clean_block(data.what), clean_block(data.place)
        if not what:
            errors["what"] = WHAT_MISSING[kind]
        check_length(errors, "what", "This", what, WHAT_LIMIT)
        if not place:
            errors["place"] = PLACE_MISSING[kind]
        check_length(errors, "place", "This", place, WHAT_LIMIT)
        if data.person_id is None:
            errors["person_id"] = "Choose the member of staff, volunteer or governor."
        if data.valid_from is None:
            errors["valid_from"] = "Enter the date it starts."
        if (data.valid_from and data.valid_until and data.valid_until < data.valid_from):
            errors["valid_until"] = (f"The end date ({uk_date(data.valid_until)}) is before the "
                                     f"start date ({uk_date(data.valid_from)}).")
        agreed_on = data.agreed_on or today
        check_not_future(errors, "agreed_on", "The date agreed", agreed_on, today)
        agreed_by = clean_line(data.agreed_by) or self._settings.load().head_name.strip()
        if not agreed_by:
            errors["agreed_by"] = "Enter who agreed it (the Headteacher)."
        check_length(errors, "agreed_by", "The name", agreed_by, LINE_LIMIT)
        notes = clean_block(data.notes)
        check_length(errors, "notes", "The notes", notes, NOTES_LIMIT)
        values = dict(person_id=data.person_id, what=what, place=place,
                      valid_from=data.valid_from, valid_until=data.valid_until,
                      agreed_by=agreed_by, agreed_on=agreed_on, notes=notes)
        if kind == PERMISSION:
            uses = tuple(dict.fromkeys(data.uses))
            if not uses:
                errors["uses"] = "Tick what may be used: the name, the logo or other material."
            elif any(u not in PERMISSION_USES for u in uses):
                errors["uses"] = "Only the name, the logo or other published material."
            values["uses"] = ",".join(u for u in PERMISSION_USES if u in uses)
        elif kind == DESIGNATION:
            if data.purpose not in DESIGNATION_PURPOSES:
                errors["purpose"] = "Choose publicity images or the school's own accounts."
            values["purpose"] = data.purpose
        if errors:
            raise ValidationError(errors)
        return values
