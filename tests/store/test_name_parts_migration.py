"""Migration 0006: people entered before name parts existed get the parts that can be read
without guessing, by the same rule the people service uses today; nothing typed is changed."""

from __future__ import annotations

import importlib
from datetime import datetime

import pytest
from alembic import command
from sqlalchemy import text

from avenue_desk.services.people.name_parts import parts_from_full_name
from avenue_desk.store.engine import make_engine
from avenue_desk.store.migrate import alembic_config, upgrade

NOW = datetime(2026, 12, 7, 9, 0)
MIGRATION = importlib.import_module(
    "avenue_desk.store.migrations.versions.0006_name_parts_backfill")
NAMES = ["Mrs Łucja Wróbel", "Mr John Okafor", "Okafor", "Mary Jane van der Berg",
         "Nguyễn Thị Hương", "Dr. Aisha Rahman", "李 小龙", "Ms Siobhán O'Neill-Brady",
         "Mr & Mrs Patel", "  mr   Tomasz  Nowak ", "Revd Green", "محمد علي",
         "Gareth <b>Smith</b>", ""]


def _migrate(engine, revision: str, down: bool = False) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


def test_0006_follows_the_letters_migration():
    assert (MIGRATION.revision, MIGRATION.down_revision) == ("0006", "0005")


@pytest.mark.parametrize("name", NAMES)
def test_frozen_rule_is_the_services_rule_today(name):
    today = parts_from_full_name(name)
    assert MIGRATION._parts(name) == (today.title, today.forenames, today.surname)


def test_empty_parts_are_filled_and_typed_parts_kept(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    upgrade(engine, tmp_path / "db.sqlite3", tmp_path, NOW)
    _migrate(engine, "0005", down=True)
    with engine.begin() as connection:
        for number, (full, title, forenames, surname) in enumerate((
                ("Mrs Łucja Wróbel", "", "", ""),
                ("Mary Jane van der Berg", "", "", ""),
                ("Mr John Okafor", "Dr", "Johnny", "Okafor-Smith"),  # typed since: kept
                ("Gareth Smith", "", "", "")), start=1):
            connection.execute(text(
                "INSERT INTO people (id, full_name, title, forenames, surname, salutation, "
                "name_key, role, class_name, year_group, email, phone, address, mis_id, "
                "notes, created_at, updated_at) VALUES (:id, :full, :title, :forenames, "
                ":surname, '', :key, 'parent', '', '', '', '', '', '', '', :now, :now)"),
                {"id": number, "full": full, "title": title, "forenames": forenames,
                 "surname": surname, "key": full.casefold(), "now": NOW})
    _migrate(engine, "0006")
    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT title, forenames, surname FROM people ORDER BY id")).all()
    assert [tuple(row) for row in rows] == [
        ("Mrs", "Łucja", "Wróbel"), ("", "", ""), ("Dr", "Johnny", "Okafor-Smith"),
        ("", "Gareth", "Smith")]
    engine.dispose()
