"""The two editions of the policy the school has adopted, and when each needs review."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from ._lookup import UnknownPolicyKey, get
from .quotes import AVENUE_2021, PARENTAL_2019


@dataclass(frozen=True)
class PolicyEdition:
    key: str
    title: str
    lead_label: str
    lead: str
    produced: date
    produced_label: str
    governors_agreed: date | None
    next_review: date
    next_review_label: str
    # The file the text ships in (under shared/policy), so a check command and the tests
    # can find the words every quote is taken from.
    source_filename: str = ""


EDITIONS: dict[str, PolicyEdition] = {
    AVENUE_2021: PolicyEdition(
        key=AVENUE_2021,
        title="The Avenue Primary School Social Media Policy",
        lead_label="Policy Lead",
        lead="David Joy",
        # The text gives only a month; the first of the month is the earliest day it can
        # have been in force, so edition_in_force never applies it too late.
        produced=date(2021, 11, 1),
        produced_label="November 2021",
        governors_agreed=None,  # the text does not say when (or whether) governors agreed it
        # A review "in November 2022" is not late until November is over.
        next_review=date(2022, 11, 30),
        next_review_label="November 2022",
        source_filename="the-avenue-social-media-policy-2021.txt",
    ),
    PARENTAL_2019: PolicyEdition(
        key=PARENTAL_2019,
        title="Parental Use of Social Media and the Internet Policy",
        lead_label="Policy Produced By",
        lead="L Woodburn",
        produced=date(2019, 2, 22),
        produced_label="22/2/19",
        governors_agreed=date(2019, 3, 6),
        # "Spring 2021": in a school, spring is the spring term (January to the Easter
        # holidays, which ended mid-April in 2021); calendar spring runs to May. We take
        # 30 April so the review is not called overdue while the school could still fairly
        # say it was "spring", but is flagged as soon as the summer term is under way.
        next_review=date(2021, 4, 30),
        next_review_label="Spring 2021",
        source_filename="parental-use-of-social-media-policy-2019.txt",
    ),
}

DEFAULT_EDITION_KEY = AVENUE_2021


def get_edition(key: str) -> PolicyEdition:
    return get("policy edition", EDITIONS, key)


def _effective(edition: PolicyEdition) -> date:
    # Governors' agreement is what brings a policy into force; without one, the date it
    # was produced is the best the text offers.
    return edition.governors_agreed or edition.produced


def edition_in_force(on: date) -> PolicyEdition:
    """The newest edition in force on a date; before any was agreed, the oldest one.

    An incident from before February 2019 is still judged by the earliest policy the
    school has, rather than by no policy at all.
    """
    by_start = sorted(EDITIONS.values(), key=_effective)
    current = by_start[0]
    for edition in by_start:
        if _effective(edition) <= on:
            current = edition
    return current


def edition_for_incident(school_choice: str | None, posted_on: date) -> PolicyEdition:
    """The edition an incident is judged by: the school's chosen edition once it was in
    force, otherwise whichever edition was in force on the day of the post."""
    if school_choice is None:
        return edition_in_force(posted_on)
    chosen = get_edition(school_choice)
    return chosen if posted_on >= _effective(chosen) else edition_in_force(posted_on)


@dataclass(frozen=True)
class ReviewStatus:
    overdue: bool
    days_overdue: int
    message: str
    years_overdue: int = 0
    months_overdue: int = 0  # whole months beyond years_overdue (0-11)


def _add_months(start: date, months: int) -> date:
    # Clamp to the month's last day, so 30 November + 3 months is 28 February, not March.
    year, month0 = divmod(start.month - 1 + months, 12)
    year += start.year
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(start.day, last))


def _whole_months_between(start: date, end: date) -> int:
    months = (end.year - start.year) * 12 + (end.month - start.month)
    while months > 0 and _add_months(start, months) > end:
        months -= 1
    return max(months, 0)


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def review_status(edition: PolicyEdition, today: date) -> ReviewStatus:
    """Whether the edition's review date has passed; ``today`` is passed in for testing."""
    if today <= edition.next_review:
        return ReviewStatus(False, 0, f"Next review due {edition.next_review_label}.")
    days = (today - edition.next_review).days
    years, months = divmod(_whole_months_between(edition.next_review, today), 12)
    if years:
        span = f"{_plural(years, 'year')} and {_plural(months, 'month')}"
    elif months:
        span = _plural(months, "month")
    else:
        span = _plural(days, "day")
    message = f"The review due in {edition.next_review_label} is overdue by {span}."
    return ReviewStatus(True, days, message, years, months)


__all__ = [
    "DEFAULT_EDITION_KEY",
    "EDITIONS",
    "PolicyEdition",
    "ReviewStatus",
    "UnknownPolicyKey",
    "edition_in_force",
    "get_edition",
    "review_status",
]
