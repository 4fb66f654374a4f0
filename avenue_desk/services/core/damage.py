"""What a damaged records file looks like, in words for the desk.

``open_database`` asks here whether the file can be opened at all (emptied to 0 bytes, not
a database, a version that cannot be read), and ``Database.read``/``begin`` ask whether an
error met while reading is damage (rather than, say, a busy file) before turning it into a
``RecordsDamaged``. The window and every command then say the same thing, and offer the
newest good backup.

An encrypted school's file (SQLCipher) says "file is not a database" for a wrong key as for
a damaged first page. The key it is opened with unwrapped from the key file and passed its
seal (services/core/data_key.py), so it is the right key, and the words mean damage.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from avenue_desk.paths import AppPaths
from avenue_desk.services.core.filetypes import looks_like, sniff
from avenue_desk.store import keyring

SQLITE_HEADER = b"SQLite format 3\x00"
# How SQLite says a file is damaged; a locked or busy file, or a full disk, is not damage.
_DAMAGE_WORDS = ("file is not a database", "malformed", "could not decode", "disk i/o error",
                 "database corrupt")
# SQLAlchemy's words for a date or time it cannot read back (a damaged character in it).
_DATE_WORDS = ("invalid isoformat string", "couldn't parse")
# What shows that a folder with an empty records file was in use before.
_SIGNS_OF_USE = ("backups/*.zip", "backups/audit-anchors.txt", "evidence/*/*",
                 "replaced-*", "backup-folder.txt")


def damage_of(error: BaseException | None, database_file: Path | None = None) -> str:
    """What ``error`` says about the file, in a sentence; "" when it is not damage."""
    if error is None:
        return ""
    words = str(error)
    lowered = words.lower()
    if isinstance(error, ValueError) and any(w in lowered for w in _DATE_WORDS):
        return ("A date or time in the records is damaged and could not be read "
                f"({_shortened(words)}).")
    if not isinstance(error, keyring.DATABASE_ERRORS) or not any(
            w in lowered for w in _DAMAGE_WORDS):
        return ""
    if "not a database" in lowered and database_file is not None:
        return not_a_database(database_file)
    return f"The records file is damaged (SQLite: {_shortened(words)})."


def not_a_database(database_file: Path) -> str:
    """Why SQLite says "file is not a database", said plainly."""
    try:
        with open(database_file, "rb") as handle:
            head = handle.read(512)
    except OSError as error:
        return f"The records file could not be read ({error.strerror or error})."
    encrypted = keyring.is_encrypted(database_file)
    if head.startswith(SQLITE_HEADER):
        if encrypted:
            return ("The records file is not the encrypted one its key file belongs to: an "
                    "unencrypted records file has been put in its place.")
        return "The records file is damaged: SQLite cannot read its first page."
    kind = sniff(head)
    seems = f"a {kind.label}" if kind is not None else looks_like(head)
    if seems:
        return (f"The records file is not a database at all: it seems to be {seems}. "
                "Something has written over it.")
    if head[16:100] and not head[:16].strip(b"\x00"):
        return "The start of the records file has been wiped, so SQLite cannot read it."
    if encrypted:  # opened with its own key: the first page itself is changed or damaged
        return ("The start of the records file has been overwritten or damaged, so it cannot "
                "be read (its key is the right one, so this is damage, not a wrong "
                "password).")
    if _backups_hold_a_key(database_file.parent / "backups"):
        # Random from its first byte, as SQLCipher's files are, with no key file beside it.
        return (f"The records seem to be encrypted, but their key file ({keyring.KEY_FILE}) "
                "is missing from the folder, so they cannot be opened. Every backup holds a "
                "copy of it: put it back from the newest backup, or restore that backup with "
                "“avenue-desk --user NAME restore FILE” and your password as it was that day.")
    return ("The start of the records file has been overwritten, so SQLite cannot read it "
            "(it is damaged, or another program has written over it).")


def _backups_hold_a_key(backups: Path) -> bool:
    """Whether any backup beside the records holds a key file (they were encrypted)."""
    for archive in sorted(backups.glob("*.zip"), reverse=True)[:5]:
        try:
            with zipfile.ZipFile(archive) as members:
                if keyring.KEY_FILE in members.namelist():
                    return True
        except (OSError, zipfile.BadZipFile):
            continue
    return False


def emptied_file(paths: AppPaths) -> str:
    """The sentence for a records file emptied to 0 bytes in a folder that was in use; ""
    otherwise (a new folder's file, made a moment before a crash, holds nothing to lose and
    is set up as new)."""
    try:
        if paths.database_file.stat().st_size:
            return ""
    except OSError:
        return ""
    if not any(next(paths.data_dir.glob(pattern), None) for pattern in _SIGNS_OF_USE):
        return ""
    return ("The records file is empty (0 bytes): everything in it has been lost, though "
            "this folder was in use (it holds backups or evidence). Avenue Desk will not set "
            "it up as new over them.")


def unreadable_revision(revision: str | None) -> tuple[str, ...]:
    """A recorded database version that a damaged page has garbled; () when it reads."""
    if revision is None or "\ufffd" not in revision:
        return ()
    return ("the database's version could not be read: the page that holds it is damaged",)


def damaged_record(what: str) -> str:
    return (f"{what} is damaged in the records file: some of its text can no longer be "
            "read (lists show it with � where letters were lost), so it cannot be opened "
            "to edit.")


def _shortened(words: str, limit: int = 160) -> str:
    words = " ".join(words.split())
    return words if len(words) <= limit else words[:limit - 1] + "…"
