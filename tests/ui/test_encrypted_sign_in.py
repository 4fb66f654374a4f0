"""Issue 18: the window's sign-in at an encrypted school whose records are not open yet.

Each school here is made beforehand, as a real one is, then the program "ends" (its keys
forgotten, ``keyring.forget()``), so ``app.run_gui`` starts as a new program would: the first
screen is the sign-in, painted before the records can be read; its password opens the
records' key on a worker, the records open behind it, and the same password signs in.
The dialogs are the real ones, driven as a person would drive them.
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from avenue_desk import app
from avenue_desk.paths import AppPaths
from avenue_desk.services.container import open_services
from avenue_desk.services.core import records_key
from avenue_desk.services.core.data_key import SecretRefused
from avenue_desk.services.safety import first_look
from avenue_desk.services.safety.folder_look import KEY_FILE, FirstLook
from avenue_desk.store import keyring
from avenue_desk.ui import sign_in_flow
from avenue_desk.ui.dialogs import first_run
from avenue_desk.ui.dialogs.first_admin import FirstAdminDialog
from avenue_desk.ui.dialogs.recovery_code import RecoveryCodeDialog
from avenue_desk.ui.dialogs.sign_in import IN_DEMO, SignInDialog
from avenue_desk.ui.operations import wait_for_operations
from tests.helpers.accounts import (
    HEAD_PASSWORD,
    ORIGIN,
    OWN_PASSWORD,
    TEMPORARY,
    cheap_hashing,
)

SCHOOL = "The Avenue Primary School"
WRONG = "Wrong username or password."  # the accounts' own words (accounts/records.py)
NEW_PASSWORD = "A brand new long password"
DEMO_PASSWORD = "Correct-Horse-42"


def make_school(folder) -> tuple[AppPaths, str]:
    """An encrypted school with its Headteacher, set up, made by an earlier run of the
    program; returns its paths and recovery code. Always a SQLite folder: only a file's
    records are encrypted."""
    paths = AppPaths(folder)
    with open_services(paths, origin=ORIGIN, hashing=cheap_hashing()) as services:
        code = services.accounts.create_first_admin("head", "Mrs Patel", HEAD_PASSWORD)
        services.accounts.authenticate("head", HEAD_PASSWORD)
        services.settings.set_value("set_up", "1")
        services.settings.set_value("school_name", SCHOOL)
    assert records_key.is_encrypted(paths)
    keyring.forget()  # a new program: it holds no key
    return paths, code


@pytest.fixture
def school(tmp_path):
    return make_school(tmp_path / "school")


@pytest.fixture
def events(monkeypatch):
    """What happened, in order: each sign-in shown (and the dialog), the records opened
    (and whether their key was open by then)."""
    happened = []
    show, open_records = sign_in_flow.show_first_screen, app.open_records

    def shown(*args):
        dialog = show(*args)
        happened.append(("shown", dialog))
        return dialog

    def opened(paths):
        happened.append(("opened", records_key.is_locked(paths)))
        return open_records(paths)

    monkeypatch.setattr(sign_in_flow, "show_first_screen", shown)
    monkeypatch.setattr(app, "open_records", opened)
    return happened


@pytest.fixture
def window(monkeypatch):
    """The main window stood in for: who it was shown to, and where."""
    shown = []
    monkeypatch.setattr(app, "_show_window", lambda a, services, smoke: shown.append(
        (services.paths.data_dir, services.guard.actor.username)) or 0)
    return shown


def on_each_sign_in(monkeypatch, *acts):
    """Each locked sign-in shown is answered, in turn, by the next of ``acts(dialog)``,
    run once the window's loop turns (a person cannot type before the screen is up)."""
    show = sign_in_flow.show_first_screen
    queue = list(acts)

    def shown(*args):
        dialog = show(*args)
        if queue:
            act = queue.pop(0)
            QTimer.singleShot(0, lambda: act(dialog))
        return dialog

    monkeypatch.setattr(sign_in_flow, "show_first_screen", shown)


def type_in(dialog, username: str, password: str) -> None:
    dialog.username.setText(username)
    dialog.password.setText(password)


def signs_in_when_asked(monkeypatch):
    """Any sign-in run with exec() (the records open: the accounts' own) waits for its
    password's check; records which dialogs were asked."""
    asked = []

    def answer(dialog):
        asked.append(dialog)
        if dialog.signing_in is None:  # a sign-in of its own: typed in now
            type_in(dialog, "head", NEW_PASSWORD)
            dialog.sign_in()
        assert wait_for_operations(dialog)
        return dialog.result()

    monkeypatch.setattr(SignInDialog, "exec", answer)
    return asked


