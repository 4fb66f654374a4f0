"""The tests on a trust's PostgreSQL server as well as on SQLite (issue 17, part 13 item 6).

``.ci/postgres.sh run COMMAND`` (``make test-postgres``) starts a throwaway server and sets
AVENUE_DESK_TEST_POSTGRES to a URL whose role may create databases. With it set, each data
folder a test makes through ``data_paths`` (the ``paths`` and ``services`` fixtures, the
``cli`` fixture's ``--data-dir``, ``set_up``, ``open_signed_in``) gets a database of its own
on the server, new and empty, and dropped when the test ends; a new folder's database copied
from a template (tests/helpers/databases.py) is made with ``CREATE DATABASE … TEMPLATE``,
as a SQLite file is copied. Without it, nothing here connects to anything.

With AVENUE_DESK_TEST_POSTGRES_AS_APP=1 as well, the tests connect as the application's
role (``server init``'s, which cannot change the tables): each new database is made by the
test role as its owner, given ``server_roles.schema_grants`` and migrated by that owner,
and the tests get the application role's URL to it (a new database is then never empty:
run a slice that does not start from one, e.g. tests/services/test_incidents.py).

``sqlite_only(reason)`` marks a test that is about SQLite's file itself (damage, its
write-ahead log, a backup of the file): skipped on the server, with the reason.
``not_on_postgres_yet(reason)`` marks one that fails there for want of something an issue
has still to build: a strict xfail, so it fails the run the day it passes.
"""

from __future__ import annotations

import atexit
import itertools
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

SERVER_ENV = "AVENUE_DESK_TEST_POSTGRES"
# Read once, at import: the cli fixture clears every AVENUE_DESK_ variable for each command.
SERVER_URL = os.environ.get(SERVER_ENV) or None
ON_POSTGRES = SERVER_URL is not None
# The role .ci/postgres.sh makes that is asked for a password (everyone else is trusted).
PASSWORD_ROLE = "avenue_password_check"
PASSWORD_ROLE_PASSWORD = "avenue-password-check"
# The cluster's superuser (.ci/postgres.sh: trusted on the cluster's own socket), for the
# tests that make roles.
SUPERUSER = "postgres"
AS_APP = ON_POSTGRES and os.environ.get("AVENUE_DESK_TEST_POSTGRES_AS_APP") == "1"
APP_ROLE = "avenue_app_test"


def sqlite_only(reason: str):
    return pytest.mark.skipif(ON_POSTGRES, reason=f"SQLite only: {reason}")


def not_on_postgres_yet(reason: str):
    return pytest.mark.xfail(ON_POSTGRES, reason=reason, strict=True)


@dataclass
class _Made:
    name: str
    fresh: bool = True  # made empty by ``url_for`` and not yet replaced by a template copy


