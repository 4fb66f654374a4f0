"""What a document is built from: plain frozen records the services fill from their own.

Nothing here knows about the database; keys (platform, categories, policy edition, step)
are the policy package's keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class SchoolDetails:
    name: str
    address: str = ""  # several lines, "\n"-separated
    head_name: str = ""
    logo_path: Path | None = None
    phone: str = ""
    email: str = ""
    head_title: str = "Headteacher"


@dataclass(frozen=True)
class PersonDetails:
    """Whoever a letter goes to.

    The salutation is "Dear {title} {family name}" when ``title`` is set (the family name
    defaults to the last word of ``name``; set ``family_name`` where it is not, as in
    Chinese or Vietnamese order) and "Dear Parent/Carer" otherwise.
    """

    name: str
    address: str = ""  # several lines, "\n"-separated
    role: str = "parent"  # a policy role key
    relationship: str = ""  # e.g. "mother of Ela (Year 3)"
    title: str = ""  # Mr, Mrs, Ms, Miss, Mx, Dr...
    family_name: str = ""
    children: tuple[str, ...] = ()  # the pupils this person is parent or carer of

    @property
    def salutation(self) -> str:
        if not self.title.strip():
            return "Parent/Carer"
        family = self.family_name.strip() or (self.name.split() or [""])[-1]
        return f"{self.title.strip()} {family}".strip()


@dataclass(frozen=True)
class IncidentDetails:
    id: int
    posted_on: date
    platform: str  # policy platform key
    categories: tuple[str, ...]  # policy category keys
    policy_edition: str  # key of the edition in force when the post was made
    seen_on: date | None = None
    location: str = ""  # web address, page or group name
    excerpt: str = ""  # the words of the post, verbatim
    summary: str = ""
    on_school_forum: bool = False
    named_pupils: tuple[str, ...] = ()
    named_staff: tuple[str, ...] = ()
    reported_by: str = ""
    content_still_up: bool = True

    @property
    def reference(self) -> str:
        return f"AD-{self.id}"


@dataclass(frozen=True)
class ActionLine:
    """One entry of the incident's timeline."""

    date: date
    step: str  # policy step key
    by: str = ""
    outcome: str = ""
    notes: str = ""


@dataclass(frozen=True)
class EvidenceItem:
    """One stored file. ``verified`` is False when its SHA-256 no longer matches."""

    original_name: str
    media_type: str
    sha256: str
    captured_on: date | None
    path: Path | None
    verified: bool
    problem: str = ""  # "missing" / "changed" / ""
    note: str = ""

    @property
    def is_image(self) -> bool:
        return self.media_type.startswith("image/")
