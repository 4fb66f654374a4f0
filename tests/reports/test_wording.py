"""Every sentence a document quotes is the policy's own, from the edition it names."""

from __future__ import annotations

import pytest

from avenue_desk.policy import EDITIONS, PARENT_QUESTIONS, get_edition
from avenue_desk.reports.letters.wording import WORDING, all_wording_quotes, policy_date
from tests.helpers.policy_texts import POLICY_DIR


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    if not POLICY_DIR.is_dir():
        pytest.fail(f"Policy texts not found at {POLICY_DIR}")
    return {
        k: (POLICY_DIR / e.source_filename).read_text(encoding="utf-8") for k, e in EDITIONS.items()
    }


@pytest.mark.parametrize("quote", all_wording_quotes(), ids=lambda q: q.text[:40])
def test_each_quote_is_verbatim_in_its_own_edition(quote, texts):
    assert quote.text in texts[quote.edition_key]


@pytest.mark.parametrize("key", sorted(WORDING))
def test_each_edition_quotes_only_itself(key):
    for value in vars(WORDING[key]).values():
        items = value if isinstance(value, tuple) else (value,)
        for item in items:
            if hasattr(item, "edition_key"):
                assert item.edition_key == key


def test_policy_dates():
    assert policy_date(get_edition("parental-2019")) == "6 March 2019"
    assert policy_date(get_edition("avenue-2021")) == "November 2021"


def test_guidance_questions_are_the_2021_edition(texts):
    assert all(q in texts["avenue-2021"] for q in PARENT_QUESTIONS)
