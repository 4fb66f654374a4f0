"""Opening a data set: folders, engine, migrations. One `Database` per data folder."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from avenue_desk.paths import AppPaths
from avenue_desk.services.core import records_key
from avenue_desk.services.core.audit_anchors import behind_notice, furthest_since_restore
from avenue_desk.services.core.clock import SystemClock
from avenue_desk.services.core.damage import (
    damage_of,
    damaged_record,
    emptied_file,
    unreadable_revision,
)
from avenue_desk.services.core.database_server import (
    DatabaseUnavailable,
    checked_url,
    connect_first,
    missing_driver,
    refuse_if_only_the_owner_may_migrate,
    unavailable,
)
from avenue_desk.services.core.errors import RecordsDamaged, RecordsLocked, RecordsTooNew
from avenue_desk.services.core.swap_journal import recover_interrupted_restore
from avenue_desk.services.core.wal_check import foreign_wal
from avenue_desk.store import keyring
from avenue_desk.store.engine import (
    damaged_text_read,
    is_network_path,
    make_engine,
    make_sessions,
)
from avenue_desk.store.migrate import (
    MigrationResult,
    NewerDatabase,
    current_revision,
    upgrade,
)

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
    # The audit trail ending before a head noted beside the backups: rows lost or cut.
    trail_notice: str = ""
    read_only: bool = False
    readable: bool = True  # False when even reading fails (only a restore can help)
    _watcher: object | None = field(default=None, repr=False)  # sqlite3's or sqlcipher3's
    # The window's timer (on the GUI thread) and a backup (on a worker) both ask for
    # data_version: one at a time on the one connection.
    _watcher_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _closed: bool = field(default=False, repr=False)

    @contextmanager
    def begin(self) -> Iterator[Session]:
        """One transaction per user action: commits on success, rolls back on any error.
        Damage met on the way is a ``RecordsDamaged``, worded for the desk."""
        self._refuse_if_unreadable()
        try:
            with self.sessions.begin() as session:
                yield session
        except (DBAPIError, ValueError) as error:
            self._raise_if_damage(error)
            raise

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read; text a damaged page no longer holds as UTF-8 comes back with � (see
        store/engine.py), so a list still loads and shows where."""
        self._refuse_if_unreadable()
        try:
            with self.sessions() as session:
                yield session
        except (DBAPIError, ValueError) as error:
            self._raise_if_damage(error)
            raise

    def _refuse_if_unreadable(self) -> None:
        if not self.readable:
            raise RecordsDamaged("The records file is damaged and nothing in it can be read. "
                                 + "; ".join(self.quick_check)[:300])

    def _raise_if_damage(self, error: BaseException) -> None:
        if isinstance(error, ValueError) and not _raised_reading_a_row(error):
            return  # a date the caller itself parsed (typed, imported): not the file's
        cause = error.orig if isinstance(error, DBAPIError) else error
        if self.read_only and "readonly database" in str(cause):
            raise RecordsDamaged("Nothing can be saved: the records file is damaged, so "
                                 "Avenue Desk opened it read-only.") from error
        found = damage_of(cause, self.paths.database_file)
        if found:
            raise RecordsDamaged(found) from error

    @contextmanager
    def read_one(self, what: str, writing: bool = False) -> Iterator[Session]:
        """A read of one record to open (``what``: "Person 12"): one with damaged text is
        refused with a plain message, rather than shown for editing with � that a save would
        write back as if typed. ``writing``: a transaction (the opening is audited), rolled
        back when refused."""
        before = damaged_text_read()
        with self.begin() if writing else self.read() as session:
            yield session
            if damaged_text_read() != before:
                raise RecordsDamaged(damaged_record(what))

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def damaged(self) -> bool:
        return self.quick_check != CLEAN

    @property
    def notices(self) -> tuple[str, ...]:
        """Plain warnings for the person at the desk about where and how the records opened."""
        found = []
        if self.damaged:
            detail = "; ".join(self.quick_check)[:300]
            opened = ("Avenue Desk has opened it read-only: you can look at what can still "
                      "be read, but nothing can be saved" if self.readable else
                      "Avenue Desk cannot read anything in it")
            found.append(
                f"The records file is damaged, so {opened}. Restore the newest good backup "
                f"to carry on.\n\nFile: {self.paths.database_file}\nFound: {detail}")
        if self.trail_notice:
            found.append(self.trail_notice)
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
                    # a --database-url may put outside the data folder. Keyed as the
                    # engine is (store/keyring.py), an encrypted school's file included.
                    self._watcher = keyring.connect(self.engine.url.database or
                                                    self.paths.database_file,
                                                    check_same_thread=False)
                return self._watcher.execute("PRAGMA data_version").fetchone()[0]
            except (*keyring.SQLITE_ERRORS, keyring.RecordsLocked):
                return -1

    def close(self) -> None:
        with self._watcher_lock:
            self._closed = True
            if self._watcher is not None:
                self._watcher.close()
                self._watcher = None
        if self.is_sqlite and not self.read_only:
            # Fold the WAL back into the main file so a copied .sqlite3 is complete, and keep
            # the query planner's statistics fresh (SQLite's advice for closing). Both are
            # tidying: while another process on the same records is writing, either can
            # meet "database is locked", and closing must not fail for that — everything
            # is already committed, and the next close (or SQLite itself) does the tidying.
            with self.engine.connect() as connection:
                for pragma in ("PRAGMA optimize", "PRAGMA wal_checkpoint(TRUNCATE)"):
                    try:
                        connection.execute(text(pragma))
                    except OperationalError:
                        break
        self.engine.dispose()


