"""Where the bytes of evidence files live: one answer for every feature.

A school on SQLite keeps each file in the data folder (``evidence/<stored name>``), as it
always has. On a database server every PC must reach every file, so the bytes go into the
database itself (``evidence_content``: parts of a megabyte, keyed by the stored name), in
the same transaction as the row that describes them (docs/server.md, "Where evidence
lives", says why the database rather than a shared folder). Either way a file is named by
its SHA-256, taken of the original content, and checked against it whenever it is used.

Features never ask which: ``evidence_store(db)`` gives the store, and the store adds,
checks, copies out and forgets. A file another program must open (a viewing copy, an
image in the police pack) comes from ``local_file``: the file itself in the folder, or on a
server a copy checked against its hash in the private ``evidence-cache`` folder.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from avenue_desk.services.core.errors import ValidationError
from avenue_desk.services.core.evidence_files import (
    CHUNK,
    _tidy_viewing,
    copy_on_commit,
    copy_verified,
    read_only_copy,
    sha256_of,
)
from avenue_desk.services.core.files import PART_SUFFIX, private_folder
from avenue_desk.store.models import EvidenceContent

CACHE = "evidence-cache"
CHANGED_WHILE_COPIED = "The file changed while it was being copied."

Place = Callable[[Session, Path, str], None]


class FolderEvidenceStore:
    """Files in the data folder's ``evidence`` folder (a school on SQLite)."""

    in_database = False

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def where(self, stored_name: str) -> str:
        return f"evidence/{stored_name}"

    @contextmanager
    def adding(self, stored_name: str) -> Iterator[Place]:
        """Wrap the whole transaction: the file is copied in (checked against its hash) when
        ``place`` is called, and removed again if anything fails after, the commit included."""
        with copy_on_commit(self.folder / stored_name) as place:
            yield lambda _session, source, digest: place(source, digest)

    def digest(self, stored_name: str, on=None) -> str | None:
        """The SHA-256 of what is stored now, or None if nothing is."""
        path = self.folder / stored_name
        return sha256_of(path) if path.is_file() else None

    def chunks(self, stored_name: str, on=None) -> Iterator[bytes]:
        with open(self.folder / stored_name, "rb") as handle:
            while chunk := handle.read(CHUNK):
                yield chunk

    def copy_to(self, stored_name: str, target: Path, digest: str) -> None:
        copy_verified(self.folder / stored_name, target, digest)

    def local_file(self, stored_name: str, now: datetime | None = None) -> Path | None:
        path = self.folder / stored_name
        return path if path.is_file() else None

    def forget(self, session: Session, stored_names: Iterable[str]) -> None:
        """Nothing in the transaction: the files go once it has committed
        (``privacy.retention.remove_files``), so a rolled-back destruction keeps them."""

    def put(self, session: Session | None, stored_name: str, chunks: Iterable[bytes],
            digest: str) -> None:
        """A file brought back (a restore, a move between databases), checked as written."""
        target = self.folder / stored_name
        private_folder(target.parent)
        handle, temp_name = tempfile.mkstemp(dir=target.parent, suffix=PART_SUFFIX)
        temp = Path(temp_name)
        try:
            found = hashlib.sha256()
            with os.fdopen(handle, "wb") as out:
                for chunk in chunks:
                    found.update(chunk)
                    out.write(chunk)
            if found.hexdigest() != digest:
                raise ValidationError({"evidence": CHANGED_WHILE_COPIED})
            os.replace(temp, target)
        finally:
            temp.unlink(missing_ok=True)

    def names(self) -> set[str]:
        if not self.folder.is_dir():
            return set()
        return {path.relative_to(self.folder).as_posix() for path in self.folder.rglob("*")
                if path.is_file()}


