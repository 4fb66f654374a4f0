"""Every sentence the app quotes must be in the policy, character for character."""

from __future__ import annotations

import itertools

import pytest

from avenue_desk.policy import (
    ASSOCIATE_QUOTE,
    AVENUE_2021,
    CATEGORIES,
    CHANNELS,
    CHANNELS_QUOTE,
    EDITIONS,
    PARENT_QUESTIONS,
    PARENT_QUESTIONS_INTRO,
    PARENTAL_2019,
    STEPS,
    Phase,
    all_quotes,
    missing_quotes,
    options,
)

QUOTES = all_quotes()


@pytest.mark.parametrize("quote", QUOTES, ids=lambda q: q.text[:40])
def test_quote_is_verbatim_in_its_edition(quote, policy_texts):
    assert quote.edition_key in EDITIONS
    assert quote.text == quote.text.strip()
    assert len(quote.text) >= 20, "too short to stand on its own"
    assert quote.text in policy_texts[quote.edition_key], (
        f"not verbatim in {EDITIONS[quote.edition_key].source_filename}: {quote.text!r}"
    )


@pytest.mark.parametrize("question", PARENT_QUESTIONS, ids=lambda q: q[:40])
def test_parent_questions_are_verbatim_and_in_order(question, policy_texts):
    text = policy_texts[AVENUE_2021]
    assert question in text
    positions = [text.index(q) for q in PARENT_QUESTIONS]
    assert positions == sorted(positions)
    assert text.index(PARENT_QUESTIONS_INTRO.text) < positions[0]


def test_missing_quotes_is_empty_for_the_real_texts_and_catches_a_change(policy_texts):
    assert missing_quotes(policy_texts) == ()
    altered = dict(policy_texts)
    altered[AVENUE_2021] = altered[AVENUE_2021].replace("Posting racist comments", "Posting")
    assert [q.text for q in missing_quotes(altered)] == ["Posting racist comments"]


def test_every_category_step_and_channel_is_quoted():
    quoted = {q for q in QUOTES}
    for item in (*CATEGORIES, *STEPS, *CHANNELS):
        assert item.quote in quoted
    assert CHANNELS_QUOTE.text.startswith("Where a parent has a concern")
    assert ASSOCIATE_QUOTE.text.endswith("or anyone associated with the school.")


def test_other_category_quotes_the_non_exhaustive_sentence():
    other = CATEGORIES[-1]
    assert other.key == "other"
    assert other.quote.text == (
        "(This list is non-exhaustive and intended to provide examples only)"
    )


def test_first_step_comes_from_the_2019_edition_with_its_typography(policy_texts):
    first = STEPS[0]
    assert first.key == "informal_discussion"
    assert first.quote.edition_key == PARENTAL_2019
    assert "as a first step" in first.quote.text


@pytest.mark.parametrize("phase", list(Phase))
def test_every_quote_options_can_show_is_catalogued(phase, make_facts):
    quoted = set(QUOTES)
    categories = ("racist", "threat", "defamatory", "offensive")
    for cats, forum, up, platform in itertools.product(
        [(), *((c,) for c in categories)], [False, True], [False, True], [None, "facebook"]
    ):
        facts = make_facts(
            phase,
            cats,
            on_school_forum=forum,
            content_still_up=up,
            phase_before_close=Phase.MEETING if phase is Phase.CLOSED else None,
            platform=platform,
        )
        for option in options(facts):
            assert option.quote is None or option.quote in quoted, option
