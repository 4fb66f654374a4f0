"""Formal warning: the school's concerns in writing, a warning, a request to remove the
material by a date, and the further actions the policy allows that apply to this post.

It quotes the clause that allows it ("If required set out the school's concerns to you in
writing, giving you a warning…"), after the sentence that introduces the policy's list of
actions; of the others it lists only those that can apply (no forum block for a post that
was not on the school's forum, no complaint to the host when the school is the host).
"""

from __future__ import annotations

from avenue_desk.policy import get_platform

from ..templates import MergeValue
from .common import Letter

LEAD_WITH_ACTIONS = ("If it is not removed, or the inappropriate use continues, the school "
                     "will consider the further action the policy sets out for a post like "
                     "this:")
LEAD_WITHOUT = ("If it is not removed, or the inappropriate use continues, the school will "
                "consider what further action to take under its policy.")


class WarningLetter(Letter):
    kind = "warning"
    step = "written_warning"
    title = "Formal warning"
    asks_for_removal = True

    def on_school_forum(self) -> bool:
        return self.incident.on_school_forum or get_platform(self.incident.platform).is_school_forum

    def further_actions(self) -> tuple[str, ...]:
        """The policy's further actions that can apply to this post, in its own words."""
        wording, forum = self.wording, self.on_school_forum()
        found = []
        for quote in wording.further_actions:
            if quote == wording.warning:
                continue  # this letter is that action: quoted on its own
            if quote == wording.forum and not forum:
                continue
            if quote == wording.host and forum:
                continue  # the school runs the site: there is no host to complain to
            found.append(quote.text)
        return tuple(found)

    def extra_values(self) -> dict[str, MergeValue]:
        wording = self.wording
        if wording.warning == wording.refusal:  # the 2019 edition has no warning clause
            quote = f"{wording.refusal.text}:"
        else:
            quote = f"{wording.refusal.text}: … {wording.warning.text}"
        actions = self.further_actions()
        return {
            "policy_quote": quote,
            "refusal_quote": wording.refusal.text,
            "further_actions": actions,
            "further_actions_lead": LEAD_WITH_ACTIONS if actions else LEAD_WITHOUT,
        }