class DatabaseEvidenceStore:
    """Files in the database (``evidence_content``), for records on a server."""

    in_database = True

    def __init__(self, db):
        self._db = db
        self.evidence_dir = db.paths.evidence_dir  # where a record's path points
        self.cache = db.paths.data_dir / CACHE

    def where(self, stored_name: str) -> str:
        return f"in the database ({stored_name})"

    @contextmanager
    def adding(self, stored_name: str) -> Iterator[Place]:
        """The bytes are written in the caller's transaction, so they commit or roll back
        with the row that describes them: nothing to tidy."""
        def place(session: Session, source: Path, digest: str) -> None:
            with open(source, "rb") as handle:
                self.put(session, stored_name, iter(lambda: handle.read(CHUNK), b""), digest)

        yield place

    def put(self, session: Session | None, stored_name: str, chunks: Iterable[bytes],
            digest: str) -> None:
        if session is None:
            with self._db.begin() as own:
                return self.put(own, stored_name, chunks, digest)
        session.execute(delete(EvidenceContent).where(
            EvidenceContent.stored_name == stored_name))
        found = hashlib.sha256()
        for part, chunk in enumerate(chunks):
            found.update(chunk)
            session.add(EvidenceContent(stored_name=stored_name, part=part, data=chunk))
            session.flush()  # a part at a time: a large file is never held whole
        if found.hexdigest() != digest:
            raise ValidationError({"evidence": CHANGED_WHILE_COPIED})

    def chunks(self, stored_name: str, on=None) -> Iterator[bytes]:
        """The file's parts in order, a megabyte at a time; ``on``: a session or connection
        whose transaction to read in (one not yet committed, say)."""
        if on is None:
            with self._db.read() as session:
                yield from self.chunks(stored_name, session)
            return
        parts = list(on.scalars(select(EvidenceContent.part).where(
            EvidenceContent.stored_name == stored_name).order_by(EvidenceContent.part)))
        for part in parts:
            yield bytes(on.scalar(select(EvidenceContent.data).where(
                EvidenceContent.stored_name == stored_name, EvidenceContent.part == part)))

    def digest(self, stored_name: str, on=None) -> str | None:
        found, any_part = hashlib.sha256(), False
        for chunk in self.chunks(stored_name, on):
            any_part = True
            found.update(chunk)
        return found.hexdigest() if any_part else None

    def copy_to(self, stored_name: str, target: Path, digest: str) -> None:
        if target.exists() and sha256_of(target) == digest:
            return
        if self.digest(stored_name) is None:
            raise ValidationError({"evidence": "The stored evidence file is missing from the "
                                               "database."})
        FolderEvidenceStore(target.parent).put(None, target.name, self.chunks(stored_name),
                                               digest)

    def local_file(self, stored_name: str, now: datetime | None = None) -> Path | None:
        """A private copy of what the database holds, to open or draw (None: nothing is
        held). Named by its content, so a copy already made is used again when it still
        matches what the database holds."""
        digest = self.digest(stored_name)
        if digest is None:
            return None
        private_folder(self.cache)
        if now is not None:
            _tidy_viewing(self.cache, now)
        target = self.cache / f"{digest}{Path(stored_name).suffix}"
        self.copy_to(stored_name, target, digest)
        return target

    def forget(self, session: Session, stored_names: Iterable[str]) -> None:
        """Removed in the caller's transaction (a destruction at the end of retention)."""
        names = list(stored_names)
        for start in range(0, len(names), 500):
            session.execute(delete(EvidenceContent).where(
                EvidenceContent.stored_name.in_(names[start:start + 500])))
        for name in names:
            for copy in self.cache.glob(f"{Path(name).stem}*") if self.cache.is_dir() else ():
                copy.unlink(missing_ok=True)

    def names(self) -> set[str]:
        with self._db.read() as session:
            return set(session.scalars(select(EvidenceContent.stored_name).distinct()))


EvidenceStore = FolderEvidenceStore | DatabaseEvidenceStore


def evidence_store(db) -> EvidenceStore:
    """The store for ``db``'s records: the data folder for SQLite, the database itself on a
    server."""
    if db.is_sqlite:
        return FolderEvidenceStore(db.paths.evidence_dir)
    return DatabaseEvidenceStore(db)


def problem_of(store: EvidenceStore, stored_name: str, digest: str) -> str:
    """"" when what is stored matches ``digest``; otherwise "missing" or "changed"."""
    found = store.digest(stored_name)
    if found is None:
        return "missing"
    return "" if found == digest else "changed"



def viewing_copy(store: EvidenceStore, folder: Path, now: datetime, record,
                 prefix: str = "") -> Path:
    """A read-only copy of a stored file to open in another program
    (``evidence_files.read_only_copy``), made from wherever the store keeps it; refused,
    in words for the office, if nothing is stored or it no longer matches its hash."""
    source = store.local_file(record.stored_name, now)
    if source is None:
        where = "the database" if store.in_database else "the data folder"
        raise ValidationError({"evidence": f"The stored evidence file is missing from {where}."})
    return read_only_copy(folder, now, replace(record, path=str(source)), prefix)
