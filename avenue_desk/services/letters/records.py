"""The records and errors the letter services hand to the window and the command line."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from avenue_desk.policy.access import Operation
from avenue_desk.services.core import errors
from avenue_desk.services.core.errors import ServiceError, StepNotAllowed
from avenue_desk.services.core.files import private_folder
from avenue_desk.services.incidents import ActionRecord

KINDS = ("removal-request", "meeting", "warning", "forum-restriction", "host-takedown",
         "police-referral")
GUIDANCE = "guidance"

# How the window and the timeline name each document.
LABELS = {
    "removal-request": "Request to remove the post",
    "meeting": "Invitation to a meeting with the Headteacher",
    "warning": "Formal warning",
    "forum-restriction": "Notice that forum access is restricted",
    "host-takedown": "Request to the platform to remove the post",
    "police-referral": "Police referral pack",
}
SHORT_NAMES = {
    "removal-request": "Removal request",
    "meeting": "Meeting invitation",
    "warning": "Warning letter",
    "forum-restriction": "Forum restriction notice",
    "host-takedown": "Takedown request",
    "police-referral": "Police referral pack",
}
TO_PARENT = frozenset({"removal-request", "meeting", "warning", "forum-restriction"})
# Edits to these change the letter's recipient, not a merge field of the wording.
RECIPIENT_FIELDS = ("parent_name", "parent_address", "parent_title", "parent_surname",
                    "parent_salutation")
# Each of those edits -> the part of the recipient (reports.context.PersonDetails) it sets.
RECIPIENT_PARTS = (("parent_name", "name"), ("parent_address", "address"),
                   ("parent_title", "title"), ("parent_surname", "family_name"),
                   ("parent_salutation", "addressed_as"))
# What the police pack lets the office correct for the pack alone (and "poster_name").
POLICE_FIELDS = ("excerpt", "summary", "location", "reported_by", "poster_account")
ACTIONS = ("saved", "printed")


def letter_operation(kind: str) -> Operation:
    """What an account needs to make this letter (the police pack is the Headteacher's)."""
    if kind == "police-referral":
        return Operation.LETTER_POLICE
    if kind == "host-takedown":
        return Operation.LETTER_HOST
    return Operation.LETTER_PARENT


def audit_action(action: str) -> str:
    """ "saved"/"printed" as the audit trail's "save"/"print"."""
    return "print" if action == "printed" else "save"


class LetterRefused(StepNotAllowed):
    """The policy does not allow this letter for this incident now (reason and sentence)."""


class LetterProblems(ServiceError):
    """The letter cannot print until these are put right (each a TemplateProblem)."""

    def __init__(self, problems, title: str = "The letter"):
        self.problems = tuple(problems)
        listed = " ".join(p.message for p in self.problems)
        super().__init__(f"{title} cannot be printed yet: {listed}")


class Cancelled(errors.Cancelled):
    MESSAGE = "Cancelled: no PDF was made."


@dataclass(frozen=True)
class LetterChoice:
    """One document offered for an incident, or refused with the reason and sentence."""

    kind: str
    label: str
    allowed: bool
    reason: str = ""
    quote: object = None  # policy.PolicyQuote
    records: bool = True  # printing it records a step on the timeline
    step_label: str = ""  # the step it records, as the timeline names it
    # Beside a refused letter: "not available now" (the policy's stage) or, when the account
    # may never make it, who may ("Headteacher only").
    unavailable: str = "not available now"


@dataclass(frozen=True)
class PreparedLetter:
    incident_id: int
    kind: str
    title: str
    values: Mapping[str, object] = field(hash=False)  # merge field -> str or tuple[str, ...]
    fields: tuple[str, ...]  # what the edit dialog shows, in the letter's order
    problems: tuple = ()  # TemplateProblem: each must be put right before printing
    notes: tuple[str, ...] = ()  # worth knowing, not stopping anything
    file_name: str = ""
    unprintable: tuple[str, ...] = ()  # fields holding characters no font has
    # What the person printing it may answer (reports.letters.LetterCheck with a key):
    # shown with a tick box; until ticked, each is also one of ``problems``.
    checks: tuple = ()

    @property
    def ready(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class RecordResult:
    action: ActionRecord | None
    message: str


@dataclass(frozen=True)
class BatchPlan:
    kind: str
    ready: tuple[int, ...]
    refused: tuple[tuple[int, str], ...]  # (incident id, why its letter cannot be made)


def write_pdf(path: str | os.PathLike, data: bytes) -> Path:
    """Writes to a temporary file beside ``path`` and renames it: never half a PDF."""
    target = Path(path)
    private_folder(target.parent)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".avenue-", suffix=".part")  # 0600
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target


def check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ServiceError(f"Unknown letter “{kind}”: choose one of {', '.join(KINDS)}.")


def _problem(message: str):
    from avenue_desk.reports import TemplateProblem

    return TemplateProblem("document", message)


def safe_file_name(name: str) -> str:
    """A file name Windows accepts: no \\ / : * ? " < > |."""
    return "".join("-" if ch in '\\/:*?"<>|' else ch for ch in name).strip()
