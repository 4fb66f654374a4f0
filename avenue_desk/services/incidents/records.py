"""What the incident services hand out and take in: plain frozen records.

Widgets never see ORM objects or sessions; they see these.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

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



@dataclass(frozen=True)
class ActionInput:
    step: str
    taken_on: date | None
    taken_by: str = ""
    outcome: str = ""
    notes: str = ""
    follow_up_due: date | None = None
    removal_confirmed: bool = False



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
    sort_key: str = "posted_on"
    descending: bool = True



@dataclass(frozen=True)
class AttentionItem:
    incident_id: int
    kind: str  # "overdue" / "due_today" / "still_up" / "serious"
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
