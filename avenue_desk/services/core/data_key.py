"""The data key, and the key file that holds it wrapped for each account (docs/encryption.md).

One random 256-bit data key will open everything the school keeps: the records (SQLCipher),
the evidence files and the backups (``sealed_files.py``), each through a key derived from it
for that one purpose (``subkey``), so no two uses ever share a key. The data key itself is
never stored: the key file beside the database (``records-key.json``) holds copies of it,
each wrapped (AES-256-GCM) by a key stretched with argon2id from one account's password, or
from the Headteacher's recovery code. The key file has to be readable before the records
open, because the records are encrypted with the key it holds.

What the key file keeps for each copy: a salt, the argon2id cost, a nonce, the wrapped key
and who it belongs to as a keyed hash of the username (the same name always gives the same
holder in one file, but the file does not say the name). Each copy's fields are bound to it
as associated data, so a cheaper cost or another holder written in makes it fail to open;
and the whole file is sealed with a key derived from the data key, checked whenever a copy
is opened, so a copy removed, added or swapped by anyone without the data key is noticed.

Nothing here touches the database or Qt; ``records_key.py`` uses it to sign in, to make a
new school's key and to keep the copies in step with the accounts.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass, replace
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from avenue_desk.policy.passwords import (
    ARGON2_MEMORY_KIB,
    ARGON2_PARALLELISM,
    ARGON2_TIME_COST,
    username_key,
)
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.core.files import atomic_write_text
from avenue_desk.store.keyring import KEY_FILE

FORMAT = "avenue-desk-key-file"
VERSION = 1
KEY_BYTES = 32  # AES-256 and SQLCipher's raw key
SALT_BYTES = 16
NONCE_BYTES = 12  # AES-GCM's own size; random, and each wrapping uses a fresh key anyway
ACCOUNT, RECOVERY = "account", "recovery"
_RECOVERY_HOLDER = "recovery-code"

WRONG_SECRET = "Wrong username or password."  # the accounts' own words (accounts/records.py)
WRONG_CODE = "That recovery code is not right."


class KeyFileProblem(ServiceError):
    """The key file is missing, unreadable, or was changed outside Avenue Desk."""


class SecretRefused(ServiceError):
    """The password or recovery code does not unwrap a copy of the data key."""


@dataclass(frozen=True)
class KdfCost:
    """argon2id's cost for stretching one secret: the accounts' own (``policy.passwords``)."""

    time_cost: int = ARGON2_TIME_COST
    memory_kib: int = ARGON2_MEMORY_KIB
    parallelism: int = ARGON2_PARALLELISM

    @classmethod
    def of(cls, hasher) -> KdfCost:
        """The cost of an argon2 ``PasswordHasher`` (the accounts' ``Hashing.hasher``)."""
        return cls(hasher.time_cost, hasher.memory_cost, hasher.parallelism)


@dataclass(frozen=True)
class WrappedKey:
    """One copy of the data key, wrapped by one secret."""

    kind: str  # ACCOUNT or RECOVERY
    holder: str  # keyed hash of the username; "recovery-code" for the code
    salt: bytes
    cost: KdfCost
    nonce: bytes
    wrapped: bytes  # AES-256-GCM ciphertext of the data key, with its tag

    def __repr__(self) -> str:  # never the salt or the wrapped bytes in a log
        return f"WrappedKey({self.kind}, holder={self.holder[:8]}…)"


def new_data_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def subkey(data_key: bytes, purpose: str) -> bytes:
    """A 256-bit key for one purpose only ("records", "files", "key file seal"): HKDF-SHA256,
    so knowing one subkey tells nothing of the data key or the others."""
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None,
                info=f"avenue-desk {purpose} v{VERSION}".encode()).derive(data_key)


def records_key_pragma(data_key: bytes) -> str:
    """SQLCipher's ``PRAGMA key`` with a raw 256-bit key (x'…'): SQLCipher then skips its own
    PBKDF2, since the key is already random. Never logged: it opens the records."""
    return f"PRAGMA key = \"x'{subkey(data_key, 'records').hex()}'\""


def stretch(secret: str, salt: bytes, cost: KdfCost) -> bytes:
    """The key that wraps a copy: argon2id of the secret, as an account password is hashed."""
    return hash_secret_raw(secret.encode("utf-8"), salt, time_cost=cost.time_cost,
                           memory_cost=cost.memory_kib, parallelism=cost.parallelism,
                           hash_len=KEY_BYTES, type=Type.ID)


def _bound(file_id: bytes, kind: str, holder: str, salt: bytes, cost: KdfCost) -> bytes:
    """What a copy's GCM tag covers besides the key: change any of it and the copy is dead."""
    return _canonical({"format": FORMAT, "version": VERSION, "file": _b64(file_id),
                       "kind": kind, "holder": holder, "salt": _b64(salt),
                       "cost": [cost.time_cost, cost.memory_kib, cost.parallelism]})


