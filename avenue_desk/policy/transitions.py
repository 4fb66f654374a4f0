"""The escalation rules as data: phases, incident facts, and the table of transitions.

``TRANSITIONS`` is the rulebook: each row says from which phases a step may be recorded,
which phase the case moves to, which guard must hold, and the policy sentence behind it.
Anything not in the table is refused, with a reason the office can read out. This module
decides what is *allowed*; advice.py decides what to *suggest*; escalation.py is the
public face (options, suggestions, apply_step) and re-exports these names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum

from .categories import get_category
from .platforms import get_platform, posted_where
from .procedure import PARENT_REFUSES_QUOTE, STEPS, Step, get_step
from .quotes import PolicyQuote


class Phase(StrEnum):
    NEW = "new"
    INFORMAL = "informal"
    MEETING = "meeting"
    ESCALATED = "escalated"
    CLOSED = "closed"


OPEN_PHASES = frozenset({Phase.NEW, Phase.INFORMAL, Phase.MEETING, Phase.ESCALATED})
_ASKED = frozenset({Phase.INFORMAL, Phase.MEETING, Phase.ESCALATED})  # school has acted


@dataclass(frozen=True)
class IncidentFacts:
    phase: Phase
    categories: frozenset[str]
    on_school_forum: bool
    content_still_up: bool
    steps_taken: tuple[str, ...] = ()
    phase_before_close: Phase | None = None
    platform: str | None = None  # platform key; only used to word refusals and hints

    def __post_init__(self) -> None:
        # Values often arrive from the database as plain strings and lists: normalise them
        # here, and fail loudly on a misspelt key rather than quietly suggesting nothing.
        if isinstance(self.categories, str):
            raise TypeError("categories must be a collection of keys, not one string")
        object.__setattr__(self, "phase", Phase(self.phase))
        object.__setattr__(self, "categories", frozenset(self.categories))
        object.__setattr__(self, "steps_taken", tuple(self.steps_taken))
        if self.phase_before_close is not None:
            before = Phase(self.phase_before_close)
            if before is Phase.CLOSED:
                raise ValueError("phase_before_close cannot be 'closed'")
            object.__setattr__(self, "phase_before_close", before)
        for key in self.categories:
            get_category(key)
        for key in self.steps_taken:
            get_step(key)
        if self.platform is not None:
            get_platform(self.platform)


@dataclass(frozen=True)
class Transition:
    from_phases: frozenset[Phase]
    step_key: str
    to_phase: Phase | None  # None = stay in the current phase
    guard: str | None  # a key of GUARDS
    quote: PolicyQuote  # the sentence that allows this step here
    effect: str | None = None  # a key of EFFECTS, for changes beyond the phase
    note: str = ""  # why it is open, when that is worth saying


@dataclass(frozen=True)
class Guard:
    name: str
    holds: Callable[[IncidentFacts], bool]
    refusal: Callable[[IncidentFacts], str]
    quote: PolicyQuote | None


def _where(facts: IncidentFacts) -> str:
    # on_school_forum is the fact that counts (a school-run page elsewhere can be "a school
    # forum"); the platform only names where else the post was, when we know.
    if facts.platform is None or get_platform(facts.platform).is_school_forum:
        return "not"
    return posted_where(get_platform(facts.platform))


_FORUM_STEP = get_step("restrict_forum_access")

GUARDS: dict[str, Guard] = {
    "on_school_forum": Guard(
        "on_school_forum",
        lambda f: f.on_school_forum,
        lambda f: (
            "Restricting forum access is only possible when the post was on the "
            f"school's own website or forum; this one was {_where(f)}."
        ),
        _FORUM_STEP.quote,
    ),
    "content_still_up": Guard(
        "content_still_up",
        lambda f: f.content_still_up,
        lambda f: "The post is already recorded as removed.",
        None,
    ),
}


def steps_since_reopen(facts: IncidentFacts) -> tuple[str, ...]:
    """Steps recorded since the case was last reopened (all of them if never reopened)."""
    steps = facts.steps_taken
    if "reopen" not in steps:
        return steps
    return steps[len(steps) - steps[::-1].index("reopen") :]


def _phase_to_restore(facts: IncidentFacts) -> Phase:
    if facts.phase_before_close is not None:
        return facts.phase_before_close
    # Older records may not say where the case stood; work it out from everything done,
    # since an earlier reopen restored the phase reached before it (the ladder never
    # goes down).
    done = set(facts.steps_taken) - {"close", "reopen", "content_removed"}
    if "parent_refused" in done:
        return Phase.ESCALATED
    if "headteacher_meeting" in done:
        return Phase.MEETING
    return Phase.INFORMAL if done else Phase.NEW


EFFECTS: dict[str, Callable[[IncidentFacts], IncidentFacts]] = {
    "remember_phase": lambda f: replace(f, phase_before_close=f.phase),
    "restore_phase": lambda f: replace(f, phase=_phase_to_restore(f), phase_before_close=None),
    "mark_removed": lambda f: replace(f, content_still_up=False),
}


def _q(step_key: str) -> PolicyQuote:
    return get_step(step_key).quote


def _row(
    phases: set[Phase] | frozenset[Phase],
    step_key: str,
    to_phase: Phase | None = None,
    *,
    guard: str | None = None,
    effect: str | None = None,
    note: str = "",
    quote: PolicyQuote | None = None,
) -> Transition:
    # Most rows rest on the step's own sentence; a row may name a different one.
    return Transition(
        frozenset(phases), step_key, to_phase, guard, quote or _q(step_key), effect, note
    )


_FURTHER = "Open because the parent's refusal is recorded."
_POLICE = (
    "Always open while the case is open: the school contacts the Police where it feels it "
    "appropriate."
)

_NEW, _INFORMAL, _MEETING = Phase.NEW, Phase.INFORMAL, Phase.MEETING
_ESCALATED, _CLOSED = Phase.ESCALATED, Phase.CLOSED

TRANSITIONS: tuple[Transition, ...] = (
    # The first contact with the parent, whichever form it takes, starts the informal phase.
    _row({_NEW}, "informal_discussion", _INFORMAL),
    _row({_INFORMAL}, "informal_discussion"),
    _row({_NEW}, "report_to_site", _INFORMAL),
    _row(_ASKED, "report_to_site"),
    _row({_NEW}, "removal_request", _INFORMAL),
    _row(_ASKED, "removal_request"),
    _row({_NEW, _INFORMAL, _MEETING}, "headteacher_meeting", _MEETING),
    # Only a parent who has been asked can refuse; the refusal opens the further actions.
    _row({_INFORMAL, _MEETING}, "parent_refused", _ESCALATED),
    _row({_ESCALATED}, "written_warning", note=_FURTHER),
    _row({_ESCALATED}, "legal_advice", note=_FURTHER),
    # A safety step: never held back by the ladder.
    _row(OPEN_PHASES, "police", note=_POLICE),
    _row({_ESCALATED}, "restrict_forum_access", guard="on_school_forum", note=_FURTHER),
    _row({_ESCALATED}, "contact_host", note=_FURTHER),
    _row({_ESCALATED}, "other_legal_action", note=_FURTHER),
    _row(OPEN_PHASES, "content_removed", guard="content_still_up", effect="mark_removed"),
    _row(OPEN_PHASES, "close", _CLOSED, effect="remember_phase"),
    _row({_CLOSED}, "reopen", effect="restore_phase"),
)

_ROWS: dict[str, tuple[Transition, ...]] = {
    s.key: tuple(r for r in TRANSITIONS if r.step_key == s.key) for s in STEPS
}

CLOSED_REASON = "This case is closed; reopen it first."


def _phase_refusal(step: Step, facts: IncidentFacts) -> tuple[str, PolicyQuote]:
    """Why ``step`` cannot be recorded in the case's current phase."""
    if facts.phase is Phase.CLOSED:
        return CLOSED_REASON, _q("reopen")
    if step.key == "reopen":
        return "Only a closed case can be reopened; this one is still open.", _q("reopen")
    if step.needs_refusal:
        return (
            f"'{step.label}' is one of the further actions the policy keeps for when the parent "
            "refuses to comply or carries on; record the parent's refusal first.",
            PARENT_REFUSES_QUOTE,
        )
    if step.key == "parent_refused" and facts.phase is Phase.ESCALATED:
        reason = "The parent's refusal is already recorded; the further actions are open."
        return reason, PARENT_REFUSES_QUOTE
    if step.key == "parent_refused":
        return (
            "The school has not asked the parent to remove the post yet; record the informal "
            "discussion, the removal request or the Headteacher meeting first.",
            PARENT_REFUSES_QUOTE,
        )
    if step.key == "headteacher_meeting":
        return (
            "The parent's refusal is already recorded, so the meeting stage has passed; choose "
            "one of the further actions instead.",
            PARENT_REFUSES_QUOTE,
        )
    if step.key == "informal_discussion":
        return (
            "The informal discussion is the first step and this case is past it; ask for the "
            "post to be removed or take the next step instead.",
            step.quote,
        )
    return f"{step.label} is not available at this stage.", step.quote  # not reached today


