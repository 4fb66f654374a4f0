"""Backups of records on a database server: the same one .zip, with a logical copy inside.

A SQLite school's backup holds its database file (``archive.py``). A server has no file to
copy, so its backup holds every table as JSON lines (``logical.py``), read in one
consistent snapshot, with the evidence files and the same manifest: each member's SHA-256
and size, the counts, the evidence's hashes, the audit trail's head. ``verify.py`` checks
either kind the same way before anything is replaced, and either kind can be restored into
either database: that is how a school moves onto a trust's server and back.

Restoring into a server replaces every table in one transaction (``restore_into_server``):
killed or failing half-way, the server still holds the records it had.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, text
from sqlalchemy.orm import Session

from avenue_desk import __version__
from avenue_desk.paths import AppPaths
from avenue_desk.services.core.access import AccessGuard
from avenue_desk.services.core.audit import AuditLog, default_origin
from avenue_desk.services.core.audit_anchors import RESTORE, Anchor, append_anchor
from avenue_desk.services.core.audit_chain import GENESIS
from avenue_desk.services.core.database import open_database
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.core.evidence_files import CHUNK, sha256_of
from avenue_desk.services.core.evidence_store import evidence_store
from avenue_desk.services.core.files import atomic_output
from avenue_desk.services.safety.archive import (
    COUNTED,
    DATABASE_MEMBER,
    EVIDENCE_PREFIX,
    FORMAT,
    MANIFEST,
    BackupInfo,
    Progress,
    info_from_manifest,
    safe_member_name,
)
from avenue_desk.services.safety.logical import (
    TablesInDatabase,
    TablesInFolder,
    load_tables,
    member,
    rows_of_lines,
    stored_evidence,
    table_lines,
    tables,
)
from avenue_desk.store.migrate import head_revision
from avenue_desk.store.models import EvidenceContent
from avenue_desk.store.models_accounts import AUDIT_TABLE

LOGICAL_FORMAT_VERSION = 2  # an older version refuses it as "made by a newer version"


def snapshot(engine):
    """A connection whose reads all see one moment (PostgreSQL: a repeatable-read
    transaction; SQLite: one read transaction)."""
    connection = engine.connect()
    if connection.dialect.name == "postgresql":
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
    connection.begin()
    if connection.dialect.name == "sqlite":
        connection.execute(text("SELECT count(*) FROM sqlite_master"))  # the read starts now
    return connection


def write_logical_backup(db, target: Path, now: datetime,
                         progress: Progress | None = None) -> BackupInfo:
    """Writes the records open in ``db`` and their evidence to ``target`` (a .zip)."""
    store = evidence_store(db)
    with snapshot(db.engine) as connection:
        evidence = stored_evidence(connection)
        chosen = tables()
        total = len(chosen) + len(evidence)
        entries, table_entries, missing, changed = [], [], [], []
        counts: dict[str, int] = {}
        head = (0, GENESIS)
        with atomic_output(target) as raw, zipfile.ZipFile(raw, "w") as archive:
            for done, table in enumerate(chosen, 1):
                digest, size, rows, last = hashlib.sha256(), 0, -1, b""
                with archive.open(member(table.name), "w", force_zip64=True) as out:
                    for line in table_lines(connection, table):
                        digest.update(line)
                        out.write(line)
                        size += len(line)
                        rows += 1
                        last = line if rows == 0 or table.name == AUDIT_TABLE else last
                if table.name == AUDIT_TABLE and rows > 0:
                    head = _audit_head(last, table)
                table_entries.append({"name": table.name, "member": member(table.name),
                                      "sha256": digest.hexdigest(), "size": size,
                                      "rows": rows})
                if table.name in COUNTED:
                    counts[table.name] = rows
                if progress:
                    progress(done, total)
            for done, (name, expected) in enumerate(sorted(evidence.items()), len(chosen) + 1):
                entry = _add_evidence(archive, store, connection, name)
                if entry is None:
                    missing.append(name)
                else:
                    entries.append(entry)
                    if entry["sha256"] != expected:
                        changed.append(name)
                if progress:
                    progress(done, total)
            revision = connection.scalar(text("SELECT version_num FROM alembic_version"))
            manifest = {
                "format": FORMAT, "format_version": LOGICAL_FORMAT_VERSION,
                "app_version": __version__, "schema_revision": revision,
                "created_at": now.isoformat(), "database_kind": connection.dialect.name,
                "tables": table_entries, "counts": counts, "evidence": entries,
                "missing_evidence": missing, "changed_evidence": changed,
                "audit": {"row_id": head[0], "row_hash": head[1]},
            }
            archive.writestr(MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False),
                             compress_type=zipfile.ZIP_DEFLATED)
    return info_from_manifest(target, manifest)


def _audit_head(last_line: bytes, table) -> tuple[int, str]:
    """The trail's last row (number, hash), from the last line of its member (rows are in
    number order)."""
    names = [column.name for column in table.columns if column.computed is None]
    row = json.loads(last_line)
    return int(row[names.index("id")]), str(row[names.index("row_hash")])


def _add_evidence(archive, store, connection, name: str) -> dict | None:
    if not safe_member_name(name):
        return None
    on = connection if store.in_database else None
    try:
        chunks = store.chunks(name, on)
        first = next(chunks, None)
    except OSError:
        return None
    if first is None:
        return None
    digest, size = hashlib.sha256(), 0
    info = zipfile.ZipInfo(EVIDENCE_PREFIX + name)
    info.compress_type = zipfile.ZIP_STORED
    with archive.open(info, "w", force_zip64=True) as out:
        for chunk in ([first], chunks):
            for part in chunk:
                digest.update(part)
                out.write(part)
                size += len(part)
    return {"name": name, "sha256": digest.hexdigest(), "size": size}


# --- what verify.py reads of a logical backup ----------------------------------------------


def logical_facts(staging: Path, manifest: dict, problems: list[str]):
    """Counts, evidence hashes and revision read from the unpacked tables (for verify.py)."""
    from avenue_desk.services.safety.archive import DatabaseFacts

    facts = DatabaseFacts(revision=manifest.get("schema_revision"))
    by_name = {table.name: table for table in tables()}
    for entry in manifest.get("tables", []):
        table = by_name.get(entry["name"])
        if table is None:
            problems.append(f"It holds a table this version does not know ({entry['name']}).")
            continue
        path = staging / entry["member"]
        try:
            with open(path, "rb") as handle:
                rows = list(rows_of_lines(table, handle)) if entry["name"] in (
                    "evidence", "conduct_breach_evidence") else None
                if rows is None:
                    handle.seek(0)
                    count = sum(1 for line in handle if line.strip()) - 1
                else:
                    count = len(rows)
                    facts.evidence.update((r["stored_name"], r["sha256"]) for r in rows)
        except (OSError, ValueError, KeyError, StopIteration, ServiceError) as error:
            problems.append(f"The copy of {entry['name']} in the backup cannot be read "
                            f"({error}).")
            continue
        if count != entry.get("rows"):
            problems.append(f"The copy of {entry['name']} should hold {entry.get('rows'):,} "
                            f"rows but holds {count:,}.")
        if entry["name"] in COUNTED:
            facts.counts[entry["name"]] = count
    return facts


# --- restoring into a server ----------------------------------------------------------------


def load_staged(connection, staging: Path, progress: Progress | None = None) -> dict[str, int]:
    """Every table replaced from a checked backup unpacked in ``staging``, on
    ``connection``'s transaction: the tables of a logical backup, or the SQLite file of a
    file backup (brought up to this version's structure first, as a restore always was)."""
    if (staging / DATABASE_MEMBER).exists():
        staged = open_database(AppPaths(staging))
        try:
            with staged.engine.connect() as source:
                return load_tables(connection, TablesInDatabase(source), progress)
        finally:
            staged.close()
    return load_tables(connection, TablesInFolder(staging), progress)


def put_staged_evidence(session: Session, store, staging: Path) -> int:
    """The unpacked evidence files (already checked against the manifest and the records)
    into ``store``, in ``session``'s transaction on a server, checked again as they go in."""
    if store.in_database:
        session.execute(delete(EvidenceContent))
    folder, placed = staging / "evidence", 0
    for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
        if path.is_file():
            with open(path, "rb") as handle:
                store.put(session, path.relative_to(folder).as_posix(),
                          iter(lambda h=handle: h.read(CHUNK), b""), sha256_of(path))
            placed += 1
    return placed


def restore_into_server(paths: AppPaths, source: Path, staging: Path, summary: str,
                        clock, requested_by: str, origin: str,
                        progress: Progress | None = None) -> tuple[int, str]:
    """A backup checked and unpacked in ``staging`` (of either kind) made the records on
    the server, in one transaction, with the restore's own audit row (``summary``) in it.
    Returns the trail's new head (number, hash)."""
    db = open_database(paths, clock)
    try:
        audit = AuditLog(db, clock, AccessGuard(), default_origin(origin))
        with db.engine.begin() as connection:
            load_staged(connection, staging, progress)
            session = Session(bind=connection)
            put_staged_evidence(session, evidence_store(db), staging)
            audit.record(session, None, "restore", "backup", None, summary,
                         username=requested_by)
            session.flush()
            head = connection.execute(text(
                f"SELECT id, row_hash FROM {AUDIT_TABLE} ORDER BY id DESC LIMIT 1")).first()
    finally:
        db.close()
    append_anchor(paths.backups_dir, Anchor(clock.now(), head[0], head[1], RESTORE,
                                            note=Path(source).name))
    return head[0], head[1]


def load_into_staged_file(staging: Path, progress: Progress | None = None) -> None:
    """A logical backup unpacked in ``staging`` made into a SQLite file there (a new one,
    with this version's structure), ready for restore.py's swap as any file backup is."""
    staged = open_database(AppPaths(staging))
    try:
        with staged.engine.begin() as connection:
            load_tables(connection, TablesInFolder(staging), progress)
    finally:
        staged.close()


OLDER = ("This backup holds the records as an older version of Avenue Desk kept them. "
         "Restore it with that version, then open the records with this one to bring "
         "them up to date.")


def needs_same_version(staging: Path, revision: str | None) -> None:
    """A logical backup loads only into the structure it was made from."""
    if not (staging / DATABASE_MEMBER).exists() and revision != head_revision():
        raise ServiceError(OLDER)