def _raised_reading_a_row(error: BaseException) -> bool:
    """Whether SQLAlchemy raised ``error`` turning a stored value into a Python one."""
    tb = error.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb is not None and tb.tb_frame.f_globals.get("__name__", "").startswith("sqlalchemy")


def open_database(paths: AppPaths, clock=None, encrypt_new: bool = False) -> Database:
    """The database, migrated to the current schema; or, if the file is damaged (SQLite's
    quick check, a file that is not a database, one emptied to 0 bytes, a version that
    cannot be read), opened read-only and not migrated (``Database.damaged``) rather than
    refused: the window and every command then say so and offer the newest good backup.

    ``encrypt_new``: a folder with no records yet gets its data key first, so its records
    are encrypted from their first byte (records_key.py). Encrypted records open only once
    someone has signed in (``RecordsLocked`` before)."""
    clock = clock or SystemClock()
    paths.ensure()
    if paths.uses_sqlite_file:
        recover_interrupted_restore(paths, tidy=False)
    if not paths.uses_sqlite_file:
        return _open_on_server(paths, clock)
    _open_the_key(paths, encrypt_new)
    network = paths.uses_sqlite_file and is_network_path(paths.data_dir)
    if paths.uses_sqlite_file and paths.database_file.exists():
        set_aside = foreign_wal(paths.database_file, clock.now())  # before SQLite replays it
        found = _damage_at_opening(paths, network)
        if set_aside:
            found = (set_aside,) + (() if found == CLEAN else found)
        if found != CLEAN:
            return _open_read_only(paths, network, found)
    engine = make_engine(paths.database_url, on_network_share=network)
    try:
        migration = upgrade(
            engine,
            paths.database_file if paths.uses_sqlite_file else None,
            paths.backups_dir,
            clock.now(),
        )
    except NewerDatabase as newer:
        engine.dispose()
        raise RecordsTooNew(str(newer)) from None
    return Database(paths, engine, make_sessions(engine), migration, network,
                    trail_notice=_trail_behind(paths, engine))


def _open_the_key(paths: AppPaths, encrypt_new: bool) -> None:
    """A new school's key made, an unfinished one cleared, locked records refused."""
    if records_key.is_unfinished(paths) and records_key.is_locked(paths):
        records_key.remove_unfinished(paths)  # no account was ever made: nothing in it
    if not paths.database_file.exists() and not records_key.is_encrypted(paths):
        if encrypt_new:
            records_key.prepare_new(paths)
        return
    if records_key.is_locked(paths):
        raise RecordsLocked()


