"""Formal warning: the school's concerns in writing, a warning, a request to remove the
material, and the further actions the policy allows, in the policy's own words."""

from __future__ import annotations

from ..templates import MergeValue
from .common import Letter


class WarningLetter(Letter):
    kind = "warning"
    step = "written_warning"
    title = "Formal warning"

    def extra_values(self) -> dict[str, MergeValue]:
        return {
            "policy_quote": self.wording.warning.text,
            "refusal_quote": self.wording.refusal.text,
            "further_actions": tuple(q.text for q in self.wording.further_actions),
        }
