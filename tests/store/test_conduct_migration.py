"""Migration 0002 (the code of conduct) goes up and down cleanly on a file with data."""

from __future__ import annotations

from datetime import datetime

from alembic import command
from sqlalchemy import inspect, text

from avenue_desk.store.engine import make_engine
from avenue_desk.store.migrate import alembic_config, upgrade

NOW = datetime(2026, 11, 21, 9, 0)
TABLES = {
    "conduct_acknowledgements", "conduct_acknowledgement_items", "conduct_permissions",
    "conduct_designations", "conduct_contact_exceptions", "conduct_breaches",
    "conduct_breach_items", "conduct_breach_steps", "conduct_breach_evidence",
}


def test_0002_adds_the_conduct_tables_and_comes_off_again(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    upgrade(engine, tmp_path / "db.sqlite3", tmp_path, NOW)
    assert TABLES <= set(inspect(engine).get_table_names())
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO people (full_name, name_key, role, class_name, year_group, email, "
            "phone, address, mis_id, notes, created_at, updated_at) VALUES ('A', 'a', 'staff',"
            " '', '', '', '', '', '', '', '2026-01-01', '2026-01-01')"))
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    left = set(inspect(engine).get_table_names())
    assert not TABLES & left and "people" in left
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
    assert TABLES <= set(inspect(engine).get_table_names())
    with engine.connect() as connection:
        assert connection.execute(text("SELECT full_name FROM people")).scalar() == "A"
    engine.dispose()
