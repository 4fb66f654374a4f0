"""First run: the Headteacher's (administrator's) account, then its recovery code, once.

Making the account hashes the password (argon2, slow on purpose) and signs in with it: both
run in the background, "Creating the account…" shown meanwhile.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.services.core.errors import ValidationError
from avenue_desk.ui.operations import BackgroundOp, problem_text
from avenue_desk.ui.style import set_role
from avenue_desk.ui.widgets.field_errors import clear_when_edited
from avenue_desk.ui.widgets.password_fields import (
    RecoveryCodePanel,
    error_label,
    heading,
    note,
    password_box,
    rules_label,
    show_error,
    working_label,
)

INTRO = ("Everyone who uses Avenue Desk signs in with their own account. This first account "
         "is the Headteacher's: it can do everything, including the police referral pack, "
         "staff breach records, the audit trail and adding the other accounts (office, "
         "governors and staff).")


class FirstAdminDialog(QDialog):
    """Accepted after the account exists, its recovery code has been kept, and it has
    signed in (``actor``)."""

    def __init__(self, accounts, parent=None):
        super().__init__(parent)
        self._accounts = accounts
        self.actor = None
        self.setWindowTitle("Create the Headteacher's account — Avenue Desk")
        self.setMinimumWidth(620)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 24, 28, 20)
        self.pages = QStackedWidget(self)
        outer.addWidget(self.pages)

        account = QWidget(self.pages)
        layout = QVBoxLayout(account)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Create the Headteacher's account", account))
        layout.addWidget(note(INTRO, account))
        form = QFormLayout()
        form.setVerticalSpacing(4)
        self.display_name = QLineEdit(account)
        self.display_name.setAccessibleName("Your name")
        self.display_name.setPlaceholderText("e.g. Mrs A Patel")
        self.username = QLineEdit(account)
        self.username.setAccessibleName("Username")
        self.username.setPlaceholderText("e.g. apatel")
        self.password = password_box("Password", account)
        self.repeat = password_box("Password again", account)
        self.errors = {name: error_label(account) for name in
                       ("display_name", "username", "password", "repeat")}
        for label, box, name in (("Your &name:", self.display_name, "display_name"),
                                 ("&Username:", self.username, "username"),
                                 ("&Password:", self.password, "password"),
                                 ("Password &again:", self.repeat, "repeat")):
            form.addRow(label, box)
            form.addRow("", self.errors[name])
            clear_when_edited(self.errors[name], box)
        layout.addLayout(form)
        layout.addWidget(rules_label(account))
        self.general = error_label(account)
        layout.addWidget(self.general)
        self.working = working_label("Creating the account…", account)
        layout.addWidget(self.working)
        self.creating: BackgroundOp | None = None
        row = QHBoxLayout()
        row.addStretch(1)
        self.quit_button = QPushButton("Quit", account)
        self.quit_button.setToolTip("Nothing is set up: Avenue Desk asks again next time.")
        self.quit_button.clicked.connect(self.reject)
        row.addWidget(self.quit_button)
        self.create_button = QPushButton("Create the account", account)
        self.create_button.setDefault(True)
        set_role(self.create_button, "primary")
        self.create_button.clicked.connect(self.create)
        row.addWidget(self.create_button)
        layout.addLayout(row)
        self.pages.addWidget(account)

        code_page = QWidget(self.pages)
        code_layout = QVBoxLayout(code_page)
        code_layout.setContentsMargins(0, 0, 0, 0)
        self.code = RecoveryCodePanel(code_page)
        code_layout.addWidget(self.code)
        row = QHBoxLayout()
        row.addStretch(1)
        self.continue_button = QPushButton("Continue", code_page)
        self.continue_button.setEnabled(False)
        set_role(self.continue_button, "primary")
        self.continue_button.clicked.connect(self.finish)
        self.code.kept_changed.connect(self.continue_button.setEnabled)
        row.addWidget(self.continue_button)
        code_layout.addLayout(row)
        self.pages.addWidget(code_page)
        self.display_name.setFocus()
        if accounts is None:  # painted before the records are open: see set_accounts
            self._waiting(True)

    def set_accounts(self, accounts) -> None:
        """The accounts, once the records are open (app.py paints this dialog first)."""
        self._accounts = accounts
        self._waiting(False)

    def _waiting(self, waiting: bool) -> None:
        self.create_button.setEnabled(not waiting)
        if waiting:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def create(self) -> BackgroundOp | None:
        """Makes the account and signs in with it, in the background; then the recovery
        code is shown. None when nothing was started."""
        if self._accounts is None or self.creating is not None:
            return None  # the records are still opening, or the account is being made
        for label in (*self.errors.values(), self.general):
            show_error(label, "")
        if self.password.text() != self.repeat.text():
            show_error(self.errors["repeat"], "The two passwords are not the same. Type it "
                                              "again.")
            self.repeat.clear()
            self.repeat.setFocus()
            return None
        accounts = self._accounts
        username, name, password = (self.username.text(), self.display_name.text(),
                                    self.password.text())

        def create_and_sign_in():
            code = accounts.create_first_admin(username, name, password)
            return code, accounts.authenticate(username, password)

        self.working.show()
        self.creating = BackgroundOp(
            self, create_and_sign_in, title="Create the account", success=self._created,
            failure=self._not_created,
            disable=[self.display_name, self.username, self.password, self.repeat,
                     self.create_button, self.quit_button])
        self.creating.ended.connect(self._ended)
        return self.creating.start()

    def _ended(self) -> None:
        self.creating = None
        self.working.hide()

    def _created(self, made) -> None:
        code, self.actor = made
        self.password.clear()
        self.repeat.clear()
        self.code.set_code(code)
        self.pages.setCurrentIndex(1)
        self.setWindowTitle("Keep the recovery code safe — Avenue Desk")

    def _not_created(self, error: BaseException) -> None:
        self.working.hide()
        if isinstance(error, ValidationError):
            for name, message in error.errors.items():
                show_error(self.errors.get(name, self.general), message)
        else:
            show_error(self.general, problem_text(error))

    def finish(self) -> None:
        if self.code.kept.isChecked():
            self.code.clear()
            self.accept()

    def reject(self) -> None:
        # Once the account exists it is signed in: closing the code's page (×, Esc) goes
        # on like "Continue" once the code is kept, else stays. Rejecting there would sign
        # nobody in and leave an account whose code nobody may have seen.
        if self.creating is not None:
            return
        if self.pages.currentIndex() == 1:
            if self.code.confirm_kept():
                self.finish()
            return
        super().reject()
