"""A save refused because another PC saved the same record meanwhile (issue 17, part 13
item 1): the window shows theirs and yours side by side, and puts yours back on top of
theirs for you to check and save; nothing of theirs is overwritten without a word."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from avenue_desk.services.people.records import PersonInput
from avenue_desk.ui.dialogs.changed_elsewhere import ChangedElsewhereDialog
from avenue_desk.ui.dialogs.person_dialog import PersonDialog
from tests.helpers.accounts import open_signed_in
from tests.helpers.changed_elsewhere import answer_changed_elsewhere


@pytest.fixture
def other_pc(services, paths, clock):
    other = open_signed_in(paths, clock)
    yield other
    other.close()


def _save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)


def test_your_changes_go_back_on_top_of_theirs_and_both_are_saved(qtbot, services,
                                                                  other_pc):
    made = services.people.create(PersonInput("Łucja <Wróbel> & Co", "parent",
                                              email="lucja@example.org"))
    dialog = PersonDialog(services, made.id)
    qtbot.addWidget(dialog)
    dialog.show()
    there = other_pc.people.get(made.id)
    other_pc.people.update(made.id, PersonInput(
        there.full_name, "parent", email=there.email, phone="01632 960001"),
        there.row_version)
    dialog.ui.email.setText("new@example.org")
    seen: list = []
    answer_changed_elsewhere("keep_button", seen)
    _save(qtbot, dialog)
    assert seen == [[["Email", "(not changed by them)", "new@example.org"],
                     ["Phone", "01632 960001", "(not changed here)"]]]
    assert dialog.isVisible()  # nothing saved yet: the form holds both for checking
    assert (dialog.ui.email.text(), dialog.ui.phone.text()) == ("new@example.org",
                                                                "01632 960001")
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)
    saved = services.people.get(made.id)
    assert (saved.email, saved.phone, saved.full_name) == (
        "new@example.org", "01632 960001", "Łucja <Wróbel> & Co")


def test_cancel_goes_back_to_the_form_and_saving_again_still_asks(qtbot, services,
                                                                  other_pc):
    made = services.people.create(PersonInput("Ada Okafor", "parent"))
    dialog = PersonDialog(services, made.id)
    qtbot.addWidget(dialog)
    dialog.show()
    there = other_pc.people.get(made.id)
    other_pc.people.update(made.id, replace(PersonInput(there.full_name, "parent"),
                                            notes="Theirs"), there.row_version)
    dialog.ui.notes.setPlainText("Mine")
    seen: list = []

    def cancel():
        modal = QApplication.activeModalWidget()
        if not isinstance(modal, ChangedElsewhereDialog):
            QTimer.singleShot(20, cancel)
            return
        seen.append(True)
        modal.reject()
    QTimer.singleShot(20, cancel)
    _save(qtbot, dialog)
    assert seen == [True] and dialog.ui.notes.toPlainText() == "Mine"
    QTimer.singleShot(20, cancel)
    _save(qtbot, dialog)  # still against the version opened: asked again
    assert seen == [True, True]
    assert services.people.get(made.id).notes == "Theirs"
