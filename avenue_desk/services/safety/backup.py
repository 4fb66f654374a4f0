"""Backups: made by hand or automatically, rotated, listed, checked, and restored.

The app backs up on exit and, while changes are being made, at most every 30 minutes: its
timer calls ``maybe_backup(changed)`` with whether anything was committed since the last
tick (``data_changed()``, from SQLite's ``PRAGMA data_version``). Backups go to the folder
chosen in Settings (a USB stick or a network drive, say) or ``backups`` in the data folder,
one .zip each (``backup_archive.py`` says why), and the folder is rotated to 12 daily,
10 weekly and 9 monthly backups (``backup_rotation.py``).

Restoring replaces the open database, so it never runs here: ``request_restore`` leaves a
note that the app acts on once its database is closed (``restore.py``).
"""

from __future__ import annotations

import os
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from avenue_desk.policy.access import Operation
from avenue_desk.policy.backup_rotation import (
    DEFAULT_ROTATION,
    Rotation,
    backup_name,
    local_time,
    to_delete,
)
from avenue_desk.policy.settings_registry import BACKUP_FOLDER, REPLACED_KEEP_DAYS
from avenue_desk.services.core.audit_anchors import BACKUP, Anchor, append_anchor
from avenue_desk.services.core.database import Database
from avenue_desk.services.core.errors import RecordsDamaged, ServiceError
from avenue_desk.services.core.files import atomic_write_text, private_folder
from avenue_desk.services.core.settings import read_setting, write_setting
from avenue_desk.services.safety import restore
from avenue_desk.services.safety.archive import (
    BackupInfo,
    Progress,
    read_backup_info,
    write_backup,
)
from avenue_desk.services.safety.leftovers import (
    Cleared,
    KeptFolder,
    clear_leftovers,
    kept_replaced,
)
from avenue_desk.services.safety.logical_backup import write_logical_backup
from avenue_desk.services.safety.verify import Verification, verify_backup
from avenue_desk.store import keyring
from avenue_desk.store.models import Action, Evidence, Incident, Person

BACKUP_DIR_KEY = BACKUP_FOLDER.key
# The chosen folder is also noted beside the database, so the backups can still be found
# when the database itself is too damaged to read.
FOLDER_NOTE = "backup-folder.txt"
AUTO_EVERY = timedelta(minutes=30)
LEFTOVER_AGE_S = 6 * 3600  # a half-written backup older than this was abandoned


class BackupFolderMissing(ServiceError):
    def __init__(self, folder: Path):
        self.folder = folder
        super().__init__(
            f"The backup folder {folder} cannot be found. If it is on a USB stick or a network "
            "drive, plug the stick in or connect to the network and try again, or choose "
            "another folder in Settings › Backups. Your records are safe on this computer; "
            "only the backup was not made.")


