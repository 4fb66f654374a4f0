"""An audit row for every kind of event, written by the service that did it, in the same
transaction as the change; each names who, what and from where, and nothing secret."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from avenue_desk.services.conduct.records import BreachInput
from avenue_desk.services.core.audit import ACTIONS, AuditLog, AuditQuery
from avenue_desk.services.incidents.records import ActionInput
from avenue_desk.services.people.records import PersonInput
from avenue_desk.services.safety.restore import restore_backup
from tests.helpers.accounts import HEAD_PASSWORD, OWN_PASSWORD, SECRETS, TEMPORARY, open_signed_in
from tests.helpers.conduct import answers
from tests.helpers.csv_files import write
from tests.helpers.databases import data_paths
from tests.helpers.images import write_png
from tests.helpers.letters import parent, posted, set_up_school
from tests.helpers.records import incident_input


@pytest.fixture
def school(services, tmp_path):
    set_up_school(services)
    mum = parent(services)
    incident = posted(services, mum.id)
    staff = services.people.create(PersonInput("Mr Dafydd Hughes", "staff"))
    return incident.id, staff.id


def office(services):
    services.accounts.create_user("office", "Mr Office", "office", TEMPORARY)
    return services.accounts.get_user("office").id


def _sign_in_failed(services, tmp):
    with pytest.raises(Exception, match="Wrong username or password"):
        services.accounts.authenticate("head", "not the password at all")


def _unlock(services, tmp):
    services.accounts.unlock(HEAD_PASSWORD)


def _recovery_used(services, tmp):
    code = services.accounts.renew_recovery_code(services.guard.actor)
    services.accounts.reset_admin_with_recovery_code(code, "A brand new long password")


def _password_changed(services, tmp):
    services.accounts.change_password(services.guard.actor, HEAD_PASSWORD, OWN_PASSWORD)


def _restore(services, tmp):
    info = services.backup.backup(tmp / "b.zip")
    fresh = data_paths(tmp / "elsewhere")  # new records of the same kind (file or server)
    restore_backup(fresh, info.path, services.clock, requested_by="head", origin="test")
    with open_signed_in(fresh) as restored:
        return restored.audit.page(AuditQuery(action="restore"))


def _destroy(services, tmp):
    """A case closed, six years on: destroyed at the end of its retention period."""
    services.escalation.record(1, ActionInput("close", date(2026, 11, 20), "Mrs Carter",
                                              "Resolved"))
    services.clock.advance(days=6 * 366)
    services.retention.destroy([("incident", 1)])


def _corrected(services, tmp):
    recorded = services.escalation.record(1, ActionInput(
        "informal_discussion", date(2026, 11, 13), "Mrs Carter", "Spoke to the parent"))
    services.escalation.correct(recorded.id, ActionInput(
        "informal_discussion", date(2026, 11, 12), "Mrs Carter", "Spoke to the parent"))


def _withdrawn(services, tmp):
    recorded = services.escalation.record(1, ActionInput(
        "informal_discussion", date(2026, 11, 13), "Mrs Carter", "Spoke to the parent"))
    services.escalation.withdraw(recorded.id, "Recorded on the wrong incident")


# (kind of event, what does it, the row's entity)
EVENTS = {
    "sign_in": (lambda s, t: s.accounts.authenticate("head", HEAD_PASSWORD), "user"),
    "sign_in_failed": (_sign_in_failed, "user"),
    "sign_out": (lambda s, t: s.accounts.sign_out(), "user"),
    "unlock": (_unlock, "user"),
    "password_confirmed": (lambda s, t: s.accounts.unlock(HEAD_PASSWORD, purpose="a test"),
                           "user"),
    "account_created": (lambda s, t: office(s), "user"),
    "account_changed": (lambda s, t: s.accounts.update_user(office(s), display_name="Ms O"),
                        "user"),
    "account_disabled": (lambda s, t: s.accounts.disable_user(office(s)), "user"),
    "account_enabled": (lambda s, t: (s.accounts.disable_user(office(s)),
                                      s.accounts.enable_user("office")), "user"),
    "account_deleted": (lambda s, t: s.accounts.delete_user(office(s)), "user"),
    "password_changed": (_password_changed, "user"),
    "password_reset": (lambda s, t: (office(s), s.accounts.reset_password(
        s.guard.actor, "office", "new-temp-pass-42")), "user"),
    "recovery_code_used": (_recovery_used, "user"),
    "recovery_code_renewed": (lambda s, t: s.accounts.renew_recovery_code(s.guard.actor),
                              "user"),
    "create": (lambda s, t: s.incidents.create(incident_input()), "incident"),
    "update": (lambda s, t: s.incidents.update(1, incident_input(summary="Changed")),
               "incident"),
    "open": (lambda s, t: s.incidents.get(1), "incident"),
    "print": (lambda s, t: s.letters.record_sent(1, "removal-request", "printed"),
              "incident"),
    "save": (lambda s, t: s.letters.record_sent(1, "removal-request", "saved",
                                                file_name="letter.pdf"), "incident"),
    "export": (lambda s, t: s.transfer.export_incidents(t / "out.csv"), "incident"),
    "import": (lambda s, t: s.transfer.import_people(write(
        t / "sims.csv", [["Wróbel, Millie", "A1", "Mother", "Ola W"]],
        header=["Name", "UPN", "Contact 1 Relationship", "Contact 1 Name"])), "person"),
    "backup": (lambda s, t: s.backup.backup(t / "b.zip"), "backup"),
    "settings": (lambda s, t: s.settings.save(replace(s.settings.load(), follow_up_days=9)),
                 "setting"),
    "destroy": (_destroy, "incident"),
    "correct": (_corrected, "action"),
    "withdraw": (_withdrawn, "action"),
    "subject_access": (lambda s, t: s.subject_access.export(1, t / "sar"),
                       "person"),
    "policy_review": (lambda s, t: s.policy_review.record(date(2026, 11, 18)), "policy"),
}


def test_every_kind_of_event_has_a_test():
    # The app's own, each with a test of its own: a restore's row (below) and the removal
    # of records a restore replaced (tests/services/test_leftovers.py).
    assert set(EVENTS) | {"restore", "replaced_removed"} == set(ACTIONS)


@pytest.mark.parametrize("kind", sorted(EVENTS))
def test_an_audit_row_for_each_kind_of_event(services, school, tmp_path, kind):
    do, entity = EVENTS[kind]
    before = services.audit.head()[0] if services.guard.actor else 0
    do(services, tmp_path)
    if services.guard.actor is None or services.guard.actor.role != "head":
        services.accounts.authenticate("head", HEAD_PASSWORD)
    rows = [r for r in services.audit.page(limit=50) if r.id > before]
    found = [r for r in rows if r.action == kind and r.entity == entity]
    assert found, [(r.action, r.entity) for r in rows]
    row = found[-1]
    assert row.origin == "test on " + row.origin.split(" on ", 1)[1]  # from where
    assert row.at == services.clock.now()  # when
    if kind != "sign_in_failed":
        assert row.username == "head" and row.role == "head"  # who
    assert row.summary and not any(secret in row.summary for secret in SECRETS)
    assert services.audit.verify() == []


def test_a_restore_is_written_into_the_restored_trail(services, school, tmp_path):
    restored = _restore(services, tmp_path)
    assert restored and restored[0].username == "head"
    assert "restored" in restored[0].summary and "b.zip" in restored[0].summary


@pytest.mark.parametrize("what", ["breach", "evidence", "person", "acknowledgement",
                                  "action"])
def test_openings_and_changes_of_other_records(services, school, tmp_path, what):
    incident_id, staff_id = school
    if what == "breach":
        made = services.breaches.create(BreachInput(staff_id, ("na_images",), "Photos.",
                                                    date(2026, 11, 20)))
        services.breaches.get(made.id)
        expected = [("create", "breach"), ("open", "breach")]
    elif what == "evidence":
        item = services.evidence.add(incident_id, write_png(tmp_path / "x.png"))
        services.evidence.viewing_copy(item.id)
        expected = [("create", "evidence"), ("open", "evidence")]
    elif what == "person":
        person = services.people.create(PersonInput("Ms New", "parent"))
        services.people.update(person.id, PersonInput("Ms New-Name", "parent"))
        expected = [("create", "person"), ("update", "person")]
    elif what == "acknowledgement":
        services.conduct.record_paper(staff_id, answers(), date(2026, 11, 3), "Office")
        expected = [("create", "acknowledgement")]
    else:
        services.escalation.record(incident_id, ActionInput(
            "informal_discussion", date(2026, 11, 13), "Mrs Carter", "Spoke to the parent"))
        expected = [("create", "action")]
    rows = [(r.action, r.entity) for r in reversed(services.audit.page(limit=len(expected)))]
    assert rows == expected


def test_the_audit_row_and_the_change_are_one_transaction(services, monkeypatch):
    """If the audit row cannot be written, the change is not kept either."""
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(AuditLog, "record", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        services.incidents.create(incident_input())
    with pytest.raises(RuntimeError, match="disk full"):
        services.people.create(PersonInput("Ms Never", "parent"))
    monkeypatch.undo()
    assert services.incidents.first_id() is None
    assert services.people.count() == 0


def test_opening_from_a_list_is_not_an_opening(services, school):
    """The list, the home view and a screen's reload read without a row each."""
    from avenue_desk.services.incidents.records import IncidentQuery

    before = services.audit.head()[0]
    services.incidents.page(IncidentQuery(), 0, 50)
    services.incidents.row(1)
    services.incidents.current(1)
    services.attention.summary()
    assert services.audit.head()[0] == before
    services.incidents.get(1)
    assert services.audit.head()[0] == before + 1
