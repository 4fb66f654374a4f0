"""People › Import from file…: the file is checked in the background, what importing would
do is shown with nothing saved, and Import saves exactly that (Cancel saves nothing)."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QWidget

from avenue_desk.services.transfer import TransferService
from avenue_desk.ui import window_state
from avenue_desk.ui.dialogs import people_import
from avenue_desk.ui.dialogs.people_import import TAB_ADD, TAB_REFUSED, TAB_UPDATE
from avenue_desk.ui.main_window import PEOPLE, MainWindow
from avenue_desk.ui.models.people_table import COL_NAME
from avenue_desk.ui.operations import running_operations
from tests.helpers.background import settle
from tests.helpers.csv_files import write
from tests.helpers.people_view import show_people_view
from tests.helpers.records import person

HEADER = ["Forename", "Surname", "UPN", "Class", "Contact 1 Name", "Contact 1 Relationship",
          "Contact 1 Email"]
MARKUP = 'Tom <b>& "Jerry"</b>'
ARABIC = "محمد العلي"
DEVANAGARI = "अनन्या शर्मा"
ROWS = [
    [MARKUP, "O'Neil", "U1", "3C", ARABIC, "Father", "m@example.org"],
    [DEVANAGARI, "Rao", "U2", "1A", "", "", ""],
    ["Lily", "Chen", "U3", "4B", "", "", ""],
    ["", "", "U4", "2B", "Cy Dee", "Mother", ""],  # line 5: no pupil's name
]


def names_listed(view) -> set[str]:
    model = view.model
    return {model.data(model.index(row, COL_NAME)) for row in range(model.rowCount())}


def new_dialog(qtbot, services) -> tuple[QWidget, people_import.PeopleImportDialog]:
    """The dialog as the People screen opens it: with a parent (kept by the test), which
    deletes it on the window's thread. A finished BackgroundOp still refers to its owner
    until the garbage collector frees both, and that may run on a worker thread, where
    deleting a parentless dialog crashes."""
    screen = QWidget()
    qtbot.addWidget(screen)
    return screen, people_import.PeopleImportDialog(services, screen)


def cells(dialog, tab: int) -> list[list[str]]:
    model = dialog.models[tab]
    return [[model.data(model.index(row, column)) for column in range(model.columnCount())]
            for row in range(model.rowCount())]


@pytest.fixture
def mis_file(tmp_path):
    return write(tmp_path / "mis.csv", ROWS, HEADER)


@pytest.fixture
def open_import(qtbot, services, monkeypatch):
    """The People screen's "Import from file…", the file chooser answering ``path``."""

    def open_with(path):
        monkeypatch.setattr(people_import, "choose_file", lambda parent, folder: str(path))
        view = show_people_view(qtbot, services)
        view.import_button.click()
        dialog = view.dialog
        settle(qtbot, dialog)
        return view, dialog

    return open_with


def test_the_check_shows_what_would_happen_and_nothing_is_saved_until_import(
        qtbot, services, mis_file, open_import):
    person(services, "Lily Chen", "pupil", class_name="3B")
    view, dialog = open_import(mis_file)
    assert dialog.isVisible() and dialog.file_label.text() == str(mis_file)
    assert dialog.counts_label.text() == "3 to add · 1 to update · 1 refused"
    assert dialog.not_saved_label.isVisible()
    assert "Nothing has been saved yet" in dialog.not_saved_label.text()
    assert [dialog.tabs.tabText(t) for t in range(3)] == [
        "To add (3)", "To update (1)", "Refused (1)"]
    assert [row[:3] for row in cells(dialog, TAB_ADD)] == [
        ["2", f"{MARKUP} O'Neil", "Pupil"], ["2", ARABIC, "Parent"], ["3", f"{DEVANAGARI} Rao",
                                                                   "Pupil"]]
    assert cells(dialog, TAB_UPDATE)[0][1:] == ["Lily Chen", "Pupil",
                                                "Class: 3B → 4B; MIS id: (blank) → U3"]
    assert dialog.import_button.text() == "Import 4 people" and dialog.import_button.isEnabled()
    assert services.people.count() == 1  # only Lily, as before

    dialog.import_button.click()
    settle(qtbot, dialog)
    assert view.dialog is None  # closed
    assert names_listed(view) == {f"{MARKUP} O'Neil", ARABIC, f"{DEVANAGARI} Rao", "Lily Chen"}
    assert services.people.count() == 4
    assert services.people.search("Lily Chen")[0].class_name == "4B"
    message = view.import_message
    assert message.isVisible()
    assert message.text() == ("3 people added and 1 updated from “mis.csv”. 1 row was not "
                              "imported, as the check showed: put it right in the MIS and "
                              "import the file again.")


