"""The escalation table, row by row, and every combination it refuses.

EXPECTED below is written out by hand from the brief and the policy, independently of
TRANSITIONS, so a change to the table has to be made in both places on purpose.
"""

from __future__ import annotations

import pickle

import pytest

from avenue_desk.policy import (
    STEPS,
    TRANSITIONS,
    IncidentFacts,
    Phase,
    StepRefused,
    UnknownPolicyKey,
    Verdict,
    apply_step,
    get_step,
    option_for,
    options,
)
from avenue_desk.policy.escalation import CLOSED_REASON, EFFECTS, GUARDS
from avenue_desk.policy.procedure import PARENT_REFUSES_QUOTE

N, INF, M, E, C = Phase.NEW, Phase.INFORMAL, Phase.MEETING, Phase.ESCALATED, Phase.CLOSED
OPEN = (N, INF, M, E)
RESTORED = "restored"  # reopen goes back to wherever the case was when it was closed

# step -> {phase it is allowed from: phase the case is in afterwards}
EXPECTED: dict[str, dict[Phase, Phase | str]] = {
    "informal_discussion": {N: INF, INF: INF},
    "report_to_site": {N: INF, INF: INF, M: M, E: E},
    "removal_request": {N: INF, INF: INF, M: M, E: E},
    "headteacher_meeting": {N: M, INF: M, M: M},
    "parent_refused": {INF: E, M: E},
    "written_warning": {E: E},
    "legal_advice": {E: E},
    "police": {p: p for p in OPEN},
    "restrict_forum_access": {E: E},
    "contact_host": {E: E},
    "other_legal_action": {E: E},
    "content_removed": {p: p for p in OPEN},
    "close": {p: C for p in OPEN},
    "reopen": {C: RESTORED},
}

FURTHER = "record the parent's refusal first."


def expected_refusal(step_key: str, phase: Phase) -> str:
    """The reason the office should read for a step refused by phase alone."""
    if phase is C:
        return CLOSED_REASON
    if step_key == "reopen":
        return "Only a closed case can be reopened; this one is still open."
    if get_step(step_key).needs_refusal:
        return FURTHER
    return {
        ("parent_refused", N): "The school has not asked the parent to remove the post yet",
        ("parent_refused", E): "The parent's refusal is already recorded",
        ("headteacher_meeting", E): "the meeting stage has passed",
        ("informal_discussion", M): "The informal discussion is the first step",
        ("informal_discussion", E): "The informal discussion is the first step",
    }[(step_key, phase)]


def permissive(make_facts, phase: Phase) -> IncidentFacts:
    """Facts where every guard holds, so only the phase decides."""
    return make_facts(
        phase,
        ("defamatory",),
        on_school_forum=True,
        content_still_up=True,
        phase_before_close=M if phase is C else None,
        platform="school_forum",
    )


def test_table_matches_the_expected_rules():
    derived: dict[str, dict[Phase, Phase | str]] = {}
    for row in TRANSITIONS:
        for phase in row.from_phases:
            assert phase not in derived.get(row.step_key, {}), f"two rows for {row.step_key}"
            to = RESTORED if row.effect == "restore_phase" else (row.to_phase or phase)
            derived.setdefault(row.step_key, {})[phase] = to
    assert derived == EXPECTED


def test_table_names_real_steps_guards_and_effects():
    assert {row.step_key for row in TRANSITIONS} == {s.key for s in STEPS}
    for row in TRANSITIONS:
        assert row.guard is None or row.guard in GUARDS
        assert row.effect is None or row.effect in EFFECTS
        assert row.quote is not None and row.from_phases


ALLOWED = [(row, phase) for row in TRANSITIONS for phase in sorted(row.from_phases)]


@pytest.mark.parametrize(
    ("row", "phase"), ALLOWED, ids=[f"{r.step_key}-from-{p}" for r, p in ALLOWED]
)
def test_every_row_is_allowed_and_lands_where_expected(row, phase, make_facts):
    facts = permissive(make_facts, phase)
    option = option_for(facts, row.step_key)
    assert option.verdict is not Verdict.REFUSED
    assert option.quote is not None
    shown = {o.step.key: o for o in options(facts)}
    assert shown[row.step_key].verdict is option.verdict

    after = apply_step(facts, row.step_key)
    expected = EXPECTED[row.step_key][phase]
    assert after.phase is (M if expected == RESTORED else expected)
    assert after.steps_taken == facts.steps_taken + (row.step_key,)
    assert facts.phase is phase  # the old facts are untouched


REFUSED = [
    (step.key, phase) for step in STEPS for phase in Phase if phase not in EXPECTED[step.key]
]


