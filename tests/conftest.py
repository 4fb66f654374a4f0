"""Shared fixtures: a fresh data folder with a real SQLite file for every test.

``services`` is signed in as the Headteacher (``head``, made as the first administrator)
unless the test is marked ``no_accounts``; ``services_as(role)`` signs in as an account of
another kind. Password hashes are made cheaply (the same argon2id code at its smallest
cost) unless the test is marked ``owasp_hashing``: the accounts tests are, and check the
real parameters. Its database is a copy of one made once per run, empty or with that
account (tests/helpers/databases.py); ``paths`` alone is an empty folder.

With AVENUE_DESK_TEST_POSTGRES set (``make test-postgres``), ``paths`` and everything built
on it use a new database of the test's own on that PostgreSQL server instead
(tests/helpers/postgres.py), dropped when the test ends.
"""

from __future__ import annotations

import os
from datetime import datetime

import pytest

# Qt must never try to open a real display in tests (with no DISPLAY it would abort).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from avenue_desk.paths import AppPaths  # noqa: E402
from avenue_desk.services.container import Services, open_services  # noqa: E402
from avenue_desk.services.core.clock import FixedClock  # noqa: E402
from tests.helpers.accounts import (  # noqa: E402
    HEAD_PASSWORD,
    ORIGIN,
    cheap_hashing,
    copy_database_with_head,
    sign_in_as,
)
from tests.helpers.databases import (  # noqa: E402
    copy_migrated_database,
    data_paths,
    keep_template_keys,
)
from tests.helpers.postgres import ON_POSTGRES, server  # noqa: E402


@pytest.fixture(autouse=True)
def _server_databases():
    """On a PostgreSQL run, the test's databases are dropped once it has ended (first in,
    so last out: after every fixture that held them open); those a module's fixture made
    before it stay for the module's other tests."""
    before = server().folders() if ON_POSTGRES else set()
    yield
    if ON_POSTGRES:
        server().drop_test_databases(before)


@pytest.fixture(autouse=True)
def _template_keys():
    """The test databases' keys held before and after every test (tests/helpers/databases.py):
    a test that plays a new program (``keyring.forget()``) must not lock the next test out."""
    keep_template_keys()
    yield
    keep_template_keys()


@pytest.fixture
def paths(tmp_path) -> AppPaths:
    return data_paths(tmp_path / "Avenue Desk")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 21, 9, 30))


@pytest.fixture
def services(request, paths, clock) -> Services:
    bare = request.node.get_closest_marker("no_accounts") is not None
    owasp = request.node.get_closest_marker("owasp_hashing") is not None
    if not (bare or owasp):
        copy_database_with_head(paths, clock)  # as the lines below would make it
    opened = open_services(copy_migrated_database(paths), clock, origin=ORIGIN,
                           hashing=None if owasp else cheap_hashing())
    if not bare:
        if not opened.accounts.has_users():
            opened.accounts.create_first_admin("head", "Mrs Patel", HEAD_PASSWORD)
        opened.accounts.authenticate("head", HEAD_PASSWORD)
    yield opened
    opened.close()


@pytest.fixture
def services_as(services):
    """``services_as("office")``: the services, now signed in with an account of that kind
    (made by the Headteacher, its temporary password already changed); returns them."""

    def switch(role: str, username: str | None = None) -> Services:
        sign_in_as(services, role, username)
        return services

    return switch
