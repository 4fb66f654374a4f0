"""Editions: metadata as the texts state it, which one is in force, and review status."""

from __future__ import annotations

from datetime import date

import pytest

from avenue_desk.policy import (
    DEFAULT_EDITION_KEY,
    EDITIONS,
    UnknownPolicyKey,
    edition_in_force,
    get_edition,
    review_status,
)
from avenue_desk.policy.editions import default_next_review, long_date


def test_edition_metadata_matches_the_texts(policy_texts):
    avenue = get_edition("avenue-2021")
    assert avenue.title == "The Avenue Primary School Social Media Policy"
    assert (avenue.lead_label, avenue.lead) == ("Policy Lead", "David Joy")
    assert (avenue.produced, avenue.produced_label) == (date(2021, 11, 1), "November 2021")
    assert avenue.governors_agreed is None
    assert (avenue.next_review, avenue.next_review_label) == (date(2022, 11, 30), "November 2022")

    parental = get_edition("parental-2019")
    assert parental.title == "Parental Use of Social Media and the Internet Policy"
    assert (parental.lead_label, parental.lead) == ("Policy Produced By", "L Woodburn")
    assert (parental.produced, parental.produced_label) == (date(2019, 2, 22), "22/2/19")
    assert parental.governors_agreed == date(2019, 3, 6)
    assert (parental.next_review, parental.next_review_label) == (date(2021, 4, 30), "Spring 2021")

    # The labels and names are the texts' own words.
    for edition in EDITIONS.values():
        text = policy_texts[edition.key]
        for words in (edition.lead_label, edition.lead, edition.produced_label):
            assert words in text
        assert edition.next_review_label in text
    assert "06/03/2019" in policy_texts["parental-2019"]
    assert DEFAULT_EDITION_KEY == "avenue-2021"


def test_get_edition_unknown_lists_valid_keys():
    with pytest.raises(UnknownPolicyKey) as caught:
        get_edition("avenue-2020")
    message = str(caught.value)
    assert "'avenue-2020'" in message
    assert "avenue-2021" in message and "parental-2019" in message
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2015, 9, 1), "parental-2019"),  # before any edition: the earliest applies
        (date(2019, 2, 22), "parental-2019"),  # produced, not yet agreed
        (date(2019, 3, 5), "parental-2019"),
        (date(2019, 3, 6), "parental-2019"),  # the day governors agreed it
        (date(2021, 10, 31), "parental-2019"),
        (date(2021, 11, 1), "avenue-2021"),  # first day of the month it was produced
        (date(2021, 11, 2), "avenue-2021"),
        (date(2030, 1, 1), "avenue-2021"),
    ],
)
def test_edition_in_force_boundaries(on, expected):
    assert edition_in_force(on).key == expected


AVENUE_NOT_RECORDED = ("No review recorded for this edition \N{EM DASH} governors were due "
                       "to review it by November 2022.")


@pytest.mark.parametrize(
    ("key", "today", "overdue", "days", "years", "months"),
    [
        ("avenue-2021", date(2022, 1, 1), False, 0, 0, 0),
        ("avenue-2021", date(2022, 11, 30), False, 0, 0, 0),
        ("avenue-2021", date(2022, 12, 1), True, 1, 0, 0),
        ("avenue-2021", date(2022, 12, 29), True, 29, 0, 0),
        # 30 Nov + 3 months, clamped to the end of February
        ("avenue-2021", date(2023, 2, 28), True, 90, 0, 3),
        ("avenue-2021", date(2023, 11, 30), True, 365, 1, 0),
        ("avenue-2021", date(2026, 11, 30), True, 1461, 4, 0),
        ("avenue-2021", date(2027, 1, 5), True, 1497, 4, 1),
        ("parental-2019", date(2021, 4, 30), False, 0, 0, 0),
        ("parental-2019", date(2023, 7, 1), True, 792, 2, 2),
    ],
)
def test_review_status_with_no_review_recorded(key, today, overdue, days, years, months):
    """The policy text's own date applies; once past, the sentence says only what is known:
    no review is recorded, and when the text wanted one (not "overdue by four years")."""
    edition = get_edition(key)
    status = review_status(edition, today)
    assert (status.overdue, status.days_overdue) == (overdue, days)
    assert (status.years_overdue, status.months_overdue) == (years, months)
    assert not status.recorded and status.due_by == edition.next_review
    if overdue:
        assert status.message == (
            "No review recorded for this edition \N{EM DASH} governors were due to review it "
            f"by {edition.next_review_label}.")
    else:
        assert status.message == f"Next review due {edition.next_review_label}."


def test_the_sentence_names_the_texts_own_review_date():
    assert review_status(get_edition("avenue-2021"), date(2026, 11, 21)).message == \
        AVENUE_NOT_RECORDED
    assert review_status(get_edition("parental-2019"), date(2026, 11, 21)).message.endswith(
        "governors were due to review it by Spring 2021.")


def test_review_status_exposes_years_and_months():
    status = review_status(get_edition("avenue-2021"), date(2026, 10, 29))
    assert (status.years_overdue, status.months_overdue) == (3, 10)
    # One day short of a whole month stays in the month before.
    assert review_status(get_edition("avenue-2021"), date(2023, 2, 27)).months_overdue == 2


@pytest.mark.parametrize(
    ("today", "overdue", "message"),
    [
        (date(2026, 12, 10), False,
         "Reviewed by governors on 3 December 2026; next review due by 3 December 2027."),
        (date(2027, 12, 3), False,  # due by the day itself: not yet late
         "Reviewed by governors on 3 December 2026; next review due by 3 December 2027."),
        (date(2027, 12, 4), True,
         "Review overdue since 3 December 2027. Governors last reviewed it on 3 December 2026."),
    ],
)
def test_a_recorded_review_sets_the_next_date(today, overdue, message):
    status = review_status(get_edition("avenue-2021"), today, date(2026, 12, 3))
    assert (status.overdue, status.message) == (overdue, message)
    assert status.recorded and status.reviewed_on == date(2026, 12, 3)
    assert status.due_by == date(2027, 12, 3)  # a year on when no next date is given


def test_a_recorded_next_date_is_kept_and_a_leap_day_review_comes_round_a_year_on():
    edition = get_edition("avenue-2021")
    status = review_status(edition, date(2028, 6, 1), date(2026, 12, 3), date(2028, 7, 1))
    assert not status.overdue and status.due_by == date(2028, 7, 1)
    status = review_status(edition, date(2029, 3, 1), date(2028, 2, 29))
    assert status.due_by == date(2029, 2, 28) and status.overdue and status.days_overdue == 1
    assert default_next_review(date(2028, 2, 29)) == date(2029, 2, 28)
    assert long_date(date(2027, 12, 3)) == "3 December 2027"
