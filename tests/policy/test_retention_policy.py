"""The retention periods as data: their defaults, where each comes from, and the date arithmetic."""

from __future__ import annotations

from datetime import date

import pytest

from avenue_desk.policy import retention as r


def test_the_defaults_for_each_kind_of_record():
    assert [k.key for k in r.KINDS] == ["incident", "breach", "form", "person"]
    assert {k.key: k.default_months for k in r.KINDS} == {
        "incident": 72, "breach": 72, "form": 72, "person": 12}
    for kind in r.KINDS:
        assert kind.label and kind.noun and kind.counted_from and kind.short_label
        assert r.period_problem(kind.default_months) == ""
        assert kind.setting_key == f"retention_months.{kind.key}"
        assert r.get_kind(kind.key) is kind


def test_each_default_says_honestly_where_it_comes_from():
    for kind in (r.INCIDENT, r.BREACH, r.FORM):
        assert kind.source.startswith("Based on") and "guidance" in kind.source
    assert "IRMS Records Management Toolkit for Schools" in r.INCIDENT.source
    assert "date of birth" in r.INCIDENT.source  # and why the app cannot count from it
    assert r.PERSON.source.startswith("Not a period from the guidance")
    assert "school" in r.SCHOOL_SETS_ITS_OWN and "decides" in r.SCHOOL_SETS_ITS_OWN
    assert "never due" in r.INCIDENT.counted_from and "never due" in r.BREACH.counted_from


@pytest.mark.parametrize(("start", "months", "expected"), [
    (date(2020, 3, 1), 72, date(2026, 3, 1)),
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2024, 2, 29), 12, date(2025, 2, 28)),
    (date(2025, 11, 30), 3, date(2026, 2, 28)),
    (date(2025, 12, 15), 1, date(2026, 1, 15)),
])
def test_adding_months(start, months, expected):
    assert r.add_months(start, months) == expected == r.due_on(start, months)


def test_due_on_the_first_day_past_the_period_and_never_without_a_date():
    assert not r.is_due(date(2020, 3, 1), 72, date(2026, 2, 28))
    assert r.is_due(date(2020, 3, 1), 72, date(2026, 3, 1))
    assert not r.is_due(None, 1, date(2100, 1, 1))  # an open case


def test_periods_in_words_and_their_limits():
    assert r.period_label(72) == "6 years"
    assert r.period_label(12) == "1 year"
    assert r.period_label(1) == "1 month"
    assert r.period_label(18) == "1 year and 6 months"
    assert r.period_problem(0) and r.period_problem(1201) and r.period_problem("6")
    assert r.period_problem(True) and r.period_problem(6.5)
    with pytest.raises(ValueError, match="Unknown kind"):
        r.get_kind("letters")


def test_short_labels():
    assert r.INCIDENT.short_label == "Parents' incidents"
    assert r.PERSON.short_label == r.PERSON.label
