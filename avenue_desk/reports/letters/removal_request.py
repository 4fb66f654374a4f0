"""Request to remove a post, after the informal discussion (the 2019 edition's first step)."""

from __future__ import annotations

from ..templates import MergeValue
from .common import Letter


class RemovalRequestLetter(Letter):
    kind = "removal_request"
    step = "removal_request"  # the timeline step printing this letter records
    title = "Request to remove a post"

    def extra_values(self) -> dict[str, MergeValue]:
        return {"policy_quote": self.wording.removal.text}
