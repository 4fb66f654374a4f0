"""Notice that access to the school's own website or forum is restricted.

The policy allows this only when the comments were made on the school's own site or
forum, so the letter refuses to exist for any other incident, quoting the policy.
"""

from __future__ import annotations

from avenue_desk.policy import get_platform, posted_where

from ..context import IncidentDetails
from ..errors import LetterNotAllowed
from ..templates import MergeValue
from .common import Letter
from .wording import wording_for


def refusal_reason(incident: IncidentDetails) -> LetterNotAllowed | None:
    """Why this letter cannot be sent for ``incident``, or None when it can."""
    platform = get_platform(incident.platform)
    if incident.on_school_forum or platform.is_school_forum:
        return None
    quote = wording_for(incident.policy_edition).forum
    reason = (
        "A forum restriction notice can only be sent when the post was on the school's own "
        f"website or forum; this one was {posted_where(platform)}. The policy says: "
        f"“{quote.text}”."
    )
    return LetterNotAllowed(reason, quote)


class ForumRestrictionLetter(Letter):
    kind = "forum_restriction"
    step = "restrict_forum_access"
    title = "Restriction of access to the school's website and forum"

    def __init__(self, school, recipient, incident: IncidentDetails, **kwargs) -> None:
        refused = refusal_reason(incident)
        if refused is not None:
            raise refused
        super().__init__(school, recipient, incident, **kwargs)

    def extra_values(self) -> dict[str, MergeValue]:
        return {"policy_quote": self.wording.forum.text}
