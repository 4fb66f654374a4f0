"""Opening an encrypted school's records, and keeping its key file in step with the accounts.

A school whose data folder holds ``records-key.json`` beside the records file is encrypted
(store/keyring.py says how a path is told). Before its records can open, someone signs in
here: their password (or the Headteacher's recovery code) unwraps the data key from the key
file (services/core/data_key.py), and the program keeps it in memory until it ends. After
that, the accounts' own sign-in runs as before, with its lockout and its audit row.

Each change to an account's password, and each account added, disabled or removed, changes
the key file straight after its transaction commits (``AccountService`` calls the
functions at the end of this module). A crash between the two leaves the database's
password and the key file's copy disagreeing for that one account: the next time that
account signs in with the password the records accept, its copy is made again
(``keep_copy``), and the recovery code always opens.

A new school is encrypted from its first moment: ``prepare_new`` makes its data key and an
empty key file before the records file is made, and ``create_first_admin`` adds the first
copies. A folder left with an empty key file (the program ended before the first account)
held nothing and is set up as new.
"""

from __future__ import annotations

import os
from pathlib import Path

from avenue_desk.paths import AppPaths
from avenue_desk.services.core.data_key import (
    KdfCost,
    KeyFile,
    KeyFileProblem,
    SecretRefused,
    new_data_key,
    subkey,
)
from avenue_desk.store import keyring

__all__ = ["KeyFileProblem", "SecretRefused"]


def key_file(paths: AppPaths) -> Path:
    return keyring.key_file_beside(paths.database_file)


def is_encrypted(paths: AppPaths) -> bool:
    """An encrypted school's folder (only a SQLite file's records are: a server's are the
    trust's to protect, docs/server.md)."""
    return paths.uses_sqlite_file and key_file(paths).exists()


def is_locked(paths: AppPaths) -> bool:
    """Encrypted, and nobody has signed in to this program yet to open them."""
    if not is_encrypted(paths):
        return False
    file_id = keyring.file_id_of(key_file(paths))
    return file_id is None or keyring.unlocked_for(file_id) is None


def data_key(paths: AppPaths) -> bytes | None:
    """The data key of an open encrypted school (sealed files use it); None when plain."""
    if not is_encrypted(paths):
        return None
    found = keyring.key_for(paths.database_file)
    return None if found is None else found.data_key


def _remember(keys: KeyFile, key: bytes) -> None:
    keyring.remember(keys.file_id_text, keyring.Unlocked(key, subkey(key, "records")))


def load(paths: AppPaths) -> KeyFile:
    return KeyFile.load(key_file(paths))


def unlock_with_password(paths: AppPaths, username: str, password: str) -> None:
    """Opens the records for this program with an account's password; ``SecretRefused``
    (the same words for a wrong password and an unknown name) or ``KeyFileProblem``."""
    keys = load(paths)
    _remember(keys, keys.open_with_password(username, password))


def unlock_with_recovery_code(paths: AppPaths, code: str) -> None:
    """Opens the records with the Headteacher's recovery code (as ``normalise_recovery_code``
    leaves it), for a forgotten administrator's password."""
    keys = load(paths)
    _remember(keys, keys.open_with_recovery_code(code))


def is_unfinished(paths: AppPaths) -> bool:
    """A key file with no copy in it: a new school whose first account was never made."""
    try:
        return is_encrypted(paths) and not load(paths).entries
    except KeyFileProblem:
        return False


def prepare_new(paths: AppPaths) -> None:
    """A new school's data key and empty key file, before its records file is made."""
    key = new_data_key()
    keys = KeyFile.empty(key)
    paths.database_file.parent.mkdir(parents=True, exist_ok=True)
    keys.save(key_file(paths))
    _remember(keys, key)


def _change(paths: AppPaths, change) -> None:
    """``change(keys, data_key)`` → the new key file, saved in one step; nothing for a plain
    school. Called after the account's transaction committed, while signed in."""
    if not is_encrypted(paths):
        return
    keys = load(paths)
    key = keyring.key_for(paths.database_file).data_key
    change(keys, key).save(key_file(paths))


def cost_of(hashing) -> KdfCost:
    """The copies are stretched at the accounts' own argon2id cost (cheaper in tests)."""
    return KdfCost.of(hashing.hasher)


def add_first_copies(paths: AppPaths, username: str, password: str, code: str,
                     hashing) -> None:
    cost = cost_of(hashing)
    _change(paths, lambda keys, key: keys.with_password(key, username, password, cost)
            .with_recovery_code(key, code, cost))


def keep_password(paths: AppPaths, username: str, password: str, hashing) -> None:
    """The account's copy wrapped by this password (new account, changed or temporary)."""
    cost = cost_of(hashing)
    _change(paths, lambda keys, key: keys.with_password(key, username, password, cost))


def keep_recovery_code(paths: AppPaths, code: str, hashing) -> None:
    cost = cost_of(hashing)
    _change(paths, lambda keys, key: keys.with_recovery_code(key, code, cost))


def drop_account(paths: AppPaths, username: str) -> None:
    _change(paths, lambda keys, key: keys.without(key, username))


def keep_copy(paths: AppPaths, username: str, password: str, hashing) -> None:
    """After a sign-in the records accepted: the account's copy made again if the key file
    has none (a crash between the account's change and the key file's). Only looked up,
    not opened: a sign-in must not cost a second argon2id."""
    if not is_encrypted(paths) or is_locked(paths) or load(paths).has_account(username):
        return
    keep_password(paths, username, password, hashing)


def remove_unfinished(paths: AppPaths) -> None:
    """Clears a new school that never got its first account: the key file and the records
    file made with it (nothing can be in it: everything needs someone signed in)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.remove(f"{paths.database_file}{suffix}")
        except FileNotFoundError:
            pass
    key_file(paths).unlink(missing_ok=True)
