"""The window as each kind of account sees it: only its sections, who is signed in, the
Account menu (blank screen now, change password, sign out), and what each view leaves out."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit

from avenue_desk.services.incidents.records import ActionInput
from avenue_desk.ui.main_window import (
    ACCOUNTS,
    AUDIT,
    CONDUCT,
    HOME,
    INCIDENTS,
    PEOPLE,
    REPORTS,
    SETTINGS,
    MainWindow,
)
from avenue_desk.ui.widgets.escalation_panel import WITHHELD, EscalationPanel
from avenue_desk.ui.widgets.lock_screen import IdleLock
from tests.helpers.letters import parent, posted, set_up_school

VISIBLE = {
    "head": [HOME, INCIDENTS, PEOPLE, CONDUCT, REPORTS, SETTINGS, ACCOUNTS, AUDIT],
    "office": [HOME, INCIDENTS, PEOPLE, CONDUCT, REPORTS],
    "governor": [CONDUCT, REPORTS],  # their own code of conduct, and the anonymous reports
    "staff": [CONDUCT],
}


class Clock:
    seconds = 1000.0

    def __call__(self) -> float:
        return self.seconds


def open_window(qtbot, services) -> MainWindow:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def school(services):
    set_up_school(services)
    incident = posted(services, parent(services).id)
    services.escalation.record(incident.id, ActionInput(
        "police", date(2026, 11, 12), notes="Crime reference 14/11: privileged"))
    return incident.id


@pytest.mark.parametrize("role", list(VISIBLE))
def test_each_account_sees_only_its_sections(qtbot, services, services_as, school, role):
    if role != "head":
        services_as(role)
    window = open_window(qtbot, services)
    shown = [row for row in range(window.nav.count()) if not window.nav.item(row).isHidden()]
    assert shown == VISIBLE[role]
    assert window.nav.currentRow() == VISIBLE[role][0]  # it opens on the first it may see
    visible_go = [n for n, action in enumerate(window.go_actions) if action.isVisible()]
    assert visible_go == VISIBLE[role]
    for row in shown:
        window.go_to(row)
        assert window.stack.currentIndex() == row and window.stack.currentWidget().isVisible()
    hidden = next((row for row in range(8) if row not in shown), None)
    if hidden is not None:
        window.go_to(hidden)  # a hidden section cannot be reached, even by its shortcut
        assert window.stack.currentIndex() != hidden
    actor = services.guard.actor
    assert window.user_label.text() == (f"Signed in as {actor.display_name} · "
                                        f"{actor.role_label}")
    assert actor.username in window.user_label.toolTip()
    assert window.new_action.isVisible() == (role in ("head", "office"))


def test_the_account_menu_blanks_changes_the_password_and_signs_out(qtbot, services):
    window = open_window(qtbot, services)
    lock = IdleLock(window, services.accounts, 5, now=Clock())
    window.attach_lock(lock)
    titles = [a.text() for a in window.account_menu.actions() if not a.isSeparator()]
    assert titles == ["Blank screen now", "&Change my password…", "&Sign out"]
    assert lock.lock_action.shortcut().toString() == "Ctrl+L"
    window.password_action.trigger()
    dialog = window.password_dialog
    assert dialog is not None and dialog.old.echoMode() == QLineEdit.EchoMode.Password
    dialog.reject()
    lock.lock_action.trigger()
    assert lock.locked
    with qtbot.waitSignal(window.sign_out_requested):
        lock.screen.sign_out_button.click()  # "Someone else?" at the locked screen
    assert window.signed_out and services.guard.actor is None
    assert not window.isVisible()
    lock.stop()
    lock.screen.close()


def test_the_idle_minutes_are_a_setting_the_lock_follows(qtbot, services):
    window = open_window(qtbot, services)
    clock = Clock()
    lock = IdleLock(window, services.accounts, services.accounts.idle_lock_minutes(), now=clock)
    window.attach_lock(lock)
    window.go_to(SETTINGS)
    window.settings_view.ui.schoolName.setText("The Avenue")
    window.settings_view.ui.headName.setText("Mrs Patel")
    window.settings_view.idle_minutes.setValue(12)
    assert window.settings_view.save()
    assert services.accounts.idle_lock_minutes() == 12
    clock.seconds += 11 * 60
    lock.check_idle()
    assert not lock.locked
    clock.seconds += 60
    lock.check_idle()
    assert lock.locked
    lock.unlock()
    lock.stop()
    lock.screen.close()


def test_a_governor_sees_the_anonymous_reports_and_the_review_date(qtbot, services,
                                                                  services_as, school):
    services_as("governor")
    window = open_window(qtbot, services)
    window.go_to(REPORTS)
    reports = window.reports
    assert not reports.letters_shown and not hasattr(reports, "results")
    assert reports.summary_button.isVisible() and reports.guidance_button.isVisible()
    assert reports.review.text().startswith("In force: ")
    texts = " ".join(label.text() for label in reports.findChildren(QLabel))
    assert "Wróbel" not in texts  # nobody's name anywhere on the governor's screen


def test_a_staff_member_sees_only_their_own_code_of_conduct(qtbot, services, services_as):
    from tests.helpers.conduct import staff

    someone_else = staff(services, "Mr Someone Else")
    services_as("staff")
    window = open_window(qtbot, services)
    view = window.conduct
    assert window.nav.item(CONDUCT).text() == "My code of conduct"
    assert view.person_id == services.guard.actor.person_id != someone_else.id
    assert view.status.text().startswith("Your status: Never acknowledged.")
    assert view.start_button.isVisible()
    view.start()
    assert view.wizard is not None
    assert view.wizard.windowTitle() == "Code of conduct — Staff1 Person"
    view.wizard.reject()
    assert view.history.item(0).text() == "Nothing yet."


def test_the_office_sees_the_register_but_not_breaches_or_what_the_head_agrees(
        qtbot, services, services_as):
    services_as("office")
    window = open_window(qtbot, services)
    view = window.conduct
    titles = [view.tabs.tabText(i) for i in range(view.tabs.count())]
    assert "&Breaches" not in titles and view.breaches is None
    assert not view.permissions.add_button.isVisible()
    assert not view.register.periods_button.isEnabled()


def test_the_office_sees_that_a_legal_step_was_taken_but_not_its_notes(qtbot, services,
                                                                       services_as, school):
    services_as("office")
    panel = EscalationPanel(services, school)
    qtbot.addWidget(panel)
    assert panel.timeline.item(0, 1).text() == "Contact the Police"
    assert panel.timeline.item(0, 3).text() == WITHHELD
    assert "privileged" not in panel.timeline.item(0, 3).toolTip()
