"""Steps corrected and withdrawn, follow-ups closed with a note, undone and superseded, and
follow-up dates on school days: on a real database, counting what is kept."""

from __future__ import annotations

from datetime import date

import pytest

from avenue_desk.services.core.access import PermissionDenied
from avenue_desk.services.core.errors import ServiceError, ValidationError
from avenue_desk.services.incidents.records import ActionInput
from tests.helpers.accounts import HEAD_PASSWORD, sign_in_as
from tests.helpers.databases import raw_sql
from tests.helpers.records import incident, step

D = date(2026, 11, 10)  # a Tuesday


def table(services, sql: str) -> list[tuple]:
    """What the database itself holds, read past the services."""
    return raw_sql(services.paths, sql)


def action_rows(services) -> list[tuple]:
    return table(services, "SELECT id, step, status, taken_by, outcome, notes FROM actions "
                           "ORDER BY id")


def audit_since(services, before: int) -> list[tuple[str, str, str]]:
    """The changes audited since ``before`` (not the openings of the incident between)."""
    rows = [r for r in services.audit.page(limit=50) if r.id > before and r.action != "open"]
    return [(r.action, r.entity, r.summary) for r in reversed(rows)]


def escalated(services):
    case = incident(services)
    step(services, case.id, "informal_discussion", D)
    refused = step(services, case.id, "parent_refused", D, outcome="Refused to take it down")
    return case, refused


# --- who and outcome ----------------------------------------------------------------------

def test_a_step_that_moves_the_stage_needs_who_and_outcome(services):
    case = incident(services)
    change = services.escalation.stage_change(case.id, "informal_discussion")
    assert (change.stage_before, change.stage_after, change.moves) == ("new", "informal", True)
    with pytest.raises(ValidationError) as caught:
        services.escalation.record(case.id, ActionInput("informal_discussion", D))
    assert set(caught.value.errors) == {"taken_by", "outcome"}
    assert "moves the case to another stage" in caught.value.errors["taken_by"]
    assert services.incidents.get(case.id).actions == ()
    assert services.incidents.get(case.id).phase == "new"
    # Once the case is at the informal stage, another discussion does not move it.
    step(services, case.id, "informal_discussion", D)
    assert not services.escalation.stage_change(case.id, "informal_discussion").moves
    services.escalation.record(case.id, ActionInput("informal_discussion", D))
    assert len(services.incidents.get(case.id).actions) == 2


def test_the_account_that_entered_a_step_is_kept_beside_who_took_it(services):
    case = incident(services)
    recorded = step(services, case.id, "informal_discussion", D, taken_by="Mr Ó Súilleabháin")
    assert (recorded.taken_by, recorded.recorded_by) == ("Mr Ó Súilleabháin", "Mrs Patel")


# --- correcting ----------------------------------------------------------------------------

def test_a_correction_keeps_the_original_and_records_a_new_version(services):
    case = incident(services)
    first = step(services, case.id, "informal_discussion", D, outcome="Parent agreed",
                 notes="Spoke at the gate")
    before_rows, before_audit = action_rows(services), services.audit.head()[0]
    corrected = services.escalation.correct(first.id, ActionInput(
        "informal_discussion", date(2026, 11, 11), "Mrs Shah", "Parent agreed <at last> & left",
        "Spoke at the gate"), reason="Wrong day typed")
    rows = action_rows(services)
    assert len(rows) == len(before_rows) + 1
    assert rows[0] == (first.id, "informal_discussion", "corrected", "Mrs Shah",
                       "Parent agreed", "Spoke at the gate")  # the original, word for word
    assert rows[1][2:5] == ("current", "Mrs Shah", "Parent agreed <at last> & left")
    assert corrected.first_id == first.id and corrected.recorded_by == "Mrs Patel"
    assert corrected.correction_note == "Wrong day typed"
    assert [e.outcome for e in corrected.earlier] == ["Parent agreed"]
    shown = services.incidents.get(case.id).actions
    assert len(shown) == 1 and shown[0].id == corrected.id and shown[0].corrected
    assert shown[0].taken_on == date(2026, 11, 11)
    assert audit_since(services, before_audit)[-1][:2] == ("correct", "action")
    assert "date, outcome" in audit_since(services, before_audit)[-1][2]
    # Only the version as it stands can be corrected again.
    with pytest.raises(ServiceError, match="corrected since"):
        services.escalation.correct(first.id, ActionInput("informal_discussion", D, "X", "Y"))


