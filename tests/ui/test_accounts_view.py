"""The Accounts screen: the list, adding, resetting, disabling and deleting with a question."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from avenue_desk.services.people.records import PersonInput
from avenue_desk.ui.views.accounts import AccountsView
from tests.helpers.accounts import TEMPORARY, add_user, with_head
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
