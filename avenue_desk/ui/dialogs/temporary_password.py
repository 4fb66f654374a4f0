"""The temporary password just given to an account, shown with a Copy button, and kept so
that the Accounts screen can show it again until the person first signs in with it.

It is kept in this window's memory only, never in the database (which holds its argon2
hash and nothing else): closing Avenue Desk or signing out forgets it, and so does the
person's first sign-in, after which it is no longer theirs to be given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from avenue_desk.ui.style import set_role
from avenue_desk.ui.widgets.password_fields import heading, note

KEPT_FOR = ("Avenue Desk keeps it only in this window's memory, never on disk: it is shown "
            "until you close Avenue Desk (or sign out), or until the person signs in.")


@dataclass(frozen=True)
class _Given:
    password: str
    last_sign_in: datetime | None  # the account's last sign-in when the password was given


class TemporaryPasswords:
    """The temporary passwords given in this window, by account id."""

    def __init__(self):
        self._given: dict[int, _Given] = {}

    def keep(self, user, password: str) -> None:
        """``user``: the account's record as the service returned it with the password."""
        self._given[user.id] = _Given(password, user.last_sign_in)

    def get(self, user_id: int) -> str | None:
        given = self._given.get(user_id)
        return given.password if given else None

    def forget_used(self, users) -> None:
        """Forgets the password of every account that has signed in since it was given (or
        chose its own, or is gone): ``users`` are the accounts as they are now."""
        now = {user.id: user for user in users}
        for user_id, given in list(self._given.items()):
            user = now.get(user_id)
            if (user is None or not user.must_change_password
                    or user.last_sign_in != given.last_sign_in):
                del self._given[user_id]

    def forget(self, user_id: int) -> None:
        self._given.pop(user_id, None)


class TemporaryPasswordDialog(QDialog):
    def __init__(self, user, password: str, again: bool = False, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Temporary password — Avenue Desk")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        title = heading(f"Temporary password for {user.display_name}", self)
        title.setTextFormat(Qt.TextFormat.PlainText)  # a name is never markup
        layout.addWidget(title)
        layout.addWidget(note(
            f"Username: {user.username}. Give this password to the person privately (not by "
            "email). They choose their own the first time they sign in.", self))
        self.password_label = QLabel(password, self)
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setPointSize(18)
        mono.setBold(True)
        self.password_label.setFont(mono)
        self.password_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.password_label.setTextFormat(Qt.TextFormat.PlainText)
        self.password_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.password_label.setAccessibleName("Temporary password")
        set_role(self.password_label, "recovery-code")
        layout.addWidget(self.password_label)
        self.kept_note = note(KEPT_FOR, self)
        layout.addWidget(self.kept_note)
        self.copied = set_role(QLabel("", self), "success")
        self.copied.hide()
        row = QHBoxLayout()
        self.copy_button = QPushButton("&Copy", self)
        self.copy_button.setToolTip("Copy the temporary password, to paste it where you "
                                    "hand it over")
        self.copy_button.clicked.connect(self.copy)
        row.addWidget(self.copy_button)
        row.addWidget(self.copied)
        row.addStretch(1)
        close = QPushButton("Close", self)
        close.setDefault(True)
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout.addLayout(row)
        if again:
            self.setWindowTitle("Temporary password (shown again) — Avenue Desk")

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.password_label.text())
        self.copied.setText("Copied.")
        self.copied.show()

    def done(self, result: int) -> None:
        self.password_label.clear()  # nothing of it stays in a closed window
        super().done(result)
