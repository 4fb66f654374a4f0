"""Invitation to a meeting with the Headteacher about a post, in plain words: when, where,
for how long, what it is about, and that the parent may bring someone with them.

A meeting the school cannot hold (in the past, at a weekend, on a bank holiday, outside
school hours) stops the letter; one in the school holidays must be confirmed (checks.py).
"""

from __future__ import annotations

from datetime import datetime

from ..formatting import uk_date_with_day, uk_time
from ..templates import MergeValue
from .checks import LetterCheck, meeting_checks
from .common import Letter

DEFAULT_LENGTH = "30 minutes"
COMPANION = ("You are welcome to bring someone with you for support, such as a friend or a "
             "member of your family.")
REMOVAL_REMINDER = "In the meantime, if the post is still online, please remove it."


class MeetingLetter(Letter):
    """``meeting_at`` may be left out while the letter is drafted: the template check then
    reports the meeting date and time as empty, and the letter will not print. ``now``:
    when the letter is made, so that a meeting already past is refused."""

    kind = "meeting"
    step = "headteacher_meeting"
    title = "Invitation to a meeting"

    def __init__(
        self, *args, meeting_at: datetime | None = None, meeting_place: str = "",
        now: datetime | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.meeting_at = meeting_at
        self.meeting_place = meeting_place
        self.now = now

    def extra_values(self) -> dict[str, MergeValue]:
        at = self.meeting_at
        return {
            "policy_quote": self.wording.meeting.text,
            "meeting_purpose": self.wording.meeting_purpose,
            "meeting_date": uk_date_with_day(at.date()) if at else "",
            "meeting_time": uk_time(at) if at else "",
            "meeting_place": self.meeting_place,
            "meeting_length": DEFAULT_LENGTH,
            "companion": COMPANION,
            "removal_reminder": REMOVAL_REMINDER if self.incident.content_still_up else "",
        }

    def checks(self) -> list[LetterCheck]:
        found = super().checks()
        if self.meeting_at is not None:
            found += meeting_checks(self.meeting_at, self.now, self.term_dates)
        return found
