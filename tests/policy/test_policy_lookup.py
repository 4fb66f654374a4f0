"""Keys, labels and the spellings the office actually types."""

from __future__ import annotations

import pickle

import pytest

from avenue_desk.policy import (
    CATEGORIES,
    CHANNELS,
    PLATFORMS,
    ROLES,
    STEPS,
    UnknownPolicyKey,
    get_category,
    get_channel,
    get_platform,
    get_role,
    get_step,
    parse_category,
    parse_platform,
    parse_role,
    quote_for_role,
    serious_categories,
)


def test_keys_and_order_are_the_agreed_interface():
    assert [c.key for c in CATEGORIES] == [
        "allegation",
        "complaint",
        "defamatory",
        "offensive",
        "racist",
        "threat",
        "other",
    ]
    assert [p.key for p in PLATFORMS] == [
        "facebook",
        "x_twitter",
        "instagram",
        "tiktok",
        "youtube",
        "whatsapp",
        "school_forum",
        "other",
    ]
    assert [p.label for p in PLATFORMS] == [
        "Facebook",
        "X / Twitter",
        "Instagram",
        "TikTok",
        "YouTube",
        "WhatsApp group",
        "School website or forum",
        "Other",
    ]
    assert [r.key for r in ROLES] == [
        "parent",
        "carer",
        "relative",
        "other_associate",
        "pupil",
        "staff",
        "volunteer",
        "governor",
    ]
    assert [c.key for c in CHANNELS] == [
        "class_teacher",
        "headteacher",
        "chair_of_governors",
        "complaints_procedure",
    ]
    assert [s.key for s in STEPS] == [
        "informal_discussion",
        "report_to_site",
        "removal_request",
        "headteacher_meeting",
        "parent_refused",
        "written_warning",
        "legal_advice",
        "police",
        "restrict_forum_access",
        "contact_host",
        "other_legal_action",
        "content_removed",
        "close",
        "reopen",
    ]


def test_only_racist_and_threat_are_serious_and_say_why():
    assert {c.key for c in CATEGORIES if c.serious} == {"racist", "threat"}
    for category in CATEGORIES:
        assert bool(category.serious_reason) == category.serious
    found = serious_categories(frozenset({"threat", "complaint", "racist"}))
    assert [c.key for c in found] == ["racist", "threat"]


def test_step_flags():
    refusal = {s.key for s in STEPS if s.needs_refusal}
    assert refusal == {
        "written_warning",
        "legal_advice",
        "restrict_forum_access",
        "contact_host",
        "other_legal_action",
    }
    assert {s.key for s in STEPS if s.needs_school_forum} == {"restrict_forum_access"}
    assert {s.key for s in STEPS if s.closes} == {"close"}
    assert get_step("police").needs_refusal is False  # a safety step is never held back


def test_role_flags_and_quotes():
    assert {r.key for r in ROLES if r.is_parent_like} == {
        "parent",
        "carer",
        "relative",
        "other_associate",
    }
    assert {r.key for r in ROLES if r.is_code_of_conduct} == {"staff", "volunteer", "governor"}
    assert [r.key for r in ROLES if not r.is_adult] == ["pupil"]
    assert "anyone associated" in quote_for_role(get_role("other_associate")).text
    assert "Governors" in quote_for_role(get_role("governor")).text
    assert "any pupil" in quote_for_role(get_role("pupil")).text


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("racist", "racist"),
        ("  RACIST  ", "racist"),
        ("Racist comment", "racist"),
        ("Allegation about staff or pupils / cyber-bullying", "allegation"),
        ("  allegation ABOUT staff or pupils / CYBER-BULLYING ", "allegation"),
        ("cyberbullying", "allegation"),
        ("Defamatory", "defamatory"),
        ("libel", "defamatory"),
        ("Threat of violence", "threat"),
        ("threats", "threat"),
        ("Other", "other"),
        ("Other inappropriate use", "other"),
    ],
)
def test_parse_category(text, key):
    assert parse_category(text).key == key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("facebook", "facebook"),
        ("FB", "facebook"),
        (" Facebook ", "facebook"),
        ("https://www.facebook.com/", "facebook"),
        ("X", "x_twitter"),
        ("x", "x_twitter"),
        ("Twitter", "x_twitter"),
        ("twitter.com", "x_twitter"),
        ("X / Twitter", "x_twitter"),
        ("x_twitter", "x_twitter"),
        ("x.com", "x_twitter"),
        ("Insta", "instagram"),
        ("Tik Tok", "tiktok"),
        ("You Tube", "youtube"),  # as the staff section of the policy spells it
        ("WhatsApp", "whatsapp"),
        ("whatsapp group", "whatsapp"),
        ("school website", "school_forum"),
        ("Forum", "school_forum"),
        ("School website or forum", "school_forum"),
        ("OTHER", "other"),
    ],
)
def test_parse_platform(text, key):
    assert parse_platform(text).key == key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("parent", "parent"),
        ("Mum", "parent"),
        (" DAD ", "parent"),
        ("Guardian", "carer"),
        ("grandparent", "relative"),
        ("other_associate", "other_associate"),
        ("Someone else associated with the school", "other_associate"),
        ("Teacher", "staff"),
        ("Member of staff", "staff"),
        ("Governors", "governor"),
        ("child", "pupil"),
    ],
)
def test_parse_role(text, key):
    assert parse_role(text).key == key


@pytest.mark.parametrize(
    ("parse", "text", "valid"),
    [
        (parse_category, "spam", [c.key for c in CATEGORIES]),
        (parse_category, "", [c.key for c in CATEGORIES]),
        (parse_platform, "MySpace", [p.key for p in PLATFORMS]),
        (parse_platform, "   ", [p.key for p in PLATFORMS]),
        (parse_platform, "www.", [p.key for p in PLATFORMS]),
        (parse_role, "headmaster's cat", [r.key for r in ROLES]),
        (parse_role, None, [r.key for r in ROLES]),
    ],
)
def test_parse_unknown_lists_valid_keys(parse, text, valid):
    with pytest.raises(UnknownPolicyKey) as caught:
        parse(text)
    message = str(caught.value)
    assert repr(text) in message
    assert message.endswith("Valid keys: " + ", ".join(valid) + ".")
    assert caught.value.valid_keys == tuple(valid)


@pytest.mark.parametrize(
    ("get", "key"),
    [
        (get_category, "Racist"),  # get_* take exact keys; parse_* are the forgiving ones
        (get_platform, "twitter"),
        (get_role, "mum"),
        (get_step, "warning"),
        (get_channel, "head"),
        (get_step, ["police"]),  # unhashable input still gets the friendly error
    ],
)
def test_get_unknown_raises(get, key):
    with pytest.raises(UnknownPolicyKey, match="Valid keys: "):
        get(key)


def test_unknown_policy_key_survives_pickling():
    error = UnknownPolicyKey("platform", "MySpace", ["facebook", "other"])
    copy = pickle.loads(pickle.dumps(error))
    assert str(copy) == str(error)
    assert (copy.kind, copy.value, copy.valid_keys) == (
        "platform",
        "MySpace",
        ("facebook", "other"),
    )
