"""Recording one step of the policy's procedure that the school has taken."""

from __future__ import annotations

import html
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.policy import EDITIONS, PolicyQuote, StepOption, Verdict
from avenue_desk.services.core.errors import NotFound, StepNotAllowed, ValidationError
from avenue_desk.services.incidents import ActionInput, ActionRecord
from avenue_desk.ui.style import set_role
from avenue_desk.ui.widgets.date_field import DateField, refuse_unread_dates


def quote_html(option: StepOption) -> str:
    return policy_quote_html(option.quote or option.step.quote)


def policy_quote_html(quote: PolicyQuote) -> str:
    """The policy's own sentence in italics, and which edition it comes from."""
    edition = EDITIONS[quote.edition_key]
    return (f"<i>“{html.escape(quote.text)}”</i><br>— {html.escape(edition.title)} "
            f"({html.escape(edition.produced_label)})")


def _label(role: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    set_role(label, role)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class RecordActionDialog(QDialog):
    """After it is accepted, ``action`` holds the recorded step."""

    def __init__(self, services, incident_id: int, options: list[StepOption],
                 step_key: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._incident_id = incident_id
        self.action: ActionRecord | None = None
        self._follow_up_by_hand = False
        self.setWindowTitle(f"Record an action — incident {incident_id}")
        today = services.clock.today()
        self._follow_up_days = services.settings.load().follow_up_days
        # Refused steps are not offered at all: the ladder beside this dialog says why.
        self._options = [o for o in options if o.verdict is not Verdict.REFUSED]

        self.step = QComboBox()
        for option in self._options:
            suffix = " — suggested" if option.verdict is Verdict.SUGGESTED else ""
            self.step.addItem(option.step.label + suffix, option.step.key)
        self.step_info = QLabel()
        self.step_info.setWordWrap(True)
        self.step_info.setTextFormat(Qt.TextFormat.RichText)
        set_role(self.step_info, "muted")
        self.taken_on = DateField(today, optional=False, unset_text="Choose the date")
        self.taken_on.set_value(today)
        self.taken_on.edit.setMaximumDate(today)  # a step cannot have been taken tomorrow
        self.taken_by = QLineEdit()
        self.taken_by.setPlaceholderText("e.g. Mrs Shah, Headteacher")
        self.outcome = QPlainTextEdit()
        self.outcome.setPlaceholderText("What happened, e.g. Parent agreed to delete the post")
        self.outcome.setTabChangesFocus(True)
        self.outcome.setMaximumHeight(70)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(90)
        self.follow_up = DateField(today, optional=True, unset_text="No follow-up",
                                   year_left_out="coming")  # "5 Jan" is the coming one
        self.removed = QCheckBox("Someone has checked: the post is no longer there")
        self.refusal = _label("refusal")
        self.refusal.setTextFormat(Qt.TextFormat.RichText)
        self.refusal.hide()

        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows = (("Step", self.step, "step"), ("Date taken", self.taken_on, "taken_on"),
                ("Taken by", self.taken_by, "taken_by"), ("Outcome", self.outcome, "outcome"),
                ("Notes", self.notes, "notes"), ("Follow up on", self.follow_up, "follow_up_due"),
                ("", self.removed, None))
        self._focus: dict[str, QWidget] = {}
        for text, widget, field in rows:
            if field is None:
                form.addRow(text, widget)
                continue
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            if widget is self.step:
                # In the step's own row: a wrapped label as a row of its own gets gaps.
                box.addWidget(self.step_info)
            self.errors[field] = _label("error")
            self.errors[field].hide()
            box.addWidget(self.errors[field])
            form.addRow(text, box)
            self._focus[field] = widget
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for button in self.buttons.buttons():
            button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.refusal)
        layout.addStretch(1)  # spare height below the form, not between its rows
        layout.addWidget(self.buttons)

        self.follow_up.changed.connect(self._follow_up_edited)
        self.step.currentIndexChanged.connect(self._step_changed)
        self._select(step_key)
        self._step_changed()
        self.resize(620, 560)

    def _select(self, step_key: str | None) -> None:
        if step_key is None:
            top = self._services.escalation.suggestions(self._incident_id)
            step_key = top[0].step.key if top else None
        index = self.step.findData(step_key) if step_key else 0
        self.step.setCurrentIndex(max(index, 0))

    def current_option(self) -> StepOption | None:
        index = self.step.currentIndex()
        return self._options[index] if 0 <= index < len(self._options) else None

    def _follow_up_edited(self) -> None:
        self._follow_up_by_hand = True

    def _step_changed(self) -> None:
        option = self.current_option()
        self.refusal.hide()
        if option is None:
            self.step_info.setText("No step can be recorded at this stage.")
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            return
        self.step_info.setText(f"{html.escape(option.step.description)}<br>"
                               f"{html.escape(option.reason)}<br>{quote_html(option)}")
        if not self._follow_up_by_hand:
            due = None
            if option.step.expects_reply:
                due = self.taken_on.value() or self._services.clock.today()
                due += timedelta(days=self._follow_up_days)
            self.follow_up.blockSignals(True)
            self.follow_up.set_value(due)
            self.follow_up.blockSignals(False)
        # Recording the removal is itself the confirmation: ticked and locked for that step.
        confirmed = option.step.key == "content_removed"
        was_ticked = self.removed.isChecked() and self.removed.isEnabled()
        self.removed.setChecked(confirmed or was_ticked)
        self.removed.setEnabled(not confirmed)

    def collect(self) -> ActionInput:
        option = self.current_option()
        return ActionInput(
            step=option.step.key if option else "",
            taken_on=self.taken_on.value(),
            taken_by=self.taken_by.text(),
            outcome=self.outcome.toPlainText(),
            notes=self.notes.toPlainText(),
            follow_up_due=self.follow_up.value(),
            removal_confirmed=self.removed.isChecked(),
        )

    def save(self) -> bool:
        for label in self.errors.values():
            label.hide()
        self.refusal.hide()
        if refuse_unread_dates(self.taken_on, self.follow_up):
            return False  # the date's own message says why, beside it
        try:
            self.action = self._services.escalation.record(self._incident_id, self.collect())
        except ValidationError as exc:
            bad = [f for f in self.errors if f in exc.errors]
            for field in bad:
                self.errors[field].setText(exc.errors[field])
                self.errors[field].show()
            if bad:
                self._focus[bad[0]].setFocus()
            return False
        except StepNotAllowed as exc:
            # The policy's reason and its own words, so nobody has to take the desk's word.
            text = f"<b>This step cannot be recorded now.</b> {html.escape(exc.reason)}"
            if exc.quote:
                text += f"<br>{policy_quote_html(exc.quote)}"
            self.refusal.setText(text)
            self.refusal.show()
            return False
        except NotFound as exc:
            self.refusal.setText(html.escape(str(exc)))
            self.refusal.show()
            return False
        self.accept()
        return True
