"""Putting a backup back: checked first, the replaced data kept aside, safe against a crash.

Restoring needs the database closed and the data folder to itself, so the caller holds the
instance lock (``services/safety/instance_lock.py``) and has closed its Services:

- the command line, ``avenue-desk restore FILE``, takes the lock (refused while the app is
  open), restores, and releases it;
- the app never restores under its own feet: the Backups page calls
  ``BackupService.request_restore(file)``, which leaves a note in the data folder and closes
  the window; ``app.py`` then closes its services, runs ``run_pending_restore`` and opens
  everything again. If the app is killed in between, the note is found at the next start.

Replacing is a few renames inside the data folder, recorded in a journal first: if the
process dies half-way, ``recover_interrupted_restore`` (``core/swap_journal.py``, run whenever a
database is opened) puts the old data back, so the folder never ends up with no database at all.

The restore's audit row is written into the checked copy while it is still staged, before
the swap: the rename that puts the database in place is the step that completes the restore
and brings its row with it. A restore that completed always says so in its own trail, and
one rolled back leaves no row behind, however the process ends (the journal's recovery never
completes a swap, it only undoes one, so it has no row to add).

An encrypted school's backup brings its key file: it is staged beside the database, and the
swap moves it in with the database (before it; the journal's recovery puts both back). A
backup with no key file (made before the records were encrypted, or a server's) is refused
over encrypted records: restoring it would put the records back on the disk unencrypted.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from avenue_desk.paths import AppPaths
from avenue_desk.policy.backup_rotation import local_time
from avenue_desk.services.core import records_key
from avenue_desk.services.core.access import AccessGuard
from avenue_desk.services.core.audit import AuditLog, default_origin
from avenue_desk.services.core.audit_anchors import RESTORE, Anchor, append_anchor
from avenue_desk.services.core.clock import SystemClock
from avenue_desk.services.core.database import open_database
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.core.files import atomic_write_text
from avenue_desk.services.core.swap_journal import (  # noqa: F401 - JOURNAL for callers
    DATABASE_MEMBER,
    JOURNAL,
    STAGING_PREFIX,
    database_files,
    recover_interrupted_restore,
    swap_in,
)
from avenue_desk.services.safety.archive import BackupInfo, Progress, read_backup_info
from avenue_desk.services.safety.leftovers import UNPACKED_PREFIX, work_folder
from avenue_desk.services.safety.logical_backup import (
    load_into_staged_file,
    needs_same_version,
    restore_into_server,
)
from avenue_desk.services.safety.verify import Verification, verify_backup
from avenue_desk.store import keyring

PENDING = "restore-pending.json"
PLAIN_OVER_ENCRYPTED = (
    "These records are encrypted, and this backup holds them unencrypted (it was made "
    "before they were encrypted, or on a server), so restoring it would put the records "
    "back on this computer unencrypted. Nothing was changed. Restore a backup made since "
    "the records were encrypted, or restore this one into a new, empty data folder.")


class RestoreRefused(ServiceError):
    """The backup failed its checks; nothing was replaced."""

    def __init__(self, verification: Verification):
        self.verification = verification
        reasons = "\n".join(f"• {problem}" for problem in verification.problems)
        super().__init__(f"The backup {verification.source.name} was not restored, and "
                         f"nothing was changed, because it did not pass its checks:\n{reasons}")


@dataclass(frozen=True)
class RestoreResult:
    source: Path
    info: BackupInfo
    replaced_dir: Path | None  # where the replaced records and evidence are kept, if any
    warnings: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        info = self.info
        made = local_time(info.created_at).strftime("%d/%m/%Y %H:%M")
        lines = [f"Restored the backup made on {made}: {info.count('incidents'):,} incident(s), "
                 f"{info.count('people'):,} people, {info.count('actions'):,} action(s) and "
                 f"{info.evidence_files:,} evidence file(s)."]
        if self.replaced_dir:
            lines.append(f"The records and evidence it replaced are kept in {self.replaced_dir}.")
        return lines + list(self.warnings)


def restore_backup(paths: AppPaths, source: Path, clock=None,
                   progress: Progress | None = None, requested_by: str = "",
                   origin: str = "app") -> RestoreResult:
    """Verifies ``source`` and, only if it passes, makes it the live data, with an audit
    row saying so (``requested_by``: the username who asked; ``origin``: "gui" or "cli").

    The caller must hold the instance lock with the database closed (see the module notes).
    Raises ``RestoreRefused`` (nothing replaced) if the backup fails any check.
    """
    clock = clock or SystemClock()
    paths.ensure()
    if not paths.uses_sqlite_file:
        return _restore_on_server(paths, Path(source), clock, progress, requested_by, origin)
    recover_interrupted_restore(paths)
    said = read_backup_info(Path(source))  # its manifest's word, before anything is unpacked
    _refuse_plain_over_encrypted(paths, None if said is None else said.encrypted)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=paths.data_dir))
    try:
        verification = verify_backup(Path(source), staging, progress)
        if not verification.ok:
            raise RestoreRefused(verification)
        _refuse_plain_over_encrypted(paths, (staging / keyring.KEY_FILE).exists())
        if not (staging / DATABASE_MEMBER).exists():  # a server's backup: its tables
            needs_same_version(staging, verification.info.schema_revision)
            load_into_staged_file(staging)
        head = _record_in_staging(staging, restored_summary(
            Path(source), verification.info, requested_by), requested_by, clock, origin)
        stamp = local_time(clock.now()).strftime("%Y%m%d-%H%M%S")
        replaced = _unused(paths.data_dir / f"replaced-{stamp}")
        kept = swap_in(paths, staging, replaced)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    # The trail now starts again from the backup's: noted, so the anchors of the records
    # it replaced are read as theirs (see anchor_check), not as rows gone missing.
    append_anchor(paths.backups_dir, Anchor(clock.now(), *head, RESTORE,
                                            note=Path(source).name))
    return RestoreResult(Path(source), verification.info, replaced if kept else None,
                         verification.warnings)


def _refuse_plain_over_encrypted(paths: AppPaths, encrypted: bool | None) -> None:
    """``encrypted``: whether the backup holds encrypted records (its manifest's word, or
    its staged key file); None when its manifest cannot be read (its check will say)."""
    if encrypted is not None and not encrypted and records_key.is_encrypted(paths):
        raise ServiceError(PLAIN_OVER_ENCRYPTED)


def _restore_on_server(paths: AppPaths, source: Path, clock, progress, requested_by: str,
                       origin: str) -> RestoreResult:
    """Every table on the server replaced in one transaction (``logical_backup.py``): a
    failure or a kill half-way leaves the records it had. Nothing is kept aside: the
    backup made before (the Backups page, ``avenue-desk backup``) is the copy to go back to."""
    with work_folder(UNPACKED_PREFIX) as staging:
        verification = verify_backup(source, staging, progress)
        if not verification.ok:
            raise RestoreRefused(verification)
        needs_same_version(staging, verification.info.schema_revision)
        restore_into_server(paths, source, staging, restored_summary(
            source, verification.info, requested_by), clock, requested_by, origin, progress)
    return RestoreResult(source, verification.info, None, verification.warnings)


def _unused(folder: Path) -> Path:
    candidate, number = folder, 1
    while candidate.exists():
        number += 1
        candidate = folder.with_name(f"{folder.name}-{number}")
    return candidate


# --- a restore asked for by the app, run when its database is closed ----------------------


def request_restore(paths: AppPaths, source: Path, now: datetime, requested_by: str = "") -> None:
    note = {"source": str(Path(source).resolve()), "requested_at": now.isoformat(),
            "requested_by": requested_by}
    atomic_write_text(paths.data_dir / PENDING, json.dumps(note))


def pending_requester(paths: AppPaths) -> str:
    """The username of whoever asked for the pending restore ("" if not known)."""
    try:
        note = json.loads((paths.data_dir / PENDING).read_text(encoding="utf-8"))
        return str(note.get("requested_by") or "")
    except (OSError, ValueError, AttributeError):
        return ""


def restored_summary(source: Path, info: BackupInfo, username: str) -> str:
    made = local_time(info.created_at).strftime("%d/%m/%Y %H:%M")
    return (f"Backup {source.name} (made {made}) restored"
            + (f", asked for by {username}" if username else ""))


def _record_in_staging(staging: Path, summary: str, username: str, clock,
                       origin: str) -> tuple[int, str]:
    """The restore's row in the restored records' own audit trail (the trail it replaces is
    kept with the replaced records), written into the staged copy: opened as any data
    folder is (brought up to this version's structure first, as a restore always was), the
    row appended to its chain, and the file left standing alone, without a -wal beside it,
    as only the database file is moved in."""
    db = open_database(AppPaths(staging), clock)
    try:
        if db.read_only:  # checked just now, so only a disk failing under our feet
            raise ServiceError("The backup could not be prepared for restoring: its copy "
                               "could not be written. Nothing was replaced.")
        AuditLog(db, clock, AccessGuard(), default_origin(origin)).record_now(
            None, "restore", "backup", None, summary, username=username)
    finally:
        db.close()
    with closing(keyring.connect(staging / DATABASE_MEMBER)) as connection:
        connection.execute("PRAGMA journal_mode=DELETE").fetchall()
        row_id, row_hash = connection.execute(
            "SELECT id, row_hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return row_id, row_hash


def pending_restore(paths: AppPaths) -> Path | None:
    try:
        note = json.loads((paths.data_dir / PENDING).read_text(encoding="utf-8"))
        return Path(note["source"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def cancel_pending_restore(paths: AppPaths) -> None:
    (paths.data_dir / PENDING).unlink(missing_ok=True)


def run_pending_restore(paths: AppPaths, clock=None,
                        progress: Progress | None = None) -> RestoreResult | None:
    """The restore the app asked for, if any. The note is removed first, so a backup that
    fails its checks is reported once rather than tried again at every start."""
    source, requester = pending_restore(paths), pending_requester(paths)
    cancel_pending_restore(paths)
    if source is None:
        return None
    return restore_backup(paths, source, clock, progress, requester, "gui")
