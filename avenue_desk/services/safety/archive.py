"""One backup = one .zip file: the database, every evidence file, and a manifest.

Why one file rather than a folder: it is one thing to copy to a USB stick or hand to the
police, it appears complete or not at all (written under a temporary name, renamed at the
end), any zip tool on any computer can open it years from now, and the zip format checks
every member with a CRC as it is read, on top of the SHA-256 hashes in the manifest. The
database inside is a plain SQLite file, so nothing but SQLite is needed to read it.

An encrypted school's backup (docs/encryption.md) holds its records as they are kept: the
database is the SQLCipher copy (the backup API with the key on both sides), each evidence
file is the sealed file as it is (copied byte for byte, never opened into the zip), and the
key file ``records-key.json`` is a member too, so the backup restores on its own with a
password of its day or the recovery code. Nothing in such a zip shows a name or a word of
the records; the manifest holds counts, hashes and the check's result, as for any backup.

The database copy is made with SQLite's online backup API, so it is consistent even while
the app is open and saving. Evidence files are named by their hash and never change once
added, so copying the ones the copied database refers to gives a matching set.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

from avenue_desk import __version__
from avenue_desk.services.core.audit_chain import GENESIS
from avenue_desk.services.core.errors import Cancelled, ServiceError
from avenue_desk.services.core.files import CHUNK, atomic_output, sha256_file
from avenue_desk.services.core.sealed_files import SealBroken, is_sealed, open_sealed
from avenue_desk.services.core.swap_journal import DATABASE_MEMBER
from avenue_desk.services.safety.leftovers import SNAPSHOT_PREFIX, work_folder
from avenue_desk.services.safety.record_check import damaged_values, in_a_sentence
from avenue_desk.store import keyring
from avenue_desk.store.engine import tolerant_text
from avenue_desk.store.migrate import backup_sqlite_file
from avenue_desk.store.models_accounts import AUDIT_TABLE

FORMAT = "avenue-desk-backup"
FORMAT_VERSION = 1  # a backup holding the SQLite file; 2: tables as JSON lines
READABLE_VERSION = 2  # the newest form this version reads (logical_backup.py)
MANIFEST = "manifest.json"
KEY_FILE = keyring.KEY_FILE  # an encrypted school's key file, a member beside the database
EVIDENCE_PREFIX = "evidence/"
COUNTED = ("incidents", "people", "actions", "evidence", "conduct_breaches",
           "conduct_breach_evidence")
EVIDENCE_TABLES = ("evidence", "conduct_breach_evidence")
ALREADY_COMPRESSED = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf", ".zip"}

Progress = Callable[[int, int], None]


class BackupCancelled(Cancelled):
    MESSAGE = "The backup was cancelled; no backup file was made."


@dataclass(frozen=True)
class BackupInfo:
    """What a backup's manifest says about it."""

    path: Path
    created_at: datetime  # naive UTC, like every time the app stores
    app_version: str
    schema_revision: str | None
    counts: dict[str, int]
    evidence_files: int
    size_bytes: int
    database_check: str = "ok"
    missing_evidence: tuple[str, ...] = ()
    changed_evidence: tuple[str, ...] = ()
    # The audit trail's head in the backup (its last row's number and hash): an anchor the
    # health check compares the live trail with (None in backups made before anchors).
    audit_row: int | None = None
    audit_hash: str = ""
    encrypted: bool = False  # the records inside are SQLCipher's, with their key file

    def count(self, table: str) -> int:
        return self.counts.get(table, 0)


@dataclass
class DatabaseFacts:
    check: str = "ok"
    revision: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)  # stored name -> sha256
    audit_head: tuple[int, str] | None = None  # the trail's last row: (number, hash)


