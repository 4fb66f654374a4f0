"""Accounts: the first administrator, signing in, passwords, lockout and recovery.

Passwords are hashed with argon2id (``services.passwords``). Five wrong passwords lock an
account for fifteen minutes, stored in the database so a restart does not lift it. Every
sign-in, failed sign-in and account change is written to the audit trail in the same
transaction as the change. No password, hash or recovery code ever reaches an audit row,
an exception message or a repr.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from avenue_desk.policy.access import Operation, Role
from avenue_desk.policy.passwords import password_problems, username_key
from avenue_desk.policy.settings_registry import IDLE_LOCK, SCHOOL_NAME
from avenue_desk.services.accounts.admin import UserAdministration, clean_new_user, find_user
from avenue_desk.services.accounts.demo_accounts import DemoAccounts
from avenue_desk.services.accounts.passwords import (
    Hashing,
    load_common_passwords,
    normalise_recovery_code,
)
from avenue_desk.services.accounts.records import (
    WRONG,
    WRONG_PASSWORD,
    SignInRefused,
    UserRecord,
    actor_of,
    count_failure,
    user_record,
)
from avenue_desk.services.accounts.recovery import RecoveryCodes
from avenue_desk.services.accounts.strangers import count_stranger, name_key
from avenue_desk.services.core import records_key
from avenue_desk.services.core.access import AccessGuard, Actor, PermissionDenied
from avenue_desk.services.core.audit import AuditLog
from avenue_desk.services.core.database import Database
from avenue_desk.services.core.errors import NotFound, ServiceError, ValidationError
from avenue_desk.services.core.settings import read_setting, write_setting
from avenue_desk.services.core.validation import refuse_invalid_text
from avenue_desk.store.models_accounts import User

IDLE_SETTING = IDLE_LOCK.key


class AccountService(UserAdministration, RecoveryCodes, DemoAccounts):
    def __init__(self, db: Database, clock, guard: AccessGuard, audit: AuditLog,
                 hashing: Hashing | None = None, common: frozenset[str] | None = None):
        self._db = db
        self._clock = clock
        self._guard = guard
        self._audit = audit
        self._hashing = hashing or Hashing()
        self._common = common

    def __repr__(self) -> str:
        return f"AccountService(signed_in={self._guard.actor!r})"

    @property
    def signed_in(self) -> Actor | None:
        return self._guard.actor

    # --- rules ---------------------------------------------------------------------------

    def _check_password(self, session: Session, password: str, username: str,
                        field: str = "password") -> None:
        if self._common is None:
            self._common = load_common_passwords()
        problems = password_problems(password, username=username, common=self._common,
                                     school_name=read_setting(session, SCHOOL_NAME))
        if problems:
            raise ValidationError({field: " ".join(problems)})

    def _manager(self, actor: Actor | None = None) -> Actor:
        manager = self._guard.require(Operation.ACCOUNTS_MANAGE)
        if actor is not None and actor.user_id != manager.user_id:
            raise PermissionDenied("Only the person signed in can act for their account.")
        return manager

    # --- the first administrator ---------------------------------------------------------

    def has_users(self) -> bool:
        with self._db.read() as session:
            return session.scalar(select(func.count(User.id))) > 0

    def create_first_admin(self, username: str, display_name: str, password: str) -> str:
        """The Headteacher's account on a new database; returns the recovery code, which is
        shown once and never stored (only its hash is)."""
        with self._db.begin() as session:
            if session.scalar(select(func.count(User.id))):
                raise ServiceError("An administrator account already exists: sign in with it.")
            user = self._add_user(session, username, display_name, Role.HEAD, password, None,
                                  must_change=False)
            code = self._new_code(session, user)
            name_key(session)  # what strangers' failed sign-ins are counted under
            self._audit.record(session, actor_of(user), "account_created", "user", user.id,
                               "First administrator account created")
            username = user.username
        records_key.add_first_copies(self._db.paths, username, password,
                                     normalise_recovery_code(code), self._hashing)
        return code

    def _add_user(self, session, username, display_name, role, password, person_id, *,
                  must_change: bool) -> User:
        try:  # every problem at once, each beside its field
            username, display_name, role = clean_new_user(session, username, display_name,
                                                          role, person_id)
        except ValidationError as error:
            try:
                self._check_password(session, password, username)
            except ValidationError as more:
                raise ValidationError({**error.errors, **more.errors}) from None
            raise
        self._check_password(session, password, username)
        now = self._clock.now()
        user = User(username=username, username_key=username_key(username),
                    display_name=display_name, role=role, person_id=person_id,
                    password_hash=self._hashing.hash(password),
                    must_change_password=must_change, failed_attempts=0, disabled=False,
                    created_at=now, updated_at=now)
        session.add(user)
        session.flush()
        return user

    # --- signing in ----------------------------------------------------------------------

    def authenticate(self, username: str, password: str, origin: str | None = None) -> Actor:
        """Signs in (the guard then holds the actor) or raises SignInRefused; a
        ValidationError for text no account can hold, whatever the username."""
        _refuse_invalid_text(username, password)
        if self._db.read_only:
            return self._authenticate_read_only(username, password)
        now, refusal, actor = self._clock.now(), None, None
        with self._db.begin() as session:
            user = session.scalar(select(User).where(User.username_key == username_key(username)))
            if user is None:
                self._hashing.waste_time(password)
                refusal = count_stranger(session, username, now)  # as an account counts
                # The typed name is not kept: people type their password there by mistake.
                self._audit.record(session, None, "sign_in_failed", "user", None,
                                   "Sign-in with a username that has no account", origin=origin)
            elif user.locked_until and user.locked_until > now:
                self._hashing.waste_time(password)
                refusal = SignInRefused.locked(user.locked_until)
                self._audit.record(session, actor_of(user), "sign_in_failed", "user", user.id,
                                   "Refused: the account is locked", origin=origin)
            elif not self._hashing.verify(user.password_hash, password):
                refusal = count_failure(user, now)
                self._audit.record(session, actor_of(user), "sign_in_failed", "user", user.id,
                                   _failure_summary(refusal), origin=origin)
            elif user.disabled:
                refusal = SignInRefused.disabled()
                self._audit.record(session, actor_of(user), "sign_in_failed", "user", user.id,
                                   "Refused: the account is disabled", origin=origin)
            else:
                self._signed_in(user, password, now)
                actor = actor_of(user)
                self._audit.record(session, actor, "sign_in", "user", user.id, "Signed in",
                                   origin=origin)
        if refusal is not None:
            raise refusal
        records_key.keep_copy(self._db.paths, actor.username, password, self._hashing)
        self._guard.sign_in(actor)
        return actor

    def _authenticate_read_only(self, username: str, password: str) -> Actor:
        """A damaged database opened read-only: the password is checked, but nothing can be
        written (no audit row, no count of wrong passwords), so only viewing is possible."""
        now = self._clock.now()
        with self._db.read() as session:
            user = session.scalar(select(User).where(User.username_key == username_key(username)))
            if user is None or not self._hashing.verify(user.password_hash, password):
                if user is None:
                    self._hashing.waste_time(password)
                raise SignInRefused("wrong", WRONG)
            if user.locked_until and user.locked_until > now:
                raise SignInRefused.locked(user.locked_until)
            if user.disabled:
                raise SignInRefused.disabled()
            actor = actor_of(user)
        self._guard.sign_in(actor)
        return actor

    def _signed_in(self, user: User, password: str, now) -> None:
        user.failed_attempts, user.locked_until, user.last_sign_in = 0, None, now
        if self._hashing.needs_rehash(user.password_hash):
            user.password_hash = self._hashing.hash(password)

    def unlock(self, password: str, purpose: str = "") -> Actor:
        """The locked screen: the signed-in person's password again (wrong ones count).
        ``purpose``: typed again to confirm something else (encrypting the records), said
        so in the trail rather than as the screen unlocked."""
        actor = self._guard.actor
        if actor is None:
            raise PermissionDenied("Sign in first.")
        _refuse_invalid_text("", password)
        now, refusal = self._clock.now(), None
        with self._db.begin() as session:
            user = session.get(User, actor.user_id)
            if user is None or user.disabled:
                refusal = SignInRefused.disabled()
            elif user.locked_until and user.locked_until > now:
                self._hashing.waste_time(password)
                refusal = SignInRefused.locked(user.locked_until)
            elif not self._hashing.verify(user.password_hash, password):
                refusal = count_failure(user, now, WRONG_PASSWORD)
                where = f"Confirming {purpose}" if purpose else "At the locked screen"
                self._audit.record(session, actor, "sign_in_failed", "user", user.id,
                                   f"{where}: " + _failure_summary(refusal))
            else:
                self._signed_in(user, password, now)
                self._audit.record(session, actor, "password_confirmed" if purpose else
                                   "unlock", "user", user.id,
                                   f"Password typed again to confirm {purpose}" if purpose
                                   else "Unlocked the screen")
        if refusal is not None:
            raise refusal
        return actor

    def note_failures_before_opening(self, counts: dict[str, int], holder_of) -> None:
        """Wrong passwords typed before encrypted records were open (``unlocking.py``),
        into the trail: ``counts`` by key-file holder, ``holder_of(username)`` its hash."""
        if self._db.read_only or not any(counts.values()):
            return
        with self._db.begin() as session:
            strangers = sum(counts.values())
            for user in session.scalars(select(User)):
                times = counts.get(holder_of(user.username), 0)
                if times:
                    strangers -= times
                    self._audit.record(session, actor_of(user), "sign_in_failed", "user",
                                       user.id, _before_opening(times))
            if strangers:
                self._audit.record(session, None, "sign_in_failed", "user", None,
                                   _before_opening(strangers) + " (a username that has no "
                                   "account)")

    def sign_out(self) -> None:
        actor = self._guard.actor
        if actor is not None and not self._db.read_only:
            self._audit.record_now(actor, "sign_out", "user", actor.user_id, "Signed out")
        self._guard.sign_out()

    # --- passwords -----------------------------------------------------------------------

    def change_password(self, actor: Actor, old: str, new: str) -> Actor:
        """The signed-in person's own password (also ends a forced change)."""
        current = self._guard.actor
        if current is None or current.user_id != actor.user_id:
            raise PermissionDenied("You can change only your own password while signed in.")
        if new == old:
            raise ValidationError({"new_password": "Choose a new password, not the current "
                                                   "one."})
        refusal = None
        with self._db.begin() as session:
            user = session.get(User, actor.user_id)
            self._check_password(session, new, user.username, "new_password")
            if not self._hashing.verify(user.password_hash, old):
                refusal = count_failure(user, self._clock.now(), WRONG_PASSWORD)
                self._audit.record(session, actor, "sign_in_failed", "user", user.id,
                                   "Wrong current password when changing it")
            else:
                user.password_hash = self._hashing.hash(new)
                user.must_change_password, user.updated_at = False, self._clock.now()
                self._audit.record(session, actor, "password_changed", "user", user.id,
                                   "Changed their own password")
        if refusal is None:  # the old password opens nothing once the key file is saved
            records_key.keep_password(self._db.paths, actor.username, new, self._hashing)
        if refusal is not None:
            message = "The current password is not right."
            if refusal.reason == "locked":  # "Wrong password. After 5 … locked until …"
                message += str(refusal).removeprefix(WRONG_PASSWORD)
            raise ValidationError({"old_password": message})
        actor = replace(current, must_change_password=False)
        self._guard.sign_in(actor)
        return actor

    def replace_temporary_password(self, actor: Actor, new: str) -> Actor:
        """Straight after signing in with a temporary password: the person's own in its
        place. The temporary one is not asked for again: it was typed a moment ago, and
        only a sign-in with it leaves the guard holding an actor who must change it."""
        current = self._guard.actor
        if current is None or current.user_id != actor.user_id:
            raise PermissionDenied("You can change only your own password while signed in.")
        if not current.must_change_password:
            raise PermissionDenied("Your password is not a temporary one: change it with "
                                   "your current password.")
        with self._db.begin() as session:
            user = session.get(User, actor.user_id)
            if user is None or user.disabled or not user.must_change_password:
                raise PermissionDenied("This account no longer has a temporary password to "
                                       "replace. Sign in again.")
            self._check_password(session, new, user.username, "new_password")
            if self._hashing.verify(user.password_hash, new):
                raise ValidationError({"new_password": "Choose a new password, not the "
                                                       "temporary one."})
            user.password_hash = self._hashing.hash(new)
            user.must_change_password, user.updated_at = False, self._clock.now()
            self._audit.record(session, actor, "password_changed", "user", user.id,
                               "Chose their own password in place of the temporary one")
        records_key.keep_password(self._db.paths, actor.username, new, self._hashing)
        actor = replace(current, must_change_password=False)
        self._guard.sign_in(actor)
        return actor

    def reset_password(self, admin_actor: Actor, username: str | int,
                       new_temporary: str) -> UserRecord:
        """The Headteacher sets a temporary password, to be changed at the next sign-in."""
        manager = self._manager(admin_actor)
        with self._db.begin() as session:
            user = find_user(session, username)
            if user.id == manager.user_id:
                raise ServiceError("Use “Change password” for your own account.")
            self._check_password(session, new_temporary, user.username)
            user.password_hash = self._hashing.hash(new_temporary)
            user.must_change_password, user.failed_attempts, user.locked_until = True, 0, None
            user.updated_at = self._clock.now()
            self._audit.record(session, manager, "password_reset", "user", user.id,
                               f"Temporary password set for account “{user.username}”")
            record = user_record(user, self._clock.now())
        records_key.keep_password(self._db.paths, record.username, new_temporary,
                                  self._hashing)
        return record

    # --- the idle lock setting -----------------------------------------------------------

    def idle_lock_minutes(self) -> int:
        with self._db.read() as session:
            minutes = read_setting(session, IDLE_LOCK)
        low, high = IDLE_LOCK.limits
        return min(max(minutes, low), high)

    def set_idle_lock_minutes(self, minutes: int) -> None:
        """On its own (the Settings page saves it with the rest: ``settings.save``)."""
        actor = self._guard.require(Operation.SETTINGS_EDIT)
        with self._db.begin() as session:
            write_setting(session, IDLE_LOCK, minutes)
            self._audit.record(session, actor, "settings", "setting", IDLE_SETTING,
                               IDLE_LOCK.summary(minutes))


def _refuse_invalid_text(username: str, password: str) -> None:
    """Checked before anything is looked up, so the answer is the same whether or not the
    username has an account; the password is never quoted."""
    refuse_invalid_text(username, "username", "The username")
    refuse_invalid_text(password, "password", "The password")


def _before_opening(times: int) -> str:
    wrong = "1 wrong password" if times == 1 else f"{times} wrong passwords"
    return f"{wrong} before the encrypted records were opened"


def _failure_summary(refusal: SignInRefused) -> str:
    if refusal.reason == "locked":
        return "Wrong password; the account is now locked"
    tries = "1 try" if refusal.tries_left == 1 else f"{refusal.tries_left} tries"
    return f"Wrong password ({tries} left)"


__all__ = ["AccountService", "NotFound", "SignInRefused", "UserRecord"]
