"""What a document is built from: plain frozen records the services fill from their own.

Nothing here knows about the database; keys (platform, categories, policy edition, step)
are the policy package's keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

from avenue_desk.policy.people import salutation


@dataclass(frozen=True)
class SchoolDetails:
    name: str
    address: str = ""  # several lines, "\n"-separated
    head_name: str = ""
    logo_path: Path | None = None
    phone: str = ""
    email: str = ""
    head_title: str = "Headteacher"  # the signature line under the headteacher's name
    website: str = ""
    chair_of_governors: str = ""  # the Chair of Governors' name
    complaints_procedure: str = ""  # where it is published: "on the school website"


@dataclass(frozen=True)
class PersonDetails:
    """Whoever a letter goes to.

    "Dear …" comes only from what is recorded, never from a guess at which word of the name
    is the surname: the salutation the school recorded (``addressed_as``: "Mr and Mrs
    Okafor"); else ``title`` and ``family_name`` when both are recorded ("Mr Okafor"); else
    who they are to the children ("parent or carer of Ela", "grandmother of Ela"); else
    "Parent/Carer".
    """

    name: str
    address: str = ""  # several lines, "\n"-separated
    role: str = "parent"  # a policy role key
    relationship: str = ""  # e.g. "mother of Ela (Year 3)"
    title: str = ""  # Mr, Mrs, Ms, Miss, Mx, Dr...
    family_name: str = ""  # the surname as recorded ("" when it is not)
    children: tuple[str, ...] = ()  # the pupils this person is parent or carer of
    addressed_as: str = ""  # the recorded salutation, without "Dear"
    # What the school records this person is to the children ("grandmother"), when one word
    # says it for all of them ("" otherwise).
    relationship_label: str = ""

    @property
    def salutation(self) -> str:
        first_names = tuple((c.split(" (", 1)[0].split() or [c])[0] for c in self.children)
        return salutation(addressed_as=self.addressed_as, title=self.title,
                          surname=self.family_name, role=self.role,
                          relationship_label=self.relationship_label, children=first_names)


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
    # Where known; None / "" print as "not recorded" (the police pack never guesses).
    posted_at: time | None = None
    seen_at: time | None = None
    poster_account: str = ""  # the account as the site shows it
    referral_reason: str = ""  # the Headteacher's reason for a police referral
    offence_kind: str = ""  # a policy.police_referral key

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
    taken_at: time | None = None  # the time of day, where recorded


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
    captured_at: time | None = None  # the time of day captured, where known
    url: str = ""  # the web address captured, as recorded
    captured_by: str = ""  # who captured it
    account_shown: str = ""  # the account the capture shows ("@name")

    @property
    def is_image(self) -> bool:
        return self.media_type.startswith("image/")


@dataclass(frozen=True)
class RelatedIncident:
    """Another incident by the same poster (the same person or the same account), for the
    police pack's course of conduct and chronology."""

    id: int
    posted_on: date
    platform: str  # policy platform key
    posted_at: time | None = None
    location: str = ""
    poster_account: str = ""
    summary: str = ""  # the summary, or the start of the excerpt when there is none
    categories: tuple[str, ...] = ()
    closed: bool = False
    actions: tuple[ActionLine, ...] = ()  # its steps as they stand, withdrawn ones left out

    @property
    def reference(self) -> str:
        return f"AD-{self.id}"


@dataclass(frozen=True)
class PlatformReportLine:
    """A report the school made about the incident, for the police pack: to the platform
    (``made_to`` "platform") or to a route after it (policy.platform_routes' NEXT_ROUTES
    keys), with the reference it was given and the reply, as recorded."""

    reported_on: date
    made_to: str
    reference: str = ""
    reply: str = ""
    reply_on: date | None = None
