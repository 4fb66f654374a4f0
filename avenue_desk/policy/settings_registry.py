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
from datetime import date

from .retention import KINDS, period_problem
from .setting_key import (  # noqa: F401 - every setting's shape, named here for callers
    BACKUPS_SCREEN,
    BY_THE_APP,
    COMMAND_LINE,
    CONDUCT_SCREEN,
    DAY,
    FIRST_RUN_SCREEN,
    LETTER_WORDING_SCREEN,
    POLICY_REVIEW_SCREEN,
    RETENTION_SCREEN,
    SETTINGS_PAGE,
    TEXT,
    WHOLE_NUMBER,
    YES_NO,
    SettingKey,
    UnknownSetting,
)
from .settings_school import (  # noqa: F401 - the school's details, declared on their own
    ADDRESS,
    CHAIR_OF_GOVERNORS,
    COMPLAINTS_PROCEDURE,
    EVIDENCE_LIMIT_MB,
    FOLLOW_UP_DAYS,
    HEAD_NAME,
    HEAD_TITLE,
    IDLE_LOCK,
    IS_DEMO,
    POLICY_EDITION,
    SCHOOL_CONTACTS,
    SCHOOL_EMAIL,
    SCHOOL_NAME,
    SCHOOL_PHONE,
    SCHOOL_WEBSITE,
    SET_UP,
)

# --- letters ---------------------------------------------------------------------------------

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
# The random key that failed sign-ins with a username no account has are counted under
# (an HMAC of the typed name: what was typed is never kept). Made at the first such
# sign-in; a secret, so ``settings list`` never shows it.
SIGN_IN_KEY = SettingKey("sign_in.name_key", TEXT, "", "Key for counting unknown usernames",
                         BY_THE_APP, secret=True)

# --- the people import ---------------------------------------------------------------------

# The office's choice of what an ambiguous column of an MIS export means (``--map``, or the
# import window's question), one a set of headings (the member: a fingerprint of them), so
# next term's export with the same columns is read the same way without asking again.
PEOPLE_IMPORT_COLUMNS = SettingKey("people_import.columns.", TEXT, "",
                                   "Column choices for MIS imports", BY_THE_APP, family=True)

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
    IS_DEMO, SET_UP, IDLE_LOCK, *SCHOOL_CONTACTS, LETTER_LOGO, LETTER_WORDING, TERM_DATES,
    LETTERS_SAVE_FOLDER, BACKUP_FOLDER, *RETENTION, FULL_CHECK_ON, FULL_CHECK_RESULT,
    CONDUCT_RENEWAL_MONTHS, CONDUCT_DUE_SOON_DAYS, *POLICY_REVIEW, REPLACED_KEEP_DAYS,
    SIGN_IN_KEY, PEOPLE_IMPORT_COLUMNS,
)
# The school's details as one record (services/core/school.py's SchoolSettings fields).
SCHOOL_DETAILS: tuple[SettingKey, ...] = (
    SCHOOL_NAME, ADDRESS, HEAD_NAME, POLICY_EDITION, EVIDENCE_LIMIT_MB, FOLLOW_UP_DAYS,
    IS_DEMO, SET_UP)

# The app's own bookkeeping: shown by ``settings list`` but never set by a person.
KEPT_BY_THE_APP = frozenset({IS_DEMO.key, SET_UP.key, FULL_CHECK_ON.key, FULL_CHECK_RESULT.key,
                             SIGN_IN_KEY.key})
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
