"""The code of conduct checklist: every item from the policy, versioned by its words."""

from __future__ import annotations

import dataclasses

import pytest

from avenue_desk.policy import AVENUE_2021, all_quotes
from avenue_desk.policy import conduct as code


def test_the_checklist_has_the_policys_sections_in_order():
    counts = {s.key: len(code.items_in(s.key)) for s in code.SECTIONS}
    assert counts == {code.PRINCIPLES: 4, code.NOT_ACCEPTABLE: 4, code.MUST_ENSURE: 12,
                      code.CHECKS: 5}
    keys = [i.key for i in code.conduct_items()]
    assert len(keys) == len(set(keys))


def test_every_item_and_lead_is_verbatim_in_the_staff_half_of_the_policy(policy_texts):
    text = policy_texts[AVENUE_2021]
    staff_half = text[text.index("Social Networking Policy – Staff"):]
    for quote in code.conduct_quotes():
        assert quote.text in staff_half, quote.text
        assert quote in all_quotes()  # so the catalogue's verbatim test covers it too
    positions = [staff_half.index(i.text) for i in code.conduct_items() if not i.is_check]
    assert positions == sorted(positions)


def test_rules_are_ticked_and_checks_say_what_is_expected():
    for item in code.conduct_items():
        if item.is_check:
            assert item.question.endswith("?") and item.expected is not None
        else:
            assert item.kind in ("principle", "rule") and not item.question
    parents = code.get_item("chk_parent_requests")
    assert parents.expected is True and not parents.failure
    assert not parents.is_failure(False)  # "strongly recommended": recorded, never a failure
    assert code.get_item("chk_private").is_failure(False)
    assert not code.get_item("chk_private").is_failure(True)
    assert not code.get_item("chk_private").is_failure(None)


def test_yes_is_always_the_answer_the_code_expects():
    checks = code.items_in(code.CHECKS)
    assert len(checks) == 5 and all(item.expected is True for item in checks)
    for item in checks:
        assert item.is_failure(False) == item.failure and not item.is_failure(True)


# The questions and what a stored "yes" meant when each was first asked, written out here by
# hand: answers stored then must mean the same today.
FIRST_ASKED = {
    "chk_private": ("Are all your personal social networking profiles set to private?", "yes"),
    "chk_pupil_contacts": ("Are any pupils or ex-pupils of The Avenue among your contacts, "
                           "friends or followers?", "no"),
    "chk_pupil_requests": ("Have you sent a friend request to, or accepted one from, a pupil "
                           "or ex-pupil?", "no"),
    "chk_contact_details": ("Have you given your personal email, home or mobile number to a "
                            "pupil?", "no"),
    "chk_parent_requests": ("Have you sent a Facebook friend request to, or accepted one "
                            "from, a parent?", "no"),
}
FIRST_VERSIONS = {"chk_private": "6bb146576ce0", "chk_pupil_contacts": "06d67d87c837",
                  "chk_pupil_requests": "110e9279e9dc", "chk_contact_details": "d6e09fb922a3",
                  "chk_parent_requests": "a9811c917e6a"}


@pytest.mark.parametrize("key", sorted(FIRST_ASKED))
def test_stored_answers_keep_the_meaning_they_had_when_given(key):
    item = code.get_item(key)
    first_question, fine_then = FIRST_ASKED[key]
    assert (item.stored_question or item.question) == first_question
    assert item.version == FIRST_VERSIONS[key]  # no one asked to acknowledge it again
    problem_then = "no" if fine_then == "yes" else "yes"
    assert item.asked_answer(fine_then) == "yes"  # the answer the code expects, as asked now
    assert item.asked_answer(problem_then) == "no"
    for asked in ("yes", "no", "", "accepted"):
        assert item.asked_answer(item.stored_answer(asked)) == asked
    assert code.asked_answer("an_item_long_gone", "yes") == "yes"


def test_labels_number_items_within_their_section():
    assert code.get_item("me_contact_details").label == (
        "Commitment 7: Contact details only if the Headteacher agrees")
    assert code.get_item("principle_reputation").label.startswith("Key principle 1: ")
    assert code.get_item("chk_parent_requests").label.startswith("Check 5: ")


def test_a_version_follows_the_words_and_nothing_else():
    item = code.get_item("me_transparent")
    assert len(item.version) == 12 and item.version == code.get_item("me_transparent").version
    reworded = dataclasses.replace(item, quote=code.avenue(item.text + " Always."))
    retitled = dataclasses.replace(item, title="Another title")
    assert reworded.version != item.version
    assert retitled.version == item.version
    check = code.get_item("chk_private")
    assert dataclasses.replace(check, question="Private?").version != check.version


def test_the_form_code_changes_when_any_item_does(monkeypatch):
    before = code.form_code()
    items = list(code.ITEMS)
    items[3] = dataclasses.replace(items[3], quote=code.avenue("Changed words."))
    monkeypatch.setattr(code, "ITEMS", tuple(items))
    assert code.form_code() != before and len(before) == 8


def test_outcomes_and_the_breach_paragraph():
    assert [o.label for o in code.OUTCOMES] == [
        "No case to answer", "Resolved informally", "Referred under the disciplinary procedure",
        "Action under the Complaints Procedure"]
    assert code.get_outcome("complaints").quote is code.BREACH_QUOTE
    assert "Complaints Procedure" in code.BREACH_QUOTE.text
    with pytest.raises(ValueError):
        code.get_outcome("sacked")
