"""Each letter read back from its PDF: names, UK dates, the edition, the policy's words."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import datetime

import pytest
from pypdf import PdfReader

from avenue_desk.reports.context import PersonDetails
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
    assert "the post you made on Facebook on 3 October 2026" in text
    assert f"policy, {EDITION_2021}, says:" in text
    assert (
        "“The school will also expect that any parent/carer removes such comments "
        "immediately”" in text
    )
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
        school, parent, incident, letter_date=LETTER_DATE, meeting_at=datetime(2026, 11, 30, 14, 15)
    )
    pdf = letter.render()
    pages, text = pdf_pages(pdf), pdf_text(pdf)
    _common(text, pages)
    assert (
        "meeting with me at school on Monday 30 November 2026 at 2:15pm, to discuss the "
        "breaking of the AUP agreement and the possible repercussions of such action." in text
    )
    assert "will be asked to attend a meeting with the Headteacher" in text
    assert EDITION_2021 in text


def test_warning_letter_quotes_the_further_actions(school, parent, incident):
    pdf = WarningLetter(school, parent, incident, letter_date=LETTER_DATE).render()
    pages, text = pdf_pages(pdf), pdf_text(pdf)
    _common(text, pages)
    assert len(pages) == 2
    assert "Formal warning about your use of social media" in text
    assert "give you a formal warning" in text
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
    assert (
        "This letter is a formal warning. I ask you to remove the material in question "
        "immediately" in text
    )
    assert "Łucja Wróbel · 21 November 2026 · Our ref: AD-42" in pages[1]  # running head


def test_forum_restriction_for_a_forum_post(school, forum_incident_2019):
    person = PersonDetails("Çağrı Yılmaz", "4 Park Lane\nLeeds", title="Mr")
    pdf = ForumRestrictionLetter(
        school, person, forum_incident_2019, letter_date=LETTER_DATE
    ).render()
    text = pdf_text(pdf)
    assert "Dear Mr Yılmaz," in text
    assert "on the school's website or forum on 3 May 2020" in text
    assert "from 21 November 2026, the school has restricted your access" in text
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


def test_host_takedown_is_addressed_to_the_platform(school, incident):
    pdf = HostTakedownLetter(school, incident, letter_date=LETTER_DATE).render()
    pages, text = pdf_pages(pdf), pdf_text(pdf)
    _common(text, pages)
    assert "Trust and Safety Team Facebook" in text
    assert "Dear Trust and Safety Team," in text
    assert "Private and confidential" not in text
    assert "breaches your Community Standards" in text
    assert "The post is at: https://www.facebook.com/groups/avenueparents/posts/123" in text
    assert "It was posted on 3 October 2026 and seen by the school on 4 October 2026." in text
    assert "“The Year 3 teacher is useless & lazy”" in text
    assert "which is bullying and harassment" in text
    assert "It names or identifies a child of primary school age" in text
    assert "Kuba" not in text  # the child is never named to the platform
    assert (
        "contact me by email at office@avenue.example.sch.uk or by telephone on "
        "0113 496 0000" in text
    )
    assert "Yours faithfully," in text
    assert EDITION_2021 in text


def test_host_takedown_without_a_location_cannot_print(school, incident):
    letter = HostTakedownLetter(school, replace(incident, location=""), letter_date=LETTER_DATE)
    with pytest.raises(TemplateError, match="location"):
        letter.render()


def test_guidance_sheet_is_one_page_with_the_questions_and_channels(school):
    pdf = GuidanceSheet(school, issued_on=LETTER_DATE).render()
    pages, text = pdf_pages(pdf), pdf_text(pdf)
    assert len(pages) == 1
    assert "Is the social networking site the appropriate channel to raise concerns" in text
    assert "Would private and confidential discussions with school be more appropriate" in text
    assert "speaking to the class teacher, the Headteacher or Chair of Governors" in text
    assert "Headteacher (Mrs Helen Carter)" in text
    assert "Chair of Governors" in text and "Complaints Procedure" in text
    assert EDITION_2021 in text


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


def test_salutations(parent):
    assert parent.salutation == "Mrs Wróbel"
    assert (
        PersonDetails("Nguyễn Thị Hương", title="Ms", family_name="Nguyễn").salutation
        == "Ms Nguyễn"
    )
    assert PersonDetails("Sam Lee").salutation == "Parent/Carer"


def test_each_letter_names_the_timeline_step_it_records():
    from avenue_desk.policy import get_step
    from avenue_desk.reports.letters import LETTERS

    for cls in LETTERS.values():
        assert get_step(cls.step).key == cls.step
    assert GuidanceSheet.step is None
