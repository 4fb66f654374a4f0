"""A logical copy of the records: every table, row by row, the same for SQLite and PostgreSQL.

What a backup of a database server holds, and what moves a school from one database to
another (``migrate-to``). Each table is one JSON-lines member: a first line naming the table
and its columns, then one line per row (a JSON array, in the columns' order, sorted by the
primary key). Dates and times are ISO 8601 text, bytes are base64; text is written as it is
(UTF-8, no escaping), so a name in any script comes back character for character.

Loading replaces every row of every table in one transaction, so a failure anywhere (a
killed process, a full disk, a cancelled progress) leaves the records as they were. The
audit trail's triggers refuse DELETE (migration 0003): they are switched off and on again
inside that same transaction, so nothing outside it ever sees the trail unguarded. On
PostgreSQL that needs the owner of the tables, not the application's own account.

The evidence files' bytes are not a table here (``evidence_content`` is skipped): they
travel as files beside the tables, checked against their SHA-256 (core/evidence_store.py).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, time
from pathlib import Path

from sqlalchemy import Date, DateTime, Integer, LargeBinary, Table, Time, func, select, text
from sqlalchemy.exc import DBAPIError

from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.incidents import index_many
from avenue_desk.store.models import Action, Base, Incident
from avenue_desk.store.models_accounts import AUDIT_TABLE

SKIPPED = frozenset({"evidence_content"})  # the evidence's bytes travel as files
TABLES_PREFIX = "tables/"
BATCH = 1000
EVIDENCE_TABLES = ("evidence", "conduct_breach_evidence")
NOT_THE_OWNER = ("Replacing the records on the database server needs the account that owns "
                 "its tables (the one that sets it up and runs upgrades), not the "
                 "application's own: run this with the owner's database URL. Nothing was "
                 "changed.")

Progress = Callable[[int, int], None]


def tables() -> list[Table]:
    """Every table, parents before children (the order rows are loaded in)."""
    return [table for table in Base.metadata.sorted_tables if table.name not in SKIPPED]


def member(table_name: str) -> str:
    return f"{TABLES_PREFIX}{table_name}.jsonl"


def _columns(table: Table) -> list:
    return [column for column in table.columns if column.computed is None]


# --- writing -------------------------------------------------------------------------------


def _encode(value):
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def table_lines(connection, table: Table) -> Iterator[bytes]:
    """The table's member, line by line: its header, then its rows in key order."""
    columns = _columns(table)
    header = {"table": table.name, "columns": [column.name for column in columns]}
    yield (json.dumps(header, ensure_ascii=False) + "\n").encode("utf-8")
    query = select(*columns).order_by(*table.primary_key.columns)
    result = connection.execution_options(yield_per=BATCH).execute(query)
    for row in result:
        yield (json.dumps([_encode(v) for v in row], ensure_ascii=False) + "\n").encode("utf-8")


def count_rows(connection) -> dict[str, int]:
    return {table.name: connection.scalar(select(func.count()).select_from(table)) or 0
            for table in tables()}


def stored_evidence(connection) -> dict[str, str]:
    """Every evidence file the records name: stored name -> SHA-256."""
    found: dict[str, str] = {}
    for name in EVIDENCE_TABLES:
        table = Base.metadata.tables[name]
        found.update((name, digest) for name, digest in connection.execute(
            select(table.c.stored_name, table.c.sha256).order_by(table.c.id)))
    return found


# --- reading -------------------------------------------------------------------------------


def _decoder(column) -> Callable:
    kind = column.type
    if isinstance(kind, DateTime):
        return datetime.fromisoformat
    if isinstance(kind, Date):
        return date.fromisoformat
    if isinstance(kind, Time):
        return time.fromisoformat
    if isinstance(kind, LargeBinary):
        return base64.b64decode
    return lambda value: value


def rows_of_lines(table: Table, lines: Iterable[bytes | str]) -> Iterator[dict]:
    """The rows of one member, as values for ``table``'s columns."""
    lines = iter(lines)
    header = json.loads(next(lines))
    if header.get("table") != table.name:
        raise ServiceError(f"The copy of {table.name} is not where it should be.")
    names = header["columns"]
    known = {column.name: column for column in _columns(table)}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ServiceError(f"The copy of {table.name} has columns this version does not "
                           f"know ({', '.join(unknown)}): it was made by a newer version.")
    decoders = [_decoder(known[name]) for name in names]
    for line in lines:
        if line.strip():
            values = json.loads(line)
            yield {name: None if value is None else decode(value)
                   for name, decode, value in zip(names, decoders, values, strict=True)}


class TablesInFolder:
    """The members unpacked into a folder (a backup being restored)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def rows(self, table: Table) -> Iterator[dict]:
        with open(self.folder / member(table.name), "rb") as handle:
            yield from rows_of_lines(table, handle)


class TablesInDatabase:
    """Another database's tables, read as they stand (a school being moved)."""

    def __init__(self, connection):
        self.connection = connection

    def rows(self, table: Table) -> Iterator[dict]:
        columns = _columns(table)
        query = select(*columns).order_by(*table.primary_key.columns)
        for row in self.connection.execution_options(yield_per=BATCH).execute(query):
            yield dict(zip([c.name for c in columns], row, strict=True))


