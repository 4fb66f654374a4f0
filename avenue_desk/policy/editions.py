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
    # The governors' review the school recorded for this edition (None: none recorded, and
    # the policy text's own review date applies), and the day the next review is due by.
    reviewed_on: date | None = None
    due_by: date | None = None

    @property
    def recorded(self) -> bool:
        return self.reviewed_on is not None


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


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")


def long_date(day: date) -> str:
    """``3 December 2026``, in English whatever the computer's language."""
    return f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


def default_next_review(reviewed_on: date) -> date:
    """A year after governors reviewed it (29 February gives 28 February)."""
    return _add_months(reviewed_on, 12)


def _overdue_by(due: date, today: date) -> tuple[int, int, int]:
    """Days, whole years and the months beyond them since ``due``."""
    years, months = divmod(_whole_months_between(due, today), 12)
    return (today - due).days, years, months


def review_status(edition: PolicyEdition, today: date, reviewed_on: date | None = None,
                  next_review_on: date | None = None) -> ReviewStatus:
    """Whether the edition's review is due; ``today`` is passed in for testing.

    With no review recorded (``reviewed_on`` None) the date the policy text gives applies,
    and once it has passed the sentence says only what is known: that no review is
    recorded, and when the text wanted one. A recorded review sets the next date
    (``next_review_on``, a year on when not given).
    """
    if reviewed_on is None:
        if today <= edition.next_review:
            return ReviewStatus(False, 0, f"Next review due {edition.next_review_label}.",
                                due_by=edition.next_review)
        days, years, months = _overdue_by(edition.next_review, today)
        message = ("No review recorded for this edition \N{EM DASH} governors were due to "
                   f"review it by {edition.next_review_label}.")
        return ReviewStatus(True, days, message, years, months, due_by=edition.next_review)
    due = next_review_on or default_next_review(reviewed_on)
    if today <= due:
        return ReviewStatus(False, 0, f"Reviewed by governors on {long_date(reviewed_on)}; "
                            f"next review due by {long_date(due)}.", reviewed_on=reviewed_on,
                            due_by=due)
    days, years, months = _overdue_by(due, today)
    message = (f"Review overdue since {long_date(due)}. Governors last reviewed it on "
               f"{long_date(reviewed_on)}.")
    return ReviewStatus(True, days, message, years, months, reviewed_on=reviewed_on, due_by=due)


__all__ = [
    "DEFAULT_EDITION_KEY",
    "EDITIONS",
    "PolicyEdition",
    "ReviewStatus",
    "UnknownPolicyKey",
    "default_next_review",
    "edition_in_force",
    "get_edition",
    "long_date",
    "review_status",
]
