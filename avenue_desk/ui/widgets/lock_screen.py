"""The locked screen: after some idle minutes, or at once with Ctrl+L.

Locking blanks every window of the app: the contents of the main window and of any open
dialog are hidden (not covered by something see-through), window titles that might name
someone are replaced, and every shortcut is switched off. A window of its own, modal over
the whole app, asks for the signed-in person's password; wrong passwords count towards the
account's lockout like any sign-in. The password is checked in the background (argon2 is
slow on purpose), "Checking…" shown meanwhile. Unlocking puts everything back as it was, so
an incident half-typed is still there.

Idle time is measured by an application event filter (keys, mouse, wheel, touch) against
an injected ``now`` (seconds, monotonic), and checked by a timer, so tests move the clock
instead of waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from avenue_desk.policy.access import IDLE_LOCK_MINUTES
from avenue_desk.ui.operations import BackgroundOp, problem_text
from avenue_desk.ui.style import set_role
from avenue_desk.ui.widgets.field_errors import clear_when_edited
from avenue_desk.ui.widgets.password_fields import (
    error_label,
    note,
    password_box,
    working_label,
)

# Qt adds the program's name to a title that does not already end with it.
LOCKED_TITLE = "Locked — Avenue Desk"
CHECK_INTERVAL_MS = 5_000
_ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
})


class LockScreen(QWidget):
    """The window shown over the blanked app; asks for the password again."""

    unlocked = Signal()
    sign_out_requested = Signal()

    def __init__(self, accounts, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self._accounts = accounts
        self.setWindowTitle(LOCKED_TITLE)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setObjectName("lockScreen")
        set_role(self, "lock-screen")
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        row = QHBoxLayout()
        row.addStretch(1)
        panel = QFrame(self)
        panel.setObjectName("lockPanel")
        set_role(panel, "lock-panel")
        panel.setFixedWidth(460)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(10)
        title = QLabel("Avenue Desk is locked", panel)
        set_role(title, "lock-title")
        layout.addWidget(title)
        self.who = note("", panel)
        layout.addWidget(self.who)
        self.password = password_box("Password", panel)
        self.password.returnPressed.connect(self.try_unlock)
        label = QLabel("&Password:", panel)
        label.setBuddy(self.password)
        layout.addWidget(label)
        layout.addWidget(self.password)
        self.message = error_label(panel)
        self.message.setAccessibleName("Unlock message")
        clear_when_edited(self.message, self.password)
        layout.addWidget(self.message)
        self.working = working_label("Checking the password…", panel)
        layout.addWidget(self.working)
        self.checking: BackgroundOp | None = None
        buttons = QHBoxLayout()
        self.sign_out_button = QPushButton("Sign out", panel)
        self.sign_out_button.setToolTip("For someone else to sign in. Anything not saved "
                                        "is lost.")
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        buttons.addWidget(self.sign_out_button)
        buttons.addStretch(1)
        self.unlock_button = QPushButton("Unlock", panel)
        self.unlock_button.setDefault(True)
        set_role(self.unlock_button, "primary")
        self.unlock_button.clicked.connect(self.try_unlock)
        buttons.addWidget(self.unlock_button)
        layout.addLayout(buttons)
        layout.addWidget(note("Someone else? Sign out and sign in with your own account. "
                              "Anything not saved is lost.", panel))
        row.addWidget(panel)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(3)

    def prepare(self) -> None:
        actor = self._accounts.signed_in
        self.who.setText(f"Signed in as {actor.display_name} ({actor.username}). Type your "
                         "password to carry on." if actor else "Type your password.")
        self.password.clear()
        self.message.clear()
        self.message.hide()

    def try_unlock(self) -> BackgroundOp | None:
        """Checks the password in the background; ``unlocked`` once it was right. Signing
        out waits too, so the check never ends after the person it was for has gone."""
        if self.checking is not None:
            return None
        accounts, password = self._accounts, self.password.text()
        self.message.hide()
        self.working.show()
        self.checking = BackgroundOp(
            self, lambda: accounts.unlock(password), title="Unlocking",
            success=self._right, failure=self._wrong,
            disable=[self.password, self.unlock_button, self.sign_out_button])
        self.checking.ended.connect(self._checked)
        return self.checking.start()

    def _checked(self) -> None:
        self.checking = None
        self.working.hide()

    def _right(self, _actor) -> None:
        self.password.clear()
        self.unlocked.emit()

    def _wrong(self, error: BaseException) -> None:
        self.working.hide()
        self.password.clear()
        self.message.setText(problem_text(error))
        self.message.show()
        self.password.setFocus()


class IdleLock(QObject):
    """Blanks the app after ``idle_minutes`` without input, or on ``lock_action`` (Ctrl+L)."""

    locked_changed = Signal(bool)
    sign_out_requested = Signal()

    def __init__(self, window: QWidget, accounts, idle_minutes: int = IDLE_LOCK_MINUTES,
                 now: Callable[[], float] = time.monotonic,
                 check_interval_ms: int = CHECK_INTERVAL_MS):
        super().__init__(window)
        self._window = window
        self._now = now
        self._idle_seconds = idle_minutes * 60
        self._last_input = now()
        self._saved: list[tuple[QWidget, str, list[QWidget]]] = []
        self._disabled: list[QAction | QShortcut] = []
        self.locked = False
        self.screen = LockScreen(accounts, window)
        self.screen.unlocked.connect(self.unlock)
        self.screen.sign_out_requested.connect(self.sign_out_requested)
        self.lock_action = QAction("Blank screen now", window)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.setToolTip("Hide everything until you type your password (Ctrl+L)")
        self.lock_action.triggered.connect(self.lock)
        window.addAction(self.lock_action)
        self.timer = QTimer(self)
        self.timer.setInterval(check_interval_ms)
        self.timer.timeout.connect(self.check_idle)
        self.timer.start()
        QApplication.instance().installEventFilter(self)

    def set_idle_minutes(self, minutes: int) -> None:
        self._idle_seconds = minutes * 60

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress and not self.locked and self._is_lock_key(event):
            # An open modal dialog (the incident editor) shadows the window's shortcuts, so
            # Ctrl+L is also caught here, wherever the keyboard focus is.
            self.lock()
            return True
        if kind in _ACTIVITY and not self.locked:
            self._last_input = self._now()
        elif self.locked and watched is self._window and kind in (QEvent.Type.Move,
                                                                  QEvent.Type.Resize):
            self._cover()
        return False

    def _is_lock_key(self, event) -> bool:
        pressed = QKeySequence(event.keyCombination())
        return any(pressed.matches(key) == QKeySequence.SequenceMatch.ExactMatch
                   for key in self.lock_action.shortcuts())

    def check_idle(self) -> None:
        if not self.locked and self._now() - self._last_input >= self._idle_seconds:
            self.lock()

    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        app = QApplication.instance()
        tops = [self._window] + [w for w in app.topLevelWidgets()
                                 if w.isVisible() and w is not self._window
                                 and w is not self.screen]
        for top in tops:
            if top.windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip):
                top.hide()  # menus, completer lists, tooltips: nothing to come back to
                continue
            children = [c for c in top.findChildren(
                QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                if c.isVisible() and not c.isWindow()]
            for child in children:
                child.hide()
            self._saved.append((top, top.windowTitle(), children))
            top.setWindowTitle(LOCKED_TITLE)
        # Only what a key can reach; the hidden menus and buttons cannot be clicked.
        actions = [a for a in self._window.findChildren(QAction) if a.shortcuts()]
        for item in actions + self._window.findChildren(QShortcut):
            if item is not self.lock_action and item.isEnabled():
                item.setEnabled(False)
                self._disabled.append(item)
        self.screen.prepare()
        self._cover()
        self.screen.show()
        self.screen.activateWindow()
        self.screen.password.setFocus()
        self.locked_changed.emit(True)

    def _cover(self) -> None:
        self.screen.setGeometry(self._window.geometry())

    def unlock(self) -> None:
        """Called once the password was right: everything comes back as it was."""
        if not self.locked:
            return
        self.screen.hide()
        for top, title, children in self._saved:
            if not isValid(top):
                continue  # a dialog that closed itself meanwhile
            for child in children:
                if isValid(child):
                    child.show()
            top.setWindowTitle(title)
        for item in self._disabled:
            if isValid(item):
                item.setEnabled(True)
        self._saved.clear()
        self._disabled.clear()
        self.locked = False
        self._last_input = self._now()
        self._window.activateWindow()
        self.locked_changed.emit(False)

    def stop(self) -> None:
        """Before the window closes (sign-out): no more checks, no more filtering."""
        self.timer.stop()
        QApplication.instance().removeEventFilter(self)
