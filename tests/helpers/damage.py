"""A real database file damaged on purpose, the way a failing disk or a pulled stick does."""

from __future__ import annotations

import sqlite3
from contextlib import closing

PAGE = 4096


def damage(path, at: float = 0.5, pages: int = 4) -> None:
    """Overwrites whole pages in the middle of a real database file with rubbish."""
    size = path.stat().st_size
    _overwrite(path, int(size * at) // PAGE * PAGE, pages)


def damage_index(path, name: str = "ix_people_mis_id") -> None:
    """Overwrites the root page of one index: damage that leaves most screens readable."""
    with closing(sqlite3.connect(path)) as connection:
        root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                                  (name,)).fetchone()[0]
    _overwrite(path, (root - 1) * PAGE, 1)


def _overwrite(path, offset: int, pages: int) -> None:
    with open(path, "r+b") as handle:
        handle.seek(offset)
        handle.write(bytes((n * 7 + 13) % 256 for n in range(PAGE * pages)))