class ServerDatabases:
    """The databases one test process makes on the server: one per data folder."""

    def __init__(self, url: str):
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url
        from sqlalchemy.pool import NullPool

        self._url = make_url(url)
        self._admin = create_engine(self._url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        self._names = (f"avenue_t{os.getpid()}_{n}" for n in itertools.count(1))
        self._by_folder: dict[Path, _Made] = {}
        self._by_url: dict[str, _Made] = {}
        self._kept: list[str] = []  # templates: dropped when the process ends
        atexit.register(self._drop_kept)
        if AS_APP:
            _make_app_role(self._url)

    def url_for(self, folder: Path) -> str:
        """The URL of ``folder``'s database (made now, empty, the first time it is asked)."""
        folder = Path(folder).resolve()
        made = self._by_folder.get(folder)
        if made is None:
            made = _Made(next(self._names))
            self._execute(f'CREATE DATABASE "{made.name}"')
            if AS_APP:
                self._owned_and_migrated(made.name)
            self._by_folder[folder] = made
            self._by_url[self.url_of(made.name)] = made
        return self.url_of(made.name)

    def url_of(self, name: str) -> str:
        url = self._url.set(database=name, username=APP_ROLE if AS_APP else self._url.username)
        return url.render_as_string(hide_password=False)

    def _owned_and_migrated(self, name: str) -> None:
        """As ``server init`` leaves a database, then migrated by its owner (the test role)."""
        from datetime import datetime

        from sqlalchemy import create_engine, text
        from sqlalchemy.pool import NullPool

        from avenue_desk.services.core.server_roles import schema_grants
        from avenue_desk.store.migrate import upgrade

        self._execute(f'GRANT CONNECT ON DATABASE "{name}" TO {APP_ROLE}')
        engine = create_engine(self._url.set(database=name), poolclass=NullPool)
        try:
            with engine.begin() as connection:
                for statement in schema_grants(self._url.username, APP_ROLE):
                    connection.execute(text(statement))
            upgrade(engine, None, None, datetime.now())
        finally:
            engine.dispose()

    def is_fresh(self, url: str) -> bool:
        made = self._by_url.get(url)
        return made is not None and made.fresh

    def copy_template(self, url: str, template_url: str) -> None:
        """Replaces the fresh database at ``url`` with a copy of the one at ``template_url``."""
        made = self._by_url[url]
        template = self._by_url[template_url]
        self._execute(f'DROP DATABASE "{made.name}" WITH (FORCE)')
        self._execute(f'CREATE DATABASE "{made.name}" TEMPLATE "{template.name}"')
        made.fresh = False

    def keep(self, folder: Path) -> None:
        """``folder``'s database outlives the test (a template, dropped at the end)."""
        made = self._by_folder.pop(Path(folder).resolve())
        self._kept.append(made.name)

    def folders(self) -> set[Path]:
        """The folders that have a database now (taken as a test starts)."""
        return set(self._by_folder)

    def drop_test_databases(self, before: set[Path]) -> None:
        """Every database made for the test just ended (its connections closed first); a
        module's or a session's fixture made those in ``before``, which stay until the
        end."""
        for folder in set(self._by_folder) - before:
            made = self._by_folder.pop(folder)
            self._by_url.pop(self.url_of(made.name), None)
            try:
                self._execute(f'DROP DATABASE IF EXISTS "{made.name}" WITH (FORCE)')
            except Exception:  # noqa: BLE001 - the server's own work in it: tried at the end
                self._kept.append(made.name)

    def _drop_kept(self) -> None:
        for name in self._kept + [made.name for made in self._by_folder.values()]:
            try:
                self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            except Exception:  # noqa: BLE001 - the server may be stopping already
                pass
        self._admin.dispose()

    def _execute(self, sql: str) -> None:
        from sqlalchemy import text

        with self._admin.connect() as connection:
            connection.execute(text(sql))


def superuser_url(database: str = "postgres") -> str:
    from sqlalchemy.engine import make_url

    assert SERVER_URL, f"{SERVER_ENV} is not set"
    url = make_url(SERVER_URL).set(username=SUPERUSER, password=None, database=database)
    return url.render_as_string(hide_password=False)


def _make_app_role(url) -> None:
    """The application role of AVENUE_DESK_TEST_POSTGRES_AS_APP, made once on the cluster."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    engine = create_engine(superuser_url(), isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with engine.connect() as connection:
            connection.execute(text(
                f"DO $$ BEGIN CREATE ROLE {APP_ROLE} LOGIN; "
                "EXCEPTION WHEN duplicate_object THEN NULL; END $$"))
    finally:
        engine.dispose()


_server: ServerDatabases | None = None


def server() -> ServerDatabases:
    global _server
    if _server is None:
        assert SERVER_URL, f"{SERVER_ENV} is not set"
        _server = ServerDatabases(SERVER_URL)
    return _server


def database_url_for(folder: Path) -> str | None:
    """On a PostgreSQL run, the URL of ``folder``'s own database; None on SQLite."""
    return server().url_for(folder) if ON_POSTGRES else None
