"""The audit trail tampered with in the file, the ways issue 16 part 12 lists: by someone
who opens the closed database with any SQLite tool, drops the triggers that refuse changes
(and puts them back), and knows how the chain's hash is made (it is public and keyless).

Each function takes the database file and returns the first audit row it changed, removed
or added, which the health check must then name.
"""

from __future__ import annotations

from contextlib import closing, contextmanager
from datetime import datetime, timedelta
from pathlib import Path

from avenue_desk.services.core.audit_chain import GENESIS, row_digest
from avenue_desk.store import keyring

_FIELDS = ("id", "at", "user_id", "username", "role", "action", "entity", "entity_id",
           "summary", "origin", "prev_hash")


@contextmanager
def opened(database: Path, keep_triggers: bool = True):
    """The file, its triggers dropped while the work is done (put back after, unless not
    ``keep_triggers``): nothing in the file then shows they were ever gone."""
    with closing(keyring.connect(database)) as connection:
        triggers = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = "
            "'audit_log'").fetchall()
        for name, _sql in triggers:
            connection.execute(f"DROP TRIGGER {name}")
        yield connection
        if keep_triggers:
            for _name, sql in triggers:
                connection.execute(sql)
        connection.commit()


def rows(connection) -> list[dict]:
    found = connection.execute(f"SELECT {', '.join(_FIELDS)}, row_hash FROM audit_log "
                               "ORDER BY id").fetchall()
    return [dict(zip((*_FIELDS, "row_hash"), row, strict=True)) for row in found]


def rechain(connection, start: int) -> None:
    """Every hash from row ``start`` to the end made again, as the app would have made them:
    the chain is whole once more."""
    previous = GENESIS
    for row in rows(connection):
        if row["id"] >= start:
            values = dict(row, prev_hash=previous,
                          at=datetime.fromisoformat(row["at"]))
            digest = row_digest(values)
            connection.execute("UPDATE audit_log SET prev_hash = ?, row_hash = ? WHERE id = ?",
                               (previous, digest, row["id"]))
            previous = digest
        else:
            previous = row["row_hash"]


def last_id(connection) -> int:
    return connection.execute("SELECT max(id) FROM audit_log").fetchone()[0]


# --- caught by the chain alone ------------------------------------------------------------


def edit_without_rehashing(database: Path, row: int) -> int:
    with opened(database) as connection:
        connection.execute("UPDATE audit_log SET summary = 'Nothing happened' WHERE id = ?",
                           (row,))
    return row


def delete_a_row(database: Path, row: int) -> int:
    with opened(database) as connection:
        connection.execute("DELETE FROM audit_log WHERE id = ?", (row,))
    return row


def delete_the_last_rows(database: Path, count: int = 2) -> int:
    with opened(database) as connection:
        first = last_id(connection) - count + 1
        connection.execute("DELETE FROM audit_log WHERE id >= ?", (first,))
    return first


def append_with_a_made_up_hash(database: Path) -> int:
    with opened(database) as connection:
        new = last_id(connection) + 1
        connection.execute(
            "INSERT INTO audit_log (id, at, user_id, username, role, action, entity, "
            "entity_id, summary, origin, prev_hash, row_hash) VALUES (?, ?, 1, 'head', 'head', "
            "'export', 'incident', NULL, 'Exported', 'gui on OFFICE-PC', ?, ?)",
            (new, "2026-11-21 09:40:00.000000", "0" * 64, "f" * 64))
    return new


def drop_the_triggers_and_edit(database: Path, row: int) -> int:
    with opened(database, keep_triggers=False) as connection:
        connection.execute("UPDATE audit_log SET username = 'nobody' WHERE id = ?", (row,))
    return row


# --- caught only against the anchors ------------------------------------------------------


def edit_and_rechain(database: Path, row: int) -> int:
    with opened(database) as connection:
        connection.execute("UPDATE audit_log SET summary = 'Nothing happened' WHERE id = ?",
                           (row,))
        rechain(connection, row)
    return row


def delete_the_last_rows_and_reset_the_count(database: Path, count: int = 2) -> int:
    with opened(database) as connection:
        first = last_id(connection) - count + 1
        connection.execute("DELETE FROM audit_log WHERE id >= ?", (first,))
        connection.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = 'audit_log'",
                           (first - 1,))
    return first


def back_date_and_rechain(database: Path, row: int) -> int:
    with opened(database) as connection:
        (at,) = connection.execute("SELECT at FROM audit_log WHERE id = ?", (row,)).fetchone()
        earlier = datetime.fromisoformat(at) - timedelta(days=3)
        connection.execute("UPDATE audit_log SET at = ? WHERE id = ?",
                           (earlier.isoformat(sep=" ", timespec="microseconds"), row))
        rechain(connection, row)
    return row


def append_a_forged_row(database: Path) -> int:
    """A row added after the last, chained to it correctly: nothing in the chain is wrong."""
    with opened(database) as connection:
        last = rows(connection)[-1]
        values = dict(last, id=last["id"] + 1, action="export", entity="incident",
                      entity_id=None, summary="1 incident(s) exported to a CSV file",
                      prev_hash=last["row_hash"],
                      at=datetime.fromisoformat(last["at"]) + timedelta(minutes=1))
        connection.execute(
            f"INSERT INTO audit_log ({', '.join(_FIELDS)}, row_hash) VALUES "
            f"({', '.join('?' * (len(_FIELDS) + 1))})",
            (*[values[f] if f != "at" else values["at"].isoformat(
                sep=" ", timespec="microseconds") for f in _FIELDS], row_digest(values)))
        connection.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = 'audit_log'",
                           (values["id"],))
    return values["id"]


def delete_renumber_and_rechain(database: Path, row: int) -> int:
    with opened(database) as connection:
        connection.execute("DELETE FROM audit_log WHERE id = ?", (row,))
        for later in [r["id"] for r in rows(connection) if r["id"] > row]:
            connection.execute("UPDATE audit_log SET id = ? WHERE id = ?", (later - 1, later))
        connection.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = 'audit_log'",
                           (last_id(connection),))
        rechain(connection, row)
    return row


def replace_the_whole_trail(database: Path) -> int:
    """Every row rewritten (one account's doings left out), the chain made from scratch."""
    with opened(database) as connection:
        connection.execute("DELETE FROM audit_log WHERE id > 1 AND action = 'create'")
        kept = [r["id"] for r in rows(connection)]
        for new, old in enumerate(kept, 1):
            connection.execute("UPDATE audit_log SET id = ? WHERE id = ?", (new, old))
        connection.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = 'audit_log'",
                           (len(kept),))
        rechain(connection, 1)
    return min(old for new, old in enumerate(kept, 1) if new != old)