def test_the_password_opens_the_records_then_signs_in_typed_once(qapp, school, events,
                                                                 window, monkeypatch):
    paths, _code = school
    asked = signs_in_when_asked(monkeypatch)
    pressed = []
    show = sign_in_flow.show_first_screen

    def press_enter_at_once(*args):
        dialog = show(*args)
        pressed.append(dialog.sign_in_button.isEnabled())
        type_in(dialog, "head", HEAD_PASSWORD)
        QTest.keyClick(dialog.password, Qt.Key.Key_Return)  # Enter presses "Sign in"
        pressed.append(not dialog.working.isHidden())  # "Signing in…" at once
        return dialog

    monkeypatch.setattr(sign_in_flow, "show_first_screen", press_enter_at_once)
    assert app.run_gui(paths) == 0
    assert window == [(paths.data_dir, "head")]
    assert pressed[0] is True  # usable at once: nothing to wait for before the password
    assert pressed[1] is True
    assert [what for what, _ in events] == ["shown", "opened"]
    assert events[1][1] is False  # opened only once the password had opened their key
    assert asked == [events[0][1]]  # the same sign-in went on: the password typed once
    with open_services(paths, origin=ORIGIN) as services:
        services.accounts.authenticate("head", HEAD_PASSWORD)
        actions = [row.action for row in services.audit.page()]
    # Newest first: this check; the window's run (its sign-in, the backup, signing out).
    assert actions[:4] == ["sign_in", "sign_out", "backup", "sign_in"]


def test_a_wrong_password_is_refused_beside_the_box_and_opens_nothing(qapp, school, events,
                                                                     window, monkeypatch):
    paths, _code = school
    seen = []

    def try_wrong_then_quit(dialog):
        for username in ("head", "nobody"):  # a name with no account: the same words
            type_in(dialog, username, "not the password")
            dialog.sign_in_button.click()
            assert not dialog.working.isHidden()  # busy, and still responsive
            assert not dialog.sign_in_button.isEnabled()
            assert wait_for_operations(dialog)
            seen.append((dialog.message.text(), dialog.message.isVisible(),
                         dialog.password.text(), dialog.sign_in_button.isEnabled(),
                         dialog.isVisible()))
        dialog.quit_button.click()

    on_each_sign_in(monkeypatch, try_wrong_then_quit)
    assert app.run_gui(paths) == 0
    assert window == []
    assert [what for what, _ in events] == ["shown"]  # the records were never opened
    assert records_key.is_locked(paths)
    head, stranger = seen
    assert head[0] == (f"{WRONG} 4 tries left before the account is locked for "
                       "15 minutes.")  # counted as the accounts count wrong passwords
    assert head[1:] == (True, "", True, True)  # beside the box, which is emptied; again
    assert stranger[0].startswith(WRONG)


def test_wrong_passwords_before_opening_go_into_the_trail_once_they_open(
        qapp, school, window, monkeypatch):
    paths, _code = school
    signs_in_when_asked(monkeypatch)

    def wrong_then_right(dialog):
        type_in(dialog, "head", "not the password")
        dialog.sign_in_button.click()
        assert wait_for_operations(dialog)
        type_in(dialog, "head", HEAD_PASSWORD)
        dialog.sign_in_button.click()

    on_each_sign_in(monkeypatch, wrong_then_right)
    assert app.run_gui(paths) == 0
    assert window == [(paths.data_dir, "head")]
    with open_services(paths, origin=ORIGIN) as services:
        services.accounts.authenticate("head", HEAD_PASSWORD)
        summaries = [(row.action, row.summary) for row in services.audit.page()]
    assert ("sign_in_failed", "1 wrong password before the encrypted records were "
                              "opened") in summaries


