"""Recording one step of the policy's procedure that the school has taken.

A step that moves the case to another stage needs who took it and what came of it, and is
confirmed first, saying which stage it moves the case from and to. The follow-up proposed
falls on a school day; a date typed by hand that is not one is said beside the field, with
the next school day offered (never moved silently).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.policy import EDITIONS, PolicyQuote, StepOption, Verdict
from avenue_desk.services.core.errors import ServiceError, StepNotAllowed, ValidationError
from avenue_desk.services.incidents import ActionInput, ActionRecord, StageChange
from avenue_desk.ui.labels import phase_label, uk_date
from avenue_desk.ui.style import set_role
from avenue_desk.ui.widgets.date_field import DateField, refuse_unread_dates
from avenue_desk.ui.widgets.field_errors import clear_when_edited


def quote_html(option: StepOption) -> str:
    return policy_quote_html(option.quote or option.step.quote)


def policy_quote_html(quote: PolicyQuote) -> str:
    """The policy's own sentence in italics, and which edition it comes from."""
    edition = EDITIONS[quote.edition_key]
    return (f"<i>“{html.escape(quote.text)}”</i><br>— {html.escape(edition.title)} "
            f"({html.escape(edition.produced_label)})")


def moves_text(change: StageChange) -> str:
    """ "This moves the case from Meeting stage to Escalated." """
    return (f"This moves the case from {phase_label(change.stage_before)} to "
            f"{phase_label(change.stage_after)}.")


