"""The Accounts screen: the list, adding, resetting, disabling and deleting with a question."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QMessageBox

from avenue_desk.services.people.records import PersonInput
from avenue_desk.ui.views.accounts import AccountsView
from tests.helpers.accounts import TEMPORARY, add_user, open_signed_in, with_head
from tests.helpers.background import settle

pytestmark = pytest.mark.no_accounts


def make(qtbot, services):
    sec, _ = with_head(services)
    view = AccountsView(sec.accounts, services)
    qtbot.addWidget(view)
    view.resize(1100, 600)
    view.show()
    return sec, view


def cells(view, row):
    return [view.table.item(row, column).text() for column in range(view.table.columnCount())]


def test_the_list_shows_kind_and_status(qtbot, services):
    sec, view = make(qtbot, services)
    add_user(sec, "office", "office")
    view.refresh()
    assert cells(view, 0)[:4] == ["head", "Mrs Patel", "Headteacher (administrator)", "Active"]
    assert cells(view, 1)[2:] == ["Office", "Must choose a new password", "Never"]
    view.select_username("head")
    assert not view.delete_button.isEnabled()  # not your own account
    view.select_username("office")
    assert view.delete_button.isEnabled() and view.reset_button.isEnabled()


def test_adding_an_account(qtbot, services):
    sec, view = make(qtbot, services)
    hughes = services.people.create(PersonInput("Mr Hughes", "staff"))
    view.add_button.click()
    dialog = view.dialog
    assert len(dialog.temporary.text()) == 14
    dialog.username.setText("mrhughes")
    dialog.display_name.setText("Mr Hughes")
    dialog.role.setCurrentIndex(dialog.role.findData("staff"))
    assert "own code of conduct" in dialog.role_help.text()
    dialog.ok_button.click()
    settle(qtbot, dialog)  # the temporary password is hashed in the background
    assert "staff account opens only" in dialog.errors["person_id"].text()
    dialog.person.set_person(hughes)
    with qtbot.waitSignal(dialog.accepted):
        dialog.ok_button.click()
    assert [u.username for u in view.users] == ["head", "mrhughes"]
    assert view.users[1].person_id == hughes.id
    assert view.message.text().startswith("Account “mrhughes” added.")


def test_resetting_disabling_and_deleting(qtbot, services, monkeypatch):
    sec, view = make(qtbot, services)
    add_user(sec, "office", "office")
    view.refresh()
    view.select_username("office")
    view.reset_button.click()
    dialog = view.dialog
    dialog.temporary.setText("short")
    dialog.ok_button.click()
    settle(qtbot, dialog)
    assert "at least 10" in dialog.errors["password"].text()
    dialog.temporary.setText("another-temp-99")
    with qtbot.waitSignal(dialog.accepted):
        dialog.ok_button.click()
    head = sec.guard.actor
    assert sec.accounts.authenticate("office", "another-temp-99").must_change_password
    sec.guard.sign_in(head)

    view.select_username("office")
    view.disable_button.click()
    assert cells(view, 1)[3] == "Disabled" and view.disable_button.text() == "Enable"
    view.disable_button.click()
    assert cells(view, 1)[3] == "Must choose a new password"

    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]) or
                        QMessageBox.StandardButton.Cancel)
    view.delete_button.click()
    assert "stays in the audit trail" in asked[0] and len(view.users) == 2
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args: QMessageBox.StandardButton.Yes)
    view.delete_button.click()
    assert [u.username for u in view.users] == ["head"]
    assert sec.audit.page(limit=1)[0].action == "account_deleted"


def test_another_account_sees_why_not(qtbot, services):
    sec, _ = with_head(services)
    add_user(sec, "office", "office")
    actor = sec.accounts.authenticate("office", TEMPORARY)
    sec.accounts.change_password(actor, TEMPORARY, "Blue kettle on the shelf")
    view = AccountsView(sec.accounts)
    qtbot.addWidget(view)
    assert view.users == [] and view.message.text().endswith("can manage the accounts.")
    assert not view.add_button.isEnabled()


def _stored_bytes(paths) -> bytes:
    """Every file of the data folder's database (its write-ahead log too)."""
    return b"".join(p.read_bytes() for p in paths.data_dir.glob(f"{paths.database_file.name}*"))


def test_the_temporary_password_can_be_copied_and_shown_again_until_the_first_sign_in(
        qtbot, services, clock):
    sec, view = make(qtbot, services)
    view.add_button.click()
    dialog = view.dialog
    temporary = dialog.temporary.text()
    dialog.username.setText("obrien")
    dialog.display_name.setText("Mrs O'Brien <Office> & “Ζωή”")
    with qtbot.waitSignal(dialog.accepted):
        dialog.ok_button.click()
    shown = view.password_dialog
    assert shown is not None and shown.isVisible()
    assert shown.password_label.text() == temporary
    title = "Temporary password for Mrs O'Brien <Office> & “Ζωή”"
    assert any(label.text() == title and label.textFormat() == Qt.TextFormat.PlainText
               for label in shown.findChildren(QLabel))
    assert "until you close Avenue Desk" in shown.kept_note.text()
    assert "until the person signs in" in shown.kept_note.text()
    shown.copy_button.click()
    assert QGuiApplication.clipboard().text() == temporary
    assert shown.copied.text() == "Copied."
    shown.accept()
    assert view.password_dialog is None
    assert view.selected().username == "obrien"
    assert view.show_again_button.isEnabled()
    view.show_again_button.click()
    assert view.password_dialog.password_label.text() == temporary
    view.password_dialog.accept()
    assert temporary.encode() not in _stored_bytes(services.paths)  # only its hash is kept

    # The person signs in with it on another computer: it is theirs no more.
    with open_signed_in(services.paths, clock, "obrien", temporary) as theirs:
        assert theirs.guard.actor.must_change_password
    view.select_username("obrien")
    view.show_again_button.click()  # before this screen has heard of the sign-in
    assert view.password_dialog is None
    assert "has signed in since" in view.message.text()
    view.select_username("obrien")
    assert not view.show_again_button.isEnabled()
    assert view.temporary.get(view.selected().id) is None


def test_a_reset_password_is_shown_again_and_forgotten_at_the_sign_in(qtbot, services):
    sec, view = make(qtbot, services)
    add_user(sec, "office", "office")
    view.refresh()
    view.select_username("office")
    assert not view.show_again_button.isEnabled()  # not given in this window
    view.reset_button.click()
    view.dialog.temporary.setText("another-temp-99")
    with qtbot.waitSignal(view.dialog.accepted):
        view.dialog.ok_button.click()
    assert view.password_dialog.password_label.text() == "another-temp-99"
    view.password_dialog.accept()
    view.select_username("office")
    assert view.show_again_button.isEnabled()
    head = sec.guard.actor
    sec.accounts.authenticate("office", "another-temp-99")
    sec.guard.sign_in(head)
    view.on_data_changed()  # the sign-in, seen by the Accounts screen
    view.select_username("office")
    assert not view.show_again_button.isEnabled()