def test_the_recovery_code_opens_locked_records_and_sets_a_new_password(
        qapp, school, events, window, monkeypatch):
    paths, code = school
    asked = signs_in_when_asked(monkeypatch)
    seen = []

    def ask_for_the_code(dialog):
        dialog.forgotten_button.click()
        assert dialog.recovery_button.isEnabled()  # usable before the records are open
        dialog.recovery_button.click()

    def use_the_code(dialog):
        seen.append(dialog.services)  # nothing open yet
        dialog.code_box.setText("AAAAA-BBBBB-CCCCC-DDDDD-EEEEE")
        dialog.new.setText(NEW_PASSWORD)
        dialog.repeat.setText(NEW_PASSWORD)
        dialog.reset()
        assert wait_for_operations(dialog)
        seen.append((dialog.errors["code"].text(), dialog.services,
                     records_key.is_locked(paths)))
        dialog.code_box.setText(code.lower())  # as typed back from paper
        dialog.new.setText(NEW_PASSWORD)
        dialog.repeat.setText(NEW_PASSWORD)
        dialog.reset()
        assert wait_for_operations(dialog)
        assert dialog.pages.currentIndex() == 1  # the new code, shown once
        seen.append(dialog.code.code_label.text())
        dialog.code.kept.setChecked(True)
        dialog.done_button.click()
        return dialog.result()

    on_each_sign_in(monkeypatch, ask_for_the_code)
    monkeypatch.setattr(RecoveryCodeDialog, "exec", use_the_code)
    assert app.run_gui(paths) == 0
    assert seen[0] is None
    assert seen[1] == ("That recovery code is not right.", None, True)  # opens nothing
    assert seen[2] not in ("", code)
    assert [what for what, _ in events] == ["shown", "opened"]
    assert events[1][1] is False  # the code opened the key first
    assert len(asked) == 1 and asked[0].opens_records is False  # then the usual sign-in
    assert window == [(paths.data_dir, "head")]  # with the new password
    keyring.forget()
    with pytest.raises(SecretRefused):
        records_key.unlock_with_password(paths, "head", HEAD_PASSWORD)  # opens nothing now
    records_key.unlock_with_password(paths, "head", NEW_PASSWORD)


def _missing(paths):
    (paths.data_dir / KEY_FILE).unlink()


def _damaged(paths):
    (paths.data_dir / KEY_FILE).write_text("{ not json", encoding="utf-8")


def _changed(paths):
    key_file = paths.data_dir / KEY_FILE
    found = json.loads(key_file.read_text(encoding="utf-8"))
    found["copies"] = [c for c in found["copies"] if c["kind"] != "recovery"]
    key_file.write_text(json.dumps(found), encoding="utf-8")


@pytest.mark.parametrize(("spoil", "words"), [
    (_missing, "is missing from"),  # taken away after the sign-in was shown
    (_damaged, "is damaged and cannot be read"),
    (_changed, "has been changed outside Avenue Desk"),
])
def test_a_key_file_problem_is_said_with_what_to_do(qapp, school, events, window,
                                                    monkeypatch, spoil, words):
    paths, _code = school
    if spoil is not _missing:
        spoil(paths)
    seen = []

    def sign_in_then_quit(dialog):
        if spoil is _missing:
            spoil(paths)
        type_in(dialog, "head", HEAD_PASSWORD)
        dialog.sign_in_button.click()
        assert wait_for_operations(dialog)
        seen.append(dialog.message.text())
        dialog.quit_button.click()

    on_each_sign_in(monkeypatch, sign_in_then_quit)
    assert app.run_gui(paths) == 0
    assert window == [] and [what for what, _ in events] == ["shown"]
    message = seen[0]
    assert words in message and "records-key.json" in message
    assert "Restore it from the newest backup" in message
    assert str(paths.backups_dir) in message and "avenue-desk restore FILE" in message
    assert "Traceback" not in message


def test_the_smoke_test_paints_the_locked_sign_in_and_opens_nothing(qapp, school, window,
                                                                    capsys):
    paths, _code = school
    before = (paths.database_file.read_bytes(), (paths.data_dir / KEY_FILE).read_bytes())
    assert app.run_gui(paths, smoke_test=True) == 0
    assert "the sign-in screen opened and painted" in capsys.readouterr().err
    assert window == [] and records_key.is_locked(paths)
    after = (paths.database_file.read_bytes(), (paths.data_dir / KEY_FILE).read_bytes())
    assert after == before  # nothing was written: nobody signed in


def test_the_first_look_at_a_locked_school_reads_only_its_key_file(tmp_path, school):
    paths, _code = school
    assert KEY_FILE == keyring.KEY_FILE
    assert first_look(paths) == FirstLook(has_users=True, school_name="", locked=True)
    records_key.unlock_with_password(paths, "head", HEAD_PASSWORD)
    # This program holds its key now: the records are read as a plain school's are.
    assert first_look(paths) == FirstLook(has_users=True, school_name=SCHOOL, locked=False)
    keyring.forget()
    (paths.data_dir / KEY_FILE).write_text("{ not json", encoding="utf-8")
    assert first_look(paths).locked  # the sign-in then says what is wrong with it
    unfinished = AppPaths(tmp_path / "unfinished")
    open_services(unfinished).close()  # a new school's key file, no account made
    keyring.forget()
    assert first_look(unfinished) == FirstLook(has_users=False, school_name="")


