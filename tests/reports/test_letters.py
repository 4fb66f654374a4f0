"""Each letter read back from its PDF: names, UK dates, the edition, the policy's words."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from avenue_desk.reports.context import ActionLine, PersonDetails
from avenue_desk.reports.errors import LetterNotAllowed, TemplateError
from avenue_desk.reports.letters import (
    ForumRestrictionLetter,
    GuidanceSheet,
    HostTakedownLetter,
    MeetingLetter,
    RemovalRequestLetter,
    WarningLetter,
    refusal_reason,
)
from tests.helpers.letters import LETTER_DATE
from tests.helpers.pdf import pdf_pages, pdf_text, squeeze

EDITION_2021 = "The Avenue Primary School Social Media Policy (November 2021)"
EDITION_2019 = "Parental Use of Social Media and the Internet Policy (6 March 2019)"


def _common(text: str, pages: list[str]) -> None:
    assert text.startswith("The Avenue Primary School 12 Avenue Road Leeds LS6 1AB")
    assert "21 November 2026" in text
    assert "Yours " in text and "Mrs Helen Carter Headteacher" in text
    for n, page in enumerate(pages, 1):
        assert f"Page {n} of {len(pages)}" in page


def test_removal_request(school, parent, incident):
    pdf = RemovalRequestLetter(school, parent, incident, letter_date=LETTER_DATE).render()
    pages, text = pdf_pages(pdf), pdf_text(pdf)
    _common(text, pages)
    assert len(pages) == 1
    assert "Private and confidential Łucja Wróbel Flat 3, 27 Żaneta Court Headingley" in text
    assert "Dear Mrs Wróbel," in text
    assert "Request to remove your post on Facebook" in text
    assert "to remove the post you made on Facebook on 3 October 2026:" in text
    assert "discussed" not in text  # no discussion is on its record
    assert "Link: https://www.facebook.com/groups/avenueparents/posts/123" in text
    assert "It said: “The Year 3 teacher is useless & lazy”" in text
    assert f"policy, {EDITION_2021}, says:" in text
    # The sentence goes on in the policy ("…and will be asked to attend a meeting"): cut,
    # and marked so (pdf_text folds "…" to "...").
    assert (
        "“The school will also expect that any parent/carer removes such comments "
        "immediately ...”" in text
    )
    # A week after the letter is a Saturday: the next school day, never "as soon as".
    assert "Please remove the post by Monday 30 November 2026" in text
    assert "as soon as possible" not in text
    assert "Our ref: AD-42" in text
    assert "Yours sincerely," in text


def test_the_2019_edition_is_named_and_quoted_for_a_2019_incident(school, parent, incident):
    old = replace(
        incident, posted_on=incident.posted_on.replace(year=2020), policy_edition="parental-2019"
    )
    text = pdf_text(RemovalRequestLetter(school, parent, old, letter_date=LETTER_DATE).render())
    assert EDITION_2019 in text
    assert (
        squeeze(
            "as a first step the school will usually discuss the matter with the parent "
            "to try to resolve it"
        )
        in text
    )
    assert "Social Media Policy (November 2021)" not in text
    assert "made on 3 October 2020" in text


def test_meeting_letter(school, parent, incident):
    letter = MeetingLetter(
        school, parent, incident, letter_date=LETTER_DATE, meeting_place="the library",
        meeting_at=datetime(2026, 11, 30, 14, 15),
    )
    pdf = letter.render()
    pages, text = pdf_pages(pdf), pdf_text(pdf)
    _common(text, pages)
    assert len(pages) == 1
    assert (
        "meeting with me at school on Monday 30 November 2026 at 2:15pm, in the library. It "
        "will take about 30 minutes, and we will talk about the post, why it goes against "
        "the rules parents agree to for social media, and what may happen if it continues."
        in text
    )
    assert "You are welcome to bring someone with you for support" in text
    assert "will be asked to attend a meeting with the Headteacher" in text  # the policy's words
    assert "In the meantime, if the post is still online, please remove it." in text
    assert EDITION_2021 in text
    removed = MeetingLetter(school, parent, replace(incident, content_still_up=False),
                            letter_date=LETTER_DATE, meeting_place="the library",
                            meeting_at=datetime(2026, 11, 30, 14, 15))
    assert "please remove it" not in pdf_text(removed.render())  # only while it is up


def test_warning_letter_quotes_the_further_actions(school, parent, incident):
    pdf = WarningLetter(school, parent, incident, letter_date=LETTER_DATE).render()
    pages, text = pdf_pages(pdf), pdf_text(pdf)
    _common(text, pages)
    assert "Formal warning about your use of social media" in text
    assert "give you a formal warning" in text
    # Its own clause, after the sentence that introduces the policy's actions.
    assert (
        "the school will consider taking the following action: ... If required set out the "
        "school's concerns to you in writing, giving you a warning and requesting that the "
        "material in question is removed”" in text
    )
    assert (
        "(defamatory statement about the school or staff and negative or offensive "
        "comment about a pupil or member of staff)" in text
    )
    for action in (
        "Take legal advice and/or legal action where the information posted is defamatory",
        "Contact the Police where the school feels it appropriate",
        "Contact the host/provider of the Social Networking site to complain",
        "Take other legal action against the individual",
    ):
        assert action in text
    assert "block or restrict" not in text  # a Facebook post: no forum to block
    assert (
        "This letter is a formal warning. Please remove the material in question by Monday "
        "30 November 2026" in text
    )
    assert "The matter has not been resolved." in text  # nothing else is on its record
    if len(pages) > 1:
        assert "Łucja Wróbel · 21 November 2026 · Our ref: AD-42" in pages[1]  # running head
        # The page the letter ends on has more on it than the sign-off.
        last = squeeze(pages[-1])
        assert len(last.split("Yours sincerely")[0].split()) > 25


def test_forum_restriction_for_a_forum_post(school, forum_incident_2019):
    person = PersonDetails("Çağrı Yılmaz", "4 Park Lane\nLeeds", title="Mr", family_name="Yılmaz",
                           children=("Deniz Yılmaz (2A)",))
    pdf = ForumRestrictionLetter(
        replace(school, chair_of_governors="Mr Tom Price",
                complaints_procedure="on the school website"),
        person, forum_incident_2019, letter_date=LETTER_DATE, restriction_months=2,
    ).render()
    text = pdf_text(pdf)
    assert "Dear Mr Yılmaz," in text
    assert "Posted on the school's own website or forum on 3 May 2020" in text
    assert (
        "from 21 November 2026, the school has restricted your access to its website and "
        "forum for 2 months. The restriction will be reviewed on Thursday 21 January 2027"
        in text
    )
    assert (
        "you can appeal: please write to the Chair of Governors, Mr Tom Price, at the school, "
        "saying why, or use the school's complaints procedure (on the school website)." in text
    )
    assert "This does not affect Deniz’s education" in text
    assert "your child" not in text
    assert EDITION_2019 in text
    assert "block or restrict that individual’s access to that website or forum" in text


def test_forum_restriction_is_refused_for_a_facebook_post(school, parent, incident):
    assert refusal_reason(incident) is not None
    with pytest.raises(LetterNotAllowed) as caught:
        ForumRestrictionLetter(school, parent, incident, letter_date=LETTER_DATE)
    message = str(caught.value)
    assert "this one was on Facebook" in message
    assert "If the inappropriate comments have been made on a school forum" in message
    assert caught.value.quote.edition_key == "avenue-2021"


def test_host_takedown_is_the_text_for_the_platforms_own_form(school, incident):
    from datetime import time

    from avenue_desk.policy.platform_routes import route_for

    timed = replace(incident, posted_at=time(21, 47), poster_account="@AvenueMum_84")
    pdf = HostTakedownLetter(school, timed, letter_date=LETTER_DATE).render()
    pages, text = pdf_pages(pdf), pdf_text(pdf)
    for n, page in enumerate(pages, 1):
        assert f"Page {n} of {len(pages)}" in page
    # Not a letter to an addressless team: the platform's own route, and what to paste.
    assert "Trust and Safety" not in text and "Dear" not in text
    assert "by post" not in text and "Private and confidential" not in text
    assert "Reporting the post to Facebook" in text
    assert "Facebook takes reports through its own menus and forms, not by letter or post." \
        in text
    assert squeeze(route_for("facebook").how_to_report) in text
    assert "Link to the post https://www.facebook.com/groups/avenueparents/posts/123" in text
    assert "Account that posted @AvenueMum_84" in text
    assert "Posted 3 October 2026 at 21:47" in text
    assert "Reason to choose “Bullying or harassment”" in text
    assert "The school's email for replies office@avenue.example.sch.uk" in text
    # The description for the form: facts, the platform's rules and the school's policy.
    assert "breaks your Community Standards" in text
    assert "It was posted on 3 October 2026 at 21:47 and seen by the school on 4 October 2026." \
        in text
    assert "“The Year 3 teacher is useless & lazy”" in text
    assert "which is bullying and harassment" in text
    assert "It names or identifies a child of primary school age" in text
    assert "Kuba" not in text  # the child is never named to the platform
    assert ("Please reply to the school by email at office@avenue.example.sch.uk or by "
            "telephone on 0113 496 0000" in text)
    assert "Professionals Online Safety Helpline (POSH)" in text
    assert EDITION_2021 in text


def test_host_takedown_without_a_link_asks_for_it_before_printing(school, incident):
    for where in ("", "The Avenue Parents group"):
        letter = HostTakedownLetter(school, replace(incident, location=where),
                                    letter_date=LETTER_DATE)
        assert [p.field for p in letter.problems()] == ["location"]
        with pytest.raises(TemplateError, match="location|No link to the post"):
            letter.render()
    named = HostTakedownLetter(school, replace(incident, location="The Avenue Parents group"),
                               letter_date=LETTER_DATE)
    assert "Facebook cannot find a post from a group or page name" in named.problems()[0].message
    # A link typed without https:// is still a link the platform can follow.
    bare = replace(incident, location="facebook.com/groups/avenueparents/posts/123")
    assert HostTakedownLetter(school, bare, letter_date=LETTER_DATE).problems() == ()


def test_a_whatsapp_message_has_no_link_to_ask_for(school, incident):
    chat = replace(incident, platform="whatsapp", location="Year 3 parents' WhatsApp group")
    text = pdf_text(HostTakedownLetter(school, chat, letter_date=LETTER_DATE).render())
    assert "Reporting the post to WhatsApp" in text
    assert "Only someone in the chat or group can report it" in text
    assert "Where it is Year 3 parents' WhatsApp group" in text


def test_guidance_sheet_is_one_page_with_the_questions_and_channels(school):
    pdf = GuidanceSheet(school, issued_on=LETTER_DATE).render()
    pages, text = pdf_pages(pdf), pdf_text(pdf)
    assert len(pages) == 1
    assert "Is the social networking site the appropriate channel to raise concerns" in text
    assert "Would private and confidential discussions with school be more appropriate" in text
    assert "speaking to the class teacher, the Headteacher or Chair of Governors" in text
    assert "The Headteacher, Mrs Helen Carter" in text
    assert "The Chair of Governors (write to them at the school)" in text  # no name set
    assert "complaints procedure (available from the school office)" in text
    assert "0113 496 0000 · office@avenue.example.sch.uk" in text  # the letterhead
    # The policy's examples of inappropriate use and what it asks of parents.
    assert "Posting comments which threaten violence" in text
    assert "Parents need to be aware of the age restrictions for social media sites." in text
    assert EDITION_2021 in text
    named = pdf_text(GuidanceSheet(replace(school, chair_of_governors="Mr Tom Price",
                                           complaints_procedure="on the school website",
                                           website="www.avenue.example.sch.uk"),
                                   issued_on=LETTER_DATE).render())
    assert "The Chair of Governors, Mr Tom Price (write to them at the school)" in named
    assert "complaints procedure (on the school website)" in named
    assert "www.avenue.example.sch.uk" in named


def test_pdf_metadata_names_the_school_and_the_letter(school, parent, incident):
    pdf = RemovalRequestLetter(school, parent, incident, letter_date=LETTER_DATE).render()
    info = PdfReader(io.BytesIO(pdf)).metadata
    assert info.author == "The Avenue Primary School"
    assert info.title == "Request to remove a post: Łucja Wróbel (AD-42)"


def test_a_logo_is_drawn_and_a_broken_one_is_reported(school, parent, incident, tmp_path):
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 200), (30, 60, 90)).save(logo)
    pdf = RemovalRequestLetter(
        replace(school, logo_path=logo), parent, incident, letter_date=LETTER_DATE
    ).render()
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert len(page.images) == 1
    broken = tmp_path / "logo.txt"
    broken.write_text("not an image")
    letter = RemovalRequestLetter(
        replace(school, logo_path=broken), parent, incident, letter_date=LETTER_DATE
    )
    assert [p.field for p in letter.problems()] == ["logo_path"]


def test_no_headteacher_no_letter(school, parent, incident):
    letter = RemovalRequestLetter(
        replace(school, head_name=""), parent, incident, letter_date=LETTER_DATE
    )
    with pytest.raises(TemplateError, match="headteacher"):
        letter.render()


def test_salutations_come_from_what_is_recorded_never_a_guess(parent):
    assert parent.salutation == "Mrs Wróbel"
    assert (
        PersonDetails("Nguyễn Thị Hương", title="Ms", family_name="Nguyễn").salutation
        == "Ms Nguyễn"
    )
    # A title with no surname recorded: no surname is taken from the full name.
    assert PersonDetails("Mrs Mary Jane van der Berg", title="Mrs",
                         children=("Ada Okafor (3B)",)).salutation == "parent or carer of Ada"
    assert PersonDetails("Mrs Mary Jane van der Berg", title="Mrs", family_name="van der Berg"
                         ).salutation == "Mrs van der Berg"
    assert PersonDetails("Sam Lee").salutation == "Parent/Carer"
    assert PersonDetails("Sam Lee", role="relative", relationship_label="Grandmother",
                         children=("Ada Okafor", "Ben Okafor (R)")).salutation == (
        "grandmother of Ada and Ben")
    assert PersonDetails("Sam Lee", title="Mr", family_name="Lee",
                         addressed_as="Mr and Mrs Lee").salutation == "Mr and Mrs Lee"


def test_each_letter_names_the_timeline_step_it_records():
    from avenue_desk.policy import get_step
    from avenue_desk.reports.letters import LETTERS

    for cls in LETTERS.values():
        assert get_step(cls.step).key == cls.step
    assert GuidanceSheet.step is None


def test_a_reprinted_warning_does_not_name_itself_in_the_history(school, parent, incident):
    earlier = ActionLine(date(2026, 11, 2), "written_warning", "Mrs Shah")
    itself = ActionLine(LETTER_DATE, "written_warning", "Mrs Shah")  # recorded as it printed
    spoke = ActionLine(date(2026, 10, 5), "informal_discussion", "Mrs Shah")
    pdf = WarningLetter(school, parent, incident, letter_date=LETTER_DATE,
                        actions=(spoke, earlier, itself)).render()
    text = pdf_text(pdf)
    assert ("The school spoke to you about it on 5 October 2026 and gave you a formal "
            "warning in writing on 2 November 2026, but the matter has not been resolved."
            in text)
    assert "21 November 2026, but the matter" not in text
