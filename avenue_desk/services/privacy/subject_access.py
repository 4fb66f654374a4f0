"""Subject access requests: everything held about one person, exported into one folder.

    DIR/index.pdf                         what is here, the reply's deadline, what to check
    DIR/records/*.csv                     the records, other people's names replaced
    DIR/evidence/incident-12/evidence-3.png   evidence files, fingerprints checked
    DIR/REDACTION-KEY-do-not-send.csv     who each placeholder is (the Headteacher's alone)

The Headteacher's alone (``Operation.SUBJECT_ACCESS``): the export reaches legal notes and
breach records. The records are read in one transaction, so the export is one moment's
snapshot. Everything is written into a hidden folder beside DIR and renamed into place at
the end, so a crash or a cancel leaves no half export; the CSV files are UTF-8 with a BOM
for Excel, guarded against formula injection. The audit trail gets the person's number and
how many files were written, never the content.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from avenue_desk.policy.access import Operation
from avenue_desk.policy.subject_access import BEFORE_SENDING, DEADLINE_NOTE, reply_due
from avenue_desk.services.core.audit import local_time
from avenue_desk.services.core.csvfiles import atomic_csv_writer
from avenue_desk.services.core.errors import Cancelled, NotFound, ServiceError, ValidationError
from avenue_desk.services.core.evidence_store import evidence_store
from avenue_desk.services.core.files import atomic_write_bytes, private_folder
from avenue_desk.services.core.validation import uk_date
from avenue_desk.services.privacy.sar_collect import (
    Collected,
    SarTable,
    build_redactor,
    collect,
)
from avenue_desk.services.privacy.sar_redaction import SHARED, Redactor
from avenue_desk.store.models import Person

INDEX_FILE = "index.pdf"
KEY_FILE = "REDACTION-KEY-do-not-send.csv"
KEY_HEADERS = ("Placeholder", "Name", "Who they are", "Times replaced")
NOT_INCLUDED = (
    "Not included: incidents about the person's children (those are the children's "
    "records: a parent asking for them is making a request on the child's behalf), and "
    "letters as PDF files (Avenue Desk records that a letter was made, listed in "
    "records/letters.csv, but does not keep a copy).")
COPIED = "Copied; fingerprint matches"
PROBLEMS = {
    "missing": "Missing from the data folder: not copied. Run the check (Settings or "
               "“avenue-desk check”).",
    "changed": "Changed since it was added (fingerprint differs): not copied. Run the check.",
}


class SubjectAccessCancelled(Cancelled):
    MESSAGE = "Cancelled: no subject access export was written."


@dataclass(frozen=True)
class SarResult:
    folder: Path
    person_id: int
    person_name: str
    files: int  # every file written, the index and the key included
    by_hand: tuple[str, ...]  # evidence files in the folder to check and redact by hand
    not_copied: tuple[str, ...]  # evidence missing or changed, with why
    placeholders: int  # other people whose names were replaced
    reply_due: date

    def summary(self) -> str:
        return (f"Wrote {self.files} file(s) about {self.person_name} (person no. "
                f"{self.person_id}); {self.placeholders} other people's names replaced; "
                f"{len(self.by_hand)} evidence file(s) to check and redact by hand. "
                f"Reply due by {uk_date(self.reply_due)}.")


def check_folder(folder: Path) -> None:
    """Refuses anything but a new folder (in one that exists) or an empty one."""
    if folder.exists() and not folder.is_dir():
        raise ServiceError(f"“{folder}” is a file, not a folder. Choose a new or empty "
                           "folder. Nothing was written.")
    if folder.is_dir() and any(folder.iterdir()):
        raise ServiceError(f"“{folder}” is not empty. Choose a new folder, or an empty one, "
                           "so the export holds nothing else. Nothing was written.")
    if not folder.parent.is_dir():
        raise ServiceError(f"The folder “{folder.parent}” does not exist. Nothing was "
                           "written.")


class SubjectAccessService:
    """Subject access exports; ``export_subject_access`` does the work, handed this service
    for what it reads and records: ``db`` (and its ``paths``), ``clock``, ``guard``,
    ``audit`` and ``settings``."""

    def __init__(self, db, clock, guard, audit, settings):
        self.db = db
        self.paths = db.paths
        self.clock = clock
        self.guard = guard
        self.audit = audit
        self.settings = settings

    def export(self, person_id: int, folder: str | os.PathLike, *,
               received_on: date | None = None,
               progress: Callable[[int, int], None] | None = None,
               cancelled: Callable[[], bool] | None = None) -> SarResult:
        """Everything held about ``person_id``, into ``folder`` (see below)."""
        return export_subject_access(self, person_id, folder, received_on=received_on,
                                     progress=progress, cancelled=cancelled)


def export_subject_access(service, person_id: int, folder: str | os.PathLike, *,
                          received_on: date | None = None,
                          progress: Callable[[int, int], None] | None = None,
                          cancelled: Callable[[], bool] | None = None) -> SarResult:
    """Writes everything held about ``person_id`` into ``folder`` (new or empty).

    Raises:
        PermissionDenied: not the Headteacher's account.
        NotFound: no such person.
        ServiceError: the folder is not new or empty, or cannot be written.
    """
    actor = service.guard.require(Operation.SUBJECT_ACCESS)
    target = Path(folder).absolute()
    check_folder(target)
    today = service.clock.today()
    received = received_on or today
    if received > today:
        raise ValidationError({"received_on": "The date the request was received is in "
                                              "the future."})
    with service.db.read() as session:
        subject = session.get(Person, person_id)
        if subject is None:
            raise NotFound(f"Person {person_id} does not exist.")
        redactor = build_redactor(session, subject)
        collected = collect(session, subject, redactor, service.paths.evidence_dir,
                            received.isoformat())
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.",
                                    suffix=".part"))
    try:
        result = _write(service, staging, collected, redactor, person_id, received,
                        progress, cancelled or (lambda: False))
        if target.is_dir():
            target.rmdir()  # checked empty above
        os.replace(staging, target)
    except OSError as error:
        raise ServiceError(f"Could not write in “{target.parent}” "
                           f"({error.strerror or error}). Nothing was written.") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    service.audit.record_now(actor, "subject_access", "person", person_id,
                              f"Subject access export for person {person_id}: "
                              f"{result.files} file(s) written")
    return replace(result, folder=target)


def _write(service, folder: Path, collected: Collected, redactor: Redactor, person_id: int,
           received: date, progress, cancelled) -> SarResult:
    total = len(collected.tables) + len(collected.evidence) + 2
    done = 0

    def step() -> None:
        nonlocal done
        if cancelled():
            raise SubjectAccessCancelled()
        done += 1
        if progress:
            progress(done, total)

    private_folder(folder / "records")
    for table in collected.tables:
        _write_table(folder / table.file, table)
        step()
    lines, by_hand, not_copied = [], [], []
    names = {row[1]: row[2] for table in collected.tables if table.file.endswith(
        "evidence.csv") for row in table.rows}
    store = evidence_store(service.db)
    for item in collected.evidence:
        problem = _copy(store, item.source, folder / item.target, item.sha256)
        name = names.get(item.target, "")
        if problem:
            not_copied.append(f"{item.belongs_to}: {name} ({problem})")
        else:
            by_hand.append(item.target)
        lines.append((item.target if not problem else "", item.belongs_to, name,
                      PROBLEMS[problem] if problem else COPIED))
        step()
    _write_key(folder / KEY_FILE, redactor)
    step()
    files = len(collected.tables) + len(by_hand) + 2
    due = reply_due(received)
    pdf = _index_pdf(service, collected, redactor, person_id, received, due, lines)
    atomic_write_bytes(folder / INDEX_FILE, pdf)
    step()
    return SarResult(folder, person_id, collected.name, files, tuple(by_hand),
                     tuple(not_copied), len(redactor.placeholders), due)


def _write_table(path: Path, table: SarTable) -> None:
    private_folder(path.parent)
    with atomic_csv_writer(path) as writer:
        writer.writerow(table.headers)
        for row in table.rows:
            writer.writerow(row)


def _copy(store, stored_name: str, target: Path, digest: str) -> str:
    """Copies a stored evidence file, checked against its fingerprint; "" when it was
    copied, else "missing" or "changed"."""
    if store.digest(stored_name) is None:
        return "missing"
    try:
        store.copy_to(stored_name, target, digest)
    except ValidationError:
        return "changed"
    return ""


def _write_key(path: Path, redactor: Redactor) -> None:
    with atomic_csv_writer(path) as writer:
        writer.writerow(KEY_HEADERS)
        for placeholder in redactor.placeholders.values():
            writer.writerow((placeholder.text, placeholder.name, placeholder.who,
                             placeholder.uses))
        for word, names in redactor.shared_parts().items():
            writer.writerow((SHARED, word, "A name shared by: " + "; ".join(names), ""))


def _index_pdf(service, collected: Collected, redactor: Redactor, person_id: int,
               received: date, due: date, lines) -> bytes:
    from avenue_desk.reports.errors import ReportError
    from avenue_desk.reports.subject_access import (
        SarEvidenceLine,
        SarIndex,
        SarIndexFile,
        SubjectAccessIndex,
    )
    from avenue_desk.services.core.school import school_details
    from avenue_desk.services.letters import LetterService

    printable = LetterService.describe_unprintable
    files = [SarIndexFile(INDEX_FILE, "This index")]
    files += [SarIndexFile(t.file, t.what, len(t.rows)) for t in collected.tables]
    files += [SarIndexFile(path, f"Evidence file of {belongs.lower()}: check and redact by "
                                 "hand before sending") for path, belongs, _n, _s in lines
              if path]
    files.append(SarIndexFile(KEY_FILE, "Who each placeholder is. For the Headteacher "
                                        "alone: take it out before sending."))
    index = SarIndex(
        person_name=printable(collected.name), person_id=person_id,
        role=collected.role,
        received_on=received, exported_at=local_time(service.clock.now()), reply_due=due,
        deadline_note=DEADLINE_NOTE, files=tuple(files),
        evidence=tuple(SarEvidenceLine(p, b, printable(n), s) for p, b, n, s in lines),
        placeholders=len(redactor.placeholders),
        replacements=sum(p.uses for p in redactor.placeholders.values()),
        legal_notes=collected.legal_notes, key_file=KEY_FILE,
        before_sending=BEFORE_SENDING, not_included=NOT_INCLUDED)
    document = SubjectAccessIndex(school_details(service.settings.load()), index)
    try:
        return document.render()
    except ReportError as error:
        raise ServiceError(f"The index could not be made: {error}") from None
