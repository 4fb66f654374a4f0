"""The Headteacher's Police referral details for one incident: the kind of offence the
school believes it may be, and its reason in its own words, beside the policy's sentence.

The police referral pack prints both, and will not print without them. Only the
Headteacher sees this tab (the details are read and written as legal notes are); it has
its own Save, apart from the incident's details, as the Evidence and Escalation tabs do.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.policy.police_referral import (
    NOT_A_LEGAL_VIEW,
    OFFENCE_KINDS,
    POLICE_CLAUSE,
    get_offence_kind,
)
from avenue_desk.services.core.errors import ServiceError, ValidationError
from avenue_desk.services.incidents import IncidentRecord
from avenue_desk.ui.style import set_role
from avenue_desk.ui.widgets.field_errors import clear_when_edited

NOT_RECORDED = "Not recorded yet"


class ReferralPanel(QWidget):
    """Emits ``changed`` once the details are saved."""

    changed = Signal()

    def __init__(self, services, incident_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._incident_id = incident_id
        self._saved: tuple[str, str] = ("", "")

        intro = QLabel(
            "What the police referral pack says about why the school is referring this "
            "incident. The pack does not print until both are recorded. Only the Headteacher "
            "sees or changes them.", self)
        intro.setWordWrap(True)
        quote = QLabel(f"<i>“{html.escape(POLICE_CLAUSE.text)}”</i>", self)
        quote.setWordWrap(True)
        quote.setTextFormat(Qt.TextFormat.RichText)
        set_role(quote, "quote")
        self.kind = QComboBox(self)
        self.kind.addItem(NOT_RECORDED, "")
        for kind in OFFENCE_KINDS:
            self.kind.addItem(kind.label, kind.key)
        self.kind.setAccessibleName("Kind of offence the school believes it may be")
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self.kind_note = set_role(QLabel(self), "muted")
        self.kind_note.setWordWrap(True)
        self.kind_error = set_role(QLabel(self), "error")
        self.reason = QPlainTextEdit(self)
        self.reason.setPlaceholderText("Why the school is referring this to the Police, in the "
                                       "school's own words: what happened, who it affects, "
                                       "and why the school thinks it may be an offence.")
        self.reason.setAccessibleName("The school's reason for the referral")
        self.reason.setTabChangesFocus(True)
        self.reason_error = set_role(QLabel(self), "error")
        for label in (self.kind_error, self.reason_error):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.hide()
        clear_when_edited(self.kind_error, self.kind)
        clear_when_edited(self.reason_error, self.reason)
        legal = set_role(QLabel(NOT_A_LEGAL_VIEW, self), "muted")
        legal.setWordWrap(True)

        self.save_button = QPushButton("Save the referral details", self)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)

        kind_box = QVBoxLayout()
        kind_box.setSpacing(2)
        for widget in (self.kind, self.kind_note, self.kind_error):
            kind_box.addWidget(widget)
        reason_box = QVBoxLayout()
        reason_box.setSpacing(2)
        reason_box.addWidget(self.reason, 1)
        reason_box.addWidget(self.reason_error)
        kind_label = QLabel("&Kind of offence the school\nbelieves it may be", self)
        kind_label.setBuddy(self.kind)
        reason_label = QLabel("The school's reaso&n,\nin its own words", self)
        reason_label.setBuddy(self.reason)
        form = QFormLayout()
        form.addRow(kind_label, kind_box)
        form.addRow(reason_label, reason_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(quote)
        layout.addLayout(form, 1)
        layout.addWidget(legal)
        layout.addLayout(buttons)
        self._kind_chosen()

    # --- showing ------------------------------------------------------------------------

    def show_record(self, record: IncidentRecord) -> None:
        """The details as saved; what is being typed here is kept until it is saved."""
        saved = (record.offence_kind, record.referral_reason)
        if self.is_dirty() and saved != self._saved:
            return
        self._saved = saved
        self.kind.setCurrentIndex(max(self.kind.findData(record.offence_kind), 0))
        self.reason.setPlainText(record.referral_reason)

    def _kind_chosen(self, *_args) -> None:
        key = self.kind.currentData()
        self.kind_note.setText(get_offence_kind(key).description if key else
                               "Choose the kind the school believes it may be; the Police "
                               "decide whether it is one.")

    def values(self) -> tuple[str, str]:
        return self.kind.currentData() or "", self.reason.toPlainText()

    def is_dirty(self) -> bool:
        kind, reason = self.values()
        return (kind, reason.strip()) != (self._saved[0], self._saved[1].strip())

    # --- saving -------------------------------------------------------------------------

    def save(self) -> bool:
        kind, reason = self.values()
        try:
            record = self._services.incidents.record_referral(self._incident_id, reason, kind)
        except ValidationError as exc:
            for field, label in (("offence_kind", self.kind_error),
                                 ("referral_reason", self.reason_error)):
                label.setText(exc.errors.get(field, ""))
                label.setVisible(field in exc.errors)
            self._say("Not saved: see the message in red.", "error")
            return False
        except ServiceError as exc:
            self._say(f"Not saved: {exc}", "error")
            return False
        self._saved = (record.offence_kind, record.referral_reason)
        self.reason.setPlainText(record.referral_reason)  # as kept: trimmed
        missing = [words for words, value in (("the kind of offence", record.offence_kind),
                                              ("the reason", record.referral_reason)) if not value]
        if missing:
            self._say(f"Saved. The police referral pack still needs {' and '.join(missing)}.",
                      "warning")
        else:
            self._say("Saved. The police referral pack will print them.", "success")
        self.changed.emit()
        return True

    def _say(self, text: str, role: str) -> None:
        self.status.setText(text)
        set_role(self.status, role)

    def ask_before_closing(self) -> bool:
        """True when the editor may close: nothing unsaved here, or the Headteacher chose
        to save it (and it saved) or to leave it."""
        if not self.is_dirty():
            return True
        answer = QMessageBox.question(
            self, "Unsaved referral details",
            "The Police referral details have changes that are not saved yet. Save them "
            "before closing?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        return answer == QMessageBox.StandardButton.Discard or self.save()
