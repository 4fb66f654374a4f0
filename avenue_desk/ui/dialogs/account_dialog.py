"""Adding an account, or giving one a temporary password (Headteacher only).

The temporary password is hashed with argon2 (slow on purpose), so saving runs in the
background, "Setting the password…" shown meanwhile.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.policy.access import ROLES
from avenue_desk.services.accounts import suggest_temporary_password
from avenue_desk.services.core.errors import ValidationError
from avenue_desk.ui.operations import BackgroundOp, problem_text
from avenue_desk.ui.widgets.field_errors import clear_when_edited
from avenue_desk.ui.widgets.password_fields import (
    error_label,
    heading,
    note,
    show_error,
    working_label,
)

HAND_OVER = ("Give this password to the person privately (not by email). They must choose "
             "their own the first time they sign in.")
PERSON_ROLES = ("staff", "governor")


def temporary_row(parent: QWidget) -> tuple[QHBoxLayout, QLineEdit]:
    """The temporary password, pre-filled with a random one that is easy to read out."""
    row = QHBoxLayout()
    box = QLineEdit(suggest_temporary_password(), parent)
    box.setAccessibleName("Temporary password")
    row.addWidget(box, 1)
    again = QPushButton("Suggest another", parent)
    again.clicked.connect(lambda: box.setText(suggest_temporary_password()))
    row.addWidget(again)
    return row, box


class _Form(QDialog):
    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"{title} — Avenue Desk")
        self.setMinimumWidth(580)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(24, 20, 24, 16)
        self.layout_.addWidget(heading(title, self))
        self.form = QFormLayout()
        self.form.setVerticalSpacing(4)
        self.layout_.addLayout(self.form)
        self.errors: dict[str, object] = {}
        self.general = error_label(self)
        self.working = working_label("Setting the password…", self)
        self.saving: BackgroundOp | None = None
        self.done_text = ""  # what the Accounts screen says once this is accepted
        # Once accepted: the account (as saved) and the temporary password it was given,
        # for the Accounts screen to show, and show again until the person signs in.
        self.given: tuple[object, str] | None = None

    def add_field(self, label: str, field, name: str, buddy: QWidget | None = None) -> None:
        text = QLabel(label, self)
        text.setBuddy(buddy or field)  # Alt+letter goes to the box, even inside a row
        self.form.addRow(text, field)
        self.errors[name] = error_label(self)
        self.form.addRow("", self.errors[name])
        # A row (the temporary password and "Suggest another"): each of its widgets edits it.
        edited = [field] if isinstance(field, QWidget) else [
            field.itemAt(n).widget() for n in range(field.count()) if field.itemAt(n).widget()]
        clear_when_edited(self.errors[name], *edited)

    def finish_layout(self, ok_text: str) -> None:
        self.layout_.addWidget(self.general)
        self.layout_.addWidget(self.working)
        row = QHBoxLayout()
        row.addStretch(1)
        cancel = QPushButton("Cancel", self)
        cancel.clicked.connect(self.reject)
        row.addWidget(cancel)
        self.cancel_button = cancel
        self.ok_button = QPushButton(ok_text, self)
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.save)
        row.addWidget(self.ok_button)
        self.layout_.addLayout(row)

    def show_errors(self, errors: dict[str, str]) -> None:
        for label in (*self.errors.values(), self.general):
            show_error(label, "")
        for name, message in errors.items():
            show_error(self.errors.get(name, self.general), message)

    def save(self) -> BackgroundOp | None:  # pragma: no cover - each form defines it
        raise NotImplementedError

    def save_in_background(self, work, saved) -> BackgroundOp | None:
        """Runs ``work`` (plain values only) off the GUI thread; ``saved(result)`` once it
        has worked, the problems beside their fields if not. None if already saving."""
        if self.saving is not None:
            return None
        self.show_errors({})
        self.working.show()
        self.saving = BackgroundOp(self, work, title=self.windowTitle(), success=saved,
                                   failure=self._not_saved,
                                   disable=[self.ok_button, self.cancel_button])
        self.saving.ended.connect(self._ended)
        return self.saving.start()

    def _ended(self) -> None:
        self.saving = None
        self.working.hide()

    def _not_saved(self, error: BaseException) -> None:
        self.working.hide()
        self.show_errors(error.errors if isinstance(error, ValidationError)
                         else {"": problem_text(error)})

    def reject(self) -> None:
        if self.saving is not None:
            return  # the account is being changed: it is seen through first
        super().reject()


class AccountDialog(_Form):
    """A new account. ``services`` (the app's) lets staff accounts be linked to a person."""

    def __init__(self, accounts, services=None, parent=None):
        super().__init__("Add an account", parent)
        self._accounts = accounts
        self.user = None
        self.username = QLineEdit(self)
        self.username.setAccessibleName("Username")
        self.display_name = QLineEdit(self)
        self.display_name.setAccessibleName("Name")
        self.role = QComboBox(self)
        self.role.setAccessibleName("Kind of account")
        for role in ROLES:
            self.role.addItem(role.label, role.key)
        self.role_help = note("", self)
        self.person = None
        if services is not None:
            from avenue_desk.ui.dialogs.person_dialog import PersonDialog
            from avenue_desk.ui.widgets.person_picker import PersonPicker

            self.person = PersonPicker(services, roles=("staff", "volunteer", "governor"),
                                       new_person_dialog=PersonDialog,
                                       placeholder="Type part of their name…", parent=self)
        row, self.temporary = temporary_row(self)
        self.add_field("&Username:", self.username, "username")
        self.add_field("&Name:", self.display_name, "display_name")
        self.add_field("&Kind of account:", self.role, "role")
        self.form.addRow("", self.role_help)
        if self.person is not None:
            self.add_field("&Their record:", self.person, "person_id")
        self.add_field("&Temporary password:", row, "password", self.temporary)
        self.form.addRow("", note(HAND_OVER, self))
        self.finish_layout("Add the account")
        self.role.currentIndexChanged.connect(self._role_changed)
        self.role.setCurrentIndex(self.role.findData("office"))
        self._role_changed()
        self.username.setFocus()

    def _role_changed(self, *_args) -> None:
        key = self.role.currentData()
        self.role_help.setText(next(r.description for r in ROLES if r.key == key))
        if self.person is not None:
            self.form.setRowVisible(self.person, key in PERSON_ROLES)

    def save(self) -> BackgroundOp | None:
        key = self.role.currentData()
        person_id = None
        if self.person is not None and key in PERSON_ROLES:
            person_id = self.person.person_id()
        accounts, username, name, temporary = (self._accounts, self.username.text(),
                                               self.display_name.text(), self.temporary.text())
        return self.save_in_background(
            lambda: accounts.create_user(username, name, key, temporary, person_id=person_id),
            lambda user: self._added(user, temporary))

    def _added(self, user, temporary: str) -> None:
        self.user = user
        self.given = (user, temporary)
        self.done_text = (f"Account “{user.username}” added. Give them the temporary "
                          "password privately.")
        self.accept()


class ResetPasswordDialog(_Form):
    """A temporary password for someone who forgot theirs (and the lock is lifted)."""

    def __init__(self, accounts, user, parent=None):
        super().__init__("Reset a password", parent)
        self._accounts = accounts
        self._user = user
        self.layout_.insertWidget(1, note(
            f"A temporary password for {user.display_name} ({user.username}). If the account "
            "is locked after wrong passwords, this unlocks it too.", self))
        row, self.temporary = temporary_row(self)
        self.add_field("&Temporary password:", row, "password", self.temporary)
        self.form.addRow("", note(HAND_OVER, self))
        self.finish_layout("Set the temporary password")

    def save(self) -> BackgroundOp | None:
        accounts, actor, user_id, temporary = (self._accounts, self._accounts.signed_in,
                                               self._user.id, self.temporary.text())
        return self.save_in_background(
            lambda: accounts.reset_password(actor, user_id, temporary),
            lambda user: self._reset(user, temporary))

    def _reset(self, user, temporary: str) -> None:
        self.given = (user, temporary)
        self.done_text = f"{self._user.display_name} has a temporary password now."
        self.accept()
