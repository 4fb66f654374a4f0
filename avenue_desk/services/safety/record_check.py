"""The health check reading every record: every piece of text, every date and time.

SQLite's integrity check looks at the file's structure (pages, indexes), not at what a
record says: one flipped byte inside a person's name leaves the structure sound and the
name unreadable. So every text, date and time column of every table is read here as the
raw bytes the page holds (``CAST(… AS BLOB)``, never decoded on the way), and each value is
checked as the app would read it: text as UTF-8, a date or a time as one. Each damaged
value is named by its record ("Person 12's name") with what can still be read of it, the
lost letters shown as �.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Time,
    text,
)
from sqlalchemy.exc import DBAPIError

from avenue_desk.policy.settings_registry import SIGN_IN_KEY
from avenue_desk.services.core.errors import RecordsDamaged
from avenue_desk.store import keyring
from avenue_desk.store.models import Base

SHOW_AT_MOST = 20
SHOWN_LETTERS = 60
# What a row of each table is called in the report, and what names it ("Person 12").
RECORD_WORDS = {
    "people": "Person", "person_links": "Link between a pupil and an adult",
    "incidents": "Incident", "incident_categories": "Incident category entry",
    "incident_people": "Person named in an incident", "actions": "Action",
    "evidence": "Evidence", "settings": "Setting", "users": "Account",
    "recovery_codes": "The administrator's recovery code", "audit_log": "Audit row",
    "sign_in_failures": "Failed sign-in count",
    "conduct_acknowledgements": "Code of conduct acknowledgement",
    "conduct_acknowledgement_items": "Code of conduct acknowledgement item",
    "conduct_permissions": "Code of conduct permission",
    "conduct_designations": "Code of conduct designation",
    "conduct_contact_exceptions": "Code of conduct contact exception",
    "conduct_breaches": "Code of conduct breach", "conduct_breach_items": "Breach item",
    "conduct_breach_steps": "Breach step", "conduct_breach_evidence": "Breach evidence",
    "incident_search_content": "Search entry of incident",
}
# The search index's own copy of each incident's text (SQLite's FTS5 keeps it in a table
# of its own; not one of the app's models).
SEARCH_COPY = Table("incident_search_content", MetaData(), Column("id", Integer),
                    *(Column(name, Text) for name in ("c0", "c1", "c2")))
COLUMN_WORDS = {("incident_search_content", "c0"): "copy of the excerpt",
                ("incident_search_content", "c1"): "copy of the summary",
                ("incident_search_content", "c2"): "copy of the notes"}
_READERS = {Date: date.fromisoformat, DateTime: datetime.fromisoformat,
            Time: time.fromisoformat}
# Fingerprints of secrets: named when damaged, never shown (not even what is left).
SECRET_COLUMNS = {("users", "password_hash"), ("recovery_codes", "code_hash"),
                  ("sign_in_failures", "name_hash")}
SECRET_SETTINGS = {SIGN_IN_KEY.key}


@dataclass(frozen=True)
class DamagedValue:
    table: str
    key: str  # the record's id (or, for a setting, its key)
    column: str
    readable: str  # what is left, with � where letters were lost
    kind: str  # "text" or "date"

    @property
    def record(self) -> str:
        word = RECORD_WORDS.get(self.table, self.table.replace("_", " ").capitalize())
        if self.table == "recovery_codes":
            return word
        if self.table == "settings":
            return f"{word} “{self.key}”"
        return f"{word} {self.key}"

    @property
    def sentence(self) -> str:
        field = COLUMN_WORDS.get((self.table, self.column), self.column.replace("_", " "))
        what = "date or time" if self.kind == "date" else "text"
        shown = self.readable if len(self.readable) <= SHOWN_LETTERS else \
            self.readable[:SHOWN_LETTERS - 1] + "…"
        secret = (self.table, self.column) in SECRET_COLUMNS or (
            self.table == "settings" and self.key in SECRET_SETTINGS)
        if secret:
            left = "it is a password's or code's fingerprint, so it is not shown"
        elif shown.strip("\ufffd "):
            left = f"what can still be read: “{shown}”"
        else:
            left = "none of it can be read"
        return (f"{self.record}: its {field} is damaged ({what} that can no longer be read; "
                f"{left}). The rest of the record reads as it should.")


def damaged_values(execute) -> tuple[list[DamagedValue], list[str]]:
    """Every damaged text, date and time in the tables the app keeps; and each table that
    could not be read through at all (a damaged page), in words. ``execute(sql)`` runs a
    query on the file (a backup's copy read through store/keyring.py, or the records'
    engine)."""
    found: list[DamagedValue] = []
    unreadable: list[str] = []
    present = {row[0] for row in execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in [*Base.metadata.sorted_tables, SEARCH_COPY]:
        if table.name not in present:
            continue
        columns = [c for c in table.columns if isinstance(c.type, (String, Text, Date,
                                                                    DateTime, Time))]
        if not columns:
            continue
        key = "key" if table.name == "settings" else "rowid"
        raw = ", ".join(f'CAST("{c.name}" AS BLOB)' for c in columns)
        try:
            # NOT INDEXED: the table's own pages, never an index's copy of a column.
            for row in execute(f'SELECT {key}, {raw} FROM "{table.name}" NOT INDEXED'):
                found.extend(_damage_in(table.name, row, columns))
        except (DBAPIError, RecordsDamaged, *keyring.DATABASE_ERRORS) as error:
            reason = getattr(error, "orig", error)
            unreadable.append(f"{RECORD_WORDS.get(table.name, table.name)} records: SQLite "
                              f"could not read them all ({reason}).")
    return found, unreadable


def _rows(engine, sql: str):
    """The rows of one query, on a connection of its own. One that met damage is not put
    back in the pool: SQLCipher leaves a connection that met a page failing its HMAC
    unable to read other pages too, so each table is read on a connection that has not."""
    connection = engine.connect()
    try:
        yield from connection.execute(text(sql))
    except DBAPIError:
        connection.invalidate()
        raise
    finally:
        connection.close()


def _damage_in(table: str, row, columns) -> list[DamagedValue]:
    found = []
    key = row[0]
    if isinstance(key, bytes):
        key = key.decode("utf-8", "replace")
    for column, value in zip(columns, row[1:], strict=True):
        if value is None:
            continue
        try:
            words = value.decode("utf-8")
        except UnicodeDecodeError:
            found.append(DamagedValue(table, str(key), column.name,
                                      value.decode("utf-8", "replace"), "text"))
            continue
        reader = next((r for kind, r in _READERS.items() if isinstance(column.type, kind)),
                      None)
        if reader is not None and words:
            try:
                reader(words)
            except ValueError:
                found.append(DamagedValue(table, str(key), column.name, words, "date"))
    return found


def report(service, found) -> set[int]:
    """The check's lines for every record (``found``: its findings); returns the ids of the
    incidents found damaged (the search index's lines then say so, not "intact")."""
    damaged, unreadable = damaged_values(lambda sql: _rows(service.db.engine, sql))
    for line in unreadable:
        found.bad(line + " Restore the newest good backup.")
    for value in damaged[:SHOW_AT_MOST]:
        found.bad(f"{value.sentence} Restore the newest good backup to get it back.")
    if len(damaged) > SHOW_AT_MOST:
        found.bad(f"{len(damaged) - SHOW_AT_MOST} more damaged value(s) in the records.")
    if not damaged and not unreadable:
        found.good("Records: every piece of text, every date and time read back as saved.")
    return {int(v.key) for v in damaged if v.table == "incidents"}


def in_a_sentence(damaged: list[DamagedValue], unreadable: list[str]) -> str:
    """For a backup's manifest: "" when every value reads, else what does not, briefly."""
    if unreadable:
        return unreadable[0]
    if not damaged:
        return ""
    named = ", ".join(v.sentence.split(": its ", 1)[0] for v in damaged[:3])
    more = f" and {len(damaged) - 3} more" if len(damaged) > 3 else ""
    return f"{len(damaged)} damaged value(s) that can no longer be read: {named}{more}"
