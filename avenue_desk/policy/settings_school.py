"""The school's own details, as the Settings page and the first start's set-up keep them:
its name and address, the headteacher, the policy in use, the numbers the office works by,
and how parents and others reach the school (printed on every letter and on the guidance
sheet). Declared here and re-exported by ``settings_registry``, the one list of settings.

Pure data and rules: standard library and policy only.
"""

from __future__ import annotations

import re

from .access import IDLE_LOCK_LIMITS, IDLE_LOCK_MINUTES
from .editions import DEFAULT_EDITION_KEY, get_edition
from .setting_key import (
    BY_THE_APP,
    FIRST_RUN_SCREEN,
    SETTINGS_PAGE,
    TEXT,
    WHOLE_NUMBER,
    YES_NO,
    SettingKey,
)


def _edition_problem(value: object) -> str:
    try:
        get_edition(str(value))
    except ValueError as error:
        return str(error)
    return ""


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

# --- how to reach the school (letters, the guidance sheet, the police pack) ---------------

_PHONE = re.compile(r"\+?[0-9 ()\-.]{6,30}(\s*(ext\.?|extension|x)\s*[0-9]{1,6})?", re.IGNORECASE)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_WEBSITE = re.compile(r"\S+\.\S+")


def _matches(pattern: re.Pattern, message: str):
    def problem(value: object) -> str:
        text = str(value).strip()
        return message.format(text=text) if text and not pattern.fullmatch(text) else ""

    return problem


SCHOOL_PHONE = SettingKey(
    "school.phone", TEXT, "", "&Phone", SETTINGS_PAGE,
    rule=_matches(_PHONE, "“{text}” does not look like a phone number: use digits, spaces "
                          "and + ( ) -, as in 0113 496 0000."))
SCHOOL_EMAIL = SettingKey(
    "school.email", TEXT, "", "&Email", SETTINGS_PAGE,
    rule=_matches(_EMAIL, "“{text}” does not look like an email address, such as "
                          "office@school.sch.uk."))
SCHOOL_WEBSITE = SettingKey(
    "school.website", TEXT, "", "&Website", SETTINGS_PAGE,
    rule=_matches(_WEBSITE, "“{text}” does not look like a web address, such as "
                            "www.school.sch.uk."))
CHAIR_OF_GOVERNORS = SettingKey("school.chair_of_governors", TEXT, "", "&Chair of Governors",
                                SETTINGS_PAGE)
# Where a parent finds the complaints procedure, finishing "The complaints procedure is …"
# ("on the school website", "available from the school office").
COMPLAINTS_PROCEDURE = SettingKey("school.complaints_procedure", TEXT, "",
                                  "Complaints procedure &is", SETTINGS_PAGE)
# The line under the headteacher's name when a letter is signed.
HEAD_TITLE = SettingKey("school.head_title", TEXT, "Headteacher", "&Signature line",
                        SETTINGS_PAGE,
                        required="Enter the line printed under the headteacher's name, "
                                 "such as Headteacher.")
SCHOOL_CONTACTS = (SCHOOL_PHONE, SCHOOL_EMAIL, SCHOOL_WEBSITE, CHAIR_OF_GOVERNORS,
                   COMPLAINTS_PROCEDURE, HEAD_TITLE)
