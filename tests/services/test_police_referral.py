"""What the police referral pack is made from: times, the posting account, the Headteacher's
reason and kind of offence, capture times, and the poster's other incidents."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date, datetime, time

import pytest

from avenue_desk.services.core.access import PermissionDenied
from avenue_desk.services.core.errors import ValidationError
from avenue_desk.services.incidents.records import ActionInput
from tests.helpers.accounts import sign_in_as
from tests.helpers.images import write_png
from tests.helpers.letters import HEAD, D, parent, posted, refer, set_up_school
from tests.helpers.pdf import pdf_text
from tests.helpers.records import input_of, step

REASON = "Fourth post naming Mr Ćwik since September; staff are alarmed & distressed."


@pytest.fixture
def school(services):
    set_up_school(services)
    return services


@pytest.fixture
def mum(school):
    return parent(school)


def test_times_and_the_posting_account_are_kept_and_checked(school, mum):
    saved = posted(school, mum.id, posted_at=time(21, 47), seen_on=date(2026, 11, 2),
                   seen_at=time(8, 5), poster_account="  @AvenueMum_84 ")
    again = school.incidents.get(saved.id)
    assert (again.posted_at, again.seen_at, again.poster_account) == (
        time(21, 47), time(8, 5), "@AvenueMum_84")
    edited = school.incidents.update(saved.id, replace(input_of(again), seen_at=None))
    assert edited.seen_at is None and edited.posted_at == time(21, 47)
    with pytest.raises(ValidationError) as caught:
        school.incidents.update(saved.id, replace(input_of(again), seen_on=None))
    assert caught.value.errors["seen_at"] == "Enter the date seen as well as the time."
    with pytest.raises(ValidationError) as caught:
        school.incidents.update(saved.id, replace(input_of(again), seen_on=date(2026, 11, 1),
                                                  seen_at=time(21, 0)))
    assert "before the time it was posted" in caught.value.errors["seen_at"]


def test_only_the_headteacher_records_and_reads_the_referral(school, mum, services_as):
    saved = posted(school, mum.id)
    before = school.audit.head()[0]
    record = school.incidents.record_referral(saved.id, REASON, "harassment")
    assert (record.referral_reason, record.offence_kind) == (REASON, "harassment")
    rows = [r for r in school.audit.page(limit=20) if r.id > before and r.action != "open"]
    assert [(r.action, r.summary) for r in rows] == [
        ("update", "Police referral details recorded")]
    with pytest.raises(ValidationError, match="kind of offence"):
        school.incidents.record_referral(saved.id, REASON, "burglary")
    services_as("office")
    assert school.incidents.get(saved.id).referral_reason == ""  # withheld, as legal notes
    assert school.incidents.get(saved.id).offence_kind == ""
    with pytest.raises(PermissionDenied):
        school.incidents.record_referral(saved.id, "", "")
    # The office saving the details never touches what the Headteacher recorded.
    school.incidents.update(saved.id, input_of(school.incidents.get(saved.id)))
    sign_in_as(school, "head", "head")
    assert school.incidents.get(saved.id).referral_reason == REASON


def test_evidence_keeps_its_capture_time(school, mum, tmp_path):
    saved = posted(school, mum.id)
    shot = write_png(tmp_path / "shot.png")
    taken = datetime(2026, 11, 2, 8, 12, 40)
    os.utime(shot, (taken.timestamp(), taken.timestamp()))
    added = school.evidence.add(saved.id, shot)
    assert (added.captured_on, added.captured_at) == (date(2026, 11, 2), time(8, 12))
    fixed = school.evidence.set_capture(added.id, date(2026, 11, 1), time(23, 59))
    assert (fixed.captured_on, fixed.captured_at) == (date(2026, 11, 1), time(23, 59))
    with pytest.raises(ValidationError, match="date captured as well"):
        school.evidence.set_capture(added.id, None, time(9, 0))
    cleared = school.evidence.set_capture(added.id, date(2026, 11, 1), None)
    assert cleared.captured_at is None  # "not known" is kept as such


def test_the_pack_lists_the_posters_course_of_conduct(school, mum, tmp_path):
    first = posted(school, mum.id, posted_on=date(2026, 9, 14), posted_at=time(19, 2),
                   summary="Said Mr Ćwik should be sacked", excerpt="")
    step(school, first.id, "informal_discussion", date(2026, 9, 15), outcome="Agreed to remove")
    wrong = step(school, first.id, "headteacher_meeting", date(2026, 9, 16),
                 outcome="Recorded on the wrong case")
    school.escalation.withdraw(wrong.id, "Recorded on the wrong case")
    # The same account, typed with another case, with no person on the record.
    second = posted(school, None, posted_on=date(2026, 9, 28), platform="x_twitter",
                    poster_account="@avenuemum_84", summary="Named Mr Ćwik and the school")
    other_parent = posted(school, parent(school, "Mr Tomasz Nowak").id,
                          summary="Someone else entirely")
    case = posted(school, mum.id, categories=("threat",), posted_at=time(21, 47),
                  poster_account="@AvenueMum_84",
                  location="Avenue Parents https://www.facebook.com/groups/ap/posts/123")
    school.evidence.add(case.id, write_png(tmp_path / "one.png"), date(2026, 11, 2))
    school.incidents.record_referral(case.id, REASON, "harassment")
    prepared = school.letters.prepare(case.id, "police-referral")
    assert prepared.problems == ()
    text = pdf_text(school.letters.render(case.id, "police-referral"))
    assert "Posted 1 November 2026 at 21:47" in text
    assert "Web address https://www.facebook.com/groups/ap/posts/123" in text
    assert "Account that posted @AvenueMum_84" in text
    assert REASON in text and "Harassment (a course of conduct)" in text
    assert "holds 2 other incidents by the same poster" in text
    assert f"AD-{first.id} 14 September 2026 at 19:02" in text
    assert f"AD-{second.id} 28 September 2026 (time not recorded)" in text
    assert "Someone else entirely" not in text and f"AD-{other_parent.id}" not in text
    assert "15 September 2026 not recorded AD-" in text and "Agreed to remove" in text
    assert "Recorded on the wrong case" not in text  # withdrawn: left out, and counted
    assert "1 step recorded and later withdrawn is left out." in text
    assert "2 November 2026 (time not recorded)" in text  # a date typed, not a time


def test_missing_reason_and_kind_are_problems_to_answer_before_printing(school, mum):
    saved = posted(school, mum.id, categories=("threat",))
    prepared = school.letters.prepare(saved.id, "police-referral")
    assert {p.field for p in prepared.problems} == {"referral_reason", "offence_kind"}
    assert not prepared.ready
    refer(school, saved.id)
    assert school.letters.prepare(saved.id, "police-referral").problems == ()


def test_the_takedown_asks_for_the_link_when_only_a_group_is_named(school, mum):
    saved = posted(school, mum.id, location="Elm Grove Parents (Facebook group)")
    school.escalation.record(saved.id, ActionInput(
        "informal_discussion", D, HEAD, "Asked the parent to take the post down"))
    school.escalation.record(saved.id, ActionInput("parent_refused", D, HEAD, "Refused"))
    prepared = school.letters.prepare(saved.id, "host-takedown")
    assert [p.field for p in prepared.problems] == ["location"]
    assert "location" in prepared.fields  # answered in the dialog, beside its box
    link = {"location": "https://www.facebook.com/groups/elmgrove/posts/9"}
    assert school.letters.prepare(saved.id, "host-takedown", link).problems == ()
    text = pdf_text(school.letters.render(saved.id, "host-takedown", link, record=False))
    assert "Link to the post https://www.facebook.com/groups/elmgrove/posts/9" in text
