"""Evidence files: copied into the data folder, hashed on arrival, verified whenever used."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path

from sqlalchemy import select

from avenue_desk.policy.access import Operation
from avenue_desk.policy.settings_registry import EVIDENCE_LIMIT_MB
from avenue_desk.services.core.audit import local_time
from avenue_desk.services.core.database import Database
from avenue_desk.services.core.errors import NotFound, ValidationError
from avenue_desk.services.core.evidence_files import (  # noqa: F401 - callers' names
    DEFAULT_LIMIT_MB,
    check_file,
    copy_verified,
    file_problem,
    read_only_copy,
    refuse_untrusted,
    sha256_of,
)
from avenue_desk.services.core.evidence_store import evidence_store, problem_of, viewing_copy
from avenue_desk.services.core.settings import read_setting
from avenue_desk.services.core.validation import (
    check_length,
    clean_block,
    clean_file_name,
    clean_line,
)
from avenue_desk.services.core.versions import locked_for_save
from avenue_desk.services.incidents.from_rows import evidence_record
from avenue_desk.services.incidents.records import (
    EvidenceCheck,
    EvidenceDetails,
    EvidenceRecord,
)
from avenue_desk.store.models import Evidence, Incident


class EvidenceService:
    def __init__(self, db: Database, clock, guard, audit):
        self._db = db
        self._clock = clock
        self._guard = guard
        self._audit = audit

    @property
    def evidence_dir(self) -> Path:
        return self._db.paths.evidence_dir

    @property
    def store(self):
        """Where the files' bytes are: the data folder, or the database on a server."""
        return evidence_store(self._db)

    def limit_mb(self) -> int:
        with self._db.read() as session:
            return read_setting(session, EVIDENCE_LIMIT_MB)

    def add(
        self, incident_id: int, source: str | os.PathLike, captured_on: date | None = None,
        note: str = "", captured_at: time | None = None, *, url: str = "",
        account_shown: str = "", captured_by: str | None = None,
    ) -> EvidenceRecord:
        """Copies and fingerprints the file. Without a capture date, the file's own time
        stamp gives the date and time (a screenshot's is when it was taken); either can be
        corrected afterwards (``set_capture``, ``set_details``). Who captured it is the
        person signed in unless someone else is named."""
        actor = self._guard.require(Operation.EVIDENCE_ADD)
        source = Path(source)
        context = _context(url, account_shown,
                           actor.display_name if captured_by is None else captured_by)
        kind, size = check_file(source, self.limit_mb())
        if captured_on is None:
            modified = datetime.fromtimestamp(source.stat().st_mtime)
            captured_on = min(modified.date(), self._clock.today())
            if captured_at is None and modified.date() == captured_on:
                captured_at = modified.time().replace(second=0, microsecond=0)
        elif captured_on > self._clock.today():
            raise ValidationError({"captured_on": "The capture date is in the future."})
        digest = sha256_of(source)
        stored_name = f"{incident_id:06d}/{digest}{kind.extension}"
        with self.store.adding(stored_name) as place, self._db.begin() as session:
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
            place(session, source, digest)
            item = Evidence(
                incident_id=incident_id,
                original_name=clean_file_name(source.name)[:500],
                stored_name=stored_name,
                media_type=kind.media_type,
                size_bytes=size,
                sha256=digest,
                captured_on=captured_on,
                captured_at=captured_at,
                added_at=self._clock.now(),
                note=clean_block(note)[:2000],
                **context,
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
        self, evidence_id: int, captured_on: date | None, note: str,
        expected_version: int | None = None,
    ) -> EvidenceRecord:
        """The capture date and note can be corrected; the file and its hash never change.
        ``expected_version`` (the version the screen showed) refuses the save if anyone has
        changed what is said about the file since (``ChangedElsewhere``)."""
        actor = self._guard.require(Operation.EVIDENCE_ADD)
        if captured_on is not None and captured_on > self._clock.today():
            raise ValidationError({"captured_on": "The capture date is in the future."})
        with self._db.begin() as session:
            item = self._locked(session, evidence_id, expected_version)
            item.captured_on = captured_on
            item.note = clean_block(note)[:2000]
            session.flush()
            self._audit.record(session, actor, "update", "evidence", evidence_id,
                               f"Evidence details changed on incident {item.incident_id}")
            return evidence_record(item, self.evidence_dir)

    def set_capture(self, evidence_id: int, captured_on: date | None,
                    captured_at: time | None, expected_version: int | None = None
                    ) -> EvidenceRecord:
        """When the file was captured, corrected (the date and the time of day; None is
        "not known"). The file and its hash never change. ``expected_version`` as for
        ``set_details``."""
        actor = self._guard.require(Operation.EVIDENCE_ADD)
        errors = {}
        if captured_on is not None and captured_on > self._clock.today():
            errors["captured_on"] = "The capture date is in the future."
        if captured_at is not None and captured_on is None:
            errors["captured_at"] = "Enter the date captured as well as the time."
        if errors:
            raise ValidationError(errors)
        with self._db.begin() as session:
            item = self._locked(session, evidence_id, expected_version)
            item.captured_on, item.captured_at = captured_on, captured_at
            session.flush()
            self._audit.record(session, actor, "update", "evidence", evidence_id,
                               f"Evidence capture time changed on incident {item.incident_id}")
            return evidence_record(item, self.evidence_dir)

    def set_details(self, evidence_id: int, details: EvidenceDetails,
                    expected_version: int | None = None) -> EvidenceRecord:
        """Everything said about a file, corrected at once: when it was captured, the web
        address, who captured it, the account it shows and the note. The file and its hash
        never change; the audit row names what changed. ``expected_version`` (the version
        the screen showed) refuses the save if anyone has changed any of it since
        (``ChangedElsewhere``, saying who and when)."""
        actor = self._guard.require(Operation.EVIDENCE_ADD)
        errors = {}
        if details.captured_on is not None and details.captured_on > self._clock.today():
            errors["captured_on"] = "The capture date is in the future."
        if details.captured_at is not None and details.captured_on is None:
            errors["captured_at"] = "Enter the date captured as well as the time."
        try:
            context = _context(details.url, details.account_shown, details.captured_by)
        except ValidationError as error:
            errors.update(error.errors)
        if errors:
            raise ValidationError(errors)
        note = clean_block(details.note, "note")
        if len(note) > 2000:
            raise ValidationError({"note": f"The note is {len(note):,} characters long; the "
                                           "limit is 2,000."})
        with self._db.begin() as session:
            item = self._locked(session, evidence_id, expected_version)
            new = {"captured_on": details.captured_on, "captured_at": details.captured_at,
                   "note": note, **context}
            changed = [_DETAIL_WORDS[k] for k, v in new.items() if getattr(item, k) != v]
            for key, value in new.items():
                setattr(item, key, value)
            session.flush()
            if changed:
                self._audit.record(session, actor, "update", "evidence", evidence_id,
                                   f"Evidence details changed on incident {item.incident_id}: "
                                   + ", ".join(changed))
            return evidence_record(item, self.evidence_dir)

    def _locked(self, session, evidence_id: int, expected_version: int | None) -> Evidence:
        """The file's record locked for this save, refused if changed since it was shown."""
        return locked_for_save(
            session, Evidence, evidence_id, expected_version, "evidence",
            lambda e: f"Evidence file “{e.original_name}” (incident {e.incident_id})",
            f"Evidence {evidence_id} does not exist.")

    def captured_now(self) -> tuple[date, time]:
        """The date and the time of day (local, to the minute) for something captured now:
        a picture pasted or dropped straight in."""
        now = local_time(self._clock.now())
        return now.date(), now.time().replace(second=0, microsecond=0)

    def viewing_copy(self, evidence_id: int) -> Path:
        """A read-only copy to open in another program, so that a viewer that saves (or a
        slip of the mouse) can never alter the evidence itself. Refused if the stored file
        no longer matches its hash. The opening is audited."""
        actor = self._guard.require(Operation.EVIDENCE_VIEW)
        record = self._get(evidence_id)
        copy = viewing_copy(self.store, self._db.paths.data_dir / "viewing", self._clock.now(),
                            record)
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
        store = self.store
        for record in items:
            yield record, self._verify_record(record, store)

    def count(self) -> int:
        from sqlalchemy import func

        self._guard.require(Operation.CHECK)
        with self._db.read() as session:
            return session.scalar(select(func.count(Evidence.id))) or 0

    def _verify_record(self, record: EvidenceRecord, store=None) -> EvidenceCheck:
        problem = problem_of(store or self.store, record.stored_name, record.sha256)
        return EvidenceCheck(record.id, not problem, problem)


_DETAIL_WORDS = {"captured_on": "date captured", "captured_at": "time captured",
                 "note": "note", "url": "web address", "captured_by": "captured by",
                 "account_shown": "account shown"}
_LIMITS = (("url", "The web address", 2000), ("account_shown", "The account shown", 500),
           ("captured_by", "Who captured it", 200))


def _context(url: str, account_shown: str, captured_by: str) -> dict[str, str]:
    """The capture's context cleaned (one line each); too long is refused, never cut."""
    values = {"url": clean_line(url, "url"), "account_shown": clean_line(account_shown,
                                                                         "account_shown"),
              "captured_by": clean_line(captured_by, "captured_by")}
    errors: dict[str, str] = {}
    for field, label, limit in _LIMITS:
        check_length(errors, field, label, values[field], limit)
    if errors:
        raise ValidationError(errors)
    return values
