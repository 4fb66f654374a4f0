"""``avenue-desk server init`` and ``server migrate`` (issue 17, part 13 item 2): a trust's
database with an owner that runs the migrations and an application role that every PC
connects as, which can do everything the app does and cannot alter or drop a table or the
audit trail's triggers.

Printing the SQL needs no server; running it, and what each role may do, run on
``make test-postgres``'s throwaway server as its superuser (roles and a database of the
test's own, dropped at the end).
"""

from __future__ import annotations

import itertools
import os
import re
from datetime import date

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from avenue_desk.paths import AppPaths
from avenue_desk.services.container import open_services
from avenue_desk.services.incidents import IncidentQuery
from tests.helpers.postgres import ON_POSTGRES, superuser_url
from tests.helpers.records import incident_input, step

on_the_server = pytest.mark.skipif(not ON_POSTGRES, reason="needs make test-postgres's server")
ADMIN_PASSWORD = "Seven long words walk home"
_names = itertools.count(1)


def _urls(output: str) -> tuple[str, str]:
    owner = re.search(r"owner \(migrations only\):\s+(\S+)", output)[1]
    app = re.search(r"application \(every PC\):\s+(\S+)", output)[1]
    return owner, app


def test_init_prints_the_sql_for_a_superuser_and_the_two_urls(cli, tmp_path):
    result = cli("--data-dir", tmp_path, "server", "init", "--database", "elm_grove",
                 "--host", "db.trust.local", password=None)
    assert result.returncode == 0 and result.stderr == ""
    sql = result.stdout
    owner_url, app_url = (make_url(url) for url in _urls(sql))
    assert (owner_url.username, app_url.username) == ("avenue_owner", "avenue_app")
    assert owner_url.host == app_url.host == "db.trust.local"
    assert owner_url.database == app_url.database == "elm_grove"
    assert owner_url.drivername == "postgresql+psycopg"
    assert owner_url.password != app_url.password and len(app_url.password) >= 24
    statements = [line for line in sql.splitlines() if line and not line.startswith("--")]
    assert statements == [
        f"CREATE ROLE avenue_owner LOGIN PASSWORD '{owner_url.password}';",
        f"CREATE ROLE avenue_app LOGIN PASSWORD '{app_url.password}';",
        "CREATE DATABASE elm_grove OWNER avenue_owner ENCODING 'UTF8' TEMPLATE template0;",
        "REVOKE ALL ON DATABASE elm_grove FROM PUBLIC;",
        "GRANT CONNECT ON DATABASE elm_grove TO avenue_app;",
        "\\connect elm_grove",
        "REVOKE ALL ON SCHEMA public FROM PUBLIC;",
        "ALTER SCHEMA public OWNER TO avenue_owner;",
        "GRANT USAGE ON SCHEMA public TO avenue_app;",
        "ALTER DEFAULT PRIVILEGES FOR ROLE avenue_owner IN SCHEMA public "
        "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO avenue_app;",
        "ALTER DEFAULT PRIVILEGES FOR ROLE avenue_owner IN SCHEMA public "
        "GRANT USAGE ON SEQUENCES TO avenue_app;",
        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO avenue_app;",
        "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO avenue_app;",
    ]
    assert "sudo -u postgres psql -v ON_ERROR_STOP=1 < " in sql


@pytest.mark.parametrize(("option", "name", "what"), [
    ("--owner", "Robert'); DROP TABLE pupils;--", "owner role"),
    ("--database", "Elm Grove", "database"),
    ("--app", "avenue_owner", None),
])
def test_a_name_that_cannot_be_used_is_one_line(cli, tmp_path, option, name, what):
    result = cli("--data-dir", tmp_path, "server", "init", option, name, password=None)
    assert result.returncode == 1 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    if what:
        assert line.startswith(f"avenue-desk server: “{name}” cannot be the {what}'s name")
    else:
        assert line.startswith("avenue-desk server: The owner and the application role "
                               "must be two roles")


# --- on the server ------------------------------------------------------------------------

def _superuser(sql: str, database: str = "postgres") -> None:
    engine = create_engine(superuser_url(database), isolation_level="AUTOCOMMIT",
                           poolclass=NullPool)
    try:
        with engine.connect() as connection:
            connection.execute(text(sql))
    finally:
        engine.dispose()


