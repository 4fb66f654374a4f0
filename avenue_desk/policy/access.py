"""Who may do what: the four kinds of account and every operation the services offer.

The services ask ``allowed(role, operation)`` before doing anything (through
``services.access.AccessGuard``), so hiding a button is never the only protection. When
the answer is no, ``explain`` gives the sentence to show: why this kind of account does
not see it, not just "access denied".

The roles follow the issue that introduced accounts:

* Headteacher (administrator): everything, and manages the accounts.
* Office: incidents, people and letters — except the police referral pack, legal notes
  (the steps in ``LEGAL_STEPS``) and staff breach records.
* Governor: the anonymous summaries and the policy's review status; nothing with a name.
* Staff member: only their own code-of-conduct checklist and their own record.

The code of conduct applies to staff, volunteers and governors alike, so every account may
work through its own checklist and see its own record.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ._lookup import get

MAX_FAILED_SIGN_INS = 5
LOCKOUT_MINUTES = 15
IDLE_LOCK_MINUTES = 5  # the default; a setting
IDLE_LOCK_LIMITS = (1, 120)  # the setting's smallest and largest value, in minutes


class Role(StrEnum):
    HEAD = "head"
    OFFICE = "office"
    GOVERNOR = "governor"
    STAFF = "staff"


@dataclass(frozen=True)
class RoleInfo:
    key: str
    label: str
    description: str


ROLES: tuple[RoleInfo, ...] = (
    RoleInfo("head", "Headteacher (administrator)",
             "Everything, including the police referral pack, legal notes, staff breach "
             "records, the audit trail and the accounts."),
    RoleInfo("office", "Office",
             "Incidents, people and letters; not the police referral pack, legal notes or "
             "staff breach records."),
    RoleInfo("governor", "Governor",
             "The anonymous governor summaries and the policy's review status; no names."),
    RoleInfo("staff", "Staff member",
             "Only their own code of conduct checklist and their own record."),
)
_ROLE_BY_KEY = {r.key: r for r in ROLES}


def get_role_info(key: str) -> RoleInfo:
    return get("account role", _ROLE_BY_KEY, key)


class Operation(StrEnum):
    """Everything the services can be asked to do, one member per guarded operation."""

    INCIDENT_VIEW = "incident.view"
    INCIDENT_CREATE = "incident.create"
    INCIDENT_UPDATE = "incident.update"
    ACTION_RECORD = "action.record"
    ACTION_RECORD_LEGAL = "action.record_legal"
    LEGAL_NOTES_VIEW = "action.view_legal"
    EVIDENCE_VIEW = "evidence.view"
    EVIDENCE_ADD = "evidence.add"
    PEOPLE_VIEW = "people.view"
    PEOPLE_EDIT = "people.edit"
    DATA_IMPORT = "data.import"
    DATA_EXPORT = "data.export"
    DEMO = "data.demo"
    LETTER_PARENT = "letter.parent"
    LETTER_HOST = "letter.host"
    LETTER_POLICE = "letter.police_referral"
    GUIDANCE_SHEET = "letter.guidance"
    GOVERNOR_SUMMARY = "report.governor_summary"
    SUMMARY_ANY_DATES = "report.governor_summary_any_dates"
    POLICY_REVIEW_STATUS = "report.policy_review"
    POLICY_REVIEW_RECORD = "report.policy_review_record"
    SETTINGS_EDIT = "settings.edit"
    LETTER_TEMPLATES_EDIT = "settings.letter_templates"
    CONDUCT_OWN_WIZARD = "conduct.own_wizard"
    CONDUCT_OWN_RECORD = "conduct.own_record"
    CONDUCT_REGISTER_VIEW = "conduct.register"
    CONDUCT_MANAGE = "conduct.manage_others"
    CONDUCT_PERMISSIONS = "conduct.permissions"
    CONDUCT_BREACHES = "conduct.breaches"
    AUDIT_VIEW = "audit.view"
    AUDIT_EXPORT = "audit.export"
    ACCOUNTS_MANAGE = "accounts.manage"
    BACKUP = "backup.make"
    RESTORE = "backup.restore"
    CHECK = "check.run"
    SCREENSHOT = "screenshot"
    RETENTION_REVIEW = "retention.review"
    RETENTION_DESTROY = "retention.destroy"
    SUBJECT_ACCESS = "data.subject_access"


# What each operation is, in words that finish "cannot …" and "may …".
LABELS: dict[Operation, str] = {
    Operation.INCIDENT_VIEW: "open incidents",
    Operation.INCIDENT_CREATE: "log new incidents",
    Operation.INCIDENT_UPDATE: "change incidents",
    Operation.ACTION_RECORD: "record steps taken on an incident",
    Operation.ACTION_RECORD_LEGAL: "record legal advice, legal action or contact with the Police",
    Operation.LEGAL_NOTES_VIEW: "read the notes on legal advice, legal action and the Police",
    Operation.EVIDENCE_VIEW: "open evidence files",
    Operation.EVIDENCE_ADD: "add or describe evidence files",
    Operation.PEOPLE_VIEW: "see the people list",
    Operation.PEOPLE_EDIT: "add or change people",
    Operation.DATA_IMPORT: "import records from a file",
    Operation.DATA_EXPORT: "export records to a file",
    Operation.DEMO: "create the demo school",
    Operation.LETTER_PARENT: "make letters to parents",
    Operation.LETTER_HOST: "make takedown requests to a site",
    Operation.LETTER_POLICE: "make the police referral pack",
    Operation.GUIDANCE_SHEET: "print the guidance sheet for parents",
    Operation.GOVERNOR_SUMMARY: "make the governor summary",
    Operation.SUMMARY_ANY_DATES: "choose any dates for the report to governors",
    Operation.POLICY_REVIEW_STATUS: "see the policy's review status",
    Operation.POLICY_REVIEW_RECORD: "record that governors reviewed the policy",
    Operation.SETTINGS_EDIT: "change the settings",
    Operation.LETTER_TEMPLATES_EDIT: "change the wording of the letters",
    Operation.CONDUCT_OWN_WIZARD: "work through their own code of conduct checklist",
    Operation.CONDUCT_OWN_RECORD: "see their own code of conduct record",
    Operation.CONDUCT_REGISTER_VIEW: "see the code of conduct register",
    Operation.CONDUCT_MANAGE: "record code of conduct forms for other people",
    Operation.CONDUCT_PERMISSIONS: "record permissions, designations and contact exceptions",
    Operation.CONDUCT_BREACHES: "see or record staff breach records",
    Operation.AUDIT_VIEW: "see the audit trail",
    Operation.AUDIT_EXPORT: "export the audit trail",
    Operation.ACCOUNTS_MANAGE: "manage the accounts",
    Operation.BACKUP: "make a backup of the whole database",
    Operation.RESTORE: "restore a backup",
    Operation.CHECK: "check the database and evidence files",
    Operation.SCREENSHOT: "take screenshots of the screens",
    Operation.RETENTION_REVIEW: "see which records are past their retention period",
    Operation.RETENTION_DESTROY: "destroy records past their retention period",
    Operation.SUBJECT_ACCESS: "export everything held about one person (a subject access "
                              "request)",
}

# The procedure's steps whose notes are legal matters (policy/procedure.py): legal advice or
# action, other legal action, and contact with the Police. The police referral pack is the
# letter for the "police" step.
LEGAL_STEPS = frozenset({"legal_advice", "police", "other_legal_action"})

_OWN_CONDUCT = frozenset({Operation.CONDUCT_OWN_WIZARD, Operation.CONDUCT_OWN_RECORD})
_ANONYMOUS = frozenset({
    Operation.GOVERNOR_SUMMARY, Operation.POLICY_REVIEW_STATUS, Operation.GUIDANCE_SHEET,
})
_HEAD_ONLY = frozenset({
    Operation.ACTION_RECORD_LEGAL, Operation.LEGAL_NOTES_VIEW, Operation.LETTER_POLICE,
    Operation.CONDUCT_BREACHES, Operation.CONDUCT_PERMISSIONS, Operation.SETTINGS_EDIT,
    Operation.LETTER_TEMPLATES_EDIT, Operation.AUDIT_VIEW, Operation.AUDIT_EXPORT,
    # The Headteacher reports the governors' decision; governors see it, they do not enter it.
    Operation.POLICY_REVIEW_RECORD,
    Operation.ACCOUNTS_MANAGE, Operation.BACKUP, Operation.RESTORE, Operation.DEMO,
    # Retention and subject access reach every record, legal notes and breaches included.
    Operation.RETENTION_REVIEW, Operation.RETENTION_DESTROY, Operation.SUBJECT_ACCESS,
})
# Not SUMMARY_ANY_DATES: reports for any dates could be compared to single out one incident
# (35 to 3 October, 36 to 4 October), so governors have whole terms and months; the office,
# which sees every incident, may choose any dates as the Headteacher may.

PERMISSIONS: dict[Role, frozenset[Operation]] = {
    Role.HEAD: frozenset(Operation),
    Role.OFFICE: frozenset(Operation) - _HEAD_ONLY,
    Role.GOVERNOR: _ANONYMOUS | _OWN_CONDUCT,
    Role.STAFF: _OWN_CONDUCT,
}

# Operations that show a named record (so a refusal says "this record is not shown").
_SHOWS_RECORDS = frozenset({
    Operation.INCIDENT_VIEW, Operation.LEGAL_NOTES_VIEW, Operation.EVIDENCE_VIEW,
    Operation.PEOPLE_VIEW, Operation.CONDUCT_REGISTER_VIEW, Operation.CONDUCT_BREACHES,
    Operation.AUDIT_VIEW, Operation.RETENTION_REVIEW,
})
_LEGAL = frozenset({
    Operation.ACTION_RECORD_LEGAL, Operation.LEGAL_NOTES_VIEW, Operation.LETTER_POLICE,
})


def parse_role(value: str | Role) -> Role:
    if isinstance(value, Role):
        return value
    return Role(get("account role", _ROLE_BY_KEY, str(value)).key)


def allowed(role: str | Role, operation: Operation) -> bool:
    return Operation(operation) in PERMISSIONS[parse_role(role)]


def operation_for_step(step: str) -> Operation:
    """Recording this step of the procedure needs this operation."""
    return Operation.ACTION_RECORD_LEGAL if step in LEGAL_STEPS else Operation.ACTION_RECORD


def explain(role: str | Role, operation: Operation) -> str:
    """One sentence for the person at the desk: why (or that) this account may do it."""
    role, operation = parse_role(role), Operation(operation)
    label = LABELS[operation]
    if operation in PERMISSIONS[role]:
        return f"{get_role_info(role).label} accounts may {label}."
    record = operation in _SHOWS_RECORDS
    if operation is Operation.SUMMARY_ANY_DATES:
        return "Reports to governors cover whole terms, the summer holiday or whole months, " \
               "so that no two reports can be compared to single out an incident: this " \
               f"account cannot {label} (the Headteacher or the office can)."
    if role is Role.GOVERNOR:
        if record:
            return "Governors see only the anonymous summaries, so this record is not shown " \
                   "to you."
        return "Governors see only the anonymous summaries and the policy's review status, " \
               f"so a governor's account cannot {label}."
    if role is Role.STAFF:
        start = "A staff account opens only its own code of conduct checklist and record"
        return f"{start}, so this record is not shown to you." if record else \
            f"{start}, so it cannot {label}."
    if operation in _LEGAL:
        return "Legal advice, legal action, contact with the Police and the police referral " \
               f"pack are for the Headteacher alone, so the office account cannot {label}."
    if operation is Operation.CONDUCT_BREACHES:
        return "Staff breach records are for the Headteacher alone, so this record is not " \
               "shown to the office account."
    if operation is Operation.CONDUCT_PERMISSIONS:
        return "Permissions and designations are agreed by the Headteacher, so only the " \
               "Headteacher's account records them."
    return f"Only the Headteacher's (administrator's) account can {label}."


def refusal_tag(role: str | Role, operation: Operation) -> str:
    """A few words beside something this account may not do, saying who may (the full
    sentence is ``explain``): "Headteacher only" rather than a bare "not available"."""
    role, operation = parse_role(role), Operation(operation)
    if operation in PERMISSIONS[role]:
        return ""
    if operation in PERMISSIONS[Role.HEAD] and all(
            operation not in PERMISSIONS[r] for r in Role if r is not Role.HEAD):
        return "Headteacher only"
    return "not for this account"
