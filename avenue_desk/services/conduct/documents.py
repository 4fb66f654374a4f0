"""The code of conduct's documents: the register (PDF or CSV), the acknowledgement form
(blank or for one person) and the Headteacher's written permission letter.

The services gather plain records and hand them to ``reports``; the PDF comes back as
bytes and is written whole or not at all.
"""

from __future__ import annotations

import os
from pathlib import Path

from avenue_desk.policy import get_role
from avenue_desk.policy.access import Operation
from avenue_desk.reports.conduct_context import (
    FormPerson,
    PermissionDetails,
    RegisterLine,
    RegisterSummary,
)
from avenue_desk.reports.errors import ReportError
from avenue_desk.services.conduct.records import (
    PERMISSION,
    PERMISSION_USES,
    STATUS_LABELS,
    RegisterQuery,
    RegisterRow,
)
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.core.files import atomic_write_bytes
from avenue_desk.services.core.school import school_details

FORMATS = (".pdf", ".csv")


def role_label(key: str) -> str:
    try:
        return get_role(key).label
    except ValueError:
        return key


def register_notes(row: RegisterRow) -> str:
    """What else the office should know about one person, in a sentence or two."""
    notes = []
    if row.changed_items:
        notes.append("To acknowledge again: " + "; ".join(row.changed_items) + ".")
    if row.failed_checks:
        notes.append("To put right: " + "; ".join(row.failed_checks) + ".")
    if row.in_progress:
        notes.append("Started on screen, not finished.")
    if row.on_paper:
        notes.append("Signed on paper.")
    return " ".join(notes)


def filter_text(query: RegisterQuery | None) -> str:
    if query is None or not (query.statuses or query.roles or query.text.strip()):
        return ""
    parts = []
    if query.statuses:
        parts.append(", ".join(STATUS_LABELS[s].lower() for s in query.statuses))
    if query.roles:
        parts.append(", ".join(role_label(r).lower() for r in query.roles))
    if query.text.strip():
        parts.append(f"names containing “{query.text.strip()}”")
    return "Showing only: " + "; ".join(parts) + "."


class ConductDocuments:
    """The code's documents, made from what the other conduct services (and People) hold."""

    def __init__(self, clock, guard, audit, settings, conduct, conduct_register,
                 authorisations, people):
        self._clock = clock
        self._guard = guard
        self._audit = audit
        self._settings = settings
        self._conduct = conduct
        self._register = conduct_register
        self._authorisations = authorisations
        self._people = people

    def _school(self):
        return school_details(self._settings.load())

    def register_pdf(self, query: RegisterQuery | None = None) -> bytes:
        periods = self._register.periods()
        lines = tuple(
            RegisterLine(row.full_name, role_label(row.role), row.status, row.status_label,
                         row.last_signed_on, row.renewal_due, register_notes(row),
                         len(row.failed_checks))
            for row in self._register.rows(query)
        )
        summary = RegisterSummary(self._clock.today(), periods.renewal_months,
                                  periods.due_soon_days, lines, filter_text(query))
        from avenue_desk.reports.conduct_register import ConductRegisterDocument

        return _render(ConductRegisterDocument(self._school(), summary))

    def form_pdf(self, person_id: int | None = None) -> bytes:
        """The paper form: blank, or with the person's name and role printed on it."""
        person = None
        if person_id is not None:
            found = self._conduct.standing(person_id)  # checks the code applies
            record = self._conduct.person(person_id)
            person = FormPerson(record.full_name, role_label(record.role),
                                found.last_full.signed_on if found.last_full else None)
        from avenue_desk.reports.conduct_form import ConductForm

        return _render(ConductForm(self._school(), person))

    def permission_letter_pdf(self, permission_id: int) -> bytes:
        self._guard.require(Operation.CONDUCT_PERMISSIONS)
        permission = self._authorisations.get(PERMISSION, permission_id)
        person = self._people.get(permission.person_id)
        details = PermissionDetails(
            reference=f"P-{permission.id}", person_name=person.full_name,
            person_role=role_label(person.role),
            uses=tuple(PERMISSION_USES[u] for u in permission.uses),
            what=permission.what, place=permission.place, valid_from=permission.valid_from,
            valid_until=permission.valid_until, agreed_on=permission.agreed_on,
            agreed_by=permission.agreed_by, notes=permission.notes,
        )
        from avenue_desk.reports.permission_letter import PermissionLetter

        return _render(PermissionLetter(self._school(), details,
                                        letter_date=permission.agreed_on))

    def write_register(self, path: str | os.PathLike, query: RegisterQuery | None = None) -> int:
        """The register as a PDF or a CSV file, by the file's extension; returns the rows."""
        target = Path(path)
        suffix = target.suffix.lower()
        if suffix not in FORMATS:
            raise ServiceError(f"“{target.name}”: the register can be saved as a .pdf or a "
                               ".csv file.")
        if suffix == ".csv":
            return self._register.export_csv(target, query)
        self._guard.require(Operation.DATA_EXPORT)
        count = len(self._register.rows(query))
        save(target, self.register_pdf(query))
        self.record_output("saved", target.name, count)
        return count

    def record_output(self, action: str, file_name: str, count: int | None = None,
                      document: str = "Code of conduct register") -> None:
        """A code of conduct document saved or printed, for the audit trail."""
        actor = self._guard.require(Operation.CONDUCT_OWN_RECORD)
        people = f" ({count} people)" if count is not None else ""
        done = "printed" if action == "printed" else "saved"
        self._audit.record_now(
            actor, "print" if action == "printed" else "save", "document", None,
            f"{document}{people} {done}" + (f" ({file_name})" if file_name else ""))


def _render(document) -> bytes:
    try:
        return document.render()
    except ReportError as error:
        raise ServiceError(str(error)) from None


def save(path: str | os.PathLike, data: bytes) -> Path:
    target = Path(path)
    if not target.parent.is_dir():
        raise ServiceError(f"The folder “{target.parent}” does not exist.")
    try:
        atomic_write_bytes(target, data)
    except PermissionError:
        raise ServiceError(f"“{target.name}” could not be written: it may be open in another "
                           "program. Close it and try again.") from None
    return target
