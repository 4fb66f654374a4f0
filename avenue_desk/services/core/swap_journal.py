"""Swapping a data folder's records for others, journalled so a crash never leaves it empty.

A restore (``safety/restore.py``) stages the backup's database and evidence in a folder
beside the live ones, then ``swap_in`` moves the live data aside and the staged data in,
recording what it is doing in a journal first. If the process dies half-way,
``recover_interrupted_restore`` (run whenever a database is opened, hence here in core
rather than in safety) puts the old data back.

An encrypted school's key file (``records-key.json``) is part of its records: the live one
is moved aside with the database, and the staged one (a backup's, of its day) moved in
before the database, so the database that lands always has its own key file beside it.
The journal notes whether the folder had a key file, so that a rollback knows a key file
found in the folder without its database is the old one still, or the backup's to remove.
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
from avenue_desk.store.keyring import KEY_FILE

JOURNAL = "restore-in-progress.json"
STAGING_PREFIX = ".restore-"
SIDE_FILES = ("-wal", "-shm", "-journal")
DATABASE_MEMBER = "avenue-desk.sqlite3"  # the database's name inside a staging folder


def database_files(database: Path) -> list[Path]:
    """The database file and the journal files SQLite may keep beside it."""
    return [database] + [database.with_name(database.name + side) for side in SIDE_FILES]


def swap_in(paths: AppPaths, staging: Path, replaced: Path) -> bool:
    """Moves the live data aside and the staged data in; the database moves out first and
    in last, so its presence means the swap either finished or never began."""
    key_file = paths.data_dir / KEY_FILE
    had_key = key_file.exists()
    old = [item for item in database_files(paths.database_file) if item.exists()]
    if had_key:
        old.append(key_file)  # after the database: it must go with it
    if paths.evidence_dir.exists():
        if any(paths.evidence_dir.iterdir()):
            old.append(paths.evidence_dir)
        else:
            paths.evidence_dir.rmdir()  # nothing in it to keep
    journal = paths.data_dir / JOURNAL
    atomic_write_text(journal, json.dumps({"staging": staging.name, "replaced": replaced.name,
                                           "key_file": had_key}))
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
        if (staging / KEY_FILE).exists():
            os.replace(staging / KEY_FILE, key_file)
        os.replace(staging / DATABASE_MEMBER, paths.database_file)
    except OSError as error:
        roll_back(paths, staging, replaced, had_key)
        journal.unlink(missing_ok=True)
        raise ServiceError(
            f"The backup could not be put in place ({error.strerror or error}), so the records "
            "were left as they were. Close any program using the data folder and try again."
        ) from None
    fsync_folder(paths.data_dir)
    journal.unlink()
    fsync_folder(paths.data_dir)
    return bool(old)


def roll_back(paths: AppPaths, staging: Path, replaced: Path,
              had_key: bool | None = None) -> None:
    """Undoes a swap that did not finish (the live database is moved in last, so its
    presence means the swap either finished or never began). ``had_key``: whether the
    folder had a key file before (None: a journal from before key files were moved, which
    never moved one)."""
    if paths.database_file.exists():
        return
    if (replaced / "evidence").exists():
        if paths.evidence_dir.exists():  # the backup's files, already moved in
            shutil.rmtree(paths.evidence_dir)
        os.replace(replaced / "evidence", paths.evidence_dir)
    key_file = paths.data_dir / KEY_FILE
    if (replaced / KEY_FILE).exists():  # over the backup's, if it was moved in already
        os.replace(replaced / KEY_FILE, key_file)
    elif had_key is False:  # the folder had none: one here now is the backup's
        key_file.unlink(missing_ok=True)
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
            had_key = note.get("key_file")
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            staging = replaced = None  # written atomically, so this is not ours
        if staging is not None:
            roll_back(paths, staging, replaced, had_key if isinstance(had_key, bool) else None)
            shutil.rmtree(staging, ignore_errors=True)
        journal.unlink(missing_ok=True)
    if tidy and paths.data_dir.exists():
        for leftover in paths.data_dir.glob(STAGING_PREFIX + "*"):
            shutil.rmtree(leftover, ignore_errors=True)
    return recovered
