"""Turning encryption on, in the window: the Headteacher's confirmation (what will happen, in
plain words, and their password typed again), and the results once the records are
encrypted (the new recovery code, the other accounts' temporary passwords).

The conversion itself runs with the records closed (``ui/encrypting.py``); these two
windows come before and after it. Nothing shown here is written anywhere: the password is
handed on in memory, and the code and temporary passwords are cleared from the results
window as it closes.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from avenue_desk.ui.operations import BackgroundOp, problem_text
from avenue_desk.ui.style import set_role
from avenue_desk.ui.widgets.field_errors import clear_when_edited
from avenue_desk.ui.widgets.password_fields import (
    RecoveryCodePanel,
    error_label,
    grow_to_fit,
    heading,
    note,
    password_box,
    show_error,
    working_label,
)

WHAT_HAPPENS = (
    "Avenue Desk closes the records and makes a backup of them first.",
    "It then encrypts the records and every evidence file, and checks each against the "
    "original. This takes a minute or so, longer with many evidence files: leave the "
    "computer on.",
    "You get a new recovery code, to print and keep in the school safe. The old one stops "
    "working.",
    "Every other account gets a temporary password, shown to you to hand out in person. "
    "Their old passwords stop working; each chooses a new one at their next sign-in.",
    "Then you sign in again with your usual password.",
)
CANNOT_UNDO = ("This cannot be undone. If every password and the recovery code are ever "
               "lost, nobody can open the records again, Avenue Desk's makers included.")


@dataclass(frozen=True)
class Confirmation:
    """The Headteacher, checked just now, and the password they typed (kept in memory only,
    until the conversion has used it)."""

    actor: object  # the Actor the password was checked for
    password: str

    def __repr__(self) -> str:  # never the password in a log
        return f"Confirmation({self.actor!r})"


class ConfirmEncryptionDialog(QDialog):
    """What encrypting will do, and the Headteacher's password again. ``confirmed`` carries
    a ``Confirmation`` once the password was right; the caller then closes the records."""

    confirmed = Signal(object)

    def __init__(self, services, parent=None):
        super().__init__(parent)
        self._services = services
        self.checking: BackgroundOp | None = None
        self.setWindowTitle("Encrypt the records — Avenue Desk")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(heading("Encrypt the records on this computer", self))
        layout.addWidget(note(
            "Once encrypted, the records and evidence files can be read only through Avenue "
            "Desk, with an account's password or the recovery code: a stolen computer or a "
            "lost backup stick gives nothing away.", self))
        steps = QLabel("<b>What happens</b><ol style='margin-left: -20px'>"
                       + "".join(f"<li>{step}</li>" for step in WHAT_HAPPENS) + "</ol>", self)
        steps.setTextFormat(Qt.TextFormat.RichText)
        steps.setWordWrap(True)
        steps.setAccessibleName("What happens")
        layout.addWidget(steps)
        self.cannot_undo = set_role(QLabel(CANNOT_UNDO, self), "warning")
        self.cannot_undo.setWordWrap(True)
        layout.addWidget(self.cannot_undo)
        self.password = password_box("Your password", self)
        self.password.returnPressed.connect(self.try_confirm)
        label = QLabel("Type your &password again to go ahead:", self)
        label.setBuddy(self.password)
        layout.addWidget(label)
        layout.addWidget(self.password)
        self.message = error_label(self)
        self.message.setAccessibleName("Password message")
        clear_when_edited(self.message, self.password)
        layout.addWidget(self.message)
        self.working = working_label("Checking the password…", self)
        layout.addWidget(self.working)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.clicked.connect(self.reject)
        row.addWidget(self.cancel_button)
        self.encrypt_button = set_role(QPushButton("&Encrypt the records", self), "primary")
        self.encrypt_button.setDefault(True)
        self.encrypt_button.clicked.connect(self.try_confirm)
        row.addWidget(self.encrypt_button)
        layout.addLayout(row)
        self.password.setFocus()

    def try_confirm(self) -> BackgroundOp | None:
        """Checks the password in the background (argon2 is slow on purpose); wrong ones
        count towards the account's lockout, as at the locked screen."""
        if self.checking is not None:
            return None
        password = self.password.text()
        if not password:
            show_error(self.message, "Type your password.")
            return None
        services = self._services
        self.working.show()
        self.checking = BackgroundOp(
            self, lambda: _checked(services, password), title="Checking the password",
            success=lambda actor: self._right(actor, password), failure=self._wrong,
            disable=[self.password, self.encrypt_button, self.cancel_button])
        self.checking.ended.connect(self._ended)
        return self.checking.start()

    def _ended(self) -> None:
        self.checking = None
        self.working.hide()

    def _right(self, actor, password: str) -> None:
        self.password.clear()
        self.accept()
        self.confirmed.emit(Confirmation(actor, password))

    def _wrong(self, error: BaseException) -> None:
        self.working.hide()
        self.password.clear()
        show_error(self.message, problem_text(error))
        self.password.setFocus()

    def reject(self) -> None:
        if self.checking is None:  # not while the password is being checked
            super().reject()


