"""First run: the Headteacher's (administrator's) account, then its recovery code, once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
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

from avenue_desk.services.core.errors import ServiceError, ValidationError
from avenue_desk.ui.widgets.password_fields import (
    RecoveryCodePanel,
    error_label,
    heading,
    note,
    password_box,
    rules_label,
    show_error,
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
        layout.addLayout(form)
        layout.addWidget(rules_label(account))
        self.general = error_label(account)
        layout.addWidget(self.general)
        row = QHBoxLayout()
        row.addStretch(1)
        self.quit_button = QPushButton("Quit", account)
        self.quit_button.setToolTip("Nothing is set up: Avenue Desk asks again next time.")
        self.quit_button.clicked.connect(self.reject)
        row.addWidget(self.quit_button)
        self.create_button = QPushButton("Create the account", account)
        self.create_button.setDefault(True)
        self.create_button.setStyleSheet("font-weight: 600; padding: 5px 16px;")
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
        self.continue_button.setStyleSheet("font-weight: 600; padding: 5px 16px;")
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

    def create(self) -> bool:
        if self._accounts is None:
            return False  # the records are still opening (the button is disabled till then)
        for label in (*self.errors.values(), self.general):
            show_error(label, "")
        if self.password.text() != self.repeat.text():
            show_error(self.errors["repeat"], "The two passwords are not the same. Type it "
                                              "again.")
            self.repeat.clear()
            self.repeat.setFocus()
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            code = self._accounts.create_first_admin(
                self.username.text(), self.display_name.text(), self.password.text())
            self.actor = self._accounts.authenticate(self.username.text(), self.password.text())
        except ValidationError as error:
            for name, message in error.errors.items():
                show_error(self.errors.get(name, self.general), message)
            return False
        except ServiceError as error:
            show_error(self.general, str(error))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.password.clear()
        self.repeat.clear()
        self.code.set_code(code)
        self.pages.setCurrentIndex(1)
        self.setWindowTitle("Keep the recovery code safe — Avenue Desk")
        return True

    def finish(self) -> None:
        if self.code.kept.isChecked():
            self.code.clear()
            self.accept()

    def reject(self) -> None:
        # Once the account exists, the code must be seen through: no closing past it.
        if self.pages.currentIndex() == 1 and not self.code.kept.isChecked():
            return
        super().reject()
