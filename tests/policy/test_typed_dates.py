"""Dates read as a UK school office types them, and refused in words when they are not."""

from __future__ import annotations

from datetime import date

import pytest

from avenue_desk.policy.typed_dates import EXAMPLE, UnreadableDate, read_typed_date

TODAY = date(2026, 12, 7)  # a Monday


@pytest.mark.parametrize(("typed", "meant"), [
    ("03/12/2026", date(2026, 12, 3)),
    ("3/12/2026", date(2026, 12, 3)),
    ("3/12/26", date(2026, 12, 3)),
    ("03-12-2026", date(2026, 12, 3)),
    ("3.12.2026", date(2026, 12, 3)),
    ("3 Dec", date(2026, 12, 3)),
    ("3 December 2026", date(2026, 12, 3)),
    ("3rd Dec, 2026", date(2026, 12, 3)),
    ("  14 sept 2025 ", date(2025, 9, 14)),
    ("today", TODAY),
    ("Today", TODAY),
    ("yesterday", date(2026, 12, 6)),
    ("29/2/2024", date(2024, 2, 29)),
])
def test_every_form_an_office_types_reads_day_first(typed, meant):
    assert read_typed_date(typed, TODAY) == meant


def test_a_year_left_out_is_the_most_recent_such_date_not_in_the_future():
    assert read_typed_date("7 Dec", TODAY) == date(2026, 12, 7)  # today itself
    assert read_typed_date("8 Dec", TODAY) == date(2025, 12, 8)  # tomorrow: last year's
    assert read_typed_date("8/12", TODAY) == date(2025, 12, 8)
    assert read_typed_date("29/2", TODAY) == date(2024, 2, 29)  # the last leap year


def test_a_year_left_out_can_mean_the_coming_one_for_a_date_ahead():
    assert read_typed_date("5 Jan", TODAY, year_left_out="coming") == date(2027, 1, 5)
    assert read_typed_date("8 Dec", TODAY, year_left_out="coming") == date(2026, 12, 8)


def test_an_empty_box_means_not_known():
    assert read_typed_date("", TODAY) is None
    assert read_typed_date("   ", TODAY) is None


@pytest.mark.parametrize(("typed", "said"), [
    ("31/02/2026", "\u201c31/02/2026\u201d is not a date: February 2026 has 28 days"),
    ("32/1/2026", "\u201c32/1/2026\u201d is not a date: January 2026 has 31 days"),
    ("0/1/2026", "\u201c0/1/2026\u201d is not a date: January 2026 has 31 days"),
    ("1/13/2026", "\u201c1/13/2026\u201d is not a date: there is no month 13 (the day comes "
                  "first, then the month)"),
    ("3 Dex 2026", "\u201c3 Dex 2026\u201d is not a date: \u201cDex\u201d is not a month"),
    ("1/1/202", "\u201c1/1/202\u201d is not a date: the year needs four figures (or two)"),
    ("31 Feb", "\u201c31 Feb\u201d is not a date: February has 29 days"),
    ("next week", EXAMPLE),
    ("abc", EXAMPLE),
    ("12/2026", EXAMPLE),  # a month and year, but which day?
])
def test_what_is_not_a_date_is_refused_in_words(typed, said):
    with pytest.raises(UnreadableDate) as refused:
        read_typed_date(typed, TODAY)
    assert str(refused.value) == said
    assert EXAMPLE == "Type a date like 03/12/2026"


def test_a_date_after_the_latest_allowed_is_refused():
    assert read_typed_date("today", TODAY, latest=TODAY) == TODAY
    with pytest.raises(UnreadableDate, match="after 07/12/2026, the latest date this can be"):
        read_typed_date("08/12/2026", TODAY, latest=TODAY)
