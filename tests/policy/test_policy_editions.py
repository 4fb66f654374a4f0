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


@pytest.mark.parametrize(
    ("key", "today", "overdue", "days", "message"),
    [
        ("avenue-2021", date(2022, 1, 1), False, 0, "Next review due November 2022."),
        ("avenue-2021", date(2022, 11, 30), False, 0, "Next review due November 2022."),
        (
            "avenue-2021",
            date(2022, 12, 1),
            True,
            1,
            "The review due in November 2022 is overdue by 1 day.",
        ),
        (
            "avenue-2021",
            date(2022, 12, 29),
            True,
            29,
            "The review due in November 2022 is overdue by 29 days.",
        ),
        (
            "avenue-2021",
            date(2023, 2, 28),  # 30 Nov + 3 months, clamped to the end of February
            True,
            90,
            "The review due in November 2022 is overdue by 3 months.",
        ),
        (
            "avenue-2021",
            date(2023, 11, 30),
            True,
            365,
            "The review due in November 2022 is overdue by 1 year and 0 months.",
        ),
        (
            "avenue-2021",
            date(2026, 11, 30),
            True,
            1461,
            "The review due in November 2022 is overdue by 4 years and 0 months.",
        ),
        (
            "avenue-2021",
            date(2027, 1, 5),
            True,
            1497,
            "The review due in November 2022 is overdue by 4 years and 1 month.",
        ),
        ("parental-2019", date(2021, 4, 30), False, 0, "Next review due Spring 2021."),
        (
            "parental-2019",
            date(2023, 7, 1),
            True,
            792,
            "The review due in Spring 2021 is overdue by 2 years and 2 months.",
        ),
    ],
)
def test_review_status(key, today, overdue, days, message):
    status = review_status(get_edition(key), today)
    assert (status.overdue, status.days_overdue, status.message) == (overdue, days, message)


def test_review_status_exposes_years_and_months():
    status = review_status(get_edition("avenue-2021"), date(2026, 10, 29))
    assert (status.years_overdue, status.months_overdue) == (3, 10)
    assert status.message.endswith("overdue by 3 years and 10 months.")
    # One day short of a whole month stays in the month before.
    assert review_status(get_edition("avenue-2021"), date(2023, 2, 27)).months_overdue == 2
