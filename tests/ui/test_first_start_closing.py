"""Issue 13, item 1: no first-run or recovery window can trap anyone. Closing any of them by
its × (``close()``) or by Esc leaves a usable window, or the program ends with its exit code
and the data folder's lock let go (a second copy can then start)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtNetwork import QLocalServer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QMessageBox

from avenue_desk import app
from avenue_desk.services.safety import InstanceLock, first_look
from avenue_desk.ui import sign_in_flow
from avenue_desk.ui.dialogs.change_password import ChangePasswordDialog
from avenue_desk.ui.dialogs.first_admin import FirstAdminDialog
from avenue_desk.ui.dialogs.first_run import FirstRunDialog
from avenue_desk.ui.dialogs.recovery_code import RecoveryCodeDialog
from avenue_desk.ui.dialogs.sign_in import SignInDialog
from avenue_desk.ui.instance_beacon import beacon_name
from avenue_desk.ui.operations import wait_for_operations
from tests.helpers.accounts import HEAD_PASSWORD, TEMPORARY, open_signed_in, with_head

WAYS = ["x", "esc"]
KEPT = "Yes, I have kept it"
SHOW_AGAIN = "Show it again"


def close(dialog, how: str) -> None:
    """As a person would: the title bar's × (a close event) or the Esc key."""
    if how == "x":
        dialog.close()
    else:
        QTest.keyClick(dialog, Qt.Key.Key_Escape)


def lock_is_free(paths) -> bool:
    lock = InstanceLock(paths.data_dir)
    try:
        lock.acquire()
    except Exception:  # noqa: BLE001 - AlreadyOpen: the lock was kept
        return False
    lock.release()
    return True


@pytest.fixture
def answers(monkeypatch):
    """The "Have you kept the recovery code?" question, answered from a list in turn;
    returns the questions asked."""
    replies: list[str] = []
    asked: list[str] = []

    def reply(box):
        asked.append(box.text())
        wanted = replies.pop(0)
        next(b for b in box.buttons() if b.text() == wanted).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", reply)
    return replies, asked


@pytest.fixture
def set_up(paths):
    with open_signed_in(paths) as services:
        services.settings.set_value("set_up", "1")
    return paths


@pytest.fixture
def no_window(monkeypatch):
    monkeypatch.setattr(app, "_show_window", lambda *a: pytest.fail("no main window"))


@pytest.mark.parametrize("how", [*WAYS, "quit"])
def test_closing_the_first_administrators_form_ends_cleanly(qapp, paths, monkeypatch,
                                                            no_window, how):
    seen = []

    def closed(dialog):
        seen.append(dialog.isVisible())
        if how == "quit":
            dialog.quit_button.click()
        else:
            close(dialog, how)
        seen.append(dialog.isVisible())
        return dialog.result()

    monkeypatch.setattr(FirstAdminDialog, "exec", closed)
    assert app.run_gui(paths) == 0
    assert seen == [True, False]
    assert lock_is_free(paths)
    assert not first_look(paths).has_users  # nothing made: it asks again next time


@pytest.mark.parametrize("how", WAYS)
def test_closing_the_recovery_code_asks_then_carries_on(qapp, paths, monkeypatch, answers,
                                                        how):
    """The code is shown once: closing its window asks whether it was kept. "Show it
    again" keeps it on screen; "Yes" carries on to setting up, like the Continue button."""
    replies, asked = answers
    codes = []

    def make_account_then_close(dialog):
        dialog.display_name.setText("Mrs A Patel")
        dialog.username.setText("apatel")
        dialog.password.setText(HEAD_PASSWORD)
        dialog.repeat.setText(HEAD_PASSWORD)
        dialog.create()
        assert wait_for_operations(dialog)
        assert dialog.windowTitle().startswith("Keep the recovery code safe")
        codes.append(dialog.code.code_label.text())
        replies.extend([SHOW_AGAIN, KEPT])
        close(dialog, how)
        assert dialog.isVisible() and dialog.code.code_label.text() == codes[0]
        close(dialog, how)
        assert not dialog.isVisible()
        return dialog.result()

    setting_up = []

    def first_run_closed(dialog):
        setting_up.append(True)
        dialog.show()
        close(dialog, how)
        assert not dialog.isVisible()
        return dialog.result()

    monkeypatch.setattr(FirstAdminDialog, "exec", make_account_then_close)
    monkeypatch.setattr(FirstRunDialog, "exec", first_run_closed)
    monkeypatch.setattr(app, "_show_window", lambda *a: pytest.fail("no main window"))
    assert app.run_gui(paths) == 0
    assert len(codes[0]) == 29
    assert len(asked) == 2 and all(q.startswith("Have you kept the recovery code?")
                                   for q in asked)
    assert setting_up == [True]  # the next window came up: nobody was left without one
    assert lock_is_free(paths)
    with open_signed_in(paths, username="apatel") as services:
        assert services.guard.actor.role == "head"  # the account was kept, and works


@pytest.mark.parametrize("how", WAYS)
def test_closing_the_first_run_choice_ends_cleanly(qapp, paths, monkeypatch, signs_in_as_head,
                                                   no_window, how):
    def closed(dialog):
        dialog.show()
        close(dialog, how)
        assert not dialog.isVisible()
        return dialog.result()

    monkeypatch.setattr(FirstRunDialog, "exec", closed)
    assert app.run_gui(paths) == 0
    assert lock_is_free(paths)


@pytest.mark.parametrize("how", [*WAYS, "quit"])
def test_closing_the_sign_in_ends_cleanly(qapp, set_up, monkeypatch, no_window, how):
    seen = []

    def closed(dialog):
        seen.append(dialog.isVisible())
        if how == "quit":
            dialog.quit_button.click()
        else:
            close(dialog, how)
        seen.append(dialog.isVisible())
        return dialog.result()

    monkeypatch.setattr(SignInDialog, "exec", closed)
    assert app.run_gui(set_up) == 0
    assert seen == [True, False]
    assert lock_is_free(set_up)


