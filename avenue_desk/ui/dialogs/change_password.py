"""Choosing a new password: forced after a temporary one, or whenever someone wants to.

Both passwords go through argon2 (slow on purpose), so the change runs in the background,
"Changing the password…" shown meanwhile.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QPushButton, QVBoxLayout

from avenue_desk.services.core.errors import ValidationError
from avenue_desk.ui.operations import BackgroundOp, problem_text
from avenue_desk.ui.style import set_role
from avenue_desk.ui.widgets.field_errors import clear_when_edited
from avenue_desk.ui.widgets.password_fields import (
    error_label,
    heading,
    note,
    password_box,
    rules_label,
    show_error,
    working_label,
)


class ChangePasswordDialog(QDialog):
    """Accepted once changed; ``actor`` is then the updated actor.

    With ``forced`` the dialog cannot simply be closed: its other button signs out. Nor
    does it ask for the current password: that is the temporary one just typed to sign in
    (``accounts.replace_temporary_password``).
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
        rows = [("&New password:", self.new, "new_password"),
                ("New password &again:", self.repeat, "repeat")]
        if forced:
            self.old.hide()  # the temporary password was typed a moment ago, to sign in
        else:
            rows.insert(0, ("&Current password:", self.old, "old_password"))
        self.errors = {}
        for text, box, name in rows:
            self.errors[name] = error_label(self)
            form.addRow(text, box)
            form.addRow("", self.errors[name])
            clear_when_edited(self.errors[name], box)
        layout.addLayout(form)
        self.general = error_label(self)
        layout.addWidget(self.general)
        self.working = working_label("Changing the password…", self)
        layout.addWidget(self.working)
        self.changing: BackgroundOp | None = None

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton("Sign out" if forced else "Cancel", self)
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.cancel_button)
        self.save_button = QPushButton("Change password", self)
        self.save_button.setDefault(True)
        set_role(self.save_button, "primary")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        (self.new if forced else self.old).setFocus()

    def save(self) -> BackgroundOp | None:
        """Checks what it can at once, then changes the password in the background;
        accepted once changed. None when nothing was started."""
        if self.changing is not None:
            return None
        for label in (*self.errors.values(), self.general):
            show_error(label, "")
        errors = {}
        if not self.forced and not self.old.text():
            errors["old_password"] = "Enter the password you signed in with."
        if not self.new.text():
            errors["new_password"] = "Enter a new password."
        elif self.new.text() != self.repeat.text():
            errors["repeat"] = "The two new passwords are not the same. Type it again."
        if errors:
            self._show(errors)
            return None
        accounts, actor, old, new = self._accounts, self.actor, self.old.text(), self.new.text()
        if self.forced:
            def change():
                return accounts.replace_temporary_password(actor, new)
        else:
            def change():
                return accounts.change_password(actor, old, new)
        self.working.show()
        self.changing = BackgroundOp(
            self, change, title="Change password",
            success=self._changed, failure=self._not_changed,
            disable=[self.old, self.new, self.repeat, self.save_button, self.cancel_button])
        self.changing.ended.connect(self._ended)
        return self.changing.start()

    def _ended(self) -> None:
        self.changing = None
        self.working.hide()

    def _changed(self, actor) -> None:
        self.actor = actor
        self.accept()

    def _not_changed(self, error: BaseException) -> None:
        self.working.hide()
        if isinstance(error, ValidationError):
            self._show(error.errors)
        else:
            show_error(self.general, problem_text(error))

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

    def reject(self) -> None:
        if self.changing is not None:
            return  # Escape while the change is being made: it is seen through first
        super().reject()

    def done(self, result: int) -> None:
        for box in (self.old, self.new, self.repeat):
            box.clear()
        super().done(result)
