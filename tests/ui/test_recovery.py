"""The app keeping the records safe: one window per data folder, a damaged database met with
a restore, a restore asked for from the Backups page, and the upkeep in the background."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox

from avenue_desk import app
from avenue_desk.demo.school import fill_demo
from avenue_desk.services.safety.instance_lock import InstanceLock
from avenue_desk.ui import recovery
from avenue_desk.ui.maintenance import AutoBackup, WeeklyCheck, run_with_progress
from avenue_desk.ui.startup import mark_read_only
from tests.helpers.accounts import open_signed_in as open_services
from tests.helpers.damage import damage, damage_index
from tests.helpers.records import incident_input

pytestmark = pytest.mark.usefixtures("signs_in_as_head")

WAIT_MS = 20_000  # a bound for a busy machine, not a timing assertion


@pytest.fixture
def told(monkeypatch):
    """Every message box the app shows, as (icon, text), instead of showing it."""
    said = []
    monkeypatch.setattr(recovery, "tell", lambda icon, text, parent=None: said.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: said.append(text))
    return said


@pytest.fixture
def school(paths):
    with open_services(paths) as services:
        fill_demo(services, incidents=120)
        services.settings.set_value("set_up", "1")
        good = services.backup.backup()
        counts = services.backup.live_counts()
    return good, counts


def shows_windows(monkeypatch, *actions):
    """Replaces the window with ``actions`` run on each opening's services, in turn."""
    seen = []

    def show(_app, services, _smoke):
        seen.append(services.backup.live_counts())
        actions[len(seen) - 1](services)
        return 0

    monkeypatch.setattr(app, "_show_window", show)
    return seen


def test_a_second_window_on_the_same_data_folder_is_refused(qapp, paths, told, monkeypatch):
    monkeypatch.setattr(app, "_show_window", lambda *a: pytest.fail("no second window"))
    with InstanceLock(paths.data_dir):
        assert app.run_gui(paths) == 1
    assert told[0].startswith("Avenue Desk is already open on this computer (since ")


def test_a_damaged_database_offers_the_newest_good_backup_and_restores_it(qapp, paths, told,
                                                                         school, monkeypatch):
    good, counts = school
    damage(paths.database_file)
    offered = []

    def ask(services, newest):
        offered.append((services.db.notices[0], newest))
        return recovery.RESTORE, newest.path

    monkeypatch.setattr(recovery, "ask_about_damage", ask)
    seen = shows_windows(monkeypatch, lambda services: None)
    assert app.run_gui(paths) == 0
    notice, newest = offered[0]
    assert "damaged" in notice and newest.path == good.path
    assert seen == [counts]  # the window opened on the restored records
    assert told[0].startswith("Restored the backup made on")
    assert len(list(paths.data_dir.glob("replaced-*/avenue-desk.sqlite3"))) == 1


def test_a_damaged_database_can_be_opened_read_only_to_look(qapp, paths, told, school,
                                                             monkeypatch):
    damage(paths.database_file)
    monkeypatch.setattr(recovery, "ask_about_damage", lambda s, n: (recovery.READ_ONLY, None))
    opened = []
    monkeypatch.setattr(app, "_show_window",
                        lambda a, services, s: opened.append(services.db.read_only) or 0)
    assert app.run_gui(paths) == 0
    assert opened == [True]
    assert list(paths.data_dir.glob("replaced-*")) == []


def test_a_window_that_cannot_read_the_damaged_records_leads_back_to_restoring(
        qapp, paths, told, school, monkeypatch):
    import sqlite3

    good, counts = school
    damage(paths.database_file)
    answers = iter([(recovery.READ_ONLY, None), (recovery.RESTORE, good.path)])
    asked = []

    def ask(services, newest):
        asked.append(services.db.readable)
        return next(answers)

    def window_that_cannot_read(_app, services, _smoke):
        if services.db.read_only:
            raise sqlite3.DatabaseError("database disk image is malformed")
        seen.append(services.backup.live_counts())
        return 0

    seen = []
    monkeypatch.setattr(recovery, "ask_about_damage", ask)
    monkeypatch.setattr(app, "_show_window", window_that_cannot_read)
    assert app.run_gui(paths) == 0
    assert asked == [True, False]  # the second time, "Open read-only" is not offered
    assert "damaged" in told[0]
    assert seen == [counts]