def _trail_behind(paths: AppPaths, engine: Engine) -> str:
    """Rows noted beside the backups that the records no longer reach (one small file
    read, one query): said at every start until the check and a restore deal with it."""
    furthest = furthest_since_restore(paths.backups_dir)
    if furthest is None:
        return ""
    with engine.connect() as connection:
        last = connection.execute(text("SELECT max(id) FROM audit_log")).scalar() or 0
        found = connection.execute(text("SELECT row_hash FROM audit_log WHERE id = :row"),
                                   {"row": furthest.row_id}).scalar()
    return behind_notice(furthest, last, found)


def _open_on_server(paths: AppPaths, clock) -> Database:
    """A database on a server (or any URL but the data folder's file): the URL checked and
    one connection made first, so a wrong URL, a missing driver, a refused login or a
    server out of reach is a sentence (``DatabaseUnavailable``), never a traceback."""
    engine = server_engine(paths.database_url)
    try:
        connect_first(engine)
        refuse_if_only_the_owner_may_migrate(engine)  # the application's role
        migration = upgrade(engine, None, paths.backups_dir, clock.now())
    except NewerDatabase as newer:
        engine.dispose()
        raise RecordsTooNew(str(newer)) from None
    except DBAPIError as error:
        engine.dispose()
        if type(error.orig).__name__ == "OperationalError":
            raise unavailable(error, engine.url) from None
        raise DatabaseUnavailable(
            "The database server would not let Avenue Desk set up or update its tables "
            f"({' '.join(str(error.orig).split())[:300]}).") from None
    except BaseException:
        engine.dispose()
        raise
    return Database(paths, engine, make_sessions(engine), migration)


def server_engine(url: str) -> Engine:
    """The engine for a server's URL, the URL checked first (``checked_url``)."""
    url = checked_url(url)
    try:
        return make_engine(url)
    except ImportError as error:
        raise missing_driver(url, error) from None


def _damage_at_opening(paths: AppPaths, network: bool) -> tuple[str, ...]:
    """("ok",), or what is wrong with the file, looked at read-only (nothing is written to
    a damaged file: not even the journal mode, which reads past its first page)."""
    emptied = emptied_file(paths)
    if emptied:
        return (emptied,)
    engine = make_engine(paths.database_url, on_network_share=network, read_only=True)
    try:
        found = quick_check(engine, paths.database_file)
        if found == CLEAN:
            found = unreadable_revision(current_revision(engine)) or CLEAN
    except DBAPIError as error:
        found = (damage_of(error.orig, paths.database_file) or
                 f"The records file could not be read ({error.orig}).",)
    finally:
        engine.dispose()
    return found


def quick_check(engine: Engine, database_file=None) -> tuple[str, ...]:
    """SQLite's quick check (the structure of every page, without the slower index
    cross-checks of integrity_check): ("ok",) or up to 20 problems."""
    try:
        with engine.connect() as connection:
            found = tuple(row[0] for row in connection.execute(text("PRAGMA quick_check(20)")))
    except DBAPIError as error:
        return (damage_of(error.orig, database_file) or
                f"The records file could not be read ({error.orig}).",)
    return found or CLEAN


def _open_read_only(paths: AppPaths, network: bool, found: tuple[str, ...]) -> Database:
    engine = make_engine(paths.database_url, on_network_share=network, read_only=True)
    revision, readable = None, False
    if paths.database_file.stat().st_size:  # an emptied file holds nothing to read
        try:
            revision = current_revision(engine)
            readable = True
        except DBAPIError:
            pass
    migration = MigrationResult(revision, revision or "", None)
    return Database(paths, engine, make_sessions(engine), migration, network,
                    quick_check=found, read_only=True, readable=readable)


def database_exists(paths: AppPaths) -> bool:
    """True when the data folder already holds a database (used before creating one); on a
    server, when its database already has Avenue Desk's tables (connecting to find out: a
    server that cannot be reached is ``DatabaseUnavailable``)."""
    if paths.uses_sqlite_file:
        return paths.database_file.exists()
    engine = server_engine(paths.database_url)
    try:
        return connect_first(engine)
    finally:
        engine.dispose()
