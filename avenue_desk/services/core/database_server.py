"""Records on a database server (a trust's PostgreSQL) rather than in the data folder's
SQLite file: the URL checked and the first connection made before anything else, so that
a URL for the wrong driver, a driver that is not installed, a refused login or a server
out of reach is one sentence the person can act on, in the window and in every command,
never a traceback.

psycopg 3 is the driver (``pip install "avenue-desk[server]"``): ``postgresql+psycopg://``.
A plain ``postgresql://`` (libpq's own form, what a trust's technician will have) means the
same; ``+psycopg2`` and the other drivers are refused by name, since only psycopg 3 is
installed with Avenue Desk and tested.
"""

from __future__ import annotations

from sqlalchemy import Engine, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from avenue_desk.services.core.errors import ServiceError

DRIVER = "postgresql+psycopg"
URL_FORM = "postgresql+psycopg://USER:PASSWORD@HOST/DATABASE"
INSTALL = 'pip install "avenue-desk[server]"'
README_SECTION = "For a trust: one server"
MIGRATE = "avenue-desk --database-url OWNER_URL server migrate"
# Words libpq and the server use when the login itself was refused.
_LOGIN_REFUSED = ("password authentication failed", "no password supplied",
                  "authentication failed", "pg_hba.conf", "permission denied for database")


class DatabaseUnavailable(ServiceError):
    """The records' database could not be opened; ``str()`` says why, in one line."""


def checked_url(url: str) -> str:
    """``url`` as the engine is to be made with (``postgresql://`` and ``postgres://``
    become psycopg 3's); a URL Avenue Desk cannot use is refused, saying what to write."""
    try:
        parsed = make_url(url)
        parsed.port  # noqa: B018 - a port that is not a number is refused here, not later
    except (ArgumentError, ValueError):
        raise DatabaseUnavailable(
            f"“{_without_password(url)}” is not a database URL Avenue Desk can read: write "
            f"it as {URL_FORM}, or leave --database-url out to keep the records in the data "
            "folder.") from None
    backend, _, driver = parsed.drivername.partition("+")
    if backend in ("postgresql", "postgres"):
        if driver not in ("", "psycopg"):
            raise DatabaseUnavailable(
                f"Avenue Desk talks to PostgreSQL through psycopg 3: write the URL as "
                f"{DRIVER}://… rather than {parsed.drivername}://… (and install the driver "
                f"with {INSTALL}).")
        parsed = parsed.set(drivername=DRIVER)
    elif backend != "sqlite":
        raise DatabaseUnavailable(
            f"Avenue Desk keeps its records in SQLite or on a PostgreSQL server, not in "
            f"“{parsed.drivername}” databases: write the URL as {URL_FORM}, or leave "
            "--database-url out to keep the records in the data folder.")
    return parsed.render_as_string(hide_password=False)


def missing_driver(url: str, error: ImportError) -> DatabaseUnavailable:
    """The engine could not be made because its driver is not installed."""
    if make_url(url).drivername == DRIVER:
        return DatabaseUnavailable(
            f"The records are on a PostgreSQL server, but its driver (psycopg) is not "
            f"installed with Avenue Desk here: install it with {INSTALL}.")
    return DatabaseUnavailable(
        f"The driver for {make_url(url).drivername} databases is not installed "
        f"({error.name or error}).")


def connect_first(engine: Engine) -> bool:
    """Connects once before anything else is asked of the server; True when Avenue Desk's
    tables are there already (False: a new, empty database)."""
    try:
        with engine.connect() as connection:
            return inspect(connection).has_table("alembic_version")
    except DBAPIError as error:
        raise unavailable(error, engine.url) from None


