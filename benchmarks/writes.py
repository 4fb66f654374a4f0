"""Writing: saving one incident, and importing a 100,000-row CSV, against plain sqlite3.

* saving one incident: ``services.incidents.create`` (check the input, write the incident,
  its category, the search index and the audit row in one transaction, and return the
  saved record the editor shows, made from what was written) against a raw ``sqlite3``
  INSERT of the same incident row and its category and a commit, on the same file in the
  same journal mode (WAL, ``synchronous=FULL``);
* importing a CSV of every demo incident: ``services.transfer.import_incidents``
  (read, check every row with the forms' rules, match people, write in chunks, index for
  search) against reading the same file with ``csv`` and ``executemany`` of the same rows
  into the same tables (people, incidents, categories, named pupils, search index) in one
  transaction.

Both write only to fresh databases under ``<root>/writes/``; the demo database is read
once, to export the CSV (kept as ``<root>/incidents-<N>.csv`` for later runs). On an
encrypted run (``--encrypted``) the app's new databases are encrypted and the anchors write
to plain ones of their own, made by the same migrations.
"""

from __future__ import annotations

import csv
import shutil
import sqlite3
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks.common import Result, encrypted, open_signed_in, paired, signed_in

SAVE_TARGET = "≤ 3×"
IMPORT_TARGET = "≤ 3×"
EXCERPT = "Disgusting how the school treats our kids. The head should be sacked!!"
SUMMARY = "Post in the Year 4 parents' group about the lunchtime rota."


def _fresh_services(folder: Path, *, encrypt: bool | None = None):
    """Services on a new, empty database: encrypted as this run is, unless ``encrypt``."""
    from avenue_desk.paths import AppPaths
    from avenue_desk.services.container import open_services

    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    encrypt = encrypted() if encrypt is None else encrypt
    return signed_in(open_services(AppPaths(folder), encrypt_new=encrypt))


def _raw_connection(database: Path) -> sqlite3.Connection:
    """What the app's engine sets on every connection (store/engine.py), nothing more."""
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    return connection


# --- saving one incident ------------------------------------------------------------------


