"""What the desk suggests next: safety first, then the ladder, then closing."""

from __future__ import annotations

import itertools

import pytest

from avenue_desk.policy import (
    STEPS,
    Phase,
    Verdict,
    apply_step,
    get_platform,
    get_step,
    option_for,
    options,
    suggestions,
)

N, INF, M, E, C = Phase.NEW, Phase.INFORMAL, Phase.MEETING, Phase.ESCALATED, Phase.CLOSED
OPEN = (N, INF, M, E)


def keys(found):
    return [o.step.key for o in found]


def test_a_new_case_starts_with_the_informal_discussion(make_facts):
    found = suggestions(make_facts(N, ("complaint",)))
    assert keys(found) == ["informal_discussion"]
    assert found[0].quote == get_step("informal_discussion").quote
    assert found[0].quote.edition_key == "parental-2019"


@pytest.mark.parametrize("phase", OPEN)
@pytest.mark.parametrize("category", ["racist", "threat"])
def test_racist_or_threat_puts_the_police_first_in_every_open_phase(phase, category, make_facts):
    facts = make_facts(phase, ("complaint", category), on_school_forum=True)
    found = suggestions(facts)
    assert found[0].step.key == "police"
    assert found[0].verdict is Verdict.SUGGESTED
    assert "racial element" in found[0].quote.text
    assert "threatening violence" in found[0].quote.text
    ground = {"racist": "has a racial element", "threat": "threatens violence"}[category]
    assert ground in found[0].reason and "Police" in found[0].reason


def test_racist_and_threat_name_both_grounds(make_facts):
    police = suggestions(make_facts(N, ("threat", "racist")))[0]
    assert police.reason.startswith("This post has a racial element and threatens violence")


@pytest.mark.parametrize("phase", OPEN)
def test_police_is_suggested_once_but_stays_open(phase, make_facts):
    facts = apply_step(make_facts(phase, ("racist",)), "police")
    assert "police" not in keys(suggestions(facts))
    assert option_for(facts, "police").verdict is Verdict.OPEN


def test_no_police_suggestion_without_a_serious_category(make_facts):
    for category in ("allegation", "complaint", "defamatory", "offensive", "other"):
        assert "police" not in keys(suggestions(make_facts(N, (category,))))
    assert option_for(make_facts(N), "police").verdict is Verdict.OPEN


def test_closed_case_suggests_nothing_even_when_racist(make_facts):
    facts = make_facts(C, ("racist", "defamatory"), phase_before_close=M)
    assert suggestions(facts) == []
    assert keys(options(facts))[-1] == "reopen"
    assert option_for(facts, "reopen").verdict is Verdict.OPEN


def test_defamatory_reports_to_the_site_until_done(make_facts):
    facts = make_facts(N, ("defamatory",), platform="facebook")
    found = suggestions(facts)
    assert keys(found) == ["report_to_site", "informal_discussion"]
    report = found[0]
    assert "'report abuse'" in report.quote.text and "defamatory" in report.quote.text
    facebook = get_platform("facebook")
    assert report.reason.endswith(f"Facebook: {facebook.report_hint}")

    after = apply_step(facts, "report_to_site")
    assert after.phase is INF
    assert "report_to_site" not in keys(suggestions(after))
    assert option_for(after, "report_to_site").verdict is Verdict.OPEN


def test_defamatory_and_escalated_suggests_legal_advice(make_facts):
    facts = make_facts(E, ("defamatory",), steps_taken=("report_to_site", "parent_refused"))
    found = keys(suggestions(facts))
    assert found == ["written_warning", "contact_host", "legal_advice"]
    legal = option_for(facts, "legal_advice")
    assert "defamatory" in legal.quote.text
    assert "legal_advice" not in keys(suggestions(make_facts(E, ("offensive",))))


def test_forum_post_escalated_suggests_restricting_access(make_facts):
    facts = make_facts(E, ("offensive",), on_school_forum=True, platform="school_forum")
    found = keys(suggestions(facts))
    assert found == ["written_warning", "restrict_forum_access", "contact_host"]
    restrict = option_for(facts, "restrict_forum_access")
    assert "school forum" in restrict.quote.text


def test_forum_restriction_is_neither_suggested_nor_allowed_elsewhere(make_facts):
    facts = make_facts(E, ("offensive",), on_school_forum=False, platform="facebook")
    assert "restrict_forum_access" not in keys(suggestions(facts))
    assert option_for(facts, "restrict_forum_access").verdict is Verdict.REFUSED


def test_ladder_suggestions_while_the_post_is_still_up(make_facts):
    assert keys(suggestions(make_facts(INF, ("complaint",)))) == ["headteacher_meeting"]
    meeting = suggestions(make_facts(M, ("complaint",)))
    assert keys(meeting) == ["parent_refused"]
    assert "further actions" in meeting[0].reason
    assert meeting[0].quote.text.startswith("If the parent refuses to comply")
    assert keys(suggestions(make_facts(E, ("complaint",)))) == ["written_warning", "contact_host"]


def test_warning_is_suggested_once_and_stays_open(make_facts):
    facts = make_facts(E, ("complaint",), steps_taken=("parent_refused", "written_warning"))
    assert keys(suggestions(facts)) == ["contact_host"]
    assert option_for(facts, "written_warning").verdict is Verdict.OPEN


@pytest.mark.parametrize("phase", OPEN)
def test_removed_content_suggests_closing_last(phase, make_facts):
    facts = make_facts(phase, ("threat",), content_still_up=False)
    found = keys(suggestions(facts))
    assert found[0] == "police" and found[-1] == "close"
    assert "contact_host" not in found and "headteacher_meeting" not in found


def test_a_whole_case_from_first_contact_to_reopening(make_facts):
    facts = make_facts(N, ("defamatory",), platform="x_twitter")
    for step in ("informal_discussion", "headteacher_meeting", "parent_refused"):
        assert step in keys(suggestions(facts))
        facts = apply_step(facts, step)
    assert facts.phase is E
    facts = apply_step(facts, "written_warning")
    facts = apply_step(facts, "content_removed")
    assert keys(suggestions(facts)) == ["legal_advice", "close"]
    facts = apply_step(facts, "close")
    facts = apply_step(facts, "reopen")
    assert facts.phase is E
    # A reopened case is a new spell: the warning can be suggested again.
    assert "written_warning" in keys(suggestions(facts))


SWEEP = list(
    itertools.product(
        OPEN,
        [(), ("racist",), ("threat", "defamatory"), ("defamatory",), ("other",)],
        [False, True],
        [False, True],
        [(), ("police", "written_warning", "report_to_site")],
    )
)


@pytest.mark.parametrize(("phase", "cats", "forum", "up", "taken"), SWEEP)
def test_suggestions_are_allowed_ordered_and_not_repeated(
    phase, cats, forum, up, taken, make_facts
):
    facts = make_facts(phase, cats, on_school_forum=forum, content_still_up=up, steps_taken=taken)
    listed = options(facts)
    ladder = [s.key for s in STEPS]
    assert keys(listed) == sorted(keys(listed), key=ladder.index)
    assert "reopen" not in keys(listed)
    found = suggestions(facts)
    assert {o.step.key for o in found} == {
        o.step.key for o in listed if o.verdict is Verdict.SUGGESTED
    }
    for option in found:
        assert option.step.key not in taken
        assert option.quote is not None and option.reason
        apply_step(facts, option.step.key)  # a suggestion is always allowed
    serious = {"racist", "threat"} & set(cats)
    if serious and "police" not in taken:
        assert found[0].step.key == "police"
