"""Which records file is encrypted, with which key, and one way to open any of them.

An encrypted school's records file (SQLCipher) has its key file, ``records-key.json``,
beside it; a plain one has none. That single rule says, for any path the app opens — the
live file, a backup's copy in a temporary folder, a restore's staging folder — whether
the file needs a key and which: the key file's random ``file_id`` names the data key that
signing in unwrapped (``services/core/records_key.py``), held here for as long as the
program runs. A copy of the records that leaves the data folder therefore takes its key
file with it (a backup does anyway: it restores on its own).

Every raw connection to a records file goes through ``connect``, and every engine through
``store/engine.py``'s ``make_engine``, which asks ``key_for`` here. The key is never
logged, never in a URL, never in a file.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

KEY_FILE = "records-key.json"
PLAIN_HEADER = b"SQLite format 3\x00"

# sqlite3's and sqlcipher3's exceptions are parallel families, not subclasses of each
# other: a handler that means "SQLite said no" names both.
SQLITE_ERRORS = (sqlite3.Error, sqlcipher.Error)
DATABASE_ERRORS = (sqlite3.DatabaseError, sqlcipher.DatabaseError)
OPERATIONAL_ERRORS = (sqlite3.OperationalError, sqlcipher.OperationalError)


class RecordsLocked(Exception):
    """The records are encrypted and nobody has signed in to this program yet."""

    def __init__(self, folder: Path):
        super().__init__("The records are encrypted: sign in first to open them "
                         f"({folder}).")


@dataclass(frozen=True)
class Unlocked:
    data_key: bytes  # opens the sealed files (services/core/sealed_files.py)
    records_key: bytes  # SQLCipher's raw key: the data key's "records" subkey

    def __repr__(self) -> str:  # never the keys in a log or a traceback
        return "Unlocked(…)"


_UNLOCKED: dict[str, Unlocked] = {}
_GUARD = threading.Lock()


def key_file_beside(database: Path) -> Path:
    return Path(database).parent / KEY_FILE


def file_id_of(key_file: Path) -> str | None:
    """The key file's ``file_id``, or None when there is no key file (a plain school).
    A key file that cannot be read gives "", which no key is remembered under: the records
    stay locked, and signing in (which reads the file whole) says what is wrong with it."""
    try:
        return str(json.loads(Path(key_file).read_text(encoding="utf-8"))["file_id"])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return ""


def is_encrypted(database: Path) -> bool:
    """True when the records file at ``database`` is (or is to be) SQLCipher's."""
    return key_file_beside(database).exists()


def remember(file_id: str, unlocked: Unlocked) -> None:
    with _GUARD:
        _UNLOCKED[file_id] = unlocked


def forget(file_id: str | None = None) -> None:
    """Forgets one key (``file_id``) or all of them."""
    with _GUARD:
        if file_id is None:
            _UNLOCKED.clear()
        else:
            _UNLOCKED.pop(file_id, None)


def unlocked_for(file_id: str) -> Unlocked | None:
    with _GUARD:
        return _UNLOCKED.get(file_id)


def key_for(database: Path) -> Unlocked | None:
    """The key the file at ``database`` opens with; None for a plain file. Raises
    ``RecordsLocked`` when it is encrypted and this program has not been given its key."""
    file_id = file_id_of(key_file_beside(database))
    if file_id is None:
        return None
    found = unlocked_for(file_id)
    if found is None:
        raise RecordsLocked(Path(database).parent)
    return found


def key_pragma(unlocked: Unlocked) -> str:
    """SQLCipher's ``PRAGMA key`` with the raw 256-bit key (x'…'), which skips SQLCipher's
    own PBKDF2: the key is random already."""
    return f"PRAGMA key = \"x'{unlocked.records_key.hex()}'\""


def keyed(connection, unlocked: Unlocked):
    """``connection`` (sqlcipher3's) given the key before anything else reads the file;
    SQLCipher's own logging of a wrong key is silenced: it is ours to say, in words."""
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(key_pragma(unlocked))
    return connection


_FIND = object()


def connect(database: Path | str, *, key=_FIND, read_only: bool = False, **kwargs):
    """A DB-API connection to the records file at ``database``: sqlite3's for a plain file,
    sqlcipher3's with the key for an encrypted one (``key``: an ``Unlocked``, None for
    plain, or found from the key file beside it). ``read_only`` opens it so that nothing,
    not even a journal, is written."""
    unlocked = key_for(Path(database)) if key is _FIND else key
    module = sqlite3 if unlocked is None else sqlcipher
    if read_only:
        connection = module.connect(f"{Path(database).as_uri()}?mode=ro", uri=True, **kwargs)
    else:
        connection = module.connect(str(database), **kwargs)
    return connection if unlocked is None else keyed(connection, unlocked)


def copy_records(source: Path, destination: Path, *, key=_FIND) -> None:
    """SQLite's online backup of ``source`` into ``destination``, with the same key on both
    sides (an encrypted file's copy stays encrypted; the caller puts the key file beside
    it). A consistent copy even while another connection writes."""
    unlocked = key_for(Path(source)) if key is _FIND else key
    src = connect(source, key=unlocked)
    try:
        dst = connect(destination, key=unlocked)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
