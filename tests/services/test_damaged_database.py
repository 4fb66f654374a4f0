"""A damaged database is found at start, opened read-only, and a good backup is offered."""

from __future__ import annotations

import pytest

from avenue_desk.demo.school import fill_demo
from avenue_desk.paths import AppPaths
from avenue_desk.services.core.errors import RecordsDamaged
from avenue_desk.services.safety.restore import restore_backup
from tests.helpers.accounts import open_as_head as open_services
from tests.helpers.accounts import open_signed_in
from tests.helpers.damage import damage, damage_index
from tests.helpers.postgres import sqlite_only
from tests.helpers.records import incident_input

# Damage to the file itself, SQLite's quick check, its write-ahead log on a network drive.
pytestmark = sqlite_only("a damaged database file")


@pytest.fixture
def school(paths, clock, tmp_path):
    """A school with records and one good backup (on a "USB stick"), closed."""
    stick = tmp_path / "stick"
    stick.mkdir()
    with open_signed_in(paths, clock) as services:
        fill_demo(services, incidents=150)
        services.backup.set_folder(stick)
        good = services.backup.backup()
        counts = services.backup.live_counts()
    return paths, good, counts


def test_a_clean_database_passes_the_quick_check(services):
    assert services.db.quick_check == ("ok",)
    assert not services.db.damaged and not services.db.read_only
    assert services.db.notices == ()


def test_damage_in_the_middle_is_found_at_start_and_opens_read_only(school, clock):
    paths, good, counts = school
    damage(paths.database_file)
    before = paths.database_file.read_bytes()
    with open_services(paths, clock) as services:
        db = services.db
        assert db.damaged and db.read_only and db.readable
        assert db.quick_check != ("ok",)
        notice = db.notices[0]
        assert "damaged" in notice and "read-only" in notice and "Restore" in notice
        assert str(paths.database_file) in notice
        with pytest.raises(RecordsDamaged, match="Nothing can be saved"):
            services.incidents.create(incident_input())
        offered = services.backup.newest_good_backup()
        assert offered is not None and offered.path == good.path
        report = services.health.check()  # where the damage lies, it says so
        assert not report.ok and any("SQLite" in line for line in report.lines)
    assert paths.database_file.read_bytes() == before  # opening it changed nothing


def test_restoring_the_offered_backup_puts_everything_back(school, clock):
    paths, good, counts = school
    damage(paths.database_file)
    with open_services(paths, clock) as services:
        offered = services.backup.newest_good_backup()
    result = restore_backup(paths, offered.path, clock)
    assert (result.replaced_dir / "avenue-desk.sqlite3").exists()  # the damaged file, kept
    with open_services(paths, clock) as services:
        assert not services.db.damaged
        assert services.backup.live_counts() == counts
        assert services.health.check().ok


def test_an_unreadable_file_still_finds_the_backups_on_the_stick(school, clock):
    paths, good, _counts = school
    with open(paths.database_file, "r+b") as handle:
        handle.write(b"this is not a database any more" * 4)  # the header itself
    with open_services(paths, clock) as services:
        assert services.db.damaged and not services.db.readable
        assert "start of the records file has been overwritten" in services.db.quick_check[0]
        # The chosen folder is in the (unreadable) settings, and noted beside the database.
        assert services.backup.folder() == good.path.parent
        assert services.backup.newest_good_backup().path == good.path


def test_a_damaged_backup_is_passed_over_for_an_older_good_one(school, clock):
    paths, good, _counts = school
    clock.advance(days=1)
    with open_services(paths, clock) as services:
        newer = services.backup.backup()
    data = bytearray(newer.path.read_bytes())
    data[len(data) // 3: len(data) // 3 + 64] = b"\0" * 64
    newer.path.write_bytes(bytes(data))
    damage(paths.database_file)
    with open_services(paths, clock) as services:
        assert services.backup.list_backups()[0].path == newer.path
        assert services.backup.newest_good_backup().path == good.path


def test_no_automatic_backup_is_made_of_a_damaged_database(school, clock):
    paths, good, _counts = school
    damage(paths.database_file)
    clock.advance(hours=2)
    with open_services(paths, clock) as services:
        assert services.backup.maybe_backup(changed=True) is None
        assert services.backup.exit_backup_due() is False
        # One made by hand says what SQLite found, and does not rotate the good one out.
        damaged = services.backup.backup()
        assert damaged.database_check != "ok"
        assert good.path.exists()
        assert not services.backup.verify(damaged.path).ok
        assert services.backup.newest_good_backup().path == good.path


def test_a_network_share_gets_a_warning_and_no_wal(paths, clock, monkeypatch):
    from avenue_desk.services.core import database

    monkeypatch.setattr(database, "is_network_path", lambda path: True)
    with open_services(paths, clock) as services:
        assert services.db.on_network_share
        assert "network drive" in services.db.notices[0]
        assert "write-ahead log" in services.db.notices[0]
        with services.db.engine.connect() as connection:
            mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
        assert mode == "delete"


def test_a_fresh_folder_is_not_damaged(tmp_path, clock):
    with open_services(AppPaths(tmp_path / "new"), clock) as services:
        assert not services.db.damaged


def test_damage_to_one_index_is_found_too(school, clock):
    paths, _good, _counts = school
    damage_index(paths.database_file)
    with open_services(paths, clock) as services:
        assert services.db.damaged and services.db.readable
        assert services.settings.load().school_name  # what can be read, can be read