# --- loading -------------------------------------------------------------------------------


def load_tables(connection, source, progress: Progress | None = None) -> dict[str, int]:
    """Every table emptied and filled again from ``source``, on ``connection``'s open
    transaction (the caller commits, or rolls everything back). Returns the rows per table."""
    chosen = tables()
    with audit_guards_lifted(connection):
        _empty(connection, chosen)
        counts = {}
        for done, table in enumerate(chosen, 1):
            counts[table.name] = _fill(connection, table, source.rows(table))
            if progress:
                progress(done, len(chosen))
    _after_load(connection, chosen)
    return counts


def _empty(connection, chosen: list[Table]) -> None:
    if connection.dialect.name == "postgresql":
        names = ", ".join(f'"{table.name}"' for table in chosen)
        # CASCADE: tables outside the models made from these (a server's search words,
        # kept by triggers on incidents) are emptied with them and refilled as rows go in.
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        return
    for table in reversed(chosen):
        connection.execute(table.delete())
    if connection.dialect.name == "sqlite":
        connection.execute(text("DELETE FROM incident_search"))


def _fill(connection, table: Table, rows: Iterable[dict]) -> int:
    # A link to a row of the same table (a step's newer version) may point forward: such
    # columns are filled once every row is in.
    later = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    key = [column.name for column in table.primary_key.columns]
    links, batch, count = [], [], 0
    for row in rows:
        if later and any(row.get(name) is not None for name in later):
            links.append(({name: row[name] for name in key},
                          {name: row[name] for name in later}))
            row = {**row, **dict.fromkeys(later)}
        batch.append(row)
        count += 1
        if len(batch) >= BATCH:
            connection.execute(table.insert(), batch)
            batch = []
    if batch:
        connection.execute(table.insert(), batch)
    for where, values in links:
        connection.execute(table.update().where(
            *[table.c[name] == value for name, value in where.items()]).values(**values))
    return count


def _after_load(connection, chosen: list[Table]) -> None:
    if connection.dialect.name == "postgresql":
        # New rows continue after the highest number loaded, as they would have.
        for table in chosen:
            key = list(table.primary_key.columns)
            if len(key) != 1 or not isinstance(key[0].type, Integer):
                continue
            table_name, column = table.name, key[0].name
            connection.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table_name}', '{column}'), "
                f"coalesce((SELECT max({column}) FROM {table_name}), 0) + 1, false) "
                f"WHERE pg_get_serial_sequence('{table_name}', '{column}') IS NOT NULL"))
    elif connection.dialect.name == "sqlite":
        _rebuild_search(connection)


def _rebuild_search(connection) -> None:
    """SQLite's search index is made from the records, not copied: one entry an incident."""
    from sqlalchemy.orm import Session

    session = Session(bind=connection)
    notes: dict[int, list[str]] = {}
    for incident_id, note in connection.execute(
            select(Action.incident_id, Action.notes).where(Action.notes != "")
            .order_by(Action.incident_id, Action.id)):
        notes.setdefault(incident_id, []).append(note)
    rows = [(i, excerpt, summary, "\n".join(notes.get(i, []))) for i, excerpt, summary in
            connection.execute(select(Incident.id, Incident.excerpt, Incident.summary))]
    for start in range(0, len(rows), BATCH):
        index_many(session, rows[start:start + BATCH])


class audit_guards_lifted:  # noqa: N801 - used as a context manager, like a function
    """The audit trail's triggers off, then on again exactly as they were, inside the
    caller's transaction: if it rolls back, so does their lifting."""

    def __init__(self, connection):
        self.connection = connection
        self.kept: list[tuple[str, str]] = []

    def __enter__(self):
        connection, dialect = self.connection, self.connection.dialect.name
        if dialect == "sqlite":
            self.kept = [(name, sql) for name, sql in connection.execute(text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = "
                f"'{AUDIT_TABLE}'"))]
            for name, _sql in self.kept:
                connection.execute(text(f'DROP TRIGGER "{name}"'))
        elif dialect == "postgresql":
            self.kept = [(name, "") for name in connection.scalars(text(
                f"SELECT tgname FROM pg_trigger WHERE tgrelid = '{AUDIT_TABLE}'::regclass "
                "AND NOT tgisinternal AND tgenabled <> 'D'"))]
            try:
                for name, _ in self.kept:
                    connection.execute(text(f'ALTER TABLE {AUDIT_TABLE} DISABLE TRIGGER "{name}"'))
            except DBAPIError as error:
                if "owner" in str(error.orig) or "permission" in str(error.orig):
                    raise ServiceError(NOT_THE_OWNER) from None
                raise
        return self

    def __exit__(self, kind, value, traceback):
        if kind is not None:
            return False  # the transaction is rolled back, triggers and all
        for name, sql in self.kept:
            if self.connection.dialect.name == "sqlite":
                self.connection.execute(text(sql))
            else:
                self.connection.execute(text(
                    f'ALTER TABLE {AUDIT_TABLE} ENABLE TRIGGER "{name}"'))
        return False
