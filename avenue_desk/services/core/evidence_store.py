"""Where the bytes of evidence files live: one answer for every feature.

A school on SQLite keeps each file in the data folder (``evidence/<stored name>``), as it
always has. On a database server every PC must reach every file, so the bytes go into the
database itself (``evidence_content``: parts of a megabyte, keyed by the stored name), in
the same transaction as the row that describes them (docs/server.md, "Where evidence
lives", says why the database rather than a shared folder). Either way a file is named by
its SHA-256, taken of the original content, and checked against it whenever it is used.

In an encrypted school (docs/encryption.md) each file in the folder is sealed with the
data key; its SHA-256 is still that of the original content, so the records, ``check``,
the police pack and the file names keep the same fingerprints.

Features never ask which: ``evidence_store(db)`` gives the store, and the store adds,
checks, copies out and forgets. A file another program must open (a viewing copy, an
image in the police pack) comes from ``local_file``: the file itself in a plain folder, or
a plain copy in the private ``evidence-cache`` folder (opened from a sealed file, or on a
server taken from the database), tidied after a day as viewing copies are.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from functools import partial
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from avenue_desk.services.core import records_key
from avenue_desk.services.core.errors import ValidationError
from avenue_desk.services.core.evidence_files import (
    CHUNK,
    PROBLEM_TEXT,
    _tidy_viewing,
    copy_on_commit,
    copy_verified,
    read_only_copy,
    seal_verified,
    sha256_of,
)
from avenue_desk.services.core.files import PART_SUFFIX, private_folder
from avenue_desk.services.core.sealed_files import (
    SealBroken,
    is_sealed,
    open_sealed,
    seal_chunks,
    sealed_sha256,
)
from avenue_desk.store.models import EvidenceContent

CACHE = "evidence-cache"
CHANGED_WHILE_COPIED = "The file changed while it was being copied."
DOES_NOT_OPEN = ""  # what ``digest`` gives for a sealed file that does not open: no hash
DOES_NOT_OPEN_TEXT = ("The stored evidence file cannot be opened: it has been changed or cut "
                      "short since it was added. It was not copied.")

Place = Callable[[Session, Path, str], None]


class FolderEvidenceStore:
    """Files in the data folder's ``evidence`` folder (a school on SQLite).

    With ``data_key`` (an encrypted school, ``records_key.data_key``) each file is a sealed
    file (services/core/sealed_files.py): written sealed, opened and checked as it is read,
    and a file another program must open is a plain copy in the private ``evidence-cache``
    folder, as on a server. A plain file found there (copied in by hand, or left from before
    the records were encrypted) is still read as it is, and named by ``unsealed``."""

    in_database = False

    def __init__(self, folder: Path, data_key: bytes | None = None, cache: Path | None = None):
        self.folder = Path(folder)
        self.evidence_dir = self.folder  # where a record's path points
        self._key = data_key
        self.cache = Path(cache) if cache is not None else self.folder.parent / CACHE

    def where(self, stored_name: str) -> str:
        return f"evidence/{stored_name}"

    def _opens_sealed(self, path: Path) -> bool:
        return self._key is not None and is_sealed(path)

    @contextmanager
    def adding(self, stored_name: str) -> Iterator[Place]:
        """Wrap the whole transaction: the file is copied in (checked against its hash) when
        ``place`` is called, and removed again if anything fails after, the commit included."""
        copy = copy_verified if self._key is None else partial(seal_verified, self._key)
        with copy_on_commit(self.folder / stored_name, copy) as place:
            yield lambda _session, source, digest: place(source, digest)

    def digest(self, stored_name: str, on=None) -> str | None:
        """The SHA-256 of what is stored now (of the original content, for a sealed file),
        or None if nothing is; ``DOES_NOT_OPEN`` for a sealed file that does not open whole
        (changed, cut short, or sealed with another school's key), which matches no hash."""
        path = self.folder / stored_name
        if not path.is_file():
            return None
        if not self._opens_sealed(path):
            return sha256_of(path)
        try:
            return sealed_sha256(self._key, path)
        except SealBroken:
            return DOES_NOT_OPEN

    def chunks(self, stored_name: str, on=None) -> Iterator[bytes]:
        """The original content, a megabyte at a time; a sealed file's parts each checked as
        they are given (``SealBroken``, a ServiceError in words for the office, if not)."""
        path = self.folder / stored_name
        with open(path, "rb") as handle:
            if self._opens_sealed(path):
                yield from open_sealed(self._key, handle, _shown(stored_name))
                return
            while chunk := handle.read(CHUNK):
                yield chunk

    def copy_to(self, stored_name: str, target: Path, digest: str) -> None:
        """A plain copy at ``target`` (an export), checked against ``digest``;
        ValidationError if what is stored does not give it."""
        source = self.folder / stored_name
        if not self._opens_sealed(source):
            copy_verified(source, target, digest)
            return
        if target.exists() and sha256_of(target) == digest:
            return
        try:
            FolderEvidenceStore(target.parent).put(None, target.name, self.chunks(stored_name),
                                                   digest)
        except SealBroken:
            raise ValidationError({"evidence": DOES_NOT_OPEN_TEXT}) from None

    def local_file(self, stored_name: str, now: datetime | None = None) -> Path | None:
        """The file itself; for a sealed one, a plain copy opened from it just now in the
        private cache (``SealBroken`` if it does not open whole). None: nothing is held.
        Copies a day old go whenever another is made, ``now`` or not: plain copies of an
        encrypted school's files are kept no longer than they are useful."""
        path = self.folder / stored_name
        if not path.is_file():
            return None
        if not self._opens_sealed(path):
            return path
        private_folder(self.cache)
        _tidy_viewing(self.cache, now or datetime.now())
        target = self.cache / Path(stored_name).name
        handle, temp_name = tempfile.mkstemp(dir=self.cache, suffix=PART_SUFFIX)  # 0600
        temp = Path(temp_name)
        try:
            found = hashlib.sha256()
            with os.fdopen(handle, "wb") as out:
                for chunk in self.chunks(stored_name):
                    found.update(chunk)
                    out.write(chunk)
            # The same file opened for the panel on a worker may be open in a viewer on
            # Windows: a copy that is already the same is left in place.
            if not (target.exists() and sha256_of(target) == found.hexdigest()):
                os.replace(temp, target)
        finally:
            temp.unlink(missing_ok=True)
        return target

    def forget(self, session: Session, stored_names: Iterable[str]) -> None:
        """Nothing in the transaction: the files go once it has committed
        (``privacy.retention.remove_files``), so a rolled-back destruction keeps them. Plain
        copies opened from sealed files go now (a copy is only ever a copy)."""
        _forget_copies(self.cache, stored_names)

    def put(self, session: Session | None, stored_name: str, chunks: Iterable[bytes],
            digest: str) -> None:
        """A file brought back (a restore, a move between databases), checked as written;
        sealed in an encrypted school."""
        target = self.folder / stored_name
        private_folder(target.parent)
        handle, temp_name = tempfile.mkstemp(dir=target.parent, suffix=PART_SUFFIX)
        temp = Path(temp_name)
        try:
            found = hashlib.sha256()
            with os.fdopen(handle, "wb") as out:
                if self._key is None:
                    for chunk in chunks:
                        found.update(chunk)
                        out.write(chunk)
                else:
                    for part in seal_chunks(self._key, chunks, found):
                        out.write(part)
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

    def unsealed(self) -> list[str]:
        """In an encrypted school, the stored files that are not sealed (copied in by hand,
        or left plain from before): readable by anyone with the disk. Empty when plain."""
        if self._key is None:
            return []
        return sorted(name for name in self.names() if not is_sealed(self.folder / name))

    def seal_plain(self, stored_name: str) -> None:
        """A plain file in an encrypted school's folder sealed where it is: its content,
        and so its SHA-256, unchanged (checked before the plain file is replaced)."""
        path = self.folder / stored_name
        if self._key is not None and path.is_file() and not is_sealed(path):
            seal_verified(self._key, path, path, sha256_of(path))


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
        _forget_copies(self.cache, names)

    def names(self) -> set[str]:
        with self._db.read() as session:
            return set(session.scalars(select(EvidenceContent.stored_name).distinct()))

    def unsealed(self) -> list[str]:
        """Nothing on a server is sealed by Avenue Desk (the server's own protection)."""
        return []


def _forget_copies(cache: Path, stored_names: Iterable[str]) -> None:
    """The private copies made of these stored files (named by their content's hash, which
    a stored name's stem is)."""
    if not cache.is_dir():
        return
    for name in stored_names:
        for copy in cache.glob(f"{Path(name).stem}*"):
            copy.unlink(missing_ok=True)


EvidenceStore = FolderEvidenceStore | DatabaseEvidenceStore


def evidence_store(db) -> EvidenceStore:
    """The store for ``db``'s records: the data folder for SQLite (sealed files when the
    school is encrypted), the database itself on a server."""
    if db.is_sqlite:
        return FolderEvidenceStore(db.paths.evidence_dir, records_key.data_key(db.paths))
    return DatabaseEvidenceStore(db)


def problem_of(store: EvidenceStore, stored_name: str, digest: str) -> str:
    """"" when what is stored matches ``digest``; otherwise "missing" or "changed"."""
    found = store.digest(stored_name)
    if found is None:
        return "missing"
    return "" if found == digest else "changed"


def _shown(stored_name: str) -> str:
    """A stored file as a message names it."""
    return f"The evidence file “{Path(stored_name).name}”"


def viewing_copy(store: EvidenceStore, folder: Path, now: datetime, record,
                 prefix: str = "") -> Path:
    """A read-only copy of a stored file to open in another program
    (``evidence_files.read_only_copy``), made from wherever the store keeps it; refused,
    in words for the office, if nothing is stored or it no longer matches its hash."""
    try:
        source = store.local_file(record.stored_name, now)
    except SealBroken:
        raise ValidationError({"evidence": PROBLEM_TEXT["changed"]}) from None
    if source is None:
        where = "the database" if store.in_database else "the data folder"
        raise ValidationError({"evidence": f"The stored evidence file is missing from {where}."})
    return read_only_copy(folder, now, replace(record, path=str(source)), prefix)
