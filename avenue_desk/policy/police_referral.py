"""The kinds of offence a school may believe a post to be, as the Headteacher records them
for a police referral.

The school does not decide whether a crime was committed: the Police do. The Headteacher
records the kind the school believes it may be, and why in the school's own words; the
referral pack prints both beside the words of the policy that allow the referral. Harassment
is a course of conduct, so for it the pack lists every other incident by the same poster
with its date (it lists them for every kind, since the Police may ask).
"""

from __future__ import annotations

from dataclasses import dataclass

from ._lookup import get
from .procedure import POLICE_QUOTE

POLICE_CLAUSE = POLICE_QUOTE  # the sentence of the policy a referral rests on


@dataclass(frozen=True)
class OffenceKind:
    key: str
    label: str
    description: str  # what the Headteacher is choosing, in plain words
    # The words of the policy's Police sentence this kind meets ("" where none does).
    clause_words: str
    course_of_conduct: bool = False


OFFENCE_KINDS: tuple[OffenceKind, ...] = (
    OffenceKind(
        "threats",
        "Threats",
        "The post threatens violence or harm to someone.",
        "is threatening violence",
    ),
    OffenceKind(
        "harassment",
        "Harassment (a course of conduct)",
        "Repeated posts or messages by the same person that alarm or distress someone. "
        "Harassment is a course of conduct: the pack lists the poster's other incidents "
        "with their dates.",
        "if it considers a crime (such as harassment) has been committed",
        course_of_conduct=True,
    ),
    OffenceKind(
        "grossly_offensive",
        "Grossly offensive communication",
        "A message that is grossly offensive, indecent, obscene or menacing.",
        "is considered to be grossly obscene",
    ),
    OffenceKind(
        "racially_aggravated",
        "Racially or religiously aggravated",
        "The post is hostile to someone because of their race or religion.",
        "the posting has a racial element",
    ),
    OffenceKind(
        "other",
        "Other",
        "Another offence: say which in the school's reason for the referral.",
        "",
    ),
)

_BY_KEY = {kind.key: kind for kind in OFFENCE_KINDS}

NOT_A_LEGAL_VIEW = ("The school is not giving a legal view: it asks the Police to decide "
                    "whether an offence was committed.")


def get_offence_kind(key: str) -> OffenceKind:
    return get("kind of offence", _BY_KEY, key)
