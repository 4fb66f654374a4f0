"""Saving a copy to a removable drive: the window asks first (``ui/dialogs/export_place``).

There is no USB stick on the machine that runs the tests, so the check itself is replaced
(``removable.is_removable``: a folder named "STICK" is the stick; the check's own reading of
the mount table and sysfs is tested in tests/services/test_removable.py). The Save dialogs
are the system's and are answered by replacing them; the question is the real message box,
answered as a person would, with the keyboard or a click.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from avenue_desk.paths import AppPaths
from avenue_desk.services.container import open_services
from avenue_desk.services.core import records_key, removable
from avenue_desk.ui import window_state
from avenue_desk.ui.dialogs import export_place
from avenue_desk.ui.dialogs import subject_access as sar_dialog
from avenue_desk.ui.dialogs.document_dialog import DocumentDialog
from tests.helpers.accounts import HEAD_PASSWORD, ORIGIN, cheap_hashing
from tests.helpers.background import settle

PDF = b"%PDF-1.4 a letter about a named child"


@pytest.fixture
def places(tmp_path, monkeypatch):
    """A stick and the office's own folder, with the check told which is which."""
    stick, office = tmp_path / "STICK", tmp_path / "Documents"
    stick.mkdir()
    office.mkdir()
    checked = []

    def is_removable(path):
        checked.append(Path(path))
        return stick in (Path(path), *Path(path).parents)

    monkeypatch.setattr(removable, "is_removable", is_removable)
    return stick, office, checked


@pytest.fixture(params=[True, False], ids=["encrypted school", "plain school"])
def school(request, tmp_path, clock):
    """A school made from nothing, encrypted or not: the question is the same for both,
    because a copy saved outside the data folder is plain either way."""
    made = open_services(AppPaths(tmp_path / "School"), clock, origin=ORIGIN,
                         hashing=cheap_hashing(), encrypt_new=request.param)
    made.accounts.create_first_admin("head", "Mrs Patel", HEAD_PASSWORD)
    made.accounts.authenticate("head", HEAD_PASSWORD)
    assert records_key.is_encrypted(made.paths) is request.param
    yield made
    made.close()


def save_dialog_answers(monkeypatch, *answers: str) -> list:
    """The system's Save dialog gives each answer in turn; returns where each one started."""
    given, started = iter(answers), []

    def ask(_parent, _title, start, _filter):
        started.append(start)
        return next(given), _filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    return started


def answer_question(how: str, seen: list) -> None:
    """Answers the next message box (Return, Escape, or the button of that text), noting
    what it said; gives up after a few seconds rather than answer a later test's box."""
    tries = iter(range(300))

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if next(tries, None) is not None:
                QTimer.singleShot(10, answer)
            return
        seen.append({"title": box.windowTitle(), "text": box.text(),
                     "more": box.informativeText(),
                     "buttons": sorted(b.text() for b in box.buttons()),
                     "default": box.defaultButton().text(),
                     "escape": box.escapeButton().text()})
        if how == "Return":
            QTest.keyClick(box, Qt.Key.Key_Return)
        elif how == "Escape":
            QTest.keyClick(box, Qt.Key.Key_Escape)
        else:
            next(b for b in box.buttons() if b.text() == how).click()

    QTimer.singleShot(10, answer)


def document(qtbot, services) -> DocumentDialog:
    dialog = DocumentDialog(services, "Letter", "letter.pdf", make=lambda: PDF)
    qtbot.addWidget(dialog)
    dialog.pdf = PDF
    return dialog


def test_saving_a_letter_to_a_stick_asks_and_by_default_chooses_another_place(
        qtbot, school, places, monkeypatch):
    stick, office, _checked = places
    started = save_dialog_answers(monkeypatch, str(stick / "letter.pdf"),
                                  str(office / "letter.pdf"))
    seen: list = []
    answer_question("Return", seen)  # Enter: the default answer
    dialog = document(qtbot, school)
    saving = dialog.save()
    settle(qtbot, dialog)
    assert saving.result == office / "letter.pdf"
    assert (office / "letter.pdf").read_bytes() == PDF
    assert not (stick / "letter.pdf").exists()
    assert len(started) == 2  # asked where again
    (question,) = seen
    assert question["title"] == "Save to a removable drive?"
    assert question["text"] == (
        f"“{stick / 'letter.pdf'}” is on a removable drive, such as a USB stick or a memory "
        "card. What is saved there is not encrypted: anyone who has the drive can open and "
        "read it.")
    assert question["buttons"] == ["Choose another place", "Save anyway"]
    assert question["default"] == question["escape"] == "Choose another place"
    assert "Saved" in dialog.status.text() and str(office) in dialog.status.text()


def test_save_anyway_writes_it_to_the_stick(qtbot, services, places, monkeypatch):
    stick, _office, _checked = places
    save_dialog_answers(monkeypatch, str(stick / "letter.pdf"))
    seen: list = []
    answer_question("Save anyway", seen)
    dialog = document(qtbot, services)
    dialog.save()
    settle(qtbot, dialog)
    assert (stick / "letter.pdf").read_bytes() == PDF
    assert len(seen) == 1


def test_escape_then_cancel_saves_nothing(qtbot, services, places, monkeypatch):
    stick, _office, _checked = places
    save_dialog_answers(monkeypatch, str(stick / "letter.pdf"), "")
    seen: list = []
    answer_question("Escape", seen)
    dialog = document(qtbot, services)
    assert dialog.save() is None
    assert list(stick.iterdir()) == [] and len(seen) == 1


def test_the_office_disk_is_not_asked_about(qtbot, services, places, monkeypatch):
    _stick, office, checked = places
    monkeypatch.setattr(export_place, "save_anyway",
                        lambda *_a: pytest.fail("asked about the office's own disk"))
    save_dialog_answers(monkeypatch, str(office / "letter.pdf"))
    dialog = document(qtbot, services)
    dialog.save()
    settle(qtbot, dialog)
    assert (office / "letter.pdf").read_bytes() == PDF
    assert checked == [office / "letter.pdf"]


def test_a_subject_access_folder_on_a_stick_is_asked_about_too(qtbot, places, monkeypatch):
    stick, office, _checked = places
    folders = iter([str(stick), str(office)])
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda *_a: next(folders))
    seen: list = []
    answer_question("Choose another place", seen)
    parent = QWidget()
    qtbot.addWidget(parent)
    assert sar_dialog.choose_folder(parent, "Tunde Adebayo") == str(office)
    assert seen[0]["text"].startswith(f"“{stick}” is on a removable drive")


def test_a_bare_file_name_is_suggested_in_the_documents_folder_not_where_the_app_started(
        qtbot, places, monkeypatch, remembers_layouts):
    _stick, office, _checked = places
    window_state.remember_folder(office, window_state.DOCUMENTS)
    started = save_dialog_answers(monkeypatch, "")
    assert export_place.choose_file(None, "Export the audit trail", "audit-trail.csv",
                                    "CSV files (*.csv)") == ""
    assert started == [str(office / "audit-trail.csv")]


def test_every_save_dialog_in_the_window_goes_through_the_one_question():
    """Asked in one place, so a new Save… cannot forget it (the backup folder, which is
    the school's own records, and the files chosen to open are the only other dialogs)."""
    ui = Path(export_place.__file__).parents[1]
    asked_elsewhere = [
        f"{path.relative_to(ui)}:{number}"
        for path in sorted(ui.rglob("*.py"))
        if path.name not in ("export_place.py", "backups.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"getSaveFileName|getExistingDirectory|QFileDialog\(", line)]
    assert asked_elsewhere == []
