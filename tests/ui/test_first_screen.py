"""The first screen is painted before the records are opened (issue 7: the window first,
SQLAlchemy and the rest after), then used once they are: nothing typed into it is lost."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from avenue_desk import app
from avenue_desk.services.safety.folder_look import RESTORE_NOTES, first_look
from avenue_desk.ui import sign_in_flow
from avenue_desk.ui.dialogs.first_admin import FirstAdminDialog
from avenue_desk.ui.dialogs.sign_in import SignInDialog
from avenue_desk.ui.operations import wait_for_operations
from tests.helpers.accounts import HEAD_PASSWORD, open_signed_in

SCHOOL = "The Avenue Primary School"


@pytest.fixture
def set_up(paths):
    with open_signed_in(paths) as services:
        services.settings.set_value("set_up", "1")
        services.settings.set_value("school_name", SCHOOL)
    return paths


@pytest.fixture
def events(monkeypatch):
    """What happened, in order: the first screen shown, the records opened."""
    happened = []
    show, open_records = sign_in_flow.show_first_screen, app.open_records

    def shown(*args):
        dialog = show(*args)
        happened.append(("shown", dialog))
        return dialog

    def opened(paths):
        happened.append(("opened", None))  # on the worker thread: touches no widget
        return open_records(paths)

    monkeypatch.setattr(sign_in_flow, "show_first_screen", shown)
    monkeypatch.setattr(app, "open_records", opened)
    return happened


def test_the_sign_in_is_shown_first_then_used_once_the_records_are_open(qapp, set_up,
                                                                        monkeypatch, events):
    asked = []

    def answer(dialog):
        asked.append((dialog, dialog.sign_in_button.isEnabled(),
                       [w.text() for w in dialog.findChildren(QLabel)]))
        dialog.username.setText("head")
        dialog.password.setText(HEAD_PASSWORD)
        dialog.sign_in()
        assert wait_for_operations(dialog)  # the password is checked in the background
        return dialog.result()

    monkeypatch.setattr(SignInDialog, "exec", answer)
    shown = []
    monkeypatch.setattr(app, "_show_window", lambda a, services, smoke: shown.append(
        services.guard.actor.username) or 0)
    assert app.run_gui(set_up) == 0
    assert [what for what, _ in events] == ["shown", "opened"]
    first = events[0][1]
    assert first.__class__.__name__ == "SignInDialog"
    assert [dialog for dialog, _, _ in asked] == [first]  # the same dialog, no second one
    assert asked[0][1] is True  # usable once the records were open
    assert SCHOOL in asked[0][2]
    assert shown == ["head"]


def test_the_sign_in_waits_for_the_records(qapp):
    dialog = sign_in_flow.show_first_screen(True, SCHOOL)
    try:
        assert not dialog.sign_in_button.isEnabled()
        dialog.username.setText("head")
        dialog.password.setText("anything")
        assert dialog.sign_in() is None and dialog.actor is None
    finally:
        sign_in_flow.discard(dialog)


def test_enter_pressed_while_the_records_open_signs_in_once_they_are(qapp, set_up,
                                                                     monkeypatch, events):
    # Seen in a real window: Enter pressed a moment too soon did nothing, and nothing said so.
    show = sign_in_flow.show_first_screen
    said = []

    def type_and_press_enter(*args):
        dialog = show(*args)
        dialog.username.setText("head")
        dialog.password.setText(HEAD_PASSWORD)
        QTest.keyClick(dialog.password, Qt.Key.Key_Return)
        said.append(not dialog.working.isHidden())
        return dialog

    def nothing_more_typed(dialog):
        assert wait_for_operations(dialog)
        return dialog.result()

    monkeypatch.setattr(sign_in_flow, "show_first_screen", type_and_press_enter)
    monkeypatch.setattr(SignInDialog, "exec", nothing_more_typed)
    shown = []
    monkeypatch.setattr(app, "_show_window", lambda a, services, smoke: shown.append(
        services.guard.actor.username) or 0)
    assert app.run_gui(set_up) == 0
    assert said == [True]  # "Signing in…" at once, before the records were open
    assert shown == ["head"]


def test_quitting_while_the_records_open_quits(qapp, set_up, monkeypatch, events):
    show = sign_in_flow.show_first_screen

    def quit_at_once(*args):
        dialog = show(*args)
        dialog.quit_button.click()
        return dialog

    monkeypatch.setattr(sign_in_flow, "show_first_screen", quit_at_once)
    monkeypatch.setattr(SignInDialog, "exec", lambda self: pytest.fail("asked again"))
    monkeypatch.setattr(app, "_show_window", lambda *a: pytest.fail("no window"))
    assert app.run_gui(set_up) == 0


def test_a_new_folder_shows_the_first_administrators_form_first(qapp, paths, monkeypatch,
                                                                events):
    made = []

    def fill_in(dialog):
        made.append(dialog)
        return 0  # closed

    monkeypatch.setattr(FirstAdminDialog, "exec", fill_in)
    monkeypatch.setattr(app, "_show_window", lambda *a: pytest.fail("no window"))
    assert app.run_gui(paths) == 0
    assert [what for what, _ in events] == ["shown", "opened"]
    assert made == [events[0][1]]


def test_first_look(paths, set_up):
    assert first_look(set_up).has_users and first_look(set_up).school_name == SCHOOL
    fresh = paths.demo()
    assert first_look(fresh) == first_look(fresh).__class__(has_users=False, school_name="")
    (set_up.data_dir / RESTORE_NOTES[0]).write_text("{}")
    assert first_look(set_up) is None  # a restore first: the records are opened the old way


def test_the_restore_notes_are_the_restores_own():
    from avenue_desk.services.safety import restore

    assert set(RESTORE_NOTES) == {restore.PENDING, restore.JOURNAL}


@pytest.mark.parametrize("accounts", [False, True])
def test_nothing_heavy_is_imported_before_the_first_paint(paths, accounts):
    if accounts:
        open_signed_in(paths).close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "avenue_desk", "--data-dir",
         str(paths.data_dir), "--smoke-test"], capture_output=True, text=True, env=env,
        timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    before = done.stderr.split("Smoke test: the sign-in screen opened and painted.")[0]
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0]
                for line in before.splitlines() if line.startswith("import time:")}
    assert "PySide6" in imported
    assert not imported & {"sqlalchemy", "alembic", "reportlab", "mako"}
    # An encrypted school's sign-in (the test schools are encrypted) is painted before the
    # key code too: argon2, cryptography and SQLCipher load on the worker that unlocks.
    assert not imported & {"sqlcipher3", "argon2", "cryptography"}
