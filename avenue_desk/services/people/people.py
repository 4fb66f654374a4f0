"""People: parents, carers, relatives, pupils, staff, volunteers and governors."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from avenue_desk.policy import get_role
from avenue_desk.policy.access import Operation
from avenue_desk.policy.typed_text import replace_invalid
from avenue_desk.services.core.database import Database
from avenue_desk.services.core.errors import NotFound, ValidationError
from avenue_desk.services.core.folding import fold, folded, folded_glob
from avenue_desk.services.core.validation import (
    LINE_LIMIT,
    NOTES_LIMIT,
    check_length,
    clean_block,
    clean_line,
    contains_pattern,
    name_key,
)
from avenue_desk.services.core.versions import locked_for_save
from avenue_desk.services.people.name_parts import parts_from_full_name
from avenue_desk.services.people.records import PersonInput, PersonRecord
from avenue_desk.store.models import IncidentPerson, Person, PersonLink


def to_record(
    person: Person, linked: tuple[int, ...] = (), adults: tuple[int, ...] = (),
    restricted: tuple[int, ...] = (),
) -> PersonRecord:
    return PersonRecord(
        restricted_about=restricted,
        id=person.id,
        full_name=person.full_name,
        role=person.role,
        class_name=person.class_name,
        year_group=person.year_group,
        email=person.email,
        phone=person.phone,
        address=person.address,
        mis_id=person.mis_id,
        notes=person.notes,
        linked_pupil_ids=linked,
        linked_adult_ids=adults,
        title=person.title,
        forenames=person.forenames,
        surname=person.surname,
        salutation=person.salutation,
        row_version=person.row_version or 1,
    )


def clean_person(data: PersonInput) -> PersonInput:
    """The input tidied and checked; raises ValidationError naming each bad field."""
    errors: dict[str, str] = {}
    full_name = clean_line(data.full_name, "full_name", "The name")
    if not full_name:
        errors["full_name"] = "Enter the person's name."
    check_length(errors, "full_name", "The name", full_name, LINE_LIMIT)
    try:
        get_role(data.role)
    except ValueError as exc:
        errors["role"] = str(exc)
    email = clean_line(data.email, "email", "The email address")
    if email and ("@" not in email or " " in email):
        errors["email"] = f"“{email}” does not look like an email address."
    notes = clean_block(data.notes, "notes", "The notes")
    check_length(errors, "notes", "The notes", notes, NOTES_LIMIT)
    parts = _name_parts(data, full_name, errors)
    if errors:
        raise ValidationError(errors)
    return PersonInput(
        full_name=full_name,
        role=data.role,
        class_name=clean_line(data.class_name)[:60],
        year_group=clean_line(data.year_group)[:30],
        email=email[:200],
        phone=clean_line(data.phone)[:60],
        address=clean_block(data.address)[:2000],
        mis_id=clean_line(data.mis_id)[:60],
        notes=notes,
        linked_pupil_ids=tuple(dict.fromkeys(data.linked_pupil_ids)),
        **parts,
    )


# (field, how to name it, longest) of the parts a letter is addressed by (store/models.py).
_PARTS = (("title", "The title", 40), ("forenames", "The forenames", 200),
          ("surname", "The surname", 200), ("salutation", "The salutation", 200))


def _name_parts(data: PersonInput, full_name: str, errors: dict[str, str]) -> dict[str, str]:
    """Each part as given, cleaned; a part not given (None) from the full name where that
    is unambiguous, never guessed (name_parts.py)."""
    derived = parts_from_full_name(full_name)
    parts = {}
    for field, subject, limit in _PARTS:
        given = getattr(data, field)
        value = getattr(derived, field, "") if given is None else clean_line(
            given, field, subject)
        check_length(errors, field, subject, value, limit)
        parts[field] = value
    return parts


def add_person(session: Session, data: PersonInput, now) -> Person:
    """Inserts an already-cleaned person (used by imports inside their own transaction)."""
    person = new_person(data, now)
    session.add(person)
    session.flush()
    _set_links(session, person.id, data.linked_pupil_ids)
    return person


def new_person(data: PersonInput, now) -> Person:
    """An already-cleaned person, not yet in any session (an import's preview keeps it so)."""
    return Person(
        full_name=data.full_name,
        name_key=name_key(data.full_name),
        role=data.role,
        class_name=data.class_name,
        year_group=data.year_group,
        email=data.email,
        phone=data.phone,
        address=data.address,
        mis_id=data.mis_id,
        notes=data.notes,
        title=data.title or "",
        forenames=data.forenames or "",
        surname=data.surname or "",
        salutation=data.salutation,
        created_at=now,
        updated_at=now,
    )


def _set_links(session: Session, adult_id: int, pupil_ids: tuple[int, ...]) -> None:
    current = set(
        session.scalars(select(PersonLink.pupil_id).where(PersonLink.adult_id == adult_id))
    )
    wanted = set(pupil_ids)
    for pupil_id in wanted - current:
        session.add(PersonLink(adult_id=adult_id, pupil_id=pupil_id))
    for link in session.scalars(
        select(PersonLink).where(
            PersonLink.adult_id == adult_id, PersonLink.pupil_id.in_(current - wanted)
        )
    ):
        session.delete(link)


def _linked_ids(session: Session, adult_id: int) -> tuple[int, ...]:
    return tuple(
        session.scalars(
            select(PersonLink.pupil_id)
            .where(PersonLink.adult_id == adult_id)
            .order_by(PersonLink.pupil_id)
        )
    )


def _links_of(session: Session, ids: list[int], restricted: dict | None = None):
    """For a page of people: pupil ids per adult and adult ids per pupil, in one query
    (and, given ``restricted``, the pupils each adult's access is restricted about)."""
    pupils: dict[int, list[int]] = {}
    adults: dict[int, list[int]] = {}
    if ids:
        stmt = (
            select(PersonLink.adult_id, PersonLink.pupil_id,
                   PersonLink.restricted_access | PersonLink.court_order)
            .where(or_(PersonLink.adult_id.in_(ids), PersonLink.pupil_id.in_(ids)))
            .order_by(PersonLink.adult_id, PersonLink.pupil_id)
        )
        for adult_id, pupil_id, barred in session.execute(stmt):
            pupils.setdefault(adult_id, []).append(pupil_id)
            adults.setdefault(pupil_id, []).append(adult_id)
            if barred and restricted is not None:
                restricted.setdefault(adult_id, []).append(pupil_id)
    return pupils, adults


class PeopleService:
    """Names, classes and contact details: the office's and the Headteacher's. Reading a
    person is not audited one by one (every incident and letter shows names); changes are."""

    def __init__(self, db: Database, clock, guard, audit):
        self._db = db
        self._clock = clock
        self._guard = guard
        self._audit = audit

    def create(self, data: PersonInput) -> PersonRecord:
        actor = self._guard.require(Operation.PEOPLE_EDIT)
        data = clean_person(data)
        with self._db.begin() as session:
            self._check_pupils_exist(session, data.linked_pupil_ids)
            person = add_person(session, data, self._clock.now())
            self._audit.record(session, actor, "create", "person", person.id,
                               f"Person added ({person.role})")
            return to_record(person, _linked_ids(session, person.id))

    def update(self, person_id: int, data: PersonInput,
               expected_version: int | None = None) -> PersonRecord:
        """Saves a person's details; ``expected_version`` (the version the screen opened)
        refuses the save if someone has changed them since (``ChangedElsewhere``)."""
        actor = self._guard.require(Operation.PEOPLE_EDIT)
        data = clean_person(data)
        with self._db.begin() as session:
            person = locked_for_save(session, Person, person_id, expected_version, "person",
                                     lambda p: f"{p.full_name}'s record",
                                     f"Person {person_id} does not exist.")
            self._check_pupils_exist(session, data.linked_pupil_ids)
            for name in ("full_name", "role", "class_name", "year_group", "email", "phone",
                         "address", "mis_id", "notes", "title", "forenames", "surname",
                         "salutation"):
                setattr(person, name, getattr(data, name))
            person.name_key = name_key(data.full_name)
            person.updated_at = self._clock.now()
            _set_links(session, person.id, data.linked_pupil_ids)
            session.flush()
            self._audit.record(session, actor, "update", "person", person_id,
                               f"Person's details changed ({person.role})")
            return to_record(person, _linked_ids(session, person.id))

    def get(self, person_id: int) -> PersonRecord:
        self._guard.require(Operation.PEOPLE_VIEW)
        with self._db.read_one(f"Person {person_id}") as session:
            person = session.get(Person, person_id)
            if person is None:
                raise NotFound(f"Person {person_id} does not exist.")
            restricted: dict[int, list[int]] = {}
            _, adults = _links_of(session, [person_id], restricted)
            return to_record(person, _linked_ids(session, person_id),
                             tuple(adults.get(person_id, ())),
                             tuple(restricted.get(person_id, ())))

    def get_many(self, ids) -> list[PersonRecord]:
        self._guard.require(Operation.PEOPLE_VIEW)
        with self._db.read() as session:
            people = session.scalars(select(Person).where(Person.id.in_(list(ids))))
            return [to_record(p) for p in people]

    def search(
        self, text: str = "", roles: tuple[str, ...] = (), offset: int = 0, limit: int = 50
    ) -> list[PersonRecord]:
        """People whose name (or class) contains the text, accents and case folded ("zoe"
        finds Zoë), for pickers, the incident list's "Posted by" and the People list."""
        self._guard.require(Operation.PEOPLE_VIEW)
        with self._db.read() as session:
            stmt = self._filtered(session, select(Person), text, roles)
            stmt = stmt.order_by(Person.name_key, Person.id).offset(offset).limit(limit)
            people = list(session.scalars(stmt))
            restricted: dict[int, list[int]] = {}
            pupils, adults = _links_of(session, [p.id for p in people], restricted)
            return [
                to_record(p, tuple(pupils.get(p.id, ())), tuple(adults.get(p.id, ())),
                          tuple(restricted.get(p.id, ())))
                for p in people
            ]

    def count(self, text: str = "", roles: tuple[str, ...] = ()) -> int:
        self._guard.require(Operation.PEOPLE_VIEW)
        with self._db.read() as session:
            stmt = self._filtered(session, select(func.count(Person.id)), text, roles)
            return session.scalar(stmt) or 0

    def linked_adults(self, pupil_id: int) -> list[PersonRecord]:
        self._guard.require(Operation.PEOPLE_VIEW)
        with self._db.read() as session:
            stmt = (
                select(Person)
                .join(PersonLink, PersonLink.adult_id == Person.id)
                .where(PersonLink.pupil_id == pupil_id)
                .order_by(Person.name_key)
            )
            return [to_record(p) for p in session.scalars(stmt)]

    def incident_count(self, person_id: int) -> int:
        self._guard.require(Operation.PEOPLE_VIEW)
        from avenue_desk.store.models import Incident

        with self._db.read() as session:
            posted = session.scalar(
                select(func.count(Incident.id)).where(Incident.poster_id == person_id)
            )
            named = session.scalar(
                select(func.count()).where(IncidentPerson.person_id == person_id)
            )
            return (posted or 0) + (named or 0)

    @staticmethod
    def _filtered(session: Session, stmt, text: str, roles: tuple[str, ...]):
        """Matching ``text`` anywhere in the name or the class, accents and case folded on
        both sides (core/folding.py, as the incident search folds them)."""
        # A character that is not valid text is searched for as one matching nothing.
        key = replace_invalid(fold(name_key(text)))
        if roles:
            stmt = stmt.where(Person.role.in_(roles))
        if not key:
            return stmt
        like = contains_pattern(key)
        matches = [Person.name_key.like(like, escape="\\"),
                   Person.class_name.ilike(like, escape="\\")]
        if session.get_bind().dialect.name != "sqlite":
            matches.append(folded(Person.name_key).like(like, escape="\\"))
        elif (pattern := folded_glob(key)) is not None:
            # SQLite has no translate(): its GLOB asks the same in C, a few milliseconds
            # over 5,000 names (benchmarks/people_search.py).
            matches.append(Person.name_key.op("GLOB")(pattern))
        return stmt.where(or_(*matches))

    @staticmethod
    def _check_pupils_exist(session: Session, pupil_ids: tuple[int, ...]) -> None:
        if not pupil_ids:
            return
        found = set(
            session.scalars(
                select(Person.id).where(Person.id.in_(pupil_ids), Person.role == "pupil")
            )
        )
        missing = [str(i) for i in pupil_ids if i not in found]
        if missing:
            raise ValidationError({"linked_pupil_ids": f"No pupil with id {', '.join(missing)}."})

