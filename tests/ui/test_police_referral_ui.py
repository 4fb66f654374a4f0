"""Where the police pack's facts are typed: times and the posting account on the incident,
the Headteacher's Police referral tab, capture times on the evidence, and the platform's
reporting route beside the steps that report a post to the site."""

from __future__ import annotations

import os
from datetime import date, datetime, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from avenue_desk.policy.platform_routes import route_for
from avenue_desk.services.incidents.records import IncidentInput
from avenue_desk.ui.dialogs.incident_editor import IncidentEditor
from avenue_desk.ui.widgets.escalation_panel import EscalationPanel
from avenue_desk.ui.widgets.evidence_panel import EvidencePanel
from tests.helpers.background import settle
from tests.helpers.images import write_png

REASON = 'Threatened Mr Ćwik "at the gate" <tomorrow> & again on Friday.'


def make_incident(services, **changes):
    data = dict(posted_on=date(2026, 11, 1), platform="facebook", categories=("threat",),
                summary="Threat to a teacher")
    data.update(changes)
    return services.incidents.create(IncidentInput(**data))


@pytest.fixture
def open_editor(qtbot, services, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: QMessageBox.StandardButton.Discard)

    def make(incident_id=None) -> IncidentEditor:
        editor = IncidentEditor(services, incident_id)
        qtbot.addWidget(editor)
        with qtbot.waitExposed(editor):
            editor.show()
        settle(qtbot, editor)
        return editor

    return make


def save(qtbot, editor: IncidentEditor) -> None:
    qtbot.mouseClick(editor.ui.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)


def test_times_and_the_account_are_typed_as_the_office_says_them(qtbot, services, open_editor):
    editor = open_editor(make_incident(services, seen_on=date(2026, 11, 2)).id)
    qtbot.keyClicks(editor.posted_at.edit, "9:47pm")
    qtbot.keyClicks(editor.seen_at.edit, "08:05")
    qtbot.keyClicks(editor.ui.poster_account, "@AvenueMum_84")
    with qtbot.waitSignal(editor.saved):
        save(qtbot, editor)
    record = services.incidents.get(editor.incident_id)
    assert (record.posted_at, record.seen_at) == (time(21, 47), time(8, 5))
    assert record.poster_account == "@AvenueMum_84"
    again = open_editor(record.id)
    assert again.posted_at.edit.text() == "21:47" and again.seen_at.edit.text() == "08:05"
    assert again.ui.poster_account.text() == "@AvenueMum_84"
    # A time that is not one is refused beside its box, and nothing is saved.
    again.posted_at.edit.setText("25:00")
    save(qtbot, again)
    assert again.posted_at.problem_label.isVisible()
    assert "a day has hours 0 to 23" in again.posted_at.problem_label.text()
    assert "Not saved" in again.ui.save_hint.text()
    assert services.incidents.get(record.id).posted_at == time(21, 47)
    # A time without its date: the service's message beside the row.
    again.posted_at.edit.setText("")
    again.seen_on.set_value(None)
    save(qtbot, again)
    assert again.ui.seen_on_error.text() == "Enter the date seen as well as the time."


def test_the_headteacher_records_the_referral_on_its_own_tab(qtbot, services, open_editor):
    editor = open_editor(make_incident(services).id)
    panel = editor.referral_panel
    assert panel is not None
    assert editor.ui.tabs.tabText(editor.ui.tabs.indexOf(panel)) == "Police re&ferral"
    editor.ui.tabs.setCurrentWidget(panel)
    panel.save_button.click()  # nothing chosen: saved as "not recorded", and told so
    assert "still needs the kind of offence and the reason" in panel.status.text()
    panel.kind.setCurrentIndex(panel.kind.findData("harassment"))
    assert "course of conduct" in panel.kind_note.text()
    panel.reason.setPlainText(REASON)
    assert panel.is_dirty()
    with qtbot.waitSignal(panel.changed):
        panel.save_button.click()
    record = services.incidents.get(editor.incident_id)
    assert (record.offence_kind, record.referral_reason) == ("harassment", REASON)
    assert not panel.is_dirty() and "will print them" in panel.status.text()
    assert services.letters.prepare(record.id, "police-referral").problems == ()


