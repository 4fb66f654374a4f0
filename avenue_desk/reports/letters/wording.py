"""Which sentence of which edition each letter quotes.

A letter quotes only the edition in force when the post was made. The policy package
holds one sentence per step, from whichever edition says it best; here each letter gets
the sentence its own edition has. The 2019 edition as the school holds it has no list of
further actions beyond the forum one, and no sentence on meetings, the host or the
Police, so those letters quote what it does say. Every sentence is checked verbatim
against the policy texts by tests/reports/test_wording.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from avenue_desk.policy import (
    AVENUE_2021,
    PARENTAL_2019,
    PolicyEdition,
    PolicyQuote,
    get_edition,
    get_step,
)

from ..formatting import uk_date


def _p2019(text: str) -> PolicyQuote:
    return PolicyQuote(PARENTAL_2019, text)


def _a2021(text: str) -> PolicyQuote:
    return PolicyQuote(AVENUE_2021, text)


@dataclass(frozen=True)
class EditionWording:
    removal: PolicyQuote
    # The removal sentence goes on in the policy ("…immediately and will be asked to attend
    # a meeting…"): quoted with an ellipsis where it is cut.
    removal_continues: bool
    meeting: PolicyQuote
    meeting_purpose: str  # finishes "We will talk about ...", in plain words
    warning: PolicyQuote
    refusal: PolicyQuote
    further_actions: tuple[PolicyQuote, ...]
    forum: PolicyQuote
    host: PolicyQuote | None
    police: PolicyQuote | None
    approach: PolicyQuote  # the edition's own summary of what it is for


_FIRST_STEP_2019 = get_step("informal_discussion").quote
_REFUSAL_2019 = _p2019(
    "If the parent refuses to do this and continues to use social networking sites in a manner "
    "the school considers inappropriate, the school will consider taking the following action"
)
_FORUM_2019 = _p2019(
    "If the inappropriate comments have been made on a school website or online forum, the "
    "school may take action to block or restrict that individual’s access to that website or "
    "forum"
)

WORDING: dict[str, EditionWording] = {
    PARENTAL_2019: EditionWording(
        removal=_FIRST_STEP_2019,
        removal_continues=False,
        meeting=_FIRST_STEP_2019,
        meeting_purpose="the post, to try to resolve the matter together",
        warning=_REFUSAL_2019,
        refusal=_REFUSAL_2019,
        further_actions=(_FORUM_2019,),
        forum=_FORUM_2019,
        host=None,
        police=None,
        approach=_p2019(
            "This document sets out this school’s approach to parental use of such sites and "
            "sets out the procedures that will be followed and action that may be taken when it "
            "is considered that parents have used such facilities inappropriately."
        ),
    ),
    AVENUE_2021: EditionWording(
        removal=get_step("removal_request").quote,
        removal_continues=True,
        meeting=_a2021(
            "The school will also expect that any parent/carer removes such comments immediately "
            "and will be asked to attend a meeting with the Headteacher to discuss the breaking "
            "of the AUP agreement and the possible repercussions of such action."
        ),
        # "the breaking of the AUP agreement and the possible repercussions", said plainly.
        meeting_purpose="the post, why it goes against the rules parents agree to for "
        "social media, and what may happen if it continues",
        warning=get_step("written_warning").quote,
        refusal=get_step("parent_refused").quote,
        further_actions=tuple(
            get_step(key).quote
            for key in (
                "legal_advice",
                "police",
                "restrict_forum_access",
                "contact_host",
                "other_legal_action",
            )
        ),
        forum=get_step("restrict_forum_access").quote,
        host=get_step("contact_host").quote,
        police=get_step("police").quote,
        approach=_a2021(
            "This document sets out the school's approach to parental use of such sites and sets "
            "out the procedures we will follow and action we may take when we consider that "
            "parents have used such facilities inappropriately."
        ),
    ),
}


def cut_quote(quote: PolicyQuote, continues: bool) -> str:
    """The quote's words, with "…" where the policy's sentence goes on past them."""
    return f"{quote.text}\u00a0…" if continues else quote.text


def wording_for(edition_key: str) -> EditionWording:
    get_edition(edition_key)  # an unknown key raises UnknownPolicyKey, naming the valid ones
    return WORDING[edition_key]


def policy_date(edition: PolicyEdition) -> str:
    """When the edition came into force: the governors' date, else the date it bears."""
    if edition.governors_agreed is not None:
        return uk_date(edition.governors_agreed)
    return edition.produced_label


def all_wording_quotes() -> tuple[PolicyQuote, ...]:
    found: list[PolicyQuote] = []
    for wording in WORDING.values():
        for value in vars(wording).values():
            items = value if isinstance(value, tuple) else (value,)
            found.extend(q for q in items if isinstance(q, PolicyQuote))
    return tuple(dict.fromkeys(found))
