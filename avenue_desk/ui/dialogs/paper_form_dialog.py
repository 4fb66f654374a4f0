"""Recording a signed paper acknowledgement form for someone who did not use the PC.

The office confirms every rule is ticked on the paper, copies the yes/no answers and any
notes, and gives the date it was signed and who is recording it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.policy import conduct as code
from avenue_desk.services.conduct import ACCEPTED, IncompleteAcknowledgement, ItemAnswer
from avenue_desk.services.core.errors import ServiceError, ValidationError
from avenue_desk.ui.dialogs.conduct_pages import CheckBox, scrolling
from avenue_desk.ui.style import set_role
from avenue_desk.ui.widgets.date_field import DateField, refuse_unread_dates


class PaperFormDialog(QDialog):
    recorded = Signal(object)  # the AcknowledgementRecord

    def __init__(self, services, person_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._person = services.people.get(person_id)
        self.setWindowTitle(f"Record a paper form — {self._person.full_name}")
        set_role(self, "conduct-form")
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"<b>{html.escape(self._person.full_name)}</b> signed the code of conduct on paper."
            f" Copy their answers from the form. The form code at the foot of the form should "
            f"be <b>{code.form_code()}</b>; if it is not, the form was printed before the code "
            "changed: ask them to fill in a new one.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.all_ticked = QCheckBox(f"Every “{code.TICK_PROMPT}” box is &ticked on the form")
        layout.addWidget(self.all_ticked, 0, Qt.AlignmentFlag.AlignLeft)

        body = QWidget()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 8, 0)
        self.checks = [CheckBox(item, False) for item in code.items_in(code.CHECKS)]
        for box in self.checks:
            inner.addWidget(box)
        inner.addStretch(1)
        layout.addWidget(scrolling(body), 1)

        form = QFormLayout()
        self.signed_on = DateField(services.clock.today(), optional=False,
                                   unset_text="Choose the date")
        self.signed_on.set_value(services.clock.today())
        form.addRow("Date &signed:", self.signed_on)
        form.labelForField(self.signed_on).setBuddy(self.signed_on.edit)
        self.recorded_by = QLineEdit()
        self.recorded_by.setMaxLength(200)
        form.addRow("&Recorded by:", self.recorded_by)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.error, "error")
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(820, 640)
        self.all_ticked.setFocus()

    def answers(self) -> list[ItemAnswer]:
        ticked = ACCEPTED if self.all_ticked.isChecked() else ""
        rules = [ItemAnswer(i.key, ticked) for i in code.conduct_items() if not i.is_check]
        return rules + [box.answer() for box in self.checks]

    def save(self) -> bool:
        if refuse_unread_dates(self.signed_on):
            return False  # its own message says why, beside it
        try:
            record = self._services.conduct.record_paper(
                self._person.id, self.answers(), self.signed_on.value(), self.recorded_by.text())
        except IncompleteAcknowledgement as error:
            messages = []
            if any(not code.get_item(k).is_check for k in error.missing):
                messages.append(f"Tick “Every box is ticked” only when the form shows all "
                                f"{len(code.conduct_items()) - len(self.checks)} rules ticked;"
                                " otherwise give it back to be finished.")
            unanswered = [code.get_item(k).label for k in error.missing
                          if code.get_item(k).is_check]
            if unanswered:
                messages.append("Still to answer Yes or No: " + "; ".join(unanswered) + ".")
            messages += [m for k, m in error.errors.items() if k != "items"]
            self._show(" ".join(messages))
            return False
        except (ValidationError, ServiceError) as error:
            self._show(str(error))
            return False
        self.recorded.emit(record)
        self.accept()
        return True

    def _show(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
