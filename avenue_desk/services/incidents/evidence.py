"""Evidence files: copied into the data folder, hashed on arrival, verified whenever used."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from avenue_desk.policy.access import Operation
from avenue_desk.services.core.database import Database
from avenue_desk.services.core.errors import NotFound, ValidationError
from avenue_desk.services.core.filetypes import ACCEPTED_DESCRIPTION, sniff
from avenue_desk.services.core.validation import clean_block, clean_line
from avenue_desk.services.incidents.from_rows import evidence_record
from avenue_desk.services.incidents.records import EvidenceCheck, EvidenceRecord
from avenue_desk.store.models import Evidence, Incident, Setting

CHUNK = 1 << 20
_PROBLEM_TEXT = {
    "missing": "The stored evidence file is missing from the data folder.",
    "changed": "This file has changed since it was added — it may no longer be reliable "
    "evidence. It was not opened.",
}
DEFAULT_LIMIT_MB = 25


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def check_file(path: Path, limit_mb: int, field: str = "evidence"):
    """The file's kind, or a ValidationError saying plainly why it cannot be evidence."""
    name = path.name
    if not path.is_file():
        raise ValidationError({field: f"“{name}” could not be found or is not a file."})
    size = path.stat().st_size
    if size == 0:
        raise ValidationError({field: f"“{name}” is empty."})
    if size > limit_mb * 1024 * 1024:
        raise ValidationError(
            {
                field: f"“{name}” is {size / 1024 / 1024:.1f} MB; evidence files are limited "
                f"to {limit_mb} MB (Settings). Crop the screenshot or save a smaller copy."
            }
        )
    with open(path, "rb") as handle:
        kind = sniff(handle.read(1024))
    if kind is None:
        raise ValidationError(
            {field: f"“{name}” is not {ACCEPTED_DESCRIPTION}. It was not added."}
        )
    return kind, size


class EvidenceService:
    def __init__(self, db: Database, clock, guard, audit):
        self._db = db
        self._clock = clock
        self._guard = guard
        self._audit = audit

    @property
    def evidence_dir(self) -> Path:
        return self._db.paths.evidence_dir

    def limit_mb(self) -> int:
        with self._db.read() as session:
            stored = session.get(Setting, "evidence_limit_mb")
            return int(stored.value) if stored else DEFAULT_LIMIT_MB

    def add(
        self, incident_id: int, source: str | os.PathLike, captured_on: date | None = None,
        note: str = "",
    ) -> EvidenceRecord:
        actor = self._guard.require(Operation.EVIDENCE_ADD)
        source = Path(source)
        kind, size = check_file(source, self.limit_mb())
        if captured_on is None:
            modified = datetime.fromtimestamp(source.stat().st_mtime).date()
            captured_on = min(modified, self._clock.today())
        elif captured_on > self._clock.today():
            raise ValidationError({"captured_on": "The capture date is in the future."})
        digest = sha256_of(source)
        stored_name = f"{incident_id:06d}/{digest}{kind.extension}"
        target = self.evidence_dir / stored_name
        with copy_on_commit(target) as place, self._db.begin() as session:
            if session.get(Incident, incident_id) is None:
                raise NotFound(f"Incident {incident_id} does not exist.")
            duplicate = session.scalar(
                select(Evidence.original_name).where(
                    Evidence.incident_id == incident_id, Evidence.sha256 == digest
                )
            )
            if duplicate is not None:
                raise ValidationError(
                    {"evidence": f"This file is already attached as “{duplicate}”."}
                )
            place(source, digest)
            item = Evidence(
                incident_id=incident_id,
                original_name=clean_line(source.name)[:500],
                stored_name=stored_name,
                media_type=kind.media_type,
                size_bytes=size,
                sha256=digest,
                captured_on=captured_on,
                added_at=self._clock.now(),
                note=clean_block(note)[:2000],
            )
            session.add(item)
            session.flush()
            self._audit.record(session, actor, "create", "evidence", item.id,
                               f"Evidence file added to incident {incident_id}")
            return evidence_record(item, self.evidence_dir)

    def get(self, evidence_id: int) -> EvidenceRecord:
        self._guard.require(Operation.EVIDENCE_VIEW)
        return self._get(evidence_id)

    def _get(self, evidence_id: int) -> EvidenceRecord:
        with self._db.read() as session:
            item = session.get(Evidence, evidence_id)
            if item is None:
                raise NotFound(f"Evidence {evidence_id} does not exist.")
            return evidence_record(item, self.evidence_dir)

    def update_details(
        self, evidence_id: int, captured_on: date | None, note: str
    ) -> EvidenceRecord:
        """The capture date and note can be corrected; the file and its hash never change."""
        actor = self._guard.require(Operation.EVIDENCE_ADD)
        if captured_on is not None and captured_on > self._clock.today():
            raise ValidationError({"captured_on": "The capture date is in the future."})
        with self._db.begin() as session:
            item = session.get(Evidence, evidence_id)
            if item is None:
                raise NotFound(f"Evidence {evidence_id} does not exist.")
            item.captured_on = captured_on
            item.note = clean_block(note)[:2000]
            session.flush()
            self._audit.record(session, actor, "update", "evidence", evidence_id,
                               f"Evidence details changed on incident {item.incident_id}")
            return evidence_record(item, self.evidence_dir)

    def viewing_copy(self, evidence_id: int) -> Path:
        """A read-only copy to open in another program, so that a viewer that saves (or a
        slip of the mouse) can never alter the evidence itself. Refused if the stored file
        no longer matches its hash. The opening is audited."""
        actor = self._guard.require(Operation.EVIDENCE_VIEW)
        record = self._get(evidence_id)
        copy = read_only_copy(self._db.paths.data_dir / "viewing", self._clock.now(), record)
        self._audit.record_now(actor, "open", "evidence", evidence_id,
                               f"Evidence file of incident {record.incident_id} opened")
        return copy

    def verify(self, evidence_id: int) -> EvidenceCheck:
        self._guard.require(Operation.EVIDENCE_VIEW)
        return self._verify_record(self._get(evidence_id))

    def verify_all(self) -> Iterator[tuple[EvidenceRecord, EvidenceCheck]]:
        self._guard.require(Operation.CHECK)
        with self._db.read() as session:
            items = [evidence_record(e, self.evidence_dir) for e in session.scalars(
                select(Evidence).order_by(Evidence.id))]
        for record in items:
            yield record, self._verify_record(record)

    def count(self) -> int:
        from sqlalchemy import func

        self._guard.require(Operation.CHECK)
        with self._db.read() as session:
            return session.scalar(select(func.count(Evidence.id))) or 0

    @staticmethod
    def _verify_record(record: EvidenceRecord) -> EvidenceCheck:
        problem = file_problem(record)
        return EvidenceCheck(record.id, not problem, problem)