def _checked(services, password: str):
    """On a worker: the records can be encrypted, the person signed in is a Headteacher,
    and this is their password (``EncryptionRefused`` or ``SignInRefused`` otherwise)."""
    from avenue_desk.services.core.errors import ServiceError
    from avenue_desk.services.safety import refuse_unless_plain

    refuse_unless_plain(services.paths)
    if not services.guard.is_head():
        raise ServiceError("Only a Headteacher can turn encryption on.")
    return services.accounts.unlock(password, purpose="encrypting the records")


class RecordsEncryptedDialog(QDialog):
    """The conversion's outcome: the new recovery code (Print it…, and "I have kept it"
    before Continue, as after the first administrator's account), and the temporary
    passwords to hand out (Copy the list)."""

    def __init__(self, result, parent=None):
        super().__init__(parent)
        self.setWindowTitle("The records are encrypted — Avenue Desk")
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(8)
        layout.addWidget(heading("The records are now encrypted", self))
        files = result.evidence_files
        what = ("The records" if not files else "The records and the evidence file" if
                files == 1 else f"The records and {files:,} evidence files")
        layout.addWidget(note(
            f"{what} on this computer are encrypted: without an Avenue Desk password or the "
            "recovery code, the files in the data folder show nothing. The old recovery code "
            "no longer works.", self))
        self.code = RecoveryCodePanel(self)
        self.code.set_code(result.recovery_code)
        layout.addWidget(self.code)
        self._add_temporary(layout, result.temporary)
        self.backup_note = note(
            f"The backup made just before ({result.backup.name}) is not encrypted, and nor "
            "are older backups: keep them locked away, or delete them once you are sure the "
            "encrypted records are in order.", self)
        layout.addWidget(self.backup_note)
        for warning in result.warnings:
            label = set_role(QLabel(warning, self), "warning")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(label)
        row = QHBoxLayout()
        row.addWidget(note("Next, sign in again with your usual password.", self), 1)
        self.continue_button = set_role(QPushButton("Continue", self), "primary")
        self.continue_button.setEnabled(False)  # until the code is kept
        self.continue_button.clicked.connect(self.finish)
        self.code.kept_changed.connect(self.continue_button.setEnabled)
        row.addWidget(self.continue_button)
        layout.addLayout(row)

    def _add_temporary(self, layout: QVBoxLayout, temporary) -> None:
        layout.addWidget(set_role(QLabel("Temporary passwords for the other accounts", self),
                                  "subheading"))
        self.table = QTableWidget(len(temporary), 3, self)
        self.table.setAccessibleName("Temporary passwords")
        self.copy_button = QPushButton("&Copy the list", self)
        self.copied = set_role(QLabel("", self), "success")
        if not temporary:
            layout.addWidget(note("There are no other accounts: nobody else needs a new "
                                  "password.", self))
            self.table.hide()
            self.copy_button.hide()
            return
        layout.addWidget(note(
            "Give each one to its owner in person, not by email. Their old passwords no "
            "longer work; each chooses their own the first time they sign in.", self))
        self.table.setHorizontalHeaderLabels(["Name", "Username", "Temporary password"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for row, given in enumerate(temporary):
            for column, text in enumerate((given.display_name, given.username,
                                           given.password)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        rows = min(len(temporary), 6)
        self.table.setFixedHeight(header.sizeHint().height()
                                  + rows * self.table.verticalHeader().defaultSectionSize()
                                  + 2 * self.table.frameWidth() + 2)
        layout.addWidget(self.table)
        line = QHBoxLayout()
        self.copy_button.setToolTip("Copy every name, username and temporary password, to "
                                    "paste where you hand them over")
        self.copy_button.clicked.connect(self.copy)
        line.addWidget(self.copy_button)
        self.copied.hide()
        line.addWidget(self.copied)
        line.addStretch(1)
        layout.addLayout(line)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        grow_to_fit(self)  # wrapped sentences take their height: the code is never squeezed

    def listed(self) -> list[str]:
        """Each account's line as Copy gives it: "Name (username): password"."""
        return [f"{self.table.item(row, 0).text()} ({self.table.item(row, 1).text()}): "
                f"{self.table.item(row, 2).text()}" for row in range(self.table.rowCount())]

    def copy(self) -> None:
        QGuiApplication.clipboard().setText("\n".join(self.listed()))
        self.copied.setText("Copied.")
        self.copied.show()

    def finish(self) -> None:
        if self.code.kept.isChecked():
            self.accept()

    def reject(self) -> None:
        # The code is shown only now: closing (×, Esc) asks whether it was kept, as after
        # the first administrator's account.
        if self.code.confirm_kept():
            self.finish()

    def done(self, result: int) -> None:
        self.code.clear()  # nothing of the code or the passwords stays in a closed window
        self.table.clearContents()
        super().done(result)
