"""The audit trail's hash chain: how a row's hash is made, and how the chain is checked.

Each row's hash is SHA-256 over a canonical JSON of its fields and the previous row's hash
(the first row chains to ``GENESIS``), so a row edited, deleted or slipped in by someone
who opened the file with the triggers dropped breaks the chain where it happened.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from avenue_desk.store.models_accounts import AUDIT_TABLE, AuditEntry

GENESIS = hashlib.sha256(b"Avenue Desk audit trail").hexdigest()


@dataclass(frozen=True)
class ChainProblem:
    entry_id: int | None
    message: str


_HASHED = ("id", "at", "user_id", "username", "role", "action", "entity", "entity_id",
           "summary", "origin", "prev_hash")


def row_digest(values: dict) -> str:
    """SHA-256 over a canonical JSON of the row's fields, including the previous hash."""
    fields = [values[name] for name in _HASHED]
    fields[1] = fields[1].isoformat(timespec="microseconds")
    payload = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(("avenue-desk-audit-1\n" + payload).encode("utf-8")).hexdigest()


# The key of the chain's lock on a PostgreSQL server: any number, the same in every copy.
CHAIN_LOCK = 0x41554449  # "AUDI"


def lock_for_append(session: Session, *, after_write: bool = False) -> None:
    """Take the chain's lock before reading the last row, so two writers (the window and
    the command line, or two PCs) can never both chain to it; held until the transaction
    ends. ``after_write``: the transaction has already written a row.

    On SQLite any write takes the one database-wide write lock, so after a write there is
    nothing more to take. On PostgreSQL a row written elsewhere locks only itself: without
    a lock of the chain's own, two PCs creating incidents at once both read the same last
    row and the second insert fails on the audit table's primary key (issue 17: 36 of 200).
    A transaction-scoped advisory lock is that lock: it needs no privilege on the table
    (the application's role may not lock or change the audit table), and it is let go at
    commit or rollback, whatever happens.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        if not after_write:
            # A write that touches no row: SQLite takes its write lock, no trigger fires.
            session.execute(text(f"DELETE FROM {AUDIT_TABLE} WHERE 0"))
    elif dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK})


def highest_id_ever(session: Session) -> int:
    """The largest id ever given, even if that row has since been deleted (SQLite)."""
    highest = session.scalar(select(func.max(AuditEntry.id))) or 0
    if session.get_bind().dialect.name == "sqlite":
        seq = session.execute(
            text("SELECT seq FROM sqlite_sequence WHERE name = :n"), {"n": AUDIT_TABLE}
        ).scalar()
        highest = max(highest, seq or 0)
    return highest


def verify_chain(session: Session) -> list[ChainProblem]:
    """Every break in the chain: rows changed, missing or slipped in."""
    problems: list[ChainProblem] = []
    expected_prev, last_id = GENESIS, 0
    columns = [getattr(AuditEntry, name) for name in _HASHED] + [AuditEntry.row_hash]
    for row in session.execute(select(*columns).order_by(AuditEntry.id)).yield_per(2000):
        values = row._asdict()
        entry_id = values["id"]
        if entry_id != last_id + 1:
            missing = f"row {last_id + 1} is" if entry_id == last_id + 2 else \
                f"rows {last_id + 1} to {entry_id - 1} are"
            problems.append(ChainProblem(entry_id, f"Audit {missing} missing: deleted from "
                                                   "the file."))
        if values["prev_hash"] != expected_prev:
            problems.append(ChainProblem(entry_id, f"Audit row {entry_id} does not follow the "
                                                   "row before it: a row before it was "
                                                   "deleted, inserted or changed."))
        if row_digest(values) != values["row_hash"]:
            problems.append(ChainProblem(entry_id, f"Audit row {entry_id} was changed after it "
                                                   "was written."))
        expected_prev, last_id = values["row_hash"], entry_id
    highest = highest_id_ever(session)
    if highest > last_id:
        gone = highest - last_id
        rows = (f"audit row ({highest}) was" if gone == 1 else
                f"{gone} audit rows ({last_id + 1} to {highest}) were")
        problems.append(ChainProblem(last_id + 1, f"The last {rows} deleted from the file."))
    return problems


