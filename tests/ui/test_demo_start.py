"""The demo school from the window: built on a worker with a window saying so (never an
empty screen), and reached again from a real school's sign-in once it exists."""

from __future__ import annotations

import threading

import pytest

from avenue_desk import app
from avenue_desk.demo import accounts as demo_accounts
from avenue_desk.ui import operations, sign_in_flow
from avenue_desk.ui.dialogs import first_run
from avenue_desk.ui.dialogs.sign_in import IN_DEMO, SignInDialog
from avenue_desk.ui.operations import wait_for_operations
from tests.helpers.accounts import cheap_hashing, open_signed_in


@pytest.fixture
def small_demo(monkeypatch):
    monkeypatch.setattr(first_run, "DEMO_INCIDENTS", 20)
    told = []
    monkeypatch.setattr(first_run, "show_demo_accounts", lambda made: told.append(made))
    return told


def test_trying_the_demo_shows_it_being_built_off_the_windows_thread(
        qapp, paths, monkeypatch, signs_in_as_head, small_demo):
    monkeypatch.setattr(first_run.FirstRunDialog, "exec",
                        lambda self: self.choose_demo() or self.result())
    built_on_the_window_thread, progress_windows = [], []
    make = demo_accounts.make_demo

    def making(*args, **kwargs):
        built_on_the_window_thread.append(threading.current_thread() is threading.main_thread())
        return make(*args, **kwargs)

    show = operations.ProgressWindow.show

    def shown(window):
        progress_windows.append((window.windowTitle(), window.label.text()))
        show(window)

    monkeypatch.setattr(demo_accounts, "make_demo", making)
    monkeypatch.setattr(operations.ProgressWindow, "show", shown)
    opened = []
    monkeypatch.setattr(app, "_show_window", lambda a, services, smoke: opened.append(
        (services.paths.data_dir, services.settings.load().is_demo)) or 0)
    monkeypatch.setenv("AVENUE_DESK_PASSWORD", "Correct-Horse-42")
    assert app.run_gui(paths) == 0
    assert built_on_the_window_thread == [False]
    assert progress_windows == [("The demo school", first_run.BUILDING)]
    assert first_run.BUILDING.startswith("Building the demo school…")
    assert opened == [(paths.demo().data_dir, True)] and len(small_demo) == 1


def test_a_real_schools_sign_in_offers_the_demo_school_once_it_exists(qapp, paths, clock,
                                                                     monkeypatch, small_demo):
    with open_signed_in(paths) as services:
        services.settings.set_value("set_up", "1")
    assert sign_in_flow.demo_choice(paths, is_demo=False) == ""  # no demo school yet
    demo, made = app.open_demo_services(paths, clock, password="Correct-Horse-42",
                                        hashing=cheap_hashing())
    demo.close()
    assert sign_in_flow.demo_choice(paths, is_demo=False) == "offer"
    asked = []

    def answer(dialog):
        offered = not dialog.demo_button.isHidden()
        asked.append((offered, dialog.demo_note.text()))
        if offered:
            dialog.demo_button.click()  # the real school's sign-in: off to the demo school
            return dialog.result()
        dialog.username.setText("office")
        dialog.password.setText("Correct-Horse-42")
        dialog.sign_in()
        assert wait_for_operations(dialog)
        return dialog.result()

    monkeypatch.setattr(SignInDialog, "exec", answer)
    opened = []
    monkeypatch.setattr(app, "_show_window", lambda a, services, smoke: opened.append(
        (services.paths.data_dir, services.guard.actor.username)) or 0)
    assert app.run_gui(paths) == 0
    assert [offered for offered, _note in asked] == [True, False]
    assert asked[0][1].startswith("Trying Avenue Desk out?")
    assert asked[1][1] == IN_DEMO  # the demo school's own sign-in says where it is
    assert opened == [(paths.demo().data_dir, "office")]
    assert small_demo == []  # made before: opened as it is, its password not shown again
