"""My code of conduct: what a staff member (or a governor) sees of Avenue Desk.

Their own standing, the checklist to work through when it is due, what they have signed,
and their own form to print. Nothing about anyone else: the services refuse other people's
records to these accounts in any case.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.policy.access import Operation
from avenue_desk.services.conduct import CURRENT, status_text
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.ui.labels import uk_date
from avenue_desk.ui.style import set_role

NOT_LINKED = ("This account is not linked to your name on the staff list yet, so there is "
              "no code of conduct record to show. Ask the Headteacher to link it (Accounts).")


class OwnConductView(QWidget):
    def __init__(self, services, parent=None):
        super().__init__(parent)
        self._services = services
        self.wizard = None
        self.dialog = None
        actor = services.guard.actor
        self.person_id = actor.person_id if actor is not None else None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(10)
        heading = QLabel("My code of conduct", self)
        set_role(heading, "heading")
        layout.addWidget(heading)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.status, "lead")
        self.status.setAccessibleName("Where you stand")
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.start_button = QPushButton("Work through the checklist…", self)
        set_role(self.start_button, "primary")
        self.start_button.clicked.connect(self.start)
        self.print_button = QPushButton("Print my form…", self)
        self.print_button.clicked.connect(self.print_form)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(QLabel("What you have signed:", self))
        self.history = QListWidget(self)
        self.history.setAccessibleName("What you have signed")
        self.history.setMaximumHeight(self.history.fontMetrics().height() * 10 + 12)
        layout.addWidget(self.history)
        layout.addStretch(1)
        self.refresh()

    def on_shown(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.history.clear()
        if self.person_id is None:
            self._show(NOT_LINKED, checklist=False)
            return
        conduct = self._services.conduct
        try:
            standing = conduct.standing(self.person_id)
            signed = conduct.history(self.person_id)
        except ServiceError as error:
            self._show(str(error), checklist=False)
            return
        text = f"Your status: {status_text(standing.status, len(standing.failed_keys))}."
        if standing.last_full is not None:
            text += f" Last signed in full on {uk_date(standing.last_full.signed_on)}."
        if standing.renewal_due is not None:
            text += f" Renewal due by {uk_date(standing.renewal_due)}."
        if standing.status != CURRENT:
            text += " Please work through the checklist now."
        self._show(text, checklist=standing.status != CURRENT)
        for record in signed:
            how = "on paper" if record.on_paper else "on screen"
            self.history.addItem(f"{uk_date(record.signed_on)}: signed {how} "
                                 f"({'in full' if record.scope == 'full' else 'changes only'})")
        if not signed:
            self.history.addItem("Nothing yet.")

    def _show(self, text: str, checklist: bool) -> None:
        self.status.setText(text)
        allowed = self.person_id is not None
        self.start_button.setVisible(allowed and checklist and self._services.guard.allowed(
            Operation.CONDUCT_OWN_WIZARD))
        self.print_button.setEnabled(allowed)

    def start(self) -> None:
        if self.person_id is None or self.wizard is not None:
            return
        from avenue_desk.ui.dialogs.conduct_wizard import ConductWizard

        try:
            wizard = ConductWizard(self._services, self.person_id, self.window())
        except ServiceError as error:
            QMessageBox.warning(self, "Cannot start", str(error))
            return
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.finished.connect(self._wizard_closed)
        self.wizard = wizard
        wizard.open()

    def _wizard_closed(self, *_args) -> None:
        self.wizard = None
        self.refresh()

    def print_form(self) -> None:
        if self.person_id is None:
            return
        from avenue_desk.ui.dialogs.document_dialog import DocumentDialog

        documents, person_id = self._services.conduct_documents, self.person_id
        dialog = DocumentDialog(self._services, "My code of conduct form",
                                "my-code-of-conduct-form.pdf", self.window(),
                                make=lambda: documents.form_pdf(person_id))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()
        dialog.refresh()

    def _dialog_closed(self, *_args) -> None:
        self.dialog = None
