"""Recording steps of the procedure against the policy's rules, on a real database."""

from __future__ import annotations

from datetime import date

import pytest

from avenue_desk.policy import Verdict
from avenue_desk.services.core.errors import StepNotAllowed, ValidationError
from avenue_desk.services.incidents.records import ActionInput, IncidentQuery
from tests.helpers.records import incident_input, step

D = date(2026, 11, 10)


def _verdicts(services, incident_id):
    return {o.step.key: o.verdict for o in services.escalation.options(incident_id)}


def test_a_racist_post_suggests_the_police_with_the_policy_sentence(services):
    saved = services.incidents.create(incident_input(categories=("racist",)))
    top = services.escalation.suggestions(saved.id)[0]
    assert top.step.key == "police"
    assert "racial element" in top.quote.text


def test_the_ladder_is_walked_and_the_incident_follows(services):
    saved = services.incidents.create(incident_input(categories=("defamatory",)))
    record = services.escalation.record
    record(saved.id, ActionInput("informal_discussion", D, taken_by="Head", outcome="Asked"))
    assert services.incidents.get(saved.id).phase == "informal"
    record(saved.id, ActionInput("headteacher_meeting", D, "Head", "Met the parent"))
    assert services.incidents.get(saved.id).phase == "meeting"
    assert _verdicts(services, saved.id)["written_warning"] == Verdict.REFUSED
    record(saved.id, ActionInput("parent_refused", D, "Head", "Refused",
                                 notes="Would not take it down"))
    assert services.incidents.get(saved.id).phase == "escalated"
    record(saved.id, ActionInput("written_warning", D))
    record(saved.id, ActionInput("content_removed", date(2026, 11, 12)))
    after = services.incidents.get(saved.id)
    assert after.content_still_up is False
    assert [a.step for a in after.actions] == [
        "informal_discussion", "headteacher_meeting", "parent_refused", "written_warning",
        "content_removed",
    ]
    record(saved.id, ActionInput("close", date(2026, 11, 12), "Head", outcome="Resolved"))
    closed = services.incidents.get(saved.id)
    assert closed.status == "closed"
    assert services.incidents.count(IncidentQuery(status="closed")) == 1
    record(saved.id, ActionInput("reopen", date(2026, 11, 13), "Head", "Posted again"))
    assert services.incidents.get(saved.id).phase == "escalated"


def test_forum_restriction_is_refused_for_a_facebook_post_and_nothing_is_stored(services):
    saved = services.incidents.create(incident_input(platform="facebook"))
    step(services, saved.id, "informal_discussion", D)
    step(services, saved.id, "parent_refused", D)
    with pytest.raises(StepNotAllowed) as caught:
        services.escalation.record(saved.id, ActionInput("restrict_forum_access", D))
    assert "forum" in caught.value.reason and "Facebook" in caught.value.reason
    assert caught.value.quote and "school forum" in caught.value.quote.text
    assert len(services.incidents.get(saved.id).actions) == 2


def test_forum_restriction_is_allowed_for_a_school_forum_post(services):
    saved = services.incidents.create(incident_input(platform="school_forum"))
    step(services, saved.id, "informal_discussion", D)
    step(services, saved.id, "parent_refused", D)
    assert _verdicts(services, saved.id)["restrict_forum_access"] == Verdict.SUGGESTED
    services.escalation.record(saved.id, ActionInput("restrict_forum_access", D))


def test_follow_ups_drive_the_overdue_list(services, clock):
    saved = services.incidents.create(incident_input())
    action = step(services, saved.id, "informal_discussion", D,
                  follow_up_due=date(2026, 11, 17))
    assert services.incidents.get(saved.id).next_follow_up == date(2026, 11, 17)
    assert services.incidents.count(IncidentQuery(overdue_only=True)) == 1
    home = services.attention.summary()
    assert home.overdue_total == 1 and "4 days ago" in home.overdue[0].message
    services.escalation.complete_follow_up(action.id, "Parent rang back: post deleted")
    assert services.incidents.get(saved.id).next_follow_up is None
    assert services.incidents.count(IncidentQuery(overdue_only=True)) == 0


@pytest.mark.parametrize(
    "action, field",
    [
        (ActionInput("informal_discussion", None), "taken_on"),
        (ActionInput("informal_discussion", date(2026, 11, 22)), "taken_on"),
        (ActionInput("informal_discussion", D, follow_up_due=date(2026, 11, 1)), "follow_up_due"),
        (ActionInput("informal_discussion", D, notes="n" * 10_001), "notes"),
    ],
)
def test_bad_actions_are_refused_per_field(services, action, field):
    saved = services.incidents.create(incident_input())
    with pytest.raises(ValidationError) as caught:
        services.escalation.record(saved.id, action)
    assert field in caught.value.errors
    assert services.incidents.get(saved.id).actions == ()
