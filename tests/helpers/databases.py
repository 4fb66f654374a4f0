"""New data folders for the tests, with their database copied rather than made.

Migrating an empty database from nothing takes Alembic about a third of a second, and a
thousand tests start from one. The file it leaves is always the same (the migrations add
tables, never rows), so it is made once per test process and each new data folder gets a
copy; the app then opens it as it opens any database already at the current schema. The
same goes for the database with the test Headteacher's account in it, made at the test's
own (fixed) time. Tests of the migrations themselves, and every test that starts the app
on an empty folder, still start from nothing: only the ``services`` fixture and
``open_signed_in`` take the short cut.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Callable, Hashable
from pathlib import Path

from avenue_desk.paths import AppPaths
from avenue_desk.services.core.database import open_database
from avenue_desk.services.core.files import private_copy

_templates: dict[Hashable, Path] = {}  # what each kind of new database was made from


def is_new_folder(paths: AppPaths) -> bool:
    """A data folder that does not exist yet, or is empty (a restore cut short, say, whose
    database is moved aside, is not a new folder)."""
    folder = paths.data_dir
    return paths.uses_sqlite_file and (
        not folder.exists() or (folder.is_dir() and not any(folder.iterdir())))


def copy_template(paths: AppPaths, key: Hashable = "migrated",
                  make: Callable[[AppPaths], None] | None = None) -> AppPaths:
    """Puts a copy of the ``key`` database (made by ``make(paths)`` the first time it is
    asked for; by default the migrated empty one) in ``paths``, if it is a new folder."""
    if is_new_folder(paths):
        paths.ensure()
        # Private, as the app makes a new database (see avenue_desk/paths.py).
        private_copy(_template(key, make or _migrate), paths.database_file)
    return paths


def copy_migrated_database(paths: AppPaths) -> AppPaths:
    """Puts the migrated empty database in ``paths``, if it is a new folder."""
    return copy_template(paths)


def migrated_empty_database() -> Path:
    """The migrated empty database itself (made now, if it has not been yet)."""
    return _template("migrated", _migrate)


def _migrate(paths: AppPaths) -> None:
    open_database(paths).close()  # folds the write-ahead log back into the file


def _template(key: Hashable, make: Callable[[AppPaths], None]) -> Path:
    if key not in _templates:
        folder = Path(tempfile.mkdtemp(prefix="avenue-desk-tests-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        paths = AppPaths(folder / "template")
        if key != "migrated":
            copy_template(paths)  # built on the migrated one
        make(paths)
        _templates[key] = paths.database_file
    return _templates[key]
