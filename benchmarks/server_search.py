"""Part 13: the incident list's text search on a trust's PostgreSQL server (PostgreSQL's own
text search over ``incident_words``, migration 0012), against the raw query in the same run.

Runs only when a server is given: ``python -m benchmarks --only server --server-url URL``
(or AVENUE_DESK_BENCH_POSTGRES), URL being a role that may create databases, e.g. the one
``.ci/postgres.sh start`` prints. The demo school is built there once per size and seed, in
the database ``avenue_bench_<N>_<seed>`` (its evidence and marker in the data folder) and
reused.

App: ``services.incidents.count`` + the first ``page`` of 200, as the list asks when words
are typed (the words in the text index, and the people's and accounts' names matched in
Python). Anchor: the raw text-search query, hand-written (the incidents whose words match,
counted, and the first page read with the poster joined) through psycopg on its own
connection, the ``tsquery`` worked out before the clock starts. Target: within 5× of it.
The note gives, for comparison, the raw SQL that also finds the names (``unaccent(lower(…))
LIKE``), which returns exactly what the app does.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.build_demo import MARKER
from benchmarks.common import Result, median_time, paired, signed_in

PAGE = 200
TARGET = "≤ 5×"
QUERIES = (
    ("one word", "reading"),
    ("two words, any order", "property lost"),
    ("a word being typed (prefix)", "parents eve"),
    ("accents folded", "gokhan"),
    ("a common prefix", "comp"),
)


def _anchor_sql(words: list[str], values: dict) -> str:
    """The incidents the list finds for ``words``, by hand: their words in the text index,
    or every word in the name of their poster, of someone named in them, or of the account
    that posted or its person (accents folded by ``unaccent``, as the app folds them)."""
    from avenue_desk.services.core.folding import fold

    def likes(column: str, key: str) -> str:
        for n, word in enumerate(words):
            values[f"{key}{n}"] = f"%{fold(word)}%"
        return " AND ".join(f"unaccent(lower({column})) LIKE %({key}{n})s"
                            for n in range(len(words)))

    people = f"SELECT id FROM people WHERE {likes('full_name', 'p')}"
    account = likes("concat_ws(' ', handle, display_name, profile_url)", "a")
    return ("SELECT incident_id FROM incident_words WHERE words @@ %(q)s::tsquery "
            f"UNION SELECT id FROM incidents WHERE poster_id IN ({people}) "
            f"UNION SELECT incident_id FROM incident_people WHERE person_id IN ({people}) "
            "UNION SELECT id FROM incidents WHERE account_id IN (SELECT id FROM "
            f"social_accounts WHERE {account} OR person_id IN ({people}))")


def build(server_url: str, root: Path, incidents: int, seed: int, rebuild: bool):
    """The demo school on the server (built in a child process unless it is there); its
    data folder, its database's URL, and what the marker recorded."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.pool import NullPool

    name = f"avenue_bench_{incidents}_{seed}"
    folder = root / f"server-demo-{incidents}-seed{seed}"
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    marker = folder / MARKER
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with admin.connect() as connection:
            there = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                       {"name": name}).scalar()
            if there and marker.is_file() and not rebuild:  # (a throwaway server's is gone)
                return folder, url, json.loads(marker.read_text(encoding="utf-8")), None
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    marker.unlink(missing_ok=True)
    folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "benchmarks.build_demo", str(folder),
                    str(incidents), str(seed), url], check=True)
    wall = time.perf_counter() - start
    # What a server's autovacuum does soon after a school is loaded (the throwaway test
    # server runs without it): the rows the triggers rewrote while steps were added
    # cleared, and the planner's statistics.
    built = create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with built.connect() as connection:
        for table in ("incidents", "incident_words", "actions", "people", "incident_people",
                      "social_accounts"):
            connection.execute(text(f"VACUUM ANALYZE {table}"))
    built.dispose()
    return folder, url, json.loads(marker.read_text(encoding="utf-8")), wall


def run(server_url: str, root: Path, incidents: int, seed: int, repeats: int,
        rebuild: bool = False) -> tuple[list[Result], list[str]]:
    import re

    import psycopg
    from sqlalchemy.engine import make_url

    from avenue_desk.paths import AppPaths
    from avenue_desk.services.container import open_services
    from avenue_desk.services.core.database_server import checked_url
    from avenue_desk.services.incidents import IncidentQuery
    from avenue_desk.services.incidents.search import server_query

    folder, url, stored, wall = build(server_url, root, incidents, seed, rebuild)
    note = (f"built now (whole process {wall:.1f} s)" if wall is not None else
            "measured when it was built; --rebuild to measure again")
    results = [Result(f"fill_demo on PostgreSQL, {incidents:,} incidents",
                      stored["fill_seconds"], None, "", note=note)]
    services = signed_in(open_services(AppPaths(folder, url)))
    libpq = make_url(checked_url(url)).set(drivername="postgresql")
    connection = psycopg.connect(libpq.render_as_string(hide_password=False), autocommit=True,
                                 prepare_threshold=None)  # each run planned for its words
    info = [f"PostgreSQL {connection.info.server_version // 10000}: {stored['summary']}",
            f"Server database: {libpq.database} (data folder {folder})"]
    try:
        for label, words_typed in QUERIES:
            words = re.findall(r"\w+", words_typed)
            with services.db.read() as session:  # the words as the server reads them
                values = {"q": server_query(session, words)}
            words_only = ("SELECT incident_id FROM incident_words "
                          "WHERE words @@ %(q)s::tsquery")
            with_names = _anchor_sql(words, values)
            query = IncidentQuery(text=words_typed)

            def app(query=query):
                services.incidents.count(query)
                return services.incidents.page(query, 0, PAGE)

            def raw(found_ids: str, values=values):
                def work():
                    connection.execute(
                        f"SELECT count(*) FROM incidents WHERE id IN ({found_ids})",
                        values).fetchone()
                    return connection.execute(
                        "SELECT i.id, i.posted_on, i.platform, p.full_name, i.summary, "
                        "i.excerpt FROM incidents i LEFT JOIN people p ON p.id = i.poster_id "
                        f"WHERE i.id IN ({found_ids}) ORDER BY i.posted_on DESC, i.id DESC "
                        f"LIMIT {PAGE}", values).fetchall()

                return work

            found = services.incidents.count(query)
            by_words, by_all = (connection.execute(
                f"SELECT count(*) FROM ({sql}) found", values).fetchone()[0]
                for sql in (words_only, with_names))
            app_time, anchor_time = paired(app, raw(words_only), repeats)
            names_time = median_time(raw(with_names), repeats)
            results.append(Result(
                f"PG search, {label} '{words_typed}': count + page", app_time, anchor_time,
                TARGET, note=f"{found:,} found ({by_words:,} by their words alone); raw SQL "
                f"finding the names too (LIKE): {by_all:,} in {names_time * 1000:.1f} ms"))
    finally:
        connection.close()
        services.close()
    return results, info