def test_cancel_saves_nothing(qtbot, services, mis_file, open_import):
    view, dialog = open_import(mis_file)
    assert dialog.preview.importable == 4
    dialog.cancel_button.click()
    assert view.dialog is None  # closed
    settle(qtbot)
    assert services.people.count() == 0 and names_listed(view) == set()


def test_a_refused_row_names_its_line_and_why(qtbot, mis_file, open_import):
    _, dialog = open_import(mis_file)
    ((line, reason, row),) = cells(dialog, TAB_REFUSED)
    assert line == "5" and reason == "Pupil: no name."
    assert row == "U4 | 2B | Cy Dee | Mother"


def test_the_refused_rows_can_be_saved_for_the_office(qtbot, tmp_path, mis_file, open_import,
                                                      monkeypatch):
    _, dialog = open_import(mis_file)
    report = tmp_path / "to fix.csv"
    monkeypatch.setattr(people_import, "choose_save", lambda parent, title, name: str(report))
    dialog.report_button.click()
    settle(qtbot, dialog)
    with open(report, encoding="utf-8-sig", newline="") as handle:
        saved = list(csv.reader(handle))
    assert saved[0][:3] == ["Line", "Why it was not imported", "Forename"]
    assert saved[1][:2] == ["5", "Pupil: no name."]
    assert dialog.saved_label.text() == f"Saved {report}"


def test_a_template_can_be_saved(qtbot, tmp_path, services, monkeypatch):
    _screen, dialog = new_dialog(qtbot, services)
    template = tmp_path / "template.csv"
    monkeypatch.setattr(people_import, "choose_save", lambda parent, title, name: str(template))
    dialog.template_button.click()
    settle(qtbot, dialog)
    assert template.read_text(encoding="utf-8-sig").startswith("Forename,Surname,UPN,Class")


def test_an_excel_workbook_renamed_to_csv_gets_a_plain_message(qtbot, tmp_path, services,
                                                               open_import):
    workbook = tmp_path / "pupils.csv"
    workbook.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    _, dialog = open_import(workbook)
    assert dialog.problem_label.isVisible()
    assert dialog.problem_label.text().startswith("“pupils.csv” is an Excel workbook, not a "
                                                  "CSV file")
    assert "save it as CSV" in dialog.problem_label.text()
    assert not dialog.import_button.isEnabled() and not dialog.tabs.isVisible()


def test_a_file_with_nothing_new_cannot_be_imported(qtbot, tmp_path, services, open_import):
    path = write(tmp_path / "mis.csv", [], HEADER)
    _, dialog = open_import(path)
    assert dialog.import_button.text() == "Nothing to import"
    assert not dialog.import_button.isEnabled()
    assert "no rows under it" in dialog.warning_label.text()


def test_a_windows_1252_file_says_how_it_was_read(qtbot, tmp_path, services, open_import):
    path = tmp_path / "excel.csv"
    path.write_bytes("Name,Class\r\nZoë Café,3C\r\n".encode("cp1252"))
    _, dialog = open_import(path)
    assert "read as Windows-1252" in dialog.warning_label.text()
    assert cells(dialog, TAB_ADD)[0][1] == "Zoë Café"


