"""Fixtures for the window tests: the whole app (``app.run_gui``), and each test's own
user settings (QSettings) so that no test reads or writes a real person's."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from avenue_desk.ui import sign_in_flow, window_state
from avenue_desk.ui.operations import wait_for_operations
from avenue_desk.ui.style import load_stylesheet
from tests.helpers.accounts import HEAD_PASSWORD


@pytest.fixture
def signs_in_as_head(monkeypatch):
    """The sign-in dialogs answered as the test Headteacher would: the first administrator
    made on a new database ("head"), or "head" signing in. Returns what was asked."""
    asked = []

    def first_admin(services):
        asked.append("first admin")
        services.accounts.create_first_admin("head", "Mrs Patel", HEAD_PASSWORD)
        services.accounts.authenticate("head", HEAD_PASSWORD)
        return True

    def sign_in(accounts, school_name, username="", demo=""):
        asked.append("sign in")
        accounts.authenticate("head", HEAD_PASSWORD)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(sign_in_flow, "create_first_admin", first_admin)
    monkeypatch.setattr(sign_in_flow, "ask_sign_in", sign_in)
    return asked


@pytest.fixture(autouse=True)
def own_user_settings(tmp_path):
    """QSettings in this test's own folder: a test never sees a real person's window
    layout, nor leaves one behind."""
    folder = tmp_path / "user settings"
    window_state.keep_in(folder)
    return folder


@pytest.fixture
def remembers_layouts(qapp, own_user_settings):
    """Windows restore and keep their layout, as they do in the real program."""
    window_state.remember_layouts(qapp)
    yield own_user_settings
    window_state.remember_layouts(qapp, False)


@pytest.fixture(autouse=True)
def background_work_ends_with_the_test(request):
    """Work a test's screens sent off the GUI thread (``ui.operations``) has ended before
    the test's records are closed, so none of it runs on into the next test."""
    if "services" in request.fixturenames:
        request.getfixturevalue("services")  # set up first, so closed after this waits
    yield
    assert wait_for_operations(timeout_ms=30_000), "background work still running"


@pytest.fixture(scope="session", autouse=True)
def qapp(qapp):
    """pytest-qt's application, styled as ``app.make_application`` styles the program's:
    what a test reads off a widget (an error's red) is what a user would see. Made for
    every window test, as the program makes it before any window or item model."""
    load_stylesheet(qapp)
    return qapp
