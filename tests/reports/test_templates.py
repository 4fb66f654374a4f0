"""Merge fields: listed, checked before printing, and filled without re-reading values."""

from __future__ import annotations

from datetime import datetime

import pytest

from avenue_desk.reports.errors import TemplateError
from avenue_desk.reports.letters import MeetingLetter, RemovalRequestLetter
from avenue_desk.reports.templates import (
    LETTER_KINDS,
    MERGE_FIELDS,
    check_template,
    default_template,
    fill_template,
    parse_template,
    strip_comments,
    template_fields,
)
from tests.helpers.letters import LETTER_DATE
from tests.helpers.pdf import pdf_text


def test_fields_are_listed_in_order_of_first_use():
    text = "# {ignored} in a note\nSubject: {a}\n\n{b} and {a}, {{literal}}"
    assert template_fields(text) == ("a", "b")


def test_unknown_field_is_a_problem_with_a_suggestion():
    problems = check_template("Dear {parnet_name}", {"parent_name": "Ann"})
    assert [p.field for p in problems] == ["parnet_name"]
    assert "Did you mean {parent_name}?" in problems[0].message


def test_a_known_field_this_letter_lacks_says_so():
    problems = check_template("See you on {meeting_date}", {"parent_name": "Ann"})
    assert problems[0].message == "{meeting_date} is not available in this letter."


@pytest.mark.parametrize("value", ["", "   ", ()])
def test_empty_field_is_a_problem_never_a_blank(value):
    problems = check_template("On {meeting_date}.", {"meeting_date": value})
    assert [p.field for p in problems] == ["meeting_date"]
    assert problems[0].message == (
        "The meeting date ({meeting_date}) is empty: fill it in before printing."
    )


@pytest.mark.parametrize("text", ["{a.__class__}", "{a[0]}", "{a!r}", "{a:>10}", "{}"])
def test_anything_but_a_plain_name_is_refused(text):
    problems = check_template(text, {"a": "x"})
    assert problems and "is not a merge field" in problems[0].message


def test_an_unmatched_brace_is_explained():
    problems = check_template("Price {parent_name", {"parent_name": "x"})
    assert problems[0].field == "template"
    assert "write {{ or }}" in problems[0].message


def test_fill_refuses_with_every_problem():
    with pytest.raises(TemplateError) as caught:
        fill_template("{x} {y}", {"x": ""})
    assert [p.field for p in caught.value.problems] == ["x", "y"]


def test_braces_in_values_print_literally():
    filled = fill_template("Dear {parent_name}", {"parent_name": "{school_name} {0}"})
    assert filled.blocks[0].lines == ("Dear {school_name} {0}",)


def test_blocks_bullets_quotes_and_list_fields():
    text = "Subject: S {x}\n\nOne\ntwo\n\n- a\n- b\n\n> “{x}”\n\n{items}"
    filled = fill_template(text, {"x": "X", "items": ("i1", "i2")})
    assert filled.subject == "S X"
    assert [(b.kind, b.lines) for b in filled.blocks] == [
        ("para", ("One two",)),
        ("bullets", ("a", "b")),
        ("quote", ("“X”",)),
        ("bullets", ("i1", "i2")),
    ]


@pytest.mark.parametrize("kind", LETTER_KINDS)
def test_default_templates_use_only_known_fields(kind):
    text = default_template(kind)
    assert parse_template(text).subject
    assert set(template_fields(text)) <= set(MERGE_FIELDS)


def test_meeting_letter_without_a_date_is_refused_before_printing(school, parent, incident):
    letter = MeetingLetter(school, parent, incident, letter_date=LETTER_DATE)
    assert {p.field for p in letter.problems()} == {"meeting_date", "meeting_time",
                                                    "meeting_place"}
    with pytest.raises(TemplateError, match=r"The meeting date \(\{meeting_date\}\) is empty"):
        letter.render()


def test_edited_wording_and_overrides_are_used(school, parent, incident):
    wording = "Subject: About {platform}\n\nHello {parent_name}, {{braces}} & <b>."
    letter = RemovalRequestLetter(
        school,
        parent,
        incident,
        letter_date=LETTER_DATE,
        template=wording,
        overrides={"parent_name": "Łucja {Lucy} Wróbel"},
    )
    text = pdf_text(letter.render())
    assert "About Facebook" in text
    assert "Hello Łucja {Lucy} Wróbel, {braces} & <b>." in text


def test_edited_wording_with_an_unknown_field_is_refused(school, parent, incident):
    letter = RemovalRequestLetter(
        school, parent, incident, letter_date=LETTER_DATE, template="Dear {nmae}"
    )
    assert [p.field for p in letter.problems()] == ["nmae"]
    with pytest.raises(TemplateError):
        letter.render()


def test_a_letter_offers_every_field_it_fills(school, parent, incident):
    meeting = MeetingLetter(
        school, parent, incident, letter_date=LETTER_DATE, meeting_at=datetime(2026, 11, 30, 9, 30)
    )
    values = meeting.merge_values()
    assert set(values) <= set(MERGE_FIELDS)
    assert values["meeting_date"] == "Monday 30\u00a0November 2026"
    assert values["meeting_time"] == "9:30am"


def test_a_question_mark_paragraph_prints_only_what_the_record_holds():
    text = ("Subject: {a}\n\n? In the meantime, {reminder}\n\n{b}\n\n? {items}\n\n"
            "? Only {a} and {b}, never {reminder}.")
    empty = {"a": "A", "b": "B", "reminder": " ", "items": ()}
    assert check_template(text, empty) == []  # an empty field there is no gap: it is left out
    filled = fill_template(text, empty)
    assert [b.lines for b in filled.blocks] == [("B",)]
    full = fill_template(text, {"a": "A", "b": "B", "reminder": "take it down.",
                                "items": ("one", "two")})
    assert [(b.kind, b.lines) for b in full.blocks] == [
        ("para", ("In the meantime, take it down.",)), ("para", ("B",)),
        ("bullets", ("one", "two")), ("para", ("Only A and B, never take it down..",))]
    # Used outside a "? " paragraph too, an empty field is still a problem.
    assert [p.field for p in check_template(text + "\n\n{reminder}", empty)] == ["reminder"]


def test_the_standard_wording_makes_no_claim_the_record_does_not_hold():
    for kind in ("removal_request", "meeting", "warning", "forum_restriction"):
        text = strip_comments(default_template(kind))  # the notes for editors never print
        for claim in ("As we discussed", "as soon as possible", "your child's",
                      "has already raised", "AUP"):
            assert claim not in text, (kind, claim)
