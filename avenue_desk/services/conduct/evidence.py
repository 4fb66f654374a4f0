"""Evidence for a potential breach of the code: handled exactly as incident evidence is.

The same checks (what the file really is, its size), the same SHA-256 taken on arrival and
checked whenever it is used, the same verified copy into the data folder, and the same
read-only viewing copies, all from ``services.evidence``. The files live beside incident
evidence under ``evidence/conduct/<breach>/`` so one backup and one check cover both.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select

from avenue_desk.policy.access import Operation
from avenue_desk.services.conduct.records import BreachEvidenceRecord
from avenue_desk.services.core.database import Database
from avenue_desk.services.core.errors import NotFound, ValidationError
from avenue_desk.services.core.evidence_files import check_file, sha256_of
from avenue_desk.services.core.evidence_store import evidence_store, problem_of, viewing_copy
from avenue_desk.services.core.validation import clean_block, clean_file_name
from avenue_desk.services.incidents import EvidenceCheck
from avenue_desk.store.models import ConductBreach, ConductBreachEvidence

FOLDER = "conduct"


def breach_evidence_record(item: ConductBreachEvidence, evidence_dir: Path) -> BreachEvidenceRecord:
    return BreachEvidenceRecord(
        id=item.id, breach_id=item.breach_id, original_name=item.original_name,
        media_type=item.media_type, size_bytes=item.size_bytes, sha256=item.sha256,
        captured_on=item.captured_on, added_at=item.added_at, note=item.note,
        path=str(evidence_dir / item.stored_name), stored_name=item.stored_name,
    )


class BreachEvidenceService:
    """Same shape as ``EvidenceService`` (``add``, ``verify``, ``viewing_copy``), so the
    evidence panel serves breaches and incidents alike."""

    def __init__(self, db: Database, clock, incident_evidence, guard, audit):
        self._db = db
        self._clock = clock
        self._limits = incident_evidence  # one size limit (Settings) for all evidence
        self._guard = guard
        self._audit = audit

    @property
    def evidence_dir(self) -> Path:
        return self._db.paths.evidence_dir

    def records(self, breach_id: int) -> list[BreachEvidenceRecord]:
        self._guard.require(Operation.CONDUCT_BREACHES)
        with self._db.read() as session:
            items = session.scalars(select(ConductBreachEvidence)
                                    .where(ConductBreachEvidence.breach_id == breach_id)
                                    .order_by(ConductBreachEvidence.id))
            return [breach_evidence_record(i, self.evidence_dir) for i in items]

    def add(self, breach_id: int, source: str | os.PathLike, captured_on: date | None = None,
            note: str = "") -> BreachEvidenceRecord:
        actor = self._guard.require(Operation.CONDUCT_BREACHES)
        source = Path(source)
        kind, size = check_file(source, self._limits.limit_mb())
        today = self._clock.today()
        if captured_on is None:
            captured_on = min(datetime.fromtimestamp(source.stat().st_mtime).date(), today)
        elif captured_on > today:
            raise ValidationError({"captured_on": "The capture date is in the future."})
        digest = sha256_of(source)
        stored_name = f"{FOLDER}/{breach_id:06d}/{digest}{kind.extension}"
        with evidence_store(self._db).adding(stored_name) as place, \
                self._db.begin() as session:
            if session.get(ConductBreach, breach_id) is None:
                raise NotFound(f"Breach record {breach_id} does not exist.")
            duplicate = session.scalar(select(ConductBreachEvidence.original_name).where(
                ConductBreachEvidence.breach_id == breach_id,
                ConductBreachEvidence.sha256 == digest))
            if duplicate is not None:
                raise ValidationError(
                    {"evidence": f"This file is already attached as “{duplicate}”."})
            place(session, source, digest)
            item = ConductBreachEvidence(
                breach_id=breach_id, original_name=clean_file_name(source.name)[:500],
                stored_name=stored_name, media_type=kind.media_type, size_bytes=size,
                sha256=digest, captured_on=captured_on, added_at=self._clock.now(),
                note=clean_block(note)[:2000],
            )
            session.add(item)
            session.flush()
            self._audit.record(session, actor, "create", "breach_evidence", item.id,
                               f"Evidence file added to breach record {breach_id}")
            return breach_evidence_record(item, self.evidence_dir)

    def get(self, evidence_id: int) -> BreachEvidenceRecord:
        self._guard.require(Operation.CONDUCT_BREACHES)
        with self._db.read() as session:
            item = session.get(ConductBreachEvidence, evidence_id)
            if item is None:
                raise NotFound(f"Evidence {evidence_id} does not exist.")
            return breach_evidence_record(item, self.evidence_dir)

    def verify(self, evidence_id: int) -> EvidenceCheck:
        record = self.get(evidence_id)
        problem = problem_of(evidence_store(self._db), record.stored_name, record.sha256)
        return EvidenceCheck(evidence_id, not problem, problem)

    def verify_all(self) -> Iterator[tuple[BreachEvidenceRecord, EvidenceCheck]]:
        self._guard.require(Operation.CHECK)
        with self._db.read() as session:
            items = [breach_evidence_record(e, self.evidence_dir) for e in session.scalars(
                select(ConductBreachEvidence).order_by(ConductBreachEvidence.id))]
        store = evidence_store(self._db)
        for record in items:
            problem = problem_of(store, record.stored_name, record.sha256)
            yield record, EvidenceCheck(record.id, not problem, problem)

    def stored_names(self) -> set[str]:
        self._guard.require(Operation.CHECK)
        with self._db.read() as session:
            return set(session.scalars(select(ConductBreachEvidence.stored_name)))

    def count(self) -> int:
        self._guard.require(Operation.CHECK)
        with self._db.read() as session:
            return session.scalar(select(func.count(ConductBreachEvidence.id))) or 0

    def viewing_copy(self, evidence_id: int) -> Path:
        record = self.get(evidence_id)
        copy = viewing_copy(evidence_store(self._db), self._db.paths.data_dir / "viewing",
                            self._clock.now(), record, prefix="breach-")
        self._audit.record_now(self._guard.actor, "open", "breach_evidence", evidence_id,
                               f"Evidence file of breach record {record.breach_id} opened")
        return copy
