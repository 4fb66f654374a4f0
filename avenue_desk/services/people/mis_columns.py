"""Which column of an MIS export holds what: read from the header row through the tables in
``policy/mis_layouts.py``, with the office's own choices (``--map "FIELD=COLUMN"``, or the
preview window's answers) first.

Columns are held by position, not by heading, because real exports repeat headings ("Surname"
for the pupil and again for the contact). A column whose meaning is ambiguous is never
guessed: ``ColumnMap.ambiguities`` says which and how to choose, and the import stops there
(the command line names the columns and the ``--map`` to give; the window asks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from avenue_desk.policy.mis_layouts import (
    CONTACT_FIELD_LABELS,
    CONTACT_FIELDS,
    CONTACT_WORDS,
    PLAIN_NAME_COLUMNS,
    PUPIL_COLUMNS,
    PUPIL_FIELDS,
    PUPIL_PREFIXES,
    UNPREFIXED_CONTACT,
    Layout,
    recognise_layout,
)
from avenue_desk.services.core.errors import ServiceError

_CONTACT = re.compile(
    r"(?:priority(?P<priority>\d+))?(?:primary|main)?"
    r"(?P<who>" + "|".join(sorted((*CONTACT_WORDS, "parents"), key=len, reverse=True))
    + r")?(?P<number>\d*)(?:contact)?"
    r"(?P<field>" + "|".join(sorted(CONTACT_FIELDS, key=len, reverse=True)) + r")"
)


def _unprefixed(key: str) -> str | None:
    """"studentforename" → "forename"; "childsurname" → "surname" (not "childs" + "urname")."""
    for prefix in PUPIL_PREFIXES:
        if key.startswith(prefix) and key[len(prefix):] in PUPIL_COLUMNS:
            return key[len(prefix):]
    return None


# A row may fill several of these for one contact (home phone and mobile): the first filled,
# in the file's order, is kept. Any other field in two columns is asked about.
MANY_ALLOWED = frozenset({"email", "phone"})
_FIELD_ALIASES = {"class": "class_name", "year": "year_group", "misid": "mis_id",
                  "id": "mis_id", "parentalresponsibility": "responsibility",
                  "courtorder": "court_order", "restrictedaccess": "restricted"}
_MAP_FIELD = re.compile(r"^(?P<who>pupil|contact|ignore)(?P<slot>\d*)(?:\.(?P<field>\w+))?$")
_COLUMN_NUMBER = re.compile(r"^column\s*(\d+)$", re.IGNORECASE)

MAP_HELP = ("FIELD is pupil.name, pupil.forename, pupil.surname, pupil.mis_id, pupil.class, "
            "pupil.year, contact.name, contact.title, contact.forename, contact.surname, "
            "contact.salutation, contact.relationship, contact.email, contact.phone, "
            "contact.mis_id, contact.responsibility, contact.priority, contact.court_order, "
            "contact.restricted (contact2.email for a numbered contact), or ignore; COLUMN is "
            "a heading as the file writes it, or “column 7” where two columns share one.")


class MappingError(ServiceError):
    """A ``--map`` choice that names no field or no column."""


@dataclass(frozen=True)
class Ambiguity:
    """Columns whose meaning the header does not settle, and what each could be."""

    columns: tuple[int, ...]  # positions, 0-based
    choices: tuple[tuple[str, ...], ...]  # per column, the fields it could be ("pupil.forename")
    names: tuple[str, ...]  # per column, as --map names it (its heading, or "column 7")
    question: str  # in the office's words
    suggestion: tuple[tuple[str, str], ...]  # a --map that would settle it


def field_label(field_name: str) -> str:
    """A --map field in the office's words: "pupil.forename" → "the pupil's forename"."""
    if field_name == "ignore":
        return "not used"
    who, kind = field_name.split(".")
    if who == "pupil":
        return f"the {PUPIL_FIELDS[kind]}"
    slot = who[len("contact"):]
    return _contact_label(int(slot or 0), kind)


def _contact_label(slot: int, kind: str) -> str:
    who = f"contact {slot}'s" if slot else "the contact's"
    return f"{who} " + CONTACT_FIELD_LABELS[kind].replace("contact's ", "")


class AmbiguousColumns(ServiceError):
    """The header row has columns that could mean two things: nothing is read until the
    office says which (``--map`` on the command line, the preview window's question)."""

    def __init__(self, header: tuple[str, ...], ambiguities: tuple[Ambiguity, ...]):
        self.header = header
        self.ambiguities = ambiguities
        lines = [a.question for a in ambiguities]
        maps = " ".join(f'--map "{f}={c}"' for a in ambiguities for f, c in a.suggestion)
        super().__init__(
            "Nothing was imported: some columns could mean two things, and a name in the "
            "wrong place is worse than none. " + " ".join(lines) + " Say which with "
            f"--map, for example: {maps} (or pupil.… for the pupil's, ignore=COLUMN to "
            "leave a column out). The choice is saved for this school and used again for "
            "files with the same columns.")


