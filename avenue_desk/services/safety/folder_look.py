"""A first look at a data folder, cheap enough to make before anything else is imported.

``app.py`` paints the first screen (the sign-in, or the first administrator's form on a new
folder) before it imports SQLAlchemy, Alembic and the services, and opens the records
straight after. To choose that screen and show the school's name it needs two facts, read
here with the standard library's ``sqlite3`` alone, read-only, touching nothing: whether
any account exists, and the school's name.

Whenever the answer is not plain (another database than a SQLite file, a restore pending
or interrupted, a file that cannot be read, a schema from before accounts), it says
``None`` and the app opens the records first, as it always did. Once the records are open
the services have the last word: a screen that turns out to be the wrong one is replaced.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from avenue_desk.paths import AppPaths

# The notes a restore leaves in the data folder (services/safety/restore.py: PENDING, JOURNAL);
# while either is there the records must not be read before the restore is dealt with.
RESTORE_NOTES = ("restore-pending.json", "restore-in-progress.json")


@dataclass(frozen=True)
class FirstLook:
    has_users: bool  # False: the first administrator's account is made first
    school_name: str  # "" when not set up yet


def first_look(paths: AppPaths) -> FirstLook | None:
    """What the first screen needs to know, or None when only opening the records can tell."""
    if not paths.uses_sqlite_file or paths.database_url_override:
        return None
    if any((paths.data_dir / note).exists() for note in RESTORE_NOTES):
        return None
    database = paths.database_file
    if not database.exists():
        return FirstLook(has_users=False, school_name="")  # a new folder
    try:
        connection = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True, timeout=1.0)
    except sqlite3.Error:
        return None
    try:
        has_users = connection.execute("SELECT EXISTS (SELECT 1 FROM users)").fetchone()[0]
        found = connection.execute(
            "SELECT value FROM settings WHERE key = 'school_name'").fetchone()
    except sqlite3.Error:  # damaged, locked, or made before accounts existed
        return None
    finally:
        connection.close()
    return FirstLook(has_users=bool(has_users), school_name=(found[0] if found else "") or "")