def test_a_correction_that_changes_nothing_is_refused(services):
    case = incident(services)
    first = step(services, case.id, "informal_discussion", D)
    with pytest.raises(ServiceError, match="Nothing was changed"):
        services.escalation.correct(first.id, ActionInput(
            "informal_discussion", D, first.taken_by, first.outcome))
    assert len(action_rows(services)) == 1


def test_a_correction_that_breaks_the_ladder_is_refused_and_nothing_changes(services):
    case, refused = escalated(services)
    first = services.incidents.get(case.id).actions[0]
    # Moving the discussion after the refusal would leave the refusal with nothing before it.
    change = services.escalation.correction_change(first.id, date(2026, 11, 12))
    assert "without the step it rests on" in change.refused
    with pytest.raises(ServiceError, match="Parent refuses or carries on"):
        services.escalation.correct(first.id, ActionInput(
            "informal_discussion", date(2026, 11, 12), "Mrs Shah", "Spoke to the parent"))
    assert [r[2] for r in action_rows(services)] == ["current", "current"]
    assert services.incidents.get(case.id).phase == "escalated"


# --- withdrawing ---------------------------------------------------------------------------

def test_withdrawing_a_step_keeps_it_and_works_the_stage_out_again(services):
    case, refused = escalated(services)
    assert services.incidents.get(case.id).phase == "escalated"
    change = services.escalation.withdrawal_change(refused.id)
    assert (change.stage_before, change.stage_after) == ("escalated", "informal")
    count, before_audit = len(action_rows(services)), services.audit.head()[0]
    with pytest.raises(ValidationError) as caught:
        services.escalation.withdraw(refused.id, "   ")
    assert "Say why" in caught.value.errors["reason"]
    services.escalation.withdraw(refused.id, "Recorded on the wrong incident — Łucja's")
    rows = action_rows(services)
    assert len(rows) == count  # nothing deleted
    assert rows[-1][1:3] == ("parent_refused", "withdrawn")
    record = services.incidents.get(case.id)
    assert record.phase == "informal"
    kept = record.actions[-1]
    assert kept.withdrawn and kept.withdrawn_by == "Mrs Patel"
    assert kept.withdrawn_reason == "Recorded on the wrong incident — Łucja's"
    assert kept.outcome == "Refused to take it down"  # what it said is still there
    events = audit_since(services, before_audit)
    assert events[-1][:2] == ("withdraw", "action")
    assert "escalated → informal" in events[-1][2]
    assert "wrong incident" not in events[-1][2]  # the reason stays on the step
    with pytest.raises(ServiceError, match="already been withdrawn"):
        services.escalation.withdraw(refused.id, "Again")
    # The ladder now refuses what needed the refusal.
    verdicts = {o.step.key: o.verdict for o in services.escalation.options(case.id)}
    assert verdicts["written_warning"] == "refused"


def test_a_step_others_rest_on_cannot_be_withdrawn_first(services):
    case, refused = escalated(services)
    warning = step(services, case.id, "written_warning", date(2026, 11, 12))
    change = services.escalation.withdrawal_change(refused.id)
    assert "Written warning" in change.refused and "12 November 2026" in change.refused
    with pytest.raises(ServiceError, match="Withdraw or correct that step first"):
        services.escalation.withdraw(refused.id, "Mistake")
    assert services.incidents.get(case.id).phase == "escalated"
    services.escalation.withdraw(warning.id, "Never sent")
    services.escalation.withdraw(refused.id, "Mistake")
    assert services.incidents.get(case.id).phase == "informal"


