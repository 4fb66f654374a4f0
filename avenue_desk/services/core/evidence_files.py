"""Evidence files on disk: checked before they are taken, fingerprinted (SHA-256), copied in
so a crash never leaves half a file, and opened only as read-only copies.

In an encrypted school the copy in the data folder is a sealed file (``seal_verified``,
services/core/sealed_files.py); its fingerprint is still that of the original content.

Shared by every kind of evidence (incidents' in ``incidents/evidence.py``, breaches' in
``conduct/evidence.py``), by letters that list it, by backups and by subject access exports;
the records that point at these files belong to those features.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from avenue_desk.policy.settings_registry import EVIDENCE_LIMIT_MB
from avenue_desk.services.core.errors import ValidationError
from avenue_desk.services.core.files import PART_SUFFIX, PRIVATE_FILE, private_copy, private_folder
from avenue_desk.services.core.filetypes import ACCEPTED_DESCRIPTION, looks_like, sniff
from avenue_desk.services.core.sealed_files import (
    SealBroken,
    is_sealed,
    seal_stream,
    sealed_sha256,
)

CHUNK = 1 << 20
HEAD_BYTES = 4096  # enough for a saved page's MHTML headers, with a long address in them
READ_ONLY = 0o400  # a viewing copy: readable by this account only, and by no one writable
PROBLEM_TEXT = {
    "missing": "The stored evidence file is missing from the data folder.",
    "changed": "This file has changed since it was added — it may no longer be reliable "
    "evidence. It was not opened.",
}
DEFAULT_LIMIT_MB = EVIDENCE_LIMIT_MB.default  # the Settings page changes it


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
        head = handle.read(HEAD_BYTES)
    kind = sniff(head)
    if kind is None:
        seems = looks_like(head)
        raise ValidationError(
            {field: f"“{name}” is not {ACCEPTED_DESCRIPTION}"
                    + (f": it looks like {seems}" if seems else "")
                    + " (its name does not change what is inside). It was not added."}
        )
    return kind, size


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
        raise ValidationError({"evidence": PROBLEM_TEXT[problem]})


def read_only_copy(folder: Path, now: datetime, record, prefix: str = "") -> Path:
    """A read-only copy of a stored evidence file to open in another program, so that a
    viewer that saves (or a slip of the mouse) can never alter the evidence itself.
    Refused if the stored file no longer matches its hash; copies older than a day go."""
    refuse_untrusted(record)
    private_folder(folder)
    _tidy_viewing(folder, now)
    suffix = Path(record.path).suffix
    stem = Path(record.original_name).stem[:60] or "evidence"
    target = folder / f"{prefix}{record.id}-{stem}{suffix}"
    if target.exists():
        target.chmod(PRIVATE_FILE)
    private_copy(record.path, target)
    target.chmod(READ_ONLY)
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
    private_folder(target.parent)
    if target.exists() and sha256_of(target) == digest:
        return
    handle, temp_name = tempfile.mkstemp(dir=target.parent, suffix=PART_SUFFIX)  # 0600
    os.close(handle)
    temp = Path(temp_name)
    try:
        shutil.copyfile(source, temp)  # into the file mkstemp made: it stays 0600
        if sha256_of(temp) != digest:
            raise ValidationError({"evidence": "The file changed while it was being copied."})
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


def seal_verified(data_key: bytes, source: Path, target: Path, digest: str) -> None:
    """``source`` sealed into ``target`` (an encrypted school's copy), under a temporary name
    until it is checked: what was read had ``digest`` and the sealed file opens back to it.
    A sealed ``target`` that already opens to ``digest`` is kept; a plain one is replaced."""
    private_folder(target.parent)
    if target.exists() and is_sealed(target) and _opens_to(data_key, target, digest):
        return
    handle, temp_name = tempfile.mkstemp(dir=target.parent, suffix=PART_SUFFIX)  # 0600
    temp = Path(temp_name)
    try:
        with open(source, "rb") as reading, os.fdopen(handle, "wb") as writing:
            read = seal_stream(data_key, reading, writing)
        if read != digest or not _opens_to(data_key, temp, digest):
            raise ValidationError({"evidence": "The file changed while it was being copied."})
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


def _opens_to(data_key: bytes, path: Path, digest: str) -> bool:
    try:
        return sealed_sha256(data_key, path) == digest
    except SealBroken:
        return False


@contextmanager
def copy_on_commit(target: Path, copy: Callable[[Path, Path, str], None] = copy_verified
                   ) -> Iterator[Callable[[Path, str], None]]:
    """Yields ``place(source, digest)``, which copies a file to ``target`` checked against
    its hash (with ``copy``: ``copy_verified``, or a ``seal_verified`` for an encrypted
    school). Wrap the whole transaction in it: if anything fails after the copy, the commit
    included, a copy made for this record is removed again rather than left behind."""
    made_new = False

    def place(source: Path, digest: str) -> None:
        nonlocal made_new
        made_new = not target.exists()
        copy(source, target, digest)

    try:
        yield place
    except BaseException:
        if made_new:
            target.unlink(missing_ok=True)
        raise
