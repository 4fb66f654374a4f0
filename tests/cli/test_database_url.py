"""``--database-url`` for a trust's PostgreSQL server (issue 17, part 13 item 2): what goes
wrong reaching it is one line in every command and in the window, never a traceback.

The driver, a wrong URL and a server out of reach need no server; the refused login and the
missing database run on ``make test-postgres``'s throwaway server.
"""

from __future__ import annotations

import sys

import pytest
from sqlalchemy.engine import make_url

from tests.helpers.postgres import (
    ON_POSTGRES,
    PASSWORD_ROLE,
    PASSWORD_ROLE_PASSWORD,
    SERVER_URL,
)

NOWHERE = "postgresql+psycopg://avenue@127.0.0.1:1/avenue"  # nothing listens on port 1
on_the_server = pytest.mark.skipif(not ON_POSTGRES, reason="needs make test-postgres's server")


def one_line(result) -> str:
    """The command failed with one line on stderr, and nothing else."""
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr and result.stdout == ""
    (line,) = result.stderr.splitlines()
    return line


def check(cli, tmp_path, url: str):
    return cli("--data-dir", tmp_path / "data", "--database-url", url, "--user", "head",
               "check")


def test_a_psycopg2_url_says_which_to_write_instead(cli, tmp_path):
    line = one_line(check(cli, tmp_path, "postgresql+psycopg2://avenue:secret@db.trust/avenue"))
    assert line == (
        "avenue-desk check: Avenue Desk talks to PostgreSQL through psycopg 3: write the URL "
        "as postgresql+psycopg://… rather than postgresql+psycopg2://… (and install the driver "
        "with pip install \"avenue-desk[server]\").")


def test_a_url_that_is_not_one_says_how_to_write_one_without_its_password(cli, tmp_path):
    line = one_line(check(cli, tmp_path, "db.trust.local:5432 avenue"))
    assert line == (
        "avenue-desk check: “db.trust.local:5432 avenue” is not a database URL Avenue Desk can "
        "read: write it as postgresql+psycopg://USER:PASSWORD@HOST/DATABASE, or leave "
        "--database-url out to keep the records in the data folder.")


def test_a_database_avenue_desk_does_not_work_with_is_named(cli, tmp_path):
    for url, kind in (("mysql://avenue:secret@db.trust/avenue", "mysql"),
                      ("postgressql://avenue@db.trust/avenue", "postgressql")):
        assert one_line(check(cli, tmp_path, url)) == (
            "avenue-desk check: Avenue Desk keeps its records in SQLite or on a PostgreSQL "
            f"server, not in “{kind}” databases: write the URL as "
            "postgresql+psycopg://USER:PASSWORD@HOST/DATABASE, or leave --database-url out "
            "to keep the records in the data folder.")


def test_a_port_that_is_not_a_number_is_a_url_to_write_again(cli, tmp_path):
    line = one_line(check(cli, tmp_path, "postgresql://avenue:secret@db.trust:five/avenue"))
    assert line.startswith("avenue-desk check: “postgresql://avenue:***@db.trust:five/avenue” "
                           "is not a database URL Avenue Desk can read: write it as ")
    assert "secret" not in line


def test_a_server_out_of_reach_is_named_with_the_reason(cli, tmp_path):
    line = one_line(check(cli, tmp_path, NOWHERE))
    assert line == (
        "avenue-desk check: Avenue Desk could not reach the database server at "
        "127.0.0.1:1/avenue (Connection refused): check that the server is running and that "
        "the database URL is right.")
    # libpq's own form of the URL means the same, and every command says the same.
    init = cli("--data-dir", tmp_path / "data", "--database-url",
               NOWHERE.replace("+psycopg", ""), "init", "--school", "Elm Grove", "--head",
               "Mrs A Patel", "--admin-user", "apatel", password="Seven long words walk home")
    assert one_line(init) == line.replace("avenue-desk check:", "avenue-desk init:")


def test_the_missing_driver_says_how_to_install_it(cli, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as on a PC installed without [server]
    line = one_line(check(cli, tmp_path, NOWHERE))
    assert line == (
        "avenue-desk check: The records are on a PostgreSQL server, but its driver (psycopg) "
        "is not installed with Avenue Desk here: install it with pip install "
        "\"avenue-desk[server]\".")


def test_the_window_says_it_in_one_line_too(cli, gui, tmp_path):
    started = cli("--data-dir", tmp_path / "data", "--database-url", NOWHERE, "--smoke-test",
                  password=None)
    assert one_line(started).startswith("Avenue Desk could not reach the database server at "
                                        "127.0.0.1:1/avenue (Connection refused)")


def _on_our_server(**changes) -> str:
    return make_url(SERVER_URL).set(**changes).render_as_string(hide_password=False)


@on_the_server
def test_a_refused_login_names_the_account_and_not_the_password(cli, tmp_path):
    url = _on_our_server(username=PASSWORD_ROLE, password="not-" + PASSWORD_ROLE_PASSWORD)
    line = one_line(check(cli, tmp_path, url))
    assert line.startswith("avenue-desk check: The database server at ")
    assert line.endswith(f"refused the login for “{PASSWORD_ROLE}”: check the user name and "
                         "password in the database URL (password authentication failed for "
                         f"user \"{PASSWORD_ROLE}\").")
    assert PASSWORD_ROLE_PASSWORD not in line


@on_the_server
def test_a_database_not_made_yet_says_to_make_it(cli, tmp_path):
    line = one_line(check(cli, tmp_path, _on_our_server(database="no_such_school")))
    assert line.endswith("has no database called “no_such_school”: create it first "
                         "(README.md, “For a trust: one server”), or check the URL.")


@on_the_server
def test_an_empty_database_on_the_server_says_to_set_it_up(cli, tmp_path):
    result = cli("--data-dir", tmp_path / "data", "--user", "head", "check")
    assert "There is no Avenue Desk database in" in one_line(result)
