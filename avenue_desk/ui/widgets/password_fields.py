"""Pieces shared by the sign-in, change-password, first-administrator and recovery dialogs."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.ui.style import set_role


def password_box(accessible_name: str, parent: QWidget | None = None) -> QLineEdit:
    box = QLineEdit(parent)
    box.setEchoMode(QLineEdit.EchoMode.Password)
    box.setAccessibleName(accessible_name)
    box.setMinimumWidth(280)
    return box


def error_label(parent: QWidget | None = None) -> QLabel:
    """A message shown beside (under) its field; plain text, hidden while empty."""
    label = set_role(QLabel(parent), "error")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.hide()
    return label


def show_error(label: QLabel, message: str) -> None:
    label.setText(message)
    label.setVisible(bool(message))
    if message:
        grow_to_fit(label.window())


def grow_to_fit(window: QWidget) -> None:
    """Taller, never narrower, when messages appear, so a wrapped one is not cut off."""
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    needed = window.sizeHint().height()
    if layout.hasHeightForWidth():
        needed = max(needed, layout.totalHeightForWidth(window.width()))
    if needed > window.height():
        window.resize(window.width(), needed)


def heading(text: str, parent: QWidget | None = None) -> QLabel:
    return set_role(QLabel(text, parent), "heading")


def note(text: str, parent: QWidget | None = None) -> QLabel:
    label = set_role(QLabel(text, parent), "muted")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def working_label(text: str, parent: QWidget | None = None) -> QLabel:
    """Says that the password is being checked or hashed (argon2 takes a moment, on
    purpose, in the background); hidden until then."""
    label = note(text, parent)
    label.setAccessibleName("Working")
    label.hide()
    return label


def rules_label(parent: QWidget | None = None) -> QLabel:
    """The password rules as a short list, shown before anyone types."""
    # Imported here: the sign-in dialog, painted before anything else loads, needs no policy.
    from avenue_desk.policy.passwords import PASSWORD_RULES

    items = "".join(f"<li>{html.escape(rule)}</li>" for rule in PASSWORD_RULES)
    label = QLabel(f"<b>A good password</b><ul style='margin-left: -20px'>{items}</ul>", parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    set_role(label, "muted")
    return label


class RecoveryCodePanel(QWidget):
    """Shows a recovery code once, asks for it to be kept, and offers to print it."""

    kept_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Keep the recovery code safe", self))
        layout.addWidget(note(
            "If the Headteacher's password is ever forgotten, this code lets you choose a new "
            "one. It is shown only now, and it works once (a new one is then shown).", self))
        self.code_label = QLabel(self)
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setPointSize(20)
        mono.setBold(True)
        self.code_label.setFont(mono)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.code_label, "recovery-code")
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setAccessibleName("Recovery code")
        layout.addWidget(self.code_label)
        layout.addWidget(note(
            "Print it, or write it down exactly, and keep it away from this computer: in the "
            "school safe or a locked drawer. Do not save it in a file on this computer.", self))
        row = QHBoxLayout()
        self.print_button = QPushButton("Print it…", self)
        self.print_button.clicked.connect(self.print_code)
        row.addWidget(self.print_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.kept = QCheckBox("I have kept the recovery code safely", self)
        self.kept.toggled.connect(self.kept_changed)
        layout.addWidget(self.kept)
        layout.addStretch(1)

    def set_code(self, code: str) -> None:
        self.code_label.setText(code)
        self.kept.setChecked(False)

    def confirm_kept(self) -> bool:
        """Asked when the window is closed (its ×, Esc) with the code on show: True once
        the code has been kept, ticking the box; False to stay and look at it again.

        A headteacher closing this window means "done": nothing is lost by carrying on
        when the code is kept, but the code is shown only now, so it is asked, not assumed.
        """
        if self.kept.isChecked():
            return True
        box = QMessageBox(QMessageBox.Icon.Question, "Have you kept the recovery code?",
                          "Have you kept the recovery code?\n\nIt is shown only now. Without "
                          "it, a forgotten Headteacher's password cannot be put right.",
                          QMessageBox.StandardButton.NoButton, self.window())
        kept = box.addButton("Yes, I have kept it", QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton("Show it again", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)  # Esc or Enter here never loses the code
        box.setEscapeButton(back)
        box.exec()
        if box.clickedButton() is not kept:
            return False
        self.kept.setChecked(True)
        return True

    def clear(self) -> None:
        """Nothing of the code stays in the widget once it has been kept."""
        self.code_label.clear()

    def print_code(self) -> None:  # pragma: no cover - needs a printer; stubbed in tests
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        document = QTextDocument()
        document.setHtml(
            "<h2>Avenue Desk: the Headteacher's recovery code</h2>"
            f"<p style='font-size: 20pt; font-family: monospace'><b>"
            f"{html.escape(self.code_label.text())}</b></p>"
            "<p>Use it once, from the sign-in window (“Forgotten your password?”), to choose "
            "a new password for the Headteacher's account. Keep this sheet locked away.</p>")
        document.print_(printer)
