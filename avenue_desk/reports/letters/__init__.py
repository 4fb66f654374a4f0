"""One module per document; each builds only its story on the shared renderer."""

from __future__ import annotations

from .checks import ANSWERS, LetterCheck
from .common import Letter
from .forum_restriction import ForumRestrictionLetter, refusal_reason, review_date
from .guidance import GuidanceSheet
from .host_takedown import HostTakedownLetter, platform_team
from .meeting import MeetingLetter
from .police_referral import PoliceReferralPack
from .post import identified as post_identified
from .removal_request import RemovalRequestLetter
from .warning import WarningLetter

# The command line's --kind names -> letter classes.
LETTERS = {
    "removal-request": RemovalRequestLetter,
    "meeting": MeetingLetter,
    "warning": WarningLetter,
    "forum-restriction": ForumRestrictionLetter,
    "host-takedown": HostTakedownLetter,
    "police-referral": PoliceReferralPack,
}

__all__ = [
    "ANSWERS",
    "LETTERS",
    "ForumRestrictionLetter",
    "GuidanceSheet",
    "HostTakedownLetter",
    "Letter",
    "LetterCheck",
    "MeetingLetter",
    "PoliceReferralPack",
    "RemovalRequestLetter",
    "WarningLetter",
    "platform_team",
    "post_identified",
    "refusal_reason",
    "review_date",
]
