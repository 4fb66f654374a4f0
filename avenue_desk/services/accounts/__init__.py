"""Accounts: the first administrator, signing in, passwords (argon2id), lockout, the
recovery code, and the Headteacher's adding and changing of the others.
"""

from __future__ import annotations

from avenue_desk.lazy_exports import lazy_getattr

# The package's public names and the module each lives in (see avenue_desk/lazy_exports.py).
_EXPORTS = {
    "AccountService": "accounts",
    "DEMO_USERNAMES": "demo_accounts",
    "load_common_passwords": "passwords",
    "normalise_recovery_code": "passwords",
    "note_unlock_failures": "unlocking",
    "unlock_records": "unlocking",
    "suggest_temporary_password": "passwords",
}

__all__ = sorted(_EXPORTS)
__getattr__ = lazy_getattr(__name__, _EXPORTS)
