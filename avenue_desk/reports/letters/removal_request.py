"""Request to remove a post: the 2019 edition's first step, the 2021 edition's expectation
that comments are removed immediately.

It says "as we discussed" only when a discussion is on the timeline, names the post, and
gives the date by which to remove it (the follow-up date printing it records).
"""

from __future__ import annotations

from avenue_desk.policy import get_platform, posted_where

from ..formatting import uk_date_nb
from ..templates import MergeValue
from .common import Letter
from .wording import cut_quote


class RemovalRequestLetter(Letter):
    kind = "removal_request"
    step = "removal_request"  # the timeline step printing this letter records
    title = "Request to remove a post"
    asks_for_removal = True

    def extra_values(self) -> dict[str, MergeValue]:
        return {
            "policy_quote": cut_quote(self.wording.removal, self.wording.removal_continues),
            "opening": self.opening(),
        }

    def opening(self) -> str:
        platform = get_platform(self.incident.platform)
        where = f"{posted_where(platform)} on {uk_date_nb(self.incident.posted_on)}"
        discussed = self.discussed_on()
        if discussed is None:
            return f"I am writing to ask you to remove the post you made {where}:"
        return (f"As we discussed on {uk_date_nb(discussed)}, I am writing to ask you to "
                f"remove the post you made {where}:")
