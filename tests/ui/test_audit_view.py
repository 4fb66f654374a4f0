"""The Audit screen: filters, the lazy model, CSV export, and refusal for other accounts."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QFileDialog

from avenue_desk.services.people.records import PersonInput
from avenue_desk.ui.models.audit_table import (
    COL_ACTION,
    COL_RECORD,
    COL_SUMMARY,
    COL_USER,
    PAGE_SIZE,
    AuditTableModel,
)
from avenue_desk.ui.views.audit import AuditView
from tests.helpers.accounts import OWN_PASSWORD, TEMPORARY, add_user, with_head
from tests.helpers.background import settle

pytestmark = pytest.mark.no_accounts


def seeded(services, clock):
    sec, _ = with_head(services)
    head = sec.guard.actor
    add_user(sec, "office", "office")
    clock.advance(days=1)
    office = sec.accounts.authenticate("office", TEMPORARY)
    sec.accounts.change_password(office, TEMPORARY, OWN_PASSWORD)
    sec.audit.record_now(sec.guard.actor, "open", "incident", 12, "Opened")
    sec.guard.sign_in(head)
    return sec


def make(qtbot, sec, clock) -> AuditView:
    view = AuditView(sec.audit, today=clock.today())
    qtbot.addWidget(view)
    view.resize(1200, 600)
    view.show()
    return view


def test_the_trail_newest_first_with_who_what_and_record(qtbot, services, clock):
    sec = seeded(services, clock)
    view = make(qtbot, sec, clock)
    model = view.model
    assert view.count_label.text() == "6 events"
    assert model.data(model.index(0, COL_ACTION)) == "Opened"
    assert model.data(model.index(0, COL_USER)) == "office (Office)"
    assert model.data(model.index(0, COL_RECORD)) == "incident 12"
    last = model.rowCount() - 1
    assert model.data(model.index(last, COL_ACTION)) == "Account created"


def test_the_model_is_valid_and_pages(qtmodeltester, services, clock):
    sec = seeded(services, clock)
    for number in range(PAGE_SIZE + 5):
        sec.audit.record_now(sec.guard.actor, "open", "incident", number)
    model = AuditTableModel(sec.audit)
    qtmodeltester.check(model)
    assert model.rowCount() == PAGE_SIZE + 11
    assert model.data(model.index(PAGE_SIZE + 10, COL_ACTION)) == "Account created"


def test_filters_by_person_kind_and_dates(qtbot, services, clock):
    sec = seeded(services, clock)
    view = make(qtbot, sec, clock)
    view.user.setCurrentIndex(view.user.findData("office"))
    assert view.count_label.text() == "3 events"  # signed in, new password, opened
    view.action.setCurrentIndex(view.action.findText("Opened"))
    assert view.count_label.text() == "1 event"
    view.user.setCurrentIndex(0)
    view.action.setCurrentIndex(0)
    view.date_to.set_value(date(2026, 11, 21))
    assert view.count_label.text() == "3 events"  # the first day: created, in, created
    view.date_from.set_value(date(2026, 11, 22))
    assert "before" in view.message.text() and view.message.isVisible()
    view.date_to.set_value(None)
    assert view.count_label.text() == "3 events"


def test_export_saves_what_is_shown(qtbot, services, clock, monkeypatch, tmp_path):
    sec = seeded(services, clock)
    view = make(qtbot, sec, clock)
    target = tmp_path / "audit.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(target), "CSV files (*.csv)"))
    view.user.setCurrentIndex(view.user.findData("office"))
    view.export_button.click()
    assert not view.export_button.isEnabled()  # written in the background meanwhile
    settle(qtbot, view)
    assert view.export_button.isEnabled()
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 4 and lines[0].startswith("When,User,Role,Action")
    assert view.message.text().startswith("3 events saved to")
    for secret in (OWN_PASSWORD, TEMPORARY, "$argon2"):
        assert secret not in target.read_text(encoding="utf-8-sig")


def test_another_account_is_told_why_and_sees_nothing(qtbot, services, clock):
    sec = seeded(services, clock)
    sec.accounts.authenticate("office", OWN_PASSWORD)
    view = make(qtbot, sec, clock)
    assert view.model is None
    assert view.message.text() == ("Only the Headteacher's (administrator's) account can see "
                                   "the audit trail.")
    assert not view.table.isEnabled() and not view.export_button.isEnabled()


def test_names_instead_of_numbers_and_one_line_for_a_run_of_checklist_saves(qtbot, services,
                                                                            clock):
    sec = seeded(services, clock)
    someone = services.people.create(PersonInput("Ms Ζωή Ábel", "staff"))
    for _ in range(12):  # as the checklist wrote them before: one row at every page
        sec.audit.record_now(sec.guard.actor, "update", "acknowledgement", 5,
                             f"Code of conduct checklist progress saved (person {someone.id})")
        clock.advance(minutes=1)
    view = make(qtbot, sec, clock)
    model = view.model
    shown = model.data(model.index(0, COL_SUMMARY))
    assert shown.startswith("Code of conduct checklist progress saved (Ms Ζωή Ábel) (12 times, ")
    assert f"person {someone.id}" not in shown
    assert model.data(model.index(0, COL_USER)) == "Mrs Patel (head, Headteacher)"
    assert model.data(model.index(1, COL_RECORD)) == "Ms Ζωή Ábel"  # the person added
    assert view.count_label.text() == "8 events"  # 6, the person added, the 12 saves as one
    assert sec.audit.count() == 19  # every row is still there


def test_reports_to_the_platform_and_social_media_accounts_are_named_in_words(qtbot, services,
                                                                             clock):
    from avenue_desk.services.incidents import (
        IncidentInput,
        PlatformReportInput,
        SocialAccountInput,
    )

    sec = seeded(services, clock)
    incident = services.incidents.create(IncidentInput(
        posted_on=date(2026, 11, 1), platform="facebook", categories=("complaint",),
        summary="s"))
    report = services.platform_reports.add(incident.id, PlatformReportInput(date(2026, 11, 2)))
    account = services.social_accounts.create(SocialAccountInput("facebook", "@angrymum_av"))
    view = make(qtbot, sec, clock)
    model = view.model
    records = [model.data(model.index(row, COL_RECORD)) for row in range(3)]
    # Never "social_account 1", nor "account 1" (the app's own accounts are "account").
    assert records == [f"social media account {account.id}",
                       f"report to the platform {report.id}", f"incident {incident.id}"]
