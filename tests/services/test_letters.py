"""Letters made from the database, read back from their PDFs, and what printing records."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from avenue_desk.reports import uncovered_characters
from avenue_desk.services.core.errors import ServiceError, StepNotAllowed, ValidationError
from avenue_desk.services.incidents.records import ActionInput
from avenue_desk.services.letters.letters import (
    Cancelled,
    LetterProblems,
    LetterRefused,
    safe_file_name,
    write_pdf,
)
from tests.helpers.accounts import sign_in_as
from tests.helpers.evidence_tamper import change_one_byte
from tests.helpers.images import write_png
from tests.helpers.letters import HEAD, D, escalate, parent, posted, refer, set_up_school
from tests.helpers.pdf import pdf_pages, pdf_text
from tests.helpers.records import person
from tests.helpers.text import MARKUP, NAMES_IN_MANY_SCRIPTS

EDITION_2021 = "The Avenue Primary School Social Media Policy (November 2021)"
EDITION_2019 = "Parental Use of Social Media and the Internet Policy (6 March 2019)"


@pytest.fixture
def school(services):
    set_up_school(services)
    return services


@pytest.fixture
def mum(school):
    return parent(school)


def _allowed(services, incident_id):
    return {c.kind: c for c in services.letters.offered(incident_id)}


def test_a_new_facebook_post_offers_the_first_letters_only(school, mum):
    saved = posted(school, mum.id)
    offered = _allowed(school, saved.id)
    assert [k for k, c in offered.items() if c.allowed] == [
        "removal-request", "meeting", "police-referral"]
    assert "record the parent's refusal first" in offered["warning"].reason
    assert "refuses to comply" in offered["warning"].quote.text
    forum = offered["forum-restriction"]
    assert "school's own website or forum" in forum.reason and "on Facebook" in forum.reason
    assert "block or restrict" in forum.quote.text


def test_the_office_is_told_the_police_pack_is_for_the_headteacher_only(school, mum):
    saved = posted(school, mum.id)
    sign_in_as(school, "office")
    offered = _allowed(school, saved.id)
    police = offered["police-referral"]
    assert not police.allowed and police.unavailable == "Headteacher only"
    assert "for the Headteacher alone" in police.reason
    # A letter the policy holds back for now still says so, for the office too.
    assert not offered["warning"].allowed
    assert offered["warning"].unavailable == "not available now"
    assert "record the parent's refusal first" in offered["warning"].reason


def test_the_removal_request_names_the_parent_and_records_the_step(school, mum):
    saved = posted(school, mum.id)
    pdf = school.letters.render(saved.id, "removal-request", file_name="x.pdf")
    pages, text = pdf_pages(pdf), pdf_text(pdf)
    assert len(pages) == 1 and "Page 1 of 1" in pages[0]
    assert "Mrs Łucja Wróbel Flat 3, 27 Żaneta Court Headingley Leeds LS6 2QQ" in text
    assert "Dear Mrs Wróbel," in text
    assert "21 November 2026" in text and "the post you made on Facebook on 1 November 2026" in text
    assert f"policy, {EDITION_2021}, says:" in text
    assert "removes such comments immediately" in text
    assert f"{HEAD} Headteacher" in text and "Our ref: AD-1" in text
    actions = school.incidents.get(saved.id).actions
    assert [(a.step, a.taken_on, a.taken_by) for a in actions] == [
        ("removal_request", date(2026, 11, 21), HEAD)]
    assert actions[0].notes == "Request to remove the post: saved as a PDF (x.pdf)."
    assert actions[0].follow_up_due == date(2026, 11, 30)  # a week on is a Saturday
    assert actions[0].letter == "Request to remove the post"


def test_saving_then_printing_the_same_letter_records_it_once(school, mum):
    saved = posted(school, mum.id)
    school.letters.render(saved.id, "removal-request", action="saved")
    again = school.letters.record_sent(saved.id, "removal-request", "printed")
    assert again.action is None and "already recorded today" in again.message
    assert len(school.incidents.get(saved.id).actions) == 1


def test_a_preview_records_nothing(school, mum):
    saved = posted(school, mum.id)
    school.letters.render(saved.id, "removal-request", record=False)
    assert school.incidents.get(saved.id).actions == ()


def test_an_incident_from_2020_names_the_2019_policy(school, mum):
    saved = posted(school, mum.id, posted_on=date(2020, 5, 3))
    assert saved.policy_edition == "parental-2019"
    text = pdf_text(school.letters.render(saved.id, "removal-request", record=False))
    assert EDITION_2019 in text and "November 2021" not in text
    assert "as a first step the school will usually discuss the matter with the parent" in text
    assert "made on 3 May 2020" in text


def test_the_warning_is_refused_before_the_refusal_and_allowed_after(school, mum):
    saved = posted(school, mum.id)
    with pytest.raises(LetterRefused) as caught:
        school.letters.prepare(saved.id, "warning")
    assert isinstance(caught.value, StepNotAllowed)
    assert "record the parent's refusal first" in str(caught.value)
    assert caught.value.quote is not None
    escalate(school, saved.id)
    text = pdf_text(school.letters.render(saved.id, "warning"))
    assert "Formal warning about your use of social media" in text
    assert "Contact the Police where the school feels it appropriate" in text
    assert school.incidents.get(saved.id).actions[-1].step == "written_warning"


def test_the_meeting_letter_needs_its_date_and_books_the_follow_up(school, mum):
    saved = posted(school, mum.id)
    prepared = school.letters.prepare(saved.id, "meeting")
    assert {p.field for p in prepared.problems} >= {"meeting_date", "meeting_time"}
    with pytest.raises(LetterProblems) as caught:
        school.letters.render(saved.id, "meeting")
    assert "meeting date" in str(caught.value).lower()
    assert school.incidents.get(saved.id).actions == ()
    at = datetime(2026, 12, 1, 15, 30)
    with pytest.raises(LetterProblems, match="meeting room"):
        school.letters.render(saved.id, "meeting", meeting_at=at)
    text = pdf_text(school.letters.render(saved.id, "meeting", {"meeting_place": "the library"},
                                          meeting_at=at))
    assert "Tuesday 1 December 2026 at 3:30pm, in the library" in text
    action = school.incidents.get(saved.id).actions[-1]
    assert (action.step, action.follow_up_due) == ("headteacher_meeting", date(2026, 12, 1))


def test_forum_restriction_only_for_a_post_on_the_schools_forum(school, mum):
    facebook = posted(school, mum.id)
    escalate(school, facebook.id)
    with pytest.raises(LetterRefused) as caught:
        school.letters.render(facebook.id, "forum-restriction")
    assert "on Facebook" in str(caught.value)
    forum = posted(school, mum.id, platform="school_forum", location="Forum thread 9")
    escalate(school, forum.id)
    text = pdf_text(school.letters.render(forum.id, "forum-restriction"))
    assert "Restriction of your access to the school's website and forum" in text
    assert school.incidents.get(forum.id).actions[-1].step == "restrict_forum_access"


def test_the_host_takedown_goes_to_the_platform(school, mum):
    saved = posted(school, mum.id, location="https://facebook.com/groups/x/posts/1")
    escalate(school, saved.id)
    letter = school.letters.prepare(saved.id, "host-takedown")
    assert "parent_name" not in letter.fields and "excerpt" in letter.fields
    assert letter.file_name == "Incident 1 - Takedown request to Facebook - 21 November 2026.pdf"
    text = pdf_text(school.letters.render(saved.id, "host-takedown"))
    assert "Reporting the post to Facebook" in text and "Dear" not in text
    assert "Link to the post https://facebook.com/groups/x/posts/1" in text
    assert "This school never listens, the trip was a shambles." in text
    assert "Wróbel" not in text  # the platform is not told the parent's or child's name


def test_an_empty_field_stops_the_letter_before_printing(school, mum):
    saved = posted(school, mum.id, location="https://facebook.com/groups/x/posts/1")
    escalate(school, saved.id)
    prepared = school.letters.prepare(saved.id, "host-takedown", {"excerpt": " "})
    assert [p.field for p in prepared.problems] == ["excerpt"]
    with pytest.raises(LetterProblems):
        school.letters.render(saved.id, "host-takedown", {"excerpt": ""})
    assert school.incidents.get(saved.id).actions[-1].step == "parent_refused"


def test_edits_change_the_recipient_and_the_salutation(school):
    dad = person(school, "Tomasz Nowak", address="1 High Street")
    saved = posted(school, dad.id)
    prepared = school.letters.prepare(saved.id, "removal-request")
    assert prepared.fields[:3] == ("parent_name", "parent_address", "parent_title")
    assert any("Dear Parent/Carer" in note for note in prepared.notes)
    text = pdf_text(school.letters.render(
        saved.id, "removal-request",
        {"parent_title": "Mr", "parent_address": "2 Low Road\nLeeds"}, record=False))
    assert "Tomasz Nowak 2 Low Road Leeds" in text and "Dear Mr Nowak," in text


def test_no_poster_or_a_staff_poster_means_no_letter_to_a_parent(school):
    nobody = posted(school, None)
    assert "No one is recorded as the poster" in _allowed(school, nobody.id)["meeting"].reason
    with pytest.raises(LetterRefused):
        school.letters.prepare(nobody.id, "removal-request")
    teacher = person(school, "Mr Ben Adams", role="staff")
    staff_post = posted(school, teacher.id)
    assert "code of conduct" in _allowed(school, staff_post.id)["removal-request"].reason


@pytest.mark.parametrize("name", [*NAMES_IN_MANY_SCRIPTS, MARKUP])
def test_names_in_every_script_and_markup_print_whole(school, name):
    someone = person(school, name, address="1 High Street")
    saved = posted(school, someone.id)
    text = pdf_text(school.letters.render(saved.id, "removal-request", record=False))
    assert " ".join(name.split()) in text


def test_a_character_no_font_has_is_named_before_printing(school):
    someone = person(school, "Ann 𓂀 Lee", address="1 High Street")
    saved = posted(school, someone.id)
    prepared = school.letters.prepare(saved.id, "removal-request")
    assert [p.field for p in prepared.problems] == ["parent_name"]
    assert "U+13080" in prepared.problems[0].message
    with pytest.raises(LetterProblems):
        school.letters.render(saved.id, "removal-request")


def test_the_police_pack_verifies_each_file_now(school, mum, tmp_path):
    saved = posted(school, mum.id, categories=("threat",))
    good = school.evidence.add(saved.id, write_png(tmp_path / "one.png"), date(2026, 11, 2))
    bad = school.evidence.add(saved.id, write_png(tmp_path / "two.png", 6, 5), date(2026, 11, 3))
    change_one_byte(school.paths, bad)
    refer(school, saved.id)
    prepared = school.letters.prepare(saved.id, "police-referral")
    assert prepared.fields == ("excerpt", "summary") and "1 evidence file(s)" in prepared.notes[0]
    pdf = school.letters.render(saved.id, "police-referral")
    text = pdf_text(pdf)
    assert good.sha256[:32] in text and "DOES NOT VERIFY" in text
    assert "Mrs Łucja Wróbel" in text and "Contact the Police where the school" in text
    assert len(pdf_pages(pdf)) >= 3  # the summary, then each image on its own page
    assert school.incidents.get(saved.id).actions[-1].step == "police"


def test_the_police_pack_of_a_closed_case_records_nothing(school, mum):
    saved = posted(school, mum.id)
    school.escalation.record(saved.id, ActionInput("close", D, HEAD, "Resolved"))
    refer(school, saved.id)
    choice = _allowed(school, saved.id)["police-referral"]
    assert choice.allowed and not choice.records and "closed" in choice.reason
    school.letters.render(saved.id, "police-referral")
    assert [a.step for a in school.incidents.get(saved.id).actions] == ["close"]


def test_the_guidance_sheet_is_one_page_with_the_head(school):
    pdf = school.letters.render_guidance()
    text = pdf_text(pdf)
    assert len(pdf_pages(pdf)) == 1
    assert f"The Headteacher, {HEAD}" in text and "Before you post" in text


def test_the_wording_can_be_edited_checked_and_restored(school, mum):
    letters = school.letters
    standard = letters.templates.get("removal-request")
    assert not letters.templates.is_custom("removal-request")
    with pytest.raises(ValidationError) as caught:
        letters.templates.save("removal-request", standard + "\n\nRegards to {parent_nme}.")
    assert "{parent_nme} is not a merge field. Did you mean {parent_name}?" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        letters.templates.save("removal-request", standard + "\n\nSee you {meeting_date}.")
    assert "{meeting_date} is not available in this letter" in str(caught.value)
    for broken in ("", "   \n", "Subject: only a subject", "Hello {}", "Hello {name!r}"):
        with pytest.raises(ValidationError):
            letters.templates.save("removal-request", broken)
    letters.templates.save("removal-request", "Subject: Please, {parent_name}\n\nTake it "
                           "down by Friday, as {policy_title} says.")
    assert letters.templates.is_custom("removal-request")
    saved = posted(school, mum.id)
    text = pdf_text(letters.render(saved.id, "removal-request", record=False))
    assert "Please, Mrs Łucja Wróbel" in text and "Take it down by Friday" in text
    assert letters.templates.reset("removal-request") == standard
    assert not letters.templates.is_custom("removal-request")
    with pytest.raises(ServiceError):
        letters.templates.get("police-referral")


def test_the_logo_is_copied_and_printed(school, mum, tmp_path):
    from io import BytesIO

    from pypdf import PdfReader

    with pytest.raises(ValidationError):
        school.letters.templates.set_logo(tmp_path / "missing.png")
    (tmp_path / "fake.png").write_text("not a picture")
    with pytest.raises(ValidationError):
        school.letters.templates.set_logo(tmp_path / "fake.png")
    stored = school.letters.templates.set_logo(write_png(tmp_path / "crest.png", 40, 30))
    assert stored.parent == school.paths.data_dir / "letterhead"
    saved = posted(school, mum.id)
    pdf = school.letters.render(saved.id, "removal-request", record=False)
    assert len(PdfReader(BytesIO(pdf)).pages[0].images) == 1
    school.letters.templates.clear_logo()
    assert school.letters.templates.logo_path() is None


def test_a_batch_lists_the_refused_first_and_skips_them_only_when_asked(school, mum):
    ok = [posted(school, mum.id).id for _ in range(3)]
    nobody = posted(school, None).id
    plan = school.letters.plan_batch([*ok, nobody, 999], "removal-request")
    assert plan.ready == tuple(ok)
    assert [i for i, _why in plan.refused] == [nobody, 999]
    with pytest.raises(ServiceError) as caught:
        school.letters.render_batch([*ok, nobody], "removal-request")
    assert f"incident {nobody}: No one is recorded as the poster" in str(caught.value)
    seen = []
    pdf = school.letters.render_batch([*ok, nobody], "removal-request",
                                      progress=lambda d, t: seen.append((d, t)),
                                      skip_refused=True)
    assert len(pdf_pages(pdf)) == 3 and seen[-1] == (3, 3)
    with pytest.raises(Cancelled):
        school.letters.render_batch(ok, "removal-request", cancelled=lambda: True)
    assert school.letters.record_batch(ok, "removal-request", "printed") == 3
    assert all(school.incidents.get(i).actions[-1].step == "removal_request" for i in ok)
    with pytest.raises(ServiceError):
        school.letters.plan_batch(ok, "meeting")


def test_pdfs_are_written_whole_or_not_at_all(tmp_path):
    target = write_pdf(tmp_path / "out" / "letter.pdf", b"%PDF-1.4 test")
    assert target.read_bytes() == b"%PDF-1.4 test"
    assert [p.name for p in target.parent.iterdir()] == ["letter.pdf"]
    assert safe_file_name('a/b:c*?"<>|.pdf') == "a-b-c------.pdf"


def test_a_letter_that_cannot_print_is_left_out_of_a_batch_and_named(school, mum):
    odd = person(school, "Ann 𓂀 Lee", address="1 High Street")
    good = posted(school, mum.id).id
    bad = posted(school, odd.id).id
    plan = school.letters.plan_batch([good, bad], "removal-request")
    assert plan.ready == (good,) and plan.refused[0][0] == bad
    assert "U+13080" in plan.refused[0][1]
    with pytest.raises(ServiceError, match=f"incident {bad}:"):
        school.letters.render_batch([good, bad], "removal-request")
    result = school.letters.render_batch_result([bad, good], "removal-request",
                                                skip_refused=True)
    assert result.included == (good,) and [i for i, _w in result.skipped] == [bad]
    assert len(pdf_pages(result.pdf)) == 1


def test_an_emoji_in_the_excerpt_is_named_and_can_be_described_for_the_pack(school, mum):
    # Emoji up to Unicode 9 print (Symbola); these two (Unicode 14) are in no bundled font.
    saved = posted(school, mum.id, excerpt="Look at this 🫠 disgraceful 🫶 👇")
    refer(school, saved.id)
    prepared = school.letters.prepare(saved.id, "police-referral")
    assert [p.field for p in prepared.problems] == ["excerpt"]
    assert "U+1FAE0" in prepared.problems[0].message
    assert prepared.fields == ("excerpt", "summary") and prepared.unprintable == ("excerpt",)
    described = school.letters.describe_unprintable(prepared.values["excerpt"])
    assert "[melting face]" in described and "[heart hands]" in described
    assert "👇" in described  # printable characters are left as they are
    assert uncovered_characters(described) == set()
    text = pdf_text(school.letters.render(saved.id, "police-referral", {"excerpt": described}))
    assert "Look at this [melting face] disgraceful [heart hands]" in text
    assert school.incidents.get(saved.id).excerpt.startswith("Look at this 🫠")  # record kept
