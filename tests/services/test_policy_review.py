"""The governors' review of the policy: recorded by the Headteacher (checked, audited in the
same transaction), read back wherever the review status is shown, and reported to governors.

The test clock reads 21 November 2026 (tests/conftest.py): the Avenue 2021 edition's own
review date (November 2022) is four years gone, and no review is recorded yet.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date

import pytest

from avenue_desk.services.core.access import PermissionDenied
from avenue_desk.services.core.audit import AuditQuery
from avenue_desk.services.core.errors import ServiceError, ValidationError
from tests.helpers.databases import dump
from tests.helpers.letters import set_up_school
from tests.helpers.pdf import pdf_text

REVIEWED = date(2026, 11, 18)
NOT_RECORDED = ("No review recorded for this edition — governors were due to review it by "
                "November 2022.")
NOTE = 'FGB <minute 7> & "Łódź" — Ξ 議事録'


def database_dump(services) -> str:
    return hashlib.sha256(dump(services.paths).encode()).hexdigest()


def review_rows(services):
    return services.audit.page(AuditQuery(action="policy_review"))


def test_with_nothing_recorded_it_says_so_plainly(services):
    review = services.policy_review.current()
    assert review.edition.key == "avenue-2021"
    assert review.status.overdue and not review.status.recorded
    assert review.status.message == NOT_RECORDED
    assert services.summaries.policy_review() == (review.edition.title, review.status)
    assert services.policy_review.history() == []


def test_recording_the_review_clears_the_reminder_and_is_audited(services):
    review = services.policy_review.record(REVIEWED, note=f"  {NOTE}  ")
    assert not review.status.overdue
    assert review.status.message == ("Reviewed by governors on 18 November 2026; next review "
                                     "due by 18 November 2027.")
    assert review.note == NOTE  # trimmed, every character kept
    again = services.policy_review.current()  # read back from the database
    assert (again.reviewed_on, again.due_by, again.note) == (
        REVIEWED, date(2027, 11, 18), NOTE)
    assert services.summaries.policy_review()[1] == again.status
    (row,) = review_rows(services)
    assert (row.username, row.action_label, row.entity, row.entity_id) == (
        "head", "Policy review recorded", "policy", "avenue-2021")
    assert row.summary == (
        "Governors' review of The Avenue Primary School Social Media Policy (November 2021) "
        f"recorded: reviewed on 18 November 2026, next review due by 18 November 2027. "
        f"Minutes: {NOTE}")
    (past,) = services.policy_review.history()
    assert (past.recorded_by, past.edition_key, past.summary) == ("head", "avenue-2021",
                                                                  row.summary)


def test_a_later_review_replaces_the_dates_and_both_stay_in_the_history(services):
    services.policy_review.record(date(2025, 11, 3), date(2026, 11, 3), "Spring minutes")
    late = services.policy_review.current()
    assert late.status.overdue
    assert late.status.message == ("Review overdue since 3 November 2026. Governors last "
                                   "reviewed it on 3 November 2025.")
    services.policy_review.record(REVIEWED, date(2028, 9, 1))
    current = services.policy_review.current()
    assert not current.status.overdue and current.due_by == date(2028, 9, 1)
    assert current.note == ""  # no note given this time: the old one does not linger
    history = services.policy_review.history()
    assert [("18 November 2026" in p.summary, "3 November 2025" in p.summary)
            for p in history] == [(True, False), (False, True)]


@pytest.mark.parametrize("role", ["office", "governor", "staff"])
def test_only_the_headteacher_may_record_it_and_a_refusal_writes_nothing(services,
                                                                          services_as, role):
    services_as(role)
    before = database_dump(services)
    with pytest.raises(PermissionDenied) as refused:
        services.policy_review.record(REVIEWED)
    assert database_dump(services) == before
    assert not services.policy_review.may_record()
    if role == "office":
        assert str(refused.value) == ("Only the Headteacher's (administrator's) account can "
                                      "record that governors reviewed the policy.")
        assert services.policy_review.current().status.message == NOT_RECORDED  # may see it
    if role == "governor":
        assert "cannot record that governors reviewed the policy" in str(refused.value)


@pytest.mark.parametrize(("reviewed_on", "next_review_on", "field", "message"), [
    (date(2026, 11, 22), None, "reviewed_on",
     "The review date (22 November 2026) is in the future: record a review once governors "
     "have held it."),
    (None, None, "reviewed_on", "Enter the date governors reviewed the policy."),
    (date(2021, 10, 31), None, "reviewed_on",
     "The review date (31 October 2021) is before this edition was written (November 2021)."),
    (REVIEWED, REVIEWED, "next_review_on",
     "The next review (18 November 2026) must be after this one (18 November 2026)."),
    (REVIEWED, date(2026, 1, 1), "next_review_on",
     "The next review (1 January 2026) must be after this one (18 November 2026)."),
    (REVIEWED, date(2036, 11, 18), "next_review_on",
     "The next review (18 November 2036) is more than 5 years away: check the year."),
])
def test_dates_that_cannot_be_right_are_refused_and_nothing_is_written(
        services, reviewed_on, next_review_on, field, message):
    before = database_dump(services)
    with pytest.raises(ValidationError) as refused:
        services.policy_review.record(reviewed_on, next_review_on)
    assert refused.value.errors == {field: message}
    assert database_dump(services) == before
    assert services.policy_review.current().status.message == NOT_RECORDED


def test_a_note_longer_than_a_minutes_reference_is_refused(services):
    with pytest.raises(ValidationError) as refused:
        services.policy_review.record(REVIEWED, note="x" * 201)
    assert refused.value.errors == {
        "note": "The note is 201 characters long; the limit is 200. A minutes reference is "
                "enough."}


def test_only_the_edition_in_force_can_be_recorded(services):
    set_up_school(services)
    with pytest.raises(ServiceError, match="Only the edition in force can be recorded as "
                       "reviewed: that is The Avenue Primary School Social Media Policy "
                       r"\(November 2021\), not Parental Use"):
        services.policy_review.record(REVIEWED, edition_key="parental-2019")
    assert review_rows(services) == []
    services.settings.save(replace(services.settings.load(), policy_edition="parental-2019"))
    parental = services.policy_review.current()
    assert parental.edition.key == "parental-2019" and parental.status.message == (
        "No review recorded for this edition — governors were due to review it by "
        "Spring 2021.")
    services.policy_review.record(REVIEWED, edition_key="parental-2019")
    services.settings.save(replace(services.settings.load(), policy_edition="avenue-2021"))
    # Each edition keeps its own review: going back, the Avenue edition has none yet.
    assert services.policy_review.current().status.message == NOT_RECORDED


def test_the_review_keys_are_not_set_one_by_one(services):
    """The settings command sets any declared key; these are written only with the review,
    so the checks above cannot be stepped round."""
    with pytest.raises(ServiceError, match="part of a recorded review"):
        services.settings.set_from_text("policy_review.reviewed_on.avenue-2021", "2030-01-01")
    assert services.policy_review.current().status.message == NOT_RECORDED


def test_the_report_to_governors_states_the_review(services):
    set_up_school(services)
    before = pdf_text(services.summaries.render_data(services.summaries.build_term(
        "autumn-2026")))
    assert f"The policy's review is overdue. {NOT_RECORDED}" in before
    services.policy_review.record(date(2026, 11, 3), note=NOTE)
    data = services.summaries.build_term("autumn-2026")
    assert (data.reviewed_on, data.next_review_on) == (date(2026, 11, 3), date(2027, 11, 3))
    text = pdf_text(services.summaries.render_data(data))
    assert ("Reviewed by governors on 3 November 2026; next review due by 3 November 2027."
            in text)
    assert "No review recorded" not in text and "overdue" not in text.split("Policy review")[1]
    assert "Łódź" not in text and "minute 7" not in text  # the note is not for the report