def test_the_office_has_no_police_referral_tab(qtbot, services, services_as, open_editor):
    saved = make_incident(services)
    services.incidents.record_referral(saved.id, REASON, "threats")
    services_as("office")
    editor = open_editor(saved.id)
    assert editor.referral_panel is None
    tabs = [editor.ui.tabs.tabText(n) for n in range(editor.ui.tabs.count())]
    assert not any("referral" in tab for tab in tabs)


def test_the_capture_time_of_a_file_is_kept(qtbot, services, tmp_path):
    saved = make_incident(services)
    shot = write_png(tmp_path / "shot.png")
    taken = datetime(2026, 11, 2, 8, 12).timestamp()
    os.utime(shot, (taken, taken))
    services.evidence.add(saved.id, shot)
    panel = EvidencePanel(services, saved.id)
    qtbot.addWidget(panel)
    with qtbot.waitExposed(panel):
        panel.show()
    settle(qtbot, panel)
    assert "Captured 2 November 2026 at 08:12" in panel.list.item(0).text()
    assert panel.capture_row.isVisible() and panel.capture_time.edit.text() == "08:12"
    panel.capture_time.edit.setText("half eight")
    assert not panel.save_capture()
    assert panel.capture_time.problem_label.isVisible()
    panel.capture_time.edit.setText("7:55pm")
    panel.capture_date.set_value(date(2026, 11, 1))
    assert panel.save_capture()
    settle(qtbot, panel)
    record = services.incidents.current(saved.id).evidence[0]
    assert (record.captured_on, record.captured_at) == (date(2026, 11, 1), time(19, 55))
    assert "Captured 1 November 2026 at 19:55" in panel.list.item(0).text()


def test_the_ladder_says_where_the_platform_takes_reports(qtbot, services):
    saved = make_incident(services, platform="tiktok")
    panel = EscalationPanel(services, saved.id)
    qtbot.addWidget(panel)
    rows = {panel.ladder.item(n).data(Qt.ItemDataRole.UserRole): panel.ladder.item(n)
            for n in range(panel.ladder.count())}
    route = route_for("tiktok")
    for key in ("report_to_site", "contact_host"):
        tip = rows[key].toolTip()
        assert route.how_to_report in tip and route.reason_to_choose in tip
        assert "Professionals Online Safety Helpline" in tip
    assert route.how_to_report not in rows["informal_discussion"].toolTip()


def test_the_letter_dialog_lists_a_missing_reason_and_kind_before_printing(qtbot, services):
    from avenue_desk.ui.dialogs.letter_dialog import LetterDialog

    saved = make_incident(services)
    dialog = LetterDialog(services, saved.id, "police-referral")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle(qtbot, dialog)
    summary = dialog.summary.text()
    assert "2 things to put right before this letter can print" in summary
    assert "reason for the referral is not recorded" in summary
    assert "kind of offence the school believes it may be is not recorded" in summary
    assert dialog.pdf is None and not dialog.save_button.isEnabled()


def test_ctrl_s_on_the_referral_tab_saves_what_was_typed_there(qtbot, services, open_editor):
    editor = open_editor(make_incident(services).id)
    editor.ui.tabs.setCurrentWidget(editor.referral_panel)
    editor.referral_panel.kind.setCurrentIndex(editor.referral_panel.kind.findData("other"))
    editor.referral_panel.reason.setPlainText("Impersonating a teacher online.")
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    record = services.incidents.get(editor.incident_id)
    assert (record.offence_kind, record.referral_reason) == ("other",
                                                             "Impersonating a teacher online.")
    assert not editor.referral_panel.is_dirty()