def _label(role: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    set_role(label, role)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class RecordActionDialog(QDialog):
    """After it is accepted, ``action`` holds the recorded step. While a confirmation is
    open (a step that moves the stage), ``confirmation`` is that message box and
    ``confirm_button`` the button that saves."""

    SAVE_TEXT = "Record and move the case"

    def __init__(self, services, incident_id: int, options: list[StepOption],
                 step_key: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._incident_id = incident_id
        self.action: ActionRecord | None = None
        self.confirmation: QMessageBox | None = None
        self.confirm_button: QPushButton | None = None
        self._follow_up_by_hand = False
        self.setWindowTitle(f"Record an action — incident {incident_id}")
        today = services.clock.today()
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
        self.stage_note = _label("warning")
        self.stage_note.hide()
        self.taken_on = DateField(today, optional=False, unset_text="Choose the date")
        self.taken_on.set_value(today)
        self.taken_on.edit.setMaximumDate(today)  # a step cannot have been taken tomorrow
        self.taken_by = QLineEdit()
        self.taken_by.setPlaceholderText("e.g. Mrs Shah, Headteacher")
        actor = services.guard.actor
        # Most steps are taken by whoever records them; the field stays free to change.
        self.taken_by.setText(actor.display_name if actor else "")
        self.outcome = QPlainTextEdit()
        self.outcome.setPlaceholderText("What happened, e.g. Parent agreed to delete the post")
        self.outcome.setTabChangesFocus(True)
        self.outcome.setMaximumHeight(70)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(90)
        self.follow_up = DateField(today, optional=True, unset_text="No follow-up",
                                   year_left_out="coming")  # "5 Jan" is the coming one
        self.follow_up_notice = _label("warning")
        self.use_school_day = set_role(QPushButton(self), "link")
        self.use_school_day.setAutoDefault(False)
        self.use_school_day.setFlat(True)
        self.use_school_day.clicked.connect(self._use_next_school_day)
        self._next_school_day = None
        notice = QHBoxLayout()
        notice.setContentsMargins(0, 0, 0, 0)
        notice.addWidget(self.follow_up_notice, 1)
        notice.addWidget(self.use_school_day, 0)
        self.follow_up_row = QWidget()
        self.follow_up_row.setLayout(notice)
        self.follow_up_row.hide()
        self.removed = QCheckBox("Someone has checked: the post is no longer there")
        self.refusal = _label("refusal")
        self.refusal.setTextFormat(Qt.TextFormat.RichText)
        self.refusal.hide()

        self.errors: dict[str, QLabel] = {}
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows = (("Step", self.step, "step"), ("Date taken", self.taken_on, "taken_on"),
                ("Taken by", self.taken_by, "taken_by"), ("Outcome", self.outcome, "outcome"),
                ("Notes", self.notes, "notes"), ("Follow up on", self.follow_up, "follow_up_due"),
                ("", self.removed, None))
        self._focus: dict[str, QWidget] = {}
        for text, widget, field in rows:
            if field is None:
                self.form.addRow(text, widget)
                continue
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            if widget is self.step:
                # In the step's own row: a wrapped label as a row of its own gets gaps.
                box.addWidget(self.step_info)
                box.addWidget(self.stage_note)
            if widget is self.follow_up:
                box.addWidget(self.follow_up_row)
            self.errors[field] = _label("error")
            self.errors[field].hide()
            clear_when_edited(self.errors[field], widget)
            box.addWidget(self.errors[field])
            self.form.addRow(text, box)
            self._focus[field] = widget
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for button in self.buttons.buttons():
            button.setAutoDefault(False)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.refusal)
        self.layout_.addStretch(1)  # spare height below the form, not between its rows
        self.layout_.addWidget(self.buttons)

        self.follow_up.changed.connect(self._follow_up_edited)
        self.taken_on.changed.connect(self._propose_follow_up)
        self.step.currentIndexChanged.connect(self._step_changed)
        self._select(step_key)
        self._step_changed()
        self.resize(620, 600)

    def _select(self, step_key: str | None) -> None:
        if step_key is None:
            top = self._services.escalation.suggestions(self._incident_id)
            step_key = top[0].step.key if top else None
        index = self.step.findData(step_key) if step_key else 0
        self.step.setCurrentIndex(max(index, 0))

    def current_option(self) -> StepOption | None:
        index = self.step.currentIndex()
        return self._options[index] if 0 <= index < len(self._options) else None

    # --- the follow-up date ---------------------------------------------------------------

    def _follow_up_edited(self) -> None:
        self._follow_up_by_hand = True
        self._check_follow_up_day()

    def _propose_follow_up(self) -> None:
        """The school's follow-up period after the date taken, on a school day."""
        option = self.current_option()
        if self._follow_up_by_hand or option is None:
            return
        due = None
        if option.step.expects_reply:
            taken = self.taken_on.value() or self._services.clock.today()
            due = self._services.escalation.default_follow_up(taken)
        self.follow_up.blockSignals(True)
        self.follow_up.set_value(due)
        self.follow_up.blockSignals(False)
        self._check_follow_up_day()

    def _check_follow_up_day(self) -> None:
        """Says beside the field when the follow-up is not a school day, and offers the
        next one; the date stays as typed until the person takes the offer."""
        due = self.follow_up.value()
        day = self._services.escalation.follow_up_day(due) if due else None
        if day is None or not day.problem:
            self.follow_up_row.hide()
            self._next_school_day = None
            return
        self._next_school_day = day.next_school_day
        self.follow_up_notice.setText(f"{uk_date(due)} is {day.problem}: not a school day.")
        self.use_school_day.setText(f"Use {day.next_school_day:%A} "
                                    f"{uk_date(day.next_school_day)}")
        self.follow_up_row.show()

    def _use_next_school_day(self) -> None:
        if self._next_school_day is not None:
            self.follow_up.set_value(self._next_school_day)

    # --- the step -------------------------------------------------------------------------

    def _step_changed(self) -> None:
        option = self.current_option()
        self.refusal.hide()
        if option is None:
            self.step_info.setText("No step can be recorded at this stage.")
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            return
        self.step_info.setText(f"{html.escape(option.step.description)}<br>"
                               f"{html.escape(option.reason)}<br>{quote_html(option)}")
        self._show_stage_note(self._services.escalation.stage_change(
            self._incident_id, option.step.key))
        self._propose_follow_up()
        # Recording the removal is itself the confirmation: ticked and locked for that step.
        confirmed = option.step.key == "content_removed"
        was_ticked = self.removed.isChecked() and self.removed.isEnabled()
        self.removed.setChecked(confirmed or was_ticked)
        self.removed.setEnabled(not confirmed)

    def _show_stage_note(self, change: StageChange) -> None:
        """Before saving, so nobody is surprised: which steps move the case on."""
        if change.moves and not change.refused:
            self.stage_note.setText(f"{moves_text(change)} Say who took it and what came "
                                    "of it.")
            self.stage_note.show()
        else:
            self.stage_note.hide()

    # --- saving ---------------------------------------------------------------------------

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

    def check(self, data: ActionInput) -> StageChange:
        """What saving would do (raises what saving would raise)."""
        return self._services.escalation.check(self._incident_id, data)

    def submit(self, data: ActionInput) -> ActionRecord:
        return self._services.escalation.record(self._incident_id, data)

    def confirmation_text(self, change: StageChange, data: ActionInput) -> str:
        option = self.current_option()
        return (f"{moves_text(change)}\n\n“{option.step.label if option else data.step}”, "
                f"taken by {data.taken_by.strip()} on {uk_date(data.taken_on)}.")

    def save(self) -> bool:
        """Checks, asks when the step moves the case on (the answer saves it), or saves.
        False while nothing is saved yet."""
        for label in self.errors.values():
            label.hide()
        self.refusal.hide()
        if refuse_unread_dates(self.taken_on, self.follow_up):
            return False  # the date's own message says why, beside it
        data = self.collect()
        try:
            change = self.check(data)
        except ServiceError as exc:
            self._show_problem(exc)
            return False
        if change.refused:
            self._show_problem(ServiceError(change.refused))
            return False
        if change.moves:
            self._confirm(change, data)
            return False
        return self._submit(data)

    def _confirm(self, change: StageChange, data: ActionInput) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, "Move the case to another stage?",
                          self.confirmation_text(change, data), parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        go = box.addButton(self.SAVE_TEXT, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(go)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.confirm_button = go

        def answered(_result) -> None:
            self.confirmation = None
            if box.clickedButton() is go:
                self._submit(data)

        box.finished.connect(answered)
        self.confirmation = box
        box.open()

    def _submit(self, data: ActionInput) -> bool:
        try:
            self.action = self.submit(data)
        except ServiceError as exc:
            self._show_problem(exc)
            return False
        self.accept()
        return True

    def _show_problem(self, exc: ServiceError) -> None:
        if isinstance(exc, ValidationError):
            bad = [f for f in self.errors if f in exc.errors]
            for field in bad:
                self.errors[field].setText(exc.errors[field])
                self.errors[field].show()
            if bad:
                self._focus[bad[0]].setFocus()
                return
        if isinstance(exc, StepNotAllowed):
            # The policy's reason and its own words, so nobody has to take the desk's word.
            text = f"<b>This step cannot be recorded now.</b> {html.escape(exc.reason)}"
            if exc.quote:
                text += f"<br>{policy_quote_html(exc.quote)}"
        else:  # NotFound, or a change someone else made meanwhile
            text = html.escape(str(exc))
        self.refusal.setText(text)
        self.refusal.show()
