"""Signing in: username and password, with messages that say what to do next."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from avenue_desk.services.core.errors import ServiceError  # SignInRefused is one
from avenue_desk.ui.widgets.password_fields import error_label, heading, note, password_box

FORGOTTEN = ("Ask the Headteacher to set a temporary password for you (Accounts, then “Reset "
             "password”). If you are the Headteacher, use the recovery code you kept when "
             "Avenue Desk was set up.")


class SignInDialog(QDialog):
    """Accepted once signed in; ``actor`` is then the person signed in.

    ``recovery_requested`` asks the caller to open the recovery-code dialog. ``accounts``
    may be None while the records are still being opened (the app paints this dialog first):
    ``set_accounts`` gives them, and signing in waits until then.
    """

    recovery_requested = Signal()

    def __init__(self, accounts, school_name: str = "", parent=None, username: str = ""):
        super().__init__(parent)
        self._accounts = accounts
        self.actor = None
        self.setWindowTitle("Sign in — Avenue Desk")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(10)
        layout.addWidget(heading("Sign in to Avenue Desk", self))
        if school_name:
            school = note(school_name, self)
            school.setStyleSheet("color: #333333; font-size: 11pt;")
            layout.addWidget(school)
        form = QFormLayout()
        form.setVerticalSpacing(8)
        self.username = QLineEdit(username, self)
        self.username.setAccessibleName("Username")
        self.username.setMinimumWidth(280)
        form.addRow("&Username:", self.username)
        self.password = password_box("Password", self)
        form.addRow("&Password:", self.password)
        layout.addLayout(form)
        self.message = error_label(self)
        self.message.setAccessibleName("Sign-in message")
        layout.addWidget(self.message)

        buttons = QHBoxLayout()
        self.forgotten_button = QPushButton("Forgotten your password?", self)
        self.forgotten_button.setFlat(True)
        self.forgotten_button.setStyleSheet("color: #1f4e8c; text-decoration: underline;")
        self.forgotten_button.clicked.connect(self.show_forgotten)
        buttons.addWidget(self.forgotten_button)
        buttons.addStretch(1)
        self.quit_button = QPushButton("Quit", self)
        self.quit_button.clicked.connect(self.reject)
        buttons.addWidget(self.quit_button)
        self.sign_in_button = QPushButton("Sign in", self)
        self.sign_in_button.setDefault(True)
        self.sign_in_button.setStyleSheet("font-weight: 600; padding: 5px 16px;")
        self.sign_in_button.clicked.connect(self.sign_in)
        buttons.addWidget(self.sign_in_button)
        layout.addLayout(buttons)

        self.forgotten = QLabel(FORGOTTEN, self)
        self.forgotten.setWordWrap(True)
        self.forgotten.setStyleSheet("background: #eef2f7; padding: 8px;")
        self.forgotten.hide()
        layout.addWidget(self.forgotten)
        self.recovery_button = QPushButton("Use the recovery code…", self)
        self.recovery_button.clicked.connect(self._ask_recovery)
        self.recovery_button.hide()
        layout.addWidget(self.recovery_button, 0, Qt.AlignmentFlag.AlignLeft)

        (self.password if username else self.username).setFocus()
        if accounts is None:
            self._waiting(True)

    def set_accounts(self, accounts) -> None:
        self._accounts = accounts
        self._waiting(False)

    def _waiting(self, waiting: bool) -> None:
        """While the records open: typing works, signing in waits (a busy pointer says so)."""
        self.sign_in_button.setEnabled(not waiting)
        self.recovery_button.setEnabled(not waiting)
        if waiting:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def show_forgotten(self) -> None:
        self.forgotten.show()
        self.recovery_button.show()
        self.adjustSize()

    def _ask_recovery(self) -> None:
        self.recovery_requested.emit()

    def ask_recovery(self) -> None:
        """Closes the dialog with the result ``RECOVERY`` (2), for the caller to open the
        recovery-code dialog and then this one again."""
        self.done(2)

    def sign_in(self) -> bool:
        username = self.username.text().strip()
        if self._accounts is None:
            return False  # the records are still opening (the button is disabled till then)
        if not username:
            self._say("Enter your username.", self.username)
            return False
        if not self.password.text():
            self._say("Enter your password.", self.password)
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.actor = self._accounts.authenticate(username, self.password.text())
        except ServiceError as error:  # SignInRefused: wrong, locked, disabled...
            self.password.clear()
            self._say(str(error), self.password)
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.password.clear()
        self.accept()
        return True

    def _say(self, message: str, focus) -> None:
        self.message.setText(message)
        self.message.show()
        self.adjustSize()  # room for the message without squeezing the boxes
        focus.setFocus()

    def done(self, result: int) -> None:
        self.password.clear()  # nothing typed stays in memory longer than needed
        super().done(result)