def read_database_facts(database: Path, full_check: bool = True) -> DatabaseFacts:
    """The check result, schema revision, counts and evidence list of a (copied) database file.

    Also turns the copy's journal off WAL, so the file stands alone without a -wal beside it.
    An encrypted copy opens with the key of the key file beside it (``keyring.RecordsLocked``
    when this program has not been given that key).
    """
    facts = DatabaseFacts()
    with closing(keyring.connect(database)) as connection:
        connection.text_factory = tolerant_text  # damaged text is for the check to name
        try:
            pragma = "integrity_check(20)" if full_check else "quick_check(20)"
            found = [row[0] for row in connection.execute(f"PRAGMA {pragma}")]
            facts.check = "ok" if found == ["ok"] else "; ".join(found)
            if facts.check == "ok" and full_check:  # the records' text, dates and times too
                facts.check = in_a_sentence(*damaged_values(connection.execute)) or "ok"
            connection.execute("PRAGMA journal_mode=DELETE").fetchall()
            tables = {row[0] for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                facts.revision = row[0] if row else None
            for table in COUNTED:
                if table in tables:
                    facts.counts[table] = connection.execute(
                        f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in EVIDENCE_TABLES:
                if table in tables:
                    facts.evidence.update(connection.execute(
                        f"SELECT stored_name, sha256 FROM {table} ORDER BY id").fetchall())
            if AUDIT_TABLE in tables:
                head = connection.execute(f"SELECT id, row_hash FROM {AUDIT_TABLE} "
                                          "ORDER BY id DESC LIMIT 1").fetchone()
                facts.audit_head = (head[0], head[1]) if head else (0, GENESIS)
        except keyring.DATABASE_ERRORS as error:
            facts.check = f"SQLite could not read it ({error})"
    return facts


def write_backup(database_file: Path, evidence_dir: Path, target: Path, now: datetime,
                 progress: Progress | None = None) -> BackupInfo:
    """Writes a backup to ``target`` (a .zip), under a temporary name until it is complete.

    ``progress(done, total)`` may raise ``BackupCancelled`` to stop; nothing is left behind.
    """
    # The snapshot is in the system temp folder, locked while in use: a killed backup's is
    # removed at the next start (safety/leftovers.py).
    with work_folder(SNAPSHOT_PREFIX) as work:
        # An encrypted school's snapshot is encrypted too, its key file copied beside it.
        snapshot = backup_sqlite_file(database_file, work / DATABASE_MEMBER)
        key_file = keyring.key_file_beside(snapshot)
        unlocked = keyring.key_for(snapshot)
        facts = read_database_facts(snapshot)
        total = len(facts.evidence) + 1
        if progress:
            progress(0, total)
        entries, missing, changed = [], [], []
        with atomic_output(target) as raw, zipfile.ZipFile(raw, "w") as archive:
            archive.write(snapshot, DATABASE_MEMBER, compress_type=zipfile.ZIP_DEFLATED)
            if unlocked is not None:
                archive.write(key_file, KEY_FILE, compress_type=zipfile.ZIP_DEFLATED)
            if progress:
                progress(1, total)
            for done, (name, expected) in enumerate(sorted(facts.evidence.items()), 2):
                source = evidence_dir / name
                if not safe_member_name(name) or not source.is_file():
                    missing.append(name)
                else:
                    entry = _add_evidence(archive, source, EVIDENCE_PREFIX + name,
                                          unlocked.data_key if unlocked else None)
                    entries.append({"name": name, **entry})
                    if entry.get("content_sha256", entry["sha256"]) != expected:
                        changed.append(name)
                if progress:
                    progress(done, total)
            manifest = {
                "format": FORMAT, "format_version": FORMAT_VERSION, "app_version": __version__,
                "schema_revision": facts.revision, "created_at": now.isoformat(),
                "database": {"name": DATABASE_MEMBER, "sha256": sha256_file(snapshot),
                             "size": snapshot.stat().st_size, "check": facts.check},
                "counts": facts.counts, "evidence": entries,
                "missing_evidence": missing, "changed_evidence": changed,
            }
            if unlocked is not None:
                manifest["key_file"] = {"name": KEY_FILE, "sha256": sha256_file(key_file),
                                        "size": key_file.stat().st_size}
            if facts.audit_head is not None and facts.check == "ok":
                manifest["audit"] = {"row_id": facts.audit_head[0],
                                     "row_hash": facts.audit_head[1]}
            archive.writestr(MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False),
                             compress_type=zipfile.ZIP_DEFLATED)
    return info_from_manifest(target, manifest)


def _add_evidence(archive: zipfile.ZipFile, source: Path, member: str,
                  data_key: bytes | None) -> dict:
    """One evidence file into the zip as it is kept; its manifest entry. A sealed file
    (an encrypted school's) goes in byte for byte, and is opened as it passes only to learn
    its content's SHA-256 (what the records hold for it): ``content_sha256``, missing when
    it does not open whole (changed since it was sealed)."""
    if data_key is None or not is_sealed(source):
        digest, size = _add_file(archive, source, member)
        return {"sha256": digest, "size": size}
    info = zipfile.ZipInfo.from_file(source, member)
    info.compress_type = zipfile.ZIP_STORED  # sealed bytes do not compress
    content = hashlib.sha256()
    with open(source, "rb") as handle, archive.open(info, "w", force_zip64=True) as out:
        passing = _Copying(handle, out)
        try:
            for chunk in open_sealed(data_key, passing):
                content.update(chunk)
        except SealBroken:
            content = None
        passing.read_to_end()
    entry = {"sha256": passing.digest.hexdigest(), "size": passing.size, "sealed": True}
    if content is not None:
        entry["content_sha256"] = content.hexdigest()
    return entry


class _Copying:
    """A file read through, each byte read also written into the zip and hashed: a sealed
    file is copied and opened in one pass."""

    def __init__(self, handle, out):
        self._handle, self._out = handle, out
        self.digest, self.size = hashlib.sha256(), 0

    def read(self, size: int = -1) -> bytes:
        data = self._handle.read(size)
        self._out.write(data)
        self.digest.update(data)
        self.size += len(data)
        return data

    def read_to_end(self) -> None:
        while self.read(CHUNK):
            pass


def _add_file(archive: zipfile.ZipFile, source: Path, member: str) -> tuple[str, int]:
    info = zipfile.ZipInfo.from_file(source, member)
    info.compress_type = (zipfile.ZIP_STORED if source.suffix.lower() in ALREADY_COMPRESSED
                          else zipfile.ZIP_DEFLATED)
    digest, size = hashlib.sha256(), 0
    with open(source, "rb") as handle, archive.open(info, "w", force_zip64=True) as out:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def safe_member_name(name: str) -> bool:
    """A stored evidence name that stays inside the evidence folder when unpacked."""
    pure = PurePosixPath(name)
    return (bool(name) and "\\" not in name and ":" not in name and not pure.is_absolute()
            and all(part not in ("", ".", "..") for part in name.split("/")))


def info_from_manifest(path: Path, manifest: dict) -> BackupInfo:
    database = manifest.get("database", {})
    audit = manifest.get("audit") or {}
    return BackupInfo(
        path=path,
        created_at=datetime.fromisoformat(manifest["created_at"]),
        app_version=str(manifest.get("app_version", "")),
        schema_revision=manifest.get("schema_revision"),
        counts={str(k): int(v) for k, v in manifest.get("counts", {}).items()},
        evidence_files=len(manifest.get("evidence", [])),
        size_bytes=path.stat().st_size if path.exists() else 0,
        database_check=str(database.get("check", "ok")),
        missing_evidence=tuple(manifest.get("missing_evidence", ())),
        changed_evidence=tuple(manifest.get("changed_evidence", ())),
        audit_row=int(audit["row_id"]) if "row_id" in audit else None,
        audit_hash=str(audit.get("row_hash", "")),
        encrypted="key_file" in manifest,
    )


def load_manifest(archive: zipfile.ZipFile) -> dict:
    """The manifest, or a ServiceError if this is not an Avenue Desk backup."""
    try:
        manifest = json.loads(archive.read(MANIFEST).decode("utf-8"))
    except (KeyError, ValueError):
        raise ServiceError("It is not an Avenue Desk backup (it has no readable manifest)."
                           ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ServiceError("It is not an Avenue Desk backup.")
    if int(manifest.get("format_version", 0)) > READABLE_VERSION:
        raise ServiceError("It was made by a newer version of Avenue Desk, in a form this "
                           "version cannot read. Install the newer version to restore it.")
    if "created_at" not in manifest:
        raise ServiceError("Its manifest is incomplete.")
    return manifest


def read_backup_info(path: Path) -> BackupInfo | None:
    """What a backup file's manifest says (quick: nothing is unpacked), or None."""
    try:
        with zipfile.ZipFile(path) as archive:
            return info_from_manifest(path, load_manifest(archive))
    except (OSError, zipfile.BadZipFile, ServiceError, ValueError, TypeError):
        return None