@pytest.mark.parametrize(("step_key", "phase"), REFUSED, ids=[f"{s}-in-{p}" for s, p in REFUSED])
def test_every_refused_combination(step_key, phase, make_facts):
    facts = permissive(make_facts, phase)
    with pytest.raises(StepRefused) as caught:
        apply_step(facts, step_key)
    refused = caught.value
    assert expected_refusal(step_key, phase) in refused.reason
    assert str(refused) == refused.reason
    assert refused.step_key == step_key
    if get_step(step_key).needs_refusal and phase is not C:
        assert refused.quote == PARENT_REFUSES_QUOTE
        assert refused.quote.text.startswith("If the parent refuses to comply")

    # options() agrees; close/reopen are simply not offered where they mean nothing.
    shown = {o.step.key: o for o in options(facts)}
    if (step_key, phase) in {("close", C)} or (step_key == "reopen" and phase is not C):
        assert step_key not in shown
    else:
        assert shown[step_key].verdict is Verdict.REFUSED
        assert (shown[step_key].reason, shown[step_key].quote) == (refused.reason, refused.quote)
    single = option_for(facts, step_key)
    assert (single.verdict, single.reason) == (Verdict.REFUSED, refused.reason)


def test_no_refusal_falls_back_to_the_generic_wording(make_facts):
    for step_key, phase in REFUSED:
        reason = option_for(permissive(make_facts, phase), step_key).reason
        assert "not available at this stage" not in reason


@pytest.mark.parametrize("phase", OPEN)
@pytest.mark.parametrize(
    ("platform", "where"),
    [
        ("facebook", "this one was on Facebook."),
        ("whatsapp", "this one was in a WhatsApp group."),
        ("other", "this one was on another site."),
        (None, "this one was not."),
    ],
)
def test_forum_guard_refuses_posts_elsewhere_in_every_phase(phase, platform, where, make_facts):
    facts = make_facts(phase, ("offensive",), on_school_forum=False, platform=platform)
    with pytest.raises(StepRefused) as caught:
        apply_step(facts, "restrict_forum_access")
    assert caught.value.reason == (
        "Restricting forum access is only possible when the post was on the school's own "
        f"website or forum; {where}"
    )
    assert caught.value.quote == get_step("restrict_forum_access").quote


def test_forum_guard_on_a_closed_case_asks_to_reopen_first(make_facts):
    facts = make_facts(C, on_school_forum=False, phase_before_close=E, platform="facebook")
    assert option_for(facts, "restrict_forum_access").reason == CLOSED_REASON


@pytest.mark.parametrize("phase", OPEN)
def test_content_removed_twice_is_refused(phase, make_facts):
    facts = make_facts(phase, content_still_up=True)
    after = apply_step(facts, "content_removed")
    assert after.content_still_up is False and after.phase is phase
    with pytest.raises(StepRefused, match="already recorded as removed"):
        apply_step(after, "content_removed")


@pytest.mark.parametrize("phase", OPEN)
def test_police_is_never_blocked_while_open(phase, make_facts):
    for forum in (False, True):
        for up in (False, True):
            facts = make_facts(phase, on_school_forum=forum, content_still_up=up)
            assert option_for(facts, "police").verdict is not Verdict.REFUSED
            assert apply_step(apply_step(facts, "police"), "police").phase is phase


def test_close_remembers_and_reopen_restores(make_facts):
    facts = make_facts(E, content_still_up=False, steps_taken=("removal_request",))
    closed = apply_step(facts, "close")
    assert (closed.phase, closed.phase_before_close) == (C, E)
    reopened = apply_step(closed, "reopen")
    assert (reopened.phase, reopened.phase_before_close) == (E, None)
    assert reopened.steps_taken == ("removal_request", "close", "reopen")
    assert reopened.content_still_up is False  # reopening alone does not say it is back up


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        ((), N),
        (("close",), N),
        (("removal_request", "close"), INF),
        (("informal_discussion", "headteacher_meeting", "close"), M),
        (("removal_request", "parent_refused", "content_removed", "close"), E),
        (("parent_refused", "close", "reopen", "police", "close"), E),
        (("content_removed", "close", "reopen", "close"), N),
    ],
)
def test_reopen_without_a_remembered_phase_works_it_out(steps, expected, make_facts):
    facts = make_facts(C, steps_taken=steps)
    assert apply_step(facts, "reopen").phase is expected


def test_unknown_step_key(make_facts):
    with pytest.raises(UnknownPolicyKey, match="Valid keys: informal_discussion"):
        apply_step(make_facts(), "sue_them")


def test_facts_normalise_and_validate_their_inputs():
    facts = IncidentFacts("meeting", ["racist"], False, True, ["removal_request"], None)
    assert facts.phase is M and facts.categories == frozenset({"racist"})
    assert facts.steps_taken == ("removal_request",)
    with pytest.raises(UnknownPolicyKey):
        IncidentFacts(N, frozenset({"rude"}), False, True)
    with pytest.raises(UnknownPolicyKey):
        IncidentFacts(N, frozenset(), False, True, ("shout",))
    with pytest.raises(UnknownPolicyKey):
        IncidentFacts(N, frozenset(), False, True, platform="myspace")
    with pytest.raises(TypeError):
        IncidentFacts(N, "racist", False, True)
    with pytest.raises(ValueError):
        IncidentFacts(C, frozenset(), False, True, phase_before_close=C)
    with pytest.raises(ValueError):
        IncidentFacts("archived", frozenset(), False, True)


def test_step_refused_survives_pickling(make_facts):
    with pytest.raises(StepRefused) as caught:
        apply_step(make_facts(N), "written_warning")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (copy.reason, copy.quote, copy.step_key) == (
        caught.value.reason,
        caught.value.quote,
        "written_warning",
    )