def wrap(data_key: bytes, secret: str, file_id: bytes, kind: str, holder: str,
         cost: KdfCost) -> WrappedKey:
    salt, nonce = secrets.token_bytes(SALT_BYTES), secrets.token_bytes(NONCE_BYTES)
    wrapping = AESGCM(stretch(secret, salt, cost))
    wrapped = wrapping.encrypt(nonce, data_key, _bound(file_id, kind, holder, salt, cost))
    return WrappedKey(kind, holder, salt, cost, nonce, wrapped)


def unwrap(entry: WrappedKey, secret: str, file_id: bytes) -> bytes | None:
    """The data key, or None when ``secret`` is not the one it was wrapped with (or any of
    the copy's fields was changed)."""
    bound = _bound(file_id, entry.kind, entry.holder, entry.salt, entry.cost)
    try:
        return AESGCM(stretch(secret, entry.salt, entry.cost)).decrypt(
            entry.nonce, entry.wrapped, bound)
    except InvalidTag:
        return None


@dataclass(frozen=True)
class KeyFile:
    """The wrapped copies of one data set's data key. Immutable: each change returns a new
    one, sealed again with the data key (which only someone signed in holds)."""

    file_id: bytes  # random; keys the holders' hashes and is bound into every copy
    entries: tuple[WrappedKey, ...]
    seal: bytes

    def __repr__(self) -> str:
        return f"KeyFile({len(self.entries)} copies)"

    # --- making and changing ----------------------------------------------------------------

    @classmethod
    def new(cls, data_key: bytes, username: str, password: str, recovery_code: str,
            cost: KdfCost = KdfCost()) -> KeyFile:
        """A new data set's key file: the first administrator's copy and the code's."""
        file_id = secrets.token_bytes(SALT_BYTES)
        entries = (wrap(data_key, password, file_id, ACCOUNT, holder_of(file_id, username),
                        cost),
                   wrap(data_key, recovery_code, file_id, RECOVERY, _RECOVERY_HOLDER, cost))
        return cls(file_id, entries, _seal(data_key, file_id, entries))

    @classmethod
    def empty(cls, data_key: bytes) -> KeyFile:
        """A new data set's key file before its first account exists: no copy opens it yet.
        ``create_first_admin`` adds the Headteacher's and the recovery code's; a folder left
        with an empty one (a crash before that) held nothing and is set up as new."""
        file_id = secrets.token_bytes(SALT_BYTES)
        return cls(file_id, (), _seal(data_key, file_id, ()))

    @property
    def file_id_text(self) -> str:
        """The ``file_id`` as the file writes it (and as store/keyring.py remembers it)."""
        return _b64(self.file_id)

    def with_password(self, data_key: bytes, username: str, password: str,
                      cost: KdfCost = KdfCost()) -> KeyFile:
        """The account's copy wrapped by ``password`` (a new account, a changed or a temporary
        password); its old copy, if any, is gone, so the old password opens nothing."""
        holder = holder_of(self.file_id, username)
        return self._replaced(data_key, holder,
                              wrap(data_key, password, self.file_id, ACCOUNT, holder, cost))

    def with_recovery_code(self, data_key: bytes, code: str,
                           cost: KdfCost = KdfCost()) -> KeyFile:
        """The new recovery code's copy in place of the old code's."""
        return self._replaced(data_key, _RECOVERY_HOLDER,
                              wrap(data_key, code, self.file_id, RECOVERY, _RECOVERY_HOLDER,
                                   cost))

    def without(self, data_key: bytes, username: str) -> KeyFile:
        """No copy for this account any more (disabled or removed)."""
        return self._replaced(data_key, holder_of(self.file_id, username), None)

    def _replaced(self, data_key: bytes, holder: str, entry: WrappedKey | None) -> KeyFile:
        self._check_key(data_key)  # never seal a copy of some other key into this file
        kept = tuple(item for item in self.entries if item.holder != holder)
        entries = kept + ((entry,) if entry is not None else ())
        return replace(self, entries=entries, seal=_seal(data_key, self.file_id, entries))

    def _check_key(self, data_key: bytes) -> None:
        if not hmac.compare_digest(_seal(data_key, self.file_id, self.entries), self.seal):
            raise KeyFileProblem("This key does not belong to these records' key file.")

    # --- opening ----------------------------------------------------------------------------

    def has_account(self, username: str) -> bool:
        return self._entry(holder_of(self.file_id, username)) is not None

    def open_with_password(self, username: str, password: str) -> bytes:
        """The data key, from the account's copy; SecretRefused whether the password is wrong
        or the account has no copy, after the same argon2id work either way."""
        entry = self._entry(holder_of(self.file_id, username))
        if entry is None:
            stretch(password, secrets.token_bytes(SALT_BYTES), self._usual_cost())
            raise SecretRefused(WRONG_SECRET)
        return self._opened(entry, password, WRONG_SECRET)

    def open_with_recovery_code(self, code: str) -> bytes:
        """The data key from the recovery code (as ``normalise_recovery_code`` leaves it)."""
        entry = self._entry(_RECOVERY_HOLDER)
        if entry is None:
            raise SecretRefused(WRONG_CODE)
        return self._opened(entry, code, WRONG_CODE)

    def _opened(self, entry: WrappedKey, secret: str, refusal: str) -> bytes:
        data_key = unwrap(entry, secret, self.file_id)
        if data_key is None:
            raise SecretRefused(refusal)
        if not hmac.compare_digest(_seal(data_key, self.file_id, self.entries), self.seal):
            raise KeyFileProblem(
                f"The records' key file ({KEY_FILE}) has been changed outside Avenue Desk, so "
                "it cannot be trusted. Restore it from the newest backup.")
        return data_key

    def _entry(self, holder: str) -> WrappedKey | None:
        return next((item for item in self.entries if item.holder == holder), None)

    def _usual_cost(self) -> KdfCost:
        accounts = [item.cost for item in self.entries if item.kind == ACCOUNT]
        return accounts[0] if accounts else KdfCost()

    # --- on disk ----------------------------------------------------------------------------

    def to_json(self) -> str:
        return json.dumps({
            "format": FORMAT, "version": VERSION, "file_id": _b64(self.file_id),
            "copies": [{"kind": item.kind, "holder": item.holder, "salt": _b64(item.salt),
                        "argon2id": {"time_cost": item.cost.time_cost,
                                     "memory_kib": item.cost.memory_kib,
                                     "parallelism": item.cost.parallelism},
                        "nonce": _b64(item.nonce), "wrapped_key": _b64(item.wrapped)}
                       for item in self.entries],
            "seal": _b64(self.seal)}, indent=1)

    @classmethod
    def from_json(cls, text: str) -> KeyFile:
        try:
            data = json.loads(text)
            if data.get("format") != FORMAT:
                raise ValueError("not a key file")
            if data.get("version") != VERSION:
                raise KeyFileProblem(f"The records' key file ({KEY_FILE}) was written by a "
                                     "newer Avenue Desk: update Avenue Desk to open them.")
            entries = tuple(WrappedKey(
                kind=_one_of(item["kind"], (ACCOUNT, RECOVERY)), holder=str(item["holder"]),
                salt=_unb64(item["salt"]),
                cost=KdfCost(int(item["argon2id"]["time_cost"]),
                             int(item["argon2id"]["memory_kib"]),
                             int(item["argon2id"]["parallelism"])),
                nonce=_unb64(item["nonce"]), wrapped=_unb64(item["wrapped_key"]))
                for item in data["copies"])
            return cls(_unb64(data["file_id"]), entries, _unb64(data["seal"]))
        except KeyFileProblem:
            raise
        except (ValueError, KeyError, TypeError, AttributeError):
            raise KeyFileProblem(f"The records' key file ({KEY_FILE}) is damaged and cannot "
                                 "be read. Restore it from the newest backup.") from None

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise KeyFileProblem(f"The records' key file ({KEY_FILE}) is missing from "
                                 f"{Path(path).parent}. Restore it from the newest backup."
                                 ) from None
        except (OSError, UnicodeDecodeError) as error:
            raise KeyFileProblem(f"The records' key file ({KEY_FILE}) cannot be read "
                                 f"({getattr(error, 'strerror', None) or error}).") from None
        return cls.from_json(text)

    def save(self, path: Path) -> None:
        """Replaces the file in one step (a crash leaves the old one or the new one), 0600."""
        atomic_write_text(path, self.to_json())


def holder_of(file_id: bytes, username: str) -> str:
    """Who a copy belongs to, without the name: HMAC-SHA256 keyed by the file's random id
    over the username as accounts compare it ("JSmith" and "jsmith" are one)."""
    digest = hmac.new(file_id, b"account\0" + username_key(username).encode("utf-8"),
                      hashlib.sha256)
    return digest.hexdigest()[:32]


def _seal(data_key: bytes, file_id: bytes, entries: tuple[WrappedKey, ...]) -> bytes:
    body = _canonical({"format": FORMAT, "version": VERSION, "file": _b64(file_id),
                       "copies": sorted(
                           [item.kind, item.holder, _b64(item.salt), item.cost.time_cost,
                            item.cost.memory_kib, item.cost.parallelism, _b64(item.nonce),
                            _b64(item.wrapped)] for item in entries)})
    return hmac.new(subkey(data_key, "key file seal"), body, hashlib.sha256).digest()


def _canonical(value) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _one_of(value, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ValueError(value)
    return value


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text) -> bytes:
    if not isinstance(text, str):
        raise TypeError("not text")
    return base64.b64decode(text.encode("ascii"), validate=True)
