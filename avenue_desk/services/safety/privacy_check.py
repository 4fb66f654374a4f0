"""Whether other accounts on this computer can read the records: part of the health check.

Avenue Desk makes everything it keeps private to the account that runs it (0700 folders,
0600 files: see avenue_desk/paths.py), but a data folder made by an older version, copied
in, or opened up by hand may not be. On Linux and macOS the check names each place that
other accounts can read, and the one command that closes it; on Windows the permissions
are the folder's Security settings (README.md says how to keep them to the office).
"""

from __future__ import annotations

import stat
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from avenue_desk.paths import ON_POSIX, AppPaths
from avenue_desk.policy.settings_registry import BACKUP_FOLDER
from avenue_desk.services.core.errors import RecordsDamaged

_OTHERS = 0o077  # any permission for the file's group or for everyone else


def open_to_others(path: Path) -> bool:
    try:
        return bool(path.stat().st_mode & _OTHERS)
    except OSError:
        return False  # gone, or not ours to look at: nothing to say about it


def privacy_problems(paths: AppPaths, backup_folders: Iterable[Path]) -> list[str]:
    """One sentence for each place other accounts on this computer can read, each with the
    command that fixes it; [] when there is none (and always on Windows). What is inside a
    private folder is out of their reach whatever its own permissions, so it is not named."""
    if not ON_POSIX or not paths.data_dir.is_dir():
        return []
    problems = []
    data_dir = paths.data_dir
    opened = _reachable(data_dir)
    if opened:
        shown = ", ".join(_described(item, data_dir) for item in opened[:5])
        more = f" and {len(opened) - 5} more" if len(opened) > 5 else ""
        problems.append(
            f"The data folder can be read by other accounts on this computer: {shown}{more}. "
            f"It holds every record and the accounts' password hashes. Close it with "
            f"chmod -R go= \"{data_dir}\" in a terminal (only this account keeps access).")
    for folder in dict.fromkeys(Path(f) for f in backup_folders):
        if _inside(folder, data_dir) or not folder.is_dir():
            continue
        outside = _reachable(folder)
        if outside:
            problems.append(
                f"The backup folder can be read by other accounts on this computer: "
                f"{_described(outside[0], folder)}"
                f"{f' and {len(outside) - 1} more' if len(outside) > 1 else ''}. Each backup "
                f"holds all the records. Close it with chmod -R go= \"{folder}\"; a USB stick "
                "or network drive may not allow that, so keep it locked away instead.")
    return problems


def _reachable(folder: Path) -> list[Path]:
    """``folder`` and what in it other accounts can open, if ``folder`` is open to them."""
    if not open_to_others(folder):
        return []
    found = [folder]
    try:
        children = sorted(folder.iterdir())
    except OSError:
        return found
    for child in children:
        if child.is_dir() and not child.is_symlink():
            found += _reachable(child)
        elif open_to_others(child):
            found.append(child)
    return found


def _inside(folder: Path, data_dir: Path) -> bool:
    try:
        folder.resolve().relative_to(data_dir.resolve())
    except (OSError, ValueError):
        return False
    return True


def _described(item: Path, base: Path) -> str:
    try:
        name = item.relative_to(base).as_posix() if item != base else str(item)
    except ValueError:
        name = str(item)
    try:
        return f"{name} ({stat.filemode(item.stat().st_mode)[1:]})"
    except OSError:
        return name


def report(service, found) -> None:
    """The health check's lines (``found``: its findings, with ``good`` and ``note``): a
    note for each place open to other accounts, as nothing is damaged by it."""
    if not service.db.is_sqlite:
        return  # a database server keeps its own permissions
    try:
        chosen = str(service.settings.get(BACKUP_FOLDER) or "").strip()
    except (DBAPIError, RecordsDamaged):  # damaged: its own check says so
        chosen = ""
    folders = [Path(chosen)] if chosen else []
    if not ON_POSIX:
        found.good("Privacy: on Windows, who can open the data folder is set in its "
                   "Properties › Security (README.md says how to keep it to the office).")
        return
    problems = privacy_problems(service.paths, folders)
    for problem in problems:
        found.note(f"Privacy: {problem}")
    if not problems:
        found.good("Privacy: the data folder, the records and the backups can be opened only "
                   "by this computer account.")