@dataclass
class ColumnMap:
    header: tuple[str, ...]
    keys: tuple[str, ...]
    pupil: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # (rank, position)
    contacts: dict[int, dict[str, list[int]]] = field(default_factory=dict)  # slot → field
    ignored: list[int] = field(default_factory=list)
    chosen: dict[int, str] = field(default_factory=dict)  # positions the office mapped
    ambiguities: list[Ambiguity] = field(default_factory=list)
    layout: Layout | None = None

    def pupil_value(self, cells: tuple[str, ...], kind: str) -> str:
        return next((cells[i] for _, i in self.pupil.get(kind, ()) if cells[i].strip()), "")

    def contact_cells(self, cells: tuple[str, ...], slot: int) -> dict[str, str]:
        found = {}
        for kind, positions in self.contacts[slot].items():
            found[kind] = next((cells[i].strip() for i in positions if cells[i].strip()), "")
        return found

    def understood(self) -> list[str]:
        """The header row as understood, a line a column: for the preview and ``--preview``."""
        meaning = {}
        for kind, ranked in self.pupil.items():
            for _, position in ranked:
                meaning[position] = PUPIL_FIELDS[kind]
        for slot, fields in self.contacts.items():
            for kind, positions in fields.items():
                for position in positions:
                    meaning[position] = _contact_label(slot, kind)
        asked = {p for a in self.ambiguities for p in a.columns}
        lines = []
        for position, name in enumerate(self.header):
            shown = f"“{name}”" if name else f"column {position + 1} (no heading)"
            if position in asked:
                lines.append(f"{shown} → ? (to be chosen)")
            elif position in meaning:
                chosen = " (your choice)" if position in self.chosen else ""
                lines.append(f"{shown} → {meaning[position]}{chosen}")
            else:
                lines.append(f"{shown} → not used")
        return lines

    def column_name(self, position: int) -> str:
        name = self.header[position]
        if not name or self.keys.count(self.keys[position]) > 1:
            return f"column {position + 1}"
        return name


def read_columns(header: tuple[str, ...], keys: tuple[str, ...],
                 mapping: tuple[tuple[str, str], ...] = ()) -> ColumnMap:
    found = ColumnMap(header, keys, layout=recognise_layout(keys))
    for field_name, column in mapping:
        _apply_choice(found, field_name, _position(found, column))
    qualified = False
    plain: list[int] = []
    for position, key in enumerate(keys):
        if position in found.chosen or not key:
            if not key and position not in found.chosen:
                found.ignored.append(position)
            continue
        prefixed = _unprefixed(key)
        match = _CONTACT.fullmatch(key)
        if key in PUPIL_COLUMNS:
            kind, rank = PUPIL_COLUMNS[key]
            if key in PLAIN_NAME_COLUMNS:
                plain.append(position)
            elif kind in ("forename", "surname", "name"):
                qualified = True
            found.pupil.setdefault(kind, []).append((rank, position))
        elif prefixed:
            kind, rank = PUPIL_COLUMNS[prefixed]
            qualified = qualified or kind in ("forename", "surname", "name")
            found.pupil.setdefault(kind, []).append((rank, position))
        elif match and (match["who"] or match["priority"]):
            slot = int(match["priority"] or match["number"] or 0)
            kind = CONTACT_FIELDS[match["field"]]
            found.contacts.setdefault(slot, {}).setdefault(kind, []).append(position)
        elif key in UNPREFIXED_CONTACT:
            found.contacts.setdefault(0, {}).setdefault(UNPREFIXED_CONTACT[key], []).append(
                position)
        else:
            found.ignored.append(position)
    _ask_about_plain_names(found, plain, qualified)
    _ask_about_repeats(found)
    for ranked in found.pupil.values():
        ranked.sort()
    return found


def _ask_about_plain_names(found: ColumnMap, plain: list[int], qualified: bool) -> None:
    """"First Name" beside "Legal First Name" and a contact with no name of its own: the
    plain name may be the pupil's or the contact's (Arbor's guardians export)."""
    contact = found.contacts.get(0, {})
    # Named by the file itself, not by the office's choice of some of the plain columns.
    named = any(p not in found.chosen for kind in ("name", "forename", "surname")
                for p in contact.get(kind, ()))
    if not (plain and qualified and contact) or named:
        return
    for position in plain:
        kind = PUPIL_COLUMNS[found.keys[position]][0]
        found.pupil[kind] = [(r, p) for r, p in found.pupil[kind] if p != position]
        if not found.pupil[kind]:
            del found.pupil[kind]
    names = " and ".join(f"“{found.column_name(p)}”" for p in plain)
    pupil_names = ", ".join(f"“{found.column_name(p)}”" for ranked in
                            (found.pupil.get("forename", []), found.pupil.get("surname", []))
                            for _, p in ranked)
    suggestion = tuple((f"contact.{PUPIL_COLUMNS[found.keys[p]][0]}", found.column_name(p))
                       for p in plain)
    found.ambiguities.append(Ambiguity(
        tuple(plain), tuple((f"pupil.{PUPIL_COLUMNS[found.keys[p]][0]}",
                             f"contact.{PUPIL_COLUMNS[found.keys[p]][0]}", "ignore")
                            for p in plain),
        tuple(found.column_name(p) for p in plain),
        f"{names} could be the pupil's name or the contact's: the file also has the pupil's "
        f"name in {pupil_names or 'another column'} and contact columns with no name of "
        "their own.", suggestion))


