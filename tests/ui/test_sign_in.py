"""Signing in, choosing a new password, the first administrator and the recovery code."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox

from avenue_desk.services.accounts.records import clock_text
from avenue_desk.ui.dialogs.change_password import ChangePasswordDialog
from avenue_desk.ui.dialogs.first_admin import FirstAdminDialog
from avenue_desk.ui.dialogs.recovery_code import RecoveryCodeDialog
from avenue_desk.ui.dialogs.sign_in import SignInDialog
from tests.helpers.accounts import (
    HEAD_PASSWORD,
    OWN_PASSWORD,
    TEMPORARY,
    add_user,
    security_for,
    with_head,
)
from tests.helpers.background import settle

pytestmark = pytest.mark.no_accounts


@pytest.fixture
def sec(services):
    security, _code = with_head(services)
    add_user(security, "office", "office")
    security.accounts.sign_out()
    return security


def click(qtbot, button):
    """Clicks, then waits for what the click sent off the GUI thread (argon2) to come back."""
    button.click()
    settle(qtbot, button.window())


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_signing_in(qtbot, sec):
    dialog = shown(qtbot, SignInDialog(sec.accounts, "The Avenue Primary School"))
    dialog.username.setText("Head")
    dialog.password.setText(HEAD_PASSWORD)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.actor.username == "head" and sec.guard.actor == dialog.actor
    assert dialog.password.text() == ""


def test_wrong_password_says_how_many_tries_are_left_then_when_it_unlocks(qtbot, sec, clock):
    dialog = shown(qtbot, SignInDialog(sec.accounts, username="office"))
    assert dialog.password.hasFocus() or not dialog.isActiveWindow()
    for _ in range(2):
        dialog.password.setText("not my password")
        click(qtbot, dialog.sign_in_button)
    assert dialog.message.text() == ("Wrong username or password. 3 tries left before the "
                                     "account is locked for 15 minutes.")
    assert dialog.password.text() == "" and dialog.result() != QDialog.DialogCode.Accepted
    for _ in range(3):
        dialog.password.setText("not my password")
        click(qtbot, dialog.sign_in_button)
    dialog.password.setText(TEMPORARY)
    click(qtbot, dialog.sign_in_button)
    until = clock_text(clock.now() + timedelta(minutes=15))
    assert dialog.message.text().startswith(f"This account is locked until {until}.")
    assert dialog.actor is None


def test_empty_fields_are_pointed_out_without_asking_the_services(qtbot, sec):
    dialog = shown(qtbot, SignInDialog(sec.accounts))
    click(qtbot, dialog.sign_in_button)
    assert dialog.message.text() == "Enter your username."
    dialog.username.setText("head")
    click(qtbot, dialog.sign_in_button)
    assert dialog.message.text() == "Enter your password."
    sec.accounts.authenticate("head", HEAD_PASSWORD)
    # No failed sign-in was recorded (or counted) for the empty form.
    assert [r.action for r in sec.audit.page()][:2] == ["sign_in", "sign_out"]


def test_forgotten_password_explains_and_offers_the_recovery_code(qtbot, sec):
    dialog = shown(qtbot, SignInDialog(sec.accounts))
    assert not dialog.forgotten.isVisible()
    dialog.forgotten_button.click()
    assert "Ask the Headteacher" in dialog.forgotten.text()
    with qtbot.waitSignal(dialog.recovery_requested):
        dialog.recovery_button.click()


def test_a_temporary_password_must_be_changed_without_typing_it_again(qtbot, sec):
    actor = sec.accounts.authenticate("office", TEMPORARY)
    dialog = shown(qtbot, ChangePasswordDialog(sec.accounts, actor, forced=True))
    assert dialog.cancel_button.text() == "Sign out"
    assert "was temporary" in dialog.intro.text()
    # The temporary password was typed a moment ago to sign in: it is not asked for again.
    assert not dialog.old.isVisible()
    assert "Current password" not in [label.text().replace("&", "")
                                      for label in dialog.findChildren(QLabel)]
    assert dialog.focusWidget() is dialog.new
    dialog.new.setText("qwertyuiop")
    dialog.repeat.setText("qwertyuiop")
    click(qtbot, dialog.save_button)
    assert "commonest" in dialog.errors["new_password"].text()
    assert dialog.errors["new_password"].isVisible() and dialog.new.text() == ""
    dialog.new.setText(OWN_PASSWORD)
    dialog.repeat.setText(OWN_PASSWORD + "x")
    click(qtbot, dialog.save_button)
    assert dialog.errors["repeat"].text().startswith("The two new passwords are not the same")
    dialog.new.setText(TEMPORARY)
    dialog.repeat.setText(TEMPORARY)
    click(qtbot, dialog.save_button)
    assert dialog.errors["new_password"].text() == ("Choose a new password, not the "
                                                   "temporary one.")
    dialog.new.setText(OWN_PASSWORD)
    dialog.repeat.setText(OWN_PASSWORD)
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()
    assert not dialog.actor.must_change_password
    assert sec.guard.actor == dialog.actor
    sec.accounts.sign_out()
    assert sec.accounts.authenticate("office", OWN_PASSWORD).username == "office"


def test_changing_a_password_by_choice_still_asks_for_the_current_one(qtbot, sec):
    actor = sec.accounts.authenticate("head", HEAD_PASSWORD)
    dialog = shown(qtbot, ChangePasswordDialog(sec.accounts, actor))
    assert dialog.old.isVisible()
    dialog.new.setText(OWN_PASSWORD)
    dialog.repeat.setText(OWN_PASSWORD)
    click(qtbot, dialog.save_button)
    assert dialog.errors["old_password"].text() == "Enter the password you signed in with."
    dialog.old.setText("wrong one")
    click(qtbot, dialog.save_button)
    assert dialog.errors["old_password"].text() == "The current password is not right."
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_the_first_administrator_sees_the_recovery_code_once(qtbot, services, monkeypatch):
    sec = security_for(services)
    dialog = shown(qtbot, FirstAdminDialog(sec.accounts))
    dialog.display_name.setText("Mrs A Patel")
    dialog.username.setText("apatel")
    dialog.password.setText("password123")
    dialog.repeat.setText("password123")
    click(qtbot, dialog.create_button)
    assert "commonest" in dialog.errors["password"].text()
    assert dialog.pages.currentIndex() == 0 and not sec.accounts.has_users()
    dialog.password.setText(HEAD_PASSWORD)
    dialog.repeat.setText(HEAD_PASSWORD)
    click(qtbot, dialog.create_button)
    assert dialog.pages.currentIndex() == 1
    code = dialog.code.code_label.text()
    assert len(code) == 29
    assert not dialog.continue_button.isEnabled()
    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or next(
        b for b in box.buttons() if b.text() == "Show it again").click())
    dialog.reject()  # cannot be closed before the code is kept
    assert dialog.isVisible()
    assert asked and asked[0].startswith("Have you kept the recovery code?")
    printed = []
    monkeypatch.setattr(type(dialog.code), "print_code", lambda panel: printed.append(1))
    dialog.code.print_button.click()
    assert printed == [1]
    dialog.code.kept.setChecked(True)
    with qtbot.waitSignal(dialog.accepted):
        dialog.continue_button.click()
    assert dialog.code.code_label.text() == ""
    assert dialog.actor.role == "head" and dialog.actor.username == "apatel"
    assert sec.accounts.has_users()


def test_the_recovery_code_dialog(qtbot, services):
    sec, code = with_head(services)
    sec.accounts.sign_out()
    dialog = shown(qtbot, RecoveryCodeDialog(sec.accounts))
    dialog.code_box.setText("AAAAA-BBBBB-CCCCC-DDDDD-EEEEE")
    dialog.new.setText("A brand new long password")
    dialog.repeat.setText("A brand new long password")
    click(qtbot, dialog.reset_button)
    assert "not right" in dialog.errors["code"].text()
    dialog.code_box.setText(code.lower())
    click(qtbot, dialog.reset_button)
    assert dialog.pages.currentIndex() == 1
    assert dialog.code.code_label.text() not in ("", code)
    dialog.code.kept.setChecked(True)
    with qtbot.waitSignal(dialog.accepted):
        dialog.done_button.click()
    assert sec.accounts.authenticate("head", "A brand new long password").role == "head"


def test_no_password_or_code_stays_on_screen(qtbot, services):
    """Screenshots cannot be searched for text, so: every password box hides what is typed,
    and once the first administrator's dialog closes no label holds the recovery code."""
    from PySide6.QtWidgets import QLabel, QLineEdit

    from avenue_desk.ui.dialogs.change_password import ChangePasswordDialog
    from avenue_desk.ui.dialogs.sign_in import SignInDialog
    from avenue_desk.ui.widgets.lock_screen import LockScreen

    sec = security_for(services)
    first = shown(qtbot, FirstAdminDialog(sec.accounts))
    sign_in = shown(qtbot, SignInDialog(sec.accounts))
    recovery = shown(qtbot, RecoveryCodeDialog(sec.accounts))
    boxes = [first.password, first.repeat, sign_in.password, recovery.new, recovery.repeat]
    first.display_name.setText("Mrs A Patel")
    first.username.setText("apatel")
    first.password.setText(HEAD_PASSWORD)
    first.repeat.setText(HEAD_PASSWORD)
    click(qtbot, first.create_button)
    code = first.code.code_label.text()
    assert len(code) == 29
    change = shown(qtbot, ChangePasswordDialog(sec.accounts, sec.guard.actor))
    lock = LockScreen(sec.accounts)
    qtbot.addWidget(lock)
    boxes += [change.old, change.new, change.repeat, lock.password]
    assert all(box.echoMode() == QLineEdit.EchoMode.Password for box in boxes)
    assert all(box.text() == "" for box in (first.password, first.repeat))  # cleared
    first.code.kept.setChecked(True)
    first.continue_button.click()
    texts = [label.text() for label in first.findChildren(QLabel)]
    texts += [box.text() for box in first.findChildren(QLineEdit)]
    assert not any(code in text or code.replace("-", "") in text for text in texts)
    assert not any(HEAD_PASSWORD in text for text in texts)
