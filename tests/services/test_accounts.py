"""Accounts: the first administrator, argon2id, lockout, forced change, resets, recovery."""

from __future__ import annotations

from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from avenue_desk.policy.access import Operation
from avenue_desk.services.accounts.accounts import AccountService
from avenue_desk.services.accounts.passwords import Hashing
from avenue_desk.services.accounts.records import SignInRefused, clock_text
from avenue_desk.services.container import open_services
from avenue_desk.services.core.access import Actor, PermissionDenied
from avenue_desk.services.core.errors import ServiceError, ValidationError
from avenue_desk.services.people.records import PersonInput
from avenue_desk.store.models_accounts import RecoveryCode, User
from tests.helpers.accounts import (
    HEAD_PASSWORD,
    OWN_PASSWORD,
    TEMPORARY,
    add_user,
    security_for,
    with_head,
)
from tests.helpers.databases import raw_sql

# The app's own argon2id cost here (elsewhere the tests hash cheaply): these tests check it.
pytestmark = [pytest.mark.no_accounts, pytest.mark.owasp_hashing]


def raw(paths, sql):
    return raw_sql(paths, sql)


def test_first_admin_gets_a_recovery_code_once_and_only_its_hash_is_kept(services):
    sec = security_for(services)
    assert not sec.accounts.has_users()
    code = sec.accounts.create_first_admin("Head", "Mrs Patel", HEAD_PASSWORD)
    assert len(code) == 29 and code.count("-") == 4
    assert sec.accounts.has_users()
    with pytest.raises(ServiceError, match="already exists"):
        sec.accounts.create_first_admin("other", "Mr Other", "Another long password")
    (stored,) = raw(services.paths, "SELECT code_hash, used_at FROM recovery_codes")
    assert stored[0].startswith("$argon2id$") and code not in stored[0] and stored[1] is None
    actor = sec.accounts.authenticate("HEAD", HEAD_PASSWORD)  # usernames ignore case
    assert actor.role == "head" and not actor.must_change_password
    assert sec.guard.actor == actor


def test_argon2id_parameters_are_owasps_read_back_from_the_stored_hash(services):
    with_head(services)
    ((stored,),) = raw(services.paths, "SELECT password_hash FROM users")
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert HEAD_PASSWORD not in stored


def test_five_wrong_passwords_lock_the_account_for_15_minutes_across_a_restart(
        services, paths, clock):
    sec, _ = with_head(services)
    add_user(sec, "office", "office")
    messages = []
    for _ in range(4):
        with pytest.raises(SignInRefused) as refused:
            sec.accounts.authenticate("office", "not the password")
        messages.append(str(refused.value))
    assert messages[1] == ("Wrong username or password. 3 tries left before the account is "
                           "locked for 15 minutes.")
    assert messages[3].startswith("Wrong username or password. 1 try left")
    with pytest.raises(SignInRefused) as refused:
        sec.accounts.authenticate("office", "not the password")
    until = clock.now() + timedelta(minutes=15)
    assert refused.value.reason == "locked" and refused.value.locked_until == until
    assert clock_text(until) in str(refused.value)

    # A restart: new services on the same data folder; the right password is still refused.
    services.close()
    clock.advance(minutes=14)
    with open_services(paths, clock) as reopened:
        again = security_for(reopened)
        with pytest.raises(SignInRefused) as refused:
            again.accounts.authenticate("office", TEMPORARY)
        assert str(refused.value) == (f"This account is locked until {clock_text(until)}. Try "
                                      "again then, or ask the Headteacher to reset the password.")
        clock.advance(minutes=1)
        actor = again.accounts.authenticate("office", TEMPORARY)
        assert actor.username == "office"
        ((failed, locked),) = raw(paths, "SELECT failed_attempts, locked_until FROM users "
                                         "WHERE username = 'office'")
        assert failed == 0 and locked is None


def test_an_unknown_username_looks_like_a_real_one_and_costs_a_hash(services, monkeypatch):
    sec, _ = with_head(services)
    calls = []
    original = Hashing.waste_time
    monkeypatch.setattr(Hashing, "waste_time",
                        lambda self, secret: calls.append(1) or original(self, secret))
    with pytest.raises(SignInRefused) as refused:
        sec.accounts.authenticate("My secret pass 123", "whatever")
    assert str(refused.value).startswith("Wrong username or password. 4 tries left")
    assert calls == [1]
    for _ in range(4):
        with pytest.raises(SignInRefused) as refused:
            sec.accounts.authenticate("My secret pass 123", "whatever")
    assert refused.value.reason == "locked"
    # What was typed as a username is not kept: it is often a password typed in the wrong box.
    rows = raw(services.paths, "SELECT username, summary FROM audit_log "
                               "WHERE action = 'sign_in_failed'")
    assert rows and all(r == ("", "Sign-in with a username that has no account") for r in rows)