def _ask_about_repeats(found: ColumnMap) -> None:
    """One field in two columns (two "Surname" headings, "Email" and "Contact Email" both
    for one contact...) where which one is meant is not settled by a rank."""
    for kind, ranked in list(found.pupil.items()):
        ranks = [rank for rank, _ in ranked]
        repeated = [p for rank, p in ranked if ranks.count(rank) > 1 and p not in found.chosen]
        if repeated:
            _repeat(found, repeated, f"pupil.{kind}", PUPIL_FIELDS[kind])
            found.pupil[kind] = [(r, p) for r, p in ranked if p not in repeated]
    for slot, fields in found.contacts.items():
        for kind, positions in list(fields.items()):
            free = [p for p in positions if p not in found.chosen]
            if len(free) > 1 and kind not in MANY_ALLOWED:
                who = f"contact{slot}" if slot else "contact"
                _repeat(found, free, f"{who}.{kind}", CONTACT_FIELD_LABELS[kind])
                fields[kind] = [p for p in positions if p not in free]
    for fields in found.contacts.values():
        for kind in [k for k, v in fields.items() if not v]:
            del fields[kind]


def _repeat(found: ColumnMap, positions: list[int], field_name: str, label: str) -> None:
    names = ", ".join(found.column_name(p) if found.column_name(p).startswith("column")
                      else f"“{found.column_name(p)}”" for p in positions)
    heading = found.header[positions[0]]
    same = all(found.keys[p] == found.keys[positions[0]] for p in positions)
    what = (f"“{heading}” is the heading of columns {_and(str(p + 1) for p in positions)}"
            if same else f"{names} all look like the {label}")
    other = "contact" if field_name.startswith("pupil") else "pupil"
    kind = field_name.split(".")[1]
    suggestion = ((field_name, found.column_name(positions[0])),
                  (f"{other}.{kind}" if kind in ("forename", "surname", "name", "mis_id")
                   else "ignore", found.column_name(positions[1])))
    other_field = f"{other}.{kind}" if other == "pupil" and kind in PUPIL_FIELDS or (
        other == "contact" and kind in CONTACT_FIELD_LABELS) else None
    options = tuple(f for f in (field_name, other_field, "ignore") if f)
    found.ambiguities.append(Ambiguity(
        tuple(positions), (options,) * len(positions),
        tuple(found.column_name(p) for p in positions),
        f"{what}: which is the {label}?", suggestion))


def _position(found: ColumnMap, column: str) -> int:
    number = _COLUMN_NUMBER.match(column.strip())
    if number:
        position = int(number.group(1)) - 1
        if not 0 <= position < len(found.header):
            raise MappingError(f"--map: the file has {len(found.header)} columns, so there is "
                               f"no “{column}”.")
        return position
    key = "".join(ch for ch in column.casefold() if ch.isalnum())
    positions = [i for i, k in enumerate(found.keys) if k == key]
    if not positions:
        headings = ", ".join(f"“{h}”" for h in found.header if h)
        raise MappingError(f"--map: the file has no column “{column}”. Its columns are: "
                           f"{headings}.")
    if len(positions) > 1:
        raise MappingError(f"--map: “{column}” is the heading of columns "
                           f"{', '.join(str(p + 1) for p in positions)}; name one as "
                           f"“column {positions[0] + 1}”.")
    return positions[0]


def parse_choice(text: str) -> tuple[str, str]:
    """``"contact.forename=First Name"`` as (field, column); MappingError if malformed."""
    field_name, equals, column = text.partition("=")
    if not equals or not column.strip():
        raise MappingError(f"--map “{text}”: write it as FIELD=COLUMN. {MAP_HELP}")
    return _normal_field(field_name.strip()), column.strip()


def _normal_field(text: str) -> str:
    match = _MAP_FIELD.match(text.casefold().replace(" ", ""))
    if not match:
        raise MappingError(f"--map: “{text}” is not a field. {MAP_HELP}")
    if match["who"] == "ignore":
        return "ignore"
    kind = _FIELD_ALIASES.get(match["field"] or "", match["field"] or "")
    known = PUPIL_FIELDS if match["who"] == "pupil" else CONTACT_FIELD_LABELS
    if kind not in known or (match["who"] == "pupil" and match["slot"]):
        raise MappingError(f"--map: “{text}” is not a field. {MAP_HELP}")
    return f"{match['who']}{match['slot']}.{kind}"


def _apply_choice(found: ColumnMap, field_name: str, position: int) -> None:
    field_name = _normal_field(field_name)
    found.chosen[position] = field_name
    if field_name == "ignore":
        found.ignored.append(position)
        return
    who, kind = field_name.split(".")
    if who == "pupil":
        found.pupil.setdefault(kind, []).append((-1, position))  # chosen: first
    else:
        slot = int(who[len("contact"):] or 0)
        found.contacts.setdefault(slot, {}).setdefault(kind, []).append(position)


def _and(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