@pytest.mark.parametrize("how", WAYS)
def test_closing_the_forced_password_change_goes_back_to_sign_in(qapp, set_up, monkeypatch,
                                                                 no_window, how):
    with open_signed_in(set_up) as services:
        services.accounts.create_user("office", "Office", "office", TEMPORARY)
    signs_in = []

    def sign_in(dialog):
        signs_in.append(dialog.username.text())
        if len(signs_in) == 1:
            dialog.username.setText("office")
            dialog.password.setText(TEMPORARY)
            dialog.sign_in()
            assert wait_for_operations(dialog)
        else:
            close(dialog, how)  # the second time: the person gives up
        return dialog.result()

    changes = []

    def change_closed(dialog):
        dialog.show()
        changes.append(dialog.cancel_button.text())
        close(dialog, how)
        assert not dialog.isVisible()
        return dialog.result()

    monkeypatch.setattr(SignInDialog, "exec", sign_in)
    monkeypatch.setattr(ChangePasswordDialog, "exec", change_closed)
    assert app.run_gui(set_up) == 0
    assert changes == ["Sign out"]
    assert signs_in == ["", "office"]  # back at the sign-in, the name kept: a usable window
    assert lock_is_free(set_up)


@pytest.mark.parametrize("how", WAYS)
def test_closing_the_recovery_code_reset_goes_back_to_sign_in(qapp, set_up, monkeypatch,
                                                              no_window, how):
    asked = []

    def sign_in(accounts, school_name, username="", demo=""):
        asked.append("sign in")
        return sign_in_flow.RECOVERY if len(asked) == 1 else QDialog.DialogCode.Rejected

    resets = []

    def reset_closed(dialog):
        dialog.show()
        close(dialog, how)
        resets.append(dialog.isVisible())
        return dialog.result()

    monkeypatch.setattr(sign_in_flow, "ask_sign_in", sign_in)
    monkeypatch.setattr(RecoveryCodeDialog, "exec", reset_closed)
    assert app.run_gui(set_up) == 0
    assert resets == [False] and asked == ["sign in", "sign in"]
    assert lock_is_free(set_up)


@pytest.mark.no_accounts
@pytest.mark.parametrize("how", WAYS)
def test_the_new_recovery_code_is_not_lost_by_closing(qtbot, services, answers, how):
    replies, asked = answers
    sec, code = with_head(services)
    sec.accounts.sign_out()
    dialog = RecoveryCodeDialog(sec.accounts)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.code_box.setText(code)
    dialog.new.setText("A brand new long password")
    dialog.repeat.setText("A brand new long password")
    dialog.reset()
    assert wait_for_operations(dialog)
    assert dialog.pages.currentIndex() == 1
    new_code = dialog.code.code_label.text()
    replies.extend([SHOW_AGAIN, KEPT])
    close(dialog, how)
    assert dialog.isVisible() and dialog.code.code_label.text() == new_code
    with qtbot.waitSignal(dialog.accepted):
        close(dialog, how)
    assert len(asked) == 2 and not dialog.isVisible()
    assert sec.accounts.authenticate("head", "A brand new long password").role == "head"


# A second start on the same folder, with the folder held by another process.
HOLDER = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog
from avenue_desk.services.safety import InstanceLock
from avenue_desk.ui.instance_beacon import Beacon

app = QApplication([])
folder, kind = Path(sys.argv[1]), sys.argv[2]
lock = InstanceLock(folder).acquire()
beacon = Beacon(folder) if kind != "silent" else None
window = QDialog()
window.setWindowTitle("Sign in")
if kind == "window":
    window.show()
    window.showMinimized()  # brought back by the second start
QTimer.singleShot(60_000, app.quit)  # never outlives a test that went wrong
print("ready", flush=True)
app.exec()
"""


@pytest.fixture
def holder(paths):
    """Starts another process holding the folder: "window" (one minimised), "hidden" (no
    window on screen, as when its window went away) or "silent" (an older copy, or one not
    responding). Yields the process."""
    import os
    import subprocess
    import sys

    started = []

    def start(kind: str):
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        process = subprocess.Popen([sys.executable, "-c", HOLDER, str(paths.data_dir), kind],
                                   stdout=subprocess.PIPE, text=True, env=env)
        started.append(process)
        assert process.stdout.readline().strip() == "ready"
        return process

    yield start
    for process in started:
        stop(process)
    QLocalServer.removeServer(beacon_name(paths.data_dir))  # left by the killed holder


def stop(process) -> None:
    process.kill()
    process.wait(10)
    process.stdout.close()


@pytest.fixture
def warnings(monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    return said


def test_a_second_start_brings_the_open_window_forward(qapp, paths, holder, warnings,
                                                       no_window):
    holder("window")
    assert app.run_gui(paths) == 1
    assert warnings == []  # the open copy came to the front: nothing to say


@pytest.mark.parametrize("kind, said", [("hidden", "none of its windows is on the screen"),
                                        ("silent", "it is not answering")])
def test_a_second_start_never_points_at_an_invisible_window(qapp, paths, holder, warnings,
                                                            no_window, kind, said):
    process = holder(kind)
    assert app.run_gui(paths) == 1
    assert len(warnings) == 1
    assert said in warnings[0] and f"process {process.pid}" in warnings[0]
    assert "Switch to the open window" not in warnings[0]
    stop(process)
    assert lock_is_free(paths)  # a holder no longer running leaves the folder to the next
