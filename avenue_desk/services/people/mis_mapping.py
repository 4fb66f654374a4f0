"""The column choices an import runs with: the office's own (``--map``, the window's answers),
else those saved for this school for a file with the same headings, else none; and the check
of the header row every import starts with.

A choice is saved (a setting per set of headings, ``PEOPLE_IMPORT_COLUMNS``) when an import
made with it is saved, so next term's export is read the same way without asking again.
"""

from __future__ import annotations

import hashlib
import json

from avenue_desk.policy.settings_registry import PEOPLE_IMPORT_COLUMNS
from avenue_desk.services.core.csv_import import ImportProblem
from avenue_desk.services.core.csvfiles import CsvTable
from avenue_desk.services.core.settings import read_setting, write_setting
from avenue_desk.services.people.mis_columns import (
    AmbiguousColumns,
    ColumnMap,
    MappingError,
    read_columns,
)


def fingerprint(keys: tuple[str, ...]) -> str:
    """The member a set of headings' choices is saved under (order counts: "column 7")."""
    return hashlib.sha256("\x1f".join(keys).encode("utf-8")).hexdigest()[:16]


def saved_mapping(service, keys: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    with service.db.read() as session:
        stored = read_setting(session, PEOPLE_IMPORT_COLUMNS, fingerprint(keys))
    try:
        return tuple((str(f), str(c)) for f, c in json.loads(stored)) if stored else ()
    except (ValueError, TypeError):
        return ()  # unreadable: asked again rather than half-applied


def remember_mapping(session, columns: ColumnMap, mapping) -> None:
    write_setting(session, PEOPLE_IMPORT_COLUMNS, json.dumps([list(m) for m in mapping],
                                                             ensure_ascii=False),
                  fingerprint(columns.keys))


def resolve_columns(service, table: CsvTable, mapping) -> tuple[ColumnMap, bool]:
    """The file's columns read with the office's choices; True when they are the ones saved
    for these headings rather than given now."""
    saved = ()
    if not mapping:
        saved = saved_mapping(service, table.keys)
    try:
        return read_columns(table.header, table.keys, tuple(mapping) or saved), bool(saved)
    except MappingError:
        if mapping:
            raise
        return read_columns(table.header, table.keys), False  # saved for another file


def header_check(service, mapping):
    """The check every import of people starts with: columns that could mean two things
    stop it (AmbiguousColumns, naming them and how to choose), and so does no column for
    the pupil's name."""
    def check(table: CsvTable) -> ImportProblem | None:
        columns, _ = resolve_columns(service, table, mapping)
        if columns.ambiguities:
            raise AmbiguousColumns(table.header, tuple(columns.ambiguities))
        return name_problem(table, columns)
    return check


def name_problem(table: CsvTable, columns: ColumnMap) -> ImportProblem | None:
    found = set(columns.pupil)
    if "name" in found or {"forename", "surname"} <= found:
        return None
    if "forename" in found:
        missing = "a Surname column (or one Name column instead)"
    elif "surname" in found:
        missing = "a Forename column (or one Name column instead)"
    else:
        missing = "a Name column (or Pupil Name), or both Forename and Surname"
    seen = "; ".join(columns.understood()) or "none with a heading"
    return ImportProblem(table.header_line, f"The header row has no column for the pupil's "
                         f"name: missing {missing}. The header row as understood: {seen}. "
                         "The column names the app understands are listed in the user "
                         "guide, under “Importing people from your MIS”; to say which column "
                         "is the pupil's name, use --map \"pupil.name=COLUMN\".")
