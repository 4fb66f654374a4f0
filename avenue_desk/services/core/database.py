"""Opening a data set: folders, engine, migrations. One `Database` per data folder."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Engine, event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from avenue_desk.paths import AppPaths
from avenue_desk.services.core.clock import SystemClock
from avenue_desk.services.core.swap_journal import recover_interrupted_restore
from avenue_desk.store.engine import is_network_path, make_engine, make_sessions
from avenue_desk.store.migrate import MigrationResult, current_revision, upgrade

CLEAN = ("ok",)


@dataclass
class Database:
    paths: AppPaths
    engine: Engine
    sessions: sessionmaker[Session]
    migration: MigrationResult
    on_network_share: bool = False
    # SQLite's quick_check at opening: ("ok",), or what it found. A damaged file is opened
    # read-only (nothing can be saved) and the app offers to restore a backup.
    quick_check: tuple[str, ...] = CLEAN
    read_only: bool = False
    readable: bool = True  # False when even reading fails (only a restore can help)
    _watcher: sqlite3.Connection | None = field(default=None, repr=False)
    # The window's timer (on the GUI thread) and a backup (on a worker) both ask for
    # data_version: one at a time on the one connection.
    _watcher_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _closed: bool = field(default=False, repr=False)

    @contextmanager
    def begin(self) -> Iterator[Session]:
        """One transaction per user action: commits on success, rolls back on any error."""
        with self.sessions.begin() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.sessions() as session:
            yield session

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def damaged(self) -> bool:
        return self.quick_check != CLEAN

    @property
    def notices(self) -> tuple[str, ...]:
        """Plain warnings for the person at the desk about where and how the records opened."""
        found = []
        if self.damaged:
            detail = "; ".join(self.quick_check)[:300]
            found.append(
                "The records file is damaged, so Avenue Desk has opened it read-only: you can "
                "look at what can still be read, but nothing can be saved. Restore the newest "
                f"good backup to carry on.\n\nFile: {self.paths.database_file}\n"
                f"SQLite found: {detail}")
        if self.on_network_share:
            found.append(
                f"The records are on a network drive ({self.paths.data_dir}). Avenue Desk "
                "works there, but without SQLite's write-ahead log (which is unsafe over a "
                "network), so it is slower, and a dropped connection while saving can damage "
                "the file. Keep the records on this computer's own disk if you can, and keep "
                "regular backups.")
        return tuple(found)

    def data_version(self) -> int:
        """A number that changes whenever anything is committed (by this app through its
        pooled connections, or by another program). Cheap enough to poll from a timer."""
        if not (self.is_sqlite and self.paths.uses_sqlite_file):
            return 0
        with self._watcher_lock:
            if self._closed:
                return -1  # a timer's last tick after closing must not open the file again
            try:
                if self._watcher is None:
                    # Its own connection, which never writes: SQLite's data_version only
                    # moves for commits made by other connections. The engine's file, which
                    # a --database-url may put outside the data folder.
                    self._watcher = sqlite3.connect(self.engine.url.database or
                                                    self.paths.database_file,
                                                    check_same_thread=False)
                return self._watcher.execute("PRAGMA data_version").fetchone()[0]
            except sqlite3.Error:
                return -1

    def close(self) -> None:
        with self._watcher_lock:
            self._closed = True
            if self._watcher is not None:
                self._watcher.close()
                self._watcher = None
        if self.is_sqlite and not self.read_only:
            # Fold the WAL back into the main file so a copied .sqlite3 is complete.
            with self.engine.connect() as connection:
                # Keeps the query planner's statistics fresh (SQLite's advice for closing).
                connection.execute(text("PRAGMA optimize"))
                connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        self.engine.dispose()


def open_database(paths: AppPaths, clock=None) -> Database:
    """The database, migrated to the current schema; or, if SQLite's quick check finds the
    file damaged, opened read-only and not migrated (``Database.damaged``) rather than refused."""
    clock = clock or SystemClock()
    paths.ensure()
    if paths.uses_sqlite_file:
        recover_interrupted_restore(paths, tidy=False)
    network = paths.uses_sqlite_file and is_network_path(paths.data_dir)
    engine = make_engine(paths.database_url, on_network_share=network)
    if paths.uses_sqlite_file and paths.database_file.exists():
        found = quick_check(engine)
        if found != CLEAN:
            engine.dispose()
            return _open_read_only(paths, network, found)
    migration = upgrade(
        engine,
        paths.database_file if paths.uses_sqlite_file else None,
        paths.backups_dir,
        clock.now(),
    )
    return Database(paths, engine, make_sessions(engine), migration, network)


def quick_check(engine: Engine) -> tuple[str, ...]:
    """SQLite's quick check (the structure of every page, without the slower index
    cross-checks of integrity_check): ("ok",) or up to 20 problems."""
    try:
        with engine.connect() as connection:
            found = tuple(row[0] for row in connection.execute(text("PRAGMA quick_check(20)")))
    except DBAPIError as error:
        return (f"the file could not be read ({error.orig})",)
    return found or CLEAN


def _open_read_only(paths: AppPaths, network: bool, found: tuple[str, ...]) -> Database:
    engine = make_engine(paths.database_url, on_network_share=network)

    @event.listens_for(engine, "connect")
    def _query_only(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA query_only=ON")
        cursor.close()

    try:
        revision = current_revision(engine)
        readable = True
    except DBAPIError:
        revision, readable = None, False
    migration = MigrationResult(revision, revision or "", None)
    return Database(paths, engine, make_sessions(engine), migration, network,
                    quick_check=found, read_only=True, readable=readable)


def database_exists(paths: AppPaths) -> bool:
    """True when the data folder already holds a database (used before creating one)."""
    return (not paths.uses_sqlite_file) or paths.database_file.exists()
