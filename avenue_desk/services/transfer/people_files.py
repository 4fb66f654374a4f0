"""The two files the window's people import offers to save: the rows it refused (for the
office to put right in the MIS) and an empty template with column names the import knows.
"""

from __future__ import annotations

import os

from avenue_desk.policy.access import Operation
from avenue_desk.services.core.csvfiles import atomic_csv_writer, undecoded_byte
from avenue_desk.services.core.import_preview import ImportPreview

# One row a pupil with numbered contacts: the simplest layout the MIS exports give.
TEMPLATE_COLUMNS = (
    "Forename", "Surname", "UPN", "Class", "Year Group",
    "Contact 1 Name", "Contact 1 Relationship", "Contact 1 Email", "Contact 1 Phone",
    "Contact 2 Name", "Contact 2 Relationship", "Contact 2 Email", "Contact 2 Phone",
)
REFUSED_COLUMNS = ("Line", "Why it was not imported")


def save_refused_rows(service, preview: ImportPreview, path: str | os.PathLike) -> int:
    """The refused rows as a CSV file: the line, why, then the row as the file had it.
    Returns how many rows were written."""
    service.guard.require(Operation.DATA_IMPORT)
    with atomic_csv_writer(path) as writer:
        writer.writerow((*REFUSED_COLUMNS, *preview.columns))
        for row in preview.refused:
            writer.writerow((str(row.line), row.reason, *map(_readable, row.cells)))
    return len(preview.refused)


def save_people_template(service, path: str | os.PathLike) -> None:
    """An empty people file: just the header row, ready to fill in or to compare with."""
    service.guard.require(Operation.DATA_IMPORT)
    with atomic_csv_writer(path) as writer:
        writer.writerow(TEMPLATE_COLUMNS)


def _readable(cell: str) -> str:
    # A byte that could not be read is shown as "�" in the report: its reason says so, and
    # the report is for people to read, never imported back as it is.
    if undecoded_byte(cell) is None:
        return cell
    return cell.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
