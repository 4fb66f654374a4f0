"""The police referral pack: summary, timeline, evidence with hashes, images, the policy."""

from __future__ import annotations

import io
from dataclasses import replace

from pypdf import PdfReader

from avenue_desk.reports.letters import PoliceReferralPack
from tests.helpers.letters import LETTER_DATE
from tests.helpers.pdf import pdf_pages, pdf_text


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


def test_the_pack_holds_summary_timeline_evidence_and_policy(
    school, incident, actions, evidence, parent
):
    pdf = _pack(school, incident, actions, evidence, parent).render()
    pages, text = pdf_pages(pdf), pdf_text(pdf)
    # Summary pages, then one page per image (two images; the PDF is listed only).
    reader = PdfReader(io.BytesIO(pdf))
    image_pages = [n for n, page in enumerate(reader.pages) if page.images]
    assert len(image_pages) == 2 and image_pages == [len(pages) - 2, len(pages) - 1]
    for n, page in enumerate(pages, 1):
        assert f"Page {n} of {len(pages)}" in page
    assert "Referral to the Police" in text
    assert "Incident AD-42 · prepared on 21 November 2026 by Mrs Helen Carter, Headteacher" in text
    assert "Date posted 3 October 2026" in text
    assert "Seen by the school 4 October 2026" in text
    assert "Posted by Łucja Wróbel" in text
    assert "Pupils named Kuba Nowak" in text and "Staff named Mr Ćwik" in text
    assert "The Year 3 teacher is useless & lazy" in text
    # The policy sentence that applies, from the edition in force.
    assert (
        "The Avenue Primary School Social Media Policy (November 2021), the edition in "
        "force when the post was made, says:" in text
    )
    assert (
        "Contact the Police where the school feels it appropriate – for example, if it "
        "considers a crime (such as harassment) has been committed" in text
    )
    # Timeline.
    assert "5 October 2026 Informal discussion with the parent Mrs Carter Agreed to think" in text
    assert "20 October 2026 Parent refuses or carries on" in text
    # Evidence list: every hash whole, capture dates, the PDF listed, the bad one marked.
    flat = "".join(text.split())
    for item in evidence:
        assert item.sha256 in flat
    assert "saved-page.pdf (application/pdf: listed, not reproduced)" in text
    assert "DOES NOT VERIFY: this file has changed since it was captured." in text
    assert "1 of 3 evidence files does not verify" in text
    # Each image page says which file it is; the changed one carries the mark on its page.
    assert "Evidence 1 of 3" in pages[-2] and "screenshot-1.png" in pages[-2]
    assert "Evidence 2 of 3" in pages[-1] and "DOES NOT VERIFY" in pages[-1]
    assert "DOES NOT VERIFY" not in pages[-2]


def test_images_are_scaled_to_fit_the_page(school, incident, actions, evidence, parent):
    pdf = _pack(school, incident, actions, evidence, parent).render()
    reader = PdfReader(io.BytesIO(pdf))
    width = float(reader.pages[0].mediabox.width)
    for page in reader.pages:
        for image in page.images:
            assert image.image.width in (540, 1600)  # embedded whole, drawn scaled
    assert width == 595.2755905511812 or round(width) == 595


def test_a_missing_file_is_marked_not_fatal(school, incident, actions, evidence, parent):
    missing = replace(
        evidence[0], path=evidence[0].path.with_name("gone.png"), verified=False, problem="missing"
    )
    text = pdf_text(_pack(school, incident, actions, [missing], parent).render())
    assert "FILE MISSING: the stored copy could not be found." in text
    assert "The image could not be shown" in text


def test_a_2019_incident_names_its_own_edition(school, forum_incident_2019, parent):
    text = pdf_text(
        PoliceReferralPack(school, forum_incident_2019, prepared_on=LETTER_DATE).render()
    )
    assert (
        "Parental Use of Social Media and the Internet Policy (6 March 2019), the edition "
        "in force when the post was made, does not mention the Police." in text
    )
    assert "Social Media Policy (November 2021)" not in text
    assert "No actions are recorded yet." in text and "No evidence files are recorded." in text
