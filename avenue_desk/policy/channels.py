"""The proper ways for a parent to raise a concern, and what to weigh up before posting."""

from __future__ import annotations

from dataclasses import dataclass

from ._lookup import get
from .quotes import PolicyQuote, avenue


@dataclass(frozen=True)
class Channel:
    key: str
    label: str
    quote: PolicyQuote


# One sentence names all four channels; each channel quotes it whole because a fragment
# such as "the class teacher" would not say anything on its own.
CHANNELS_QUOTE = avenue(
    "Where a parent has a concern, this must be made through the appropriate channels by "
    "speaking to the class teacher, the Headteacher or Chair of Governors so they can be "
    "dealt with fairly, appropriately and effectively for all concerned (See Complaints "
    "Procedure)."
)

CHANNELS: tuple[Channel, ...] = (
    Channel("class_teacher", "Class teacher", CHANNELS_QUOTE),
    Channel("headteacher", "Headteacher", CHANNELS_QUOTE),
    Channel("chair_of_governors", "Chair of Governors", CHANNELS_QUOTE),
    Channel("complaints_procedure", "Complaints Procedure", CHANNELS_QUOTE),
)

_BY_KEY = {c.key: c for c in CHANNELS}

PARENT_QUESTIONS_INTRO = avenue(
    "As a guide, individuals should consider the following prior to posting any information "
    "on social networking sites about school, its staff, its pupils, or anyone else "
    "associated with it:"
)

# The list as the 2021 policy prints it (one entry is advice rather than a question);
# all are from the avenue-2021 edition.
PARENT_QUESTIONS: tuple[str, ...] = (
    "Is the social networking site the appropriate channel to raise concerns, give this "
    "feedback or express these views?",
    "Would private and confidential discussions with school be more appropriate e.g. if "
    "there are serious allegations being made/concerns being raised.",
    "Social media/internet sites should not be used to name individuals and make abusive "
    "comments about those people. Please contact school to discuss any concerns you may have.",
    "Are such comments likely to cause emotional or reputational harm to individuals which "
    "would not be justified, particularly if school has not yet had a chance to investigate "
    "a complaint.",
    "The reputational impact that the posting of such material may have to school; any "
    "detrimental harm that the school may suffer as a result of the posting; and the impact "
    "that such a posting may have on pupils' learning.",
)


# The list of inappropriate uses is the categories' quotes (categories.py); this is the
# sentence that introduces it, and what the policy asks of parents about their children.
INAPPROPRIATE_USES_INTRO = avenue(
    "The school considers the following examples to be inappropriate uses of social "
    "networking sites (This list is non-exhaustive and intended to provide examples only):"
)
CHILDREN_QUOTE = avenue(
    "Parents should also ensure that their children are not using social networking/internet "
    "sites in an inappropriate manner. It is expected that parents/carers explain to their "
    "children what is acceptable to post online. Parents/carers are also expected to monitor "
    "their children's online activity, including in relation to their use of social media. "
    "Parents need to be aware of the age restrictions for social media sites."
)


def get_channel(key: str) -> Channel:
    return get("channel", _BY_KEY, key)


def parent_question_quotes() -> tuple[PolicyQuote, ...]:
    """PARENT_QUESTIONS as quotes, for code that wants the edition with each line."""
    return tuple(avenue(text) for text in PARENT_QUESTIONS)
