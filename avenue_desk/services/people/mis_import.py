"""Importing pupils and their contacts as a school MIS (SIMS, Arbor, Bromcom) exports them.

The columns are recognised by name, in the spellings those systems use (see
docs/import-formats.md); other columns (date of birth, address...) are ignored and named
in the summary. Re-importing the same file, or next term's, updates rather than duplicates.

The same ``Directory`` reads the file for the window's preview (``dry``: nothing is put in
the session, people found are changed only in memory and the session is never committed)
and for the import, so the preview's plan (who is added, what changes for whom) is what
importing does; ``core/csv_import.py`` checks it is.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from avenue_desk.policy import UnknownPolicyKey, get_role, parse_role
from avenue_desk.services.core.csv_import import (
    ImportProblem,
    ImportResult,
    apply_preview,
    preview_import,
    run_import,
)
from avenue_desk.services.core.csvfiles import CsvTable
from avenue_desk.services.core.errors import ServiceError, ValidationError
from avenue_desk.services.core.import_preview import FieldChange, ImportPreview, PreviewEntry
from avenue_desk.services.core.validation import clean_line, name_key
from avenue_desk.services.people.name_parts import split_title
from avenue_desk.services.people.people import add_person, clean_person, new_person
from avenue_desk.services.people.records import PersonInput
from avenue_desk.store.models import Person, PersonLink

# Header key -> (field, rank). When a row fills two columns for one field the lower rank
# wins: the preferred forename is the name the office (and the parents' posts) use, and the
# UPN, unlike an admission number, is unique across every school.
PUPIL_COLUMNS: dict[str, tuple[str, int]] = {
    **dict.fromkeys(("name", "pupilname", "pupil", "fullname", "pupilfullname", "studentname",
                     "childname"), ("name", 0)),
    "preferredforename": ("forename", 0),
    **dict.fromkeys(("forename", "forenames", "firstname", "givenname"), ("forename", 1)),
    "legalforename": ("forename", 2),
    "preferredsurname": ("surname", 0),
    **dict.fromkeys(("surname", "lastname", "familyname"), ("surname", 1)),
    "legalsurname": ("surname", 2),
    **dict.fromkeys(("upn", "uniquepupilnumber", "misid"), ("mis_id", 0)),
    **dict.fromkeys(("admissionnumber", "admissionno", "adno"), ("mis_id", 1)),
    **dict.fromkeys(("class", "classname", "reggroup", "registrationgroup", "form",
                     "formgroup", "tutorgroup"), ("class_name", 0)),
    **dict.fromkeys(("year", "yeargroup", "ncyear", "nationalcurriculumyear",
                     "curriculumyear"), ("year_group", 0)),
}
CONTACT_FIELDS = {
    **dict.fromkeys(("name", "fullname"), "name"),
    **dict.fromkeys(("forename", "forenames", "firstname"), "forename"),
    **dict.fromkeys(("surname", "lastname"), "surname"),
    "title": "title",
    **dict.fromkeys(("salutation", "addressee"), "salutation"),
    **dict.fromkeys(("relationship", "relation", "relationshiptopupil", "relationshiptochild",
                     "relationshiptostudent"), "relationship"),
    **dict.fromkeys(("email", "emailaddress"), "email"),
    **dict.fromkeys(("phone", "telephone", "tel", "mobile", "mobilephone", "mobilenumber",
                     "phonenumber", "telephonenumber"), "phone"),
}
# "Contact 1 Name", "Priority 1 Contact Name", "Contact Email", "Parent 2 Phone"...
_CONTACT = re.compile(
    r"(?:priority(?P<priority>\d+))?(?:primary|main)?"
    r"(?P<who>contact|parentcarer|parent|carer|guardian)?(?P<number>\d*)(?:contact)?"
    r"(?P<field>" + "|".join(sorted(CONTACT_FIELDS, key=len, reverse=True)) + r")"
)
_TITLE = re.compile(r"^(?:mr|mrs|ms|miss|mx|dr|rev|prof)\b\.?\s+", re.IGNORECASE)

# Relationship words the MIS uses, checked in this order after the policy's own words, so
# "Grandmother" is a relative before "mother" could make her a parent and "Foster mother"
# is a carer. Step-parents are parents: they have care of the child.
_RELATIONSHIP_WORDS = (
    ("god", "other_associate"), ("foster", "carer"), ("guardian", "carer"), ("carer", "carer"),
    ("grand", "relative"), ("nan", "relative"), ("aunt", "relative"), ("uncle", "relative"),
    ("brother", "relative"), ("sister", "relative"), ("sibling", "relative"),
    ("cousin", "relative"), ("niece", "relative"), ("nephew", "relative"),
    ("relative", "relative"), ("familymember", "relative"), ("step", "parent"),
    ("mother", "parent"), ("father", "parent"), ("parent", "parent"), ("mum", "parent"),
    ("mam", "parent"), ("mom", "parent"), ("dad", "parent"),
)


def contact_role(word: str) -> str:
    """The role for an MIS relationship word; anyone else is "someone associated"."""
    try:
        role = parse_role(word)
        if role.is_parent_like:
            return role.key
    except UnknownPolicyKey:
        pass
    folded = "".join(ch for ch in word.casefold() if ch.isalnum())
    return next((role for part, role in _RELATIONSHIP_WORDS if part in folded), "other_associate")


@dataclass
class Columns:
    pupil: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    contacts: dict[int, dict[str, str]] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, table: CsvTable) -> Columns:
        found = cls()
        for name, key in zip(table.header, table.keys, strict=True):
            match = _CONTACT.fullmatch(key)
            if key in PUPIL_COLUMNS:
                kind, rank = PUPIL_COLUMNS[key]
                found.pupil.setdefault(kind, []).append((rank, key))
            elif match and (match["who"] or match["priority"] or match["field"] == "relationship"):
                slot = int(match["priority"] or match["number"] or 0)
                found.contacts.setdefault(slot, {}).setdefault(CONTACT_FIELDS[match["field"]], key)
            else:
                found.ignored.append(name)
        for ranked in found.pupil.values():
            ranked.sort()
        return found

    def pupil_value(self, values: dict[str, str], kind: str) -> str:
        return next((values[k] for _, k in self.pupil.get(kind, ()) if values[k].strip()), "")


# What the preview calls each field a re-import may change.
CHANGED_FIELDS = {"full_name": "Name", "class_name": "Class", "year_group": "Year",
                  "mis_id": "MIS id", "email": "Email", "phone": "Phone"}


def import_people(service, path, progress=None, preview: ImportPreview | None = None
                  ) -> ImportResult:
    """Without ``preview``, all rows or none (the command line). With one, exactly what it
    showed, its refused rows left out (the window; see ``core/csv_import.apply_preview``)."""
    if preview is not None:
        if Path(path).resolve() != Path(preview.path).resolve():
            raise ServiceError(f"The file checked was “{preview.file_name}”, not "
                               f"“{Path(path).name}”: check this one first.")
        return apply_preview(service, preview, people_header_problem,
                             _directory(service), progress, entity="person")
    return run_import(service, path, people_header_problem,
                      lambda session, table: _directory(service)(session, table, False),
                      progress, entity="person")


def preview_people(service, path, progress=None) -> ImportPreview:
    """What importing ``path`` would add, update and refuse; nothing is saved."""
    return preview_import(service, path, people_header_problem, _directory(service), progress)


def _directory(service):
    return lambda session, table, dry: Directory(session, service.clock.now(),
                                                 Columns.of(table), dry)


def people_header_problem(table: CsvTable) -> ImportProblem | None:
    columns = Columns.of(table)
    found = set(columns.pupil)
    if "name" in found or {"forename", "surname"} <= found:
        return None
    if "forename" in found:
        missing = "a Surname column (or one Name column instead)"
    elif "surname" in found:
        missing = "a Forename column (or one Name column instead)"
    else:
        missing = "a Name column (or Pupil Name), or both Forename and Surname"
    seen = ", ".join(f"“{name}”" for name in table.header if name) or "none with a heading"
    return ImportProblem(table.header_line, f"The header row has no column for the pupil's "
                         f"name: missing {missing}. Columns found: {seen}. The column names "
                         "the app understands are listed in the user guide, under “Importing "
                         "people from your MIS”.")


def _contact_parts(cell: dict[str, str], name: str) -> dict[str, str | None]:
    """A contact's title, forenames and surname where the file says which is which: its
    own columns, or SIMS's "Surname, Forename"; otherwise (None) read from the name only
    where that is unambiguous (name_parts.py). The title the name starts with is kept."""
    title, _rest = split_title(name)
    forename, surname = cell.get("forename", ""), cell.get("surname", "")
    if not (forename and surname):
        last, comma, first = cell.get("name", "").partition(",")
        forename, surname = (split_title(first)[1], last.strip()) if comma else ("", "")
    known = bool(forename.strip() and surname.strip())
    return {"title": cell.get("title", "").strip().rstrip(".") or title or None,
            "forenames": forename if known else None, "surname": surname if known else None,
            "salutation": cell.get("salutation", "")}


def _full_name(name: str) -> str:
    # SIMS writes "Surname, Forename" in its single name column.
    surname, comma, forename = name.partition(",")
    return f"{forename.strip()} {surname.strip()}" if comma else name


class Directory:
    """Everyone already on record, so each row is matched without another query."""

    def __init__(self, session: Session, now, columns: Columns, dry: bool = False):
        self.session, self.now, self.columns, self.dry = session, now, columns, dry
        self._temporary_ids = itertools.count(-1, -1)  # for people a preview would add
        self.line = 0
        self.problems: list[ImportProblem] = []
        self.by_mis: dict[str, Person] = {}
        self.pupils: dict[str, list[Person]] = {}
        self.adults: dict[str, list[Person]] = {}
        for person in session.scalars(select(Person).order_by(Person.id)):
            self._remember(person)
        self.links = {(k.adult_id, k.pupil_id): k for k in session.scalars(select(PersonLink))}
        self.created: set[int] = set()
        self.seen: set[int] = set()
        self.pupil_count = self.contact_count = self.links_added = 0
        # For the preview: everyone the file names, in order, with the line each is first
        # on and (for people already on record) their details before this import; and each
        # link touched, with its relationship before (None: a new link).
        self.touched: dict[int, tuple[Person, int, dict[str, str] | None]] = {}
        self.links_touched: dict[tuple[int, int], tuple[Person, Person, str | None]] = {}

    def _remember(self, person: Person) -> None:
        if person.role == "pupil":
            self.pupils.setdefault(person.name_key, []).append(person)
            if person.mis_id:
                self.by_mis.setdefault(person.mis_id, person)
        else:
            self.adults.setdefault(person.name_key, []).append(person)

    def _forget(self, person: Person) -> None:
        group = self.pupils if person.role == "pupil" else self.adults
        group[person.name_key].remove(person)
        if self.by_mis.get(person.mis_id) is person:
            del self.by_mis[person.mis_id]

    def add(self, line: int, values: dict[str, str], extra_cells: int) -> None:
        columns = self.columns
        errors: list[str] = []
        self.line = line
        if extra_cells:
            errors.append(f"This row has {extra_cells} filled cell(s) beyond the last column.")
        name = _full_name(columns.pupil_value(values, "name")) or " ".join(
            (columns.pupil_value(values, "forename"), columns.pupil_value(values, "surname")))
        pupil = self._clean(errors, "The pupil", PersonInput(
            full_name=name, role="pupil", mis_id=columns.pupil_value(values, "mis_id"),
            class_name=columns.pupil_value(values, "class_name"),
            year_group=columns.pupil_value(values, "year_group")))
        contacts = []
        for slot, fields in sorted(columns.contacts.items()):
            cell = {kind: values[key].strip() for kind, key in fields.items()}
            if not any(cell.values()):
                continue
            label = f"Contact {slot}" if slot else "The contact"
            name = _full_name(cell.get("name", "")) or " ".join(
                part for part in (cell.get("forename"), cell.get("surname")) if part)
            relationship = clean_line(cell.get("relationship"))
            data = self._clean(errors, label, PersonInput(
                full_name=_TITLE.sub("", name, count=1), role=contact_role(relationship),
                email=cell.get("email", ""), phone=cell.get("phone", ""),
                **_contact_parts(cell, name)))
            contacts.append((data, relationship[:60]))
        self.problems += [ImportProblem(line, message) for message in errors]
        if errors or pupil is None:
            return  # the row is refused: none of it is matched or kept
        child = self._pupil(pupil)
        for data, relationship in contacts:
            self._link(self._contact(data, child), child, relationship)

    @staticmethod
    def _clean(errors: list[str], who: str, data: PersonInput) -> PersonInput | None:
        try:
            return clean_person(data)
        except ValidationError as error:
            errors += [f"{who}: {message}" for message in error.errors.values()]
            return None

    def _pupil(self, data: PersonInput) -> Person:
        # An MIS id is matched exactly; by name only a pupil without one (added by hand or
        # by an incident import), so two children with one name are never merged.
        candidates = self.pupils.get(name_key(data.full_name), [])
        if data.mis_id:
            found = self.by_mis.get(data.mis_id) or next(
                (p for p in candidates if not p.mis_id), None)
        else:
            found = candidates[0] if candidates else None
        self.pupil_count += found is None or found.id not in self.seen
        return self._save(found, data, ("full_name", "class_name", "year_group", "mis_id"))

    def _contact(self, data: PersonInput, child: Person) -> Person:
        # By name, preferring who is already linked to this child, then the same email; a
        # namesake with a different email is someone else.
        candidates = self.adults.get(name_key(data.full_name), [])
        linked = [p for p in candidates if (p.id, child.id) in self.links]
        email = data.email.casefold()
        same = [p for p in candidates if email and p.email.casefold() == email]
        free = [p for p in candidates if not (email and p.email)]
        found = next(iter(linked + same + free), None)
        self.contact_count += found is None or found.id not in self.seen
        # The role of someone already on record is kept: a teaching assistant who is also
        # a mother stays staff.
        return self._save(found, data, ("email", "phone"))

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
                name: getattr(person, name) for name in CHANGED_FIELDS}
            self.touched[person.id] = (person, self.line, before)
        changed = [f for f in fields if getattr(data, f) and getattr(data, f) != getattr(person, f)]
        if changed:
            self._forget(person)
            for name in changed:
                setattr(person, name, getattr(data, name))
            person.name_key = name_key(person.full_name)
            person.updated_at = self.now
            self._remember(person)
        # Listed by the MIS: still at the school, so retention counts from today (a person's
        # updated_at is "last changed or last confirmed", see policy.retention.PERSON).
        person.updated_at = self.now
        self.seen.add(person.id)
        return person

    def _link(self, adult: Person, pupil: Person, relationship: str) -> None:
        key = (adult.id, pupil.id)
        link = self.links.get(key)
        if key not in self.links_touched:
            self.links_touched[key] = (adult, pupil,
                                       None if link is None else link.relationship_label)
        if link is None:
            link = PersonLink(adult_id=adult.id, pupil_id=pupil.id, relationship_label="")
            if not self.dry:
                self.session.add(link)
            self.links[key] = link
            self.links_added += 1
        if relationship and link.relationship_label != relationship:
            link.relationship_label = relationship

    def finish(self) -> None:
        self.session.flush()

    def result(self, file_name: str) -> ImportResult:
        _, updated, _ = self.plan()
        return ImportResult(len(self.created), len(updated), (), self.summary(file_name))

    def summary(self, file_name: str) -> str:
        _, updated, unchanged = self.plan()
        text = (f"Imported {file_name}: {self.pupil_count:,} pupil(s) and "
                f"{self.contact_count:,} contact(s); {len(self.created):,} added, "
                f"{len(updated):,} updated, {unchanged:,} already up to date; "
                f"{self.links_added:,} new link(s) between pupils and contacts.")
        refused = len({problem.line for problem in self.problems})
        if refused:
            text += (f" {refused:,} row(s) left out, as the preview showed: they could not "
                     "be imported.")
        text += "".join(f" {note}" for note in self.notes())
        return text

    def notes(self) -> list[str]:
        ignored = self.columns.ignored
        if not ignored:
            return []
        return [f"Columns not used: {', '.join(n or '(no heading)' for n in ignored)}."]

    def plan(self) -> tuple[list[PreviewEntry], list[PreviewEntry], int]:
        """Who would be added, who changed (and how), and how many are already up to date."""
        # adult id -> (pupil, relationship before this import or None if new, relationship now)
        links: dict[int, list[tuple[Person, str | None, str]]] = {}
        for (adult_id, pupil_id), (_, pupil, old) in self.links_touched.items():
            now = self.links[(adult_id, pupil_id)].relationship_label
            links.setdefault(adult_id, []).append((pupil, old, now))
        added, updated = [], []
        for person, line, before in self.touched.values():
            linked = links.get(person.id, [])
            entry = PreviewEntry(line, person.full_name, get_role(person.role).label,
                                 _detail(person, linked))
            if before is None:
                added.append(entry)
                continue
            changes = [FieldChange(label, before[name], getattr(person, name))
                       for name, label in CHANGED_FIELDS.items()
                       if before[name] != getattr(person, name)]
            changes += [_link_change(pupil, old, now) for pupil, old, now in linked
                        if old != now]
            if changes:
                updated.append(PreviewEntry(entry.line, entry.name, entry.kind, entry.detail,
                                            tuple(changes)))
        return added, updated, len(self.touched) - len(added) - len(updated)


def _link_change(pupil: Person, old: str | None, now: str) -> FieldChange:
    # "Link to Lily Chen: not linked → Father", "Link to Lily Chen: Father → Dad".
    return FieldChange(f"Link to {pupil.full_name}", "not linked" if old is None else old,
                       now or "linked")


def _linked_name(pupil: Person, relationship: str) -> str:
    return f"{pupil.full_name} ({relationship})" if relationship else pupil.full_name


def _detail(person: Person, linked: list[tuple[Person, str | None, str]]) -> str:
    """What the preview shows beside a name: class and year for a pupil; for a contact,
    whose contact they are and how to reach them."""
    if person.role == "pupil":
        parts = [f"Class {person.class_name}" if person.class_name else "",
                 person.year_group, f"MIS id {person.mis_id}" if person.mis_id else ""]
    else:
        parts = [f"Contact of {_linked_name(pupil, now)}" for pupil, _, now in linked]
        parts += [person.email, person.phone]
    return " · ".join(part for part in parts if part)
