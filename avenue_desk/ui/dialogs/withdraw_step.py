"""Withdrawing a step recorded in error: says first what will change, asks why.

Nothing is deleted: the step stays on the timeline, struck through, with the reason; the
case's stage and next follow-up are worked out again from the steps left standing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.services.core.errors import ServiceError, ValidationError
from avenue_desk.services.incidents import ActionRecord, StageChange
from avenue_desk.ui.labels import phase_label, uk_date
from avenue_desk.ui.style import set_role


def effects_text(change: StageChange) -> str:
    """What withdrawing will do, in the order it matters to the office."""
    lines = [f"Withdrawing it moves the case from {phase_label(change.stage_before)} back "
             f"to {phase_label(change.stage_after)}." if change.moves else
             f"The case stays at {phase_label(change.stage_before)}."]
    for letter in change.letters:
        lines.append(f"The letter recorded with this step ({letter}) is not withdrawn: "
                     "if it was sent, it stays sent, and its record stays on the timeline.")
    if change.follow_ups_reopened == 1:
        lines.append("The follow-up this step replaced will be open again.")
    elif change.follow_ups_reopened:
        lines.append(f"The {change.follow_ups_reopened} follow-ups this step replaced will be "
                     "open again.")
    if change.shows_post_up_again:
        lines.append("It is the only record that the post was removed, so the post will "
                     "show as still up again.")
    lines.append("The step stays on the timeline, struck through, with your reason; nothing "
                 "is deleted.")
    return "\n".join(lines)


def _label(text: str, role: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        set_role(label, role)
    return label


class WithdrawStepDialog(QDialog):
    """Accepted once the step is withdrawn."""

    def __init__(self, services, action: ActionRecord, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.withdrawn = action
        self.setWindowTitle(f"Withdraw a step — incident {action.incident_id}")
        change = services.escalation.withdrawal_change(action.id)
        self.change = change
        who = f", taken by {action.taken_by}" if action.taken_by else ""
        self.summary = _label(f"“{action.step_label}” of {uk_date(action.taken_on)}{who}.",
                              "subheading")
        self.effects = _label(effects_text(change), "warning")
        self.refusal = _label(change.refused, "refusal")
        self.refusal.setVisible(bool(change.refused))
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(80)
        self.reason.setPlaceholderText("Why it is withdrawn, e.g. Recorded on the wrong "
                                       "incident")
        self.reason_error = _label("", "error")
        self.reason_error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.withdraw_button = self.buttons.addButton(
            "Withdraw step", QDialogButtonBox.ButtonRole.AcceptRole)
        self.withdraw_button.setEnabled(not change.refused)
        for button in self.buttons.buttons():
            button.setAutoDefault(False)
        self.buttons.accepted.connect(self.withdraw)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.effects)
        layout.addWidget(self.refusal)
        reason_label = QLabel("&Why is it withdrawn? (required)")
        reason_label.setBuddy(self.reason)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.reason_error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.reason.setFocus()
        self.resize(520, 380)

    def withdraw(self) -> bool:
        self.reason_error.hide()
        try:
            self._services.escalation.withdraw(self.withdrawn.id, self.reason.toPlainText())
        except ValidationError as exc:
            self.reason_error.setText(exc.errors.get("reason", str(exc)))
            self.reason_error.show()
            self.reason.setFocus()
            return False
        except ServiceError as exc:
            self.refusal.setText(str(exc))
            self.refusal.show()
            return False
        self.accept()
        return True
