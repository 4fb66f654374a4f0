"""Every policy quote the package can show, gathered in one place.

Used by the tests (each must appear verbatim in its edition's text) and by anything that
wants to check the shipped policy files still match the app, e.g. a ``check`` command.
"""

from __future__ import annotations

from .advice import SUGGESTION_RULES
from .categories import CATEGORIES
from .channels import (
    CHANNELS,
    CHANNELS_QUOTE,
    CHILDREN_QUOTE,
    INAPPROPRIATE_USES_INTRO,
    PARENT_QUESTIONS_INTRO,
    parent_question_quotes,
)
from .conduct import conduct_quotes
from .people import ASSOCIATE_QUOTE, CODE_OF_CONDUCT_QUOTE, PUPIL_QUOTE
from .procedure import PARENT_REFUSES_QUOTE, POLICE_QUOTE, REMOVAL_QUOTE, STEPS
from .quotes import PolicyQuote
from .transitions import GUARDS, TRANSITIONS


def all_quotes() -> tuple[PolicyQuote, ...]:
    """Each distinct quote once, in a stable order."""
    found: list[PolicyQuote] = [
        ASSOCIATE_QUOTE,
        CODE_OF_CONDUCT_QUOTE,
        PUPIL_QUOTE,
        CHANNELS_QUOTE,
        PARENT_QUESTIONS_INTRO,
        INAPPROPRIATE_USES_INTRO,
        CHILDREN_QUOTE,
        PARENT_REFUSES_QUOTE,
        POLICE_QUOTE,
        REMOVAL_QUOTE,
        *parent_question_quotes(),
        *(c.quote for c in CATEGORIES),
        *(c.quote for c in CHANNELS),
        *(s.quote for s in STEPS),
        *(t.quote for t in TRANSITIONS),
        *(r.quote for r in SUGGESTION_RULES),
        *(g.quote for g in GUARDS.values() if g.quote is not None),
        *conduct_quotes(),
    ]
    return tuple(dict.fromkeys(found))


def missing_quotes(texts: dict[str, str]) -> tuple[PolicyQuote, ...]:
    """The quotes not found verbatim in their edition's text.

    Args:
        texts: edition key -> the full text of that edition (the caller does the reading,
            so this package stays free of I/O).
    """
    return tuple(q for q in all_quotes() if q.text not in texts.get(q.edition_key, ""))
