"""Every kind of account against every operation: allowed or refused, and the sentence why.

The table below is written out by hand from the issue, not derived from the policy module,
so a change to ``policy.access.PERMISSIONS`` must be made here too, on purpose.
"""

from __future__ import annotations

import pytest

from avenue_desk.policy import UnknownPolicyKey
from avenue_desk.policy.access import (
    LABELS,
    LEGAL_STEPS,
    PERMISSIONS,
    ROLES,
    Operation,
    Role,
    allowed,
    explain,
    get_role_info,
    operation_for_step,
    parse_role,
)
from avenue_desk.policy.procedure import STEP_KEYS

Op = Operation
# Operation -> the roles that may do it: H(ead), O(ffice), G(overnor), S(taff).
EXPECTED = {
    Op.INCIDENT_VIEW: "HO",
    Op.INCIDENT_CREATE: "HO",
    Op.INCIDENT_UPDATE: "HO",
    Op.ACTION_RECORD: "HO",
    Op.ACTION_RECORD_LEGAL: "H",
    Op.LEGAL_NOTES_VIEW: "H",
    Op.EVIDENCE_VIEW: "HO",
    Op.EVIDENCE_ADD: "HO",
    Op.PEOPLE_VIEW: "HO",
    Op.PEOPLE_EDIT: "HO",
    Op.DATA_IMPORT: "HO",
    Op.DATA_EXPORT: "HO",
    Op.DEMO: "H",
    Op.LETTER_PARENT: "HO",
    Op.LETTER_HOST: "HO",
    Op.LETTER_POLICE: "H",
    Op.GUIDANCE_SHEET: "HOG",
    Op.GOVERNOR_SUMMARY: "HOG",
    Op.SUMMARY_ANY_DATES: "HO",
    Op.POLICY_REVIEW_STATUS: "HOG",
    Op.POLICY_REVIEW_RECORD: "H",
    Op.SETTINGS_EDIT: "H",
    Op.LETTER_TEMPLATES_EDIT: "H",
    Op.CONDUCT_OWN_WIZARD: "HOGS",
    Op.CONDUCT_OWN_RECORD: "HOGS",
    Op.CONDUCT_REGISTER_VIEW: "HO",
    Op.CONDUCT_MANAGE: "HO",
    Op.CONDUCT_PERMISSIONS: "H",
    Op.CONDUCT_BREACHES: "H",
    Op.AUDIT_VIEW: "H",
    Op.AUDIT_EXPORT: "H",
    Op.ACCOUNTS_MANAGE: "H",
    Op.BACKUP: "H",
    Op.RESTORE: "H",
    Op.CHECK: "HO",
    Op.SCREENSHOT: "HO",
    Op.RETENTION_REVIEW: "H",
    Op.RETENTION_DESTROY: "H",
    Op.SUBJECT_ACCESS: "H",
}
LETTERS = {"H": Role.HEAD, "O": Role.OFFICE, "G": Role.GOVERNOR, "S": Role.STAFF}
CASES = [(role, op, letter in EXPECTED[op]) for op in Operation
         for letter, role in LETTERS.items()]


def test_the_table_covers_every_operation_and_every_operation_has_words():
    assert set(EXPECTED) == set(Operation)
    assert set(LABELS) == set(Operation)
    assert set(PERMISSIONS) == set(Role) == {Role(r.key) for r in ROLES}


@pytest.mark.parametrize(("role", "operation", "expected"), CASES,
                         ids=[f"{r.value}-{o.value}-{'yes' if e else 'no'}" for r, o, e in CASES])
def test_role_against_operation(role, operation, expected):
    assert allowed(role, operation) is expected
    assert allowed(role.value, operation) is expected  # as stored in the database
    sentence = explain(role, operation)
    assert sentence.endswith(".") and sentence[0].isupper()
    if expected:
        assert sentence == f"{get_role_info(role).label} accounts may {LABELS[operation]}."
    else:
        # Says what is refused: the operation itself, or that this record is not shown.
        assert LABELS[operation] in sentence or "this record" in sentence or \
            operation is Op.CONDUCT_PERMISSIONS


def test_the_explanations_a_person_reads():
    assert explain("governor", Op.INCIDENT_VIEW) == (
        "Governors see only the anonymous summaries, so this record is not shown to you.")
    assert explain("governor", Op.LETTER_PARENT) == (
        "Governors see only the anonymous summaries and the policy's review status, so a "
        "governor's account cannot make letters to parents.")
    assert explain("staff", Op.PEOPLE_VIEW) == (
        "A staff account opens only its own code of conduct checklist and record, so this "
        "record is not shown to you.")
    assert "Headteacher alone" in explain("office", Op.LETTER_POLICE)
    assert "police referral pack" in explain("office", Op.LETTER_POLICE)
    assert explain("office", Op.CONDUCT_BREACHES) == (
        "Staff breach records are for the Headteacher alone, so this record is not shown to "
        "the office account.")
    assert explain("office", Op.ACCOUNTS_MANAGE) == (
        "Only the Headteacher's (administrator's) account can manage the accounts.")
    assert explain("office", Op.POLICY_REVIEW_RECORD) == (
        "Only the Headteacher's (administrator's) account can record that governors reviewed "
        "the policy.")


def test_legal_steps_are_the_steps_holding_legal_notes():
    assert LEGAL_STEPS == {"legal_advice", "police", "other_legal_action"}
    assert LEGAL_STEPS <= set(STEP_KEYS)
    for step in STEP_KEYS:
        expected = Op.ACTION_RECORD_LEGAL if step in LEGAL_STEPS else Op.ACTION_RECORD
        assert operation_for_step(step) is expected
    assert not allowed("office", operation_for_step("police"))
    assert allowed("office", operation_for_step("written_warning"))


def test_unknown_role_is_refused_with_the_valid_keys():
    with pytest.raises(UnknownPolicyKey) as error:
        allowed("caretaker", Op.INCIDENT_VIEW)
    assert "head" in str(error.value) and "staff" in str(error.value)
    assert parse_role("office") is Role.OFFICE
