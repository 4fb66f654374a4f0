"""The settings registry: each key declared once, read and written as the app always stored it."""

from __future__ import annotations

from datetime import date

import pytest

from avenue_desk.policy import settings_registry as registry
from avenue_desk.policy.access import IDLE_LOCK_LIMITS, IDLE_LOCK_MINUTES
from avenue_desk.policy.retention import KINDS


def test_each_key_is_declared_once_and_no_family_hides_a_key():
    keys = [entry.key for entry in registry.SETTINGS]
    assert len(keys) == len(set(keys))
    families = [e.key for e in registry.SETTINGS if e.family]
    assert families == ["template.", "term.", "policy_review.reviewed_on.",
                        "policy_review.next_review_on.", "policy_review.note.",
                        "people_import.columns."]
    for entry in registry.SETTINGS:
        assert registry.setting(entry.key + ("x" if entry.family else "")) is entry
        assert not any(entry.key.startswith(f) for f in families if not entry.family)


def test_a_key_nobody_declared_is_refused():
    for key in ("school", "template.", "retention_months.letters", "lock_idle"):
        with pytest.raises(registry.UnknownSetting):
            registry.setting(key)
        assert not registry.is_declared(key)


@pytest.mark.parametrize(("entry", "stored", "value"), [
    (registry.SCHOOL_NAME, "St Mary & St John's <Primary>", "St Mary & St John's <Primary>"),
    (registry.EVIDENCE_LIMIT_MB, "40", 40),
    (registry.IS_DEMO, "1", True),
    (registry.SET_UP, "0", False),
    (registry.IDLE_LOCK, "12", 12),
    (registry.FULL_CHECK_ON, "2026-11-21", date(2026, 11, 21)),
    (registry.CONDUCT_DUE_SOON_DAYS, "0", 0),
])
def test_stored_text_reads_typed_and_is_written_back_the_same(entry, stored, value):
    assert entry.parse(stored) == value
    assert entry.to_text(value) == stored


@pytest.mark.parametrize("entry", registry.SETTINGS, ids=lambda e: e.key)
def test_nothing_or_nonsense_stored_reads_as_the_default(entry):
    assert entry.parse(None) == entry.default
    if entry.kind in (registry.WHOLE_NUMBER, registry.DAY):
        assert entry.parse("not a number") == entry.default


def test_the_defaults_are_the_policys():
    assert registry.IDLE_LOCK.default == IDLE_LOCK_MINUTES
    assert registry.IDLE_LOCK.limits == IDLE_LOCK_LIMITS
    assert registry.POLICY_EDITION.default == "avenue-2021"
    assert [(e.key, e.default) for e in registry.RETENTION] == [
        (kind.setting_key, kind.default_months) for kind in KINDS]


@pytest.mark.parametrize(("entry", "value", "message"), [
    (registry.SCHOOL_NAME, "  ", "Enter the school's name."),
    (registry.HEAD_NAME, "", "Enter the headteacher's name."),
    (registry.EVIDENCE_LIMIT_MB, 0, "The evidence size limit must be 1 to 500 MB."),
    (registry.FOLLOW_UP_DAYS, 400, "Follow-ups must be 1 to 365 days ahead."),
    (registry.IDLE_LOCK, 121, "Lock the screen after 1 to 120 idle minutes."),
    (registry.CONDUCT_RENEWAL_MONTHS, 61, "Renewal must be every 1 to 60 months."),
    (registry.CONDUCT_DUE_SOON_DAYS, -1,
     "“Due soon” must start 0 to 180 days before renewal."),
    (registry.RETENTION[0], 0, "A retention period must be 1 month to 100 years."),
    (registry.RETENTION[0], "six", "Give the period as a whole number of months."),
])
def test_a_value_out_of_bounds_is_refused_in_the_screens_words(entry, value, message):
    assert entry.problem(value) == message


def test_an_unknown_policy_edition_is_refused_naming_the_editions():
    problem = registry.POLICY_EDITION.problem("2030")
    assert "2030" in problem and "avenue-2021" in problem
    assert registry.POLICY_EDITION.problem("parental-2019") == ""


def test_values_within_bounds_pass():
    assert registry.IDLE_LOCK.problem(120) == ""
    assert registry.CONDUCT_DUE_SOON_DAYS.problem(0) == ""
    assert registry.IDLE_LOCK.problem(True) != ""  # a yes/no is not a number of minutes


def test_labels_read_as_the_screen_shows_them():
    assert registry.IDLE_LOCK.plain_label == "Lock the screen after"
    assert registry.SCHOOL_NAME.plain_label == "School name"
    assert registry.IDLE_LOCK.summary(12) == "Screen locks after 12 idle minutes"


def test_a_family_member_is_named_from_its_family():
    assert registry.family_key(registry.LETTER_WORDING, "warning") == "template.warning"
    with pytest.raises(registry.UnknownSetting):
        registry.family_key(registry.SCHOOL_NAME, "x")


def test_the_last_save_folder_is_retired():
    assert registry.LETTERS_SAVE_FOLDER.retired
    assert [e.key for e in registry.SETTINGS if e.retired] == ["letters.save_folder"]
