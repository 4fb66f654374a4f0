"""The write-ahead log beside the records, looked at before SQLite replays it.

After a crash, commits not yet folded into the main file wait in ``avenue-desk.sqlite3-wal``
and SQLite replays them when the file is next opened. Nothing ties that log to its own
database: another database's log put in its place (a bad copy, a folder put back in
pieces) is replayed just the same, and overlays the records with that database's pages.
So a log left behind is tried first on copies: the records with it and without it must be
the same records (the audit trail's first row, made once when they were set up, is the
same). If they are not, the log is set aside (kept, renamed, in the data folder) and the
records open read-only this once, saying so and offering the newest good backup.

A log is looked at only when something is left behind (a clean close folds it in and
empties it), so an ordinary start costs nothing.

An encrypted school's file (SQLCipher) is tried the same way, its copies opened with its key:
the log's own header is never encrypted, but every page in it is, with an HMAC of the key.
A log whose pages do not open with the records' key (another school's, or a plain file's)
while the records alone do is not theirs either, and is set aside; with a plain file, a log
that cannot be read is left for SQLite to judge, as it always was.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import closing
from datetime import datetime
from pathlib import Path

from avenue_desk.services.core.files import private_copy
from avenue_desk.store import keyring

UNREADABLE = object()


def foreign_wal(database: Path, now: datetime) -> str:
    """What was found and done when the log beside ``database`` belongs to other records
    (it is set aside); "" when there is no such log, or it is this database's own."""
    wal = database.with_name(database.name + "-wal")
    try:
        if wal.stat().st_size == 0:
            return ""
    except OSError:
        return ""
    try:
        key = keyring.key_for(database)  # the copies are the records' own: the same key
    except keyring.RecordsLocked:
        return ""  # not opened here before someone signs in
    with tempfile.TemporaryDirectory(prefix="avenue-desk-wal-") as work:
        alone = private_copy(database, Path(work) / "alone.sqlite3")
        with_log = private_copy(database, Path(work) / "with.sqlite3")
        private_copy(wal, Path(work) / "with.sqlite3-wal")
        before, after = _first_row(alone, key), _first_row(with_log, key)
    if before in (None, "", UNREADABLE) or after == before:
        return ""  # nothing to lose, or its own log
    if after is UNREADABLE and key is None:
        return ""  # no telling: SQLite decides (encrypted, its pages failed the key's HMAC)
    aside = wal.with_name(f"{wal.name}.set-aside-{now:%Y%m%d-%H%M%S}")
    os.replace(wal, aside)
    database.with_name(database.name + "-shm").unlink(missing_ok=True)
    return (f"A write-ahead log that belongs to other records was found beside the records "
            f"file; it would have written over them, so it was set aside ({aside.name}). The "
            "records are as they were last saved in full: anything saved after that is lost "
            "unless a backup holds it. If you do not restore a backup now, they open as "
            "they are next time.")


def _first_row(path: Path, key):
    """The audit trail's first row's hash: these records' own mark (None: no trail yet;
    "" for a file with no trail at all, as another program's database). ``key``: the
    records' key (store/keyring.py), None for a plain file."""
    try:
        with closing(keyring.connect(path, key=key)) as connection:
            if not connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'audit_log'"
                                      ).fetchone():
                return ""
            row = connection.execute("SELECT row_hash FROM audit_log ORDER BY id LIMIT 1"
                                     ).fetchone()
    except keyring.SQLITE_ERRORS:
        return UNREADABLE
    return None if row is None else row[0]
