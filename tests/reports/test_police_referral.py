"""The police referral pack: what an officer can act on, and only what the record shows."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, time

import pypdfium2
import pytest
from pypdf import PdfReader

from avenue_desk.reports import TemplateError
from avenue_desk.reports.context import ActionLine, RelatedIncident
from avenue_desk.reports.letters import PoliceReferralPack
from tests.helpers.letters import LETTER_DATE
from tests.helpers.pdf import pdf_pages, pdf_text, squeeze

REASON = ("The same parent has posted about Mr Ćwik four times since September; staff are "
          "alarmed & distressed.")
RTL_NAME = "لقطة شاشة لمنشور في مجموعة أولياء الأمور على فيسبوك.png"
SHORT_RTL_NAME = "צילום מסך.png"


def pdfium_text(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


@pytest.fixture
def referred(incident):
    """The incident as the Headteacher refers it: times, the account and the reason."""
    return replace(incident, posted_at=time(21, 47), seen_at=time(8, 5),
                   poster_account="@AvenueMum_84", referral_reason=REASON,
                   offence_kind="harassment")


@pytest.fixture
def timed_evidence(evidence):
    first, second, third = evidence
    return [replace(first, captured_at=time(8, 12)), second, third]


@pytest.fixture
def earlier():
    return [
        RelatedIncident(31, date(2026, 9, 14), "facebook", time(19, 2),
                        "https://www.facebook.com/groups/avenueparents/posts/77",
                        "@AvenueMum_84", "Said Mr Ćwik should be sacked", ("offensive",),
                        True, (ActionLine(date(2026, 9, 15), "informal_discussion",
                                          "Mrs Carter", "Agreed to remove it",
                                          taken_at=time(15, 30)),)),
        RelatedIncident(36, date(2026, 9, 28), "x_twitter", None, "", "@AvenueMum_84",
                        "Named Mr Ćwik and the school", ("complaint",)),
    ]


def _pack(school, incident, actions, evidence, parent, **kw):
    return PoliceReferralPack(
        school,
        incident,
        prepared_on=LETTER_DATE,
        actions=actions,
        evidence=evidence,
        poster=parent,
        **kw,
    )


def test_an_officer_can_act_on_the_pack(school, referred, actions, timed_evidence, parent,
                                        earlier):
    pdf = _pack(school, referred, actions, timed_evidence, parent, related=earlier,
                withdrawn_steps=1).render()
    pages, text = pdf_pages(pdf), pdf_text(pdf)
    for n, page in enumerate(pages, 1):
        assert f"Page {n} of {len(pages)}" in page
    assert "Referral to the Police" in text
    assert "Incident AD-42 · prepared on 21 November 2026 by Mrs Helen Carter, Headteacher" in text
    # The school's contact for the officer.
    assert "Contact Mrs Helen Carter, Headteacher" in text
    assert "Telephone 0113 496 0000" in text and "Email office@avenue.example.sch.uk" in text
    # Why: the kind of offence and the reason in the school's own words, with the policy.
    assert "Kind of offence the school believes it may be Harassment (a course of conduct)" \
        in text
    assert REASON in text
    assert ("Contact the Police where the school feels it appropriate – for example, if it "
            "considers a crime (such as harassment) has been committed" in text)
    assert ("the one the policy names in the words “if it considers a crime (such as "
            "harassment) has been committed”" in text)
    assert "it asks the Police to decide whether an offence was committed" in text
    # The incident: times as well as dates, the web address and the account.
    assert "Posted 3 October 2026 at 21:47" in text
    assert "Seen by the school 4 October 2026 at 08:05" in text
    assert "Web address https://www.facebook.com/groups/avenueparents/posts/123" in text
    assert "Account that posted @AvenueMum_84" in text
    assert "Person the school believes posted it Łucja Wróbel" in text
    assert "The Year 3 teacher is useless & lazy" in text
    # A course of conduct: every other incident by the same poster, with its dates.
    assert "holds 2 other incidents by the same poster" in text
    assert "Harassment is a course of conduct" in text
    assert "AD-31 14 September 2026 at 19:02" in text
    assert "AD-36 28 September 2026 (time not recorded)" in text
    assert "Said Mr Ćwik should be sacked" in text
    # The chronology holds the posts and the steps of this and the other incidents, in order.
    order = ["AD-31 Posted on Facebook", "15 September 2026 15:30 AD-31 Informal discussion",
             "28 September 2026 not recorded AD-36 Posted on X / Twitter",
             "3 October 2026 21:47 AD-42 Posted on Facebook",
             "4 October 2026 08:05 AD-42 Seen by the school",
             "5 October 2026 not recorded AD-42 Informal discussion with the parent Mrs Carter "
             "Agreed to think"]
    places = [text.index(entry) for entry in order]
    assert places == sorted(places)
    assert "1 step recorded and later withdrawn is left out." in text
    # Evidence: every hash whole, with capture dates and times.
    flat = "".join(text.split())
    for item in timed_evidence:
        assert item.sha256 in flat
    assert "4 October 2026 at 08:12" in text
    assert "5 October 2026 (time not recorded)" in text
    assert "saved-page.pdf (application/pdf: listed, not reproduced)" in text
    assert "1 of 3 evidence files does not verify" in text
    assert "Captured 4 October 2026 at 08:12 · SHA-256 " + "a1" * 32 in squeeze(pages[-2])
    reader = PdfReader(io.BytesIO(pdf))
    assert [n for n, page in enumerate(reader.pages) if page.images] == [len(pages) - 2,
                                                                        len(pages) - 1]


def test_what_the_record_does_not_hold_prints_as_not_recorded(school, incident, parent):
    bare = replace(incident, location="Local community forum", seen_on=None,
                   referral_reason="A threat to a teacher.", offence_kind="threats",
                   summary="Mum says she kept a screenshot of it.")
    text = pdf_text(_pack(school, bare, (), (), parent).render())
    assert "Posted 3 October 2026 (time not recorded)" in text
    assert "Seen by the school not recorded" in text
    assert "Web address not recorded" in text  # a place name is not a link
    assert "Where, as recorded Local community forum" in text
    assert "Account that posted not recorded" in text
    # No files, but the summary mentions a screenshot: the pack squares the two.
    assert "No evidence files are stored with this incident in Avenue Desk." in text
    assert "The summary mentions a screenshot or another copy of the post" in text
    assert "No steps are recorded on this incident yet." in text
    assert "The school's record holds no other incident by the same poster" in text
    assert "the words “is threatening violence”" in text
    lean = replace(school, phone="", email="")
    text = pdf_text(_pack(lean, bare, (), (), None).render())
    assert "Telephone not recorded" in text and "Email not recorded" in text
    assert "Person the school believes posted it not identified on the school's record" in text
    assert "No poster or posting account is recorded for this incident" in text


def test_without_a_reason_or_kind_of_offence_the_pack_does_not_print(school, incident):
    pack = PoliceReferralPack(school, incident, prepared_on=LETTER_DATE)
    assert {p.field for p in pack.problems()} == {"referral_reason", "offence_kind"}
    with pytest.raises(TemplateError, match="reason for the referral is not recorded"):
        pack.render()


def test_a_right_to_left_file_name_reads_in_its_own_order(school, referred, evidence):
    # Too long for its column: broken into lines in its own order before each line is
    # reordered for printing (before, the second line printed above the first).
    named = [replace(evidence[2], original_name=RTL_NAME),
             replace(evidence[2], original_name=SHORT_RTL_NAME, sha256="d4" * 32)]
    pdf = PoliceReferralPack(school, referred, prepared_on=LETTER_DATE, evidence=named).render()
    text = pdf_text(pdf)
    first, second = text.index("لقطة شاشة لمنشور في مجموعة"), text.index("أولياء الأمور على فيسبوك")
    assert first < second
    # pypdf reverses each right-to-left run but keeps runs in the order drawn, so the Latin
    # ".png" comes out before the Hebrew; a reader applying the bidi algorithm, as a PDF
    # viewer copying text does, gives the name exactly as it was typed.
    assert "צילום מסך" in text
    assert SHORT_RTL_NAME in squeeze(pdfium_text(pdf))


def test_images_are_scaled_to_fit_the_page(school, referred, actions, evidence, parent):
    pdf = _pack(school, referred, actions, evidence, parent).render()
    reader = PdfReader(io.BytesIO(pdf))
    width = float(reader.pages[0].mediabox.width)
    for page in reader.pages:
        for image in page.images:
            assert image.image.width in (540, 1600)  # embedded whole, drawn scaled
    assert width == 595.2755905511812 or round(width) == 595


def test_a_missing_file_is_marked_not_fatal(school, referred, actions, evidence, parent):
    missing = replace(
        evidence[0], path=evidence[0].path.with_name("gone.png"), verified=False, problem="missing"
    )
    text = pdf_text(_pack(school, referred, actions, [missing], parent).render())
    assert "FILE MISSING: the stored copy could not be found." in text
    assert "The image could not be shown" in text


def test_a_2019_incident_names_its_own_edition(school, forum_incident_2019):
    referred = replace(forum_incident_2019, referral_reason="Repeated abuse of staff.",
                       offence_kind="other")
    text = pdf_text(PoliceReferralPack(school, referred, prepared_on=LETTER_DATE).render())
    assert (
        "Parental Use of Social Media and the Internet Policy (6 March 2019), the edition "
        "in force when the post was made, does not mention the Police." in text
    )
    assert "Social Media Policy (November 2021)" not in text
    assert "Kind of offence the school believes it may be Other" in text
    assert "No steps are recorded on this incident yet." in text
    assert "No evidence files are stored with this incident" in text
