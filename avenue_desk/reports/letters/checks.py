"""What must be answered before a letter prints, beyond its wording.

Each check is either put right (a meeting in the past, at a weekend, on a bank holiday or
outside school hours: choose another time) or answered by the person printing it, who
knows something the record does not (no address: it will be handed over; the post is
recorded as removed: send it all the same; a meeting in the school holidays: meet then
all the same). An answer is given by the check's ``key``; until then the check is one of
the letter's problems and it does not print.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from avenue_desk.policy.school_days import SCHOOL_HOURS, why_not_school_day
from avenue_desk.policy.terms import TermError

from ..formatting import uk_date_with_day, uk_time

NO_ADDRESS = "no-address"
POST_REMOVED = "post-removed"
SCHOOL_HOLIDAY = "school-holiday"
ANSWERS = (NO_ADDRESS, POST_REMOVED, SCHOOL_HOLIDAY)


@dataclass(frozen=True)
class LetterCheck:
    key: str  # what answers it (one of ANSWERS), or "" when it must be put right
    field: str  # the merge field it is shown beside ("document" for the letter as a whole)
    message: str  # a whole sentence for the office
    answer: str = ""  # the tick box that answers it: "I will hand this letter over"


def no_address(name: str) -> LetterCheck:
    return LetterCheck(
        NO_ADDRESS, "parent_address",
        f"No postal address is recorded for {name}: type it above to post the letter, or "
        "tick below if it will be handed over.",
        "There is no address: I will hand this letter over")


def post_removed() -> LetterCheck:
    return LetterCheck(
        POST_REMOVED, "document",
        "The post is recorded as removed, but this letter asks for it to be taken down. "
        "Check it is still online, or tick below to send the letter all the same.",
        "The post is back, or this letter is still needed: send it all the same")


def day_problem(day: date, overrides: Mapping[str, str] | None) -> str:
    """What ``day`` is when the school is closed ("a Saturday", "in the school holidays");
    a term date Settings cannot read gives way to the standard terms, as follow-ups do."""
    try:
        return why_not_school_day(day, overrides)
    except TermError:
        return why_not_school_day(day)


def _day(day: date) -> str:
    """ "Saturday 28 November 2026" with ordinary spaces (a message wraps where it likes)."""
    return uk_date_with_day(day).replace("\u00a0", " ")


def meeting_checks(at: datetime, now: datetime | None,
                   overrides: Mapping[str, str] | None) -> list[LetterCheck]:
    """Why a meeting at ``at`` cannot be offered (or must be confirmed)."""
    field = "meeting_date"
    when = f"{_day(at.date())} at {uk_time(at)}"
    if now is not None and at <= now:
        return [LetterCheck("", field, f"The meeting ({when}) is in the past: choose a date "
                                       "and time still to come.")]
    found = []
    closed = day_problem(at.date(), overrides)
    if closed.startswith("a ") and not closed.startswith("a bank"):
        found.append(LetterCheck("", field, f"{_day(at.date())} is {closed}: "
                                            "choose a school day for the meeting."))
    elif closed.startswith("a bank"):
        found.append(LetterCheck("", field, f"{_day(at.date())} is {closed}, when "
                                            "the school is closed: choose another day."))
    elif closed:
        found.append(LetterCheck(
            SCHOOL_HOLIDAY, field,
            f"{_day(at.date())} is {closed}: choose a day in term, or tick below "
            "if you will meet then all the same.",
            "The school will be open: meet in the holidays all the same"))
    opens, closes = SCHOOL_HOURS
    if not opens <= at.time() <= closes:
        found.append(LetterCheck(
            "", field, f"{uk_time(at)} is outside school hours: choose a time from "
                       f"{uk_time(opens)} to {uk_time(closes)}."))
    return found
