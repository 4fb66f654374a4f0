"""Invitation to a meeting with the Headteacher about the breaking of the AUP agreement."""

from __future__ import annotations

from datetime import datetime

from ..formatting import uk_date_with_day, uk_time
from ..templates import MergeValue
from .common import Letter


class MeetingLetter(Letter):
    """``meeting_at`` may be left out while the letter is drafted: the template check then
    reports the meeting date and time as empty, and the letter will not print."""

    kind = "meeting"
    step = "headteacher_meeting"
    title = "Invitation to a meeting"

    def __init__(
        self, *args, meeting_at: datetime | None = None, meeting_place: str = "", **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.meeting_at = meeting_at
        self.meeting_place = meeting_place

    def extra_values(self) -> dict[str, MergeValue]:
        at = self.meeting_at
        return {
            "policy_quote": self.wording.meeting.text,
            "meeting_purpose": self.wording.meeting_purpose,
            "meeting_date": uk_date_with_day(at.date()) if at else "",
            "meeting_time": uk_time(at) if at else "",
            "meeting_place": self.meeting_place,
        }
