"""Opening a data set: folders, engine, migrations. One `Database` per data folder."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from avenue_desk.paths import AppPaths
from avenue_desk.services.clock import SystemClock
from avenue_desk.store.engine import is_network_path, make_engine, make_sessions
from avenue_desk.store.migrate import MigrationResult, upgrade


@dataclass
class Database:
    paths: AppPaths
    engine: Engine
    sessions: sessionmaker[Session]
    migration: MigrationResult
    on_network_share: bool = False

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

    def close(self) -> None:
        if self.is_sqlite:
            # Fold the WAL back into the main file so a copied .sqlite3 is complete.
            with self.engine.connect() as connection:
                # Keeps the query planner's statistics fresh (SQLite's advice for closing).
                connection.execute(text("PRAGMA optimize"))
                connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        self.engine.dispose()


def open_database(paths: AppPaths, clock=None) -> Database:
    clock = clock or SystemClock()
    paths.ensure()
    network = paths.uses_sqlite_file and is_network_path(paths.data_dir)
    engine = make_engine(paths.database_url, on_network_share=network)
    migration = upgrade(
        engine,
        paths.database_file if paths.uses_sqlite_file else None,
        paths.backups_dir,
        clock.now(),
    )
    return Database(paths, engine, make_sessions(engine), migration, network)


def database_exists(paths: AppPaths) -> bool:
    """True when the data folder already holds a database (used before creating one)."""
    return (not paths.uses_sqlite_file) or paths.database_file.exists()
