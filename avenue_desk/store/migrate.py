"""Bring a database up to the current schema, backing the file up first."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from avenue_desk.paths import make_private_folder, open_private
from avenue_desk.store import keyring

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


@dataclass(frozen=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup_file: Path | None


def alembic_config(script_location: Path = MIGRATIONS_DIR) -> Config:
    config = Config()
    config.set_main_option("script_location", str(script_location))
    return config


def head_revision(script_location: Path = MIGRATIONS_DIR) -> str:
    """The newest migration's revision. Alembic reads every script to find it (~10 ms);
    the shipped scripts cannot change while the program runs, so theirs is read once."""
    if script_location == MIGRATIONS_DIR:
        return _shipped_head_revision()
    return _read_head_revision(script_location)


@cache
def _shipped_head_revision() -> str:
    return _read_head_revision(MIGRATIONS_DIR)


def _read_head_revision(script_location: Path) -> str:
    head = ScriptDirectory.from_config(alembic_config(script_location)).get_current_head()
    assert head is not None, "no migrations found"
    return head


class NewerDatabase(Exception):
    """The records were made (or last opened) by a newer Avenue Desk: a database version this
    program's migrations do not know. Refused before anything is copied or written: it is
    never migrated down, nor opened half-understood."""

    def __init__(self, revision: str):
        self.revision = revision
        super().__init__(
            "These records were last opened by a newer version of Avenue Desk (their "
            f"database version is {revision}; this one knows up to {head_revision()}), so "
            "this version cannot open them safely. Nothing was changed. Install the newer "
            "version (the one last used on these records) to open them.")


def known_revisions(script_location: Path = MIGRATIONS_DIR) -> frozenset[str]:
    script = ScriptDirectory.from_config(alembic_config(script_location))
    return frozenset(revision.revision for revision in script.walk_revisions())


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def backup_sqlite_file(source: Path, destination: Path) -> Path:
    """A consistent copy through SQLite's online backup API (safe while others read), private
    to this computer account (see avenue_desk/paths.py) before a byte is copied into it.
    An encrypted file's copy is encrypted with the same key, and its key file is put beside
    the copy (store/keyring.py: a records file's key is the one beside it), so the copy
    opens on its own with a password of its day."""
    make_private_folder(destination.parent)
    open_private(destination).close()  # SQLite takes an empty file as a new database
    keyring.copy_records(source, destination)  # each connection closed when done
    key_file = keyring.key_file_beside(source)
    if key_file.exists() and keyring.key_file_beside(destination) != key_file:
        with open(key_file, "rb") as reading, \
                open_private(keyring.key_file_beside(destination)) as writing:
            shutil.copyfileobj(reading, writing)
    return destination


def _copy_before_migration(database_file: Path, folder: Path, name: str) -> Path:
    """Where the copy made before a migration goes: ``folder/name`` for a plain file; for an
    encrypted one, a folder of its own named so, holding the copy and its key file (a key
    file loose in the backups folder would claim every plain copy there as encrypted)."""
    if not keyring.is_encrypted(database_file):
        return backup_sqlite_file(database_file, folder / name)
    return backup_sqlite_file(database_file, folder / Path(name).stem / database_file.name)


def upgrade(
    engine: Engine,
    database_file: Path | None,
    backups_dir: Path | None,
    now: datetime,
    script_location: Path = MIGRATIONS_DIR,
) -> MigrationResult:
    """Migrate to head; a SQLite file that already holds a schema is copied aside first."""
    before = current_revision(engine)
    head = head_revision(script_location)
    backup = None
    if before == head:
        return MigrationResult(before, head, None)
    if before is not None and before not in known_revisions(script_location):
        raise NewerDatabase(before)
    if before is not None and database_file is not None and database_file.exists():
        folder = backups_dir or database_file.parent
        stamp = now.strftime("%Y%m%d-%H%M%S")
        backup = _copy_before_migration(
            database_file, folder, f"before-migration-{before}-to-{head}-{stamp}.sqlite3"
        )
    config = alembic_config(script_location)
    with engine.connect() as connection, _foreign_keys_checked_at_the_end(connection):
        with connection.begin():
            _one_migration_at_a_time(connection)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            _refuse_broken_links(connection)
    return MigrationResult(before, head, backup)


# Any number, the same in every copy of Avenue Desk: the key of the server's lock below.
MIGRATION_LOCK = 0x41564E55  # "AVNU"


def _one_migration_at_a_time(connection: Connection) -> None:
    """On a server two PCs may start on a new database at once: the second waits here for
    the first's migrations to commit, and Alembic then finds nothing left to do. (A SQLite
    file is written by one connection at a time already.)"""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")


@contextmanager
def _foreign_keys_checked_at_the_end(connection: Connection) -> Iterator[None]:
    """SQLite's own procedure for changing a table, which batch mode follows (a new table,
    the rows copied, the old one dropped): with foreign keys on, that DROP deletes row by
    row, searching every table that points at it for each one — on a large school's steps,
    many minutes of a start-up that seems to hang. So they are off while the migrations run
    (the pragma only takes effect outside a transaction) and checked once before the
    migrations commit (``_refuse_broken_links``), then on again."""
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
    try:
        yield
    finally:
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()


def _refuse_broken_links(connection: Connection) -> None:
    """Inside the migrations' transaction: a row pointing at nothing rolls all of them back."""
    if connection.dialect.name != "sqlite":
        return
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        table, rowid, parent = broken[0][:3]
        raise RuntimeError(f"Updating the database would leave {len(broken)} broken link(s), "
                           f"the first in {table} row {rowid} (to {parent}); nothing was "
                           "changed.")
