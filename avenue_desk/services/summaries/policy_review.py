"""The governors' review of the policy: recorded by the Headteacher, seen wherever the
policy's review status is shown (Home, Reports, Settings, the report to governors).

The review is kept in the settings table, one set of keys per edition
(``policy_review.reviewed_on.avenue-2021`` and its ``next_review_on`` and ``note``, declared
in the settings registry), so a school that moves to another edition starts with no review
recorded for it. No table of its own: each recording also writes an audit row (action
``policy_review``) in the same transaction, and those rows are the history of past reviews.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from avenue_desk.policy import get_edition
from avenue_desk.policy.access import Operation
from avenue_desk.policy.editions import (
    PolicyEdition,
    ReviewStatus,
    default_next_review,
    review_status,
)
from avenue_desk.policy.settings_registry import (
    POLICY_EDITION,
    POLICY_NEXT_REVIEW,
    POLICY_REVIEW_NOTE,
    POLICY_REVIEWED_ON,
)
from avenue_desk.services.core.audit import local_time
from avenue_desk.services.core.database import Database
from avenue_desk.services.core.errors import ServiceError, ValidationError
from avenue_desk.services.core.settings import read_setting, write_setting
from avenue_desk.services.core.validation import LINE_LIMIT, clean_line, uk_date
from avenue_desk.store.models_accounts import AuditEntry

AUDIT_ACTION = "policy_review"
# A next review set further ahead than this is taken for a mistyped year: a forgotten
# reminder is worse than a second look at the date.
MAX_YEARS_AHEAD = 5


@dataclass(frozen=True)
class PolicyReview:
    """The edition in force and where its review stands."""

    edition: PolicyEdition
    status: ReviewStatus
    note: str = ""  # the minutes reference given with the review, if any

    @property
    def reviewed_on(self) -> date | None:
        return self.status.reviewed_on

    @property
    def due_by(self) -> date | None:
        return self.status.due_by

    @property
    def edition_name(self) -> str:
        """``The Avenue Primary School Social Media Policy (November 2021)``."""
        return f"{self.edition.title} ({self.edition.produced_label})"


@dataclass(frozen=True)
class PastReview:
    """One review as the audit trail holds it."""

    recorded_at: datetime  # this computer's local time
    recorded_by: str  # the username
    edition_key: str
    summary: str


def recorded_dates(session: Session, edition_key: str) -> tuple[date | None, date | None]:
    """The review recorded for an edition and the next review date set with it."""
    return (read_setting(session, POLICY_REVIEWED_ON, edition_key),
            read_setting(session, POLICY_NEXT_REVIEW, edition_key))


def review_in_force(session: Session, today: date) -> PolicyReview:
    """The edition the school has in force, and its review as recorded (or as the policy
    text dates it, when none is)."""
    edition = get_edition(read_setting(session, POLICY_EDITION))
    reviewed_on, next_review_on = recorded_dates(session, edition.key)
    status = review_status(edition, today, reviewed_on, next_review_on)
    note = read_setting(session, POLICY_REVIEW_NOTE, edition.key) if reviewed_on else ""
    return PolicyReview(edition, status, note)


class PolicyReviewService:
    """``current`` and ``history`` for everyone who sees the review status (governors
    too); ``record`` for the Headteacher alone."""

    def __init__(self, db: Database, clock, guard, audit):
        self._db = db
        self._clock = clock
        self._guard = guard
        self._audit = audit

    def may_record(self) -> bool:
        return self._guard.allowed(Operation.POLICY_REVIEW_RECORD)

    def current(self) -> PolicyReview:
        self._guard.require(Operation.POLICY_REVIEW_STATUS)
        with self._db.read() as session:
            return review_in_force(session, self._clock.today())

    def record(self, reviewed_on: date | None, next_review_on: date | None = None,
               note: str = "", edition_key: str | None = None) -> PolicyReview:
        """Governors reviewed the edition in force on ``reviewed_on``; the next review is
        due by ``next_review_on`` (a year later when not given). ``edition_key``, when
        given, must be the edition in force (what the person saw when they chose to record).

        Raises:
            ValidationError: a date or the note is refused, beside its field
                (``reviewed_on``, ``next_review_on``, ``note``).
            ServiceError: the edition is not the one in force.
        """
        actor = self._guard.require(Operation.POLICY_REVIEW_RECORD)
        today = self._clock.today()
        note = clean_line(note)
        with self._db.begin() as session:
            edition = get_edition(read_setting(session, POLICY_EDITION))
            if edition_key is not None and edition_key != edition.key:
                raise ServiceError(_not_in_force(edition_key, edition))
            next_review_on = _check(edition, reviewed_on, next_review_on, note, today)
            write_setting(session, POLICY_REVIEWED_ON, reviewed_on, edition.key)
            write_setting(session, POLICY_NEXT_REVIEW, next_review_on, edition.key)
            write_setting(session, POLICY_REVIEW_NOTE, note, edition.key)
            summary = (f"Governors' review of {edition.title} ({edition.produced_label}) "
                       f"recorded: reviewed on {uk_date(reviewed_on)}, next review due by "
                       f"{uk_date(next_review_on)}" + (f". Minutes: {note}" if note else ""))
            self._audit.record(session, actor, AUDIT_ACTION, "policy", edition.key, summary)
            return review_in_force(session, today)

    def history(self, limit: int = 50) -> list[PastReview]:
        """The reviews recorded so far, newest first, from the audit trail (only these rows
        are read, so seeing them does not need the audit trail's own permission)."""
        self._guard.require(Operation.POLICY_REVIEW_STATUS)
        statement = (select(AuditEntry).where(AuditEntry.action == AUDIT_ACTION)
                     .order_by(AuditEntry.id.desc()).limit(limit))
        with self._db.read() as session:
            return [PastReview(local_time(row.at), row.username, row.entity_id or "",
                               row.summary) for row in session.scalars(statement)]


def _not_in_force(edition_key: str, in_force: PolicyEdition) -> str:
    try:
        named = get_edition(edition_key).title
    except ValueError:
        named = f"“{edition_key}”"
    return (f"Only the edition in force can be recorded as reviewed: that is {in_force.title} "
            f"({in_force.produced_label}), not {named}. If the school has adopted another "
            "edition, choose it in Settings first.")


def _check(edition: PolicyEdition, reviewed_on: date | None, next_review_on: date | None,
           note: str, today: date) -> date:
    """The next review date to keep; raises ValidationError naming every problem."""
    errors: dict[str, str] = {}
    if reviewed_on is None:
        errors["reviewed_on"] = "Enter the date governors reviewed the policy."
    elif reviewed_on > today:
        errors["reviewed_on"] = (f"The review date ({uk_date(reviewed_on)}) is in the future: "
                                 "record a review once governors have held it.")
    elif reviewed_on < edition.produced:
        errors["reviewed_on"] = (f"The review date ({uk_date(reviewed_on)}) is before this "
                                 f"edition was written ({edition.produced_label}).")
    if reviewed_on is not None and "reviewed_on" not in errors:
        next_review_on = next_review_on or default_next_review(reviewed_on)
        if next_review_on <= reviewed_on:
            errors["next_review_on"] = (f"The next review ({uk_date(next_review_on)}) must be "
                                        f"after this one ({uk_date(reviewed_on)}).")
        elif next_review_on.year - reviewed_on.year > MAX_YEARS_AHEAD:
            errors["next_review_on"] = (f"The next review ({uk_date(next_review_on)}) is more "
                                        f"than {MAX_YEARS_AHEAD} years away: check the year.")
    if len(note) > LINE_LIMIT:
        errors["note"] = (f"The note is {len(note):,} characters long; the limit is "
                          f"{LINE_LIMIT}. A minutes reference is enough.")
    if errors:
        raise ValidationError(errors)
    return next_review_on
