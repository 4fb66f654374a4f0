"""Importing pupils and their contacts as a school MIS exports them (SIMS, Arbor, Bromcom,
ScholarPack, RM Integris, ParentMail, "Contact 1 / Contact 2" files, hand-made lists).

Which column holds what is ``mis_columns``; reading and checking a row is ``mis_rows``; this
module matches the people a file names with those on record and keeps the result:

- by MIS id first (one person per id: the database's unique index, migration 0007), then by
  name only within the same family (adults linked to this child or a sibling), or by name
  with the same email or phone; a namesake elsewhere is a *doubtful* match, listed for a
  person to look at, never made;
- a re-import is a sync: people are updated by MIS id, new ones added, and pupils and links
  on record that the file no longer has are listed (never deleted by the import);
- two imports at once (two office PCs) take turns: the import's transaction takes a lock
  before it reads who is on record.

The same ``Directory`` reads the file for the window's preview (``dry``: nothing is put in the
session) and for the import, so the preview's plan is what importing does
(``core/csv_import.py`` checks it is). Rows are matched in two passes once all are read:
first everyone with something that identifies them (an MIS id, an email or phone, a link on
record), then contacts known only by name, once the file has shown who is in which family.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from avenue_desk.services.core.csv_import import (
    ImportProblem,
    ImportResult,
    apply_preview,
    preview_import,
    run_import,
)
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.core.import_preview import ImportPreview
from avenue_desk.services.core.validation import name_key
from avenue_desk.services.people.mis_mapping import (
    header_check,
    remember_mapping,
    resolve_columns,
)
from avenue_desk.services.people.mis_plan import PlanMixin
from avenue_desk.services.people.mis_rows import ContactRow, ReadRow, contact_role, read_row
from avenue_desk.services.people.people import add_person, new_person
from avenue_desk.services.people.records import PersonInput
from avenue_desk.store.models import Person, PersonLink

__all__ = ["contact_role", "import_people", "preview_people"]

IMPORT_LOCK = 0x4D495349  # "MISI": the PostgreSQL advisory lock two imports take turns on
PUPIL_FIELDS = ("full_name", "class_name", "year_group", "mis_id")
CONTACT_FIELDS = ("email", "phone", "mis_id", "title", "forenames", "surname", "salutation")


def import_people(service, path, progress=None, preview: ImportPreview | None = None,
                  mapping: tuple[tuple[str, str], ...] = ()) -> ImportResult:
    """Without ``preview``, all rows or none (the command line). With one, exactly what it
    showed, its refused rows left out (the window; see ``core/csv_import.apply_preview``).
    ``mapping``: the office's column choices, saved for this school when the import works."""
    try:
        if preview is not None:
            if Path(path).resolve() != Path(preview.path).resolve():
                raise ServiceError(f"The file checked was “{preview.file_name}”, not "
                                   f"“{Path(path).name}”: check this one first.")
            mapping = preview.mapping
            return apply_preview(service, preview, header_check(service, mapping),
                                 _directory(service, mapping), progress, entity="person")
        return run_import(service, path, header_check(service, mapping),
                          lambda session, table: _directory(service, mapping)(
                              session, table, False), progress, entity="person")
    except IntegrityError:
        raise ServiceError("Nothing was imported: another import of these people was saved "
                           "at the same moment. Import the file again: it will update what "
                           "the other one added.") from None


def preview_people(service, path, progress=None,
                   mapping: tuple[tuple[str, str], ...] = ()) -> ImportPreview:
    """What importing ``path`` would add, update and refuse; nothing is saved."""
    return preview_import(service, path, header_check(service, mapping),
                          _directory(service, mapping), progress)


def _directory(service, mapping):
    def make(session, table, dry):
        columns, saved = resolve_columns(service, table, mapping)
        return Directory(session, service.clock.now(), columns, dry, mapping, saved)
    return make


