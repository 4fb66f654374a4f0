"""The Backups page: the folder, "Back up now" in the background, the list, and restoring."""

from __future__ import annotations

from avenue_desk.ui.views import backups
from avenue_desk.ui.views.backups import BackupsDialog
from avenue_desk.ui.views.settings import SettingsView
from tests.helpers.background import settle
from tests.helpers.backups import fill
from tests.helpers.records import incident_input

WAIT_MS = 15_000  # a bound for a busy machine, not a timing assertion


def make(qtbot, services) -> BackupsDialog:
    dialog = BackupsDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot, dialog)  # the list is read in the background
    return dialog


def cells(dialog, row: int) -> list[str]:
    return [dialog.table.item(row, c).text() for c in range(dialog.table.columnCount())]


def test_the_list_shows_each_backup_newest_first_with_its_counts(qtbot, services, tmp_path,
                                                                 clock):
    fill(services, tmp_path, incidents=2)
    services.backup.backup()
    clock.advance(days=1)
    services.incidents.create(incident_input())
    newest = services.backup.backup()
    dialog = make(qtbot, services)
    assert dialog.folder.text() == str(services.paths.backups_dir)
    assert not dialog.folder_problem.isVisible()
    assert dialog.table.rowCount() == 2
    assert cells(dialog, 0)[:5] == [backups.when(newest), "3", "1", "2", "1"]
    assert cells(dialog, 0)[-1] == newest.path.name
    assert cells(dialog, 1)[1] == "2"
    assert dialog.restore_button.isEnabled() and dialog.selected() == newest
    dialog.table.clearSelection()
    assert dialog.restore_selected() is False
    assert dialog.status.text() == "Choose a backup in the list first."


def test_with_no_backups_there_is_nothing_to_restore(qtbot, services):
    dialog = make(qtbot, services)
    assert dialog.table.rowCount() == 0 and not dialog.restore_button.isEnabled()


def test_back_up_now_runs_in_the_background_with_a_progress_bar(qtbot, services, tmp_path):
    fill(services, tmp_path, incidents=3)
    dialog = make(qtbot, services)
    dialog.backup_button.click()
    assert dialog.progress.isVisible() and dialog.cancel_button.isVisible()
    assert not dialog.backup_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=WAIT_MS)
    assert dialog.status.text().startswith("Backed up 3 incident(s)")
    assert not dialog.progress.isVisible() and dialog.backup_button.isEnabled()
    settle(qtbot, dialog)  # the list, read again
    assert dialog.table.rowCount() == 1


def test_a_cancelled_backup_says_so_and_leaves_no_file(qtbot, services, tmp_path):
    fill(services, tmp_path, incidents=2)
    dialog = make(qtbot, services)
    dialog.backup_button.click()
    dialog.cancel_button.click()  # before the work's first progress report is handled
    qtbot.waitUntil(lambda: dialog.task is None, timeout=WAIT_MS)
    assert "cancelled" in dialog.status.text()
    assert list(services.paths.backups_dir.glob("*.zip")) == []


def test_choosing_a_folder_and_a_missing_one_in_plain_words(qtbot, services, tmp_path,
                                                             monkeypatch):
    stick = tmp_path / "USB"
    stick.mkdir()
    monkeypatch.setattr(backups, "choose_folder", lambda parent, start: str(stick))
    dialog = make(qtbot, services)
    dialog.choose_button.click()
    assert dialog.folder.text() == str(stick)
    assert services.backup.folder() == stick
    stick.rmdir()  # the stick is taken out
    dialog.refresh()
    settle(qtbot, dialog)
    assert dialog.folder_problem.isVisible()
    assert "cannot be found" in dialog.folder_problem.text()
    dialog.backup_button.click()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=WAIT_MS)
    assert "plug the stick in" in dialog.status.text()
    assert dialog.status.property("role") == "error"
    dialog.default_button.click()
    assert dialog.folder.text() == str(services.paths.backups_dir)
    settle(qtbot, dialog)
    assert not dialog.folder_problem.isVisible()