def check(facts: IncidentFacts, step_key: str) -> Transition | tuple[str, PolicyQuote | None]:
    """The row that allows ``step_key`` now, or (reason, quote) for refusing it.

    Raises:
        UnknownPolicyKey: if ``step_key`` is not a step.
    """
    step = get_step(step_key)
    if facts.phase is Phase.CLOSED and step.key != "reopen":
        return _phase_refusal(step, facts)
    rows = _ROWS[step.key]
    # A guard every row shares cannot be met by moving the case on, so it is the more
    # useful thing to tell the office (e.g. a Facebook post will never be on our forum).
    shared = {r.guard for r in rows}
    if len(shared) == 1 and None not in shared:
        guard = GUARDS[shared.pop()]
        if not guard.holds(facts):
            return guard.refusal(facts), guard.quote
    row = next((r for r in rows if facts.phase in r.from_phases), None)
    if row is None:
        return _phase_refusal(step, facts)
    if row.guard is not None and not GUARDS[row.guard].holds(facts):
        guard = GUARDS[row.guard]
        return guard.refusal(facts), guard.quote
    return row


def advance(facts: IncidentFacts, row: Transition) -> IncidentFacts:
    """Apply an allowed row: run its effect, move the phase, record the step."""
    after = EFFECTS[row.effect](facts) if row.effect else facts
    if row.to_phase is not None:
        after = replace(after, phase=row.to_phase)
    return replace(after, steps_taken=facts.steps_taken + (row.step_key,))
