"""CSV in and out, as one service the container holds.

The work is in ``importing``, ``exporting`` and ``people.import_people`` (and the runner in
``core/csv_import.py``); each is handed this service for what it runs under: its ``db``,
``clock``, ``guard`` (who may import or export) and ``audit``.
"""

from __future__ import annotations

import os

from avenue_desk.services.core.csv_import import ImportResult, Progress
from avenue_desk.services.core.import_preview import ImportPreview
from avenue_desk.services.transfer.exporting import export_incidents_csv
from avenue_desk.services.transfer.importing import (
    import_incidents_csv,
    import_people_csv,
    preview_people_csv,
)
from avenue_desk.services.transfer.people_export import export_people_csv
from avenue_desk.services.transfer.people_files import save_people_template, save_refused_rows


class TransferService:
    def __init__(self, db, clock, guard, audit):
        self.db = db
        self.clock = clock
        self.guard = guard
        self.audit = audit

    def import_incidents(self, path, progress: Progress | None = None) -> ImportResult:
        """An incident log (docs/import-formats.md); all rows or none."""
        return import_incidents_csv(self, path, progress)

    def import_people(self, path, progress: Progress | None = None,
                      preview: ImportPreview | None = None, mapping=()) -> ImportResult:
        """Pupils and their contacts from an MIS export; re-importing is a sync (updated by
        MIS id, new people added, what the file no longer has listed). All rows or none;
        or, given the ``preview`` the office looked at, exactly what it showed (its refused
        rows left out), raising PreviewOutdated if the file or the records changed.
        ``mapping``: ("contact.forename", "First Name") choices for ambiguous columns
        (AmbiguousColumns says which), saved for the school when the import is saved."""
        return import_people_csv(self, path, progress, preview, mapping)

    def preview_people(self, path, progress: Progress | None = None,
                       mapping=()) -> ImportPreview:
        """What importing pupils and contacts from ``path`` would add, update and refuse;
        nothing is saved."""
        return preview_people_csv(self, path, progress, mapping)

    def export_people(self, path: str | os.PathLike) -> int:
        """Everyone on record, one row a person, for checking an import from outside."""
        return export_people_csv(self, path)

    def save_refused_rows(self, preview: ImportPreview, path: str | os.PathLike) -> int:
        """A preview's refused rows as a CSV file for the office to put right."""
        return save_refused_rows(self, preview, path)

    def save_people_template(self, path: str | os.PathLike) -> None:
        """An empty people file with column names the import understands."""
        save_people_template(self, path)

    def export_incidents(self, path: str | os.PathLike,
                         progress: Progress | None = None) -> int:
        """The incident log as a CSV file Excel opens and this app imports again."""
        return export_incidents_csv(self, path, progress)