def test_withdrawing_a_closure_reopens_the_case_and_its_follow_up_counts_again(services):
    case = incident(services)
    step(services, case.id, "informal_discussion", D, follow_up_due=date(2026, 11, 24))
    closed = step(services, case.id, "close", date(2026, 11, 20), outcome="Resolved")
    assert services.incidents.get(case.id).status == "closed"
    services.escalation.withdraw(closed.id, "Closed the wrong case")
    record = services.incidents.get(case.id)
    assert record.phase == "informal" and record.next_follow_up == date(2026, 11, 24)


def test_withdrawing_the_only_removal_shows_the_post_up_again(services):
    case = incident(services)
    removed = step(services, case.id, "content_removed", D)
    assert services.incidents.get(case.id).content_still_up is False
    assert services.escalation.withdrawal_change(removed.id).shows_post_up_again
    services.escalation.withdraw(removed.id, "It was a different post")
    assert services.incidents.get(case.id).content_still_up is True


def test_the_withdraw_confirmation_knows_the_letter_recorded_against_the_step(services):
    from tests.helpers.letters import parent, posted, set_up_school

    set_up_school(services)
    case = posted(services, parent(services).id)
    services.letters.record_sent(case.id, "removal-request", "saved", file_name="x.pdf")
    recorded = services.incidents.get(case.id).actions[0]
    assert recorded.letter == "Request to remove the post"
    change = services.escalation.withdrawal_change(recorded.id)
    assert change.letters == ("Request to remove the post",)
    services.escalation.withdraw(recorded.id, "Printed for the wrong parent")
    assert services.incidents.get(case.id).phase == "new"


# --- follow-ups ----------------------------------------------------------------------------

def test_mark_done_needs_a_note_and_can_be_undone(services):
    case = incident(services)
    action = step(services, case.id, "informal_discussion", D, follow_up_due=date(2026, 11, 17))
    assert services.incidents.get(case.id).next_follow_up == date(2026, 11, 17)
    with pytest.raises(ValidationError) as caught:
        services.escalation.complete_follow_up(action.id, "  ")
    assert "note" in caught.value.errors
    assert services.incidents.get(case.id).next_follow_up == date(2026, 11, 17)
    before = services.audit.head()[0]
    done = services.escalation.complete_follow_up(action.id, "Checked: the post is gone")
    assert done.follow_up_done and done.follow_up_note == "Checked: the post is gone"
    assert done.follow_up_closed_by == "Mrs Patel"
    assert services.incidents.get(case.id).next_follow_up is None
    undone = services.escalation.reopen_follow_up(action.id)
    assert not undone.follow_up_done and undone.follow_up_note == ""
    assert services.incidents.get(case.id).next_follow_up == date(2026, 11, 17)
    summaries = [s for _a, _e, s in audit_since(services, before)]
    assert any("marked done" in s for s in summaries) and any("reopened" in s for s in summaries)
    assert not any("post is gone" in s for s in summaries)
    with pytest.raises(ServiceError, match="not marked done"):
        services.escalation.reopen_follow_up(action.id)


def test_the_office_cannot_close_the_headteachers_police_follow_up(services):
    case = incident(services, categories=("threat",))
    police = step(services, case.id, "police", D, follow_up_due=date(2026, 11, 24),
                  notes="Crime ref 14/11")
    sign_in_as(services, "office")
    shown = services.incidents.get(case.id).actions[0]
    assert shown.withheld and shown.notes == "" and shown.follow_up_open
    with pytest.raises(PermissionDenied, match="Headteacher alone"):
        services.escalation.complete_follow_up(police.id, "Done")
    with pytest.raises(PermissionDenied):
        services.escalation.withdraw(police.id, "Mistake")
    services.accounts.authenticate("head", HEAD_PASSWORD)
    services.escalation.complete_follow_up(police.id, "Officer called back")


