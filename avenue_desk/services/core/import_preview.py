"""What an import would do, shown before anything is saved: plain frozen records.

``ImportPreview`` is filled by whichever importer reads the file (today the MIS's pupils and
contacts, ``people.mis_import``) through the runner in ``core/csv_import.py``; the window
shows it and hands it back to be applied. Applying it re-reads the file in the import's own
transaction and keeps the result only if it is the same plan the office looked at
(``ImportPreview.plan``); otherwise ``PreviewOutdated`` carries a fresh preview and says why.
"""

from __future__ import annotations

from dataclasses import dataclass

from avenue_desk.services.core.errors import ServiceError


@dataclass(frozen=True)
class FieldChange:
    field: str  # as the office calls it: "Class", "Phone", "Linked to"
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.field}: {self.old or '(blank)'} → {self.new or '(blank)'}"


@dataclass(frozen=True)
class PreviewEntry:
    """One person the import would add or change."""

    line: int  # the file line the person first appears on
    name: str
    kind: str  # the role's label: "Pupil", "Parent"...
    detail: str  # what else is stored or linked: "Class 4B · Year 4", "Mother of Millie"
    changes: tuple[FieldChange, ...] = ()  # for a person already on record

    @property
    def changes_text(self) -> str:
        return "; ".join(str(change) for change in self.changes)


@dataclass(frozen=True)
class RefusedRow:
    """A row left out, with why in the office's words and its cells as the file had them."""

    line: int
    reason: str
    cells: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportPreview:
    path: str
    file_name: str
    fingerprint: str  # SHA-256 of the file checked: a changed file is checked again
    encoding: str  # how the file was read, in the office's words
    columns: tuple[str, ...]  # the header row as written
    to_add: tuple[PreviewEntry, ...]
    to_update: tuple[PreviewEntry, ...]
    refused: tuple[RefusedRow, ...]
    unchanged: int = 0  # people in the file already on record exactly as the file has them
    warnings: tuple[str, ...] = ()
    notice: str = ""  # why this preview replaced the one shown before
    problems: tuple[str, ...] = ()  # one line per kind of problem, with its lines
    layout: str = ""  # "This looks like a Bromcom contacts export."
    understood: tuple[str, ...] = ()  # the header row as understood: "“UPN” → pupil's MIS id"
    # Re-import as a sync: pupils and links on record that this file no longer has (listed,
    # never deleted by the import).
    gone: tuple[str, ...] = ()
    doubtful: tuple[str, ...] = ()  # matches not made, for a person to look at
    mapping: tuple[tuple[str, str], ...] = ()  # the office's column choices it was read with

    @property
    def importable(self) -> int:
        """How many people importing would add or change."""
        return len(self.to_add) + len(self.to_update)

    @property
    def counts(self) -> str:
        return (f"{len(self.to_add):,} to add · {len(self.to_update):,} to update · "
                f"{len(self.refused):,} refused")

    @property
    def plan(self) -> tuple:
        """Everything the import would write or leave out; equal plans import the same."""
        return self.to_add, self.to_update, self.refused, self.unchanged, self.doubtful


class PreviewOutdated(ServiceError):
    """Nothing was imported because the file, or the people on record, changed since the
    preview; ``preview`` is the file checked again, to be looked at before importing."""

    def __init__(self, preview: ImportPreview, message: str):
        self.preview = preview
        super().__init__(message)
