"""What the incident services hand out and take in: plain frozen records.

Widgets never see ORM objects or sessions; they see these.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from avenue_desk.services.people import PersonRecord


@dataclass(frozen=True)
class IncidentInput:
    """What the editor (or an import row) submits."""

    posted_on: date | None
    platform: str
    categories: tuple[str, ...]
    seen_on: date | None = None
    reported_by: str = ""
    location: str = ""
    poster_id: int | None = None
    named_person_ids: tuple[int, ...] = ()
    excerpt: str = ""
    summary: str = ""
    content_still_up: bool = True
    on_school_forum: bool = False
    policy_edition: str | None = None  # None: the edition in force on posted_on
    # Where known (for a police officer's chronology); None is "not recorded".
    posted_at: time | None = None
    seen_at: time | None = None
    poster_account: str = ""  # the account as the site shows it: "@name", a profile link



@dataclass(frozen=True)
class ActionRecord:
    id: int
    incident_id: int
    step: str
    step_label: str
    taken_on: date
    taken_by: str
    outcome: str
    notes: str
    follow_up_due: date | None
    follow_up_done: bool
    removal_confirmed: bool
    # True when the notes and outcome of a legal step are not shown to this account.
    withheld: bool = False
    status: str = "current"  # "current", "withdrawn" (kept, struck through), "corrected"
    first_id: int = 0  # the step's first row: the same for every version of it
    recorded_by: str = ""  # the account that entered this version ("" before part 9)
    created_at: datetime | None = None
    correction_note: str = ""
    withdrawn_at: datetime | None = None
    withdrawn_by: str = ""
    withdrawn_reason: str = ""
    letter: str = ""  # the letter whose saving or printing recorded the step
    follow_up_note: str = ""  # the note given when done, or "Superseded by …"
    follow_up_closed_at: datetime | None = None
    follow_up_closed_by: str = ""
    follow_up_superseded: bool = False
    earlier: tuple[ActionRecord, ...] = ()  # the versions a correction replaced, oldest first

    @property
    def withdrawn(self) -> bool:
        return self.status == "withdrawn"

    @property
    def corrected(self) -> bool:
        """True for a step corrected since it was first recorded (``earlier`` holds what
        it said before)."""
        return bool(self.earlier)

    @property
    def follow_up_open(self) -> bool:
        return (self.follow_up_due is not None and not self.follow_up_done
                and self.status == "current")



@dataclass(frozen=True)
class ActionInput:
    step: str
    taken_on: date | None
    taken_by: str = ""
    outcome: str = ""
    notes: str = ""
    follow_up_due: date | None = None
    removal_confirmed: bool = False
    letter: str = ""  # set by the letters service: the letter that records this step
    taken_at: time | None = None  # the time of day it was taken, where known



@dataclass(frozen=True)
class FollowUpDay:
    """A follow-up date checked against the school's days: ``problem`` says what it is when
    it is not one ("a Saturday", "a bank holiday (Boxing Day)", "in the school holidays"),
    and ``next_school_day`` is the one to offer instead."""

    day: date
    problem: str
    next_school_day: date



@dataclass(frozen=True)
class StageChange:
    """What recording, correcting or withdrawing a step would do, for the confirmation the
    window asks before it does it. ``refused`` is why it cannot be done ("" when it can)."""

    stage_before: str
    stage_after: str
    refused: str = ""
    letters: tuple[str, ...] = ()  # letters already recorded against the step
    follow_ups_reopened: int = 0  # follow-ups the step had superseded, open again after
    shows_post_up_again: bool = False  # it was the only step saying the post was removed

    @property
    def moves(self) -> bool:
        return self.stage_before != self.stage_after



@dataclass(frozen=True)
class EvidenceRecord:
    id: int
    incident_id: int
    original_name: str
    media_type: str
    size_bytes: int
    sha256: str
    captured_on: date | None
    added_at: datetime
    note: str
    path: str  # absolute path of the stored copy
    captured_at: time | None = None  # the time of day captured, where known
    url: str = ""  # the web address captured, as typed
    captured_by: str = ""  # who captured it (by default whoever added it)
    account_shown: str = ""  # the account the capture shows ("@name"), as typed
    stored_name: str = ""  # its name in the evidence store (core/evidence_store.py)
    row_version: int = 1  # handed back with a save (services/core/versions.py)


@dataclass(frozen=True)
class EvidenceDetails:
    """What can be said about an evidence file, and corrected (``set_details``)."""

    captured_on: date | None
    captured_at: time | None = None
    url: str = ""
    captured_by: str = ""
    account_shown: str = ""
    note: str = ""


@dataclass(frozen=True)
class EvidenceCheck:
    evidence_id: int
    ok: bool
    problem: str = ""  # "missing" / "changed" / ""



@dataclass(frozen=True)
class IncidentRecord:
    id: int
    posted_on: date
    seen_on: date | None
    reported_by: str
    platform: str
    location: str
    poster: PersonRecord | None
    named_people: tuple[PersonRecord, ...]
    categories: tuple[str, ...]
    excerpt: str
    summary: str
    content_still_up: bool
    on_school_forum: bool
    policy_edition: str
    phase: str
    phase_before_close: str | None
    next_follow_up: date | None
    created_at: datetime
    updated_at: datetime
    actions: tuple[ActionRecord, ...] = ()
    evidence: tuple[EvidenceRecord, ...] = ()
    posted_at: time | None = None
    seen_at: time | None = None
    poster_account: str = ""
    # The Headteacher's police referral details: blank for accounts that may not read
    # legal notes (see from_rows.withhold_legal_notes).
    referral_reason: str = ""
    offence_kind: str = ""  # a policy.police_referral key, "" when not recorded
    # The account record ``poster_account`` names (None when none was typed), and the
    # person it is linked to ("" while not yet known).
    account_id: int | None = None
    account_person_id: int | None = None
    account_person_name: str = ""
    # The version saved (services/core/versions.py): handed back with a save, which is
    # refused if the incident has changed since.
    row_version: int = 1

    @property
    def status(self) -> str:
        return "closed" if self.phase == "closed" else "open"



@dataclass(frozen=True)
class IncidentRow:
    """One line of the incident list: only what the table shows."""

    id: int
    posted_on: date
    platform: str
    poster_name: str
    categories: tuple[str, ...]
    summary: str
    phase: str
    content_still_up: bool
    next_follow_up: date | None

    @property
    def status(self) -> str:
        return "closed" if self.phase == "closed" else "open"


SORT_KEYS = ("id", "posted_on", "platform", "poster", "phase", "next_follow_up")



@dataclass(frozen=True)
class IncidentQuery:
    status: str | None = None  # "open" / "closed" / None for all
    category: str | None = None
    platform: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""
    overdue_only: bool = False
    due_today_only: bool = False
    still_up_only: bool = False
    # Posted by this person: as the poster, or through an account linked to them.
    posted_by: int | None = None
    # Posted through this social media account (whoever it turns out to be).
    posted_by_account: int | None = None
    sort_key: str = "posted_on"
    descending: bool = True



@dataclass(frozen=True)
class AttentionItem:
    incident_id: int
    kind: str  # "overdue" / "due_today" / "still_up" / "serious" / "platform_silent"
    message: str
    due: date | None = None



@dataclass(frozen=True)
class HomeSummary:
    open_incidents: int
    overdue: tuple[AttentionItem, ...]
    due_today: tuple[AttentionItem, ...]
    still_up: tuple[AttentionItem, ...]
    still_up_total: int = 0
    overdue_total: int = 0
    due_today_total: int = 0
    # Reported to the platform a week or more ago and still up: the next route is due.
    platform_silent: tuple[AttentionItem, ...] = ()
    platform_silent_total: int = 0
