"""Swapping a data folder's records for others, journalled so a crash never leaves it empty.

A restore (``safety/restore.py``) stages the backup's database and evidence in a folder
beside the live ones, then ``swap_in`` moves the live data aside and the staged data in,
recording what it is doing in a journal first. If the process dies half-way,
``recover_interrupted_restore`` (run whenever a database is opened, hence here in core
rather than in safety) puts the old data back.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from avenue_desk.paths import AppPaths
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.core.files import (
    PRIVATE_FOLDER,
    atomic_write_text,
    fsync_folder,
    keep_private,
)

JOURNAL = "restore-in-progress.json"
STAGING_PREFIX = ".restore-"
SIDE_FILES = ("-wal", "-shm", "-journal")
DATABASE_MEMBER = "avenue-desk.sqlite3"  # the database's name inside a staging folder


def database_files(database: Path) -> list[Path]:
    """The database file and the journal files SQLite may keep beside it."""
    return [database] + [database.with_name(database.name + side) for side in SIDE_FILES]


def swap_in(paths: AppPaths, staging: Path, replaced: Path) -> bool:
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
            replaced.mkdir(mode=PRIVATE_FOLDER)
            keep_private(replaced)
        for item in old:
            os.replace(item, replaced / item.name)
        new_evidence = staging / "evidence"
        if new_evidence.exists():
            os.replace(new_evidence, paths.evidence_dir)
        else:
            paths.evidence_dir.mkdir(mode=PRIVATE_FOLDER)
            keep_private(paths.evidence_dir)
        os.replace(staging / DATABASE_MEMBER, paths.database_file)
    except OSError as error:
        roll_back(paths, staging, replaced)
        journal.unlink(missing_ok=True)
        raise ServiceError(
            f"The backup could not be put in place ({error.strerror or error}), so the records "
            "were left as they were. Close any program using the data folder and try again."
        ) from None
    fsync_folder(paths.data_dir)
    journal.unlink()
    fsync_folder(paths.data_dir)
    return bool(old)


def roll_back(paths: AppPaths, staging: Path, replaced: Path) -> None:
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
            roll_back(paths, staging, replaced)
            shutil.rmtree(staging, ignore_errors=True)
        journal.unlink(missing_ok=True)
    if tidy and paths.data_dir.exists():
        for leftover in paths.data_dir.glob(STAGING_PREFIX + "*"):
            shutil.rmtree(leftover, ignore_errors=True)
    return recovered
