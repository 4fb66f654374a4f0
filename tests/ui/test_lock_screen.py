"""The locked screen: idle minutes on an injected clock, Ctrl+L, the password, and nothing
of what was on screen left visible."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QImage, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QVBoxLayout

from avenue_desk.ui.widgets.lock_screen import LOCKED_TITLE, IdleLock
from tests.helpers.accounts import HEAD_PASSWORD, with_head
from tests.helpers.background import settle

pytestmark = pytest.mark.no_accounts


SECRET_TEXT = "Dana Whitfield: allegation about Mr Hughes, police referral 14/11"


class FakeClock:
    def __init__(self):
        self.seconds = 1000.0

    def __call__(self) -> float:
        return self.seconds


def blank(image: QImage) -> bool:
    """Every pixel the same colour: nothing is drawn on it."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    pixels = memoryview(image.constBits()).cast("I")
    return len(set(pixels)) == 1


@pytest.fixture
def desk(qtbot, services):
    sec, _ = with_head(services)
    window = QMainWindow()
    window.setWindowTitle("Avenue Desk — Dana Whitfield")
    label = QLabel(SECRET_TEXT)
    label.setStyleSheet("font-size: 20pt; background: #ffd23f;")
    window.setCentralWidget(label)
    menu = window.menuBar().addMenu("&Incident")
    opened = []
    new = QAction("New incident", window)
    new.setShortcut(QKeySequence("Ctrl+N"))
    new.triggered.connect(lambda: opened.append("new"))
    menu.addAction(new)
    window.statusBar().showMessage("Incident 14: Dana Whitfield")
    qtbot.addWidget(window)
    window.resize(900, 600)
    window.show()
    qtbot.waitExposed(window)
    dialog = QDialog(window)
    dialog.setWindowTitle("Incident 14 — Dana Whitfield")
    QVBoxLayout(dialog).addWidget(QLabel(SECRET_TEXT))
    dialog.open()
    clock = FakeClock()
    lock = IdleLock(window, sec.accounts, idle_minutes=5, now=clock)
    yield window, dialog, lock, clock, sec, new
    # Nothing modal may outlive the test: it would block the next test's windows.
    lock.stop()
    lock.screen.close()
    dialog.close()
    window.close()
    assert QApplication.activeModalWidget() is None


def test_idle_minutes_lock_the_screen_and_input_postpones_it(qtbot, desk):
    window, _dialog, lock, clock, _sec, _new = desk
    assert lock.timer.isActive()
    clock.seconds += 4 * 60
    lock.check_idle()
    assert not lock.locked
    qtbot.mouseMove(window.centralWidget())  # someone is still there
    qtbot.keyClick(window.centralWidget(), Qt.Key.Key_Shift)
    clock.seconds += 4 * 60
    lock.timer.timeout.emit()
    assert not lock.locked
    clock.seconds += 61
    with qtbot.waitSignal(lock.locked_changed):
        lock.timer.timeout.emit()
    assert lock.locked and lock.screen.isVisible()


def test_nothing_of_the_previous_screen_stays_visible(qtbot, desk):
    window, dialog, lock, _clock, _sec, new = desk
    assert not blank(window.grab().toImage())
    lock.lock_action.trigger()
    assert lock.locked
    assert blank(window.grab().toImage())
    assert blank(dialog.grab().toImage())
    assert window.windowTitle() == dialog.windowTitle() == LOCKED_TITLE
    assert LOCKED_TITLE.endswith("Avenue Desk") and LOCKED_TITLE.count("Avenue Desk") == 1
    assert window.centralWidget().isHidden() and window.menuBar().isHidden()
    assert window.statusBar().isHidden()
    assert not new.isEnabled()  # Ctrl+N cannot open anything behind the lock
    texts = " ".join(label.text() for label in lock.screen.findChildren(QLabel))
    assert "Dana" not in texts and "Whitfield" not in texts
    assert "Mrs Patel (head)" in texts
    assert lock.screen.geometry() == window.geometry()


def test_a_wrong_password_keeps_it_locked_and_the_right_one_restores_everything(qtbot, desk):
    window, dialog, lock, _clock, sec, new = desk
    before = window.grab().toImage()
    lock.lock()
    lock.screen.password.setText("not my password")
    lock.screen.unlock_button.click()
    assert lock.screen.working.isVisible() and not lock.screen.unlock_button.isEnabled()
    settle(qtbot, lock.screen)
    assert lock.locked and not lock.screen.working.isVisible()
    assert lock.screen.message.text().startswith("Wrong password. 4 tries left")
    assert lock.screen.password.text() == ""
    lock.screen.password.setText(HEAD_PASSWORD)
    with qtbot.waitSignal(lock.locked_changed):
        qtbot.keyClick(lock.screen.password, Qt.Key.Key_Return)
    assert not lock.locked and not lock.screen.isVisible()
    assert window.windowTitle() == "Avenue Desk — Dana Whitfield"
    assert dialog.windowTitle() == "Incident 14 — Dana Whitfield" and dialog.isVisible()
    assert new.isEnabled() and not window.centralWidget().isHidden()
    assert window.grab().toImage() == before
    assert [r.action for r in sec.audit.page()][:2] == ["unlock", "sign_in_failed"]


def test_ctrl_l_blanks_the_screen_at_once_even_from_an_open_dialog(qtbot, desk):
    _window, dialog, lock, _clock, _sec, _new = desk
    assert lock.lock_action.shortcut() == QKeySequence("Ctrl+L")
    assert lock.lock_action.shortcutContext() == Qt.ShortcutContext.ApplicationShortcut
    dialog.activateWindow()
    qtbot.keyClick(dialog, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: lock.locked, timeout=2000)


def test_sign_out_from_the_lock_is_asked_of_the_app(qtbot, desk):
    _window, _dialog, lock, _clock, _sec, _new = desk
    lock.lock()
    with qtbot.waitSignal(lock.sign_out_requested):
        lock.screen.sign_out_button.click()
    assert lock.locked  # the app decides; nothing shows until it has


def test_ctrl_l_from_the_window_itself(qtbot, desk):
    window, dialog, lock, _clock, _sec, _new = desk
    dialog.close()
    window.activateWindow()
    qtbot.keyClick(window.centralWidget(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: lock.locked, timeout=2000)
    assert blank(window.grab().toImage())
