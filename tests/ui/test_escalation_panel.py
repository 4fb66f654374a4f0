"""The escalation tab: what the policy suggests, recording steps, refusals and follow-ups."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton

from avenue_desk.policy import get_step
from avenue_desk.services.incidents.records import ActionInput, IncidentInput
from avenue_desk.ui.widgets.escalation_panel import EscalationPanel


def make_incident(services, **changes):
    data = dict(posted_on=date(2026, 11, 1), platform="facebook", categories=("complaint",),
                summary="Complaint about the trip")
    data.update(changes)
    return services.incidents.create(IncidentInput(**data))


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


def suggestion_text(panel: EscalationPanel) -> str:
    return "\n".join(label.text() for label in panel.suggestion_box.findChildren(QLabel))


def ladder_item(panel: EscalationPanel, key: str):
    for row in range(panel.ladder.count()):
        item = panel.ladder.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == key:
            return item
    raise AssertionError(f"{key} not on the ladder")


def test_the_suggested_step_is_shown_with_the_policys_words(services, panel_for):
    incident = make_incident(services, categories=("racist",))
    panel = panel_for(incident.id)
    text = suggestion_text(panel)
    assert "1. Contact the Police" in text
    assert "has a racial element" in text
    # The quote is the policy's own sentence (escaped for display), with its edition.
    police = get_step("police").quote.text
    assert police.replace("'", "&#x27;").split("–")[0].strip() in text
    assert "The Avenue Primary School Social Media Policy (November 2021)" in text
    assert "Suggested" in ladder_item(panel, "police").text()
    assert ladder_item(panel, "police").font().bold()
    assert "Stage:" in panel.phase_label.text() and "New" in panel.phase_label.text()


def test_recording_an_action_moves_the_phase_and_fills_the_timeline(qtbot, services,
                                                                    panel_for):
    incident = make_incident(services)
    panel = panel_for(incident.id)
    with qtbot.waitSignal(panel.changed):
        dialog = panel.open_record_dialog()
        # The top suggestion comes pre-selected: for a new case, the informal discussion.
        assert dialog.step.currentData() == "informal_discussion"
        assert dialog.taken_on.value() == date(2026, 11, 21)
        # Today + 7 days (settings) is Saturday 28 November: the next school day instead.
        assert dialog.follow_up.value() == date(2026, 11, 30)
        assert dialog.taken_by.text() == "Mrs Patel"  # whoever is signed in
        dialog.taken_by.setText("Mrs Shah")
        dialog.outcome.setPlainText("Parent said she would take it down & apologise")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                         Qt.MouseButton.LeftButton)
        # It moves the case on, so it asks first, saying from where to where.
        assert "from New to Informal stage" in dialog.confirmation.text()
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert panel.dialog is None
    record = services.incidents.get(incident.id)
    assert record.phase == "informal"
    assert [a.step for a in record.actions] == ["informal_discussion"]
    assert record.actions[0].outcome == "Parent said she would take it down & apologise"
    assert "Informal stage" in panel.phase_label.text()
    assert panel.timeline.rowCount() == 1
    assert panel.timeline.item(0, 1).text() == "Informal discussion with the parent"
    assert panel.timeline.item(0, 2).text() == "Mrs Shah"
    assert panel.timeline.item(0, 4).text() == "30/11/2026"
    assert "Done 21 November 2026" in ladder_item(panel, "informal_discussion").text()


def test_every_timeline_cell_shows_its_whole_text_as_a_tooltip(services, panel_for):
    incident = make_incident(services)
    taken_by = "Mrs Anne-Marie Featherstonehaugh-Wolstenholme, Deputy Headteacher"
    outcome = "Parent agreed to take the post down " * 6 + "\nand to come in on Monday"
    services.escalation.record(incident.id, ActionInput(
        "informal_discussion", date(2026, 11, 2), taken_by, outcome, "Spoke at the gate",
        follow_up_due=date(2026, 11, 9)))
    panel = panel_for(incident.id)
    panel.resize(500, 600)  # narrow: the columns cut the text short
    for column in range(5):
        cell = panel.timeline.item(0, column)
        assert cell.text() and cell.toolTip(), column
        if column != 3:
            assert cell.toolTip().startswith(cell.text()), column
    assert panel.timeline.item(0, 2).text() == taken_by
    assert panel.timeline.item(0, 3).toolTip() == outcome + "\n\nNotes: Spoke at the gate"
    assert panel.timeline.item(0, 4).toolTip() == "09/11/2026 overdue"


def test_the_office_is_told_which_letters_are_for_the_headteacher(services, panel_for,
                                                                  monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from tests.helpers.accounts import sign_in_as

    incident = make_incident(services)
    sign_in_as(services, "office")
    panel = panel_for(incident.id)
    shown = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _parent, title, text: shown.append((title, text)))
    panel._fill_letters_menu()
    menu = [a.text() for a in panel.letters_button.menu().actions()]
    assert "Police referral pack…" not in menu
    panel.letters_button.menu().actions()[-1].trigger()
    assert "<b>Police referral pack</b> (Headteacher only)" in shown[0][1]
    assert "<b>Formal warning</b> (not available now)" in shown[0][1]


def test_a_refused_step_is_greyed_with_the_reason_and_not_offered(services, panel_for):
    incident = make_incident(services)
    panel = panel_for(incident.id)
    item = ladder_item(panel, "restrict_forum_access")
    assert "Not available now" in item.text()
    assert "only possible when the post was on the school's own website or forum" in item.text()
    assert "on Facebook" in item.text()
    assert item.foreground().color().name() == "#5c5c5c"  # the stylesheet's muted grey
    assert "block or restrict" in item.toolTip()
    dialog = panel.open_record_dialog()
    offered = [dialog.step.itemData(i) for i in range(dialog.step.count())]
    assert "restrict_forum_access" not in offered and "written_warning" not in offered
    assert "informal_discussion" in offered
    dialog.reject()


def test_a_step_that_became_refused_says_why_and_records_nothing(qtbot, services, panel_for):
    incident = make_incident(services)
    panel = panel_for(incident.id)
    dialog = panel.open_record_dialog("content_removed")
    assert dialog.removed.isChecked() and not dialog.removed.isEnabled()
    assert dialog.follow_up.value() is None  # nothing to wait for once it is gone
    # Meanwhile someone else records the removal: the same step is now refused.
    services.escalation.record(incident.id, ActionInput("content_removed", date(2026, 11, 20)))
    assert dialog.save() is False
    assert dialog.refusal.isVisible()
    assert "already recorded as removed" in dialog.refusal.text()
    assert len(services.incidents.get(incident.id).actions) == 1
    dialog.reject()


def test_refusal_from_the_service_quotes_the_policy(services, panel_for):
    """The case is closed elsewhere while the dialog is open: the real refusal is shown."""
    incident = make_incident(services)
    panel = panel_for(incident.id)
    dialog = panel.open_record_dialog()
    services.escalation.record(incident.id, ActionInput("close", services.clock.today(),
                                                        "Mrs Shah", "Resolved"))
    assert dialog.save() is False
    assert "This step cannot be recorded now." in dialog.refusal.text()
    assert "closed" in dialog.refusal.text()
    assert len(services.incidents.get(incident.id).actions) == 1
    assert "The Avenue Primary School Social Media Policy" in dialog.refusal.text()
    dialog.reject()


def test_validation_messages_sit_beside_their_fields(services, panel_for):
    incident = make_incident(services)
    panel = panel_for(incident.id)
    dialog = panel.open_record_dialog("removal_request")
    dialog.taken_on.set_value(date(2026, 11, 20))
    dialog.follow_up.set_value(date(2026, 11, 10))
    assert dialog.save() is False
    assert "before the date the step was taken" in dialog.errors["follow_up_due"].text()
    assert dialog.errors["follow_up_due"].isVisible()
    assert not dialog.errors["taken_on"].isVisible()
    assert services.incidents.get(incident.id).actions == ()
    # No date in the future can even be typed.
    assert dialog.taken_on.edit.maximumDate().toPython() == date(2026, 11, 21)
    dialog.reject()


def test_overdue_follow_up_is_red_and_can_be_marked_done_with_a_note(qtbot, services,
                                                                    panel_for):
    incident = make_incident(services)
    services.escalation.record(incident.id, ActionInput(
        "informal_discussion", date(2026, 11, 2), "Mrs Shah", "Spoke to the parent",
        follow_up_due=date(2026, 11, 9)))
    panel = panel_for(incident.id)
    cell = panel.timeline.item(0, 4)
    assert "overdue" in cell.text()
    assert cell.foreground().color().name() == "#b00020"
    button = panel.timeline.cellWidget(0, 5)
    assert isinstance(button, QPushButton) and button.text() == "Mark done…"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = panel.step_dialog
    assert "Follow-up on “Informal discussion with the parent” of 2 November 2026" in \
        dialog.findChildren(QLabel)[0].text()
    qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)  # no note yet
    assert dialog.error.isVisible() and "what was done" in dialog.error.text()
    assert services.incidents.get(incident.id).next_follow_up == date(2026, 11, 9)
    dialog.note.setText("Post checked: it has gone")
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
    record = services.incidents.get(incident.id)
    assert record.actions[0].follow_up_done and record.next_follow_up is None
    assert record.actions[0].follow_up_note == "Post checked: it has gone"
    assert panel.timeline.item(0, 4).text() == "09/11/2026 · done"
    assert "Post checked: it has gone by Mrs Patel" in panel.timeline.item(0, 4).toolTip()
    assert panel.timeline.cellWidget(0, 5).text() == "Reopen"
    # Undo, right after: the follow-up is to do again.
    assert panel.undo_bar.isVisible() and "Marked done" in panel.undo_text.text()
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    assert services.incidents.get(incident.id).next_follow_up == date(2026, 11, 9)
    assert not panel.undo_bar.isVisible()
    assert panel.timeline.cellWidget(0, 5).text() == "Mark done…"


def test_the_full_ladder_in_order(services, panel_for):
    incident = make_incident(services, platform="school_forum", categories=("threat",))
    for step in ("informal_discussion", "parent_refused"):
        services.escalation.record(incident.id, ActionInput(step, date(2026, 11, 3),
                                                            "Mrs Shah", "Spoke to the parent"))
    panel = panel_for(incident.id)
    keys = [panel.ladder.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(panel.ladder.count())]
    assert keys[:3] == ["informal_discussion", "report_to_site", "removal_request"]
    assert "close" in keys and "reopen" not in keys
    assert "Open" in ladder_item(panel, "restrict_forum_access").text() or \
        "Suggested" in ladder_item(panel, "restrict_forum_access").text()
    assert "Done 3 November 2026" in ladder_item(panel, "parent_refused").text()
    assert "Escalated" in panel.phase_label.text()
    # A follow-up due later than today is plain, not red.
    services.escalation.record(incident.id, ActionInput(
        "written_warning", date(2026, 11, 21), follow_up_due=date(2026, 11, 21) + timedelta(7)))
    panel.refresh()
    last = panel.timeline.rowCount() - 1
    assert panel.timeline.item(last, 4).text() == "28/11/2026"


def test_the_follow_up_button_is_shown_whole_after_every_refresh(qtbot, services, panel_for):
    # Seen in a real window: after Mark done, and again after Undo, the column narrowed to
    # a sliver ("eope", "k do") as the long outcome took the room.
    incident = make_incident(services)
    services.escalation.record(incident.id, ActionInput(
        "informal_discussion", date(2026, 11, 2), "Mrs Zofia Król-Ahmed, Headteacher",
        "Mr Smith refused to take it down and said so at length " * 3,
        follow_up_due=date(2026, 11, 9)))
    panel = panel_for(incident.id)
    panel.resize(780, 500)

    def shown_whole() -> bool:
        button = panel.timeline.cellWidget(0, 5)
        return button.width() >= button.sizeHint().width()

    qtbot.waitUntil(shown_whole)
    panel.open_done_dialog(panel.timeline_actions[0])
    panel.step_dialog.note.setText("Phoned Mr Smith: post still up")
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.step_dialog.done_button, Qt.MouseButton.LeftButton)
    assert panel.timeline.cellWidget(0, 5).text() == "Reopen"
    qtbot.waitUntil(shown_whole)
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    assert panel.timeline.cellWidget(0, 5).text() == "Mark done…"
    qtbot.waitUntil(shown_whole)
