"""The main window: sections, shortcuts, menus, status bar and the incident editor."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from avenue_desk.ui.main_window import (
    CONDUCT,
    HOME,
    INCIDENTS,
    PEOPLE,
    REPORTS,
    SECTIONS,
    SETTINGS,
    MainWindow,
)
from tests.helpers.background import settle
from tests.helpers.records import incident


@pytest.fixture
def window(qtbot, services):
    shown = MainWindow(services)
    qtbot.addWidget(shown)
    shown.resize(1366, 768)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    return shown


def test_it_opens_on_home_with_every_section_listed(window):
    assert window.stack.currentWidget() is window.home
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == list(SECTIONS)
    assert window.windowTitle() == "Avenue Desk"
    assert "Settings" in window.school_label.text()
    assert str(window.services.paths.data_dir) in window.folder_label.text()


@pytest.mark.parametrize(
    ("number", "section"),
    [(1, HOME), (2, INCIDENTS), (3, PEOPLE), (4, CONDUCT), (5, REPORTS), (6, SETTINGS)],
)
def test_control_and_a_number_goes_to_each_section(qtbot, window, number, section):
    if section == HOME:
        window.go_to(SETTINGS)
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier)
    assert window.nav.currentRow() == section
    assert window.stack.currentIndex() == section
    assert window.stack.currentWidget().isVisible()


def test_each_section_shows_something_readable(window):
    for row in range(len(SECTIONS)):
        window.go_to(row)
        page = window.stack.currentWidget()
        assert page.isVisible()
        assert page.sizeHint().height() < 700  # fits a 1366×768 screen below the menus


def test_the_placeholders_say_what_will_come(window):
    window.go_to(CONDUCT)  # no longer a placeholder: tests/ui/test_conduct_view.py
    assert window.conduct.tabs.currentWidget() is window.conduct.register
    window.go_to(REPORTS)  # no longer a placeholder: tests/ui/test_reports_view.py
    assert window.reports.prepare_button.text() == "Prepare letter…"


def test_control_f_finds_incidents(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.incidents
    assert window.incidents.search.hasFocus()


def test_the_menus_carry_the_shortcuts(window):
    assert window.new_action.shortcut() == QKeySequence("Ctrl+N")
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    assert [a.shortcut().toString() for a in window.go_actions] == [
        f"Ctrl+{n}" for n in range(1, 9)  # the Headteacher's: Accounts and Audit trail too
    ]


def test_about_names_the_version_and_where_the_data_is(monkeypatch, window):
    shown = {}
    monkeypatch.setattr(QMessageBox, "about",
                        lambda parent, title, text: shown.update(title=title, text=text))
    window.about_action.trigger()
    assert shown["title"] == "About Avenue Desk"
    assert "0.1" in shown["text"]
    assert "avenue-desk.sqlite3" in shown["text"]


def test_a_demo_data_set_shows_the_banner(qtbot, services):
    services.settings.set_value("is_demo", "1")
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    assert window.demo_banner.isVisible()
    assert "DEMO SCHOOL" in window.demo_banner.text()
    assert "DEMO" in window.windowTitle()


def test_real_data_has_no_banner(window):
    assert not window.demo_banner.isVisible()


def test_saving_settings_updates_the_title_and_status_bar(window):
    window.go_to(SETTINGS)
    ui = window.settings_view.ui
    ui.schoolName.setText("The Avenue Primary School")
    ui.headName.setText("Mrs Ada Lovelace")
    assert window.settings_view.save()
    assert window.windowTitle() == "The Avenue Primary School — Avenue Desk"
    assert window.school_label.text() == "The Avenue Primary School"


def test_new_incident_opens_the_editor(qtbot, window):
    editor_module = pytest.importorskip("avenue_desk.ui.dialogs.incident_editor")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.editor, editor_module.IncidentEditor)
    qtbot.waitUntil(window.editor.isVisible)
    window.editor.reject()
    qtbot.waitUntil(lambda: window.editor is None)


def test_a_saved_incident_refreshes_the_lists(qtbot, window, services):
    pytest.importorskip("avenue_desk.ui.dialogs.incident_editor")
    window.go_to(INCIDENTS)
    assert window.incidents.model.rowCount() == 0
    window.new_incident()
    saved = incident(services)
    window.editor.saved.emit(saved.id)
    assert window.incidents.model.rowCount() == 1
    settle(qtbot, window.home)  # the home screen's figures are read in the background
    assert "1 open incident" in window.home.open_label.text()
    window.editor.reject()


def test_an_incident_in_the_list_opens_on_enter(qtbot, window, services, monkeypatch):
    incident(services)
    opened = []
    monkeypatch.setattr(window, "open_incident", opened.append)
    window.incidents.open_incident.disconnect()
    window.incidents.open_incident.connect(window.open_incident)
    window.go_to(INCIDENTS)
    table = window.incidents.table
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened == [1]
    assert QApplication.activeModalWidget() is None
