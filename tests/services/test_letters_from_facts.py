"""Letters say only what the record says, and are checked before they print: read back from
the PDFs the services make from a real database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from avenue_desk.services.letters.letters import LetterProblems
from avenue_desk.services.people.records import PersonInput
from tests.helpers.letters import escalate, parent, posted, set_up_school
from tests.helpers.pdf import pdf_pages, pdf_text, squeeze
from tests.helpers.records import person, step

# The clock stands at Saturday 21 November 2026, 9:30: a week on is a Saturday too, so the
# follow-up (and the date a letter asks for) is the Monday after.
MONDAY = "Monday 30 November 2026"


@pytest.fixture
def school(services):
    set_up_school(services)
    return services


@pytest.fixture
def mum(school):
    return parent(school)


def _text(services, incident_id, kind, overrides=None, **options) -> str:
    return pdf_text(services.letters.render(incident_id, kind, overrides, record=False,
                                            **options))


def test_the_removal_request_claims_a_discussion_only_when_one_is_recorded(school, mum):
    saved = posted(school, mum.id)
    text = _text(school, saved.id, "removal-request")
    assert "discussed" not in text and "Thank you for speaking" not in text
    assert "I am writing to ask you to remove the post you made on Facebook on 1 November 2026:"\
        in text
    step(school, saved.id, "informal_discussion", date(2026, 11, 12))
    text = _text(school, saved.id, "removal-request")
    assert ("As we discussed on 12 November 2026, I am writing to ask you to remove the post "
            "you made on Facebook on 1 November 2026:") in text


def test_the_post_is_identified_and_the_deadline_is_the_follow_up_it_records(school, mum):
    saved = posted(school, mum.id, location="Elm Grove Parents https://fb.com/groups/elm/9",
                   excerpt="word " * 80)
    text = pdf_text(school.letters.render(saved.id, "removal-request"))
    assert "Posted on Facebook, in “Elm Grove Parents” on 1 November 2026" in text
    assert "Link: https://fb.com/groups/elm/9" in text
    assert "It began: “word word" in text and "word...”" in text  # cut, and marked
    assert f"Please remove the post by {MONDAY}" in text
    assert "as soon as possible" not in text
    assert school.incidents.get(saved.id).actions[-1].follow_up_due == date(2026, 11, 30)


def test_the_warning_quotes_its_clause_and_only_the_actions_that_apply(school, mum):
    facebook = posted(school, mum.id)
    escalate(school, facebook.id)
    text = _text(school, facebook.id, "warning")
    assert ("If required set out the school's concerns to you in writing, giving you a "
            "warning and requesting that the material in question is removed") in text
    assert f"Please remove the material in question by {MONDAY}" in text
    assert "Contact the host/provider of the Social Networking site" in text
    assert "block or restrict" not in text  # a Facebook post: there is no forum to block
    # The timeline, not a claim: the discussion and the refusal escalate() recorded.
    assert "The school spoke to you about it on 10 November 2026, but the matter" in text
    forum = posted(school, mum.id, platform="school_forum", location="Forum thread 9")
    escalate(school, forum.id)
    text = _text(school, forum.id, "warning")
    assert "block or restrict that individual's access to that website or forum" in text
    assert "Contact the host/provider" not in text  # the school runs the forum


def test_the_sign_off_is_never_alone_on_a_page(school, mum):
    saved = posted(school, mum.id, excerpt="a long post " * 40, summary="x",
                   location="Elm Grove Parents https://fb.com/groups/elm/9")
    escalate(school, saved.id)
    pages = pdf_pages(school.letters.render(saved.id, "warning", record=False))
    last = squeeze(pages[-1])
    before_sign_off = last.split("Yours sincerely")[0]
    assert len(before_sign_off.split()) > 30, last  # a paragraph or two to read, at least
    for kind in ("removal-request",):
        assert len(pdf_pages(school.letters.render(saved.id, kind, record=False))) == 1


@pytest.mark.parametrize(("at", "said"), [
    (datetime(2026, 11, 20, 10, 0), "is in the past"),
    (datetime(2026, 11, 28, 10, 0), "Saturday 28 November 2026 is a Saturday"),
    (datetime(2026, 12, 25, 10, 0), "is a bank holiday (Christmas Day)"),
    (datetime(2026, 12, 1, 23, 30), "11:30pm is outside school hours: choose a time from "
                                    "8:00am to 6:00pm"),
    (datetime(2026, 12, 1, 7, 45), "7:45am is outside school hours"),
])
def test_a_meeting_the_school_cannot_hold_is_refused_with_a_clear_message(school, mum, at,
                                                                          said):
    saved = posted(school, mum.id)
    room = {"meeting_place": "the library"}
    prepared = school.letters.prepare(saved.id, "meeting", room, meeting_at=at)
    assert [p.field for p in prepared.problems] == ["meeting_date"]
    assert said in prepared.problems[0].message
    with pytest.raises(LetterProblems, match=said.split(":")[0].replace("(", r"\(")
                       .replace(")", r"\)")):
        school.letters.render(saved.id, "meeting", room, meeting_at=at, answered=[
            "school-holiday"])  # an answer does not make a Saturday a school day
    assert school.incidents.get(saved.id).actions == ()


def test_a_meeting_in_the_holidays_must_be_confirmed(school, mum):
    saved = posted(school, mum.id)
    room = {"meeting_place": "the library"}
    at = datetime(2027, 8, 10, 10, 0)  # August: the summer holiday
    prepared = school.letters.prepare(saved.id, "meeting", room, meeting_at=at)
    assert "is in the school holidays" in prepared.problems[0].message
    assert [c.key for c in prepared.checks] == ["school-holiday"]
    assert "meet in the holidays all the same" in prepared.checks[0].answer
    text = _text(school, saved.id, "meeting", room, meeting_at=at, answered=["school-holiday"])
    assert "Tuesday 10 August 2027 at 10:00am, in the library" in text


def test_dear_mr_okafor_comes_from_stored_parts_never_a_guessed_surname(school):
    ada = school.people.create(PersonInput("Ada Okafor", "pupil", class_name="3B"))
    okafor = person(school, "Mr John Okafor", address="4 Park Lane", linked_pupil_ids=(ada.id,))
    assert (okafor.title, okafor.forenames, okafor.surname) == ("Mr", "John", "Okafor")
    text = _text(school, posted(school, okafor.id).id, "removal-request")
    assert "Dear Mr Okafor," in text
    gran = person(school, "Mrs Mary Jane van der Berg", address="9 Elm Road", role="relative",
                  linked_pupil_ids=(ada.id,))
    assert (gran.title, gran.surname) == ("Mrs", "")  # which words are the surname? not said
    incident = posted(school, gran.id)
    text = _text(school, incident.id, "removal-request")
    assert "Dear relative of Ada," in text and "Dear Mrs Berg" not in text
    assert "speak to Ada’s class teacher" in text and "your child" not in text
    prepared = school.letters.prepare(incident.id, "removal-request")
    assert any("No title and surname are recorded" in note for note in prepared.notes)
    school.people.update(gran.id, replace(PersonInput(gran.full_name, "relative"),
                                          address="9 Elm Road", linked_pupil_ids=(ada.id,),
                                          title="Mrs", forenames="Mary Jane",
                                          surname="van der Berg"))
    assert "Dear Mrs van der Berg," in _text(school, incident.id, "removal-request")
    alone = person(school, "Okafor", address="1 High Street")
    assert alone.surname == "" and "Dear Parent/Carer," in _text(
        school, posted(school, alone.id).id, "removal-request")


def test_the_school_s_contacts_are_printed(school, mum):
    settings = school.settings.load()
    school.settings.save(replace(settings, extra={
        "school.phone": "0113 496 0000", "school.email": "office@avenue.example.sch.uk",
        "school.chair_of_governors": "Mr Tom Price",
        "school.complaints_procedure": "on the school website",
        "school.head_title": "Executive Headteacher"}))
    text = _text(school, posted(school, mum.id).id, "removal-request")
    assert "0113 496 0000 · office@avenue.example.sch.uk" in text
    assert ("contact the Chair of Governors, Mr Tom Price, or use the school's complaints "
            "procedure (on the school website)") in text
    assert "Mrs Helen Carter Executive Headteacher" in text


def test_no_address_must_be_answered_before_the_letter_prints(school):
    nobody_home = person(school, "Ms Ann Lee", address="")
    saved = posted(school, nobody_home.id)
    prepared = school.letters.prepare(saved.id, "removal-request")
    assert [p.field for p in prepared.problems] == ["parent_address"]
    assert "No postal address is recorded for Ms Ann Lee" in prepared.problems[0].message
    assert [c.key for c in prepared.checks] == ["no-address"]
    with pytest.raises(LetterProblems):
        school.letters.render(saved.id, "removal-request")
    assert school.incidents.get(saved.id).actions == ()
    assert "Dear Ms Lee," in _text(school, saved.id, "removal-request", answered=["no-address"])
    assert "Dear Ms Lee," in _text(school, saved.id, "removal-request",
                                   {"parent_address": "2 Low Road\nLeeds"})  # or typed in
    plan = school.letters.plan_batch([saved.id], "removal-request")
    assert plan.ready == () and "No postal address" in plan.refused[0][1]


def test_a_post_recorded_as_removed_must_be_answered_before_asking_again(school, mum):
    saved = posted(school, mum.id, content_still_up=False)
    prepared = school.letters.prepare(saved.id, "removal-request")
    assert [c.key for c in prepared.checks] == ["post-removed"]
    assert "The post is recorded as removed" in prepared.problems[0].message
    with pytest.raises(LetterProblems, match="recorded as removed"):
        school.letters.render(saved.id, "removal-request")
    assert "Please remove the post" in _text(school, saved.id, "removal-request",
                                             answered=["post-removed"])
    meeting = _text(school, saved.id, "meeting", {"meeting_place": "the library"},
                    meeting_at=datetime(2026, 12, 1, 15, 30))
    assert "please remove it" not in meeting  # nothing asks for it while it is down


def test_the_forum_restriction_says_how_long_when_it_is_reviewed_and_how_to_appeal(school,
                                                                                   mum):
    forum = posted(school, mum.id, platform="school_forum", location="Forum thread 9")
    escalate(school, forum.id)
    pdf = school.letters.render(forum.id, "forum-restriction", restriction_months=2)
    text = pdf_text(pdf)
    assert "for 2 months. The restriction will be reviewed on Thursday 21 January 2027" in text
    assert "you can appeal: please write to the Chair of Governors at the school" in text
    assert "This does not affect Ela’s education" in text
    assert school.incidents.get(forum.id).actions[-1].follow_up_due == date(2027, 1, 21)


def test_text_too_long_to_lay_out_is_named_not_a_traceback(school, mum):
    saved = posted(school, mum.id)
    prepared = school.letters.prepare(saved.id, "removal-request",
                                      {"posted_where": "on the site " * 200})
    assert [p.field for p in prepared.problems] == ["posted_where"]
    assert "The subject line is" in prepared.problems[0].message
    with pytest.raises(LetterProblems, match="shorten it"):
        school.letters.render(saved.id, "removal-request", {"posted_where": "x " * 400})
    long_name = _text(school, saved.id, "removal-request", {"parent_name": "Łucja " * 2000})
    assert "Łucja Łucja" in long_name  # a very long field runs on over pages instead
