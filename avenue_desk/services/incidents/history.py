"""The history service: a person's chronology (on screen, as a PDF or a CSV file) and an
incident's course of conduct. The rules are in ``chronology`` and ``course``; this is the
use case, guarded and audited."""

from __future__ import annotations

import os
from pathlib import Path

from avenue_desk.policy import get_role
from avenue_desk.policy.access import Operation
from avenue_desk.services.core.csvfiles import atomic_csv_writer
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.core.files import atomic_write_bytes
from avenue_desk.services.core.school import school_details
from avenue_desk.services.incidents.chronology import Chronology, build_chronology
from avenue_desk.services.incidents.course import CourseLine, course_lines

CSV_COLUMNS = ("date", "time", "what", "record", "incident_id", "stage", "platform",
               "details")
FORMATS = (".pdf", ".csv")


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def counts_text(chronology: Chronology) -> str:
    """"Posted 6 incidents; named in 2; reported 1." (only what there is)."""
    parts = []
    if chronology.incidents_posted:
        parts.append("posted " + _plural(chronology.incidents_posted, "incident", "incidents"))
    if chronology.incidents_named:
        parts.append(f"named in {chronology.incidents_named}")
    if chronology.incidents_reported:
        parts.append(f"reported {chronology.incidents_reported}")
    if not parts:
        return "No incidents."
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def role_label(key: str) -> str:
    try:
        return get_role(key).label
    except ValueError:
        return key


class HistoryService:
    def __init__(self, db, clock, guard, audit, settings):
        self._db = db
        self._clock = clock
        self._guard = guard
        self._audit = audit
        self._settings = settings

    def chronology(self, person_id: int) -> Chronology:
        """Everything about one person, in date order; the reading is audited."""
        actor = self._guard.require(Operation.PEOPLE_VIEW)
        self._guard.require(Operation.INCIDENT_VIEW)
        with self._db.read_one(f"Person {person_id}", writing=True) as session:
            chronology = build_chronology(session, person_id, self._guard)
            self._audit.record(session, actor, "open", "chronology", person_id,
                               f"Chronology of {chronology.person.full_name} read")
        return chronology

    def course(self, incident_id: int) -> tuple[CourseLine, ...]:
        """The other incidents by the same person or account, oldest first."""
        self._guard.require(Operation.INCIDENT_VIEW)
        with self._db.read_one(f"Incident {incident_id}") as session:
            return course_lines(session, incident_id)

    def pdf(self, chronology: Chronology) -> bytes:
        from avenue_desk.reports.chronology import (
            ChronologyDocument,
            ChronologyEntry,
            ChronologySheet,
        )
        from avenue_desk.reports.errors import ReportError

        sheet = ChronologySheet(
            chronology.person.full_name, role_label(chronology.person.role),
            self._clock.today(), counts_text(chronology), chronology.accounts,
            chronology.left_out,
            tuple(ChronologyEntry(line.day, line.at, line.kind, line.reference, line.text,
                                  line.stage) for line in chronology.lines))
        try:
            return ChronologyDocument(school_details(self._settings.load()), sheet).render()
        except ReportError as error:
            raise ServiceError(str(error)) from None

    def write(self, person_id: int, path: str | os.PathLike) -> Chronology:
        """The chronology saved as a PDF or a CSV file (by the file's extension)."""
        target = Path(path)
        if target.suffix.lower() not in FORMATS:
            raise ServiceError(f"“{target.name}”: a chronology can be saved as a .pdf or a "
                               ".csv file.")
        actor = self._guard.require(Operation.DATA_EXPORT)
        chronology = self.chronology(person_id)
        if target.suffix.lower() == ".pdf":
            data = self.pdf(chronology)
            if not target.parent.is_dir():
                raise ServiceError(f"The folder “{target.parent}” does not exist.")
            try:
                atomic_write_bytes(target, data)
            except OSError as error:
                raise ServiceError(f"“{target.name}” could not be written: "
                                   f"{error.strerror or error}.") from None
        else:
            with atomic_csv_writer(target) as writer:
                writer.writerow(CSV_COLUMNS)
                for line in chronology.lines:
                    writer.writerow((line.day.isoformat(),
                                     line.at.strftime("%H:%M") if line.at else "", line.kind,
                                     line.reference, line.incident_id or "", line.stage,
                                     line.platform, line.text))
        self._audit.record_now(actor, "save", "chronology", person_id,
                               f"Chronology of {chronology.person.full_name} saved "
                               f"({target.name})")
        return chronology

    def record_printed(self, person_id: int, name: str) -> None:
        actor = self._guard.require(Operation.PEOPLE_VIEW)
        self._audit.record_now(actor, "print", "chronology", person_id,
                               f"Chronology of {name} printed")

