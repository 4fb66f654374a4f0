"""Correcting and withdrawing steps on the timeline, who and outcome required (with the
confirmation saying which stage), follow-up dates on school days, and what the office sees
of the Headteacher's police follow-up: real widgets on a real database."""

from __future__ import annotations

from contextlib import closing
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from avenue_desk.store import keyring
from avenue_desk.ui.dialogs.correct_step import CorrectStepDialog
from avenue_desk.ui.dialogs.withdraw_step import WithdrawStepDialog
from avenue_desk.ui.widgets.escalation_panel import EscalationPanel
from tests.helpers.accounts import sign_in_as
from tests.helpers.records import incident, step

D = date(2026, 11, 10)


@pytest.fixture
def panel_for(qtbot, services):
    def make(incident_id: int) -> EscalationPanel:
        panel = EscalationPanel(services, incident_id)
        qtbot.addWidget(panel)
        panel.resize(1200, 600)
        with qtbot.waitExposed(panel):
            panel.show()
        return panel

    return make


def rows_in_file(services) -> int:
    with closing(keyring.connect(services.paths.database_file)) as db:
        return db.execute("SELECT count(*) FROM actions").fetchone()[0]


def double_click_row(qtbot, panel: EscalationPanel, row: int) -> None:
    rect = panel.timeline.visualItemRect(panel.timeline.item(row, 1))
    viewport = panel.timeline.viewport()
    # A real double-click starts with a press; the view ignores a double-click without one.
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())


def save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)


def at_meeting_stage(services):
    case = incident(services)
    step(services, case.id, "headteacher_meeting", D, outcome="Met; she will think about it")
    return case


def test_a_step_that_moves_the_stage_needs_who_and_outcome_and_says_where_to(
        qtbot, services, panel_for):
    case = at_meeting_stage(services)
    panel = panel_for(case.id)
    dialog = panel.open_record_dialog("parent_refused")
    assert dialog.stage_note.isVisible()
    assert "This moves the case from Meeting stage to Escalated." in dialog.stage_note.text()
    dialog.taken_by.clear()
    save(qtbot, dialog)
    assert dialog.confirmation is None  # nothing to confirm until it can be saved
    assert dialog.errors["taken_by"].isVisible() and dialog.errors["outcome"].isVisible()
    assert "Say who took this step" in dialog.errors["taken_by"].text()
    qtbot.keyClicks(dialog.taken_by, "Mrs")  # (QTest types Latin-1 only)
    assert dialog.errors["taken_by"].isHidden()  # the fixed field's message goes at once
    assert dialog.errors["outcome"].isVisible()  # the one still empty keeps its own
    dialog.taken_by.setText("Mrs O'Brien-Łukasz")
    dialog.outcome.setPlainText("Said <no> & kept posting")
    save(qtbot, dialog)
    assert dialog.confirmation.text().startswith(
        "This moves the case from Meeting stage to Escalated.")
    assert "taken by Mrs O'Brien-Łukasz on 21 November 2026" in dialog.confirmation.text()
    qtbot.mouseClick(dialog.confirmation.button(dialog.confirmation.StandardButton.Cancel),
                     Qt.MouseButton.LeftButton)
    assert services.incidents.get(case.id).phase == "meeting"  # Cancel: nothing recorded
    assert len(services.incidents.get(case.id).actions) == 1
    save(qtbot, dialog)
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    record = services.incidents.get(case.id)
    assert record.phase == "escalated"
    assert record.actions[-1].outcome == "Said <no> & kept posting"


def test_taken_by_starts_as_the_person_signed_in(services, panel_for):
    case = incident(services)
    sign_in_as(services, "office", "jo.bloggs")
    dialog = panel_for(case.id).open_record_dialog()
    assert dialog.taken_by.text() == "Jo.Bloggs"  # the account's display name
    dialog.reject()


def test_a_follow_up_off_school_days_is_said_and_the_next_school_day_offered(
        qtbot, services, panel_for):
    case = incident(services)
    dialog = panel_for(case.id).open_record_dialog("informal_discussion")
    assert not dialog.follow_up_row.isVisible()  # the one proposed is a school day
    dialog.follow_up.edit.setText("28/12/2026")
    assert dialog.follow_up_row.isVisible()
    assert dialog.follow_up_notice.text() == (
        "28 December 2026 is a bank holiday (Boxing Day (substitute day)): not a school day.")
    assert dialog.use_school_day.text() == "Use Tuesday 29 December 2026"
    assert dialog.follow_up.value() == date(2026, 12, 28)  # never moved without asking
    qtbot.mouseClick(dialog.use_school_day, Qt.MouseButton.LeftButton)
    assert dialog.follow_up.value() == date(2026, 12, 29)
    assert not dialog.follow_up_row.isVisible()
    dialog.follow_up.edit.setText("5/12/2026")
    assert "is a Saturday" in dialog.follow_up_notice.text()
    dialog.reject()


