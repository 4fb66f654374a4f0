"""A first look at a data folder, cheap enough to make before anything else is imported.

``app.py`` paints the first screen (the sign-in, or the first administrator's form on a new
folder) before it imports SQLAlchemy, Alembic and the services, and opens the records
straight after. To choose that screen and show the school's name it needs two facts, read
here with the standard library's ``sqlite3`` alone, read-only, touching nothing: whether
any account exists, and the school's name.

An encrypted school's records (``records-key.json`` beside them, docs/encryption.md) cannot
be read before someone signs in, so only the key file is read: a copy in it means accounts
exist, and the school's name stays unknown ("") rather than being kept anywhere outside
the encrypted records. Its ``locked`` look tells the app that the sign-in must open the
records (services/core/records_key.py) before anything else can.

Whenever the answer is not plain (another database than a SQLite file, a restore pending
or interrupted, a file that cannot be read, a schema from before accounts), it says
``None`` and the app opens the records first, as it always did. Once the records are open
the services have the last word: a screen that turns out to be the wrong one is replaced.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from avenue_desk.paths import AppPaths

# The notes a restore leaves in the data folder (services/safety/restore.py: PENDING, JOURNAL);
# while either is there the records must not be read before the restore is dealt with.
RESTORE_NOTES = ("restore-pending.json", "restore-in-progress.json")
# store/keyring.py's KEY_FILE (a test checks they are one): named here so that this look
# imports neither SQLCipher nor the key code before the first paint.
KEY_FILE = "records-key.json"


@dataclass(frozen=True)
class FirstLook:
    has_users: bool  # False: the first administrator's account is made first
    school_name: str  # "" when not set up yet, or not readable yet (encrypted)
    locked: bool = False  # encrypted: signing in opens the records, before anything else


def first_look(paths: AppPaths) -> FirstLook | None:
    """What the first screen needs to know, or None when only opening the records can tell."""
    if not paths.uses_sqlite_file or paths.database_url_override:
        return None
    if any((paths.data_dir / note).exists() for note in RESTORE_NOTES):
        return None
    database = paths.database_file
    key_file = database.parent / KEY_FILE
    keyring = None
    if key_file.exists():
        look, keyring = _encrypted_look(key_file)
        if keyring is None:
            return look  # locked, or no account yet: the key file said all there is
    if not database.exists():
        return FirstLook(has_users=False, school_name="")  # a new folder
    errors = (sqlite3.Error,) if keyring is None else keyring.SQLITE_ERRORS
    try:
        if keyring is None:
            connection = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True,
                                         timeout=1.0)
        else:  # read-only, with the key it holds, as sqlite3 reads a plain file
            connection = keyring.connect(database, read_only=True, timeout=1.0)
    except errors:
        return None
    try:
        has_users = connection.execute("SELECT EXISTS (SELECT 1 FROM users)").fetchone()[0]
        found = connection.execute(
            "SELECT value FROM settings WHERE key = 'school_name'").fetchone()
    except errors:  # damaged, locked, or made before accounts existed
        return None
    finally:
        connection.close()
    return FirstLook(has_users=bool(has_users), school_name=(found[0] if found else "") or "")


def _encrypted_look(key_file: Path):
    """(the look, None) for an encrypted school whose records cannot be read here: accounts
    exist when the key file holds a copy of the key. A key file with none is a new school
    whose first account was never made (opening the records sets it up afresh); one that
    cannot be read is taken to have accounts, and the sign-in says what is wrong with it
    when someone tries (services/core/data_key.py reads it whole, and words it).

    (None, store/keyring.py) when this program holds the key already (a school it made, or
    opened, in this run): the records are then read as a plain school's are, with it."""
    try:
        found = json.loads(key_file.read_text(encoding="utf-8"))
        has_users, file_id = bool(found["copies"]), str(found["file_id"])
    except (OSError, ValueError, KeyError, TypeError):
        has_users, file_id = True, ""
    keyring = _keyring_holding(file_id) if has_users else None
    if keyring is not None:
        return None, keyring
    return FirstLook(has_users=has_users, school_name="", locked=has_users), None


def _keyring_holding(file_id: str):
    """store/keyring.py, if it holds the key of that key file. Keys are remembered there
    only, so while it is not loaded none is, and the first look of a program just started
    loads nothing more (SQLCipher's module is large)."""
    keyring = sys.modules.get("avenue_desk.store.keyring")
    if keyring is None or keyring.unlocked_for(file_id) is None:
        return None
    return keyring
