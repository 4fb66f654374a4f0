"""The policy's review in the window: the reminder on Home, Record review… and its dialog,
and the status on Reports and Settings, each read back as a person would see it.

The test clock reads Saturday 21 November 2026, four years after the review date the
Avenue 2021 text gives (November 2022), with no review recorded.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from avenue_desk.services.core.audit import AuditQuery
from avenue_desk.ui.dialogs.policy_review import PolicyReviewDialog
from avenue_desk.ui.main_window import REPORTS, SETTINGS, MainWindow
from avenue_desk.ui.widgets.policy_review_notice import HEADTEACHER_RECORDS
from tests.helpers.background import settle

TITLE = "The Avenue Primary School Social Media Policy"
NOT_RECORDED = ("No review recorded for this edition — governors were due to review it by "
                "November 2022.")
RECORDED = "Reviewed by governors on 18 November 2026; next review due by 18 November 2027."
NOTE = 'FGB <minute 7> & "Łódź" 議事録'


@pytest.fixture
def open_window(qtbot):
    def make(services) -> MainWindow:
        window = MainWindow(services)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        settle(qtbot, window)  # Home reads its figures, and the review, in the background
        return window

    return make


def type_date(qtbot, field, text: str) -> None:
    """Types into a date box (ASCII only: other key clicks abort) and leaves it, as Tab does."""
    field.edit.setFocus()
    field.edit.clear()
    qtbot.keyClicks(field.edit, text)
    field.edit.editingFinished.emit()


def make_dialog(qtbot, services) -> PolicyReviewDialog:
    dialog = PolicyReviewDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def recorded_rows(services) -> list:
    return services.audit.page(AuditQuery(action="policy_review"))


def test_recording_the_review_clears_the_reminder_on_home(qtbot, services, open_window):
    window = open_window(services)
    notice = window.home.review_notice
    assert notice.isVisible()
    assert notice.label.text() == f"{TITLE}: {NOT_RECORDED}"
    assert notice.record_button.isVisible() and notice.record_button.text() == "Record review…"

    qtbot.mouseClick(notice.record_button, Qt.MouseButton.LeftButton)
    dialog = notice.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.edition.text() == f"{TITLE} (November 2021)" and dialog.edition.isReadOnly()
    assert dialog.standing.text() == NOT_RECORDED
    assert dialog.past.text() == "No review has been recorded in Avenue Desk before."
    type_date(qtbot, dialog.reviewed_on, "18/11/2026")
    assert dialog.reviewed_on.edit.text() == "18/11/2026"
    assert dialog.next_review.edit.text() == "18/11/2027"  # a year on, until changed
    dialog.note.setText(NOTE)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible() and notice.dialog is None
    assert not notice.isVisible()  # the reminder has cleared
    window.home.refresh()
    settle(qtbot, window)
    assert not notice.isVisible()  # and stays clear when Home reads again
    (row,) = recorded_rows(services)
    assert row.username == "head" and row.summary.endswith(f"Minutes: {NOTE}")
    review = services.policy_review.current()
    assert (review.reviewed_on, review.due_by, review.note) == (
        date(2026, 11, 18), date(2027, 11, 18), NOTE)

    window.go_to(REPORTS)
    assert window.reports.review.text() == f"In force: {TITLE} (November 2021). {RECORDED}"
    window.go_to(SETTINGS)
    assert window.settings_view.review_notice.label.text() == (
        f"In force: {TITLE} (November 2021). {RECORDED}")


def test_recording_from_reports_updates_the_box_at_once(qtbot, services, open_window):
    window = open_window(services)
    window.go_to(REPORTS)
    notice = window.reports.review_notice
    assert window.reports.review.text() == f"In force: {TITLE} (November 2021). {NOT_RECORDED}"
    assert window.reports.review.property("role") == "error"
    notice.record_button.click()
    type_date(qtbot, notice.dialog.reviewed_on, "18/11/2026")
    assert notice.dialog.save()
    assert window.reports.review.text() == f"In force: {TITLE} (November 2021). {RECORDED}"
    assert window.reports.review.property("role") is None


def test_the_office_sees_the_reminder_but_no_button(qtbot, services, services_as, open_window):
    services_as("office")
    window = open_window(services)
    notice = window.home.review_notice
    assert notice.isVisible()
    assert notice.label.text() == f"{TITLE}: {NOT_RECORDED} {HEADTEACHER_RECORDS}"
    assert not notice.record_button.isVisible()


def test_a_governor_sees_the_status_on_reports_without_the_button(qtbot, services,
                                                                   services_as, open_window):
    services_as("governor")
    window = open_window(services)
    window.go_to(REPORTS)
    assert window.reports.review.text().startswith(f"In force: {TITLE} (November 2021). "
                                                   f"{NOT_RECORDED}")
    assert not window.reports.review_notice.record_button.isVisible()


def test_a_future_date_is_refused_beside_the_box_and_nothing_is_recorded(qtbot, services):
    dialog = make_dialog(qtbot, services)
    type_date(qtbot, dialog.reviewed_on, "22/11/2026")
    assert not dialog.save()
    assert dialog.reviewed_on.problem_label.isVisible()
    assert dialog.reviewed_on.problem_label.text() == (
        "“22/11/2026” is after 21/11/2026, the latest date this can be")
    assert recorded_rows(services) == []


def test_a_review_date_left_empty_is_asked_for(qtbot, services):
    dialog = make_dialog(qtbot, services)
    assert not dialog.save()
    assert dialog.reviewed_on.problem_label.text() == (
        "Enter the date governors reviewed the policy.")
    assert recorded_rows(services) == []


def test_the_services_refusal_is_shown_beside_the_field_at_fault(qtbot, services):
    dialog = make_dialog(qtbot, services)
    type_date(qtbot, dialog.reviewed_on, "18/11/2026")
    type_date(qtbot, dialog.next_review, "01/01/2026")
    assert not dialog.save()
    assert dialog.next_review.problem_label.isVisible()
    assert dialog.next_review.problem_label.text() == (
        "The next review (1 January 2026) must be after this one (18 November 2026).")
    assert dialog.isVisible() and recorded_rows(services) == []


def test_the_next_date_follows_the_review_until_it_is_chosen(qtbot, services):
    dialog = make_dialog(qtbot, services)
    type_date(qtbot, dialog.reviewed_on, "3 Nov")  # the year left out: this year's, gone by
    assert dialog.next_review.value() == date(2027, 11, 3)
    type_date(qtbot, dialog.next_review, "1/9/2028")
    type_date(qtbot, dialog.reviewed_on, "18/11/2026")
    assert dialog.next_review.value() == date(2028, 9, 1)  # chosen: left as it is
    assert dialog.save()
    assert services.policy_review.current().due_by == date(2028, 9, 1)


def test_past_reviews_are_listed_from_the_audit_trail(qtbot, services):
    services.policy_review.record(date(2025, 11, 3), note="Autumn FGB")
    dialog = make_dialog(qtbot, services)
    assert dialog.standing.text() == ("Review overdue since 3 November 2026. Governors last "
                                      "reviewed it on 3 November 2025.")
    assert dialog.past.text().startswith("Recorded before (newest first, from the audit "
                                         "trail):\n21/11/2026 by head: Governors' review of")
    assert "reviewed on 3 November 2025" in dialog.past.text()
