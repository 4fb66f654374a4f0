"""New data folders for the tests, with their database copied rather than made.

Migrating an empty database from nothing takes Alembic about a third of a second, and a
thousand tests start from one. The file it leaves is always the same (the migrations add
tables, never rows), so it is made once per test process and each new data folder gets a
copy; the app then opens it as it opens any database already at the current schema. The
same goes for the database with the test Headteacher's account in it, made at the test's
own (fixed) time. Tests of the migrations themselves, and every test that starts the app
on an empty folder, still start from nothing: only the ``services`` fixture and
``open_signed_in`` take the short cut.

On a PostgreSQL run (tests/helpers/postgres.py) ``data_paths`` gives each folder a database
of its own on the server, and a template is a database there, copied with
``CREATE DATABASE … TEMPLATE``.

The SQLite templates are encrypted, as every new school is (issue 18): each copy takes the
template's key file (``records-key.json``) with it, and the template's key stays remembered
for the whole run (``keep_template_keys``, after every test, even one that made the program
forget its keys to play a new one). ``AVENUE_DESK_TEST_PLAIN=1`` runs everything on plain
files instead.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Callable, Hashable
from pathlib import Path

from avenue_desk.paths import AppPaths
from avenue_desk.services.core.database import open_database
from avenue_desk.services.core.files import private_copy
from avenue_desk.store import keyring
from tests.helpers.postgres import ON_POSTGRES, database_url_for, server

_templates: dict[Hashable, AppPaths] = {}  # what each kind of new database was made from
_template_keys: dict[str, keyring.Unlocked] = {}  # their keys, kept for the whole run
ENCRYPTED = not os.environ.get("AVENUE_DESK_TEST_PLAIN")


def data_paths(folder: Path) -> AppPaths:
    """The data set a test keeps in ``folder``: the SQLite file there, or on a PostgreSQL
    run a new database of its own on the server (the folder keeps the evidence)."""
    return AppPaths(Path(folder), database_url_for(Path(folder)))


def is_new_folder(paths: AppPaths) -> bool:
    """A data folder that does not exist yet, or is empty (a restore cut short, say, whose
    database is moved aside, is not a new folder); on the server, with its database still
    as ``data_paths`` made it."""
    folder = paths.data_dir
    new = not folder.exists() or (folder.is_dir() and not any(folder.iterdir()))
    if paths.uses_sqlite_file:
        return new
    return new and ON_POSTGRES and server().is_fresh(paths.database_url)


def copy_template(paths: AppPaths, key: Hashable = "migrated",
                  make: Callable[[AppPaths], None] | None = None) -> AppPaths:
    """Puts a copy of the ``key`` database (made by ``make(paths)`` the first time it is
    asked for; by default the migrated empty one) in ``paths``, if it is a new folder."""
    if is_new_folder(paths):
        template = _template(key, make or _migrate, on_server=not paths.uses_sqlite_file)
        paths.ensure()
        if paths.uses_sqlite_file:
            # Private, as the app makes a new database (see avenue_desk/paths.py).
            private_copy(template.database_file, paths.database_file)
            key_file = keyring.key_file_beside(template.database_file)
            if key_file.exists():  # an encrypted template: its key goes with it
                private_copy(key_file, keyring.key_file_beside(paths.database_file))
        else:
            server().copy_template(paths.database_url, template.database_url)
    return paths


def copy_migrated_database(paths: AppPaths) -> AppPaths:
    """Puts the migrated empty database in ``paths``, if it is a new folder."""
    return copy_template(paths)


def migrated_empty_database() -> Path:
    """The migrated empty database file itself (made now, if it has not been yet)."""
    return _template("migrated", _migrate, on_server=False).database_file


def _migrate(paths: AppPaths) -> None:
    # Closing folds the write-ahead log back into the file.
    open_database(paths, encrypt_new=ENCRYPTED and paths.uses_sqlite_file).close()


def keep_template_keys() -> None:
    """The templates' keys remembered again (a test may have made the program forget)."""
    for file_id, unlocked in _template_keys.items():
        keyring.remember(file_id, unlocked)


def _template(key: Hashable, make: Callable[[AppPaths], None], on_server: bool) -> AppPaths:
    """A SQLite file, or a database on the server (a test may still make a SQLite folder
    of its own on a PostgreSQL run)."""
    if (key, on_server) not in _templates:
        folder = Path(tempfile.mkdtemp(prefix="avenue-desk-tests-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        paths = data_paths(folder / "template") if on_server else AppPaths(folder / "template")
        if on_server:
            server().keep(paths.data_dir)  # not the test's, which asked for it first
        if key != "migrated":
            copy_template(paths)  # built on the migrated one
        make(paths)
        if not on_server:
            file_id = keyring.file_id_of(keyring.key_file_beside(paths.database_file))
            if file_id and keyring.unlocked_for(file_id):
                _template_keys[file_id] = keyring.unlocked_for(file_id)
        _templates[key, on_server] = paths
    return _templates[key, on_server]


def raw_sql(paths: AppPaths, *statements: str, **params) -> list[tuple]:
    """SQL run straight on a test's database behind the app's back (the SQLite file, or its
    database on the server), committed; the rows the last statement returned. Parameters
    are written ``:name``."""
    from sqlalchemy import text

    engine = _bare_engine(paths)
    try:
        with engine.begin() as connection:
            rows: list[tuple] = []
            for statement in statements:
                result = connection.execute(text(statement), params)
                rows = [tuple(row) for row in result] if result.returns_rows else []
            return rows
    finally:
        engine.dispose()


def _bare_engine(paths: AppPaths):
    """An engine with none of the app's pragmas (foreign keys off, as a careless tool has
    them); an encrypted school's file opened with its key (store/keyring.py)."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    from avenue_desk.store import keyring

    if paths.uses_sqlite_file and keyring.is_encrypted(paths.database_file):
        return create_engine("sqlite://", poolclass=NullPool, module=keyring.sqlcipher,
                             creator=lambda: keyring.connect(paths.database_file))
    return create_engine(paths.database_url, poolclass=NullPool)


def iterdump(connection):
    """SQLite's own dump (``sqlite3.Connection.iterdump``), for sqlcipher3's connections too,
    which lack the method: the standard library's dump runs on any DB-API connection."""
    from sqlite3.dump import _iterdump

    return _iterdump(connection)


def dump(paths: AppPaths) -> str:
    """Everything a test's database holds, as text: SQLite's own dump of the file, or every
    row of every table (in order) on the server."""
    if paths.uses_sqlite_file:
        from contextlib import closing

        from avenue_desk.store import keyring

        with closing(keyring.connect(paths.database_file)) as connection:
            return "\n".join(iterdump(connection))
    from sqlalchemy import create_engine, inspect, text
    from sqlalchemy.pool import NullPool

    engine = create_engine(paths.database_url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            lines = []
            for table in sorted(inspect(connection).get_table_names()):
                rows = connection.execute(text(f'SELECT * FROM "{table}" ORDER BY 1'))
                lines += [f"{table}: {tuple(row)!r}" for row in rows]
            return "\n".join(lines)
    finally:
        engine.dispose()
