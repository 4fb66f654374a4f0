"""Part 10: the incident list's search for a person (a poster's name, a pupil's name, an
account handle), against the same result got by raw SQL through ``sqlite3``.

App: ``services.incidents.count`` + the first ``page`` of 200, as the list asks when a name
is typed: the words searched in the full-text index, and the names of posters, people named
and accounts matched (accents folded, in Python over the people and accounts). Anchor: one
hand-written query per figure giving the same incidents (the people and accounts chosen by
``LIKE``, ASCII names only), its count and first page. Target: under 50 ms.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from benchmarks.common import Result, open_signed_in, paired, plain_twin

TARGET = "< 50 ms"
PAGE = 200


def _pick(connection: sqlite3.Connection) -> list[tuple[str, str]]:
    def first_ascii(sql: str) -> str | None:
        return next((name for (name,) in connection.execute(sql) if name.isascii()), None)

    picked = [
        ("poster's name", first_ascii(
            "SELECT p.full_name FROM incidents i JOIN people p ON p.id = i.poster_id "
            "GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 50")),
        ("pupil's name", first_ascii(
            "SELECT p.full_name FROM incident_people ip JOIN people p ON p.id = ip.person_id "
            "WHERE p.role = 'pupil' GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 50")),
    ]
    try:
        handle = connection.execute("SELECT handle FROM social_accounts ORDER BY id").fetchone()
    except sqlite3.OperationalError:
        handle = None
    picked.append(("account handle", handle[0] if handle else None))
    return [(label, text) for label, text in picked if text]


def _anchor_sql(words: list[str]) -> tuple[str, list]:
    def likes(column: str) -> tuple[str, list]:
        return (" AND ".join(f"lower({column}) LIKE ?" for _ in words),
                [f"%{w.lower()}%" for w in words])

    people, p = likes("full_name")
    accounts, a = likes("handle")
    matched = (
        f"SELECT rowid FROM incident_search WHERE incident_search MATCH ? "
        f"UNION SELECT id FROM incidents WHERE poster_id IN (SELECT id FROM people WHERE {people}) "
        f"UNION SELECT incident_id FROM incident_people WHERE person_id IN "
        f"(SELECT id FROM people WHERE {people}) "
        f"UNION SELECT id FROM incidents WHERE account_id IN (SELECT id FROM social_accounts "
        f"WHERE {accounts} OR person_id IN (SELECT id FROM people WHERE {people}))")
    query = " ".join(f'"{w}"' for w in words) + "*"
    return matched, [query, *p, *p, *a, *p]


def run(data_dir: Path, repeats: int) -> tuple[list[Result], list[str]]:
    import re

    from avenue_desk.services.incidents import IncidentQuery

    services = open_signed_in(data_dir)  # migrates an older demo first
    # Plain sqlite3 on a plain file: on an encrypted run, the twin with the same data.
    connection = sqlite3.connect(plain_twin(data_dir) / services.paths.database_file.name)
    results, info = [], []
    try:
        for label, text in _pick(connection):
            words = re.findall(r"\w+", text)
            matched, params = _anchor_sql(words)
            query = IncidentQuery(text=text)

            def app(query=query):
                services.incidents.count(query)
                return services.incidents.page(query, 0, PAGE)

            def anchor(matched=matched, params=params):
                connection.execute(f"SELECT count(*) FROM incidents WHERE id IN ({matched})",
                                   params).fetchone()
                return connection.execute(
                    "SELECT i.id, i.posted_on, i.platform, p.full_name, i.summary "
                    "FROM incidents i LEFT JOIN people p ON p.id = i.poster_id "
                    f"WHERE i.id IN ({matched}) ORDER BY i.posted_on DESC, i.id DESC "
                    "LIMIT ?", [*params, PAGE]).fetchall()

            found = services.incidents.count(query)
            raw = connection.execute(f"SELECT count(*) FROM incidents WHERE id IN ({matched})",
                                     params).fetchone()[0]
            app_time, anchor_time = paired(app, anchor, repeats)
            results.append(Result(f"search a {label}: count + page", app_time, anchor_time,
                                  TARGET, note=f"{found:,} found (raw SQL {raw:,})"))
        if not any(label == "account handle" for label, _ in _pick(connection)):
            info.append("Account handle search skipped: this demo has no social media "
                        "accounts (built before part 10; --rebuild makes them).")
    finally:
        connection.close()
        services.close()
    return results, info
