"""Marking a follow-up done: what it is, and a short note of what was done (required)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.services.core.errors import ServiceError, ValidationError
from avenue_desk.services.incidents import ActionRecord
from avenue_desk.ui.labels import uk_date
from avenue_desk.ui.style import set_role


def follow_up_text(action: ActionRecord) -> str:
    """ "Follow-up on “Ask the parent to remove the post” of 10 November 2026, due 17
    November 2026." """
    return (f"Follow-up on “{action.step_label}” of {uk_date(action.taken_on)}, due "
            f"{uk_date(action.follow_up_due)}.")


class FollowUpDoneDialog(QDialog):
    """Accepted once the follow-up is marked done; ``marked`` is the step as it now stands."""

    def __init__(self, services, action: ActionRecord, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.follow_up = action
        self.marked: ActionRecord | None = None
        self.setWindowTitle(f"Mark a follow-up done — incident {action.incident_id}")
        what = QLabel(follow_up_text(action))
        what.setWordWrap(True)
        what.setTextFormat(Qt.TextFormat.PlainText)
        set_role(what, "subheading")
        self.note = QLineEdit()
        self.note.setMaxLength(500)
        self.note.setPlaceholderText("What was done, e.g. Post checked: it has gone")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.error, "error")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.done_button = self.buttons.addButton("Mark done",
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        label = QLabel("&What was done? (required)")
        label.setBuddy(self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(label)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.note.setFocus()
        self.resize(460, 200)

    def save(self) -> bool:
        self.error.hide()
        try:
            self.marked = self._services.escalation.complete_follow_up(
                self.follow_up.id, self.note.text())
        except ValidationError as exc:
            self.error.setText(exc.errors.get("note", str(exc)))
        except ServiceError as exc:
            self.error.setText(str(exc))
        else:
            self.accept()
            return True
        self.error.show()
        self.note.setFocus()
        return False
