"""Migration 0007: one person per MIS id (a partial unique index: people with no id are free
of it), and a database already holding one id on two people upgrades: the first keeps it,
the others have it cleared with a note saying so, nothing merged or deleted."""

from __future__ import annotations

import importlib
from datetime import datetime

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from avenue_desk.store.engine import make_engine
from avenue_desk.store.migrate import alembic_config, upgrade
from tests.helpers.postgres import sqlite_only

NOW = datetime(2026, 12, 7, 9, 0)
MIGRATION = importlib.import_module("avenue_desk.store.migrations.versions.0007_mis_people")


def _migrate(engine, revision: str, down: bool = False) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


def _add(connection, number: int, mis_id: str, notes: str = "") -> None:
    connection.execute(text(
        "INSERT INTO people (id, full_name, title, forenames, surname, salutation, name_key, "
        "role, class_name, year_group, email, phone, address, mis_id, notes, created_at, "
        "updated_at) VALUES (:id, :name, '', '', '', '', :name, 'pupil', '', '', '', '', '', "
        ":mis, :notes, :now, :now)"),
        {"id": number, "name": f"Pupil {number}", "mis": mis_id, "notes": notes, "now": NOW})


def test_0007_follows_0006():
    assert (MIGRATION.revision, MIGRATION.down_revision) == ("0007", "0006")


@sqlite_only("the migration is run on a SQLite file of its own")
def test_duplicate_mis_ids_upgrade_the_first_keeping_it_and_the_rest_noted(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    upgrade(engine, tmp_path / "db.sqlite3", tmp_path, NOW)
    _migrate(engine, "0006", down=True)
    with engine.begin() as connection:
        _add(connection, 1, "U1")
        _add(connection, 2, "U1", notes="Twin?")
        _add(connection, 3, "U1")
        _add(connection, 4, "")
        _add(connection, 5, "")
        _add(connection, 6, "U2")
    _migrate(engine, "0007")
    with engine.begin() as connection:
        rows = connection.execute(text("SELECT id, mis_id, notes FROM people ORDER BY id")).all()
        assert [(r.id, r.mis_id) for r in rows] == [(1, "U1"), (2, ""), (3, ""), (4, ""),
                                                    (5, ""), (6, "U2")]
        assert rows[1].notes.startswith("Twin?\n") and "“U1”" in rows[1].notes
        assert "person 1, who keeps it" in rows[2].notes and rows[0].notes == ""
        _add(connection, 7, "")  # many with no id: allowed
    with pytest.raises(IntegrityError), engine.begin() as connection:
        _add(connection, 8, "U2")  # a second person with one id: refused by the database
    _migrate(engine, "0006", down=True)  # and back, the link columns gone
    with engine.begin() as connection:
        columns = {r[1] for r in connection.execute(text("PRAGMA table_info(person_links)"))}
        assert "restricted_access" not in columns


def test_one_person_per_mis_id_is_kept_by_the_database_on_either_backend(services):
    """The partial unique index as the app's own database has it (SQLite here, the trust's
    server under make test-postgres): many people with no id, one person an id."""
    from tests.helpers.databases import raw_sql

    insert = ("INSERT INTO people (full_name, title, forenames, surname, salutation, "
              "name_key, role, class_name, year_group, email, phone, address, mis_id, "
              "notes, created_at, updated_at) VALUES (:name, '', '', '', '', :name, 'pupil', "
              "'', '', '', '', '', :mis, '', :now, :now)")
    for name, mis in (("Pupil A", "U1"), ("Pupil B", ""), ("Pupil C", "")):
        raw_sql(services.paths, insert, name=name, mis=mis, now=NOW)
    with pytest.raises(IntegrityError):
        raw_sql(services.paths, insert, name="Pupil D", mis="U1", now=NOW)
    assert raw_sql(services.paths, "SELECT count(*) FROM people") == [(3,)]
