"""Every screen current: what is saved anywhere (this window, the command line, a second
process standing in for another computer) shows on Home, in the lists and in an open
incident without opening another page, and refreshing keeps the person's place and never
overwrites what they are typing."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from avenue_desk.services.core.changes import ChangeMonitor
from avenue_desk.ui.change_watcher import ChangeWatcher
from avenue_desk.ui.main_window import INCIDENTS, MainWindow
from avenue_desk.ui.operations import running_operations
from avenue_desk.ui.widgets.changed_elsewhere import CHANGED_TEXT
from tests.helpers import csv_files, other_computer
from tests.helpers.background import settle
from tests.helpers.changed_elsewhere import answer_changed_elsewhere
from tests.helpers.cli import console_env
from tests.helpers.records import follow_up, incident, input_of

FAST_MS = 50  # the watcher's interval in the tests that count its looks


@pytest.fixture
def window(qtbot, services, monkeypatch):
    shown = MainWindow(services)
    shown.resize(1366, 768)
    shown.show()
    qtbot.waitExposed(shown)
    settle(qtbot, shown.home)
    yield shown
    # Closed here rather than by qtbot (which closes its widgets before fixtures end): an
    # editor a failed test left with typing in it is answered, not left asking.
    if shown.editor is not None:
        discard_and_close(shown.editor, monkeypatch)
    shown.close()
    shown.deleteLater()


def open_editor(qtbot, window, incident_id):
    window.open_incident(incident_id)
    editor = window.editor
    qtbot.waitExposed(editor)
    qtbot.waitUntil(lambda: editor.opening is None and editor.incident_id == incident_id)
    return editor


def discard_and_close(editor, monkeypatch) -> None:
    """Closes an editor with unsaved typing, answering its question with Discard."""
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_args, **_kwargs: QMessageBox.StandardButton.Discard)
    editor.reject()
    assert not editor.isVisible()


# --- a second process -------------------------------------------------------------------

def test_home_shows_an_incident_imported_on_the_command_line_while_it_is_open(
        qtbot, window, services, paths, tmp_path):
    home = window.home
    assert home.open_label.text() == "There are no open incidents."
    log = csv_files.write(tmp_path / "log.csv",
                          [csv_files.row(summary="Zoë's post about the trip <&>")])
    ran = subprocess.run(
        [sys.executable, "-m", "avenue_desk", "--data-dir", str(paths.data_dir),
         "--user", "head", "import", "incidents", str(log)],
        capture_output=True, text=True, encoding="utf-8", env=console_env(), timeout=120,
        check=False, stdin=subprocess.DEVNULL)
    assert ran.returncode == 0, ran.stderr
    # Nothing else is touched: the window finds the change by itself.
    qtbot.waitUntil(lambda: home.open_label.text() == "1 open incident in all.",
                    timeout=10_000)
    settle(qtbot, home)
    assert home.still_up.list.count() == 1
    assert "trip <&>" in home.still_up.list.item(0).text()


def test_home_shows_a_follow_up_due_today_recorded_by_another_computer(
        qtbot, window, services, paths, clock):
    case = incident(services)
    window.home.refresh()
    settle(qtbot, window.home)
    home = window.home
    assert home.due_today.list.count() == 0
    assert home.due_today.empty.isVisibleTo(home)
    other_computer.run(paths.data_dir, "follow-up", str(case.id), clock.today().isoformat())
    qtbot.waitUntil(lambda: home.due_today.list.count() == 1, timeout=10_000)
    assert home.due_today.list.item(0).data(Qt.ItemDataRole.UserRole) == case.id
    assert home.due_today.heading.text() == "Follow-ups due today (1)"


# --- keeping the person's place ---------------------------------------------------------

def test_the_incident_list_keeps_selection_scrolling_sort_and_search_when_refreshed(
        qtbot, window, services):
    for n in range(80):
        incident(services, posted_on=date(2026, 1, 1) + timedelta(days=n),
                 summary=f"Trip complaint number {n}")
    window.go_to(INCIDENTS)
    view = window.incidents
    view.search.setText("trip")
    view.apply_filters()
    table, model = view.table, view.model
    table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # by number, newest first
    assert model.rowCount() == 80
    table.scrollTo(model.index(40, 0), table.ScrollHint.PositionAtTop)
    table.selectRow(45)
    table.selectionModel().select(
        model.index(50, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    chosen = view.selected_incident_ids()
    current = view.selected_incident_id()
    top = model.incident_id(table.rowAt(0))
    assert len(chosen) == 2 and top is not None

    incident(services, summary="Another trip complaint, from the other office")
    qtbot.waitUntil(lambda: model.rowCount() == 81, timeout=10_000)
    assert view.selected_incident_ids() == chosen
    assert view.selected_incident_id() == current
    assert model.incident_id(table.rowAt(0)) == top  # the new row above did not move the view
    assert view.search.text() == "trip"
    header = table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == \
        (0, Qt.SortOrder.DescendingOrder)
    assert view.count_label.text() == "81 incidents match these filters"


def test_a_chosen_line_on_home_stays_chosen_when_home_refreshes(qtbot, window, services,
                                                                clock):
    cases = [incident(services) for _ in range(3)]
    for case in cases:
        follow_up(services, case.id, clock.today() - timedelta(days=2))
    window.home.refresh()
    settle(qtbot, window.home)
    overdue = window.home.overdue.list
    overdue.setCurrentRow(1)
    chosen = overdue.currentItem().data(Qt.ItemDataRole.UserRole)
    follow_up(services, incident(services).id, clock.today() - timedelta(days=5))
    qtbot.waitUntil(lambda: overdue.count() == 4, timeout=10_000)
    assert overdue.currentItem().data(Qt.ItemDataRole.UserRole) == chosen


# --- no storm -----------------------------------------------------------------------------

def test_nothing_is_refreshed_while_nothing_changes_and_once_when_something_does(
        qtbot, window, services, monkeypatch):
    home = window.home
    refreshed = []
    original = home.refresh

    def counted():
        refreshed.append(True)
        original()

    monkeypatch.setattr(home, "refresh", counted)
    looks = []
    window.watcher.timer.timeout.connect(lambda: looks.append(True))
    window.watcher.timer.setInterval(FAST_MS)
    qtbot.waitUntil(lambda: len(looks) >= 8, timeout=5_000)
    assert refreshed == []

    incident(services)  # one save (its own connection, as another window's would be)
    qtbot.waitUntil(lambda: len(refreshed) == 1, timeout=5_000)
    settle(qtbot, home)
    looked = len(looks)
    qtbot.waitUntil(lambda: len(looks) >= looked + 8, timeout=5_000)
    assert len(refreshed) == 1  # refreshing read the records; reading is no change
    assert home.open_label.text() == "1 open incident in all."


def test_no_look_is_taken_while_the_window_is_hidden(qtbot, window, services):
    changed = []
    window.watcher.changed.connect(lambda: changed.append(True))
    window.hide()
    incident(services)
    window.watcher.poll()
    assert changed == []
    window.show()
    qtbot.waitExposed(window)
    window.watcher.poll()
    assert changed == [True]  # found at the first look after


def test_where_asking_needs_the_network_it_is_asked_off_the_window_s_thread(
        qtbot, window, services):
    """The PostgreSQL way (the newest audit row), run on SQLite: one question at a time, in
    the background, and a change found like any other."""
    watcher = ChangeWatcher(ChangeMonitor(services.db, use_pragma=False), window, FAST_MS)
    window.watcher.timer.stop()  # only the one under test looks
    changed, asked = [], []
    watcher.changed.connect(lambda: changed.append(True))
    watcher.timer.timeout.connect(lambda: asked.append(bool(running_operations(window))))
    qtbot.waitUntil(lambda: len(asked) >= 6, timeout=5_000)
    assert changed == []
    assert any(asked)  # a question was out while the timer ticked: it ran off the GUI thread
    incident(services)
    qtbot.waitUntil(lambda: changed == [True], timeout=5_000)
    watcher.timer.stop()
    settle(qtbot, window)


# --- an open incident ---------------------------------------------------------------------

def change_summary(services, incident_id: int, summary: str) -> None:
    """A save made elsewhere (its own connection): another window or computer."""
    record = services.incidents.current(incident_id)
    services.incidents.update(incident_id, replace(input_of(record), summary=summary))


def test_an_open_incident_with_nothing_typed_takes_in_a_change_made_elsewhere(
        qtbot, window, services):
    case = incident(services)
    editor = open_editor(qtbot, window, case.id)
    change_summary(services, case.id, "Changed on the office PC: “quoted” & <tagged>")
    qtbot.waitUntil(lambda: editor.ui.summary.toPlainText()
                    == "Changed on the office PC: “quoted” & <tagged>", timeout=5_000)
    assert not editor.changed_banner.isVisible()
    assert not editor.is_dirty()
    editor.reject()
    assert window.editor is None  # closed without asking: nothing was typed


def test_typing_is_never_overwritten_and_the_banner_offers_to_reload(qtbot, window,
                                                                     services, paths):
    case = incident(services)
    editor = open_editor(qtbot, window, case.id)
    editor.ui.summary.setPlainText("Typed here, not saved yet")
    other_computer.run(paths.data_dir, "summary", str(case.id), "Saved on another computer")
    qtbot.waitUntil(editor.changed_banner.isVisible, timeout=5_000)
    assert editor.changed_banner.label.text() == CHANGED_TEXT
    assert editor.ui.summary.toPlainText() == "Typed here, not saved yet"
    assert editor.is_dirty()

    qtbot.mouseClick(editor.changed_banner.reload_button, Qt.MouseButton.LeftButton)
    assert editor.ui.summary.toPlainText() == "Saved on another computer"
    assert not editor.changed_banner.isVisible()
    assert not editor.is_dirty()
    editor.reject()


def test_a_step_recorded_elsewhere_updates_the_incident_without_a_banner(
        qtbot, window, services, clock, monkeypatch):
    case = incident(services)
    editor = open_editor(qtbot, window, case.id)
    editor.ui.tabs.setCurrentWidget(editor.ui.escalation_tab)
    panel = editor.escalation_panel
    editor.ui.reported_by.setText("Mrs Shah, typed here")
    due = clock.today() + timedelta(days=7)
    follow_up(services, case.id, due)
    qtbot.waitUntil(lambda: panel.record.next_follow_up == due, timeout=5_000)
    assert "next follow-up" in editor.ui.status_label.text()
    assert not editor.changed_banner.isVisible()  # the details typed here clash with nothing
    assert editor.ui.reported_by.text() == "Mrs Shah, typed here"
    discard_and_close(editor, monkeypatch)


def test_the_editor_s_own_saves_are_not_called_someone_else_s(qtbot, window, services,
                                                               monkeypatch):
    """Recording "the post is no longer there" in the incident's own window changes a
    detail under the form (post still up): that is this window's change, not another's."""
    case = incident(services)
    editor = open_editor(qtbot, window, case.id)
    editor.ui.summary.setPlainText("Typed here, not saved yet")
    editor.ui.tabs.setCurrentWidget(editor.ui.escalation_tab)
    changed = []
    window.watcher.changed.connect(lambda: changed.append(True))
    dialog = editor.escalation_panel.open_record_dialog()
    dialog.taken_by.setText("Mrs Shah")
    dialog.outcome.setPlainText("The parent took the post down")
    dialog.removed.setChecked(True)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    if dialog.confirm_button is not None:  # a step that moves the stage is confirmed first
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.escalation_panel.dialog is None)
    assert not services.incidents.current(case.id).content_still_up
    qtbot.waitUntil(lambda: bool(changed), timeout=5_000)  # the save was seen...
    assert not editor.changed_banner.isVisible()  # ...and known for this window's own
    assert editor.ui.summary.toPlainText() == "Typed here, not saved yet"
    assert not editor.ui.content_still_up.isChecked()
    discard_and_close(editor, monkeypatch)


# --- a save against an older version (issue 17, part 13 item 1) -------------------------

def test_saving_over_a_change_made_elsewhere_shows_both_and_keeps_both(
        qtbot, window, services, paths, monkeypatch):
    case = incident(services, location="Year 4 group")
    editor = open_editor(qtbot, window, case.id)
    editor.ui.summary.setPlainText("Typed here: “mine” & <mine>")
    editor.ui.location.setText("Year 4 parents' group (Facebook)")
    other_computer.run(paths.data_dir, "summary", str(case.id), "Saved on another computer")
    qtbot.waitUntil(editor.changed_banner.isVisible, timeout=5_000)
    seen: list = []
    answer_changed_elsewhere("keep_button", seen)
    assert editor.save() is False  # refused: theirs is newer; nothing overwritten
    assert seen == [[
        ["Exactly where", "(not changed by them)", "Year 4 parents' group (Facebook)"],
        ["Summary (both changed)", "Saved on another computer",
         "Typed here: “mine” & <mine>"]]]
    assert services.incidents.current(case.id).summary == "Saved on another computer"
    assert editor.ui.summary.toPlainText() == "Typed here: “mine” & <mine>"  # to check
    assert editor.save() is True  # now against their version
    saved = services.incidents.current(case.id)
    assert (saved.summary, saved.location) == ("Typed here: “mine” & <mine>",
                                               "Year 4 parents' group (Facebook)")
    editor.reject()


def test_a_step_recorded_elsewhere_a_moment_before_saving_asks_nothing(
        qtbot, window, services, clock, monkeypatch):
    case = incident(services)
    editor = open_editor(qtbot, window, case.id)
    window.watcher.timer.stop()  # saved before the window has looked
    editor.ui.reported_by.setText("Mrs Shah, typed here")
    follow_up(services, case.id, clock.today() + timedelta(days=7))
    assert editor.save() is True  # their step touched no detail: yours saved on top
    saved = services.incidents.current(case.id)
    assert saved.reported_by == "Mrs Shah, typed here"
    assert [a.step for a in saved.actions] == ["informal_discussion"]
    editor.reject()
