"""Notice that access to the school's own website or forum is restricted.

The policy allows this only when the comments were made on the school's own site or
forum, so the letter refuses to exist for any other incident, quoting the policy. It says
how long the restriction lasts, when it will be reviewed and how to appeal.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date

from avenue_desk.policy import get_platform, posted_where
from avenue_desk.policy.procedure import FORUM_RESTRICTION_MONTHS
from avenue_desk.policy.school_days import next_school_day
from avenue_desk.policy.terms import TermError

from ..context import IncidentDetails
from ..errors import LetterNotAllowed
from ..formatting import uk_date_with_day
from ..templates import MergeValue
from .common import Letter
from .contacts import chair_phrase, complaints_phrase
from .wording import wording_for

DEFAULT_MONTHS = FORUM_RESTRICTION_MONTHS


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


def review_date(start: date, months: int, overrides: Mapping[str, str] | None = None) -> date:
    """``months`` after ``start``, on the next school day (the last day of a shorter month
    stands in for a 31st it lacks)."""
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    try:
        return next_school_day(date(year, month, day), overrides)
    except TermError:
        return next_school_day(date(year, month, day))


def months_text(months: int) -> str:
    return "1 month" if months == 1 else f"{months} months"


class ForumRestrictionLetter(Letter):
    """``restriction_months``: how long the restriction lasts; it is reviewed then (the
    follow-up date printing the letter records)."""

    kind = "forum_restriction"
    step = "restrict_forum_access"
    title = "Restriction of access to the school's website and forum"

    def __init__(self, school, recipient, incident: IncidentDetails, *,
                 restriction_months: int = DEFAULT_MONTHS, **kwargs) -> None:
        refused = refusal_reason(incident)
        if refused is not None:
            raise refused
        super().__init__(school, recipient, incident, **kwargs)
        self.restriction_months = restriction_months

    def review_on(self) -> date:
        return review_date(self.letter_date, self.restriction_months, self.term_dates)

    def extra_values(self) -> dict[str, MergeValue]:
        school = self.school
        return {
            "policy_quote": self.wording.forum.text,
            "restriction_length": months_text(self.restriction_months),
            "review_date": uk_date_with_day(self.review_on()),
            "appeal_route": f"please write to {chair_phrase(school)} at the school, saying "
                            f"why, or use {complaints_phrase(school)}.",
        }
