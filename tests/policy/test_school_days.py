"""Bank holidays and school days: the days a follow-up may fall on."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from avenue_desk.policy.bank_holidays import (
    BANK_HOLIDAYS,
    COVERED_YEARS,
    holiday_name,
    is_bank_holiday,
)
from avenue_desk.policy.escalation import ReplayRefused, replay
from avenue_desk.policy.school_days import is_school_day, next_school_day, why_not_school_day
from avenue_desk.policy.terms import easter_sunday


def test_the_table_still_covers_the_year_after_next():
    """Fails two years before the table runs out (read with the real date, on purpose):
    add the next years from gov.uk/bank-holidays to policy/bank_holidays.py."""
    year = date.today().year
    assert year + 2 in COVERED_YEARS, (
        f"The bank holiday table covers {COVERED_YEARS.start}–{COVERED_YEARS.stop - 1}; "
        f"add {COVERED_YEARS.stop} onwards from gov.uk/bank-holidays.")
    assert {d.year for d in BANK_HOLIDAYS} == set(COVERED_YEARS)


@pytest.mark.parametrize("day", [date(2026, 12, 28), date(2027, 12, 27), date(2027, 12, 28),
                                 date(2028, 1, 3)])
def test_substitute_days_are_in_the_table(day):
    assert is_bank_holiday(day) and "substitute" in holiday_name(day)


def test_a_weekend_christmas_is_not_itself_listed():
    assert not is_bank_holiday(date(2026, 12, 26))  # a Saturday: the 28th is the holiday
    assert not is_bank_holiday(date(2027, 12, 25))


def _weekday_on_or_after(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _last_monday(year: int, month: int) -> date:
    day = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return day - timedelta(days=day.weekday())


@pytest.mark.parametrize("year", list(COVERED_YEARS))
def test_each_year_follows_the_rules_gov_uk_dates_follow(year):
    """A typing slip in the table (a Tuesday for a Monday) fails here."""
    easter = easter_sunday(year)
    first_may = date(year, 5, 1) + timedelta(days=(7 - date(year, 5, 1).weekday()) % 7)
    christmas = [date(year, 12, 25), date(year, 12, 26)]
    if christmas[0].weekday() == 5:  # Saturday and Sunday: Monday and Tuesday
        christmas = [date(year, 12, 27), date(year, 12, 28)]
    elif christmas[0].weekday() == 6:  # Sunday: Boxing Day Monday, Christmas Tuesday
        christmas = [date(year, 12, 26), date(year, 12, 27)]
    elif christmas[1].weekday() == 5:  # Boxing Day on Saturday: Monday
        christmas = [date(year, 12, 25), date(year, 12, 28)]
    expected = {
        _weekday_on_or_after(date(year, 1, 1)), easter - timedelta(days=2),
        easter + timedelta(days=1), first_may, _last_monday(year, 5), _last_monday(year, 8),
        *christmas,
    }
    assert {d for d in BANK_HOLIDAYS if d.year == year} == expected
    assert all(d.weekday() < 5 for d in expected)


def test_school_days_skip_weekends_bank_holidays_and_holidays():
    assert is_school_day(date(2026, 11, 23))  # a Monday in the autumn term
    assert why_not_school_day(date(2026, 11, 28)) == "a Saturday"
    assert why_not_school_day(date(2026, 5, 25)) == "a bank holiday (Spring bank holiday)"
    assert why_not_school_day(date(2026, 8, 12)) == "in the school holidays"  # August
    assert next_school_day(date(2026, 11, 28)) == date(2026, 11, 30)
    assert next_school_day(date(2026, 8, 12)) == date(2026, 9, 1)
    # Christmas 2026 with the default terms: Friday 25 and Monday 28 are bank holidays.
    assert next_school_day(date(2026, 12, 25)) == date(2026, 12, 29)


def test_the_schools_own_term_dates_make_its_holidays():
    overrides = {"term.autumn-2026.end": "2026-12-18", "term.spring-2027.start": "2027-01-05"}
    assert why_not_school_day(date(2026, 12, 21), overrides) == "in the school holidays"
    assert next_school_day(date(2026, 12, 19), overrides) == date(2027, 1, 5)
    assert is_school_day(date(2026, 12, 21))  # the standard terms run to 31 December


def test_replay_works_the_stage_out_again_and_names_the_step_that_no_longer_fits():
    assert replay(["informal_discussion", "parent_refused", "written_warning"]).phase == \
        "escalated"
    assert replay(["informal_discussion", "close", "reopen"]).phase == "informal"
    with pytest.raises(ReplayRefused) as refused:
        replay(["parent_refused", "written_warning"])
    assert refused.value.position == 0 and refused.value.step_key == "parent_refused"
    # Guards are facts about the post that may have changed since: they do not refuse.
    assert replay(["content_removed", "content_removed"]).phase == "new"
