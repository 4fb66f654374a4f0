"""The engine, with the SQLite settings that make the file fit to hold evidence."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from avenue_desk.store import keyring
from avenue_desk.store.mounts import mount_holding

BUSY_TIMEOUT_MS = 10_000
# An encrypted file's pages are decrypted and checked (AES-256, HMAC-SHA512) each time SQLite
# reads them from the disk or the system's file cache; only SQLite's own page cache, in this
# process, keeps them decrypted. SQLCipher's default cache (8 MiB a connection) made the
# 100,000-incident school's deep list page 3×, and the governors' report's queries 2.3×,
# slower than on a plain file; 128 MiB holds what they read again and again, and they are
# as fast as plain (docs/performance.md, "Encrypted records"). A cache fills only as pages
# are read, so a school's usual few-MB file never uses it all; and all the connections'
# caches together are held under 256 MiB (SQLite's soft heap limit, which applies to
# SQLCipher's own copy of SQLite only). Plain files keep SQLite's defaults: the system's
# file cache serves them.
CIPHER_CACHE_KIB = 128 * 1024
CIPHER_HEAP_LIMIT_BYTES = 256 * 1024 * 1024
CONNECT_TIMEOUT_S = 10
NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "afs", "9p", "fuse.sshfs", "davfs"}


def is_network_path(path: Path) -> bool:
    """True when the file sits on a network share, where WAL's shared memory is unsafe."""
    text = str(path)
    if text.startswith("\\\\") or text.startswith("//"):
        return True
    if sys.platform == "win32":
        return _windows_drive_is_remote(text)
    return _mount_type(path) in NETWORK_FILESYSTEMS


def _windows_drive_is_remote(text: str) -> bool:  # pragma: no cover - Windows only
    import ctypes

    drive = os.path.splitdrive(os.path.abspath(text))[0] + "\\"
    drive_remote = 4
    return ctypes.windll.kernel32.GetDriveTypeW(drive) == drive_remote


def _mount_type(path: Path) -> str:
    mount = mount_holding(path)
    return mount.fs_type if mount is not None else ""


def make_engine(url: str, *, on_network_share: bool = False, read_only: bool = False) -> Engine:
    """An engine; for SQLite every connection gets foreign keys, WAL and full sync.

    ``read_only``: a damaged file, opened only to read what still can be; its connections
    refuse every write and touch neither the journal mode nor anything else that would read
    past the first page before a query asks to."""
    if url.startswith("postgresql+psycopg:"):
        # A server that does not answer (a dropped network) is said so in seconds, not
        # after the operating system's own minutes-long wait.
        return create_engine(url, pool_pre_ping=True,
                             connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    unlocked = _key_of(url)  # an encrypted school's file (SQLCipher), or None
    connect_args = {"timeout": BUSY_TIMEOUT_MS / 1000}
    if unlocked is None:
        engine = create_engine(url, connect_args=connect_args)
    else:
        # The most recently used connection first: its page cache is the warm one.
        engine = create_engine(url, module=keyring.sqlcipher, connect_args=connect_args,
                               pool_use_lifo=True)

        @event.listens_for(engine, "do_connect")
        def _keyed(_dialect, _record, cargs, cparams):
            # The key before anything reads the file, then the same pragmas as a plain one.
            connection = keyring.keyed(keyring.sqlcipher.connect(*cargs, **cparams), unlocked)
            connection.execute(f"PRAGMA soft_heap_limit = {CIPHER_HEAP_LIMIT_BYTES}")
            if not read_only:  # the check at opening reads every page once: no use keeping
                connection.execute(f"PRAGMA cache_size = -{CIPHER_CACHE_KIB}")
            return connection

    journal = "DELETE" if on_network_share else "WAL"

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection, _record):
        dbapi_connection.text_factory = tolerant_text
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if read_only:
            cursor.execute("PRAGMA query_only=ON")
        else:
            cursor.execute(f"PRAGMA journal_mode={journal}")
            # Incidents are evidence: a power cut must not lose a committed record.
            cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    return engine


def _key_of(url: str):
    """The key for a SQLite URL's file (store/keyring.py); None in memory or when plain."""
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return keyring.key_for(Path(database))


# --- text that a damaged page no longer holds as UTF-8 ------------------------------------
#
# SQLite hands back a text value's bytes as they are on the page; Python's default turns
# bytes that are not UTF-8 (one flipped bit in a name) into an OperationalError that stops
# the whole query, so one damaged name would stop the people list from loading at all.
# Every connection decodes instead with U+FFFD (�) where letters were lost, and counts each
# such value on the thread that read it: a list still loads and shows the damage, and a
# service that opens one record to edit it (``Database.read_one``) refuses a damaged one
# with a plain message, so the � never goes back into the file as if typed. The health
# check reads the raw bytes (CAST AS BLOB) to name every damaged value.

_TEXT_DAMAGE = threading.local()


def tolerant_text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        _TEXT_DAMAGE.count = getattr(_TEXT_DAMAGE, "count", 0) + 1
        return raw.decode("utf-8", "replace")


def damaged_text_read() -> int:
    """How many damaged text values this thread has read so far (compare two readings)."""
    return getattr(_TEXT_DAMAGE, "count", 0)


def make_sessions(engine: Engine) -> sessionmaker[Session]:
    # expire_on_commit=False: services turn rows into dataclasses after commit.
    return sessionmaker(engine, expire_on_commit=False)