def test_the_main_window_opens_on_a_damaged_database_marked_read_only(qtbot, paths, school):
    from avenue_desk.ui.main_window import MainWindow

    damage_index(paths.database_file)
    with open_services(paths) as services:
        window = MainWindow(services)
        qtbot.addWidget(window)
        mark_read_only(window)
        assert window.windowTitle().endswith("— READ-ONLY")
        banner = window.findChild(QLabel, "readOnlyBanner")
        assert banner is not None and "nothing can be saved" in banner.text()
        window.close()


def test_a_restore_asked_for_in_the_window_reopens_the_records(qapp, paths, told, school,
                                                               monkeypatch):
    good, counts = school

    def change_then_ask_to_restore(services):
        services.incidents.create(incident_input(summary="Typed after the backup"))
        services.backup.request_restore(good.path)

    seen = shows_windows(monkeypatch, change_then_ask_to_restore, lambda services: None)
    assert app.run_gui(paths) == 0
    assert seen[0] == counts
    assert seen[1] == counts  # the incident typed after the backup is gone again
    assert told[0].startswith("Restored the backup")
    # ... but not lost: it is in the replaced data, kept aside.
    assert len(list(paths.data_dir.glob("replaced-*/avenue-desk.sqlite3"))) == 1


def test_closing_backs_up_and_a_missing_stick_is_said_plainly(qapp, paths, told, school,
                                                             tmp_path, monkeypatch):
    stick = tmp_path / "stick2"
    stick.mkdir()

    def change(services):
        services.backup.set_folder(stick)
        services.incidents.create(incident_input())

    shows_windows(monkeypatch, change)
    assert app.run_gui(paths) == 0
    assert len(list(stick.glob("*.zip"))) == 1
    stick.rename(tmp_path / "unplugged")
    shows_windows(monkeypatch, lambda services: services.incidents.create(incident_input()))
    assert app.run_gui(paths) == 0
    assert told[-1].startswith("No backup was made as Avenue Desk closed.")
    assert "plug the stick in" in told[-1]


def test_the_automatic_backup_runs_in_the_background(qtbot, services, clock, tmp_path):
    auto = AutoBackup(services.backup)
    services.incidents.create(incident_input())
    with qtbot.waitSignal(auto.status, timeout=WAIT_MS) as said:
        auto.tick()
        assert auto.busy
    assert said.args[0].startswith("Backed up at")
    assert len(services.backup.list_backups()) == 1
    qtbot.waitUntil(lambda: not auto.busy, timeout=WAIT_MS)
    stick = tmp_path / "stick"
    stick.mkdir()
    services.backup.set_folder(stick)
    stick.rename(tmp_path / "unplugged")
    services.incidents.create(incident_input())
    clock.advance(hours=1)
    with qtbot.waitSignal(auto.status, timeout=WAIT_MS) as said:
        auto.tick()
    assert "cannot be found" in said.args[0]
    auto.stop()


def test_the_weekly_check_runs_once_a_week_and_speaks_up_on_failure(qtbot, services, clock):
    from pathlib import Path

    from tests.helpers.images import write_png

    saved = services.incidents.create(incident_input())
    record = services.evidence.add(saved.id, write_png(services.paths.data_dir / "x.png"))
    check = WeeklyCheck(services, delay_ms=0)
    with qtbot.waitSignal(check.passed_check, timeout=WAIT_MS):
        pass
    check.stop()
    assert services.settings.load().extra["full_check_on"] == clock.today().isoformat()
    again = WeeklyCheck(services, delay_ms=0)
    with qtbot.assertNotEmitted(again.passed_check), qtbot.assertNotEmitted(again.failed_check):
        qtbot.wait(50)  # not due: it ran today
    clock.advance(days=7)
    Path(record.path).write_bytes(b"changed")
    third = WeeklyCheck(services, delay_ms=0)
    with qtbot.waitSignal(third.failed_check, timeout=WAIT_MS) as failed:
        pass
    third.stop()
    assert not failed.args[0].ok
    assert services.settings.load().extra["full_check_result"] == "failed"


def test_work_behind_a_progress_dialog_returns_its_result_or_its_error(qtbot):
    assert run_with_progress(None, "t", "l", lambda progress: 42) == (42, None)
    result, error = run_with_progress(None, "t", "l", lambda progress: 1 / 0)
    assert result is None and isinstance(error, ZeroDivisionError)