def test_a_file_changed_after_the_check_is_checked_again_and_nothing_saved(
        qtbot, services, mis_file, open_import):
    _, dialog = open_import(mis_file)
    write(mis_file, ROWS[:1], HEADER)
    dialog.import_button.click()
    settle(qtbot, dialog)
    assert dialog.isVisible() and services.people.count() == 0
    assert "“mis.csv” has changed since it was checked" in dialog.notice_label.text()
    assert dialog.counts_label.text() == "2 to add · 0 to update · 0 refused"
    assert dialog.import_button.text() == "Import 2 people"


class ThreadNoting(TransferService):
    """The real transfer service, noting the thread each check and import ran on."""

    def __init__(self, services):
        super().__init__(services.db, services.clock, services.guard, services.audit)
        self.threads = []

    def preview_people(self, path, progress=None, mapping=()):
        self.threads.append(QThread.currentThread())
        return super().preview_people(path, progress, mapping)

    def import_people(self, path, progress=None, preview=None):
        self.threads.append(QThread.currentThread())
        return super().import_people(path, progress, preview=preview)


def test_checking_and_importing_run_off_the_window_s_thread(qtbot, services, tmp_path):
    services.transfer = noting = ThreadNoting(services)
    path = write(tmp_path / "mis.csv", [[f"Pupil{n}", "Test", f"U{n}", "", "", "", ""]
                                        for n in range(1500)], HEADER)
    _screen, dialog = new_dialog(qtbot, services)
    dialog.show()
    checking = dialog.check(path)
    assert checking.running and running_operations(dialog) == [checking]
    assert not dialog.choose_button.isEnabled()  # not twice at once
    qtbot.mouseClick(dialog.tabs.tabBar(), Qt.MouseButton.LeftButton)  # the window answers
    settle(qtbot, dialog)
    assert dialog.preview.importable == 1500 and dialog.choose_button.isEnabled()
    importing = dialog.start_import()
    assert importing.running and not dialog.cancel_button.isEnabled()
    dialog.reject()  # Escape while importing: all or nothing, so it carries on
    assert dialog.isVisible()
    settle(qtbot, dialog)
    assert services.people.count() == 1500
    assert len(noting.threads) == 2
    assert all(thread is not dialog.thread() for thread in noting.threads)


def test_the_folder_chosen_is_remembered(qtbot, services, mis_file, remembers_layouts,
                                         monkeypatch):
    asked = []

    def choose(parent, folder):
        asked.append(folder)
        return str(mis_file)

    monkeypatch.setattr(people_import, "choose_file", choose)
    screens = []  # each dialog's parent, kept to the end of the test
    for _ in range(2):
        screens.append(new_dialog(qtbot, services))
        dialog = screens[-1][1]
        dialog.choose()
        settle(qtbot, dialog)
    assert asked[1] == str(mis_file.parent)
    assert window_state.last_folder(people_import.IMPORTS) == str(mis_file.parent)


def test_the_file_menu_opens_it_and_only_for_those_who_may_import(qtbot, services_as,
                                                                   mis_file, monkeypatch):
    monkeypatch.setattr(people_import, "choose_file", lambda parent, folder: str(mis_file))
    office = services_as("office")
    window = MainWindow(office)
    qtbot.addWidget(window)
    window.show()
    assert window.import_people_action.isVisible()
    window.import_people_action.trigger()
    assert window.nav.currentRow() == PEOPLE
    dialog = window.people.dialog
    settle(qtbot, dialog)
    assert dialog.preview.importable == 4
    dialog.reject()


def test_an_account_that_may_not_import_is_not_offered_it(qtbot, services_as):
    staff = services_as("staff")
    window = MainWindow(staff)
    qtbot.addWidget(window)
    assert not window.import_people_action.isVisible()
