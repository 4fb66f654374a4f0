"""A trust's PostgreSQL set up for Avenue Desk (``avenue-desk server init``): the database
and two roles.

- The **owner** owns the database, its tables and the audit trail's triggers, and is the
  one that runs the migrations (``avenue-desk --database-url OWNER_URL server migrate``).
- The **application** role is what every PC connects as: it may read and write rows and
  draw ids from the sequences, and nothing more. It owns nothing, so it cannot alter or
  drop a table or a trigger (PostgreSQL lets only a table's owner, or a superuser, do
  that): whoever holds a PC's URL cannot switch off the audit trail's guards.

Default privileges make every table a later migration adds readable and writable by the
application role without anyone granting it again. Neither role is a superuser, nor may
make databases or roles.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from sqlalchemy.engine import URL

from avenue_desk.services.core.errors import ServiceError

DEFAULT_DATABASE = "avenue"
DEFAULT_OWNER = "avenue_owner"
DEFAULT_APP = "avenue_app"
_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
# What the application role may do to every table and sequence, now and made later.
TABLE_RIGHTS = "SELECT, INSERT, UPDATE, DELETE"
SEQUENCE_RIGHTS = "USAGE"


def checked_name(name: str, what: str) -> str:
    """A role's or a database's name as written unquoted in SQL (so the SQL printed for the
    technician and the URL say the same): lower-case letters, digits and underscores."""
    if not _NAME.fullmatch(name):
        raise ServiceError(f"“{name}” cannot be the {what}'s name: use lower-case letters, "
                           "digits and underscores (up to 63), starting with a letter.")
    return name


def new_password() -> str:
    """A password for a role: 24 characters that need no escaping in a URL or in SQL."""
    return secrets.token_urlsafe(18)


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


@dataclass(frozen=True)
class ServerSetUp:
    database: str = DEFAULT_DATABASE
    owner: str = DEFAULT_OWNER
    owner_password: str = ""
    app: str = DEFAULT_APP
    app_password: str = ""

    def __post_init__(self) -> None:
        checked_name(self.database, "database")
        checked_name(self.owner, "owner role")
        checked_name(self.app, "application role")
        if self.owner == self.app:
            raise ServiceError("The owner and the application role must be two roles: the "
                               "application role is the one that cannot change the tables.")

    def server_statements(self) -> list[str]:
        """Run connected to the server's maintenance database (``postgres``), one at a time
        (CREATE DATABASE cannot run inside a transaction)."""
        return [
            f"CREATE ROLE {self.owner} LOGIN PASSWORD {_literal(self.owner_password)}",
            f"CREATE ROLE {self.app} LOGIN PASSWORD {_literal(self.app_password)}",
            f"CREATE DATABASE {self.database} OWNER {self.owner} ENCODING 'UTF8' "
            "TEMPLATE template0",
            f"REVOKE ALL ON DATABASE {self.database} FROM PUBLIC",
            f"GRANT CONNECT ON DATABASE {self.database} TO {self.app}",
        ]

    def database_statements(self) -> list[str]:
        """Run connected to the new database (as a superuser, or as its owner)."""
        return schema_grants(self.owner, self.app)

    def script(self, owner_url: str, app_url: str) -> str:
        """The whole set-up as a psql script, with the two URLs to keep at its top."""
        lines = [
            f"-- Avenue Desk on PostgreSQL: the database {self.database}, its owner "
            f"{self.owner} and the application role {self.app}.",
            "-- Run it as PostgreSQL's superuser on the server:",
            "--     sudo -u postgres psql -v ON_ERROR_STOP=1 < THIS_FILE",
            "-- It holds the two passwords: keep the URLs below somewhere safe, then delete "
            "this file.",
            f"--   the owner (migrations only):     {owner_url}",
            f"--   the application (every PC):      {app_url}",
            "",
            *(f"{statement};" for statement in self.server_statements()),
            f"\\connect {self.database}",
            *(f"{statement};" for statement in self.database_statements()),
        ]
        return "\n".join(lines) + "\n"

    def urls(self, host: str | None, port: int | None = None,
             query: dict | None = None) -> tuple[str, str]:
        """The owner's URL and the application's, on ``host`` (a folder: its socket)."""
        if host and host.startswith("/"):  # libpq's socket folder goes in the query
            query = {**(query or {}), "host": host} | ({"port": str(port)} if port else {})
            host = port = None

        def url(user: str, password: str) -> str:
            return URL.create("postgresql+psycopg", user, password, host, port,
                              self.database, query or {}).render_as_string(hide_password=False)

        return url(self.owner, self.owner_password), url(self.app, self.app_password)

    def urls_beside(self, admin_url: str, host: str | None,
                    port: int | None) -> tuple[str, str]:
        """The two URLs on ``host`` and ``port`` if given, else where ``admin_url`` is."""
        from sqlalchemy.engine import make_url

        from avenue_desk.services.core.database_server import checked_url

        if host:
            return self.urls(host, port)
        admin = make_url(checked_url(admin_url))
        return self.urls(admin.host, port or admin.port, dict(admin.query))


def schema_grants(owner: str, app: str) -> list[str]:
    """In one database: only ``owner`` makes anything in its schema, ``app`` reads and
    writes the rows of every table ``owner`` has made or will make."""
    return [
        "REVOKE ALL ON SCHEMA public FROM PUBLIC",
        f"ALTER SCHEMA public OWNER TO {owner}",
        f"GRANT USAGE ON SCHEMA public TO {app}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
        f"GRANT {TABLE_RIGHTS} ON TABLES TO {app}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
        f"GRANT {SEQUENCE_RIGHTS} ON SEQUENCES TO {app}",
        # Tables already there (the set-up run again on a database migrated before).
        f"GRANT {TABLE_RIGHTS} ON ALL TABLES IN SCHEMA public TO {app}",
        f"GRANT {SEQUENCE_RIGHTS} ON ALL SEQUENCES IN SCHEMA public TO {app}",
    ]


def run_set_up(admin_url: str, set_up: ServerSetUp) -> None:
    """Runs the set-up on the server at ``admin_url`` (a superuser's URL, or a role that
    may make roles and databases); refuses, changing nothing, if the database or either
    role is there already."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.pool import NullPool

    from avenue_desk.services.core.database import server_engine
    from avenue_desk.services.core.database_server import unavailable

    engine = server_engine(admin_url)
    database_url = engine.url.set(database=set_up.database)
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            _refuse_if_there(connection, set_up)
            for statement in set_up.server_statements():
                connection.execute(text(statement))
        in_database = create_engine(database_url, poolclass=NullPool)
        try:
            with in_database.begin() as connection:
                for statement in set_up.database_statements():
                    connection.execute(text(statement))
        finally:
            in_database.dispose()
    except DBAPIError as error:
        if type(error.orig).__name__ == "OperationalError":
            raise unavailable(error, engine.url) from None
        raise ServiceError("The server refused the set-up ("
                           f"{' '.join(str(error.orig).split())[:300]}): run it as "
                           "PostgreSQL's superuser (sudo -u postgres psql, with the SQL "
                           "`avenue-desk server init` prints).") from None
    finally:
        engine.dispose()


def _refuse_if_there(connection, set_up: ServerSetUp) -> None:
    from sqlalchemy import text

    roles = set(connection.execute(text(
        "SELECT rolname FROM pg_roles WHERE rolname IN (:owner, :app)"),
        {"owner": set_up.owner, "app": set_up.app}).scalars())
    database = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                  {"name": set_up.database}).scalar()
    there = ([f"the database {set_up.database}"] if database else []) + [
        f"the role {name}" for name in (set_up.owner, set_up.app) if name in roles]
    if there:
        raise ServiceError(f"The server already has {' and '.join(there)}: nothing was "
                           "changed (choose other names with --database, --owner and --app).")
