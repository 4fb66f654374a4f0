"""The main window in an office's ordinary day (issue 13's smaller things): Home is current
after a follow-up is recorded, a click on a Home line opens it, the title names the program
once, and Ctrl+Q quits from an open incident after it has asked about unsaved changes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from avenue_desk.ui.main_window import MainWindow, window_title
from tests.helpers.background import settle
from tests.helpers.records import follow_up, incident


@pytest.fixture
def window(qtbot, services):
    shown = MainWindow(services)
    qtbot.addWidget(shown)
    shown.resize(1366, 768)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    settle(qtbot, shown.home)
    return shown


def open_editor(qtbot, window, incident_id):
    window.open_incident(incident_id)
    editor = window.editor
    qtbot.waitExposed(editor)
    qtbot.waitUntil(lambda: editor.escalation_panel is not None)  # the record has arrived
    return editor


def test_home_shows_a_follow_up_due_today_as_soon_as_it_is_recorded(qtbot, window, services,
                                                                     clock):
    case = incident(services)
    window.home.refresh()
    settle(qtbot, window.home)
    assert window.home.due_today.empty.text() == "No follow-ups are due today."
    assert window.home.due_today.empty.isVisibleTo(window.home)
    editor = open_editor(qtbot, window, case.id)
    dialog = editor.escalation_panel.open_record_dialog()
    dialog.taken_by.setText("Mrs Shah")
    dialog.outcome.setPlainText("Parent will take the post down")
    dialog.follow_up.set_value(clock.today())
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)  # New → …
    qtbot.waitUntil(lambda: editor.escalation_panel.dialog is None)
    settle(qtbot, window.home)  # without opening another page
    home = window.home
    assert home.due_today.list.count() == 1
    assert home.due_today.list.item(0).data(Qt.ItemDataRole.UserRole) == case.id
    assert home.due_today.heading.text() == "Follow-ups due today (1)"
    assert not home.due_today.empty.isVisibleTo(home)
    editor.reject()


def test_marking_a_follow_up_done_clears_it_from_home_at_once(qtbot, window, services, clock):
    case = incident(services)
    follow_up(services, case.id, clock.today() - timedelta(days=2))
    window.home.refresh()
    settle(qtbot, window.home)
    assert window.home.overdue.list.count() == 1
    editor = open_editor(qtbot, window, case.id)
    panel = editor.escalation_panel
    dialog = panel.open_done_dialog(panel.timeline_actions[0])
    dialog.note.setText("Parent rang: the post is down")
    dialog.save()
    settle(qtbot, window.home)
    assert window.home.overdue.list.count() == 0
    assert window.home.overdue.empty.isVisibleTo(window.home)
    editor.reject()


def test_a_single_click_on_a_home_line_opens_its_incident(qtbot, window, services, clock):
    late = incident(services)
    follow_up(services, late.id, clock.today() - timedelta(days=2))
    window.home.refresh()
    settle(qtbot, window.home)
    lst = window.home.overdue.list
    assert "Click or press Enter" in lst.item(0).toolTip()
    rect = lst.visualItemRect(lst.item(0))
    with qtbot.waitSignal(window.home.open_follow_up) as opened:
        qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [late.id]
    assert window.editor is not None and window.editor.incident_id == late.id
    qtbot.waitExposed(window.editor)
    # A follow-up line opens the incident where its follow-up is: the Escalation tab.
    assert window.editor.ui.tabs.currentWidget() is window.editor.ui.escalation_tab
    window.editor.reject()


@pytest.mark.parametrize(("school", "demo", "title"), [
    ("", False, "Avenue Desk"),
    ("Elm Grove Primary School", False, "Elm Grove Primary School — Avenue Desk"),
    ("Elm Grove Primary School", True, "Elm Grove Primary School — DEMO — Avenue Desk"),
])
def test_the_title_names_the_program_once(school, demo, title):
    assert window_title(school, demo) == title


def test_the_window_title_ends_with_the_name_qt_would_otherwise_add(qtbot, window):
    # Qt adds the application's display name to a title that does not end with it.
    app = QApplication.instance()
    before = app.applicationDisplayName()
    app.setApplicationDisplayName("Avenue Desk")
    try:
        window.services.settings.set_value("school_name", "Elm Grove Primary School")
        window._settings_saved(window.services.settings.load())
        assert window.windowTitle() == "Elm Grove Primary School — Avenue Desk"
        assert window.windowTitle().endswith(app.applicationDisplayName())
        assert window.windowTitle().count("Avenue Desk") == 1
    finally:
        app.setApplicationDisplayName(before)


def test_control_q_quits_from_an_open_incident(qtbot, window, services):
    case = incident(services)
    editor = open_editor(qtbot, window, case.id)
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    qtbot.keyClick(editor, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert window.editor is None


def test_control_q_asks_about_unsaved_changes_and_cancel_keeps_working(
        qtbot, window, services, monkeypatch):
    case = incident(services)
    editor = open_editor(qtbot, window, case.id)
    editor.ui.reported_by.setText("Mr Ahmed, typed and not saved")
    asked = []

    def answer(*args, **_kwargs):
        asked.append(args[1])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", answer)
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    qtbot.keyClick(editor, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["Unsaved changes"]
    assert window.isVisible() and editor.isVisible()
    assert editor.ui.reported_by.text() == "Mr Ahmed, typed and not saved"

    answers = iter([QMessageBox.StandardButton.Save])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: next(answers))
    qtbot.keyClick(editor, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert services.incidents.get(case.id).reported_by == "Mr Ahmed, typed and not saved"
