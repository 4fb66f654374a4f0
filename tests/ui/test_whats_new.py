"""What's new: after an update the first sign-in shows what changed since the version this
person last used, once; never on a first-ever run; Help › What's new shows it again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, QTimer

from avenue_desk import __version__, app
from avenue_desk.policy.changelog import releases
from avenue_desk.ui.dialogs import whats_new
from avenue_desk.ui.dialogs.whats_new import LAST_VERSION_KEY, WhatsNewDialog
from avenue_desk.ui.main_window import MainWindow

OLDER = "0.13.0"


@pytest.fixture
def window(qtbot, services):
    shown = MainWindow(services)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def last_used(version: str | None) -> None:
    settings = QSettings()
    if version is None:
        settings.remove(LAST_VERSION_KEY)
    else:
        settings.setValue(LAST_VERSION_KEY, version)
    settings.sync()


def stored_version() -> str | None:
    return QSettings().value(LAST_VERSION_KEY)


def open_dialogs() -> list[WhatsNewDialog]:
    from PySide6.QtWidgets import QApplication

    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, WhatsNewDialog) and w.isVisible()]


def test_after_an_update_the_newer_entries_are_shown_once(qtbot, window):
    last_used(OLDER)
    window.offer_whats_new()
    dialog = window.whats_new
    assert dialog is not None and dialog.isVisible()
    assert dialog.shown_versions() == ["0.15.0", "0.14.0"]  # since 0.13.0, newest first
    page = dialog.browser.toPlainText()
    assert page.index("Version 0.15.0, 7 December 2026") < page.index(
        "Version 0.14.0, 7 December 2026")
    assert "What's new" in page  # 0.15.0's own entry, as the office reads it
    assert "encrypted" in page  # 0.14.0's
    assert f"updated to version {__version__}" in dialog.intro.text()
    assert stored_version() == __version__
    dialog.reject()

    window.offer_whats_new()  # the next sign-in, or the window shown again
    assert window.whats_new is None
    assert open_dialogs() == []


def test_a_first_ever_run_shows_nothing_and_remembers_this_version(window):
    last_used(None)
    window.offer_whats_new()
    assert window.whats_new is None
    assert open_dialogs() == []
    assert stored_version() == __version__


def test_the_same_version_again_shows_nothing(window):
    last_used(__version__)
    window.offer_whats_new()
    assert window.whats_new is None


def test_every_version_can_be_asked_for_after_an_update(window):
    last_used(OLDER)
    window.offer_whats_new()
    dialog = window.whats_new
    assert dialog.every_version.isVisible()
    dialog.every_version.click()
    assert dialog.shown_versions()[-1] == "0.1.0"
    assert "A log of social media misuse" in dialog.browser.toPlainText()
    dialog.reject()


def test_help_whats_new_shows_every_version(qtbot, window):
    last_used(__version__)
    assert window.whats_new_action.text() == "&What's new"
    window.whats_new_action.trigger()
    dialog = window.whats_new
    assert dialog.isVisible()
    everything = [r.version for r in releases(whats_new.changelog_text())]
    assert dialog.shown_versions() == everything and everything[0] == __version__
    assert not dialog.every_version.isVisible()  # it shows them all already
    assert stored_version() == __version__  # asking changes nothing remembered
    dialog.reject()


def test_the_window_after_sign_in_offers_it(qtbot, qapp, services, monkeypatch):
    """app._show_window, as the program runs it after each sign-in: after an update the
    dialog is open over the window; the next time, nothing."""
    last_used(OLDER)
    seen = []

    def look_then_quit():
        seen.append([d.shown_versions()[0] for d in open_dialogs()])
        for dialog in open_dialogs():
            dialog.reject()
        for widget in qapp.topLevelWidgets():
            if isinstance(widget, MainWindow):
                widget.close()

    for _ in range(2):
        QTimer.singleShot(200, look_then_quit)
        app._show_window(qapp, services, smoke_test=False)
    assert seen == [[__version__], []]
