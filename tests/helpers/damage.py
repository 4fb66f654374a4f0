"""A real database file damaged on purpose, the way a failing disk, a pulled stick, a bad
copy or a stray program does: whole pages, the header, a cut, an emptied file, one byte
inside a record's text or an index's key, a lost or foreign write-ahead log.

Every function works on a closed database file (its WAL folded in), except the WAL ones,
which make their own. ``CASES`` lists the corruption suite's cases
(tests/ui/test_corruption_suite.py): each damages a copy of a school's data folder and says
what a person must then be told.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

PAGE = 4096
NOT_UTF8 = 0xFF  # a byte that can never appear in UTF-8 text


def damage(path, at: float = 0.5, pages: int = 4) -> None:
    """Overwrites whole pages in the middle of a real database file with rubbish."""
    size = path.stat().st_size
    _overwrite(path, int(size * at) // PAGE * PAGE, pages)


def damage_index(path, name: str = "ix_people_name_key") -> None:
    """Overwrites the root page of one index: damage that leaves most screens readable
    (found through the key file beside an encrypted school's file, store/keyring.py)."""
    from avenue_desk.store import keyring

    with closing(keyring.connect(path)) as connection:
        root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                                  (name,)).fetchone()[0]
    _overwrite(path, (root - 1) * PAGE, 1)


def _overwrite(path, offset: int, pages: int) -> None:
    with open(path, "r+b") as handle:
        handle.seek(offset)
        handle.write(bytes((n * 7 + 13) % 256 for n in range(PAGE * pages)))


# --- the whole file -----------------------------------------------------------------------


def overwrite_header(path: Path) -> None:
    """The first 16 bytes ("SQLite format 3\\0") overwritten."""
    with open(path, "r+b") as handle:
        handle.write(b"\xde\xad\xbe\xef" * 4)


def truncate_half(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def empty(path: Path) -> None:
    os.truncate(path, 0)


def foreign_file(path: Path) -> None:
    """Something else saved under the records' name: a PDF."""
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" * 400)


# --- one byte inside a record ---------------------------------------------------------------


def flip_text(path: Path, table: str, column: str, where: str = "1") -> int:
    """One byte of one row's ``column`` (the first row matching ``where`` with text of 4
    characters or more) made a byte UTF-8 never holds, on the table's own page (not its
    copy in an index or the search index). Returns the row's rowid."""
    with closing(sqlite3.connect(path)) as connection:
        rowid, value = connection.execute(
            f"SELECT rowid, CAST({column} AS BLOB) FROM {table} WHERE length({column}) >= 4 "
            f"AND {where} ORDER BY rowid LIMIT 1").fetchone()
    _flip_on_pages(path, table, value[:12], 1)
    return rowid


def flip_index_key(path: Path, index: str, table: str, column: str) -> None:
    """One byte of a text key inside an index's own page (the table's row left as it was)."""
    with closing(sqlite3.connect(path)) as connection:
        value = connection.execute(
            f"SELECT CAST({column} AS BLOB) FROM {table} WHERE length({column}) >= 4 "
            "ORDER BY rowid LIMIT 1").fetchone()[0]
    _flip_on_pages(path, index, value[:12], 1)


def _flip_on_pages(path: Path, name: str, needle: bytes, offset: int) -> None:
    with closing(sqlite3.connect(path)) as connection:
        pages = [row[0] for row in connection.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype != 'internal' "
            "ORDER BY pageno", (name,))]
        size = connection.execute("PRAGMA page_size").fetchone()[0]
    with open(path, "r+b") as handle:
        for page in pages:
            handle.seek((page - 1) * size)
            found = handle.read(size).find(needle)
            if found >= 0:
                handle.seek((page - 1) * size + found + offset)
                handle.write(bytes([NOT_UTF8]))
                return
    raise AssertionError(f"{needle!r} is not on any page of {name}")


# --- the write-ahead log --------------------------------------------------------------------


