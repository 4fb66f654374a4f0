"""app.py: signing in, the first run, the smoke test, signing out and back in, the demo,
and errors shown rather than swallowed."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from avenue_desk import app
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.ui import sign_in_flow
from avenue_desk.ui.dialogs import first_run
from tests.helpers.accounts import open_signed_in


def test_the_smoke_test_paints_the_first_screen_and_signs_nobody_in(qapp, paths, monkeypatch,
                                                                   capsys):
    monkeypatch.setattr(first_run.FirstRunDialog, "exec",
                        lambda self: (_ for _ in ()).throw(AssertionError("no dialog")))
    monkeypatch.setattr(app, "_show_window",
                        lambda *a: (_ for _ in ()).throw(AssertionError("no window")))
    assert app.run_gui(paths, smoke_test=True) == 0  # a new folder: the first admin's form
    assert "sign-in screen opened and painted" in capsys.readouterr().err
    with open_signed_in(paths) as services:  # closed cleanly: it opens again; no account made
        assert not services.settings.load().set_up
        assert [u.username for u in services.accounts.list_users()] == ["head"]
        rows_before = services.audit.head()[0]
    assert app.run_gui(paths, smoke_test=True) == 0  # accounts now: the sign-in dialog
    with open_signed_in(paths) as services:
        assert services.audit.head()[0] == rows_before + 1  # only this sign-in, just now


def test_closing_the_first_administrator_dialog_quits(qapp, paths, monkeypatch):
    monkeypatch.setattr(sign_in_flow, "create_first_admin", lambda services: False)
    monkeypatch.setattr(app, "_show_window", lambda *a: pytest.fail("no window"))
    assert app.run_gui(paths) == 0


def test_closing_the_first_run_dialog_quits(qapp, paths, monkeypatch, signs_in_as_head):
    monkeypatch.setattr(first_run.FirstRunDialog, "exec",
                        lambda self: QDialog.DialogCode.Rejected)
    assert app.run_gui(paths) == 0
    assert signs_in_as_head == ["first admin"]


def test_setting_up_then_opens_the_window(qapp, paths, monkeypatch, signs_in_as_head):
    def fill_in(dialog):
        dialog.ui.schoolName.setText("The Avenue Primary School")
        dialog.ui.headName.setText("Mr D Joy")
        dialog.start()
        return dialog.result()

    shown = []
    monkeypatch.setattr(first_run.FirstRunDialog, "exec", fill_in)
    monkeypatch.setattr(app, "_show_window", lambda a, services, smoke: shown.append(
        (services.settings.load().school_name, services.guard.actor.username)) or 0)
    assert app.run_gui(paths) == 0
    assert shown == [("The Avenue Primary School", "head")]
    assert signs_in_as_head == ["first admin"]
    assert app.run_gui(paths) == 0  # the next start: the sign-in, and no first run
    assert signs_in_as_head == ["first admin", "sign in"]
    with open_signed_in(paths) as services:
        actions = [r.action for r in services.audit.page()]
    # Newest first: this check's sign-in; quitting the second start signed out, after the
    # backup made on closing; the second start's sign-in.
    assert actions[:4] == ["sign_in", "sign_out", "backup", "sign_in"]


def test_signing_out_comes_back_to_the_sign_in(qapp, paths, monkeypatch, signs_in_as_head):
    with open_signed_in(paths) as services:
        services.settings.set_value("set_up", "1")
    outcomes = iter([app.SIGN_OUT, 0])
    monkeypatch.setattr(app, "_show_window", lambda a, services, smoke: next(outcomes))
    assert app.run_gui(paths) == 0
    assert signs_in_as_head == ["sign in", "sign in"]


def test_a_temporary_password_must_be_changed_before_the_window(qapp, paths, monkeypatch):
    with open_signed_in(paths) as services:
        services.settings.set_value("set_up", "1")
        services.accounts.create_user("office", "Mr Office", "office", "k7qx-2mfr-9tza")
    forced = []

    def sign_in(accounts, school_name, username="", demo=""):
        accounts.authenticate("office", "k7qx-2mfr-9tza")
        return QDialog.DialogCode.Accepted

    def refuse_to_change(accounts, actor):
        forced.append(actor.username)
        return len(forced) > 1  # the first time closed with "Sign out", then changed

    monkeypatch.setattr(sign_in_flow, "ask_sign_in", sign_in)
    monkeypatch.setattr(sign_in_flow, "change_temporary_password", refuse_to_change)
    monkeypatch.setattr(app, "_show_window", lambda a, services, smoke: 0)
    assert app.run_gui(paths) == 0
    assert forced == ["office", "office"]


def test_the_recovery_code_is_offered_from_the_sign_in(qapp, paths, monkeypatch):
    with open_signed_in(paths) as services:
        services.settings.set_value("set_up", "1")
    answers = iter([sign_in_flow.RECOVERY, QDialog.DialogCode.Rejected])
    used = []
    monkeypatch.setattr(sign_in_flow, "ask_sign_in", lambda *a, **k: next(answers))
    monkeypatch.setattr(sign_in_flow, "use_recovery_code", lambda accounts: used.append(1))
    monkeypatch.setattr(app, "_show_window", lambda *a: pytest.fail("no window"))
    assert app.run_gui(paths) == 0
    assert used == [1]


def test_the_demo_choice_opens_the_demo_signed_in_as_its_head(qapp, paths, monkeypatch,
                                                              signs_in_as_head):
    monkeypatch.setattr(first_run, "DEMO_INCIDENTS", 20)
    monkeypatch.setattr(first_run.FirstRunDialog, "exec",
                        lambda self: self.choose_demo() or self.result())
    told = []
    monkeypatch.setattr(first_run, "show_demo_accounts", lambda made: told.append(made))
    shown = []
    monkeypatch.setattr(app, "_show_window", lambda a, services, smoke: shown.append(
        (services.paths.data_dir, services.guard.actor.username,
         services.settings.load().is_demo)) or 0)
    monkeypatch.setenv("AVENUE_DESK_PASSWORD", "Correct-Horse-42")
    assert app.run_gui(paths) == 0
    assert shown == [(paths.demo().data_dir, "head", True)]
    assert [m.usernames for m in told] == [("head", "office", "governor", "staff")]
    assert not told[0].generated


def test_an_unexpected_error_is_shown_and_printed(qapp, monkeypatch, capsys):
    boxes = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()) or 0)
    previous = app.install_excepthook()
    try:
        try:
            raise RuntimeError("disk on fire")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
        try:
            raise ServiceError("Incident 9 does not exist.")
        except ServiceError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = previous
    assert "did not expect" in boxes[0]
    assert boxes[1] == "Incident 9 does not exist."
    assert "RuntimeError: disk on fire" in capsys.readouterr().err