def test_a_new_follow_up_supersedes_the_open_one(services):
    case = incident(services)
    dates = (date(2026, 11, 17), date(2026, 11, 18), date(2026, 11, 19))
    made = [step(services, case.id, "removal_request", D, follow_up_due=due) for due in dates]
    record = services.incidents.get(case.id)
    open_ones = [a for a in record.actions if a.follow_up_open]
    assert [a.id for a in open_ones] == [made[-1].id]  # one, not three
    first = record.actions[0]
    assert first.follow_up_done and first.follow_up_superseded
    assert first.follow_up_note == ("Superseded by “Ask the parent to remove the post” "
                                    "recorded on 10 November 2026")
    assert record.next_follow_up == date(2026, 11, 19)
    assert sum("superseded" in r.summary for r in services.audit.page(limit=20)) == 2
    with pytest.raises(ServiceError, match="replaced by a later one"):
        services.escalation.reopen_follow_up(made[1].id)
    # Withdrawing the step whose follow-up replaced another brings that one back.
    services.escalation.withdraw(made[-1].id, "Typed twice")
    record = services.incidents.get(case.id)
    assert [a.id for a in record.actions if a.follow_up_open] == [made[1].id]
    assert record.next_follow_up == date(2026, 11, 18)


def test_a_police_follow_up_does_not_close_the_offices_and_the_other_way(services):
    case = incident(services)
    step(services, case.id, "removal_request", D, follow_up_due=date(2026, 11, 17))
    step(services, case.id, "police", D, follow_up_due=date(2026, 11, 24))
    assert sum(a.follow_up_open for a in services.incidents.get(case.id).actions) == 2


# --- school days ---------------------------------------------------------------------------

def test_the_default_follow_up_lands_on_a_school_day(services):
    escalation = services.escalation
    assert escalation.default_follow_up(date(2026, 11, 21)) == date(2026, 11, 30)  # not Sat
    assert escalation.default_follow_up(date(2026, 12, 18)) == date(2026, 12, 29)  # 25, 28
    assert escalation.default_follow_up(date(2026, 7, 27)) == date(2026, 9, 1)  # August
    services.settings.set_from_text("term.autumn-2026.end", "2026-12-18")
    services.settings.set_from_text("term.spring-2027.start", "2027-01-05")
    assert escalation.default_follow_up(date(2026, 12, 18)) == date(2027, 1, 5)
    day = escalation.follow_up_day(date(2026, 12, 28))
    assert day.problem == "a bank holiday (Boxing Day (substitute day))"
    assert day.next_school_day == date(2027, 1, 5)
    assert escalation.follow_up_day(date(2027, 1, 6)).problem == ""


def test_no_default_follow_up_in_a_whole_year_falls_off_school_days(services):
    from datetime import timedelta

    from avenue_desk.policy.school_days import is_school_day

    services.settings.set_from_text("term.autumn-2026.end", "2026-12-18")
    overrides = {"term.autumn-2026.end": "2026-12-18"}
    start = date(2026, 9, 1)
    proposed = {start + timedelta(days=n): services.escalation.default_follow_up(
        start + timedelta(days=n)) for n in range(366)}
    assert all(is_school_day(due, overrides) for due in proposed.values())
    assert all(due >= taken + timedelta(days=7) for taken, due in proposed.items())


def test_a_letter_books_its_follow_up_on_a_school_day(services):
    from tests.helpers.letters import parent, posted, set_up_school

    set_up_school(services)
    case = posted(services, parent(services).id)
    services.letters.record_sent(case.id, "removal-request", "printed")
    recorded = services.incidents.get(case.id).actions[0]
    assert recorded.follow_up_due == date(2026, 11, 30)  # 21 Nov + 7 is a Saturday
    assert recorded.outcome == "Request to remove the post printed."
