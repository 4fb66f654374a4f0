"""The health check, on real database files and real evidence files."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from avenue_desk.services.core.sealed_files import is_sealed
from avenue_desk.store.migrate import head_revision
from tests.helpers import databases
from tests.helpers.evidence_tamper import (
    change_one_byte,
    in_folder,
    remove_content,
    replace_content,
)
from tests.helpers.images import write_png
from tests.helpers.postgres import not_on_postgres_yet, sqlite_only
from tests.helpers.records import incident_input


@pytest.fixture
def evidence(services, tmp_path):
    incident = services.incidents.create(incident_input())
    return services.evidence.add(incident.id, write_png(tmp_path / "screenshot.png"),
                                 captured_on=date(2026, 11, 2))


def raw_sql(services, *statements) -> None:
    """Changes made behind the app's back, as a damaged or hand-edited file would be."""
    databases.raw_sql(services.paths, *statements)


@not_on_postgres_yet("part 13 item 2: the check on PostgreSQL skips the database and search "
                     "checks, and says so in other lines")
def test_a_clean_database_passes(services):
    services.incidents.create(incident_input())
    report = services.health.check()
    rows, latest = services.audit.head()
    assert report.ok and rows == 3  # the first account made, its sign-in, the incident
    assert report.lines == (
        "Database file: no damage found.",
        "Links between records: all in order.",
        "Records: every piece of text, every date and time read back as saved.",
        f"Database structure: up to date (version {head_revision()}).",
        "Audit trail: 3 event(s), each chained to the one before, with no break in the "
        "chain.",
        "Audit anchors: the trail matches all 1 fingerprint(s) of it noted outside the "
        "database (0 in backups).",  # the head this run found before its first row
        f"Audit trail fingerprint (its latest event's): row 3 · {latest[:4]} {latest[4:8]} "
        f"{latest[8:12]} {latest[12:16]} ({latest}). Every backup and every governors' "
        "summary notes it too.",
        "Search index: all 1 incident(s) are indexed.",
        "Evidence files: 0 checked, all present and unchanged.",
        "Privacy: the data folder, the records and the backups can be opened only by this "
        "computer account.",
        "Result: PASSED, all checks passed.",
    )


def test_evidence_that_is_intact_passes_and_progress_is_reported(services, evidence):
    calls = []
    report = services.health.check(progress=lambda d, t: calls.append((d, t)))
    assert report.ok and "Evidence files: 1 checked, all present and unchanged." in report.lines
    assert calls == [(1, 1)]


def _where(services, stored_name: str) -> str:
    """Where the check says a stored file is: in the data folder, or in the database."""
    if in_folder(services.paths):
        return f"evidence/{stored_name}"
    return f"in the database ({stored_name})"


def test_an_edited_evidence_file_fails_and_says_which_and_how(services, evidence):
    sealed = in_folder(services.paths) and is_sealed(
        services.paths.evidence_dir / evidence.stored_name)  # an encrypted school's
    found = hashlib.sha256(change_one_byte(services.paths, evidence)).hexdigest()
    report = services.health.check()
    assert not report.ok
    how = "it no longer opens as Avenue Desk sealed it" if sealed else f"found {found[:12]}…"
    assert (
        "PROBLEM: Evidence 1 (screenshot.png, incident 1): the file has been changed since it "
        f"was added on 21 November 2026 (expected SHA-256 {evidence.sha256[:12]}…, {how}). "
        f"It is {_where(services, f'000001/{evidence.sha256}.png')}; restore the original "
        "from a backup."
    ) in report.lines
    assert report.lines[-1].startswith("Result: FAILED, 1 problem(s) found.")


def test_a_deleted_evidence_file_fails(services, evidence):
    remove_content(services.paths, evidence)
    report = services.health.check()
    assert not report.ok
    where = _where(services, f"000001/{evidence.sha256}.png")
    assert (f"PROBLEM: Evidence 1 (screenshot.png, incident 1): the file is missing; it should "
            f"be {'at ' if in_folder(services.paths) else ''}{where}. Restore it from a "
            "backup.") in report.lines


def test_files_no_record_refers_to_are_a_note_not_a_failure(services, evidence):
    replace_content(services.paths, "000001/copied-by-hand.png", b"not referenced")
    replace_content(services.paths, "000002/abc.png.part", b"half")
    report = services.health.check()
    assert report.ok
    notes = [line for line in report.lines if line.startswith("NOTE:")]
    kept = "Evidence folder" if in_folder(services.paths) else "Evidence in the database"
    assert notes == [
        f"NOTE: {kept}: 2 file(s) that no record refers to: "
        f"{_where(services, '000001/copied-by-hand.png')}, "
        f"{_where(services, '000002/abc.png.part')}. They do not affect "
        "any record, but may hold personal data; check them and delete them if they are not "
        "needed."]
    assert report.lines[-1] == "Result: PASSED, all checks passed (1 note(s) above to look at)."


@sqlite_only("only SQLite keeps a separate search index (FTS5)")
def test_a_search_index_out_of_step_fails(services):
    for _ in range(3):
        services.incidents.create(incident_input())
    raw_sql(services, "DELETE FROM incident_search WHERE rowid = 2",
            "UPDATE incidents SET excerpt = 'edited by hand' WHERE id = 3",
            "INSERT INTO incident_search (rowid, excerpt, summary, notes) VALUES (9, 'x', '', '')")
    report = services.health.check()
    assert not report.ok
    search_lines = [line for line in report.lines if "Search index" in line]
    assert search_lines == [
        "PROBLEM: Search index: 1 incident(s) are missing from the search index, so searching "
        "cannot find them (incident 2). The records themselves are intact.",
        "PROBLEM: Search index: 1 incident(s) that no longer exist still have search entries "
        "(incident 9). The records themselves are intact.",
        "PROBLEM: Search index: 1 incident(s) have out-of-date search entries, so searching "
        "may miss them (incident 3). The records themselves are intact.",
    ]


@sqlite_only("a server refuses a row that points at nothing, whoever writes it")
def test_a_broken_link_between_records_fails(services):
    # A plain sqlite3 connection has foreign keys off, as a careless tool would.
    raw_sql(services, "INSERT INTO incident_categories (incident_id, category) "
                      "VALUES (42, 'complaint')")
    report = services.health.check()
    assert not report.ok
    assert ("PROBLEM: Links between records: entry 1 of incident categories points to one of "
            "the incidents that does not exist.") in report.lines


def test_a_database_at_another_schema_version_fails(services):
    raw_sql(services, "UPDATE alembic_version SET version_num = '0099'")
    report = services.health.check()
    assert not report.ok
    assert any(line.startswith("PROBLEM: Database structure: at version 0099, but this copy "
                               f"of Avenue Desk expects version {head_revision()}.")
               for line in report.lines)