def leave_in_wal(paths, work: Callable[[], None], open_services) -> None:
    """Runs ``work(services)`` and leaves the data folder as a process killed right after
    it would: its commits only in ``-wal`` beside an older main file (the clean close that
    follows folds them in, so the files are put back as they were before it)."""
    snapshot = paths.data_dir.parent / "killed-snapshot"
    snapshot.mkdir()
    with open_services(paths) as services:
        work(services)
        for name in (paths.database_file.name, paths.database_file.name + "-wal"):
            shutil.copy2(paths.data_dir / name, snapshot / name)
    for item in snapshot.iterdir():
        shutil.copy2(item, paths.data_dir / item.name)
    shutil.rmtree(snapshot)
    (paths.data_dir / (paths.database_file.name + "-shm")).unlink(missing_ok=True)


def delete_wal(path: Path) -> None:
    Path(str(path) + "-wal").unlink()


def foreign_wal(path: Path) -> None:
    """The ``-wal`` of another database put in place of this one's."""
    other = path.parent.parent / "other.sqlite3"
    with closing(sqlite3.connect(other)) as writer:
        writer.execute("PRAGMA journal_mode=WAL").fetchall()
        writer.execute("PRAGMA wal_autocheckpoint=0").fetchall()
        writer.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, words TEXT)")
        writer.executemany("INSERT INTO notes (words) VALUES (?)",
                           [(f"another program's note {n}",) for n in range(200)])
        writer.commit()
        shutil.copy2(str(other) + "-wal", str(path) + "-wal")


# --- the corruption suite's cases -----------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One way a records file gets damaged. ``damage(database_file)`` does it to a closed
    school's copy; ``unreadable``: nothing in it can be read any more (only a restore
    helps); ``found``: words the check's report (or the refusal) must contain;
    ``hot_wal``: the folder must first be left with commits only in its -wal."""

    name: str
    damage: Callable[[Path], object]
    unreadable: bool = False
    found: str = "damaged"
    hot_wal: bool = False


def _text(table: str, column: str, where: str = "1") -> Callable[[Path], int]:
    return lambda path: flip_text(path, table, column, where)


WHOLE_FILE = (
    Case("header overwritten", overwrite_header, unreadable=True),
    Case("cut in half", truncate_half, unreadable=True),
    Case("emptied to 0 bytes", empty, unreadable=True, found="empty (0 bytes)"),
    Case("not a database (a PDF)", foreign_file, unreadable=True, found="not a database"),
    Case("pages overwritten", damage),
    Case("an index's root page overwritten", damage_index),
)
# One byte in a text value of every table that holds text in the demo school; the check
# names the record and says "its <column> is damaged".
TEXT = tuple(
    Case(f"{table}.{column} text", _text(table, column, where),
         found=f"its {words or column.replace('_', ' ')} is damaged")
    for table, column, where, words in (
        ("people", "full_name", "1", ""),
        ("person_links", "relationship_label", "1", ""),
        ("incidents", "excerpt", "1", ""),
        ("incidents", "summary", "1", ""),
        ("incident_categories", "category", "1", ""),
        ("actions", "notes", "1", ""),
        ("evidence", "original_name", "1", ""),
        ("settings", "value", "key = 'school_name'", ""),
        ("users", "display_name", "1", ""),
        ("recovery_codes", "code_hash", "1", ""),
        ("audit_log", "summary", "1", ""),
        ("incident_search_content", "c0", "1", "copy of the excerpt"),
        ("conduct_acknowledgements", "signed_name", "1", ""),
        ("conduct_acknowledgement_items", "item_text", "1", ""),
        ("conduct_breaches", "what", "1", ""),
        ("conduct_breach_items", "item_text", "1", ""),
        ("conduct_breach_steps", "description", "1", ""),
        ("conduct_contact_exceptions", "what", "1", ""),
        ("conduct_designations", "what", "1", ""),
        ("conduct_permissions", "what", "1", ""),
    )) + (Case("alembic_version.version_num text", _text("alembic_version", "version_num"),
               found="version could not be read"),)
INDEXES = tuple(
    Case(f"{index} key", lambda path, i=index, t=table, c=column: flip_index_key(path, i, t, c),
         found="missing from index")
    for index, table, column in (
        ("ix_people_name_key", "people", "name_key"),
        ("ix_audit_log_username", "audit_log", "username"),
        ("ix_incidents_platform", "incidents", "platform"),
    ))
WAL = (
    Case("write-ahead log deleted", delete_wal, found="missing", hot_wal=True),
    Case("another database's write-ahead log", foreign_wal, found="missing", hot_wal=True),
)
CASES = WHOLE_FILE + TEXT + INDEXES + WAL
