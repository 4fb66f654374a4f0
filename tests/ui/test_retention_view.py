"""Retention, opened from Settings: the records due, ticked and destroyed only after the
confirmation, and the periods with where each default comes from."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from avenue_desk.services.core.errors import NotFound
from avenue_desk.services.incidents.records import ActionInput
from avenue_desk.services.people.records import PersonInput
from avenue_desk.ui.views import retention
from avenue_desk.ui.views.retention import RetentionDialog
from avenue_desk.ui.views.settings import SettingsView
from tests.helpers.background import settle
from tests.helpers.images import write_png
from tests.helpers.records import incident_input

NAME = 'Siobhán O\'Neill & "Co" <Smith>'
SUMMARY = 'Posted <b>lies</b> & "rumours" about the school'


@pytest.fixture
def case(services, clock, tmp_path):
    """A case closed on 1 March 2020, with its evidence; today is 2 March 2026."""
    clock.current = datetime(2019, 1, 7, 10)
    mum = services.people.create(PersonInput(NAME, "parent"))
    incident = services.incidents.create(incident_input(
        poster_id=mum.id, posted_on=date(2019, 1, 5), summary=SUMMARY))
    services.evidence.add(incident.id, write_png(tmp_path / "a.png"),
                          captured_on=date(2019, 1, 5))
    clock.current = datetime(2020, 3, 1, 10)
    services.escalation.record(incident.id, ActionInput("close", date(2020, 3, 1), "Head",
                                                        "Resolved"))
    clock.current = datetime(2026, 3, 2, 9)
    return incident.id, mum.id


def make(qtbot, services) -> RetentionDialog:
    dialog = RetentionDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot, dialog)  # the records due are read in the background
    return dialog


def cells(dialog, row: int) -> list[str]:
    return [dialog.table.item(row, c).text() for c in range(1, dialog.table.columnCount())]


def test_the_records_due_are_listed_by_kind_and_number(qtbot, services, case):
    incident_id, _ = case
    dialog = make(qtbot, services)
    assert dialog.tabs.tabText(0) == "Due for destruction (1)"
    assert dialog.table.rowCount() == 1
    assert cells(dialog, 0) == [
        "Parents' incidents", f"Incident {incident_id}, posted 5 January 2019",
        "1 March 2020", "1 March 2026", "1"]
    assert dialog.table.item(0, 0).checkState() == Qt.CheckState.Unchecked
    shown = " ".join(cells(dialog, 0))
    assert NAME not in shown and "lies" not in shown


def test_a_record_is_ticked_in_the_list_by_hand(qtbot, services, case):
    incident_id, _ = case
    dialog = make(qtbot, services)
    tick = dialog.table.model().index(0, 0)
    assert tick.data(Qt.ItemDataRole.AccessibleTextRole) == (
        f"Destroy Incident {incident_id}, posted 5 January 2019")
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(tick)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert Qt.CheckState(tick.data(Qt.ItemDataRole.CheckStateRole)) == Qt.CheckState.Checked
    assert [record.record_id for record in dialog.ticked()] == [incident_id]
    dialog.tick_none_button.click()
    assert dialog.ticked() == []


def test_the_list_is_read_without_freezing_the_window(qtbot, services, case):
    dialog = RetentionDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()  # the review comes back through the event loop, not before this returns
    assert dialog.tabs.tabText(0) == "Due for destruction (checking…)"
    assert not dialog.tick_all_button.isEnabled() and not dialog.destroy_button.isEnabled()
    settle(qtbot, dialog)
    assert dialog.tabs.tabText(0) == "Due for destruction (1)"
    assert dialog.destroy_button.isEnabled()


def test_destroying_asks_first_and_says_how_much_goes(qtbot, services, case, monkeypatch):
    incident_id, mum = case
    asked = []
    answer = [False]
    monkeypatch.setattr(retention, "confirm_destruction",
                        lambda parent, text: asked.append(text) or answer[0])
    dialog = make(qtbot, services)
    assert dialog.destroy_ticked() is None
    assert dialog.status.text() == "Tick the records to destroy first." and asked == []

    dialog.tick_all()
    dialog.destroy_button.click()  # and cancelled
    assert "permanently destroys 1 record(s) and 1 evidence file(s)" in asked[0]
    assert "backup" in asked[0] and str(services.paths.backups_dir) in asked[0]
    assert dialog.status.text() == "Nothing was destroyed."
    assert services.incidents.get(incident_id).id == incident_id

    answer[0] = True
    dialog.tick_all()
    destroying = dialog.destroy_ticked()
    assert destroying is not None and not dialog.destroy_button.isEnabled()
    settle(qtbot, dialog)
    assert destroying.result.records == 1 and destroying.error is None
    with pytest.raises(NotFound):
        services.incidents.get(incident_id)
    assert not (services.paths.evidence_dir / f"{incident_id:06d}").exists()
    assert dialog.status.text() == "Destroyed 1 record(s) and 1 evidence file(s)."
    # The poster is on no kept record now: her details (entered in 2019) are listed next,
    # as plain text, whatever characters the name has.
    assert dialog.table.rowCount() == 1
    assert cells(dialog, 0)[1] == f"Person {mum}: {NAME} (parent)"
    (row,) = services.audit.page(limit=1)
    assert row.action == "destroy" and row.entity == "incident"
    assert NAME not in row.summary and "lies" not in row.summary


def test_nothing_due_says_so(qtbot, services):
    dialog = make(qtbot, services)
    assert dialog.table.rowCount() == 0 and not dialog.destroy_button.isEnabled()
    assert dialog.status.text() == "Nothing is past its retention period on 21 November 2026."


def test_the_periods_show_their_source_and_can_be_changed(qtbot, services, case):
    dialog = make(qtbot, services)
    dialog.tabs.setCurrentIndex(1)
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "IRMS Records Management Toolkit for Schools" in texts
    assert "the school's own retention schedule decides" in texts
    assert "= 6 years, counted from the date the case was closed" in texts
    spin = dialog.spins["incident"]
    assert spin.value() == 72
    spin.setValue(18)
    assert "= 1 year and 6 months" in dialog.period_words["incident"][0].text()
    dialog.spins["person"].setValue(1)
    dialog.save_button.click()
    assert dialog.periods_status.text().startswith("Saved.")
    assert {p.kind: p.months for p in services.retention.periods()}["incident"] == 18
    dialog.defaults_button.click()
    assert spin.value() == 72 and dialog.save_periods()
    assert services.retention.periods()[0].months == 72
    settle(qtbot, dialog)  # the list read again after the save


def test_settings_opens_it_for_the_headteacher(qtbot, services, case):
    view = SettingsView(services)
    qtbot.addWidget(view)
    view.show()
    assert view.retention_button.isVisible()
    view.retention_button.click()
    (dialog,) = view.findChildren(RetentionDialog)
    settle(qtbot, dialog)
    assert dialog.table.rowCount() == 1
    dialog.close()
