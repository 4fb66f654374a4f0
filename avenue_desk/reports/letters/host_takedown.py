"""Request to a platform's host or provider to remove a post.

Addressed to the platform's trust and safety team: where the post is, when it was made and
seen, its words, why it breaks the platform's own rules, and how to reach the school. It
names no pupil: a child named in the post is mentioned only as "a child".
"""

from __future__ import annotations

from datetime import date

from avenue_desk.policy import get_platform

from ..context import IncidentDetails, PersonDetails, SchoolDetails
from ..formatting import join_names, uk_date
from ..templates import MergeValue
from .common import Letter

# What each platform calls its rules (names change slowly; URLs and menus change often).
PLATFORM_RULES = {
    "facebook": "Community Standards",
    "x_twitter": "rules (the X Rules)",
    "instagram": "Community Guidelines",
    "tiktok": "Community Guidelines",
    "youtube": "Community Guidelines",
    "whatsapp": "Terms of Service",
    "school_forum": "terms of use",
    "other": "terms of service and acceptable use rules",
}

# Why a post of each kind breaks the rules every major platform has in common.
BREACH_REASONS = {
    "allegation": "It makes allegations about identifiable members of staff or pupils at a "
    "primary school, which amounts to bullying and harassment of private individuals.",
    "complaint": "It singles out identifiable members of staff, who are private individuals, "
    "for public criticism, which may amount to harassment.",
    "defamatory": "It makes statements about identifiable people that the school believes to "
    "be untrue and damaging to their reputation.",
    "offensive": "It posts negative and offensive comments about specific pupils or members "
    "of staff, which is bullying and harassment; the pupils are young children.",
    "racist": "It contains racist comments, which are hate speech.",
    "threat": "It threatens violence.",
    "other": "It is directed at members of a primary school community and is abusive of "
    "private individuals.",
}

CHILD_NAMED = "It names or identifies a child of primary school age, who cannot consent to "
CHILD_NAMED += "being discussed in public."


def platform_team(platform_key: str) -> PersonDetails:
    """The default addressee: the platform's trust and safety team."""
    label = get_platform(platform_key).label
    return PersonDetails(name=f"Trust and Safety Team\n{label}", role="other_associate")


class HostTakedownLetter(Letter):
    kind = "host_takedown"
    step = "contact_host"
    title = "Request to remove content"
    closing = "Yours faithfully"
    confidential = False

    def __init__(
        self,
        school: SchoolDetails,
        incident: IncidentDetails,
        *,
        letter_date: date,
        recipient: PersonDetails | None = None,
        **kwargs,
    ) -> None:
        super().__init__(
            school, recipient or platform_team(incident.platform), incident,
            letter_date=letter_date, **kwargs,
        )  # fmt: skip

    def salutation(self) -> str:
        if self.recipient.title.strip():
            return self.recipient.salutation
        return "Trust and Safety Team"

    def pdf_title(self) -> str:
        platform = get_platform(self.incident.platform).label
        return f"{self.title}: {platform} ({self.incident.reference})"

    def extra_values(self) -> dict[str, MergeValue]:
        inc, school = self.incident, self.school
        dates = f"It was posted on {uk_date(inc.posted_on)}"
        if inc.seen_on is not None and inc.seen_on != inc.posted_on:
            dates += f" and seen by the school on {uk_date(inc.seen_on)}"
        reasons = [BREACH_REASONS[key] for key in inc.categories if key in BREACH_REASONS]
        if inc.named_pupils:
            reasons.append(CHILD_NAMED)
        contact = [
            f"by email at {school.email}" if school.email else "",
            f"by telephone on {school.phone}" if school.phone else "",
        ]
        contact_text = join_names([c for c in contact if c]) or "by post at the address above"
        return {
            "platform_rules": PLATFORM_RULES.get(inc.platform, PLATFORM_RULES["other"]),
            "breach_reasons": tuple(dict.fromkeys(reasons)),
            "post_dates": dates + ".",
            "school_contact": contact_text.replace(" and by", " or by"),
            "policy_quote": self.wording.host.text if self.wording.host else "",
        }