def test_a_double_click_corrects_a_step_and_the_original_is_kept(qtbot, services, panel_for):
    case = incident(services)
    step(services, case.id, "informal_discussion", D, outcome="Parent agreed")
    panel = panel_for(case.id)
    before = rows_in_file(services)
    double_click_row(qtbot, panel, 0)
    dialog = panel.step_dialog
    assert isinstance(dialog, CorrectStepDialog)
    assert dialog.outcome.toPlainText() == "Parent agreed" and not dialog.step.isEnabled()
    dialog.outcome.setPlainText("Parent agreed to delete it by Friday")
    dialog.reason.setText("Left out the deadline")
    with qtbot.waitSignal(panel.changed):
        save(qtbot, dialog)
    assert rows_in_file(services) == before + 1  # a new version; nothing overwritten
    assert panel.timeline.rowCount() == 1
    assert panel.timeline.item(0, 1).text() == \
        "Informal discussion with the parent · corrected"
    assert panel.timeline.item(0, 3).text() == "Parent agreed to delete it by Friday"
    tip = panel.timeline.item(0, 1).toolTip()
    assert "Corrected on 21/11/2026 by Mrs Patel (Left out the deadline)." in tip
    assert "Version 1: 10/11/2026, taken by Mrs Shah: Parent agreed" in tip


def test_withdrawing_from_the_keyboard_strikes_the_step_and_moves_the_case_back(
        qtbot, services, panel_for):
    case = at_meeting_stage(services)
    step(services, case.id, "parent_refused", D, outcome="Refused")
    panel = panel_for(case.id)
    assert "Escalated" in panel.phase_label.text()
    menu = [a.text() for a in panel.timeline.actions()]
    assert menu[:2] == ["Correct…", "Withdraw…"]  # the right-click menu
    before = rows_in_file(services)
    panel.timeline.setCurrentCell(1, 1)
    panel.timeline.setFocus()
    qtbot.keyClick(panel.timeline, Qt.Key.Key_Delete)
    dialog = panel.step_dialog
    assert isinstance(dialog, WithdrawStepDialog)
    assert "moves the case from Escalated back to Meeting stage" in dialog.effects.text()
    qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)  # no reason yet
    assert dialog.reason_error.isVisible()
    assert services.incidents.get(case.id).phase == "escalated"
    dialog.reason.setPlainText("The parent did take it down: my mistake")
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    assert rows_in_file(services) == before  # nothing deleted
    assert "Meeting stage" in panel.phase_label.text()
    cell = panel.timeline.item(1, 1)
    assert cell.text() == "Parent refuses or carries on · withdrawn"
    assert cell.font().strikeOut()
    assert cell.foreground().color().name() == "#5c5c5c"  # the stylesheet's withdrawn grey
    assert "my mistake" in cell.toolTip()
    panel.timeline.setCurrentCell(1, 1)
    assert not panel.correct_action.isEnabled() and not panel.withdraw_action.isEnabled()
    assert panel.history_action.isEnabled()


def test_the_withdraw_window_says_a_letter_was_recorded_with_the_step(services, panel_for):
    from tests.helpers.letters import parent, posted, set_up_school

    set_up_school(services)
    case = posted(services, parent(services).id)
    services.letters.record_sent(case.id, "removal-request", "printed")
    panel = panel_for(case.id)
    panel.timeline.setCurrentCell(0, 1)
    panel.withdraw_action.trigger()
    text = panel.step_dialog.effects.text()
    assert "The letter recorded with this step (Request to remove the post) is not " \
           "withdrawn" in text
    assert "from Informal stage back to New" in text
    panel.step_dialog.reject()


def test_the_office_sees_what_the_police_follow_up_is_and_whose_it_is(services, panel_for):
    case = incident(services, categories=("threat",))
    step(services, case.id, "police", D, follow_up_due=date(2026, 11, 24),
         notes="Crime reference 14/11")
    sign_in_as(services, "office")
    panel = panel_for(case.id)
    assert panel.timeline.cellWidget(0, 5) is None  # no Mark done button
    cell = panel.timeline.item(0, 5)
    assert cell.text() == "Contact the Police follow-up — Headteacher only"
    assert "for the Headteacher alone" in cell.toolTip()
    panel.timeline.setCurrentCell(0, 1)
    assert not panel.done_action.isEnabled()
    assert not panel.correct_action.isEnabled() and not panel.withdraw_action.isEnabled()


def test_the_office_sees_whose_step_the_police_is_on_the_ladder(services, panel_for):
    case = incident(services, categories=("threat",))
    sign_in_as(services, "office")
    panel = panel_for(case.id)
    police = next(panel.ladder.item(i) for i in range(panel.ladder.count())
                  if panel.ladder.item(i).data(Qt.ItemDataRole.UserRole) == "police")
    assert "Headteacher only" in police.text()
    assert "Not available now" not in police.text()
