"""Every setting the school keeps in its database, declared once: key, type, default, label,
the screen where a person changes it, and the limits a value must keep.

The services read and write the ``settings`` table only through these entries (a typed value
with its default, a value checked before it is stored), the Settings page takes its labels,
ranges and defaults from here, and a test scans the package for any key used without being
declared. The stored text is what it always was ("1"/"0" for yes/no, whole numbers as
digits, dates as ISO), so existing databases read as before.

What belongs to one person on one computer (window sizes, splitters, the last folder a
letter was saved to) is not here: the window keeps that in the user's own settings (QSettings).

Pure data and rules: standard library and policy only, so every layer may import it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .access import IDLE_LOCK_LIMITS, IDLE_LOCK_MINUTES
from .editions import DEFAULT_EDITION_KEY, get_edition
from .retention import KINDS, period_problem

TEXT, WHOLE_NUMBER, YES_NO, DAY = "text", "whole number", "yes/no", "date"

# Where a person changes a setting ("" for the app's own bookkeeping).
SETTINGS_PAGE = "Settings"
LETTER_WORDING_SCREEN = "Settings › Letter wording…"
RETENTION_SCREEN = "Settings › Retention…"
BACKUPS_SCREEN = "Settings › Backups…"
CONDUCT_SCREEN = "Code of conduct › Register"
POLICY_REVIEW_SCREEN = "Home, Reports or Settings › Record review…"
FIRST_RUN_SCREEN = "The first start's set-up"
COMMAND_LINE = "avenue-desk settings set (no screen yet)"
BY_THE_APP = ""


@dataclass(frozen=True)
class SettingKey:
    """One setting. ``family``: ``key`` is a prefix, one stored key per letter (say)."""

    key: str
    kind: str
    default: object
    label: str  # as the screen shows it, with its "&" shortcut
    screen: str
    field: str = ""  # the form field a problem is shown beside; the key by default
    limits: tuple[int, int] | None = None  # smallest and largest whole number
    limits_message: str = ""  # "{low}" and "{high}" are filled in
    required: str = ""  # the message when left empty
    rule: Callable[[object], str] | None = None  # any other check: a problem or ""
    audit: str = ""  # the audit summary when changed on its own; "{value}" is filled in
    family: bool = False
    retired: bool = False  # no longer read or written; old databases may still hold it

    @property
    def plain_label(self) -> str:
        return self.label.replace("&", "").rstrip(":")

    @property
    def error_field(self) -> str:
        return self.field or self.key

    def parse(self, stored: str | None) -> object:
        """The typed value of stored text; the default when none is stored or it is unreadable."""
        if stored is None:
            return self.default
        try:
            if self.kind == WHOLE_NUMBER:
                return int(stored)
            if self.kind == YES_NO:
                return stored == "1"
            if self.kind == DAY:
                return date.fromisoformat(stored.strip()) if stored.strip() else self.default
        except ValueError:
            return self.default
        return stored

    def to_text(self, value: object) -> str:
        """How a value is stored: the same text the app has always written."""
        if self.kind == YES_NO:
            return "1" if value else "0"
        if self.kind == DAY and isinstance(value, date):
            return value.isoformat()
        return "" if value is None else str(value)

    def problem(self, value: object) -> str:
        """Why ``value`` may not be stored, in the words the screens show; "" if it may."""
        if self.required and not str(value).strip():
            return self.required
        if self.limits is not None:
            low, high = self.limits
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                return self.limits_message.format(low=low, high=high)
        if self.rule is not None:
            return self.rule(value)
        return ""

    def summary(self, value: object) -> str:
        return self.audit.format(value=value) if self.audit else f"{self.plain_label} changed"


class UnknownSetting(KeyError):
    """A key the registry does not declare: a programming error the tests catch."""


def _edition_problem(value: object) -> str:
    try:
        get_edition(str(value))
    except ValueError as error:
        return str(error)
    return ""


# --- the school's details (the Settings page) ---------------------------------------------

SCHOOL_NAME = SettingKey("school_name", TEXT, "", "School &name", SETTINGS_PAGE,
                         required="Enter the school's name.")
ADDRESS = SettingKey("address", TEXT, "", "&Address", SETTINGS_PAGE)
HEAD_NAME = SettingKey("head_name", TEXT, "", "&Headteacher", SETTINGS_PAGE,
                       required="Enter the headteacher's name.")
POLICY_EDITION = SettingKey("policy_edition", TEXT, DEFAULT_EDITION_KEY, "&Policy in use",
                            SETTINGS_PAGE, rule=_edition_problem)
EVIDENCE_LIMIT_MB = SettingKey(
    "evidence_limit_mb", WHOLE_NUMBER, 25, "&Largest evidence file", SETTINGS_PAGE,
    limits=(1, 500), limits_message="The evidence size limit must be {low} to {high} MB.")
FOLLOW_UP_DAYS = SettingKey(
    "follow_up_days", WHOLE_NUMBER, 7, "&Follow up after", SETTINGS_PAGE,
    limits=(1, 365), limits_message="Follow-ups must be {low} to {high} days ahead.")
IDLE_LOCK = SettingKey(
    "lock_idle_minutes", WHOLE_NUMBER, IDLE_LOCK_MINUTES, "Lock the &screen after:",
    SETTINGS_PAGE, limits=IDLE_LOCK_LIMITS,
    limits_message="Lock the screen after {low} to {high} idle minutes.",
    audit="Screen locks after {value} idle minutes")
IS_DEMO = SettingKey("is_demo", YES_NO, False, "Demo school (fictional data)", BY_THE_APP)
SET_UP = SettingKey("set_up", YES_NO, False, "School details set up", FIRST_RUN_SCREEN)

# --- letters ---------------------------------------------------------------------------------

SCHOOL_PHONE = SettingKey("school.phone", TEXT, "", "Phone", SETTINGS_PAGE)
SCHOOL_EMAIL = SettingKey("school.email", TEXT, "", "Email", SETTINGS_PAGE)
LETTER_LOGO = SettingKey("letters.logo_path", TEXT, "", "Logo", SETTINGS_PAGE)
# The school's own wording, one key per letter (``template.removal-request``); empty means
# the standard wording shipped with the app.
LETTER_WORDING = SettingKey("template.", TEXT, "", "Letter wording", LETTER_WORDING_SCREEN,
                            family=True)
# The governors' report: a school's own term dates, one key per bound
# (``term.autumn-2026.start`` = ``2026-09-03``; see policy/terms.py). Only the command line
# sets them yet; a bound left unset keeps its default.
TERM_DATES = SettingKey("term.", TEXT, "", "Term dates", COMMAND_LINE, family=True)
# The governors' review of the policy, one key per edition (``policy_review.reviewed_on.
# avenue-2021``), written together by the review's own service (never one by one: the dates
# are checked against each other and the review is audited as one).
POLICY_REVIEWED_ON = SettingKey("policy_review.reviewed_on.", DAY, None,
                                "Policy reviewed by governors on", POLICY_REVIEW_SCREEN,
                                family=True)
POLICY_NEXT_REVIEW = SettingKey("policy_review.next_review_on.", DAY, None,
                                "Next review of the policy due by", POLICY_REVIEW_SCREEN,
                                family=True)
POLICY_REVIEW_NOTE = SettingKey("policy_review.note.", TEXT, "",
                                "Policy review: minutes reference", POLICY_REVIEW_SCREEN,
                                family=True)
POLICY_REVIEW = (POLICY_REVIEWED_ON, POLICY_NEXT_REVIEW, POLICY_REVIEW_NOTE)
# Now one person's choice on one computer (QSettings, ui/window_state.py).
LETTERS_SAVE_FOLDER = SettingKey("letters.save_folder", TEXT, "",
                                 "Folder letters were last saved to", BY_THE_APP, retired=True)

# --- keeping records ---------------------------------------------------------------------

BACKUP_FOLDER = SettingKey("backup_dir", TEXT, "", "Backup folder", BACKUPS_SCREEN)
REPLACED_KEEP_DAYS = SettingKey("replaced_keep_days", WHOLE_NUMBER, 30, "Keep replaced records",
    COMMAND_LINE, limits=(1, 3650), limits_message="Keep replaced records {low} to {high} days.")
RETENTION = tuple(
    SettingKey(kind.setting_key, WHOLE_NUMBER, kind.default_months, kind.label,
               RETENTION_SCREEN, field=kind.key, rule=period_problem)
    for kind in KINDS)
FULL_CHECK_ON = SettingKey("full_check_on", DAY, None, "Last full health check", BY_THE_APP)
FULL_CHECK_RESULT = SettingKey("full_check_result", TEXT, "", "Last full health check's verdict",
                               BY_THE_APP)

# --- the staff code of conduct -------------------------------------------------------------

CONDUCT_RENEWAL_MONTHS = SettingKey(
    "conduct_renewal_months", WHOLE_NUMBER, 12, "Renew the code of conduct every",
    CONDUCT_SCREEN, field="renewal_months", limits=(1, 60),
    limits_message="Renewal must be every {low} to {high} months.")
CONDUCT_DUE_SOON_DAYS = SettingKey(
    "conduct_due_soon_days", WHOLE_NUMBER, 30, "“Due soon” starts", CONDUCT_SCREEN,
    field="due_soon_days", limits=(0, 180),
    limits_message="“Due soon” must start {low} to {high} days before renewal.")

SETTINGS: tuple[SettingKey, ...] = (
    SCHOOL_NAME, ADDRESS, HEAD_NAME, POLICY_EDITION, EVIDENCE_LIMIT_MB, FOLLOW_UP_DAYS,
    IS_DEMO, SET_UP, IDLE_LOCK, SCHOOL_PHONE, SCHOOL_EMAIL, LETTER_LOGO, LETTER_WORDING, TERM_DATES,
    LETTERS_SAVE_FOLDER, BACKUP_FOLDER, *RETENTION, FULL_CHECK_ON, FULL_CHECK_RESULT,
    CONDUCT_RENEWAL_MONTHS, CONDUCT_DUE_SOON_DAYS, *POLICY_REVIEW, REPLACED_KEEP_DAYS,
)
# The school's details as one record (services/core/school.py's SchoolSettings fields).
SCHOOL_DETAILS: tuple[SettingKey, ...] = (
    SCHOOL_NAME, ADDRESS, HEAD_NAME, POLICY_EDITION, EVIDENCE_LIMIT_MB, FOLLOW_UP_DAYS,
    IS_DEMO, SET_UP)

# The app's own bookkeeping: shown by ``settings list`` but never set by a person.
KEPT_BY_THE_APP = frozenset({IS_DEMO.key, SET_UP.key, FULL_CHECK_ON.key, FULL_CHECK_RESULT.key})
_TERM_MEMBER = re.compile(r"^(autumn|spring|summer)-(\d{4})\.(start|end)$")
_YES = {"yes": True, "y": True, "1": True, "true": True, "on": True,
        "no": False, "n": False, "0": False, "false": False, "off": False}


def value_from_text(entry: SettingKey, text: str) -> object:
    """The typed value a person means by ``text`` (the command line's ``settings set``),
    read strictly: unreadable text is refused, never replaced by the default as
    ``parse`` does for what is already stored.

    Raises:
        ValueError: ``str()`` says what is expected.
    """
    typed = text.strip()
    if entry is TERM_DATES:  # stored as text, but each bound must be a date
        try:
            return date.fromisoformat(typed).isoformat()
        except ValueError:
            raise ValueError(f"A term date must be a date like 2026-09-03, not “{text}”.") \
                from None
    if entry.kind == WHOLE_NUMBER:
        if not re.fullmatch(r"[+-]?\d+", typed):
            raise ValueError(f"{entry.plain_label} must be a whole number, not “{text}”.")
        return int(typed)
    if entry.kind == YES_NO:
        if typed.lower() not in _YES:
            raise ValueError(f"{entry.plain_label} must be yes or no, not “{text}”.")
        return _YES[typed.lower()]
    if entry.kind == DAY:
        try:
            return date.fromisoformat(typed) if typed else None
        except ValueError:
            raise ValueError(f"{entry.plain_label} must be a date like 2026-09-03, "
                             f"not “{text}”.") from None
    return text


def member_problem(key: str) -> str:
    """Why a family member's key cannot be set (``term.autumn-2027.start`` can; ``term.x``
    cannot); "" when it can. Letter wording is checked by the letters' own rules."""
    entry = setting(key)
    if entry is TERM_DATES:
        if not _TERM_MEMBER.match(key[len(entry.key):]):
            return (f"“{key}” is not a term date: write it like term.autumn-2027.start or "
                    "term.summer-2028.end.")
    if entry in POLICY_REVIEW:
        return (f"“{key}” is part of a recorded review: record the review itself with "
                "`avenue-desk policy-review record` or Record review… in the window.")
    return ""


def _index(entries: tuple[SettingKey, ...]) -> dict[str, SettingKey]:
    table: dict[str, SettingKey] = {}
    for entry in entries:
        if entry.key in table:
            raise ValueError(f"setting {entry.key!r} is declared twice")
        table[entry.key] = entry
    return table


_EXACT = _index(tuple(s for s in SETTINGS if not s.family))
_FAMILIES = tuple(s for s in SETTINGS if s.family)


def setting(key: str) -> SettingKey:
    """The entry for a stored key (a family's entry for ``template.warning``).

    Raises:
        UnknownSetting: the key is not declared.
    """
    found = _EXACT.get(key)
    if found is not None:
        return found
    for family in _FAMILIES:
        if key.startswith(family.key) and len(key) > len(family.key):
            return family
    raise UnknownSetting(key)


def is_declared(key: str) -> bool:
    try:
        setting(key)
    except UnknownSetting:
        return False
    return True


def family_key(family: SettingKey, member: str) -> str:
    """``template.warning``: one member of a family of settings."""
    if not family.family:
        raise UnknownSetting(family.key)
    return family.key + member
