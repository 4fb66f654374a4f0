"""Frozen records for the staff code of conduct, as the window and command line see them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from avenue_desk.policy.settings_registry import CONDUCT_DUE_SOON_DAYS, CONDUCT_RENEWAL_MONTHS

# Register statuses, most urgent first (kept in their own light module for the command line).
from avenue_desk.services.conduct.statuses import (  # noqa: E402, F401 - re-exported
    CHANGED,
    CURRENT,
    DUE_SOON,
    NEVER,
    OVERDUE,
    PUT_RIGHT,
    STATUS_LABELS,
    STATUSES,
    status_text,
)
from avenue_desk.services.people import PersonRecord

ACCEPTED, YES, NO = "accepted", "yes", "no"


@dataclass(frozen=True)
class ItemAnswer:
    """One answer: "accepted" for a ticked rule, "yes"/"no" for a check, "" for none yet."""

    key: str
    answer: str = ""
    note: str = ""


@dataclass(frozen=True)
class AcknowledgementDraft:
    """What the wizard needs to start (or carry on) for one person. Nothing is stored until
    the first ``save_progress``: opening the wizard and cancelling leaves no trace."""

    person: PersonRecord
    acknowledgement_id: int | None  # None until progress is first saved
    scope: str  # "full" (every item: the annual renewal) or "changes" (changed items only)
    required_keys: tuple[str, ...]  # the items this acknowledgement covers, in policy order
    answers: tuple[ItemAnswer, ...]  # saved answers still valid for the current wording
    changed_keys: tuple[str, ...]  # items new or reworded since the person last signed
    last_signed_on: date | None
    started_at: datetime | None  # when the saved progress was begun (None: fresh)
    last_section: str = ""

    @property
    def resumed(self) -> bool:
        return self.acknowledgement_id is not None

    def answer(self, key: str) -> ItemAnswer:
        for found in self.answers:
            if found.key == key:
                return found
        return ItemAnswer(key)


@dataclass(frozen=True)
class AcknowledgedItem:
    key: str
    label: str  # "Commitment 7: …" (the item's current label; "" if no longer in the code)
    text: str  # the exact words accepted
    version: str
    answer: str
    note: str
    failure: bool = False  # a check answered other than the code expects, and it matters
    # A check answered other than the code expects where the code only recommends (a friend
    # request with a parent): not a failure, but what the person declared.
    declared: bool = False
    question: str = ""  # checks only: the question as it is asked now


@dataclass(frozen=True)
class AcknowledgementRecord:
    id: int
    person_id: int
    person_name: str
    edition: str
    scope: str
    status: str  # "in_progress" / "complete"
    started_at: datetime
    completed_at: datetime | None
    signed_name: str
    signed_on: date | None
    on_paper: bool
    recorded_by: str
    items: tuple[AcknowledgedItem, ...]

    @property
    def failures(self) -> tuple[AcknowledgedItem, ...]:
        return tuple(i for i in self.items if i.failure)


@dataclass(frozen=True)
class RegisterRow:
    person_id: int
    full_name: str
    role: str
    status: str
    last_signed_on: date | None  # the last full acknowledgement
    renewal_due: date | None
    changed_items: tuple[str, ...] = ()  # labels of items to acknowledge again
    failed_checks: tuple[str, ...] = ()  # labels of checks answered as needing putting right
    in_progress: bool = False
    on_paper: bool = False  # the last full acknowledgement was a signed paper form

    @property
    def status_label(self) -> str:
        """"Current — 1 item to put right" while a check still needs putting right."""
        return status_text(self.status, len(self.failed_checks))

    @property
    def tone(self) -> str:
        """How the status is coloured: as its status, except that "current" with items to put
        right is "put_right" (amber, never the green of plainly current)."""
        return PUT_RIGHT if self.status == CURRENT and self.failed_checks else self.status


@dataclass(frozen=True)
class RegisterQuery:
    statuses: tuple[str, ...] = ()  # empty: every status
    roles: tuple[str, ...] = ()  # empty: staff, volunteers and governors
    text: str = ""


@dataclass(frozen=True)
class ConductPeriods:
    renewal_months: int = CONDUCT_RENEWAL_MONTHS.default
    due_soon_days: int = CONDUCT_DUE_SOON_DAYS.default


@dataclass(frozen=True)
class ConductReminder:
    overdue: int
    never: int
    changed: int
    due_soon: int
    total: int  # everyone the code applies to

    @property
    def needing_action(self) -> int:
        return self.overdue + self.never + self.changed

    @property
    def message(self) -> str:
        """"3 people are overdue for the code of conduct; 2 have never acknowledged it."."""
        parts = []
        if self.overdue:
            parts.append(f"{_people(self.overdue)} {_be(self.overdue)} overdue for the code "
                         "of conduct")
        if self.never:
            parts.append(f"{_people(self.never)} {_have(self.never)} never acknowledged it")
        if self.changed:
            parts.append(f"{_people(self.changed)} {_have(self.changed)} changed items to "
                         "acknowledge")
        if self.due_soon:
            parts.append(f"{_people(self.due_soon)} {_be(self.due_soon)} due to renew soon")
        if not parts:
            return ("Everyone is up to date with the code of conduct." if self.total
                    else "")
        text = "; ".join(parts)
        return text[:1].upper() + text[1:] + "."


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


def _be(count: int) -> str:
    return "is" if count == 1 else "are"


def _have(count: int) -> str:
    return "has" if count == 1 else "have"


# --- permissions, designations and contact-detail exceptions ------------------------------

PERMISSION, DESIGNATION, CONTACT_EXCEPTION = "permission", "designation", "contact_exception"
AUTHORISATION_KINDS = (PERMISSION, DESIGNATION, CONTACT_EXCEPTION)
PERMISSION_USES = {"name": "The school's name", "logo": "The school's logo",
                   "material": "Other published material"}
DESIGNATION_PURPOSES = {"images": "Publicity use of images",
                        "accounts": "The school's social media accounts"}


@dataclass(frozen=True)
class AuthorisationInput:
    person_id: int | None
    what: str
    place: str = ""  # permission: where used; designation: which accounts; exception: to whom
    valid_from: date | None = None
    valid_until: date | None = None  # None: until withdrawn
    agreed_by: str = ""
    agreed_on: date | None = None
    notes: str = ""
    uses: tuple[str, ...] = ()  # permissions: keys of PERMISSION_USES
    purpose: str = ""  # designations: a key of DESIGNATION_PURPOSES


@dataclass(frozen=True)
class AuthorisationRecord:
    kind: str
    id: int
    person_id: int
    person_name: str
    what: str
    place: str
    valid_from: date
    valid_until: date | None
    agreed_by: str
    agreed_on: date
    notes: str
    uses: tuple[str, ...] = ()
    purpose: str = ""
    row_version: int = 1  # handed back with a save (services/core/versions.py)

    def active_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


# --- breaches ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CitedItem:
    """A code item as the person had acknowledged it (or, if never, as the code says now)."""

    key: str
    label: str
    text: str
    version: str
    acknowledged_on: date | None  # None: not acknowledged before the breach
    acknowledgement_id: int | None = None
    reworded_since: bool = False  # the code's wording has changed since


@dataclass(frozen=True)
class BreachInput:
    person_id: int | None
    item_keys: tuple[str, ...]
    what: str
    occurred_on: date | None
    reported_on: date | None = None
    reported_by: str = ""


@dataclass(frozen=True)
class BreachStepRecord:
    id: int
    taken_on: date
    taken_by: str
    description: str


@dataclass(frozen=True)
class BreachEvidenceRecord:
    id: int
    breach_id: int
    original_name: str
    media_type: str
    size_bytes: int
    sha256: str
    captured_on: date | None
    added_at: datetime
    note: str
    path: str
    # Shown by the same evidence panel as an incident's files; a breach's files have no
    # capture time recorded (no column for it), so it is always unknown.
    captured_at: time | None = None
    stored_name: str = ""  # its name in the evidence store (core/evidence_store.py)


@dataclass(frozen=True)
class BreachRecord:
    id: int
    person: PersonRecord
    items: tuple[CitedItem, ...]
    what: str
    occurred_on: date
    reported_on: date
    reported_by: str
    outcome: str | None
    outcome_on: date | None
    outcome_notes: str
    steps: tuple[BreachStepRecord, ...] = ()
    evidence: tuple[BreachEvidenceRecord, ...] = ()
    row_version: int = 1  # handed back with a save (services/core/versions.py)

    @property
    def is_closed(self) -> bool:
        return self.outcome is not None


@dataclass(frozen=True)
class BreachRow:
    id: int
    person_name: str
    occurred_on: date
    item_labels: tuple[str, ...]
    outcome: str | None
    steps: int
