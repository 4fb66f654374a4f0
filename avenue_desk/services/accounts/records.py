"""What the accounts service hands out: user records and sign-in refusals (no secrets)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from avenue_desk.policy.access import LOCKOUT_MINUTES, MAX_FAILED_SIGN_INS, get_role_info
from avenue_desk.services.core.access import Actor
from avenue_desk.services.core.audit import local_time
from avenue_desk.services.core.errors import ServiceError


@dataclass(frozen=True)
class UserRecord:
    """One account as the Accounts screen shows it. There is no hash field to leak."""

    id: int
    username: str
    display_name: str
    role: str
    person_id: int | None
    must_change_password: bool
    disabled: bool
    locked_until: datetime | None  # naive UTC; None when not locked now
    last_sign_in: datetime | None  # naive UTC
    created_at: datetime

    @property
    def role_label(self) -> str:
        return get_role_info(self.role).label

    @property
    def status(self) -> str:
        if self.disabled:
            return "Disabled"
        if self.locked_until is not None:
            return f"Locked until {clock_text(self.locked_until)}"
        if self.must_change_password:
            return "Must choose a new password"
        return "Active"


def user_record(user, now: datetime) -> UserRecord:
    locked = user.locked_until if user.locked_until and user.locked_until > now else None
    return UserRecord(user.id, user.username, user.display_name, user.role, user.person_id,
                      user.must_change_password, user.disabled, locked, user.last_sign_in,
                      user.created_at)


def actor_of(user) -> Actor:
    return Actor(user.id, user.username, user.display_name, user.role, user.person_id,
                 user.must_change_password)


def clock_text(utc_naive: datetime) -> str:
    """ "14:35" in this computer's local time."""
    return local_time(utc_naive).strftime("%H:%M")


WRONG = "Wrong username or password."
WRONG_PASSWORD = "Wrong password."  # where the username is already known (the locked screen)


class SignInRefused(ServiceError):
    """Why signing in did not work, worded for the person at the desk (never the password).

    ``reason`` is "wrong", "locked", "disabled" or "recovery".
    """

    def __init__(self, reason: str, message: str, tries_left: int | None = None,
                 locked_until: datetime | None = None):
        self.reason = reason
        self.tries_left = tries_left
        self.locked_until = locked_until
        super().__init__(message)

    @classmethod
    def wrong(cls, tries_left: int, lead: str = WRONG) -> SignInRefused:
        tries = "1 try" if tries_left == 1 else f"{tries_left} tries"
        return cls("wrong", f"{lead} {tries} left before the account is locked for "
                            f"{LOCKOUT_MINUTES} minutes.", tries_left)

    @classmethod
    def now_locked(cls, until: datetime, lead: str = WRONG) -> SignInRefused:
        return cls("locked", f"{lead} After {MAX_FAILED_SIGN_INS} wrong passwords the account "
                             f"is locked until {clock_text(until)}.", 0, until)

    @classmethod
    def locked(cls, until: datetime) -> SignInRefused:
        return cls("locked", f"This account is locked until {clock_text(until)}. Try again "
                             "then, or ask the Headteacher to reset the password.", 0, until)

    @classmethod
    def disabled(cls) -> SignInRefused:
        return cls("disabled", "This account is disabled. Ask the Headteacher if you need it "
                               "again.")


def count_failure(user, now: datetime, lead: str = WRONG) -> SignInRefused:
    """One more wrong password on a real account; locks it at the limit (stored, so the
    lock survives a restart)."""
    user.failed_attempts = (user.failed_attempts or 0) + 1
    if user.failed_attempts >= MAX_FAILED_SIGN_INS:
        user.failed_attempts = 0
        user.locked_until = now + timedelta(minutes=LOCKOUT_MINUTES)
        return SignInRefused.now_locked(user.locked_until, lead)
    return SignInRefused.wrong(MAX_FAILED_SIGN_INS - user.failed_attempts, lead)
