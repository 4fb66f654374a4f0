"""The register PDF, the acknowledgement form and the permission letter, read back."""

from __future__ import annotations

from datetime import date

import pytest

from avenue_desk.policy import conduct as code
from avenue_desk.reports.conduct_context import (
    FormPerson,
    PermissionDetails,
    RegisterLine,
    RegisterSummary,
)
from avenue_desk.reports.conduct_form import ConductForm
from avenue_desk.reports.conduct_register import ConductRegisterDocument
from avenue_desk.reports.errors import TemplateError
from avenue_desk.reports.permission_letter import PermissionLetter
from tests.helpers.pdf import pdf_pages, pdf_text, squeeze
from tests.helpers.text import MARKUP, NAMES_IN_MANY_SCRIPTS


def lines() -> tuple[RegisterLine, ...]:
    return (
        RegisterLine("Łucja Wróbel", "Member of staff", "current", "Current",
                     date(2026, 9, 3), date(2027, 9, 3), "Signed on paper."),
        RegisterLine("王小明", "Governor", "overdue", "Overdue", date(2025, 1, 5),
                     date(2026, 1, 5), "To put right: Check 1: Profiles set to private."),
        RegisterLine(MARKUP, "Volunteer", "never", "Never acknowledged"),
    )


def test_the_register_lists_everyone_with_their_status(school):
    summary = RegisterSummary(date(2026, 11, 21), 12, 30, lines(), "Showing only: overdue.")
    text = pdf_text(ConductRegisterDocument(school, summary).render())
    for expected in ("Staff code of conduct: register", "As at 21 November 2026",
                     "renews every 12 months", "30 days before", "Showing only: overdue.",
                     "Łucja Wróbel", "王小明", "3 Sep 2026", "5 Jan 2026", "Never acknowledged",
                     "overdue: 1; never acknowledged: 1; current: 1",
                     "This refers to all persons linked to The Avenue"):
        assert expected in text, expected
    # A long word wraps inside its narrow column, but every character prints, as typed.
    assert "".join(MARKUP.split()) in "".join(text.split())


def test_a_long_register_runs_over_pages_with_its_heading(school):
    many = tuple(RegisterLine(f"Person {n}", "Member of staff", "current", "Current",
                              date(2026, 1, 1), date(2027, 1, 1)) for n in range(80))
    pages = pdf_pages(ConductRegisterDocument(school, RegisterSummary(
        date(2026, 11, 21), 12, 30, many)).render())
    assert len(pages) >= 3
    assert "Code of conduct register · 21 November 2026" in pages[1]
    assert "Name" in pages[1] and "Renewal" in pages[1]


def test_the_blank_form_holds_every_item_in_the_policys_words(school):
    text = pdf_text(ConductForm(school).render())
    for item in code.conduct_items():
        assert squeeze(item.text) in text, item.key
        if item.is_check:
            assert squeeze(item.question) in text
    assert text.count("I understand and will follow this") >= 20
    assert "Name:" in text and "Signature" in text and "Name (in capitals)" in text
    assert f"Form code {code.form_code()}" in text
    assert squeeze(code.DECLARATION) in text


def test_the_form_gives_the_policys_breaches_paragraph_and_a_countersignature(school):
    text = pdf_text(ConductForm(school, FormPerson("Siobhán O'Neill-Smith", "Volunteer"))
                    .render())
    breaches = text.index("Potential and Actual Breaches of the Code of Conduct")
    assert squeeze("In instances where there has been a breach of the above Code of Conduct, "
                   "the following will apply:") in text[breaches:]
    assert squeeze(code.BREACH_QUOTE.text) in text[breaches:]
    # The breaches paragraph comes before the declaration the person signs.
    declaration = text.index("Declaration")
    assert breaches < declaration
    # The person's signature beside the Headteacher's countersignature, each name in
    # capitals where the form asks for capitals; the Headteacher's is pre-filled too.
    signing = " ".join(text[declaration:].split())
    assert "Signed by Countersigned by the Headteacher" in signing
    assert "Name (in capitals) SIOBHÁN O'NEILL-SMITH MRS HELEN CARTER" in signing
    assert signing.count("Signature") == 1 and "Date" in signing
    blank = " ".join(pdf_text(ConductForm(school).render()).split())
    assert "Countersigned by the Headteacher" in blank and "MRS HELEN CARTER" in blank


def test_every_question_on_the_form_has_yes_as_the_answer_the_code_expects(school):
    text = pdf_text(ConductForm(school).render())
    assert "“Yes” is always the answer the code expects" in text
    for item in code.items_in(code.CHECKS):
        assert item.expected is True, item.key
        assert squeeze(item.question) in text


@pytest.mark.parametrize("name", [*NAMES_IN_MANY_SCRIPTS, MARKUP])
def test_a_form_for_a_person_prints_their_name(school, name):
    pdf = ConductForm(school, FormPerson(name, "Governor", date(2025, 11, 2))).render()
    text = pdf_text(pdf)
    assert squeeze(name) in text
    assert "Last acknowledged 2 November 2025" in text
    assert squeeze(name) in squeeze(pdf_pages(pdf)[1])  # in the running head of later pages


def permission(**changes) -> PermissionDetails:
    values = dict(reference="P-7", person_name="Siobhán O'Neill-Smith",
                  person_role="Volunteer", uses=("The school's logo",),
                  what="The logo on the PTA <fair> posters & flyers",
                  place="https://facebook.com/avenuepta", valid_from=date(2026, 11, 1),
                  valid_until=None, agreed_on=date(2026, 11, 20), notes=MARKUP)
    values.update(changes)
    return PermissionDetails(**values)


def test_the_permission_letter_quotes_the_code_and_says_exactly_what(school):
    text = pdf_text(PermissionLetter(school, permission(), letter_date=date(2026, 11, 20))
                    .render())
    for expected in ("Dear Siobhán O'Neill-Smith,", "Ref: P-7", "20 November 2026",
                     "Permission to use the school's logo", squeeze(code.PERMISSION_QUOTE.text),
                     "The logo on the PTA <fair> posters & flyers",
                     "https://facebook.com/avenuepta", "1 November 2026",
                     "until withdrawn in writing", squeeze(MARKUP), "Mrs Helen Carter",
                     "Headteacher", "Yours sincerely"):
        assert expected in text, expected


def test_a_permission_letter_needs_the_headteachers_name(school):
    from dataclasses import replace

    letter = PermissionLetter(replace(school, head_name=""), permission(),
                              letter_date=date(2026, 11, 20))
    assert [p.field for p in letter.problems()] == ["head_name"]
    with pytest.raises(TemplateError):
        letter.render()


def test_a_name_no_font_has_is_said_in_its_place_and_the_form_still_prints(school):
    text = pdf_text(ConductForm(school, FormPerson("Ankh 𓋹 Smith")).render())
    assert ("[Not printed: it has characters none of the printer's fonts can draw "
            "(U+132F9 EGYPTIAN HIEROGLYPH S034). See it on screen in Avenue Desk.]") in text
    assert "Ankh" not in text  # never half a name
    assert "Declaration" in text and squeeze(code.DECLARATION) in text