def refuse_if_only_the_owner_may_migrate(engine: Engine) -> None:
    """The application's role (which may not change the tables) meeting a database whose
    migrations are behind this version of Avenue Desk, or not run yet: one sentence saying
    what the owner is to run, rather than the server's refusal part-way through them."""
    from avenue_desk.store.migrate import current_revision, head_revision

    if engine.dialect.name != "postgresql":
        return
    before = current_revision(engine)
    if before == head_revision() or not _older_than_ours(before):
        return  # a newer Avenue Desk's database is refused as before, by the migrations
    with engine.connect() as connection:
        may_migrate = connection.exec_driver_sql(
            "SELECT CASE WHEN to_regclass('alembic_version') IS NULL "
            "THEN coalesce(has_schema_privilege(current_schema(), 'CREATE'), false) "
            "ELSE pg_has_role(current_user, (SELECT relowner FROM pg_class "
            "WHERE oid = to_regclass('alembic_version')), 'USAGE') END").scalar()
    if not may_migrate:
        raise owner_must_migrate(engine.url, before is None)


def _older_than_ours(revision: str | None) -> bool:
    """None (no tables yet) or one of this version's own migrations."""
    if revision is None:
        return True
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    from avenue_desk.store.migrate import alembic_config

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except CommandError:
        return False


def owner_must_migrate(url: URL, empty: bool) -> DatabaseUnavailable:
    what = ("has no Avenue Desk tables yet, and only its owner may make them" if empty else
            "needs updating for this version of Avenue Desk, and only its owner may update "
            "it")
    return DatabaseUnavailable(
        f"The database at {server_name(url)} {what}: run "
        f"{MIGRATE} with the owner's URL (README.md, “{README_SECTION}”).")


def unavailable(error: BaseException, url: URL | str) -> DatabaseUnavailable:
    """What went wrong connecting to the server at ``url``, worded for the desk."""
    url = make_url(url) if isinstance(url, str) else url
    detail = _first_line(error)
    where = server_name(url)
    lowered = detail.lower()
    if f'database "{url.database}" does not exist' in detail:
        return DatabaseUnavailable(
            f"The database server at {where} has no database called “{url.database}”: "
            f"create it first (README.md, “{README_SECTION}”), or check the URL.")
    no_such_role = 'role "' in lowered and "does not exist" in lowered
    if no_such_role or any(words in lowered for words in _LOGIN_REFUSED):
        return DatabaseUnavailable(
            f"The database server at {where} refused the login for “{url.username or ''}”: "
            f"check the user name and password in the database URL ({_reason(detail)}).")
    return DatabaseUnavailable(
        f"Avenue Desk could not reach the database server at {where} ({_reason(detail)}): "
        "check that the server is running and that the database URL is right.")


def database_trouble(error: BaseException, url: str) -> str | None:
    """One line for an error that is the server's connection failing part-way (the server
    stopped, the network dropped), or None for anything else."""
    if url.startswith("sqlite") or not isinstance(error, DBAPIError):
        return None
    if error.connection_invalidated or type(error.orig).__name__ == "OperationalError":
        return str(unavailable(error, checked_url(url)))
    return None


def server_of(url: str) -> str:
    """``server_name`` of a URL as given (``--database-url``)."""
    return server_name(make_url(checked_url(url)))


def server_name(url: URL) -> str:
    """ "db.trust.local:5432/avenue", or the socket folder for a local socket."""
    host = url.host or url.query.get("host") or "localhost"
    if isinstance(host, tuple):
        host = ",".join(host)
    port = url.port or url.query.get("port")
    if isinstance(port, tuple):
        port = ",".join(port)
    return f"{host}{f':{port}' if port else ''}/{url.database or ''}"


def _first_line(error: BaseException) -> str:
    orig = getattr(error, "orig", None) or error
    return " ".join(str(orig).split("\n")[0].split())


def _reason(detail: str) -> str:
    """libpq's own reason without the socket or address it already said (that is in
    ``server_name``): "Connection refused", "password authentication failed for user …"."""
    reason = detail.rsplit(" failed: ", 1)[-1]
    return reason.removeprefix("FATAL: ").strip().rstrip(".") or detail


def _without_password(url: str) -> str:
    head, at, tail = url.rpartition("@")
    if not at or "://" not in head:
        return url
    scheme, _, credentials = head.partition("://")
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{tail}" if ":" in credentials else url
