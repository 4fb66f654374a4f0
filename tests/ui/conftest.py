"""Fixtures for the window tests that run the whole app (``app.run_gui``)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from avenue_desk.ui import sign_in_flow
from tests.services.account_helpers import HEAD_PASSWORD


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

    def sign_in(accounts, school_name, username=""):
        asked.append("sign in")
        accounts.authenticate("head", HEAD_PASSWORD)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(sign_in_flow, "create_first_admin", first_admin)
    monkeypatch.setattr(sign_in_flow, "ask_sign_in", sign_in)
    return asked
