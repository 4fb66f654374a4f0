"""One row of an MIS export read into a pupil and their contacts, checked, before anything is
matched: names (with their title, forenames, surname and salutation), what the MIS says of
each contact for this child, and the damage a name may already carry (``core/text_damage``).

A problem is an ``ImportProblem`` whose ``summary`` is the same for every row with that
problem, so the office reads one line per kind with the lines it is on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from avenue_desk.policy import UnknownPolicyKey, parse_role
from avenue_desk.services.core.csv_import import ImportProblem
from avenue_desk.services.core.errors import ValidationError
from avenue_desk.services.core.text_damage import FIX, damage_in
from avenue_desk.services.core.validation import TITLES, clean_line
from avenue_desk.services.people.mis_columns import ColumnMap
from avenue_desk.services.people.name_parts import split_title
from avenue_desk.services.people.people import clean_person
from avenue_desk.services.people.records import PersonInput

_TITLE = re.compile(r"^(?:" + "|".join(TITLES) + r")\b\.?\s+", re.IGNORECASE)
_T = "(?:" + "|".join(sorted(TITLES, key=len, reverse=True)) + r")\b\.?"
_W = r"[^\W\d_][\w'’\-]*"
# "Mr & Mrs Patel", "Mr and Mrs Patel", "Mr Raj & Mrs Priya Patel", "Raj & Priya Patel".
_HOUSEHOLD = re.compile(
    rf"^(?:(?P<t1>{_T})\s*)?(?P<f1>{_W})?\s*(?:&|\band\b|\+)\s*(?:(?P<t2>{_T})\s*)?"
    rf"(?P<f2>{_W})?\s+(?P<surname>{_W}(?:\s+{_W})*)$", re.IGNORECASE)
_YES = {"yes", "y", "true", "1", "x", "✓", "ticked", "t"}
_NO = {"no", "n", "false", "0", "", "-"}

# Relationship words the MIS uses, checked in this order after the policy's own words, so
# "Grandmother" is a relative before "mother" could make her a parent and "Foster mother"
# is a carer. A parent's partner without parental responsibility is not a parent.
_RELATIONSHIP_WORDS = (
    ("god", "other_associate"), ("foster", "carer"), ("guardian", "carer"), ("carer", "carer"),
    ("grand", "relative"), ("nan", "relative"), ("aunt", "relative"), ("uncle", "relative"),
    ("brother", "relative"), ("sister", "relative"), ("sibling", "relative"),
    ("cousin", "relative"), ("niece", "relative"), ("nephew", "relative"),
    ("relative", "relative"), ("familymember", "relative"), ("partner", "other_associate"),
    ("step", "parent"), ("mother", "parent"), ("father", "parent"), ("parent", "parent"),
    ("mum", "parent"), ("mam", "parent"), ("mom", "parent"), ("dad", "parent"),
)


def contact_role(word: str, responsibility: bool | None = None) -> str:
    """The role for an MIS relationship word; anyone else is "someone associated". A
    step-parent or a parent's partner the MIS says has no parental responsibility is not
    made a parent."""
    role = ""
    try:
        found = parse_role(word)
        if found.is_parent_like:
            role = found.key
    except UnknownPolicyKey:
        pass
    folded = "".join(ch for ch in word.casefold() if ch.isalnum())
    role = role or next((r for part, r in _RELATIONSHIP_WORDS if part in folded),
                        "other_associate")
    if role == "parent" and responsibility is False and ("step" in folded
                                                         or "partner" in folded):
        return "other_associate"
    return role


@dataclass(frozen=True)
class ContactRow:
    slot: int
    people: tuple[PersonInput, ...]  # one person, or both adults of "Mr Raj & Mrs Priya Patel"
    relationship: str
    responsibility: bool | None
    priority: int
    court_order: bool
    restricted: bool
    household: str = ""  # "Mr & Mrs Patel" with no names given: kept as one contact


@dataclass(frozen=True)
class ReadRow:
    line: int
    pupil: PersonInput
    contacts: tuple[ContactRow, ...]


def read_row(columns: ColumnMap, line: int, cells: tuple[str, ...], extra_cells: int,
             problems: list[ImportProblem]) -> ReadRow | None:
    """The row as people, or None with its problems added (then none of it is kept)."""
    before = len(problems)
    if extra_cells:
        problems.append(ImportProblem(line, f"This row has {extra_cells} filled cell(s) beyond "
                                      "the last column.", "Rows with filled cells beyond the "
                                      "last heading on {lines} (often a name with a comma "
                                      "that is not in quotes): they are left out rather than "
                                      "read into the wrong columns."))
    name = _full_name(columns.pupil_value(cells, "name")) or " ".join(
        part for part in (columns.pupil_value(cells, "forename"),
                          columns.pupil_value(cells, "surname")) if part.strip())
    pupil = _clean(problems, line, "pupil", columns, PersonInput(
        full_name=name, role="pupil", mis_id=columns.pupil_value(cells, "mis_id"),
        class_name=columns.pupil_value(cells, "class_name"),
        year_group=columns.pupil_value(cells, "year_group")))
    contacts = []
    for slot in sorted(columns.contacts):
        cell = columns.contact_cells(cells, slot)
        if any(cell.values()):
            contact = _contact(problems, line, slot, cell, columns)
            if contact is not None:
                contacts.append(contact)
    if len(problems) > before or pupil is None:
        return None
    return ReadRow(line, pupil, tuple(contacts))


def _contact(problems, line, slot, cell, columns) -> ContactRow | None:
    flags = {}
    for kind in ("responsibility", "court_order", "restricted", "court_order_restricted"):
        flags[kind] = _yes_no(problems, line, slot, cell.get(kind, ""), kind, columns)
    priority = cell.get("priority", "").strip()
    if priority and not (priority.isdigit() and 0 < int(priority) < 100):
        problems.append(ImportProblem(line, f"The contact priority “{priority}” is not a "
                                      "number from 1 to 99.", "Contact priority that is not "
                                      "a number from 1 to 99 on {lines}."))
        priority = ""
    forename, surname = cell.get("forename", ""), cell.get("surname", "")
    title = cell.get("title", "").strip().rstrip(".")
    written = _full_name(cell.get("name", "")) or _joined(title, forename, surname)
    relationship = clean_line(cell.get("relationship"))[:60]
    court_restricted = flags["court_order_restricted"]
    base = {"relationship": relationship, "responsibility": flags["responsibility"],
            "priority": int(priority or 0),
            "court_order": bool(flags["court_order"] or court_restricted),
            "restricted": bool(flags["restricted"] or court_restricted)}
    role = contact_role(relationship, flags["responsibility"])
    household = _HOUSEHOLD.match(written.strip())
    if household and (household["t1"] or household["t2"] or (household["f1"]
                                                             and household["f2"])):
        return _household(problems, line, slot, cell, columns, household, role, base)
    if not written.strip():
        _name_missing(problems, line, _who(slot), columns)
        return None
    person = _clean(problems, line, _who(slot), columns, PersonInput(
        full_name=_TITLE.sub("", written, count=1), role=role, email=cell.get("email", ""),
        phone=cell.get("phone", ""), mis_id=cell.get("mis_id", ""),
        **_parts(cell, written, title)))
    return None if person is None else ContactRow(slot, (person,), **base)


def _household(problems, line, slot, cell, columns, match, role, base) -> ContactRow | None:
    """"Mr & Mrs Patel" is a household's salutation, not a person: with both forenames given
    both adults are made, each with the salutation for letters; without, one contact
    addressed as the household (said in the preview, for the MIS to be given their names)."""
    surname = match["surname"].strip()
    if match["f2"] and not match["f1"]:  # "Mr and Mrs Al Hassan": no forenames given
        surname = f"{match['f2']} {surname}"
    t1, t2 = (_title_of(match["t1"]), _title_of(match["t2"]))
    salutation = " & ".join(t for t in (t1, t2) if t) + f" {surname}" if t1 or t2 else ""
    salutation = cell.get("salutation", "") or salutation
    if match["f1"] and match["f2"]:
        people = []
        for title, forename in ((t1, match["f1"]), (t2, match["f2"])):
            person = _clean(problems, line, _who(slot), columns, PersonInput(
                full_name=f"{forename} {surname}", role=role, title=title or "",
                forenames=forename, surname=surname, salutation=salutation,
                email=cell.get("email", "") if not people else "",
                phone=cell.get("phone", "") if not people else ""))
            if person is None:
                return None
            people.append(person)
        return ContactRow(slot, tuple(people), **base)
    text = match.string.strip()
    person = _clean(problems, line, _who(slot), columns, PersonInput(
        full_name=text, role=role, title="", forenames="", surname=surname,
        salutation=salutation or text, email=cell.get("email", ""),
        phone=cell.get("phone", ""), mis_id=cell.get("mis_id", "")))
    return None if person is None else ContactRow(slot, (person,), household=text, **base)


def _joined(title: str, forename: str, surname: str) -> str:
    """A name from its columns, a household's kept whole: title "Mr & Mrs" with forenames
    "Raj & Priya" is "Mr Raj & Mrs Priya Patel"; with none, "Mr & Mrs Patel"."""
    pair = re.compile(r"\s*(?:&|\band\b|\+)\s*", re.IGNORECASE)
    titles, names = pair.split(title, maxsplit=1), pair.split(forename, maxsplit=1)
    if len(names) == 2:
        titles = titles if len(titles) == 2 else [title, ""]
        return " ".join(" ".join(p for p in (titles[0], names[0], "&", titles[1], names[1],
                                             surname) if p).split())
    if len(titles) == 2:
        return " ".join(p for p in (title, forename, surname) if p)
    return " ".join(p for p in (forename, surname) if p)


def _title_of(text: str | None) -> str:
    if not text:
        return ""
    word = text.rstrip(".").casefold()
    return next((t for t in TITLES if t.casefold() == word), text)


def _parts(cell: dict[str, str], name: str, title: str) -> dict[str, str | None]:
    """Title, forenames and surname where the file says which is which (its own columns, or
    SIMS's "Surname, Forename"); otherwise None, read from the name only where that is
    unambiguous (name_parts.py). The title the name starts with is kept."""
    given_title, _ = split_title(name)
    forename, surname = cell.get("forename", ""), cell.get("surname", "")
    if not (forename and surname):
        last, comma, first = cell.get("name", "").partition(",")
        forename, surname = (split_title(first)[1], last.strip()) if comma else ("", "")
    known = bool(forename.strip() and surname.strip())
    return {"title": title or given_title or None,
            "forenames": forename if known else None, "surname": surname if known else None,
            "salutation": cell.get("salutation", "")}


def _full_name(name: str) -> str:
    # SIMS writes "Surname, Forename" in its single name column.
    surname, comma, forename = name.partition(",")
    return f"{forename.strip()} {surname.strip()}" if comma else name


def _who(slot: int) -> str:
    return f"contact {slot}" if slot else "contact"


def _yes_no(problems, line, slot, text, kind, columns) -> bool | None:
    folded = text.strip().casefold()
    if folded in _YES:
        return True
    if folded in _NO:
        return None if not folded and kind == "responsibility" else False
    label = {"responsibility": "Parental responsibility", "court_order": "Court order",
             "restricted": "Restricted access",
             "court_order_restricted": "Court order / restricted access"}[kind]
    problems.append(ImportProblem(line, f"{label} “{text}” is not yes or no.",
                                  f"{label} that is not yes or no on {{lines}}: write Yes, "
                                  "No, Y, N or leave it blank."))
    return None


def _name_missing(problems, line, who: str, columns: ColumnMap) -> None:
    hint = ""
    guess = next((columns.header[p] for p in columns.ignored
                  if any(w in columns.keys[p] for w in ("contact", "parent", "guardian",
                                                        "carer", "name"))), "")
    if guess:
        hint = (f" The file has “{guess}”: is that the contact's name? If so, import with "
                f"--map \"{who.replace(' ', '')}.name={guess}\" (in the "
                "window: choose it for the contact's name).")
    problems.append(ImportProblem(
        line, f"{who.capitalize()}: details but no name.",
        f"{who.capitalize()} name missing on {{lines}}: the row has the "
        f"{who}'s details but no name, so they cannot be linked.{hint}"))


def _clean(problems: list[ImportProblem], line: int, who: str, columns: ColumnMap,
           data: PersonInput) -> PersonInput | None:
    damage = damage_in(data.full_name)
    if damage is not None:
        repaired = f" (“{damage.repaired}”?)" if damage.repaired else ""
        problems.append(ImportProblem(
            line, f"The {who}'s name “{data.full_name}”{repaired} has {damage.words}.",
            f"Names with {damage.words} on {{lines}}: these rows are left out, and no one "
            f"is matched or merged on a damaged name. To fix it, {FIX}.",
            (data.full_name,)))
        return None
    try:
        return clean_person(data)
    except ValidationError as error:
        for key, message in error.errors.items():
            if key == "full_name" and not data.full_name.strip():
                if who == "pupil":
                    problems.append(ImportProblem(line, "Pupil: no name.",
                                                  "Pupil name missing on {lines}."))
                else:
                    _name_missing(problems, line, who, columns)
            else:
                problems.append(ImportProblem(line, f"{who.capitalize()}: {message}"))
        return None
