"""What the code of conduct documents are built from: plain frozen records, no database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class RegisterLine:
    name: str
    role: str  # a label: "Member of staff"
    status: str  # a status key: never / overdue / changed / due_soon / current
    status_label: str  # "Current — 1 item to put right" where a check's answer is open
    last_signed_on: date | None = None
    renewal_due: date | None = None
    notes: str = ""  # items to acknowledge again, checks to put right, paper, in progress
    to_put_right: int = 0  # checks whose answer still needs putting right

    @property
    def tone(self) -> str:
        """The status's colour, except that "current" with an item to put right is amber."""
        return "put_right" if self.status == "current" and self.to_put_right else self.status


@dataclass(frozen=True)
class RegisterSummary:
    as_of: date
    renewal_months: int
    due_soon_days: int
    lines: tuple[RegisterLine, ...]
    filter_text: str = ""  # "Showing: overdue only", or "" for everyone


@dataclass(frozen=True)
class FormPerson:
    """Who a pre-filled form is for."""

    name: str
    role: str = ""  # a label
    last_signed_on: date | None = None


@dataclass(frozen=True)
class PermissionDetails:
    """One written permission from the Headteacher (``uses`` are labels)."""

    reference: str  # "P-12"
    person_name: str
    person_role: str
    uses: tuple[str, ...]
    what: str
    place: str
    valid_from: date
    valid_until: date | None
    agreed_on: date
    agreed_by: str = ""
    notes: str = ""
