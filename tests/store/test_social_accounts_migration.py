"""Migration 0008: the accounts typed on incidents become account records, one per site and
handle, linked to a person only where every incident naming the account names the same
poster; the typed text is kept as it was, and downgrading removes the table and column."""

from __future__ import annotations

import importlib
from datetime import datetime

import pytest
from alembic import command
from sqlalchemy import inspect, text

from avenue_desk.services.incidents import handle_key
from avenue_desk.store.engine import make_engine
from avenue_desk.store.migrate import alembic_config, upgrade

NOW = datetime(2026, 12, 7, 9, 0)
MIGRATION = importlib.import_module("avenue_desk.store.migrations.versions.0008_social_accounts")


def _migrate(engine, revision: str, down: bool = False) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


@pytest.mark.parametrize("typed", ["@AngryMum_AV", "  angrymum_av ", "Avenue  Mum 🌸", "@",
                                   "https://www.facebook.com/Avenue.Mum", "Łucja W"])
def test_frozen_key_is_the_services_key_today(typed):
    assert MIGRATION.handle_key(typed) == handle_key(typed)


def test_typed_accounts_become_records(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    upgrade(engine, tmp_path / "db.sqlite3", tmp_path, NOW)
    _migrate(engine, "0007", down=True)
    assert "social_accounts" not in inspect(engine).get_table_names()
    with engine.begin() as connection:
        for person in (1, 2):
            connection.execute(text(
                "INSERT INTO people (id, full_name, name_key, role, class_name, year_group, "
                "email, phone, address, mis_id, notes, created_at, updated_at) VALUES "
                "(:id, :name, :name, 'parent', '', '', '', '', '', '', '', :now, :now)"),
                {"id": person, "name": f"Parent {person}", "now": NOW})
        for number, (platform, typed, poster) in enumerate((
                ("facebook", "@AngryMum_AV", 1), ("facebook", "angrymum_av", 1),
                ("instagram", "@angrymum_av", 1), ("facebook", "@shared", 1),
                ("facebook", "@Shared", 2), ("tiktok", "https://tiktok.com/@x", None),
                ("facebook", "", 1), ("facebook", "@", 2)), start=1):
            connection.execute(text(
                "INSERT INTO incidents (id, posted_on, platform, poster_id, poster_account, "
                "reported_by, location, excerpt, summary, content_still_up, on_school_forum, "
                "policy_edition, phase, created_at, updated_at) VALUES (:id, '2026-11-01', "
                ":platform, :poster, :typed, '', '', '', 'x', 1, 0, 'avenue-2021', 'new', "
                ":now, :now)"),
                {"id": number, "platform": platform, "poster": poster, "typed": typed,
                 "now": NOW})
    _migrate(engine, "0008")
    with engine.connect() as connection:
        accounts = connection.execute(text(
            "SELECT id, platform, handle, profile_url, person_id FROM social_accounts "
            "ORDER BY platform, handle_key")).all()
        links = dict(connection.execute(text(
            "SELECT id, account_id FROM incidents ORDER BY id")).all())
        typed = [row[0] for row in connection.execute(text(
            "SELECT poster_account FROM incidents ORDER BY id"))]
    by_handle = {(row.platform, row.handle or row.profile_url): row for row in accounts}
    assert set(by_handle) == {("facebook", "@AngryMum_AV"), ("facebook", "@shared"),
                              ("instagram", "@angrymum_av"),
                              ("tiktok", "https://tiktok.com/@x")}
    assert by_handle[("facebook", "@AngryMum_AV")].person_id == 1  # one poster throughout
    assert by_handle[("facebook", "@shared")].person_id is None  # two posters: not guessed
    assert by_handle[("tiktok", "https://tiktok.com/@x")].person_id is None
    assert links[1] == links[2] == by_handle[("facebook", "@AngryMum_AV")].id
    assert links[4] == links[5] and links[3] != links[1]
    assert links[7] is None and links[8] is None  # nothing, or only "@": no account
    assert typed[1] == "angrymum_av"  # what was typed is kept
    _migrate(engine, "0007", down=True)
    assert "social_accounts" not in inspect(engine).get_table_names()
    assert "account_id" not in {c["name"] for c in inspect(engine).get_columns("incidents")}
    engine.dispose()
