"""In the demo school, searching a poster's name, a pupil's name and an account handle finds
every incident involving them: the list's count against one made over the database by raw
SQL, written here without the app's search code."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from avenue_desk.demo.school import fill_demo
from avenue_desk.paths import AppPaths
from avenue_desk.services.core.clock import FixedClock
from avenue_desk.services.incidents.records import IncidentQuery
from tests.helpers.accounts import open_signed_in
from tests.helpers.databases import data_paths, raw_sql

INCIDENTS = 5000  # the demo school the issue names


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    paths = data_paths(tmp_path_factory.mktemp("people-search") / "data")
    services = open_signed_in(paths, FixedClock(datetime(2026, 11, 21, 9, 30)))
    fill_demo(services, incidents=INCIDENTS, seed=2021)
    yield services
    services.close()


def _likes(column: str, words: list[str], prefix: str) -> tuple[str, dict]:
    """``lower(column) LIKE`` every word (ASCII names only: SQLite lowers ASCII alone)."""
    params = {f"{prefix}{n}": f"%{w.lower()}%" for n, w in enumerate(words)}
    return " AND ".join(f"lower({column}) LIKE :{key}" for key in params), params


def _raw_count(paths: AppPaths, text: str) -> int:
    words = re.findall(r"\w+", text)
    poster, p1 = _likes("p.full_name", words, "p")
    linked, p2 = _likes("ap.full_name", words, "a")
    handle, p3 = _likes("acc.handle", words, "h")
    named, p4 = _likes("n.full_name", words, "n")
    if paths.uses_sqlite_file:
        query = " ".join(f'"{w}"' for w in words) + "*"
        in_text = "SELECT rowid FROM incident_search WHERE incident_search MATCH :q"
        p5 = {"q": query}
    else:  # the server's search: every word in the post, the summary or a step's notes
        in_text = "SELECT t.id FROM incidents t WHERE " + " AND ".join(
            f"(lower(t.excerpt) LIKE :t{n} OR lower(t.summary) LIKE :t{n} OR EXISTS (SELECT 1 "
            f"FROM actions s WHERE s.incident_id = t.id AND lower(s.notes) LIKE :t{n}))"
            for n in range(len(words)))
        p5 = {f"t{n}": f"%{w.lower()}%" for n, w in enumerate(words)}
    sql = (
        "SELECT count(*) FROM incidents WHERE id IN ("
        "SELECT i.id FROM incidents i LEFT JOIN people p ON p.id = i.poster_id "
        "LEFT JOIN social_accounts acc ON acc.id = i.account_id "
        "LEFT JOIN people ap ON ap.id = acc.person_id "
        f"WHERE ({poster}) OR ({linked}) OR ({handle}) "
        "UNION SELECT ip.incident_id FROM incident_people ip "
        f"JOIN people n ON n.id = ip.person_id WHERE {named} "
        f"UNION {in_text})")
    return raw_sql(paths, sql, **p1, **p2, **p3, **p4, **p5)[0][0]


def _ascii_name(paths: AppPaths, sql: str) -> str:
    return next(name for (name,) in raw_sql(paths, sql) if name.isascii())


def test_searching_a_poster_a_pupil_and_a_handle_finds_every_incident(demo):
    paths = demo.paths
    poster = _ascii_name(paths, "SELECT p.full_name FROM incidents i JOIN people p "
                         "ON p.id = i.poster_id GROUP BY p.id, p.full_name "
                         "ORDER BY count(*) DESC, p.id")
    pupil = _ascii_name(paths, "SELECT p.full_name FROM incident_people ip JOIN people p "
                        "ON p.id = ip.person_id WHERE p.role = 'pupil' "
                        "GROUP BY p.id, p.full_name ORDER BY count(*) DESC, p.id")
    handle = raw_sql(paths, "SELECT handle FROM social_accounts WHERE person_id IS NULL "
                     "ORDER BY id")[0][0]
    found = {}
    for text in (poster, pupil, handle):
        count = demo.incidents.count(IncidentQuery(text=text))
        listed = demo.incidents.ids(IncidentQuery(text=text))
        assert count == len(listed) == _raw_count(paths, text) > 0, text
        found[text] = count
    # The busiest poster's own name finds more than the words of the posts alone would.
    words_only = _raw_text_only(paths, poster)
    assert found[poster] > words_only


def _raw_text_only(paths: AppPaths, text: str) -> int:
    words = re.findall(r"\w+", text)
    if paths.uses_sqlite_file:
        return raw_sql(paths, "SELECT count(*) FROM incident_search WHERE incident_search "
                       "MATCH :q", q=" ".join(f'"{w}"' for w in words) + "*")[0][0]
    return 0


def test_posted_by_counts_the_persons_own_and_linked_accounts(demo):
    paths = demo.paths
    person_id, handle = raw_sql(paths, "SELECT person_id, handle FROM social_accounts "
                                "WHERE person_id IS NOT NULL ORDER BY id")[0]
    expected = raw_sql(paths, "SELECT count(*) FROM incidents i LEFT JOIN social_accounts a "
                       "ON a.id = i.account_id WHERE i.poster_id = :p OR a.person_id = :p",
                       p=person_id)[0][0]
    assert demo.incidents.count(IncidentQuery(posted_by=person_id)) == expected > 0
    # Accents ignored: the same handle typed with capitals finds the same incidents.
    assert demo.incidents.count(IncidentQuery(text=handle.upper())) == _raw_count(
        paths, handle)
