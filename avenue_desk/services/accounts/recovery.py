"""The Headteacher's one-time recovery code: made at first run, shown once, hashed.

Mixed into ``AccountService``. Only the argon2 hash of a code is stored; using a code
sets a new password and replaces the code with a new one (shown once again).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from avenue_desk.services.accounts.passwords import new_recovery_code, normalise_recovery_code
from avenue_desk.services.accounts.records import SignInRefused, actor_of
from avenue_desk.services.core import records_key
from avenue_desk.services.core.access import Actor
from avenue_desk.store.models_accounts import RecoveryCode, User


class RecoveryCodes:
    """Needs ``_hashing``, ``_clock``, ``_db``, ``_audit``, ``_check_password()`` and
    ``_manager()``."""

    def _new_code(self, session: Session, user: User) -> str:
        now = self._clock.now()
        for old in session.scalars(select(RecoveryCode).where(
                RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))):
            old.used_at = now  # a new code replaces any unused one
        code = new_recovery_code()
        session.add(RecoveryCode(user_id=user.id, created_at=now,
                                 code_hash=self._hashing.hash(normalise_recovery_code(code))))
        return code

    def reset_admin_with_recovery_code(self, code: str, new_password: str) -> str:
        """The administrator's own way back in; the code works once, and a new one is
        returned (to print or write down), replacing it."""
        typed, found = normalise_recovery_code(code), None
        with self._db.begin() as session:
            unused = session.scalars(select(RecoveryCode).where(RecoveryCode.used_at.is_(None)))
            for candidate in unused:
                if self._hashing.verify(candidate.code_hash, typed):
                    found = candidate
                    break
            if found is None:
                self._hashing.waste_time(typed)
                self._audit.record(session, None, "sign_in_failed", "user", None,
                                   "A recovery code that is not right, or already used")
            else:
                user = session.get(User, found.user_id)
                self._check_password(session, new_password, user.username, "new_password")
                user.password_hash = self._hashing.hash(new_password)
                user.must_change_password, user.failed_attempts = False, 0
                user.locked_until, user.updated_at = None, self._clock.now()
                found.used_at = self._clock.now()
                new_code = self._new_code(session, user)
                self._audit.record(session, actor_of(user), "recovery_code_used", "user",
                                   user.id, "Password reset with the recovery code; new code "
                                   "issued")
        if found is None:
            raise SignInRefused("recovery", "That recovery code is not right, or it has "
                                            "already been used.")
        paths = self._db.paths
        records_key.keep_password(paths, user.username, new_password, self._hashing)
        records_key.keep_recovery_code(paths, normalise_recovery_code(new_code), self._hashing)
        return new_code

    def renew_recovery_code(self, actor: Actor) -> str:
        """A Headteacher's new recovery code (the old one stops working)."""
        manager = self._manager(actor)
        with self._db.begin() as session:
            code = self._new_code(session, session.get(User, manager.user_id))
            self._audit.record(session, manager, "recovery_code_renewed", "user",
                               manager.user_id, "New recovery code issued")
        records_key.keep_recovery_code(self._db.paths, normalise_recovery_code(code),
                                       self._hashing)
        return code