@pytest.fixture
def trust(cli, tmp_path):
    """A database and its two roles made by ``server init --run`` as the superuser: the
    names, and the owner's and the application's URLs."""
    tag = f"{os.getpid()}_{next(_names)}"  # not avenue_t…: the test databases' names
    names = (f"trust_{tag}", f"owner_{tag}", f"app_{tag}")
    result = cli("--data-dir", tmp_path / "admin", "server", "init", "--run", superuser_url(),
                 "--database", names[0], "--owner", names[1], "--app", names[2],
                 password=None)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Made the database {names[0]}, its owner {names[1]} "
                                    f"and the application role {names[2]}.")
    yield names, *_urls(result.stdout)
    _superuser(f"DROP DATABASE IF EXISTS {names[0]} WITH (FORCE)")
    _superuser(f"DROP ROLE IF EXISTS {names[1]}, {names[2]}")


def _one_line(result) -> str:
    assert result.returncode == 1 and "Traceback" not in result.stderr, result
    (line,) = result.stderr.splitlines()
    return line


def _as(url: str, sql: str):
    """``sql`` run as the role in ``url``: None, or the server's error."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            connection.execute(text(sql))
    except DBAPIError as error:
        return error.orig
    finally:
        engine.dispose()
    return None


# What someone holding a PC's URL might try, to rewrite the trail and cover it up.
ONLY_THE_OWNER_MAY = (
    "DROP TRIGGER audit_log_no_change ON audit_log",
    "DROP TRIGGER audit_log_no_truncate ON audit_log",
    "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change",
    "ALTER TABLE audit_log DISABLE TRIGGER ALL",
    "DROP TABLE audit_log",
    "DROP TABLE audit_log CASCADE",
    "ALTER TABLE audit_log RENAME TO audit_log_old",
    "TRUNCATE audit_log",
    "DROP FUNCTION audit_log_refuse_change() CASCADE",
    "CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
    "CREATE TABLE audit_log_copy (id integer)",
    "ALTER TABLE incidents DROP COLUMN summary",
    "DROP TRIGGER incidents_words_insert ON incidents",
    "SET session_replication_role = replica",
)


@on_the_server
def test_the_application_role_cannot_alter_or_drop_the_audit_trail(cli, trust, tmp_path):
    (database, owner, app), owner_url, app_url = trust
    migrated = cli("--data-dir", tmp_path / "owner", "--database-url", owner_url, "server",
                   "migrate", password=None)
    assert migrated.returncode == 0, migrated.stderr
    assert re.fullmatch(r"Updated the database at \S+ from revision \(none: new\) to \d{4}\.\n",
                        migrated.stdout)
    init = cli("--data-dir", tmp_path / "pc", "--database-url", app_url, "init", "--school",
               "Elm Grove", "--head", "Mrs A Patel", "--admin-user", "apatel",
               password=ADMIN_PASSWORD)
    assert init.returncode == 0, init.stderr

    for statement in ONLY_THE_OWNER_MAY:
        refused = _as(app_url, statement)
        assert refused is not None and refused.sqlstate == "42501", (statement, refused)
    for statement in ("DELETE FROM audit_log", "UPDATE audit_log SET summary = 'nothing'"):
        assert "The audit trail cannot be changed" in str(_as(app_url, statement))
    # The guards are still there and switched on; the owner could have switched them off.
    guards = _rows(owner_url, "SELECT tgname, tgenabled FROM pg_trigger "
                              "WHERE tgrelid = 'audit_log'::regclass AND NOT tgisinternal "
                              "ORDER BY tgname")
    assert guards == [("audit_log_no_change", "O"), ("audit_log_no_truncate", "O")]
    assert _as(owner_url, "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change") is None
    assert _as(owner_url, "ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change") is None
    assert _rows(owner_url, "SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles "
                            "WHERE rolname IN (:owner, :app)", owner=owner, app=app) == [
        (False, False, False)] * 2

    # Everything the app does, as the application role: sign in, log, step, search, check.
    with open_services(AppPaths(tmp_path / "pc", app_url), origin="test") as services:
        services.accounts.authenticate("apatel", ADMIN_PASSWORD)
        saved = services.incidents.create(incident_input(excerpt="Zoë's money trip"))
        step(services, saved.id, "informal_discussion", date(2026, 11, 2),
             notes="Spoke to the parent at pickup")
        assert [r.id for r in services.incidents.page(IncidentQuery(text="trip zoe"),
                                                      0, 10)] == [saved.id]
        assert services.incidents.count(IncidentQuery(text="pick")) == 1
    check = cli("--data-dir", tmp_path / "pc", "--database-url", app_url, "--user", "apatel",
                "check", password=ADMIN_PASSWORD)
    assert check.returncode == 0 and "Result: PASSED" in check.stdout, check.stdout


def _rows(url: str, sql: str, **params) -> list[tuple]:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql), params)]
    finally:
        engine.dispose()


@on_the_server
def test_the_application_role_says_what_to_run_when_migrations_are_behind(cli, trust,
                                                                          tmp_path):
    from alembic import command

    from avenue_desk.store.migrate import alembic_config

    (database, _, app), owner_url, app_url = trust
    pc = ("--data-dir", tmp_path / "pc", "--database-url", app_url)
    where = f"The database at {make_url(app_url).query['host']}"
    init = ("init", "--school", "Elm Grove", "--head", "Mrs A Patel", "--admin-user",
            "apatel")
    empty = _one_line(cli(*pc, *init, password=ADMIN_PASSWORD))
    assert empty.startswith(f"avenue-desk init: {where}")
    assert empty.endswith(
        f"/{database} has no Avenue Desk tables yet, and only its owner may make them: run "
        "avenue-desk --database-url OWNER_URL server migrate with the owner's URL "
        "(README.md, “For a trust: one server”).")

    engine = create_engine(owner_url, poolclass=NullPool)  # an older Avenue Desk's tables
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0011")
    engine.dispose()
    behind = _one_line(cli(*pc, *init, password=ADMIN_PASSWORD))
    assert behind.endswith(
        f"/{database} needs updating for this version of Avenue Desk, and only its owner may "
        "update it: run avenue-desk --database-url OWNER_URL server migrate with the owner's "
        "URL (README.md, “For a trust: one server”).")

    migrated = cli("--data-dir", tmp_path / "owner", "--database-url", owner_url, "server",
                   "migrate", password=None)
    assert migrated.returncode == 0 and " from revision 0011 to " in migrated.stdout
    # A table made by a later migration is the application's to read and write too.
    assert _rows(owner_url, "SELECT has_table_privilege(:app, 'incident_words', "
                            "'SELECT, INSERT, UPDATE, DELETE')", app=app) == [(True,)]
    assert cli(*pc, *init, password=ADMIN_PASSWORD).returncode == 0
    again = cli("--data-dir", tmp_path / "owner", "--database-url", owner_url, "server",
                "migrate", password=None)
    assert again.stdout.startswith("The database at ") and "is up to date" in again.stdout


@on_the_server
def test_init_run_again_changes_nothing(cli, trust, tmp_path):
    (database, owner, app), _, _ = trust
    again = cli("--data-dir", tmp_path / "admin", "server", "init", "--run", superuser_url(),
                "--database", database, "--owner", owner, "--app", "avenue_other_app",
                password=None)
    assert _one_line(again) == (
        f"avenue-desk server: The server already has the database {database} and the role "
        f"{owner}: nothing was changed (choose other names with --database, --owner and "
        "--app).")
    assert _rows(superuser_url(), "SELECT count(*) FROM pg_roles WHERE rolname = "
                                  "'avenue_other_app'") == [(0,)]


@on_the_server
def test_init_run_by_a_role_that_may_not_make_roles_is_one_line(cli, tmp_path):
    from tests.helpers.postgres import SERVER_URL

    refused = _one_line(cli("--data-dir", tmp_path / "admin", "server", "init", "--run",
                            SERVER_URL, "--database", f"trust_{os.getpid()}_refused",
                            "--owner", "owner_refused", "--app", "app_refused",
                            password=None))
    assert refused == (
        "avenue-desk server: The server refused the set-up (permission denied to create "
        "role): run it as PostgreSQL's superuser (sudo -u postgres psql, with the SQL "
        "`avenue-desk server init` prints).")
