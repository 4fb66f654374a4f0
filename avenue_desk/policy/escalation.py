"""The escalation procedure for the app: what can be done next, what to suggest, and doing it.

Pure functions over ``IncidentFacts``; the rules themselves are the ``TRANSITIONS`` table
(transitions.py) and the ``SUGGESTION_RULES`` table (advice.py), re-exported here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from .advice import REPEATABLE_SUGGESTIONS, SUGGESTION_RULES, SuggestionRule
from .procedure import STEPS, Step, get_step
from .quotes import PolicyQuote
from .transitions import (
    CLOSED_REASON,
    EFFECTS,
    GUARDS,
    OPEN_PHASES,
    TRANSITIONS,
    Guard,
    IncidentFacts,
    Phase,
    Transition,
    advance,
    check,
    steps_since_reopen,
)


class Verdict(StrEnum):
    SUGGESTED = "suggested"
    OPEN = "open"
    REFUSED = "refused"


@dataclass(frozen=True)
class StepOption:
    step: Step
    verdict: Verdict
    reason: str
    quote: PolicyQuote | None
    # Set when the policy allows the step but this account may not take it: who may
    # ("Headteacher only"), shown instead of a bare "Not available now".
    account_note: str = ""


class StepRefused(Exception):
    """A step the rules do not allow now; ``reason`` is fit to show the office as it is."""

    def __init__(self, reason: str, quote: PolicyQuote | None = None, step_key: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.quote = quote
        self.step_key = step_key

    def __reduce__(self):  # picklable, so it can cross a worker thread or process
        return (type(self), (self.reason, self.quote, self.step_key))


class ReplayRefused(StepRefused):
    """A step the ladder refuses where it stands among the others (``replay``); ``position``
    is its place in the steps replayed, from 0."""

    def __init__(self, reason: str, quote: PolicyQuote | None = None, step_key: str = "",
                 position: int = 0) -> None:
        super().__init__(reason, quote, step_key)
        self.position = position

    def __reduce__(self):
        return (type(self), (self.reason, self.quote, self.step_key, self.position))


_LADDER = {s.key: i for i, s in enumerate(STEPS)}


def _firing_rules(facts: IncidentFacts) -> dict[str, SuggestionRule]:
    """The most important rule suggesting each step, skipping steps already taken."""
    taken = set(steps_since_reopen(facts)) - REPEATABLE_SUGGESTIONS
    fired: dict[str, SuggestionRule] = {}
    for rule in SUGGESTION_RULES:
        if rule.step_key in taken or not rule.applies(facts):
            continue
        if rule.step_key not in fired or rule.rank < fired[rule.step_key].rank:
            fired[rule.step_key] = rule
    return fired


def _option(facts: IncidentFacts, step: Step, fired: dict[str, SuggestionRule]) -> StepOption:
    outcome = check(facts, step.key)
    if not isinstance(outcome, Transition):
        reason, quote = outcome
        return StepOption(step, Verdict.REFUSED, reason, quote)
    rule = fired.get(step.key)
    if rule is not None:
        return StepOption(step, Verdict.SUGGESTED, rule.reason(facts), rule.quote)
    return StepOption(step, Verdict.OPEN, outcome.note or "Open at this stage.", outcome.quote)


def _shown(facts: IncidentFacts, step: Step) -> bool:
    # Close only means something for an open case, reopen only for a closed one.
    if step.key == "close":
        return facts.phase is not Phase.CLOSED
    if step.key == "reopen":
        return facts.phase is Phase.CLOSED
    return True


def options(facts: IncidentFacts) -> list[StepOption]:
    """Every step that means something now, in ladder order, each with verdict and reason."""
    fired = _firing_rules(facts)
    return [_option(facts, s, fired) for s in STEPS if _shown(facts, s)]


def option_for(facts: IncidentFacts, step_key: str) -> StepOption:
    """The verdict on one step, including close/reopen where options() leaves them out."""
    return _option(facts, get_step(step_key), _firing_rules(facts))


def suggestions(facts: IncidentFacts) -> list[StepOption]:
    """Only the suggested steps, most important first (the Police always lead)."""
    fired = _firing_rules(facts)
    chosen = [o for o in options(facts) if o.verdict is Verdict.SUGGESTED]
    return sorted(chosen, key=lambda o: (fired[o.step.key].rank, _LADDER[o.step.key]))


def apply_step(facts: IncidentFacts, step_key: str) -> IncidentFacts:
    """Record ``step_key`` and return the new facts.

    Raises:
        StepRefused: if the rules do not allow the step now.
        UnknownPolicyKey: if ``step_key`` is not a step.
    """
    outcome = check(facts, step_key)
    if not isinstance(outcome, Transition):
        reason, quote = outcome
        raise StepRefused(reason, quote, step_key)
    return advance(facts, outcome)


def replay(steps: Sequence[str]) -> IncidentFacts:
    """Where a case stands after ``steps``, taken in order from New: the stage worked out
    again when a step is corrected or withdrawn.

    Only the ladder is replayed. The guards (the post still up, the post on the school's
    forum) are facts about the post that may have changed since each step was recorded
    (the office unticks "still up", corrects the platform), and they were checked when the
    step was recorded, so here they are taken as holding.

    Raises:
        ReplayRefused: naming the first step the ladder refuses where it now stands.
    """
    facts = IncidentFacts(Phase.NEW, frozenset(), on_school_forum=True, content_still_up=True)
    for position, key in enumerate(steps):
        outcome = check(replace(facts, content_still_up=True), key)
        if not isinstance(outcome, Transition):
            reason, quote = outcome
            raise ReplayRefused(reason, quote, key, position)
        facts = advance(facts, outcome)
    return facts


__all__ = [
    "CLOSED_REASON",
    "EFFECTS",
    "GUARDS",
    "OPEN_PHASES",
    "ReplayRefused",
    "SUGGESTION_RULES",
    "TRANSITIONS",
    "Guard",
    "IncidentFacts",
    "Phase",
    "StepOption",
    "StepRefused",
    "SuggestionRule",
    "Transition",
    "Verdict",
    "apply_step",
    "option_for",
    "options",
    "replay",
    "suggestions",
]