def test_the_demo_school_made_before_has_its_own_locked_sign_in(qapp, school, window,
                                                               monkeypatch):
    paths, _code = school
    monkeypatch.setattr(first_run, "DEMO_INCIDENTS", 20)
    demo, made = app.open_demo_services(paths, password=DEMO_PASSWORD,
                                        hashing=cheap_hashing())
    demo.close()
    assert made is not None and records_key.is_encrypted(paths.demo())
    keyring.forget()
    signs_in_when_asked(monkeypatch)
    offered = []

    def go_to_the_demo(dialog):
        offered.append((dialog.demo_note.text(), dialog.demo_button.isVisible()))
        dialog.demo_button.click()

    def sign_in_to_the_demo(dialog):
        offered.append((dialog.demo_note.text(), dialog.demo_button.isVisible()))
        type_in(dialog, "office", DEMO_PASSWORD)
        dialog.sign_in_button.click()

    on_each_sign_in(monkeypatch, go_to_the_demo, sign_in_to_the_demo)
    assert app.run_gui(paths) == 0
    assert offered[0][0].startswith("Trying Avenue Desk out?") and offered[0][1]
    assert offered[1] == (IN_DEMO, False)  # the demo school's own sign-in says so
    assert window == [(paths.demo().data_dir, "office")]
    assert records_key.is_locked(paths)  # the school's own records were never opened


def test_a_new_school_is_encrypted_from_its_first_administrator(qapp, tmp_path, window,
                                                                monkeypatch):
    paths = AppPaths(tmp_path / "new school")
    made = []

    def fill_in(dialog):
        made.append(dialog)
        dialog.display_name.setText("Mrs A Patel")
        dialog.username.setText("apatel")
        dialog.password.setText(HEAD_PASSWORD)
        dialog.repeat.setText(HEAD_PASSWORD)
        dialog.create()
        assert wait_for_operations(dialog)
        dialog.code.kept.setChecked(True)
        dialog.finish()
        return dialog.result()

    monkeypatch.setattr(FirstAdminDialog, "exec", fill_in)
    monkeypatch.setattr(first_run.FirstRunDialog, "exec", lambda self: 0)  # closed
    assert app.run_gui(paths) == 0
    assert len(made) == 1
    assert not paths.database_file.read_bytes().startswith(keyring.PLAIN_HEADER)
    copies = json.loads((paths.data_dir / KEY_FILE).read_text(encoding="utf-8"))["copies"]
    assert sorted(copy["kind"] for copy in copies) == ["account", "recovery"]
    keyring.forget()
    assert first_look(paths).locked  # the next start: the sign-in opens them


def test_a_temporary_password_opens_the_records_then_must_be_changed(qapp, tmp_path, window,
                                                                     monkeypatch):
    paths = AppPaths(tmp_path / "school")
    with open_services(paths, origin=ORIGIN, hashing=cheap_hashing()) as services:
        services.accounts.create_first_admin("head", "Mrs Patel", HEAD_PASSWORD)
        services.accounts.authenticate("head", HEAD_PASSWORD)
        services.settings.set_value("set_up", "1")
        services.accounts.create_user("office", "Mr Office", "office", TEMPORARY)
    keyring.forget()
    signs_in_when_asked(monkeypatch)
    changed = []

    def change(accounts, actor):  # the forced change, as its dialog makes it
        changed.append(actor.username)
        accounts.change_password(actor, TEMPORARY, OWN_PASSWORD)
        return True

    monkeypatch.setattr(sign_in_flow, "change_temporary_password", change)
    on_each_sign_in(monkeypatch, lambda dialog: (type_in(dialog, "office", TEMPORARY),
                                                 dialog.sign_in_button.click()))
    assert app.run_gui(paths) == 0
    assert changed == ["office"] and window == [(paths.data_dir, "office")]
    keyring.forget()
    with pytest.raises(SecretRefused):
        records_key.unlock_with_password(paths, "office", TEMPORARY)
    records_key.unlock_with_password(paths, "office", OWN_PASSWORD)  # its own, from now on
