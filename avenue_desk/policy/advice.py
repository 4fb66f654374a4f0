"""What the desk suggests next, as a table of rules ranked by importance.

A rule only ever *suggests*: whether a step is allowed is decided by transitions.py, and a
suggestion for a step that is not allowed is dropped. Safety comes first (the Police),
then getting the post down, then the next rung of the ladder, then closing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .categories import serious_categories
from .platforms import get_platform
from .procedure import get_step
from .quotes import PolicyQuote
from .transitions import OPEN_PHASES, IncidentFacts, Phase


@dataclass(frozen=True)
class SuggestionRule:
    step_key: str
    rank: int  # lower is more important
    applies: Callable[[IncidentFacts], bool]
    reason: Callable[[IncidentFacts], str]
    quote: PolicyQuote


# How each serious category meets the words of the Police sentence.
_POLICE_GROUNDS = {"racist": "has a racial element", "threat": "threatens violence"}


def _police_reason(facts: IncidentFacts) -> str:
    grounds = " and ".join(_POLICE_GROUNDS[c.key] for c in serious_categories(facts.categories))
    return f"This post {grounds}: the policy names this as a reason to contact the Police."


def _report_reason(facts: IncidentFacts) -> str:
    reason = "Defamatory posts are to be reported to the site's 'report abuse' section."
    if facts.platform is not None:
        platform = get_platform(facts.platform)
        reason += f" {platform.label}: {platform.report_hint}"
    return reason


def _is_open(facts: IncidentFacts) -> bool:
    return facts.phase in OPEN_PHASES


def _defamatory(facts: IncidentFacts) -> bool:
    return "defamatory" in facts.categories


def _rule(step_key: str, rank: int, applies, reason) -> SuggestionRule:
    text = reason if callable(reason) else (lambda _facts, fixed=reason: fixed)
    return SuggestionRule(step_key, rank, applies, text, get_step(step_key).quote)


SUGGESTION_RULES: tuple[SuggestionRule, ...] = (
    _rule(
        "police",
        0,
        lambda f: _is_open(f) and bool(serious_categories(f.categories)),
        _police_reason,
    ),
    _rule(
        "report_to_site",
        10,
        lambda f: _is_open(f) and _defamatory(f) and f.content_still_up,
        _report_reason,
    ),
    _rule(
        "informal_discussion",
        20,
        lambda f: f.phase is Phase.NEW,
        "As a first step, talk to the parent to try to resolve it and ask for the post to be "
        "removed.",
    ),
    _rule(
        "headteacher_meeting",
        20,
        lambda f: f.phase is Phase.INFORMAL and f.content_still_up,
        "The post is still up after the informal steps: ask the parent to a meeting with the "
        "Headteacher about the breaking of the AUP agreement.",
    ),
    _rule(
        "parent_refused",
        20,
        lambda f: f.phase is Phase.MEETING and f.content_still_up,
        "The post is still up after the meeting. If the parent refuses or carries on, record "
        "it so the further actions open.",
    ),
    _rule(
        "written_warning",
        30,
        lambda f: f.phase is Phase.ESCALATED,
        "Set out the school's concerns in writing, with a warning and a request to remove the "
        "material.",
    ),
    _rule(
        "restrict_forum_access",
        32,
        lambda f: f.phase is Phase.ESCALATED and f.on_school_forum,
        "The post was on the school's own website or forum, so the school can block or "
        "restrict this person's access.",
    ),
    _rule(
        "contact_host",
        34,
        lambda f: f.phase is Phase.ESCALATED and f.content_still_up,
        "The post is still up: complain to the site's host or provider and ask for it to be "
        "removed.",
    ),
    _rule(
        "legal_advice",
        36,
        lambda f: f.phase is Phase.ESCALATED and _defamatory(f),
        "The post is defamatory: the policy says the school may take legal advice and/or "
        "legal action.",
    ),
    _rule(
        "close",
        90,
        lambda f: _is_open(f) and not f.content_still_up,
        "The post is recorded as removed, so the case can be closed.",
    ),
)

# Steps that make sense again even when already taken: a case can be closed, reopened
# and closed again. Everything else is suggested once per spell of the case.
REPEATABLE_SUGGESTIONS = frozenset({"close"})
