"""Turning encryption on from the window (issue 18): Settings' Encryption section and Home's
notice on a plain school, the Headteacher's confirmation with their password, the
conversion run with the records closed (``ui/encrypting.py``, as ``app.py`` runs it), and the
results window with the new recovery code and the temporary passwords."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication

from avenue_desk import app
from avenue_desk.paths import AppPaths
from avenue_desk.services.container import open_services
from avenue_desk.services.core import records_key
from avenue_desk.ui import encrypting, help_window
from avenue_desk.ui.dialogs.encrypt_records import (
    Confirmation,
    ConfirmEncryptionDialog,
    RecordsEncryptedDialog,
)
from avenue_desk.ui.views.home import HomeView
from avenue_desk.ui.views.settings import SettingsView
from avenue_desk.ui.widgets import encryption_section
from tests.helpers.accounts import (
    HEAD_PASSWORD,
    OWN_PASSWORD,
    TEMPORARY,
    cheap_hashing,
    sign_in_as,
)
from tests.helpers.background import settle


@pytest.fixture
def plain(tmp_path, clock):
    """A school made before encryption: plain records, the Headteacher signed in, and one
    other account (the office's, its own password chosen)."""
    paths = AppPaths(tmp_path / "Plain school")
    services = open_services(paths, clock, origin="test", hashing=cheap_hashing(),
                             encrypt_new=False)
    services.accounts.create_first_admin("head", "Mrs Patel", HEAD_PASSWORD)
    services.accounts.authenticate("head", HEAD_PASSWORD)
    services.settings.set_value("set_up", "1")
    sign_in_as(services, "office")
    services.accounts.authenticate("head", HEAD_PASSWORD)
    assert not records_key.is_encrypted(paths)
    yield services
    encrypting.cancel(paths)
    if not getattr(services, "closed_by_test", False):
        services.close()


def _close(services) -> None:
    """Closed as app.py closes a session's services before the conversion."""
    services.close()
    services.closed_by_test = True


@pytest.fixture
def told(monkeypatch):
    said = []
    monkeypatch.setattr(encrypting, "tell", lambda icon, text: said.append(text))
    return said


@pytest.fixture
def results(monkeypatch):
    shown = []
    monkeypatch.setattr(encrypting, "show_results", shown.append)
    return shown


def _settings(qtbot, services) -> SettingsView:
    view = SettingsView(services)
    qtbot.addWidget(view)
    view.show()
    return view


def _home(qtbot, services) -> HomeView:
    view = HomeView(services)
    qtbot.addWidget(view)
    view.show()
    settle(qtbot, view)
    return view


def test_a_plain_school_offers_the_headteacher_to_encrypt(qtbot, plain):
    view = _settings(qtbot, plain)
    section = view.encryption
    assert section.isVisible() and section.heading.text() == "Encryption"
    assert section.status.text() == ("The records on this PC are not encrypted: anyone who "
                                     "takes the PC or a backup stick can read them.")
    assert section.encrypt_button.isVisible()
    assert section.encrypt_button.text() == "&Encrypt the records…"
    home = _home(qtbot, plain)
    assert home.encryption_notice.isVisible()
    notice = home.encryption_notice
    assert notice.label.text() == "The records on this PC are not encrypted."


def test_only_the_headteacher_is_offered_it(qtbot, plain):
    plain.accounts.authenticate("office1", OWN_PASSWORD)
    view = _settings(qtbot, plain)
    section = view.encryption
    assert "not encrypted" in section.status.text()
    assert section.status.text().endswith("The Headteacher can turn encryption on here.")
    assert not section.encrypt_button.isVisible()
    home = _home(qtbot, plain)
    assert not home.encryption_notice.isVisible()


def test_an_encrypted_school_says_so_with_the_guide_a_click_away(qtbot, services,
                                                                 monkeypatch):
    opened = []
    monkeypatch.setattr(help_window, "show_help", opened.append)
    view = _settings(qtbot, services)
    section = view.encryption
    assert section.status.text().startswith("The records on this PC are encrypted")
    assert not section.encrypt_button.isVisible()
    home = _home(qtbot, services)
    assert not home.encryption_notice.isVisible()
    section.guide_button.click()
    assert opened == ["guide/encryption.md"]


def _confirm(qtbot, dialog: ConfirmEncryptionDialog, password: str) -> None:
    qtbot.keyClicks(dialog.password, password)
    dialog.encrypt_button.click()
    settle(qtbot, dialog)


def test_a_wrong_password_is_refused_beside_the_field(qtbot, plain):
    dialog = ConfirmEncryptionDialog(plain)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.encrypt_button.click()
    assert dialog.message.isVisible() and dialog.message.text() == "Type your password."
    _confirm(qtbot, dialog, "not the password")
    assert dialog.isVisible()
    assert dialog.message.isVisible() and dialog.message.text().startswith("Wrong password.")
    assert dialog.password.text() == ""
    assert not encrypting.asked(plain.paths)
    assert not records_key.is_encrypted(plain.paths)


def test_the_confirmation_says_what_will_happen(qtbot, plain):
    dialog = ConfirmEncryptionDialog(plain)
    qtbot.addWidget(dialog)
    words = " ".join(label.text() for label in dialog.findChildren(type(dialog.message)))
    for said in ("backup", "temporary password", "new recovery code", "cannot be undone",
                 "a minute or so"):
        assert said in words


def test_confirmed_the_window_closes_the_records_are_encrypted_and_the_results_shown(
        qtbot, plain, results, told):
    view = _settings(qtbot, plain)
    view.encryption.encrypt_button.click()
    dialog = view.encryption.dialog
    assert isinstance(dialog, ConfirmEncryptionDialog)
    _confirm(qtbot, dialog, HEAD_PASSWORD)
    assert not view.isVisible()  # the window closed, for app.py to convert the records
    assert encrypting.asked(plain.paths)
    _close(plain)  # as app.py closes the session's services
    assert encrypting.encrypt_if_asked(plain.paths)
    assert told == [] and not encrypting.asked(plain.paths)
    assert records_key.is_encrypted(plain.paths)
    (result,) = results
    assert [(t.username, t.display_name) for t in result.temporary] == [("office1", "Office1")]

    shown = RecordsEncryptedDialog(result)
    qtbot.addWidget(shown)
    shown.show()
    assert shown.code.code_label.text() == result.recovery_code
    assert shown.table.rowCount() == 1
    assert shown.table.item(0, 2).text() == result.temporary[0].password
    shown.copy_button.click()
    assert QGuiApplication.clipboard().text() == (
        f"Office1 (office1): {result.temporary[0].password}")
    assert not shown.continue_button.isEnabled()  # until the code is kept
    shown.code.kept.setChecked(True)
    shown.continue_button.click()
    assert not shown.isVisible() and shown.code.code_label.text() == ""

    # The records open again with the key the conversion remembered, and everyone's way in
    # is as the results said.
    with open_services(plain.paths, hashing=cheap_hashing()) as again:
        assert again.accounts.authenticate("head", HEAD_PASSWORD).username == "head"
        office = again.accounts.authenticate("office1", result.temporary[0].password)
        assert office.must_change_password


def test_a_conversion_that_fails_says_so_and_the_school_stays_plain(plain, results, told):
    actor = plain.guard.actor
    _close(plain)
    encrypting.ask(plain.paths, actor, "not the password", hashing=cheap_hashing())
    assert encrypting.encrypt_if_asked(plain.paths)
    assert results == []
    (text,) = told
    assert text.startswith("The records were not encrypted.")
    assert text.endswith("Nothing was changed: your records are as they were, not encrypted.")
    assert not records_key.is_encrypted(plain.paths)
    assert not encrypting.encrypt_if_asked(plain.paths)  # said once, never tried again


def test_a_window_that_stays_open_takes_the_request_back(qtbot, plain, told, monkeypatch):
    view = _settings(qtbot, plain)
    monkeypatch.setattr(view, "close", lambda: False)  # an incident's changes kept open
    view.encryption._confirmed(Confirmation(plain.guard.actor, HEAD_PASSWORD))
    assert view.isVisible() and not encrypting.asked(plain.paths)
    assert told == [encryption_section.NOT_CLOSED]


def test_the_app_converts_between_two_sessions_and_opens_the_encrypted_records(
        qapp, plain, results, told, signs_in_as_head, monkeypatch):
    paths = plain.paths
    _close(plain)
    seen = []

    def show(_app, services, _smoke):
        seen.append((records_key.is_encrypted(paths), services.guard.actor.username))
        if len(seen) == 1:  # Settings › Encrypt the records…, confirmed
            encrypting.ask(paths, services.guard.actor, HEAD_PASSWORD, services.clock,
                           cheap_hashing())
        return 0

    monkeypatch.setattr(app, "_show_window", show)
    assert app.run_gui(paths) == 0
    assert seen == [(False, "head"), (True, "head")]  # signed in again, to encrypted records
    assert told == [] and len(results) == 1
    assert results[0].temporary[0].password != TEMPORARY
