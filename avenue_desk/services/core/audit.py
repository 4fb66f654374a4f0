"""The audit trail: who did what, when and from where, append-only and hash-chained.

Every service that creates, changes, opens, prints or exports something calls
``AuditLog.record(session, actor, ...)`` inside its own transaction, so the record and its
audit row are committed together or not at all. Nothing here updates or deletes a row, the
database's triggers refuse both (migration 0003), and each row's hash covers its fields and
the hash of the row before, so ``verify_chain`` finds a row edited, deleted or slipped in
by someone who opened the file with the triggers dropped.

What the chain cannot do alone: someone who rewrites every hash from the edit onwards
makes a consistent chain. ``head()`` gives the latest hash for the check report, so a copy
noted elsewhere (a printed check, a backup) exposes that too.

Summaries hold no passwords, hashes or codes, and as little personal data as will do:
records are named by kind and number ("incident 12"), not by the people in them. The Audit
screen reads them as ``lines``: the names looked up as the trail is read (``audit_lines``).
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import column, func, insert, literal, select, table
from sqlalchemy.orm import Session

from avenue_desk.policy.access import Operation
from avenue_desk.services.core import audit_lines
from avenue_desk.services.core.access import AccessGuard, Actor
from avenue_desk.services.core.audit_anchors import (
    CLOSE,
    OPEN,
    Anchor,
    append_anchor,
    new_session,
)
from avenue_desk.services.core.audit_chain import (
    GENESIS,
    ChainProblem,
    lock_for_append,
    row_digest,
    verify_chain,
)
from avenue_desk.services.core.csvfiles import atomic_csv_writer
from avenue_desk.services.core.database import Database
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.store.models_accounts import AUDIT_TABLE, AuditEntry
from avenue_desk.store.prepared import Prepared

SUMMARY_LIMIT = 500
# The PostgreSQL channel each committed change is announced on (changes.py listens).
CHANGES_CHANNEL = "avenue_desk_changes"
EXPORT_HEADERS = ("When", "User", "Role", "Action", "Record", "Record number", "Summary",
                  "From", "Fingerprint")

# The actions the services record, as the Audit screen names them.
ACTIONS: dict[str, str] = {
    "sign_in": "Signed in",
    "sign_in_failed": "Sign-in failed",
    "sign_out": "Signed out",
    "unlock": "Unlocked the screen",
    "password_confirmed": "Password confirmed",
    "account_created": "Account created",
    "account_changed": "Account changed",
    "account_disabled": "Account disabled",
    "account_enabled": "Account enabled",
    "account_deleted": "Account deleted",
    "password_changed": "Password changed",
    "password_reset": "Password reset",
    "recovery_code_used": "Recovery code used",
    "recovery_code_renewed": "New recovery code",
    "create": "Created",
    "update": "Changed",
    "open": "Opened",
    "print": "Printed",
    "save": "Saved",
    "export": "Exported",
    "import": "Imported",
    "backup": "Backup made",
    "restore": "Backup restored",
    "replaced_removed": "Records a restore replaced removed",
    "settings": "Settings changed",
    "destroy": "Destroyed (retention period over)",
    "subject_access": "Subject access export",
    "correct": "Step corrected",
    "withdraw": "Step withdrawn",
    "policy_review": "Policy review recorded",
}


def action_label(action: str) -> str:
    return ACTIONS.get(action, action.replace("_", " ").capitalize())


def default_origin(kind: str) -> str:
    """ "gui on OFFICE-PC", "cli on OFFICE-PC": where an event came from."""
    return f"{kind} on {socket.gethostname() or 'an unnamed computer'}"


def local_time(utc_naive: datetime) -> datetime:
    """A stored time (naive UTC) as this computer's local time, for showing."""
    return utc_naive.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def utc_start_of(day: date) -> datetime:
    """Local midnight at the start of ``day``, as naive UTC (how times are stored)."""
    return datetime.combine(day, time()).astimezone().astimezone(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime  # naive UTC
    user_id: int | None
    username: str
    role: str
    action: str
    entity: str
    entity_id: str | None
    summary: str
    origin: str
    row_hash: str

    @property
    def action_label(self) -> str:
        return action_label(self.action)


@dataclass(frozen=True)
class AuditLine:
    """One line of the Audit screen: a row (the newest of a fold), with names."""

    row: AuditRow
    account_name: str  # the acting account's name now ("" once the account is deleted)
    record_name: str  # the person or account the row is about, by name ("" for others)
    summary: str  # the row's summary, people named; a fold says how often and when
    repeats: int = 1  # the rows this line folds (checklist saves: see audit_lines)
    first_at: datetime | None = None  # a fold's oldest row (naive UTC)


def time_span(first: datetime, last: datetime) -> str:
    """ "09:02–09:14" (local times), with the dates when it ran past a day."""
    start, end = local_time(first), local_time(last)
    if start.date() == end.date():
        return f"{start:%H:%M}–{end:%H:%M}"
    return f"{start:%d/%m/%Y %H:%M} – {end:%d/%m/%Y %H:%M}"


@dataclass(frozen=True)
class AuditQuery:
    date_from: date | None = None  # local dates, both included
    date_to: date | None = None
    username: str = ""
    action: str = ""
    entity: str = ""


def audit_conditions(query: AuditQuery, entry=AuditEntry) -> list:
    """The filters of ``query`` on ``entry`` (AuditEntry, or an alias of it)."""
    conditions = []
    if query.date_from:
        conditions.append(entry.at >= utc_start_of(query.date_from))
    if query.date_to:
        conditions.append(entry.at < utc_start_of(query.date_to + timedelta(days=1)))
    if query.username:
        conditions.append(func.lower(entry.username) == query.username.strip().lower())
    if query.action:
        conditions.append(entry.action == query.action)
    if query.entity:
        conditions.append(entry.entity == query.entity)
    return conditions


class AuditLog:
    def __init__(self, db: Database, clock, guard: AccessGuard, origin: str = "",
                 anchors: Path | None = None):
        self._db = db
        self._clock = clock
        self._guard = guard
        self.origin = origin or default_origin("app")
        # Where this run notes the trail's head before its first row and when it closes
        # (``audit_anchors``): the backups folder of a data folder; None for none.
        self._anchors = anchors
        self._session: str | None = None  # named at the first row written
        self.opened_row: int | None = None  # the last row before this run's first one

    # --- writing (inside the caller's transaction) ---------------------------------------

    def record(self, session: Session, actor: Actor | None, action: str, entity: str = "",
               entity_id: object = None, summary: str = "", *, username: str | None = None,
               origin: str | None = None, after_write: bool = False) -> int:
        """Appends one row in ``session``'s transaction; returns its id.

        Every user action writes one, so it costs one query and one insert: the last hash
        and the highest id ever given are read together, and the row is inserted with Core
        on the transaction's connection (the lock taken first also flushes the caller's
        pending changes, as the ORM flush used to). ``after_write``: the caller has already
        executed a write in this transaction (not merely added objects to the session), so
        on SQLite the write lock is held and need not be taken again (on a server the
        chain's own lock is taken all the same: see ``lock_for_append``).
        """
        if self._db.read_only:
            # A damaged file, opened only to look (and to export what can still be read):
            # nothing can be written to it, this row included. A change is refused anyway.
            return 0
        lock_for_append(session, after_write=after_write)
        connection = session.connection()
        last_hash, highest, sequence = _chain_end(connection).first(connection)
        values = dict(
            id=max(highest or 0, sequence or 0) + 1,  # as audit_chain.highest_id_ever
            at=self._clock.now(),
            user_id=actor.user_id if actor else None,
            username=(actor.username if actor else username) or "",
            role=actor.role if actor else "",
            action=action,
            entity=entity,
            entity_id=None if entity_id is None else str(entity_id),
            summary=" ".join(summary.split())[:SUMMARY_LIMIT],
            origin=(origin or self.origin)[:200],
            prev_hash=last_hash or GENESIS,
        )
        if self._anchors is not None and self._session is None:
            self._note_opening(highest or 0, last_hash or GENESIS)
        _INSERT.execute(connection, dict(values, row_hash=row_digest(values)))
        if connection.dialect.name == "postgresql":
            # Heard by every other PC's open window (changes.py) when this commits, and
            # never if it rolls back: a change nobody kept refreshes nothing.
            connection.exec_driver_sql(f"NOTIFY {CHANGES_CHANNEL}")
        return values["id"]

    def _note_opening(self, row_id: int, row_hash: str) -> None:
        """The head this run found before its first row, noted (durably) with the chain's
        lock held: rows that later appear between another run's close and this opening
        were written by no run of Avenue Desk."""
        self._session = new_session(self.origin.split(" on ", 1)[0] or "app")
        self.opened_row = row_id
        append_anchor(self._anchors, Anchor(self._clock.now(), row_id, row_hash, OPEN,
                                            self._session), durable=True)

    def close_session(self) -> None:
        """The head as this run leaves the records (called as they close), if it wrote."""
        if self._session is None or self._anchors is None:
            return
        try:
            row_id, row_hash = self.last_row()
        except ServiceError:  # damaged since: the check says so; nothing to note
            return
        append_anchor(self._anchors, Anchor(self._clock.now(), row_id, row_hash, CLOSE,
                                            self._session))
        self._session = None

    def record_now(self, actor: Actor | None, action: str, entity: str = "",
                   entity_id: object = None, summary: str = "", *,
                   username: str | None = None) -> int:
        """A row in a transaction of its own, for events that change nothing else."""
        with self._db.begin() as session:
            return self.record(session, actor, action, entity, entity_id, summary,
                               username=username)

    # --- reading ------------------------------------------------------------------------

    def _filtered(self, statement, query: AuditQuery):
        return statement.where(*audit_conditions(query, AuditEntry))

    def count(self, query: AuditQuery = AuditQuery()) -> int:
        self._guard.require(Operation.AUDIT_VIEW)
        with self._db.read() as session:
            return session.scalar(self._filtered(select(func.count(AuditEntry.id)), query))

    def page(self, query: AuditQuery = AuditQuery(), offset: int = 0,
             limit: int = 200) -> list[AuditRow]:
        """Newest first."""
        self._guard.require(Operation.AUDIT_VIEW)
        statement = self._filtered(select(AuditEntry), query)
        statement = statement.order_by(AuditEntry.id.desc()).offset(offset).limit(limit)
        with self._db.read() as session:
            return [_row(entry) for entry in session.scalars(statement)]

    def line_count(self, query: AuditQuery = AuditQuery()) -> int:
        """How many lines the Audit screen shows: the rows, a run of checklist saves
        counting once."""
        self._guard.require(Operation.AUDIT_VIEW)
        with self._db.read() as session:
            return audit_lines.count_lines(session, lambda entry: audit_conditions(query, entry))

    def lines(self, query: AuditQuery = AuditQuery(), offset: int = 0,
              limit: int = 200) -> list[AuditLine]:
        """Newest first, as the Audit screen shows them: people and accounts by name, and
        consecutive checklist saves of one account on one acknowledgement as one line."""
        self._guard.require(Operation.AUDIT_VIEW)
        with self._db.read() as session:
            heads = audit_lines.line_heads(
                session, lambda entry: audit_conditions(query, entry), offset, limit)
            ids = [line_id for line_id, _repeats, _first in heads]
            rows = {entry.id: _row(entry) for entry in session.scalars(
                select(AuditEntry).where(AuditEntry.id.in_(ids)))} if ids else {}
            names = audit_lines.Names(session, list(rows.values()))
        found = []
        for line_id, repeats, first_at in heads:
            row = rows[line_id]
            summary = names.summary(row.summary)
            if repeats > 1:
                summary += f" ({repeats} times, {time_span(first_at, row.at)})"
            found.append(AuditLine(row, names.account(row.user_id), names.record(row), summary,
                                   repeats, first_at if repeats > 1 else None))
        return found

    def usernames(self) -> list[str]:
        """Everyone who appears in the trail, deleted accounts included (for the filter)."""
        self._guard.require(Operation.AUDIT_VIEW)
        with self._db.read() as session:
            names = session.scalars(select(AuditEntry.username).distinct())
            return sorted({n for n in names if n}, key=str.casefold)

    def actions(self) -> list[str]:
        self._guard.require(Operation.AUDIT_VIEW)
        with self._db.read() as session:
            return sorted(session.scalars(select(AuditEntry.action).distinct()))

    def export_csv(self, query: AuditQuery, path) -> int:
        """The matching rows, oldest first, to a CSV file; the export is itself recorded."""
        actor = self._guard.require(Operation.AUDIT_EXPORT)
        statement = self._filtered(select(AuditEntry), query).order_by(AuditEntry.id)
        count = 0
        with self._db.read() as session, atomic_csv_writer(path) as writer:
            writer.writerow(EXPORT_HEADERS)
            for entry in session.scalars(statement.execution_options(yield_per=2000)):
                writer.writerow((
                    local_time(entry.at).strftime("%Y-%m-%d %H:%M:%S"), entry.username,
                    entry.role, action_label(entry.action), entry.entity,
                    entry.entity_id or "", entry.summary, entry.origin, entry.row_hash,
                ))
                count += 1
        self.record_now(actor, "export", "audit", None,
                        f"{count} audit rows exported to a CSV file")
        return count

    # --- checking -----------------------------------------------------------------------

    def verify(self) -> list[ChainProblem]:
        self._guard.require(Operation.CHECK)
        with self._db.read() as session:
            return verify_chain(session)

    def last_row(self) -> tuple[int, str]:
        """The last row's number and hash (0 and GENESIS when empty): the fingerprint the
        anchors note, a backup's manifest keeps and a governors' summary prints. It says
        nothing about anyone, so it needs no permission."""
        with self._db.read() as session:
            last = session.execute(
                select(AuditEntry.id, AuditEntry.row_hash).order_by(AuditEntry.id.desc())
                .limit(1)).first()
        return (last.id, last.row_hash) if last else (0, GENESIS)

    def head(self) -> tuple[int, str]:
        """The number of rows and the latest row's hash (GENESIS when empty)."""
        self._guard.require(Operation.CHECK)
        with self._db.read() as session:
            last = session.execute(
                select(AuditEntry.id, AuditEntry.row_hash).order_by(AuditEntry.id.desc())
                .limit(1)).first()
            total = session.scalar(select(func.count(AuditEntry.id)))
        return total, (last.row_hash if last else GENESIS)


__all__ = ["GENESIS", "AuditLine", "AuditLog", "AuditQuery", "AuditRow", "ChainProblem",
           "row_digest", "verify_chain"]


_TABLE = AuditEntry.__table__
_INSERT = Prepared(insert(_TABLE), "id", "at", "user_id", "username", "role", "action", "entity",
                   "entity_id", "summary", "origin", "prev_hash", "row_hash")
_LAST_HASH = (select(_TABLE.c.row_hash).order_by(_TABLE.c.id.desc()).limit(1)
              .scalar_subquery())
_HIGHEST = select(func.max(_TABLE.c.id)).scalar_subquery()
_SQLITE_SEQUENCE = table("sqlite_sequence", column("name"), column("seq"))
_CHAIN_END = {  # the last row's hash, the highest id, and (SQLite) the highest id ever given
    "sqlite": Prepared(select(_LAST_HASH, _HIGHEST, select(_SQLITE_SEQUENCE.c.seq).where(
        _SQLITE_SEQUENCE.c.name == AUDIT_TABLE).scalar_subquery())),
    "": Prepared(select(_LAST_HASH, _HIGHEST, literal(None))),
}


def _chain_end(connection) -> Prepared:
    return _CHAIN_END.get(connection.dialect.name, _CHAIN_END[""])


def _row(entry: AuditEntry) -> AuditRow:
    return AuditRow(entry.id, entry.at, entry.user_id, entry.username, entry.role,
                    entry.action, entry.entity, entry.entity_id, entry.summary, entry.origin,
                    entry.row_hash)
