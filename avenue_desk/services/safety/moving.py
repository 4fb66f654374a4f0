"""Moving a school's records to another database (``avenue-desk migrate-to``): from its data
folder's SQLite file onto a trust's PostgreSQL server, or back.

The same logical copy a server's backup holds (``logical.py``): every table read in one
snapshot and loaded in one transaction, the evidence files put into the target's store (its
data folder, or the database itself on a server), then every table's rows counted on both
sides and every evidence file hashed where it now is, before the transaction commits. Any
difference and nothing is kept. A target that already holds records is refused.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy.orm import Session

from avenue_desk.paths import AppPaths
from avenue_desk.services.core.access import AccessGuard
from avenue_desk.services.core.audit import AuditLog, default_origin
from avenue_desk.services.core.database import open_database
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.core.evidence_store import evidence_store
from avenue_desk.services.safety.logical import (
    TablesInDatabase,
    count_rows,
    load_tables,
    stored_evidence,
)
from avenue_desk.services.safety.logical_backup import snapshot


@dataclass(frozen=True)
class MoveResult:
    counts: dict[str, int]  # rows per table, the same on both sides
    evidence_checked: int  # files hashed in the target, each matching its record
    seconds: float

    def lines(self, target: str) -> list[str]:
        rows = sum(self.counts.values())
        return [f"{name}: {count:,}" for name, count in self.counts.items() if count] + [
            f"Moved {rows:,} row(s) in {len(self.counts)} tables and "
            f"{self.evidence_checked:,} evidence file(s) to {target} in "
            f"{self.seconds:.1f} s: every table's rows counted on both sides and every "
            "evidence file's SHA-256 checked where it now is."]


def where_shown(paths: AppPaths) -> str:
    """The target in words, without a password."""
    if paths.uses_sqlite_file:
        return str(paths.data_dir)
    from sqlalchemy.engine import make_url

    return make_url(paths.database_url).render_as_string(hide_password=True)


def move_records(source: AppPaths, target: AppPaths, clock, username: str = "",
                 progress=None) -> MoveResult:
    """Copies every record and evidence file from ``source`` to ``target`` and proves the
    copy whole; the source is left as it was (with a row in its trail saying where the
    records went)."""
    started = time.perf_counter()
    if source.database_url == target.database_url:
        raise ServiceError("The records are already there.")
    from_db = open_database(source, clock)
    to_db = open_database(target, clock)
    try:
        if from_db.read_only:
            raise ServiceError("The records are damaged: restore a good backup first, then "
                               "move them.")
        with to_db.engine.connect() as connection:
            held = {name: n for name, n in count_rows(connection).items() if n}
        if held:
            raise ServiceError(f"Nothing was moved: {where_shown(target)} already holds "
                               f"records ({', '.join(f'{n:,} {t}' for t, n in held.items())}). "
                               "Move them only into an empty database.")
        from_store, to_store = evidence_store(from_db), evidence_store(to_db)
        with snapshot(from_db.engine) as reading, to_db.engine.begin() as writing:
            counts = load_tables(writing, TablesInDatabase(reading), progress)
            session = Session(bind=writing)
            evidence = stored_evidence(reading)
            for name, digest in evidence.items():
                on = reading if from_store.in_database else None
                if from_store.digest(name, on) != digest:
                    raise ServiceError(f"Nothing was moved: the evidence file {name} is "
                                       "missing or changed. Run the check, restore it from a "
                                       "backup, then move the records.")
                to_store.put(session, name, from_store.chunks(name, on), digest)
            session.flush()
            _compare(count_rows(reading), count_rows(writing), counts)
            on = writing if to_store.in_database else None
            for name, digest in evidence.items():
                if to_store.digest(name, on) != digest:
                    raise ServiceError(f"Nothing was moved: the copy of the evidence file "
                                       f"{name} did not match its SHA-256.")
    finally:
        from_db.close()
        to_db.close()
    _note_in_trails(source, target, clock, username)
    return MoveResult(counts, len(evidence), time.perf_counter() - started)


def _compare(before: dict[str, int], after: dict[str, int], loaded: dict[str, int]) -> None:
    different = [name for name in before if not before[name] == after.get(name) ==
                 loaded.get(name)]
    if different:
        raise ServiceError("Nothing was moved: the copy's rows did not match in "
                           + ", ".join(f"{name} ({before[name]:,} against "
                                       f"{after.get(name, 0):,})" for name in different))


def _note_in_trails(source: AppPaths, target: AppPaths, clock, username: str) -> None:
    """Both trails say what happened: the target's where its records came from, the
    source's where they went."""
    for paths, summary in ((target, f"Records moved here from {where_shown(source)}"),
                           (source, f"Records moved to {where_shown(target)}")):
        db = open_database(paths, clock)
        try:
            AuditLog(db, clock, AccessGuard(), default_origin("cli")).record_now(
                None, "migrate", "database", None, summary, username=username)
        finally:
            db.close()
