"""The Headteacher's way back in: the one-time recovery code and a new password.

The code and the new password go through argon2 (slow on purpose), in the background.

An encrypted school's records may not be open yet (nobody has signed in to this program):
the dialog is then given ``open_records(code)``, and the code first opens the records'
key and the records, in the same background work, before the password is set. The records
it opened are kept in ``services`` for the caller, whatever happens next.
"""

from __future__ import annotations

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


class RecoveryCodeDialog(QDialog):
    """Accepted once the new password is set and the new recovery code has been kept."""

    def __init__(self, accounts, parent=None, open_records=None):
        super().__init__(parent)
        self._accounts = accounts
        self._open_records = open_records  # code -> services, when the records are locked
        self.services = None  # the records this dialog opened (``open_records``), if any
        self.setWindowTitle("Use the recovery code — Avenue Desk")
        self.setMinimumWidth(600)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 24, 28, 20)
        self.pages = QStackedWidget(self)
        outer.addWidget(self.pages)

        first = QWidget(self.pages)
        layout = QVBoxLayout(first)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Use the recovery code", first))
        layout.addWidget(note(
            "Type the recovery code you kept when Avenue Desk was set up (capitals and dashes "
            "do not matter), then choose a new password for the Headteacher's account.",
            first))
        form = QFormLayout()
        form.setVerticalSpacing(4)
        self.code_box = QLineEdit(first)
        self.code_box.setAccessibleName("Recovery code")
        self.code_box.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        self.new = password_box("New password", first)
        self.repeat = password_box("New password again", first)
        self.errors = {name: error_label(first) for name in ("code", "new_password", "repeat")}
        for label, box, name in (("Recovery &code:", self.code_box, "code"),
                                 ("&New password:", self.new, "new_password"),
                                 ("New password &again:", self.repeat, "repeat")):
            form.addRow(label, box)
            form.addRow("", self.errors[name])
            clear_when_edited(self.errors[name], box)
        layout.addLayout(form)
        layout.addWidget(rules_label(first))
        self.working = working_label("Checking the code and setting the password…", first)
        layout.addWidget(self.working)
        self.resetting: BackgroundOp | None = None
        row = QHBoxLayout()
        row.addStretch(1)
        cancel = QPushButton("Cancel", first)
        cancel.clicked.connect(self.reject)
        row.addWidget(cancel)
        self.cancel_button = cancel
        self.reset_button = QPushButton("Set the new password", first)
        self.reset_button.setDefault(True)
        self.reset_button.clicked.connect(self.reset)
        row.addWidget(self.reset_button)
        layout.addLayout(row)
        self.pages.addWidget(first)

        second = QWidget(self.pages)
        second_layout = QVBoxLayout(second)
        second_layout.setContentsMargins(0, 0, 0, 0)
        second_layout.addWidget(note("The new password is set and the old recovery code no "
                                     "longer works. Here is the new one.", second))
        self.code = RecoveryCodePanel(second)
        second_layout.addWidget(self.code)
        row = QHBoxLayout()
        row.addStretch(1)
        self.done_button = QPushButton("Back to sign in", second)
        self.done_button.setEnabled(False)
        self.done_button.clicked.connect(self._finish)
        self.code.kept_changed.connect(self.done_button.setEnabled)
        row.addWidget(self.done_button)
        second_layout.addLayout(row)
        self.pages.addWidget(second)
        self.code_box.setFocus()

    def reset(self) -> BackgroundOp | None:
        """Checks the code and sets the new password in the background; then the new code
        is shown. None when nothing was started."""
        if self.resetting is not None:
            return None
        for label in self.errors.values():
            show_error(label, "")
        if self.new.text() != self.repeat.text():
            show_error(self.errors["repeat"], "The two new passwords are not the same.")
            self.repeat.clear()
            return None
        accounts, code, new = self._accounts, self.code_box.text(), self.new.text()
        self.working.show()
        if accounts is None:
            work, success = self._opening_work(code, new), self._opened
        else:
            work = lambda: accounts.reset_admin_with_recovery_code(code, new)  # noqa: E731
            success = self._reset
        self.resetting = BackgroundOp(
            self, work, title="Use the recovery code", success=success,
            failure=self._not_reset,
            disable=[self.code_box, self.new, self.repeat, self.reset_button,
                     self.cancel_button])
        self.resetting.ended.connect(self._ended)
        return self.resetting.start()

    def _ended(self) -> None:
        self.resetting = None
        self.working.hide()

    def _opening_work(self, code: str, new: str):
        """The background work for locked records: the code opens their key and the records
        (``open_records``, which raises worded: a wrong code, a key file missing or
        damaged), then sets the password. Returns (services, the new code or the reason it
        was not set, or None for damaged records: the damage is dealt with first)."""
        open_records = self._open_records

        def work():
            services = open_records(code)
            if services.db.damaged:
                return services, None
            try:
                return services, services.accounts.reset_admin_with_recovery_code(code, new)
            except Exception as error:  # noqa: BLE001 - shown as any refusal is, below
                return services, error

        return work

    def _opened(self, opened) -> None:
        """The records are open: from now on this dialog uses their accounts."""
        self.services, outcome = opened
        self._accounts = self.services.accounts
        if outcome is None:
            super().reject()  # damaged records: the caller offers the newest good backup
        elif isinstance(outcome, BaseException):
            self._not_reset(outcome)
        else:
            self._reset(outcome)

    def _reset(self, new_code: str) -> None:
        for box in (self.code_box, self.new, self.repeat):
            box.clear()
        self.code.set_code(new_code)
        self.pages.setCurrentIndex(1)

    def _not_reset(self, error: BaseException) -> None:
        self.working.hide()
        if isinstance(error, ValidationError):
            for name, message in error.errors.items():
                show_error(self.errors.get(name, self.errors["new_password"]), message)
            return
        show_error(self.errors["code"], problem_text(error))
        self.code_box.setFocus()

    def _finish(self) -> None:
        self.code.clear()
        self.accept()

    def reject(self) -> None:
        if self.resetting is not None:
            return  # the password is being set: its new code must then be kept
        if self.pages.currentIndex() == 1:
            # The password is set already: closing (×, Esc) goes back to sign in like the
            # button, once the new code is kept; else the code stays on show.
            if self.code.confirm_kept():
                self._finish()
            return
        super().reject()
