"""Exporting the incident log to a CSV file that Excel opens and this app imports again.

The columns are those of the incident import (docs/import-formats.md) with the id first,
and hold keys rather than labels, so export -> import -> export gives the same file apart
from the ids.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TextIO

from sqlalchemy import func, select

from avenue_desk.policy import CATEGORIES
from avenue_desk.policy.access import Operation
from avenue_desk.services.core.csvfiles import GuardedWriter, atomic_csv_writer
from avenue_desk.services.transfer.importing import INCIDENT_COLUMNS
from avenue_desk.store.models import Incident, IncidentCategory, IncidentPerson, Person

EXPORT_COLUMNS = ("id", *INCIDENT_COLUMNS)
BATCH = 1000  # incidents read at a time: memory stays flat however big the log is
_POLICY_ORDER = {category.key: index for index, category in enumerate(CATEGORIES)}


def export_incidents_csv(
    service, path: str | os.PathLike, progress: Callable[[int, int], None] | None = None
) -> int:
    """Writes every incident to ``path`` (replacing it only once complete); returns the count.
    The export is written to the audit trail."""
    actor = service.guard.require(Operation.DATA_EXPORT)
    count = 0
    with atomic_csv_writer(path) as writer, service.db.read() as session:
        # One read transaction for the whole file, so it is a consistent snapshot even if
        # someone saves an incident while the export runs.
        total = session.scalar(select(func.count(Incident.id))) or 0
        writer.writerow(EXPORT_COLUMNS)
        last_id = 0
        while batch := _batch(session, last_id):
            _write_rows(writer, session, batch)
            count += len(batch)
            last_id = batch[-1].id
            if progress:
                progress(count, max(total, count))
    service.audit.record_now(actor, "export", "incident", None,
                              f"{count} incident(s) exported to a CSV file")
    return count


def write_incidents_csv(service, ids: Sequence[int], handle: TextIO, summary: str) -> int:
    """The incidents ``ids``, in that order, with the export's columns, to an open text
    ``handle`` (the command line's standard output); ``summary`` says for the audit trail
    what was asked for. Returns the count."""
    actor = service.guard.require(Operation.DATA_EXPORT)
    writer = GuardedWriter(handle)
    writer.writerow(EXPORT_COLUMNS)
    with service.db.read() as session:
        for first in range(0, len(ids), BATCH):
            chunk = list(ids[first:first + BATCH])
            place = {incident_id: n for n, incident_id in enumerate(chunk)}
            rows = sorted(session.execute(_ROW.where(Incident.id.in_(chunk))).all(),
                          key=lambda row: place[row.id])
            _write_rows(writer, session, rows)
    service.audit.record_now(actor, "export", "incident", None,
                              f"{len(ids)} incident(s) listed as CSV ({summary})")
    return len(ids)


def _write_rows(writer, session, rows) -> None:
    ids = [row.id for row in rows]
    categories = _categories(session, ids)
    pupils = _named(session, ids)
    for row in rows:
        writer.writerow((
            row.id,
            row.posted_on.isoformat(),
            row.platform,
            row.full_name or "",
            row.role or "",
            ";".join(pupils[row.id]),
            ";".join(sorted(categories[row.id], key=lambda k: _POLICY_ORDER.get(k, 99))),
            row.location,
            row.excerpt,
            row.summary,
            "closed" if row.phase == "closed" else "open",
        ))


_ROW = select(
    Incident.id, Incident.posted_on, Incident.platform, Person.full_name, Person.role,
    Incident.location, Incident.excerpt, Incident.summary, Incident.phase,
).outerjoin(Person, Person.id == Incident.poster_id)


def _batch(session, after_id: int):
    # Keyset paging (id > last) stays fast to the end, unlike OFFSET.
    stmt = _ROW.where(Incident.id > after_id).order_by(Incident.id).limit(BATCH)
    return session.execute(stmt).all()


def _categories(session, ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    stmt = select(IncidentCategory.incident_id, IncidentCategory.category).where(
        IncidentCategory.incident_id.in_(ids)
    )
    for incident_id, category in session.execute(stmt):
        found[incident_id].append(category)
    return found


def _named(session, ids: list[int]) -> dict[int, list[str]]:
    """Everyone named in each incident, in a stable (alphabetical) order."""
    found: dict[int, list[str]] = defaultdict(list)
    stmt = (
        select(IncidentPerson.incident_id, Person.full_name)
        .join(Person, Person.id == IncidentPerson.person_id)
        .where(IncidentPerson.incident_id.in_(ids))
        .order_by(Person.name_key, Person.full_name, Person.id)
    )
    for incident_id, full_name in session.execute(stmt):
        found[incident_id].append(full_name)
    return found