def _save_one(folder: Path, repeats: int) -> Result:
    from avenue_desk.services.incidents.records import IncidentInput

    services = _fresh_services(folder)
    # The anchor writes plain: into the same file on a plain run, a plain one of its own on
    # an encrypted run.
    plain = _fresh_services(folder.with_name(folder.name + "-plain"), encrypt=False) \
        if encrypted() else services
    try:
        posted = services.clock.today() - timedelta(days=2)
        data = IncidentInput(posted_on=posted, platform="facebook", categories=("offensive",),
                             location="Year 4 parents", excerpt=EXCERPT, summary=SUMMARY)
        first = plain.incidents.create(data)  # the row the anchor copies, column for column
        connection = _raw_connection(plain.paths.database_file)
        row = connection.execute(
            "SELECT posted_on, seen_on, reported_by, platform, location, poster_id, excerpt, "
            "summary, content_still_up, on_school_forum, policy_edition, phase, "
            "phase_before_close, next_follow_up, created_at, updated_at FROM incidents "
            "WHERE id = ?", (first.id,)).fetchone()

        def raw_save() -> None:
            connection.execute("BEGIN IMMEDIATE")
            cursor = connection.execute(
                "INSERT INTO incidents (posted_on, seen_on, reported_by, platform, location, "
                "poster_id, excerpt, summary, content_still_up, on_school_forum, "
                "policy_edition, phase, phase_before_close, next_follow_up, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
            connection.execute("INSERT INTO incident_categories (incident_id, category) "
                               "VALUES (?, 'offensive')", (cursor.lastrowid,))
            connection.execute("COMMIT")

        try:
            app, anchor = paired(lambda: services.incidents.create(data), raw_save,
                                 max(11, repeats * 3))
        finally:
            connection.close()
    finally:
        services.close()
        if plain is not services:
            plain.close()
    return Result("save one incident", app, anchor, SAVE_TARGET,
                  note="app = services.incidents.create (checks, incident + category + search "
                  "index + audit row, the saved record returned); anchor = sqlite3 INSERT of "
                  "the same incident row and its category + COMMIT; "
                  + ("a plain file of its own (the app's is encrypted)" if encrypted()
                     else "same file") + ", WAL, synchronous=FULL")


# --- importing a CSV ----------------------------------------------------------------------


def export_csv(demo: Path, root: Path, incidents: int) -> Path:
    """Every demo incident as an import file, made once per demo database."""
    target = root / f"incidents-{incidents}.csv"
    marker = demo / "benchmark-ready.json"
    if target.is_file() and target.stat().st_mtime >= marker.stat().st_mtime:
        return target
    with open_signed_in(demo) as services:
        services.transfer.export_incidents(target)
    return target


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def raw_import(database: Path, path: Path) -> int:
    """The same rows into the same tables with ``csv`` and ``executemany``: no checks, no
    matching beyond exact names, one transaction. Returns the incidents written."""
    now = datetime.now().isoformat(sep=" ")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    connection = _raw_connection(database)
    try:
        connection.execute("BEGIN IMMEDIATE")
        people: dict[tuple[str, str], int] = {}
        next_id = (connection.execute("SELECT max(id) FROM people").fetchone()[0] or 0) + 1
        new_people = []

        def person(name: str, role: str) -> int:
            nonlocal next_id
            key = (_name_key(name), "pupil" if role == "pupil" else "adult")
            found = people.get(key)
            if found is None:
                found = people[key] = next_id
                new_people.append((next_id, name, key[0], role, now, now))
                next_id += 1
            return found

        first = (connection.execute("SELECT max(id) FROM incidents").fetchone()[0] or 0) + 1
        incidents, categories, named, searchable = [], [], [], []
        for number, row in enumerate(rows, first):
            poster = (person(row["poster_name"], row["poster_relationship"] or "parent")
                      if row["poster_name"] else None)
            closed = row["status"] == "closed"
            incidents.append((number, row["date_posted"], row["platform"], row["where"], poster,
                              row["excerpt"], row["summary"], "avenue-2021",
                              "closed" if closed else "new", "new" if closed else None, now,
                              now))
            categories += [(number, key) for key in row["categories"].split(";") if key]
            named += [(number, person(name, "pupil"))
                      for name in dict.fromkeys(row["pupils"].split(";")) if name]
            searchable.append((number, row["excerpt"], row["summary"], ""))
        connection.executemany(
            "INSERT INTO people (id, full_name, name_key, role, class_name, year_group, email, "
            "phone, address, mis_id, notes, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, '', '', '', '', '', '', '', ?, ?)", new_people)
        connection.executemany(
            "INSERT INTO incidents (id, posted_on, seen_on, reported_by, platform, location, "
            "poster_id, excerpt, summary, content_still_up, on_school_forum, policy_edition, "
            "phase, phase_before_close, next_follow_up, created_at, updated_at) "
            "VALUES (?, ?, NULL, '', ?, ?, ?, ?, ?, 1, 0, ?, ?, ?, NULL, ?, ?)", incidents)
        connection.executemany(
            "INSERT INTO incident_categories (incident_id, category) VALUES (?, ?)", categories)
        connection.executemany(
            "INSERT OR IGNORE INTO incident_people (incident_id, person_id) VALUES (?, ?)", named)
        connection.executemany(
            "INSERT INTO incident_search (rowid, excerpt, summary, notes) VALUES (?, ?, ?, ?)",
            searchable)
        connection.execute("COMMIT")
    finally:
        connection.close()
    return len(rows)


def _timed(work: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    value = work()
    return time.perf_counter() - start, value


def _import(folder: Path, path: Path, runs: int) -> Result:

    app_times, anchor_times, made = [], [], (0, 0)
    for _ in range(runs):  # alternately, each into a new empty database
        services = _fresh_services(folder / "app")
        try:
            seconds, result = _timed(lambda s=services: s.transfer.import_incidents(path))
        finally:
            services.close()
        if result.errors:
            raise RuntimeError(f"The benchmark CSV did not import: {result.summary}")
        app_times.append(seconds)
        # The same schema, made by the migrations; always plain (the anchor is sqlite3).
        _fresh_services(folder / "raw", encrypt=False).close()
        seconds, written = _timed(
            lambda: raw_import(folder / "raw" / "avenue-desk.sqlite3", path))
        anchor_times.append(seconds)
        made = (result.created, written)
    shutil.rmtree(folder, ignore_errors=True)
    return Result(f"import a {made[0]:,}-row CSV", min(app_times), min(anchor_times),
                  IMPORT_TARGET, note=f"best of {runs}, each into a new database; app = "
                  "transfer.import_incidents (every row checked, people matched, search index); "
                  f"anchor = csv.DictReader + executemany of the same {made[1]:,} rows into "
                  "the same tables, one transaction")


def run(demo: Path, root: Path, incidents: int, repeats: int) -> tuple[list[Result], list[str]]:
    folder = root / "writes"
    results = [_save_one(folder / "save", repeats)]
    path = export_csv(demo, root, incidents)
    results.append(_import(folder / "import", path, 1 if incidents >= 50_000 else 3))
    shutil.rmtree(folder, ignore_errors=True)
    return results, []


if __name__ == "__main__":  # a quick look: python -m benchmarks.writes DEMO_DIR N
    import sys

    from benchmarks.common import table

    demo_dir = Path(sys.argv[1])
    found, _ = run(demo_dir, demo_dir.parent, int(sys.argv[2]), 3)
    print(table(found))