def test_restore_asks_first_saying_what_is_replaced_and_where_it_is_kept(qtbot, services,
                                                                        tmp_path, monkeypatch):
    fill(services, tmp_path, incidents=2)
    info = services.backup.backup()
    services.incidents.create(incident_input())
    asked = []
    monkeypatch.setattr(backups, "confirm_restore", lambda parent, text: asked.append(text))
    dialog = make(qtbot, services)
    dialog.table.selectRow(0)
    assert dialog.restore_selected() is False  # said no
    assert services.backup.pending_restore() is None
    text = asked[0]
    assert "Now: 3 incident(s)" in text and "The backup: 2 incident(s)" in text
    assert str(services.paths.database_file) in text and str(services.paths.evidence_dir) in text
    assert "replaced-" in text and str(services.paths.data_dir) in text
    assert "kept for 30 days; Avenue Desk removes them when it starts after that" in text
    assert "checked first" in text and "nothing is replaced" in text
    monkeypatch.setattr(backups, "confirm_restore", lambda parent, text: True)
    with qtbot.waitSignal(dialog.restore_requested) as requested:
        dialog.restore_button.click()
    assert requested.args == [str(info.path)]
    assert services.backup.pending_restore() == info.path
    assert not dialog.isVisible()


def test_restore_from_a_file_elsewhere(qtbot, services, tmp_path, monkeypatch):
    elsewhere = services.backup.backup(tmp_path / "from the stick.zip")
    junk = tmp_path / "photos.zip"
    junk.write_bytes(b"not a backup")
    monkeypatch.setattr(backups, "confirm_restore", lambda parent, text: True)
    dialog = make(qtbot, services)
    monkeypatch.setattr(backups, "choose_backup_file", lambda parent, start: str(junk))
    assert dialog.restore_from_file() is False
    assert "not an Avenue Desk backup" in dialog.status.text()
    monkeypatch.setattr(backups, "choose_backup_file", lambda parent, start: str(elsewhere.path))
    assert dialog.restore_from_file() is True
    assert services.backup.pending_restore() == elsewhere.path


def test_settings_opens_the_backups_page(qtbot, services):
    view = SettingsView(services)
    qtbot.addWidget(view)
    view.show()
    view.backups_button.click()
    dialog = view.findChild(BackupsDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.close()


def test_the_list_is_read_without_freezing_the_window(qtbot, services, tmp_path):
    fill(services, tmp_path, incidents=1)
    services.backup.backup()
    dialog = BackupsDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()  # each backup's manifest is read in the background, not before this returns
    assert dialog.folder.text() == str(services.paths.backups_dir)
    assert dialog.table.rowCount() == 0 and not dialog.restore_button.isEnabled()
    settle(qtbot, dialog)
    assert dialog.table.rowCount() == 1 and dialog.restore_button.isEnabled()
    assert dialog.checked_label.text() == "No full check has run yet."


def test_records_kept_from_earlier_restores_are_listed_with_the_day_each_goes(qtbot,
                                                                              services):
    dialog = make(qtbot, services)
    assert not dialog.kept.isVisible() and not dialog.kept_heading.isVisible()
    dialog.close()
    kept = services.paths.data_dir / "replaced-20261101-093000"  # as a restore names it
    kept.mkdir()
    (kept / "avenue-desk.sqlite3").write_bytes(b"the records a restore replaced")
    dialog = make(qtbot, services)
    assert dialog.kept_heading.isVisible() and dialog.kept_heading.text() == (
        "Kept from earlier restores")
    assert [dialog.kept.item(row).text() for row in range(dialog.kept.count())] == [
        "Replaced on 01/11/2026 09:30, removed on or after 01/12/2026: "
        "replaced-20261101-093000"]
    note = dialog.kept_note.text()
    assert "kept in the data folder for 30 days" in note
    assert "avenue-desk settings set replaced_keep_days DAYS" in note