def test_password_rules_apply_to_new_accounts(services):
    sec, _ = with_head(services)
    with pytest.raises(ValidationError) as error:
        sec.accounts.create_user("jo", "Jo", "office", "password123")
    assert "commonest" in error.value.errors["password"]
    with pytest.raises(ValidationError) as error:
        sec.accounts.create_user("jo", "Jo", "office", "short")
    assert "at least 10" in error.value.errors["password"]
    services.settings.set_value("school_name", "The Avenue")
    with pytest.raises(ValidationError, match="school's name"):
        sec.accounts.create_user("jo", "Jo", "office", "The Avenue!!")
    with pytest.raises(ValidationError) as error:
        sec.accounts.create_user("HEAD", "", "caretaker", TEMPORARY)
    assert set(error.value.errors) == {"username", "display_name", "role"}


def test_an_initial_password_must_be_changed_before_anything_else(services):
    sec, _ = with_head(services)
    add_user(sec, "office", "office")
    actor = sec.accounts.authenticate("office", TEMPORARY)
    assert actor.must_change_password
    with pytest.raises(PermissionDenied, match="Choose a new password first"):
        sec.guard.require(Operation.INCIDENT_VIEW)
    assert not sec.guard.allowed(Operation.INCIDENT_VIEW)
    with pytest.raises(ValidationError) as error:
        sec.accounts.change_password(actor, TEMPORARY, "qwertyuiop")
    assert "commonest" in error.value.errors["new_password"]
    with pytest.raises(ValidationError) as error:
        sec.accounts.change_password(actor, "wrong current one", OWN_PASSWORD)
    assert error.value.errors == {"old_password": "The current password is not right."}
    changed = sec.accounts.change_password(actor, TEMPORARY, OWN_PASSWORD)
    assert not changed.must_change_password and sec.guard.actor == changed
    assert sec.guard.require(Operation.INCIDENT_VIEW) == changed
    sec.accounts.sign_out()
    assert sec.accounts.authenticate("office", OWN_PASSWORD).username == "office"


def test_a_temporary_password_is_replaced_without_typing_it_again(services):
    sec, _ = with_head(services)
    head = sec.guard.actor
    with pytest.raises(PermissionDenied, match="not a temporary one"):
        sec.accounts.replace_temporary_password(head, OWN_PASSWORD)  # needs the current one
    add_user(sec, "office", "office")
    actor = sec.accounts.authenticate("office", TEMPORARY)
    with pytest.raises(ValidationError) as error:
        sec.accounts.replace_temporary_password(actor, TEMPORARY)
    assert error.value.errors == {"new_password": "Choose a new password, not the temporary "
                                                  "one."}
    changed = sec.accounts.replace_temporary_password(actor, OWN_PASSWORD)
    assert not changed.must_change_password and sec.guard.actor == changed
    with pytest.raises(PermissionDenied, match="not a temporary one"):
        sec.accounts.replace_temporary_password(changed, "Another fine long phrase")
    sec.accounts.sign_out()
    sec.accounts.authenticate("head", HEAD_PASSWORD)
    office = [r.action for r in services.audit.page() if r.username == "office"]
    assert office[:3] == ["sign_out", "password_changed", "sign_in"]
    sec.accounts.sign_out()
    assert sec.accounts.authenticate("office", OWN_PASSWORD).username == "office"


def test_the_head_resets_a_locked_users_password(services):
    sec, _ = with_head(services)
    head = sec.guard.actor
    add_user(sec, "office", "office")
    for _ in range(5):
        with pytest.raises(SignInRefused):
            sec.accounts.authenticate("office", "not the password")
    sec.guard.sign_in(head)
    assert sec.accounts.get_user("office").status.startswith("Locked until")
    record = sec.accounts.reset_password(head, "office", "new-temp-pass-42")
    assert record.status == "Must choose a new password"
    office = sec.accounts.authenticate("office", "new-temp-pass-42")
    assert office.must_change_password
    with pytest.raises(PermissionDenied, match="Choose a new password first"):
        sec.accounts.create_user("x1", "X", "office", TEMPORARY)
    sec.accounts.change_password(office, "new-temp-pass-42", OWN_PASSWORD)
    with pytest.raises(PermissionDenied) as refused:
        sec.accounts.create_user("x1", "X", "office", TEMPORARY)
    assert str(refused.value) == ("Only the Headteacher's (administrator's) account can manage "
                                  "the accounts.")


