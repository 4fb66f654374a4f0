"""Migration 0004: steps already recorded become the current version of themselves, steps a
letter recorded are told apart, and the migration comes off again without losing a step."""

from __future__ import annotations

import importlib
from datetime import datetime

from alembic import command
from sqlalchemy import event, inspect, text

from avenue_desk.store.engine import make_engine
from avenue_desk.store.migrate import alembic_config, current_revision, head_revision, upgrade

NOW = datetime(2026, 11, 21, 9, 0)
NEW_COLUMNS = {"status", "version_of", "recorded_by", "correction_note", "withdrawn_at",
               "withdrawn_by", "withdrawn_reason", "letter", "follow_up_note",
               "follow_up_closed_at", "follow_up_closed_by", "follow_up_superseded_by"}


def _migrate(engine, revision: str, down: bool = False) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


def test_0004_follows_the_accounts_migration():
    module = importlib.import_module(
        "avenue_desk.store.migrations.versions.0004_step_corrections")
    assert (module.revision, module.down_revision) == ("0004", "0003")


def test_steps_recorded_before_keep_every_word_and_become_current(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    upgrade(engine, tmp_path / "db.sqlite3", tmp_path, NOW)
    _migrate(engine, "0003", down=True)
    assert not NEW_COLUMNS & {c["name"] for c in inspect(engine).get_columns("actions")}
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO incidents (id, posted_on, reported_by, platform, location, excerpt, "
            "summary, content_still_up, on_school_forum, policy_edition, phase, created_at, "
            "updated_at) VALUES (1, '2026-11-01', '', 'facebook', '', '', '', 1, 0, "
            "'avenue-2021', 'escalated', '2026-11-01 09:00', '2026-11-01 09:00')"))
        for number, notes in ((1, "Mum: printed the post out & brought it in"),
                              (2, "Formal warning: saved as a PDF (Incident 1 - Warning.pdf).")):
            connection.execute(text(
                "INSERT INTO actions (id, incident_id, step, taken_on, taken_by, outcome, "
                "notes, follow_up_due, follow_up_done, removal_confirmed, created_at) VALUES "
                f"({number}, 1, 'informal_discussion', '2026-11-0{number + 1}', 'Mrs Shah', "
                f"'Agreed', :notes, NULL, 0, 0, '2026-11-02 09:00')"), {"notes": notes})
    _migrate(engine, "0004")
    assert current_revision(engine) == "0004"
    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT id, status, letter, taken_by, outcome, notes, version_of "
            "FROM actions ORDER BY id")).all()
    assert rows == [
        (1, "current", "", "Mrs Shah", "Agreed", "Mum: printed the post out & brought it in",
         None),
        (2, "current", "Formal warning", "Mrs Shah", "Agreed",
         "Formal warning: saved as a PDF (Incident 1 - Warning.pdf).", None),
    ]
    _migrate(engine, "0003", down=True)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM actions")).scalar() == 2
    engine.dispose()


def _sqlite_steps_while_upgrading(tmp_path, steps: int) -> int:
    """SQLite's own count of the work (virtual machine instructions, in thousands) that
    ``upgrade`` does to a 0003 database holding ``steps`` steps: a measure of work, not of
    time, so it does not depend on how busy the machine is."""
    path = tmp_path / f"{steps}.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, path, tmp_path, NOW)
    _migrate(engine, "0003", down=True)
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO incidents (id, posted_on, reported_by, platform, location, excerpt, "
            "summary, content_still_up, on_school_forum, policy_edition, phase, created_at, "
            "updated_at) VALUES (1, '2026-11-01', '', 'facebook', '', '', '', 1, 0, "
            "'avenue-2021', 'escalated', '2026-11-01 09:00', '2026-11-01 09:00')"))
        connection.execute(text(
            "INSERT INTO actions (incident_id, step, taken_on, taken_by, outcome, notes, "
            "follow_up_due, follow_up_done, removal_confirmed, created_at) VALUES "
            "(1, 'informal_discussion', '2026-11-02', 'Mrs Shah', 'Agreed', '', NULL, 0, 0, "
            "'2026-11-02 09:00')"), [{}] * steps)
    engine.dispose()
    counted = [0]

    @event.listens_for(engine, "connect")
    def _count(dbapi_connection, _record):
        def tick() -> int:
            counted[0] += 1
            return 0
        dbapi_connection.set_progress_handler(tick, 1000)

    upgrade(engine, path, tmp_path, NOW)
    assert current_revision(engine) == head_revision()
    engine.dispose()
    return counted[0]


def test_the_upgrade_grows_with_the_steps_not_with_their_square(tmp_path):
    """A school with years of steps: the table is rebuilt with foreign keys off (checked
    once at the end), not dropped row by row with every row's links searched, which made
    a 34,000-step database take over 13 minutes."""
    small = _sqlite_steps_while_upgrading(tmp_path, 1_000)
    large = _sqlite_steps_while_upgrading(tmp_path, 4_000)
    assert large < 6 * small, (small, large)  # four times the steps: about four times the work


def test_the_upgrade_leaves_foreign_keys_on(tmp_path):
    path = tmp_path / "db.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, path, tmp_path, NOW)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()
