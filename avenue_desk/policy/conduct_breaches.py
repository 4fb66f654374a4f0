"""The code of conduct's paragraph "Potential and Actual Breaches of the Code of Conduct",
in the policy's words (printed on the acknowledgement form, cited by a breach's outcome),
and the outcomes a breach record can have. conduct.py re-exports these names.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._lookup import get
from .quotes import PolicyQuote, avenue

BREACHES_HEADING = "Potential and Actual Breaches of the Code of Conduct"
BREACHES_LEAD = avenue(
    "In instances where there has been a breach of the above Code of Conduct, the following "
    "will apply:")
BREACH_QUOTE = avenue(
    "Any breaches of this policy will be fully investigated. Where it is found that there has "
    "been a breach of the policy this may result in action being taken under the Complaints "
    "Procedure. A breach of this policy will be considered to be a serious disciplinary offence "
    "which is also contrary to the school's ethos and principle.")


@dataclass(frozen=True)
class BreachOutcome:
    key: str
    label: str
    quote: PolicyQuote | None = None


OUTCOMES: tuple[BreachOutcome, ...] = (
    BreachOutcome("no_case", "No case to answer"),
    BreachOutcome("informal", "Resolved informally"),
    BreachOutcome("disciplinary", "Referred under the disciplinary procedure", BREACH_QUOTE),
    BreachOutcome("complaints", "Action under the Complaints Procedure", BREACH_QUOTE),
)


def get_outcome(key: str) -> BreachOutcome:
    return get("breach outcome", {o.key: o for o in OUTCOMES}, key)
