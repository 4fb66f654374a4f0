"""The Headteacher's way back in: the one-time recovery code and a new password."""

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


class RecoveryCodeDialog(QDialog):
    """Accepted once the new password is set and the new recovery code has been kept."""

    def __init__(self, accounts, parent=None):
        super().__init__(parent)
        self._accounts = accounts
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
        layout.addLayout(form)
        layout.addWidget(rules_label(first))
        row = QHBoxLayout()
        row.addStretch(1)
        cancel = QPushButton("Cancel", first)
        cancel.clicked.connect(self.reject)
        row.addWidget(cancel)
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

    def reset(self) -> bool:
        for label in self.errors.values():
            show_error(label, "")
        if self.new.text() != self.repeat.text():
            show_error(self.errors["repeat"], "The two new passwords are not the same.")
            self.repeat.clear()
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            new_code = self._accounts.reset_admin_with_recovery_code(self.code_box.text(),
                                                                     self.new.text())
        except ValidationError as error:
            for name, message in error.errors.items():
                show_error(self.errors.get(name, self.errors["new_password"]), message)
            return False
        except ServiceError as error:
            show_error(self.errors["code"], str(error))
            self.code_box.setFocus()
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        for box in (self.code_box, self.new, self.repeat):
            box.clear()
        self.code.set_code(new_code)
        self.pages.setCurrentIndex(1)
        return True

    def _finish(self) -> None:
        self.code.clear()
        self.accept()

    def reject(self) -> None:
        if self.pages.currentIndex() == 1 and not self.code.kept.isChecked():
            return  # the new code must be kept before leaving
        super().reject()
