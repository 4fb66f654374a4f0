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
process dies half-way, ``recover_interrupted_restore`` (run whenever a database is opened)
puts the old data back, so the folder never ends up with no database at all.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from avenue_desk.paths import AppPaths
from avenue_desk.policy.backup_rotation import local_time
from avenue_desk.services.core.clock import SystemClock
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.core.files import atomic_write_text, fsync_folder
from avenue_desk.services.safety.archive import DATABASE_MEMBER, BackupInfo, Progress
from avenue_desk.services.safety.verify import Verification, verify_backup

PENDING = "restore-pending.json"
JOURNAL = "restore-in-progress.json"
STAGING_PREFIX = ".restore-"
SIDE_FILES = ("-wal", "-shm", "-journal")


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


def database_files(database: Path) -> list[Path]:
    """The database file and the journal files SQLite may keep beside it."""
    return [database] + [database.with_name(database.name + side) for side in SIDE_FILES]


def restore_backup(paths: AppPaths, source: Path, clock=None,
                   progress: Progress | None = None) -> RestoreResult:
    """Verifies ``source`` and, only if it passes, makes it the live data.

    The caller must hold the instance lock with the database closed (see the module notes).
    Raises ``RestoreRefused`` (nothing replaced) if the backup fails any check.
    """
    if not paths.uses_sqlite_file:
        raise ServiceError("Restoring a backup is only for records kept in a SQLite file; a "
                           "database server is restored with its own tools.")
    clock = clock or SystemClock()
    paths.ensure()
    recover_interrupted_restore(paths)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=paths.data_dir))
    try:
        verification = verify_backup(Path(source), staging, progress)
        if not verification.ok:
            raise RestoreRefused(verification)
        stamp = local_time(clock.now()).strftime("%Y%m%d-%H%M%S")
        replaced = _unused(paths.data_dir / f"replaced-{stamp}")
        kept = _swap(paths, staging, replaced)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return RestoreResult(Path(source), verification.info, replaced if kept else None,
                         verification.warnings)


def _unused(folder: Path) -> Path:
    candidate, number = folder, 1
    while candidate.exists():
        number += 1
        candidate = folder.with_name(f"{folder.name}-{number}")
    return candidate


def _swap(paths: AppPaths, staging: Path, replaced: Path) -> bool:
    """Moves the live data aside and the staged data in; the database moves in last."""
    old = [item for item in database_files(paths.database_file) if item.exists()]
    if paths.evidence_dir.exists():
        if any(paths.evidence_dir.iterdir()):
            old.append(paths.evidence_dir)
        else:
            paths.evidence_dir.rmdir()  # nothing in it to keep
    journal = paths.data_dir / JOURNAL
    atomic_write_text(journal, json.dumps({"staging": staging.name, "replaced": replaced.name}))
    try:
        if old:
            replaced.mkdir()
        for item in old:
            os.replace(item, replaced / item.name)
        new_evidence = staging / "evidence"
        if new_evidence.exists():
            os.replace(new_evidence, paths.evidence_dir)
        else:
            paths.evidence_dir.mkdir()
        os.replace(staging / DATABASE_MEMBER, paths.database_file)
    except OSError as error:
        _roll_back(paths, staging, replaced)
        journal.unlink(missing_ok=True)
        raise ServiceError(
            f"The backup could not be put in place ({error.strerror or error}), so the records "
            "were left as they were. Close any program using the data folder and try again."
        ) from None
    fsync_folder(paths.data_dir)
    journal.unlink()
    fsync_folder(paths.data_dir)
    return bool(old)


def _roll_back(paths: AppPaths, staging: Path, replaced: Path) -> None:
    """Undoes a swap that did not finish (the live database is moved in last, so its
    presence means the swap either finished or never began)."""
    if paths.database_file.exists():
        return
    if (replaced / "evidence").exists():
        if paths.evidence_dir.exists():  # the backup's files, already moved in
            shutil.rmtree(paths.evidence_dir)
        os.replace(replaced / "evidence", paths.evidence_dir)
    for item in database_files(paths.database_file):
        if (replaced / item.name).exists():
            os.replace(replaced / item.name, item)
    if replaced.exists() and not any(replaced.iterdir()):
        replaced.rmdir()
    fsync_folder(paths.data_dir)


def recover_interrupted_restore(paths: AppPaths, tidy: bool = True) -> bool:
    """Finishes off a restore the process died in; True if there was one to recover.

    With ``tidy``, staging folders left by a restore that died while checking are removed
    (only safe with the instance lock held, as a restore in progress uses one).
    """
    journal = paths.data_dir / JOURNAL
    recovered = journal.exists()
    if recovered:
        try:
            note = json.loads(journal.read_text(encoding="utf-8"))
            staging = paths.data_dir / note["staging"]
            replaced = paths.data_dir / note["replaced"]
        except (OSError, ValueError, KeyError, TypeError):
            staging = replaced = None  # written atomically, so this is not ours
        if staging is not None:
            _roll_back(paths, staging, replaced)
            shutil.rmtree(staging, ignore_errors=True)
        journal.unlink(missing_ok=True)
    if tidy and paths.data_dir.exists():
        for leftover in paths.data_dir.glob(STAGING_PREFIX + "*"):
            shutil.rmtree(leftover, ignore_errors=True)
    return recovered


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


def audit_restored(paths: AppPaths, result: RestoreResult, username: str, origin: str) -> None:
    """Writes the restore into the restored records' own audit trail (the trail it
    replaced is kept with the replaced records)."""
    from avenue_desk.services.container import open_services

    made = local_time(result.info.created_at).strftime("%d/%m/%Y %H:%M")
    with open_services(paths, origin=origin) as services, services.db.begin() as session:
        services.audit.record(session, None, "restore", "backup", None,
                              f"Backup {result.source.name} (made {made}) restored"
                              + (f", asked for by {username}" if username else ""),
                              username=username)


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
    source = pending_restore(paths)
    cancel_pending_restore(paths)
    if source is None:
        return None
    return restore_backup(paths, source, clock, progress)
