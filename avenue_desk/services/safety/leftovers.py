"""What a killed backup, restore or copy leaves behind, cleared when Avenue Desk next starts.

- the database snapshot a backup makes in the system temp folder (``avenue-desk-backup-…``)
  and the unpacked copy a check of a backup makes there (``avenue-desk-verify-…``): a whole
  copy of the records each, outside the data folder;
- half-written files (``….part``) in the data folder and the backup folders;
- a restore's staging copy (``.restore-…``) in the data folder;
- the ``replaced-…`` folders a restore keeps, once older than the school's setting
  (``replaced_keep_days``, 30 days unless changed), with an audit row for each.

``clear_leftovers`` runs only with the data folder's instance lock held (``app.py``, as the
window opens its records): then no other Avenue Desk is using this data folder. The system
temp folder is shared by every data folder and every copy of the app, so each temporary
folder holds a lock of its own for as long as it is used (``work_folder``), and only one
whose lock is free is removed; a half-written file is locked the same way while it is
written (``core/files.hold_while_writing``).
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from avenue_desk.paths import AppPaths
from avenue_desk.services.core.files import PART_SUFFIX, in_use
from avenue_desk.services.core.swap_journal import STAGING_PREFIX
from avenue_desk.services.safety.instance_lock import AlreadyOpen, InstanceLock

SNAPSHOT_PREFIX = "avenue-desk-backup-"  # a backup's copy of the database, in the temp folder
UNPACKED_PREFIX = "avenue-desk-verify-"  # a backup unpacked to be checked
REPLACED_PREFIX = "replaced-"
_REPLACED = re.compile(r"^replaced-(\d{8}-\d{6})(?:-\d+)?$")
# A temporary folder without a lock file is either a killed older version's, or one made a
# moment ago whose lock is being taken: younger than this, it is left alone.
_UNLOCKED_GRACE_S = 120


@dataclass(frozen=True)
class KeptFolder:
    """Records a restore replaced, kept beside the live ones for a while."""

    path: Path
    made: datetime  # local time: when the restore replaced them
    removed_on: date  # Avenue Desk removes the folder when it starts on or after this day


@dataclass
class Cleared:
    """What was removed, for the start-up's log and the tests."""

    temporary: list[Path] = field(default_factory=list)
    half_written: list[Path] = field(default_factory=list)
    staging: list[Path] = field(default_factory=list)
    replaced: list[KeptFolder] = field(default_factory=list)

    @property
    def count(self) -> int:
        return (len(self.temporary) + len(self.half_written) + len(self.staging)
                + len(self.replaced))


@contextmanager
def work_folder(prefix: str) -> Iterator[Path]:
    """A private temporary folder (0700, as ``mkdtemp`` makes it) locked while in use and
    removed afterwards; if the process is killed, the next start finds its lock free."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    lock = InstanceLock(folder)
    try:
        lock.acquire()
        yield folder
    finally:
        lock.release()
        shutil.rmtree(folder, ignore_errors=True)


def stale_work_folders(temp_dir: Path | None = None) -> list[Path]:
    """Temporary folders of ours that no running Avenue Desk is using."""
    temp_dir = Path(temp_dir or tempfile.gettempdir())
    found = []
    for prefix in (SNAPSHOT_PREFIX, UNPACKED_PREFIX):
        for folder in temp_dir.glob(prefix + "*"):
            if folder.is_dir() and not _in_use(folder):
                found.append(folder)
    return sorted(found)


def _in_use(folder: Path) -> bool:
    lock = InstanceLock(folder)
    try:
        if not lock.path.exists() and time.time() - folder.stat().st_mtime < _UNLOCKED_GRACE_S:
            return True
        lock.acquire()
    except AlreadyOpen:
        return True
    except OSError:
        return True  # not ours to touch (another account's, say)
    lock.release()
    return False


def half_written_files(folders: Iterable[Path]) -> list[Path]:
    """Files whose writing was cut short (``.….part``), in ``folders``, that nothing is
    writing now."""
    found = []
    for folder in dict.fromkeys(Path(f) for f in folders):
        if folder.is_dir():
            found += [part for part in folder.glob("*" + PART_SUFFIX)
                      if part.is_file() and part.name.startswith(".") and not in_use(part)]
    return sorted(found)


def kept_replaced(data_dir: Path, keep_days: int) -> list[KeptFolder]:
    """The ``replaced-…`` folders in the data folder, oldest first."""
    kept = []
    for folder in Path(data_dir).glob(REPLACED_PREFIX + "*"):
        if folder.is_dir():
            made = _replaced_at(folder)
            kept.append(KeptFolder(folder, made, made.date() + timedelta(days=keep_days)))
    return sorted(kept, key=lambda k: (k.made, k.path.name))


def _replaced_at(folder: Path) -> datetime:
    """When the restore made it: its name says (local time), else when it last changed."""
    found = _REPLACED.match(folder.name)
    if found:
        try:
            return datetime.strptime(found.group(1), "%Y%m%d-%H%M%S")
        except ValueError:
            pass
    return datetime.fromtimestamp(folder.stat().st_mtime)


def clear_leftovers(paths: AppPaths, backup_folders: Iterable[Path], keep_days: int | None,
                    today: date, temp_dir: Path | None = None) -> Cleared:
    """Removes what killed work left behind (see the module notes). ``keep_days`` None
    keeps every ``replaced-…`` folder (the records are damaged: one may be the good copy).
    The caller holds the data folder's instance lock."""
    cleared = Cleared()
    for folder in stale_work_folders(temp_dir):
        if _remove(folder):
            cleared.temporary.append(folder)
    for part in half_written_files([paths.data_dir, paths.backups_dir, *backup_folders]):
        if _remove(part):
            cleared.half_written.append(part)
    for staging in sorted(paths.data_dir.glob(STAGING_PREFIX + "*")):
        if _remove(staging):
            cleared.staging.append(staging)
    if keep_days is not None:
        for kept in kept_replaced(paths.data_dir, keep_days):
            if kept.removed_on <= today and _remove(kept.path):
                cleared.replaced.append(kept)
    return cleared


def _remove(path: Path) -> bool:
    """True once ``path`` is gone; a file still open elsewhere (Windows) stays till next time."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return True
