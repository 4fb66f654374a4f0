"""Failed sign-ins with a username that has no account, counted as an account's are.

A real account's wrong passwords are counted in its row, so the command line, run again
and again, counts "4, 3, 2, 1 tries left" and then locks. A made-up name must do exactly
the same, or the count-down tells a stranger which names are real: so it is counted in
``sign_in_failures`` (migration 0005), under the same rules (``records.count_failure``).

The row is keyed by an HMAC-SHA256 of the folded name with a random key kept in the
settings (``SIGN_IN_KEY``, made at the first such sign-in, never shown), not by the name:
people type their password into the username box by mistake, and what was typed must not
be kept. Without the key, the table's fingerprints cannot be matched against a list of
guessed names.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

from sqlalchemy.orm import Session

from avenue_desk.policy.passwords import username_key
from avenue_desk.policy.settings_registry import SIGN_IN_KEY
from avenue_desk.services.accounts.records import SignInRefused, count_failure
from avenue_desk.services.core.settings import read_setting, write_setting
from avenue_desk.store.models_accounts import SignInFailure


def name_key(session: Session) -> bytes:
    """The key, made in this transaction if there is none yet (with the first account, so
    that no sign-in pays for making it; databases from before, at their first stranger)."""
    try:
        key = bytes.fromhex(read_setting(session, SIGN_IN_KEY))
    except ValueError:  # a damaged key counts afresh under a new one; nothing else uses it
        key = b""
    if not key:
        key = secrets.token_bytes(32)
        write_setting(session, SIGN_IN_KEY, key.hex())
    return key


def name_fingerprint(session: Session, username: str) -> str:
    """The keyed fingerprint of ``username`` as typed (case and spaces folded, as an
    account's name is)."""
    return hmac.new(name_key(session), username_key(username).encode("utf-8"),
                    hashlib.sha256).hexdigest()


def count_stranger(session: Session, username: str, now: datetime) -> SignInRefused:
    """One more failed sign-in for a name with no account: the refusal a real account
    would give at the same count (locked once it reaches the limit, for as long)."""
    fingerprint = name_fingerprint(session, username)
    row = session.get(SignInFailure, fingerprint)
    if row is None:
        row = SignInFailure(name_hash=fingerprint, failed_attempts=0)
        session.add(row)
    row.last_failed_at = now
    if row.locked_until and row.locked_until > now:
        return SignInRefused.locked(row.locked_until)
    return count_failure(row, now)
