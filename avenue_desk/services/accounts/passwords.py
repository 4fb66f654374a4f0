"""Password hashing (argon2id), the common-password list, recovery codes and temporary
passwords. Nothing here ever logs, prints or repeats a password or a code.
"""

from __future__ import annotations

import base64
import secrets
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from argon2.low_level import ARGON2_VERSION

from avenue_desk.paths import resource_path
from avenue_desk.policy.passwords import (
    ARGON2_MEMORY_KIB,
    ARGON2_PARALLELISM,
    ARGON2_TIME_COST,
    common_password_set,
)

# The one cost for every secret the app stretches (the data key's wrapping uses it too).
TIME_COST = ARGON2_TIME_COST
MEMORY_COST_KIB = ARGON2_MEMORY_KIB
PARALLELISM = ARGON2_PARALLELISM

# Crockford's base 32: no I, L, O or U, so a code copied from paper is not misread.
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CODE_GROUPS, _CODE_GROUP_LENGTH = 5, 5  # 25 characters: 125 bits
# For temporary passwords read out across the office: lower case, no 0/o or 1/l.
_TEMP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def make_hasher() -> PasswordHasher:
    return PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_COST_KIB,
                          parallelism=PARALLELISM)


def common_passwords_file() -> Path:
    return resource_path("common-passwords.txt")


@cache
def load_common_passwords(path: Path | None = None) -> frozenset[str]:
    """The shipped list of the 10,000 commonest passwords, read once, lower-cased."""
    with open(path or common_passwords_file(), encoding="utf-8") as handle:
        return common_password_set(handle)


class Hashing:
    """argon2id hashing with a dummy hash for unknown usernames (equal time either way)."""

    def __init__(self, hasher: PasswordHasher | None = None):
        self.hasher = hasher or make_hasher()
        self._dummy: str | None = None

    def __repr__(self) -> str:
        params = self.hasher
        return (f"Hashing(argon2id, t={params.time_cost}, m={params.memory_cost}, "
                f"p={params.parallelism})")

    def hash(self, secret: str) -> str:
        return self.hasher.hash(secret)

    def verify(self, stored_hash: str, secret: str) -> bool:
        try:
            return self.hasher.verify(stored_hash, secret)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
        except UnicodeEncodeError:  # half a character: no password ever set can hold one
            return False

    def needs_rehash(self, stored_hash: str) -> bool:
        try:
            return self.hasher.check_needs_rehash(stored_hash)
        except InvalidHashError:
            return True

    def waste_time(self, secret: str) -> None:
        """As long as a real check, for a username that does not exist: the same argon2id
        check against a stored-hash-shaped string that no password matches. It is made
        without hashing, so the first unknown name in a process costs one check, as a real
        account's first wrong password does (hashing a dummy on first use made it twice as
        slow, which told a stranger the name had no account)."""
        if self._dummy is None:
            self._dummy = unmatchable_hash(self.hasher)
        self.verify(self._dummy, secret)


def unmatchable_hash(hasher: PasswordHasher) -> str:
    """An encoded argon2 hash with ``hasher``'s parameters, salt and digest length, whose
    digest is random bytes: checking a password against it costs exactly a real check and
    never succeeds (a 2**-256 chance)."""
    def b64(data: bytes) -> str:  # argon2's encoding: standard base 64 without padding
        return base64.b64encode(data).decode("ascii").rstrip("=")

    kind = hasher.type.name.lower()
    return (f"$argon2{kind}$v={ARGON2_VERSION}$m={hasher.memory_cost},t={hasher.time_cost},"
            f"p={hasher.parallelism}${b64(secrets.token_bytes(hasher.salt_len))}$"
            f"{b64(secrets.token_bytes(hasher.hash_len))}")


def new_recovery_code() -> str:
    """E.g. "7KQ2M-XW9RT-…": five groups of five, 125 random bits."""
    groups = ("".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_GROUP_LENGTH))
              for _ in range(_CODE_GROUPS))
    return "-".join(groups)


def normalise_recovery_code(text: str) -> str:
    """As typed back from paper: any case, spaces or dashes; O read as 0, I and L as 1."""
    folded = "".join(ch for ch in text.upper() if ch.isalnum())
    return folded.translate(str.maketrans("OIL", "011"))


def suggest_temporary_password() -> str:
    """E.g. "k7qx-2mfr-9tza": 12 random characters, easy to read out and type once."""
    parts = ("".join(secrets.choice(_TEMP_ALPHABET) for _ in range(4)) for _ in range(3))
    return "-".join(parts)