class BackupService:
    """Backups by hand, restores and the Backups page are the Headteacher's. The automatic
    backups (the timer's, the one on exit) are the app's own upkeep, made whoever is signed
    in, and only ever into the backup folder. Every backup and restore is audited."""

    def __init__(self, db: Database, clock, guard, audit,
                 rotation: Rotation = DEFAULT_ROTATION):
        self._db = db
        self._clock = clock
        self._guard = guard
        self._audit = audit
        self._paths = db.paths
        self._rotation = rotation
        self._running = threading.Lock()  # one backup at a time (timer, button, exit)
        self._dirty = False  # changes not yet in a backup
        self._last_at: datetime | None = None
        self._last_version: int | None = None

    # --- where backups go --------------------------------------------------------------------

    def default_folder(self) -> Path:
        return self._paths.backups_dir

    def folder(self) -> Path:
        try:
            with self._db.read() as session:
                chosen = read_setting(session, BACKUP_FOLDER)
        except (DBAPIError, RecordsDamaged):  # damaged: fall back on the note beside it
            try:
                chosen = (self._paths.data_dir / FOLDER_NOTE).read_text(encoding="utf-8")
            except OSError:
                chosen = ""
        return Path(chosen.strip()) if chosen.strip() else self.default_folder()

    def set_folder(self, folder: Path | None) -> Path:
        """The folder for backups from now on; None means the default (in the data folder)."""
        actor = self._guard.require(Operation.BACKUP)
        value = ""
        if folder is not None and Path(folder) != self.default_folder():
            folder = Path(folder).expanduser()
            if not folder.is_dir():
                raise BackupFolderMissing(folder)
            value = str(folder.resolve())
        with self._db.begin() as session:
            write_setting(session, BACKUP_FOLDER, value)
            self._audit.record(session, actor, "settings", "setting", BACKUP_DIR_KEY,
                               f"Backup folder: {value or 'the default one'}")
        atomic_write_text(self._paths.data_dir / FOLDER_NOTE, value)
        return self.folder()

    def folder_problem(self, folder: Path | None = None) -> str:
        """Why backups cannot be written to ``folder`` now, in plain words; "" if they can."""
        folder = Path(folder) if folder is not None else self.folder()
        if folder == self.default_folder():
            private_folder(folder)
        if not folder.is_dir():
            return str(BackupFolderMissing(folder))
        if not os.access(folder, os.W_OK):
            return (f"Avenue Desk is not allowed to write in the backup folder {folder}. "
                    "Choose another folder in Settings › Backups.")
        return ""

    # --- making backups ----------------------------------------------------------------------

    def backup(self, destination: Path | None = None, progress: Progress | None = None, *,
               automatic: bool = False) -> BackupInfo:
        """A backup now. With no destination it goes into the backup folder under a dated name
        and the folder is rotated; into a folder, under a dated name; else to that file.
        ``automatic``: the app's own backup into the backup folder (no destination)."""
        if automatic and destination is not None:
            raise ServiceError("Automatic backups go only into the backup folder.")
        actor = self._guard.actor if automatic else self._guard.require(Operation.BACKUP)
        now = self._clock.now()
        if destination is None or Path(destination).is_dir():
            folder = self.folder() if destination is None else Path(destination)
            problem = self.folder_problem(folder)
            if problem:
                raise (BackupFolderMissing(folder) if not folder.is_dir()
                       else ServiceError(problem))
            target = self._dated(folder, now)
        else:
            target = Path(destination)
            if not target.parent.is_dir():
                raise BackupFolderMissing(target.parent)
        kind = "Automatic backup" if automatic else "Backup"
        with self._running:
            dirty, self._dirty = self._dirty, False  # changes from now on need another one
            # Recorded first, so the backup holds the row of its own making; the row itself
            # is not a change that needs another backup.
            self._note(actor, "backup", f"{kind}: {target.name}")
            if self._last_version is not None:
                self._last_version = self._db.data_version()
            try:
                if self._paths.uses_sqlite_file:
                    info = write_backup(self._paths.database_file, self._paths.evidence_dir,
                                        target, now, progress)
                else:  # a server: every table, read in one snapshot (logical_backup.py)
                    info = write_logical_backup(self._db, target, now, progress)
            except BaseException as error:
                self._dirty = self._dirty or dirty
                self._note(actor, "backup", f"{kind} not made: {type(error).__name__}")
                if isinstance(error, keyring.SQLITE_ERRORS):
                    raise ServiceError(f"The backup could not be made: SQLite could not copy "
                                       f"the records ({error}).") from None
                if isinstance(error, OSError):
                    raise ServiceError(f"The backup could not be written to {target.parent} "
                                       f"({error.strerror or error}). Your records are safe "
                                       "on this computer; only the backup was not made."
                                       ) from None
                raise
            self._last_at = now
            self._anchor(info, now)
        if destination is None and info.database_check == "ok":
            self.prune(target.parent)  # never push good backups out with a damaged copy
        return info

    def _anchor(self, info: BackupInfo, now: datetime) -> None:
        """The trail's head in this backup, noted beside it and beside the records' own
        backups (``core/audit_anchors.py``); the manifest inside holds it too."""
        if info.audit_row is None:
            return
        anchor = Anchor(now, info.audit_row, info.audit_hash, BACKUP, note=info.path.name)
        for folder in dict.fromkeys([info.path.parent, self.default_folder()]):
            append_anchor(folder, anchor)

    def _note(self, actor, action: str, summary: str) -> None:
        """An audit row, unless the records are damaged (read-only: nothing can be written)."""
        if not self._db.read_only:
            self._audit.record_now(actor, action, "backup", None, summary)

    def _dated(self, folder: Path, now: datetime) -> Path:
        serial = 1
        while (folder / backup_name(local_time(now), serial)).exists():
            serial += 1
        return folder / backup_name(local_time(now), serial)

    def data_changed(self) -> bool:
        """Whether anything was committed since the last call (the first call says False)."""
        version = self._db.data_version()
        changed = self._last_version is not None and version != self._last_version
        self._last_version = version
        return changed

    def backup_due(self, changed: bool) -> bool:
        """Notes ``changed``; True when changes wait and the last backup is 30 minutes old."""
        if changed:
            self._dirty = True
        if not self._dirty or not self._can_back_up_automatically():
            return False
        last = self.last_backup_at()
        return last is None or self._clock.now() - last >= AUTO_EVERY

    def maybe_backup(self, changed: bool, progress: Progress | None = None) -> BackupInfo | None:
        """The timer's call: a backup into the backup folder if one is due, else None."""
        return self.backup(progress=progress, automatic=True) if self.backup_due(changed) \
            else None

    def exit_backup_due(self) -> bool:
        if not self._can_back_up_automatically():
            return False
        never_polled = self._last_version is None
        if self.data_changed() or never_polled:
            self._dirty = True
        return self._dirty or self.last_backup_at() is None

    def backup_on_exit(self, progress: Progress | None = None) -> BackupInfo | None:
        return self.backup(progress=progress, automatic=True) if self.exit_backup_due() \
            else None

    def last_backup_at(self) -> datetime | None:
        """When the newest backup in the backup folder was made (naive UTC)."""
        if self._last_at is None:
            newest = next(iter(self.list_backups()), None)
            self._last_at = newest.created_at if newest else None
        return self._last_at

    def _can_back_up_automatically(self) -> bool:
        # A damaged database is never backed up automatically: rotation would push the
        # good backups out with copies of the damage.
        return self._paths.uses_sqlite_file and not self._db.read_only

    def prune(self, folder: Path | None = None) -> list[Path]:
        """Deletes the backups the rotation lets go (and abandoned half-written ones)."""
        folder = Path(folder) if folder is not None else self.folder()
        if not folder.is_dir():
            return []
        names = [entry.name for entry in folder.iterdir() if entry.is_file()]
        gone = []
        for name in to_delete(names, self._rotation):
            try:
                (folder / name).unlink()
                gone.append(folder / name)
            except OSError:
                pass  # read-only or in use: try again next time
        for part in folder.glob(".avenue-desk-backup-*.part"):
            try:
                if time.time() - part.stat().st_mtime > LEFTOVER_AGE_S:
                    part.unlink()
            except OSError:
                pass
        return gone

    # --- finding and checking backups --------------------------------------------------------

    def list_backups(self, folder: Path | None = None) -> list[BackupInfo]:
        """The Avenue Desk backups in a folder, newest first (only their manifests are read)."""
        self._guard.require(Operation.BACKUP)
        return self._list(folder)

    def _list(self, folder: Path | None = None) -> list[BackupInfo]:
        folder = Path(folder) if folder is not None else self.folder()
        if not folder.is_dir():
            return []
        found = [read_backup_info(path) for path in folder.glob("*.zip")]
        return sorted((info for info in found if info is not None),
                      key=lambda info: info.created_at, reverse=True)

    def live_counts(self) -> dict[str, int]:
        """The same counts a backup's manifest holds, for the records open now."""
        self._guard.require(Operation.BACKUP)
        tables = {"incidents": Incident, "people": Person, "actions": Action,
                  "evidence": Evidence}
        with self._db.read() as session:
            return {name: session.scalar(select(func.count()).select_from(model)) or 0
                    for name, model in tables.items()}

    def verify(self, source: Path, progress: Progress | None = None) -> Verification:
        self._guard.require(Operation.BACKUP)
        return verify_backup(Path(source), None, progress)

    def newest_good_backup(self) -> BackupInfo | None:
        """The newest backup, in the backup folder or the default one, that passes every check.
        Not checked against the account: a damaged database is handled before anyone can
        sign in (its accounts may be unreadable too)."""
        folders = dict.fromkeys([self.folder(), self.default_folder()])
        candidates = sorted((info for folder in folders for info in self._list(folder)),
                            key=lambda info: info.created_at, reverse=True)
        for info in candidates:
            if verify_backup(info.path).ok:
                return info
        return None

    # --- restoring (run by the app or the command line with the database closed) ------------

    def request_restore(self, source: Path) -> None:
        """Asks for ``source`` to be restored when the app next opens its records (the
        Headteacher's; anyone when the records are damaged, as no one may be able to sign
        in to them)."""
        actor = self._guard.actor if self._db.damaged else self._guard.require(
            Operation.RESTORE)
        info = read_backup_info(Path(source))
        if info is None:
            raise ServiceError(f"{source} is not an Avenue Desk backup, or cannot be read.")
        restore.request_restore(self._paths, Path(source), self._clock.now(),
                                actor.username if actor else "")
        self._note(actor, "restore", f"Restore of {Path(source).name} asked for")

    def pending_restore(self) -> Path | None:
        return restore.pending_restore(self._paths)

    # --- what earlier restores and killed work left ------------------------------------------

    def keep_replaced_days(self) -> int:
        try:
            with self._db.read() as session:
                return read_setting(session, REPLACED_KEEP_DAYS)
        except (DBAPIError, RecordsDamaged):  # damaged: its setting cannot be read
            return REPLACED_KEEP_DAYS.default

    def kept_from_restores(self) -> list[KeptFolder]:
        """The records earlier restores replaced, kept beside the live ones (the Backups
        page lists them), each with the day it goes."""
        self._guard.require(Operation.BACKUP)
        return kept_replaced(self._paths.data_dir, self.keep_replaced_days())

    def clear_leftovers(self) -> Cleared:
        """The app's upkeep as it opens the records, with the data folder's lock held (see
        ``safety/leftovers.py``): what killed backups, checks and restores left, and the
        replaced records past their time, each of those audited. While the records are
        damaged no replaced records are removed: they may be the good copy."""
        if not self._paths.uses_sqlite_file:
            # On a server: only what killed work left on this PC (unpacked copies in the
            # temporary folder, half-written backup files); a restore there is one
            # transaction, so it sets nothing aside to keep or remove.
            return clear_leftovers(self._paths, [self.folder()], None, self._clock.today())
        damaged = self._db.read_only
        folders = [self.default_folder()] + ([] if damaged else [self.folder()])
        cleared = clear_leftovers(self._paths, folders,
                                  None if damaged else self.keep_replaced_days(),
                                  self._clock.today())
        for kept in cleared.replaced:
            self._note(None, "replaced_removed", f"Records replaced by a restore on "
                       f"{kept.made:%d/%m/%Y %H:%M} removed after "
                       f"{self.keep_replaced_days()} days ({kept.path.name})")
        return cleared

    def cancel_restore(self) -> None:
        self._guard.require(Operation.RESTORE)
        restore.cancel_pending_restore(self._paths)