def _lock(session: Session) -> None:
    """Two imports at once take turns: whoever is second waits, then reads who the first
    added and matches them, rather than adding everyone again."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        session.execute(text("DELETE FROM people WHERE 0"))  # takes SQLite's write lock
    elif dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": IMPORT_LOCK})


class Directory(PlanMixin):
    """Everyone already on record, so each row is matched without another query."""

    by_position = True  # rows come as cells in heading order (headings may repeat)

    def __init__(self, session: Session, now, columns, dry: bool = False,
                 mapping: tuple[tuple[str, str], ...] = (), saved: bool = False):
        self.session, self.now, self.columns, self.dry = session, now, columns, dry
        self.mapping, self.saved_mapping_used = mapping, saved
        if not dry:
            _lock(session)
        self._temporary_ids = itertools.count(-1, -1)  # for people a preview would add
        self.line = 0
        self.problems: list[ImportProblem] = []
        self.rows: list[ReadRow] = []
        self.by_mis: dict[str, Person] = {}
        self.by_name: dict[str, list[Person]] = {}
        for person in session.scalars(select(Person).order_by(Person.id)):
            self._remember(person)
        self.links = {(k.adult_id, k.pupil_id): k for k in session.scalars(select(PersonLink))}
        self.adults_of: dict[int, set[int]] = {}
        self.pupils_of: dict[int, set[int]] = {}
        for adult_id, pupil_id in self.links:
            self.adults_of.setdefault(pupil_id, set()).add(adult_id)
            self.pupils_of.setdefault(adult_id, set()).add(pupil_id)
        self.created: set[int] = set()
        self.seen: set[int] = set()
        self.linked_now: set[tuple[int, int]] = set()
        self.pupil_count = self.contact_count = self.links_added = 0
        self.touched: dict[int, tuple[Person, int, dict[str, str] | None]] = {}
        self.links_touched: dict[tuple[int, int], tuple[Person, Person, tuple | None]] = {}
        self.doubtful: list[str] = []
        self.households: list[str] = []
        self._settled = False

    # --- reading ---------------------------------------------------------------------------

    def add(self, line: int, cells: tuple[str, ...], extra_cells: int) -> None:
        row = read_row(self.columns, line, cells, extra_cells, self.problems)
        if row is not None:
            self.rows.append(row)

    def settle(self) -> None:
        """Match and keep every row read: the first pass everyone something identifies, the
        second contacts known only by name, within the families the first pass made."""
        if self._settled:
            return
        self._settled = True
        later: list[tuple[int, Person, ContactRow, PersonInput]] = []
        for row in self.rows:
            self.line = row.line
            child = self._pupil(row)
            if child is None:
                continue
            for contact in row.contacts:
                if contact.household:
                    self.households.append(
                        f"Line {row.line}: “{contact.household}” names a household, not a "
                        "person: kept as one contact addressed “Dear "
                        f"{contact.people[0].salutation}”. Give each adult's name in the MIS "
                        "to have them as two people.")
                for data in contact.people:
                    found = self._identified(data, child)
                    if found is None and not (data.email or data.phone or data.mis_id):
                        later.append((row.line, child, contact, data))
                        continue
                    self._link(self._keep_contact(found, data), child, contact)
        for line, child, contact, data in later:
            self.line = line
            self._link(self._keep_contact(self._in_family(data, child), data), child, contact)

    # --- matching --------------------------------------------------------------------------

    def _remember(self, person: Person) -> None:
        self.by_name.setdefault(person.name_key, []).append(person)
        if person.mis_id:
            self.by_mis.setdefault(person.mis_id, person)

    def _forget(self, person: Person) -> None:
        self.by_name[person.name_key].remove(person)
        if self.by_mis.get(person.mis_id) is person:
            del self.by_mis[person.mis_id]

    def _pupil(self, row: ReadRow) -> Person | None:
        data = row.pupil
        named = [p for p in self.by_name.get(name_key(data.full_name), [])
                 if p.role == "pupil"]
        if data.mis_id:
            found = self.by_mis.get(data.mis_id)
            if found is not None and found.role != "pupil":
                self.problems.append(ImportProblem(
                    row.line, f"The pupil's MIS id “{data.mis_id}” belongs to "
                    f"{found.full_name} on record, who is not a pupil.",
                    "Pupil MIS ids that belong to an adult on record, on {lines}: check the "
                    "id column is the pupil's (UPN or admission number)."))
                return None
            if found is None:
                found = self._only(row.line, data, [p for p in named if not p.mis_id])
        else:
            same_class = [p for p in named if not (data.class_name and p.class_name)
                          or p.class_name == data.class_name or p.id in self.seen]
            found = self._only(row.line, data, [p for p in same_class if p.id in self.seen]
                               or same_class)
        self.pupil_count += found is None or found.id not in self.seen
        return self._save(found, data, PUPIL_FIELDS)

    def _only(self, line: int, data: PersonInput, candidates: list[Person]) -> Person | None:
        """The one candidate, or None; two or more is a doubtful match: listed, not made."""
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            self.doubtful.append(
                f"Line {line}: {data.full_name} could be any of {len(candidates)} people "
                f"with that name ({self._which(candidates)}); added as someone new rather "
                "than guessed. If they are the same person, merge them by hand.")
        return None

    def _identified(self, data: PersonInput, child: Person) -> Person | None:
        """A contact by their MIS id, or by name and something more: a link on record to
        this child, the same email, the same phone."""
        if data.mis_id and data.mis_id in self.by_mis:
            found = self.by_mis[data.mis_id]
            return found if found.role != "pupil" else None
        named = [p for p in self.by_name.get(name_key(data.full_name), [])
                 if p.role != "pupil" and not (data.mis_id and p.mis_id)]
        email, phone = data.email.casefold(), _digits(data.phone)
        return next((p for p in named if (p.id, child.id) in self.links
                     or (email and p.email.casefold() == email)
                     or (phone and _digits(p.phone) == phone)), None)

    def _in_family(self, data: PersonInput, child: Person) -> Person | None:
        """A contact known only by name: the namesake linked to this child or a sibling (a
        pupil sharing an adult with this one); a namesake elsewhere is doubtful."""
        family = {child.id}
        for adult_id in self.adults_of.get(child.id, ()):
            family |= self.pupils_of.get(adult_id, set())
        named = [p for p in self.by_name.get(name_key(data.full_name), []) if p.role != "pupil"]
        inside = [p for p in named if self.pupils_of.get(p.id, set()) & family]
        if inside:
            return inside[0]
        if named:
            self.doubtful.append(
                f"Line {self.line}: {data.full_name}, a contact of {child.full_name}, has the "
                f"name of {len(named)} person(s) in another family ({self._which(named)}), "
                "and no MIS id, email or phone to tell them apart: added as someone new "
                "rather than merged. If they are one person, merge them by hand.")
        return None

    def _which(self, people: list[Person]) -> str:
        """Who the candidates are, the same in the preview as in the import (a person this
        file adds has no id until it is saved)."""
        on_record = [str(p.id) for p in people if p.id not in self.created]
        new = len(people) - len(on_record)
        parts = [f"id {', '.join(on_record)} on record"] if on_record else []
        parts += [f"{new} added from this file"] if new else []
        return "; ".join(parts)

    def _keep_contact(self, found: Person | None, data: PersonInput) -> Person:
        self.contact_count += found is None or found.id not in self.seen
        # The role of someone already on record is kept: a teaching assistant who is also
        # a mother stays staff.
        return self._save(found, data, CONTACT_FIELDS)

    def _save(self, person: Person | None, data: PersonInput, fields: tuple[str, ...]) -> Person:
        if person is None:
            if self.dry:
                person = new_person(data, self.now)
                person.id = next(self._temporary_ids)
            else:
                person = add_person(self.session, data, self.now)
            self.created.add(person.id)
            self._remember(person)
        if person.id not in self.touched:
            before = None if person.id in self.created else {
                name: getattr(person, name) for name in self.changed_fields}
            self.touched[person.id] = (person, self.line, before)
        changed = [f for f in fields if getattr(data, f) and getattr(data, f) != getattr(person, f)]
        if changed:
            self._forget(person)
            for name in changed:
                setattr(person, name, getattr(data, name))
            person.name_key = name_key(person.full_name)
            self._remember(person)
        # Listed by the MIS: still at the school, so retention counts from today (a person's
        # updated_at is "last changed or last confirmed", see policy.retention.PERSON).
        person.updated_at = self.now
        self.seen.add(person.id)
        return person

    def _link(self, adult: Person, pupil: Person, contact: ContactRow) -> None:
        key = (adult.id, pupil.id)
        link = self.links.get(key)
        if key not in self.links_touched:
            self.links_touched[key] = (adult, pupil, None if link is None else _facts(link))
        if link is None:
            link = PersonLink(adult_id=adult.id, pupil_id=pupil.id, relationship_label="",
                              parental_responsibility=None, priority=0, court_order=False,
                              restricted_access=False)
            if not self.dry:
                self.session.add(link)
            self.links[key] = link
            self.adults_of.setdefault(pupil.id, set()).add(adult.id)
            self.pupils_of.setdefault(adult.id, set()).add(pupil.id)
            self.links_added += 1
        self.linked_now.add(key)
        present = set(self.columns.contacts.get(contact.slot, ()))
        if contact.relationship and link.relationship_label != contact.relationship:
            link.relationship_label = contact.relationship
        if contact.responsibility is not None:
            link.parental_responsibility = contact.responsibility
        if "priority" in present and contact.priority:
            link.priority = contact.priority
        elif "priority" not in present and contact.slot:
            link.priority = contact.slot  # "Contact 2", "Priority 2 Contact": the order
        if present & {"court_order", "court_order_restricted"}:
            link.court_order = contact.court_order
        if present & {"restricted", "court_order_restricted"}:
            link.restricted_access = contact.restricted

    def finish(self) -> None:
        self.settle()
        if self.problems:
            return
        self.session.flush()
        if self.mapping and not self.dry:
            remember_mapping(self.session, self.columns, self.mapping)


def _facts(link: PersonLink) -> tuple:
    return (link.relationship_label, link.parental_responsibility, link.priority,
            link.court_order, link.restricted_access)


def _digits(phone: str) -> str:
    digits = "".join(ch for ch in phone if ch.isdigit())
    return digits[-10:] if len(digits) >= 9 else ""  # "+44 7700…" and "07700…" are one
