"""Choosing a new password: forced after a temporary one, or whenever someone wants to."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QPushButton, QVBoxLayout

from avenue_desk.services.core.errors import ServiceError, ValidationError
from avenue_desk.ui.widgets.password_fields import (
    error_label,
    heading,
    note,
    password_box,
    rules_label,
    show_error,
)


class ChangePasswordDialog(QDialog):
    """Accepted once changed; ``actor`` is then the updated actor.

    With ``forced`` the dialog cannot simply be closed: its other button signs out.
    """

    def __init__(self, accounts, actor, forced: bool = False, parent=None):
        super().__init__(parent)
        self._accounts = accounts
        self.actor = actor
        self.forced = forced
        self.setWindowTitle("Choose a new password — Avenue Desk")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(8)
        layout.addWidget(heading("Choose a new password", self))
        if forced:
            intro = (f"Welcome, {actor.display_name}. The password you signed in with was "
                     "temporary, so choose your own now. Nobody else, not even the "
                     "Headteacher, will know it.")
        else:
            intro = f"Signed in as {actor.display_name} ({actor.username})."
        self.intro = note(intro, self)
        layout.addWidget(self.intro)
        layout.addWidget(rules_label(self))

        form = QFormLayout()
        form.setVerticalSpacing(4)
        self.old = password_box("Current password", self)
        self.new = password_box("New password", self)
        self.repeat = password_box("New password again", self)
        self.errors = {name: error_label(self) for name in ("old_password", "new_password",
                                                            "repeat")}
        form.addRow("&Current password:", self.old)
        form.addRow("", self.errors["old_password"])
        form.addRow("&New password:", self.new)
        form.addRow("", self.errors["new_password"])
        form.addRow("New password &again:", self.repeat)
        form.addRow("", self.errors["repeat"])
        layout.addLayout(form)
        self.general = error_label(self)
        layout.addWidget(self.general)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton("Sign out" if forced else "Cancel", self)
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.cancel_button)
        self.save_button = QPushButton("Change password", self)
        self.save_button.setDefault(True)
        self.save_button.setStyleSheet("font-weight: 600; padding: 5px 16px;")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self.old.setFocus()

    def save(self) -> bool:
        for label in (*self.errors.values(), self.general):
            show_error(label, "")
        errors = {}
        if not self.old.text():
            errors["old_password"] = "Enter the password you signed in with."
        if not self.new.text():
            errors["new_password"] = "Enter a new password."
        elif self.new.text() != self.repeat.text():
            errors["repeat"] = "The two new passwords are not the same. Type it again."
        if not errors:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self.actor = self._accounts.change_password(self.actor, self.old.text(),
                                                            self.new.text())
            except ValidationError as error:
                errors = error.errors
            except ServiceError as error:
                show_error(self.general, str(error))
                return False
            finally:
                QGuiApplication.restoreOverrideCursor()
        if errors:
            self._show(errors)
            return False
        self.accept()
        return True

    def _show(self, errors: dict[str, str]) -> None:
        for name, message in errors.items():
            show_error(self.errors.get(name, self.general), message)
        boxes = {"old_password": self.old, "new_password": self.new, "repeat": self.repeat}
        first = next(name for name in boxes if name in errors) if \
            any(name in errors for name in boxes) else None
        if first == "old_password":
            self.old.clear()
        if first in ("new_password", "repeat"):
            self.new.clear()
            self.repeat.clear()
        if first:
            boxes[first].setFocus()

    def done(self, result: int) -> None:
        for box in (self.old, self.new, self.repeat):
            box.clear()
        super().done(result)
