"""Migration 0003: the accounts and audit tables, and the triggers that keep the trail."""

from __future__ import annotations

import importlib
import sqlite3
from contextlib import closing
from datetime import datetime

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

import avenue_desk.store.models_accounts  # noqa: F401  (puts the tables on Base.metadata)
from avenue_desk.store.engine import make_engine
from avenue_desk.store.migrate import alembic_config, current_revision, upgrade
from avenue_desk.store.models import Base

NOW = datetime(2026, 11, 21, 9, 0)
TABLES = {"users", "recovery_codes", "audit_log"}


@pytest.fixture
def engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    upgrade(engine, tmp_path / "db.sqlite3", tmp_path, NOW)
    yield engine
    engine.dispose()


def test_0003_follows_the_code_of_conduct_migration():
    module = importlib.import_module("avenue_desk.store.migrations.versions.0003_accounts_audit")
    assert (module.revision, module.down_revision) == ("0003", "0002")


def test_the_tables_match_the_models_and_the_triggers_exist(engine, tmp_path):
    assert TABLES <= set(inspect(engine).get_table_names())
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert [d for d in diff if "incident_search" not in str(d)] == []
    with closing(sqlite3.connect(tmp_path / "db.sqlite3")) as db:
        triggers = {name for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"audit_log_no_update", "audit_log_no_delete"} <= triggers


def test_downgrade_removes_them_again(engine, tmp_path):
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    assert current_revision(engine) == "0002"
    assert not TABLES & set(inspect(engine).get_table_names())
    with closing(sqlite3.connect(tmp_path / "db.sqlite3")) as db:
        assert db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND "
                          "name LIKE 'audit_log%'").fetchone() == (0,)


def test_postgresql_gets_a_trigger_function_too():
    module = importlib.import_module("avenue_desk.store.migrations.versions.0003_accounts_audit")
    statements = " ".join(module.POSTGRESQL_TRIGGERS)
    assert "LANGUAGE plpgsql" in statements
    assert "BEFORE UPDATE OR DELETE ON audit_log" in statements
    assert "BEFORE TRUNCATE ON audit_log" in statements
    assert "RAISE EXCEPTION 'The audit trail cannot be changed'" in statements