def test_the_recovery_code_works_once_and_brings_a_new_one(services):
    sec, code = with_head(services)
    sec.accounts.sign_out()
    for _ in range(5):
        with pytest.raises(SignInRefused):
            sec.accounts.authenticate("head", "forgotten it")
    with pytest.raises(ValidationError):
        sec.accounts.reset_admin_with_recovery_code(code, "short")  # the code is not used up
    typed = code.lower().replace("-", " ")  # read back from paper
    new_code = sec.accounts.reset_admin_with_recovery_code(typed, "A brand new long password")
    assert new_code != code
    assert sec.accounts.authenticate("head", "A brand new long password").role == "head"
    with pytest.raises(SignInRefused, match="not right, or it has already been used"):
        sec.accounts.reset_admin_with_recovery_code(code, "Yet another long password")
    sec.accounts.reset_admin_with_recovery_code(new_code, "Yet another long password")
    assert raw(services.paths, "SELECT count(*) FROM recovery_codes WHERE used_at IS NULL") == [
        (1,)]


def test_the_last_head_cannot_be_removed_and_staff_need_their_person(services):
    sec, _ = with_head(services)
    head = sec.guard.actor
    with pytest.raises(ServiceError, match="signed in with"):
        sec.accounts.delete_user("head")
    second = add_user(sec, "deputy", "head")
    sec.accounts.update_user(second.id, role="office")
    with pytest.raises(ServiceError, match="always be a Headteacher"):
        sec.accounts.update_user(head.user_id, role="office")
    with pytest.raises(ValidationError) as error:
        add_user(sec, "mrhughes", "staff")
    assert "person_id" in error.value.errors
    hughes = services.people.create(PersonInput("Mr Hughes", "staff"))
    staff = add_user(sec, "mrhughes", "staff", person_id=hughes.id)
    assert sec.accounts.disable_user(staff.id).status == "Disabled"
    with pytest.raises(SignInRefused, match="disabled"):
        sec.accounts.authenticate("mrhughes", TEMPORARY)


def test_the_hash_is_upgraded_when_the_parameters_change(services):
    sec = security_for(services)
    weak = Hashing(PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1))
    old = AccountService(services.db, services.clock, sec.guard, sec.audit, hashing=weak)
    old.create_first_admin("head", "Mrs Patel", HEAD_PASSWORD)
    sec.accounts.authenticate("head", HEAD_PASSWORD)
    ((stored,),) = raw(services.paths, "SELECT password_hash FROM users")
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")


def test_the_locked_screen_counts_wrong_passwords(services):
    sec, _ = with_head(services)
    with pytest.raises(SignInRefused, match="4 tries left"):
        sec.accounts.unlock("not it at all")
    assert sec.accounts.unlock(HEAD_PASSWORD).username == "head"
    actions = [r.action for r in sec.audit.page()]
    assert actions[:2] == ["unlock", "sign_in_failed"]


def test_the_idle_lock_is_a_setting(services):
    sec, _ = with_head(services)
    assert sec.accounts.idle_lock_minutes() == 5
    sec.accounts.set_idle_lock_minutes(10)
    assert sec.accounts.idle_lock_minutes() == 10
    with pytest.raises(ValidationError):
        sec.accounts.set_idle_lock_minutes(0)


def test_no_secret_in_reprs_messages_or_audit_rows(services):
    sec, code = with_head(services)
    head = sec.guard.actor
    add_user(sec, "office", "office")
    sec.accounts.reset_password(head, "office", "new-temp-pass-42")
    messages = []
    for attempt in ("new-temp-pass-4", "qwertyuiop"):
        with pytest.raises(ServiceError) as error:
            sec.accounts.authenticate("office", attempt)
        messages.append(str(error.value))
    with pytest.raises(ServiceError) as error:
        sec.accounts.change_password(head, HEAD_PASSWORD, "qwertyuiop")
    messages.append(str(error.value))
    with services.db.read() as session:
        users = session.scalars(select(User)).all()
        codes = session.scalars(select(RecoveryCode)).all()
        hashes = [u.password_hash for u in users] + [c.code_hash for c in codes]
        shown = [repr(u) for u in users] + [repr(c) for c in codes]
    shown += [repr(head), repr(sec.accounts), repr(sec.accounts.list_users()),
              repr(Actor(1, "a", "b", "head")), repr(sec.accounts._hashing)]
    shown += messages
    shown += [" ".join(map(str, row)) for row in raw(services.paths, "SELECT * FROM audit_log")]
    text = "\n".join(shown)
    secrets = (HEAD_PASSWORD, TEMPORARY, "new-temp-pass-42", "new-temp-pass-4", "qwertyuiop",
               code, code.replace("-", ""), "$argon2", *hashes)
    for secret in secrets:
        assert secret not in text


def test_wrong_current_passwords_count_towards_the_lock_too(services, clock):
    sec, _ = with_head(services)
    actor = sec.guard.actor
    for _ in range(4):
        with pytest.raises(ValidationError):
            sec.accounts.change_password(actor, "not the current one", OWN_PASSWORD)
    with pytest.raises(ValidationError) as error:
        sec.accounts.change_password(actor, "not the current one", OWN_PASSWORD)
    until = clock_text(clock.now() + timedelta(minutes=15))
    assert error.value.errors["old_password"] == (
        "The current password is not right. After 5 wrong passwords the account is locked "
        f"until {until}.")