# --- shared with every other kind of evidence (e.g. services/conduct/evidence.py) ---------


def file_problem(record) -> str:
    """"" when the stored file (``record.path``) still matches ``record.sha256``;
    otherwise "missing" or "changed"."""
    path = Path(record.path)
    if not path.is_file():
        return "missing"
    return "" if sha256_of(path) == record.sha256 else "changed"


def refuse_untrusted(record) -> None:
    """Raises a ValidationError, worded for the office, if the stored file is not trusted."""
    problem = file_problem(record)
    if problem:
        raise ValidationError({"evidence": _PROBLEM_TEXT[problem]})


def read_only_copy(folder: Path, now: datetime, record, prefix: str = "") -> Path:
    """A read-only copy of a stored evidence file to open in another program, so that a
    viewer that saves (or a slip of the mouse) can never alter the evidence itself.
    Refused if the stored file no longer matches its hash; copies older than a day go."""
    refuse_untrusted(record)
    folder.mkdir(parents=True, exist_ok=True)
    _tidy_viewing(folder, now)
    suffix = Path(record.path).suffix
    stem = Path(record.original_name).stem[:60] or "evidence"
    target = folder / f"{prefix}{record.id}-{stem}{suffix}"
    if target.exists():
        target.chmod(0o600)
    shutil.copyfile(record.path, target)
    target.chmod(0o444)
    return target


def _tidy_viewing(folder: Path, now: datetime, keep_hours: int = 24) -> None:
    cutoff = now.timestamp() - keep_hours * 3600
    for old in folder.iterdir():
        try:
            if old.stat().st_mtime < cutoff:
                old.chmod(0o600)
                old.unlink()
        except OSError:
            pass  # still open in a viewer on Windows: try again next time


def copy_verified(source: Path, target: Path, digest: str) -> None:
    """Copies to a temporary name, checks the copy's hash, then renames into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() and sha256_of(target) == digest:
        return
    handle, temp_name = tempfile.mkstemp(dir=target.parent, suffix=".part")
    os.close(handle)
    temp = Path(temp_name)
    try:
        shutil.copyfile(source, temp)
        if sha256_of(temp) != digest:
            raise ValidationError({"evidence": "The file changed while it was being copied."})
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


@contextmanager
def copy_on_commit(target: Path) -> Iterator[Callable[[Path, str], None]]:
    """Yields ``place(source, digest)``, which copies a file to ``target`` checked against
    its hash. Wrap the whole transaction in it: if anything fails after the copy, the commit
    included, a copy made for this record is removed again rather than left behind."""
    made_new = False

    def place(source: Path, digest: str) -> None:
        nonlocal made_new
        made_new = not target.exists()
        copy_verified(source, target, digest)

    try:
        yield place
    except BaseException:
        if made_new:
            target.unlink(missing_ok=True)
        raise
