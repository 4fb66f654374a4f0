"""Correcting a step already on the timeline: the record-a-step form, filled in with what
the step says now, for the step itself (which step it was cannot change: withdraw it and
record the right one). The version it replaces is kept and shown on the timeline."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from avenue_desk.policy import StepOption, Verdict, get_step
from avenue_desk.services.incidents import ActionInput, ActionRecord, StageChange
from avenue_desk.ui.dialogs.record_action import RecordActionDialog, moves_text
from avenue_desk.ui.labels import uk_date
from avenue_desk.ui.style import set_role


class CorrectStepDialog(RecordActionDialog):
    SAVE_TEXT = "Correct it and move the case"

    def __init__(self, services, action: ActionRecord, parent: QWidget | None = None):
        self.corrected = action
        option = StepOption(get_step(action.step), Verdict.OPEN, "", None)
        super().__init__(services, action.incident_id, [option], action.step, parent)
        self.setWindowTitle(f"Correct a step — incident {action.incident_id}")
        self.step.setEnabled(False)
        self.step.setToolTip("Which step it was cannot be corrected: withdraw this one and "
                             "record the right step instead.")
        self.taken_on.set_value(action.taken_on)
        self.taken_by.setText(action.taken_by)
        self.outcome.setPlainText(action.outcome)
        self.notes.setPlainText(action.notes)
        self.follow_up.set_value(action.follow_up_due)
        self.removed.setChecked(action.removal_confirmed)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("e.g. The wrong date was typed")
        self.reason.setMaxLength(2000)
        self.form.addRow("Why the correction", self.reason)
        kept = QLabel("What the step said until now is kept, and shown on the timeline "
                      "beside the corrected step.")
        kept.setWordWrap(True)
        set_role(kept, "muted")
        self.form.addRow("", kept)
        self.buttons.button(self.buttons.StandardButton.Save).setText("Save correction")

    def _propose_follow_up(self) -> None:
        """The follow-up is the step's own: nothing is proposed over it."""
        self._check_follow_up_day()

    def _show_stage_note(self, change: StageChange) -> None:
        self.stage_note.hide()  # the step is already recorded; saving checks what moves

    def check(self, data: ActionInput) -> StageChange:
        return self._services.escalation.correction_change(self.corrected.id, data.taken_on)

    def submit(self, data: ActionInput) -> ActionRecord:
        return self._services.escalation.correct(self.corrected.id, data, self.reason.text())

    def confirmation_text(self, change: StageChange, data: ActionInput) -> str:
        return (f"Correcting the date of “{self.corrected.step_label}” to "
                f"{uk_date(data.taken_on)} changes the order of the steps. "
                f"{moves_text(change)}")
