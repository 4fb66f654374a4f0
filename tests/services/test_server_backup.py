"""One backup format for both databases, and moving a school between them (issue 17, part
13 items 3 and 4): evidence kept where every PC reaches it, a server's backup restored on
the server, a restore that fails half-way leaving the records it had, and a school moved
from its SQLite folder onto PostgreSQL and back with identical exports and evidence hashes.

The moves need a SQLite folder and the server at once, so they run on ``make
test-postgres``; the rest runs on either database.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from avenue_desk.paths import AppPaths
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.safety import move_records, restore_backup
from tests.helpers.accounts import open_signed_in
from tests.helpers.databases import data_paths, raw_sql
from tests.helpers.images import write_png
from tests.helpers.postgres import ON_POSTGRES, server
from tests.helpers.records import incident, person, step

on_the_server = pytest.mark.skipif(not ON_POSTGRES, reason="needs make test-postgres's server")
ARABIC = "لقطة شاشة للمنشور.png"  # "screenshot of the post"
TABLES_COMPARED = ("incidents", "people", "actions", "evidence", "audit_log",
                   "conduct_breach_evidence")


def _school(paths: AppPaths, clock, folder: Path) -> dict[str, str]:
    """A small school: people, incidents with steps, evidence (one file named in Arabic
    script), an audit trail. Returns stored name -> SHA-256."""
    with open_signed_in(paths, clock) as services:
        zoe = person(services, "Zoë Kowalczyk-Ahmed <&> \"Z\"")
        person(services, "محمد علي", role="parent")
        first = incident(services, summary="Money & the trip — \"<b>\" زيارة", poster_id=zoe.id)
        second = incident(services, summary="Second post")
        step(services, first.id, "informal_discussion")
        for n, (owner, name) in enumerate(((first.id, ARABIC), (first.id, "two.png"),
                                           (second.id, "three.png")), 1):
            services.evidence.add(owner, write_png(folder / name, width=n + 3),
                                  note=f"file {n}")
    return dict(raw_sql(paths, "SELECT stored_name, sha256 FROM evidence"))


def _exports(paths: AppPaths, clock, folder: Path) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    with open_signed_in(paths, clock) as services:
        services.transfer.export_incidents(folder / "incidents.csv")
        services.transfer.export_people(folder / "people.csv")
        hashes = {}
        for record, check in services.evidence.verify_all():
            assert check.ok, (record.original_name, check.problem)
            hashes[record.original_name] = services.evidence.store.digest(record.stored_name)
    return {"incidents": (folder / "incidents.csv").read_text(encoding="utf-8"),
            "people": (folder / "people.csv").read_text(encoding="utf-8"), **hashes}


def _counts(paths: AppPaths) -> dict[str, int]:
    return {t: raw_sql(paths, f"SELECT count(*) FROM {t}")[0][0] for t in TABLES_COMPARED}


def test_a_backup_restored_into_the_same_database_gives_the_same_records(tmp_path, clock):
    paths = data_paths(tmp_path / "school")
    hashes = _school(paths, clock, tmp_path)
    before = _exports(paths, clock, tmp_path / "before")
    with open_signed_in(paths, clock) as services:
        info = services.backup.backup(tmp_path / "b.zip")
        services.evidence.add(1, write_png(tmp_path / "later.png", 20))  # not in the backup
    assert info.evidence_files == len(hashes)
    counts = _counts(paths)
    restore_backup(paths, info.path, clock)
    after = _counts(paths)
    assert after["evidence"] == counts["evidence"] - 1
    assert after["audit_log"] == info.audit_row + 1  # the backup's trail and the restore's row
    assert _exports(paths, clock, tmp_path / "after") == before
    with open_signed_in(paths, clock) as services:
        assert services.health.check().ok


@on_the_server  # on SQLite a restore is a journalled swap of files (test_crash_safety.py)
def test_a_restore_that_fails_half_way_leaves_the_records_it_had(tmp_path, clock):
    paths = data_paths(tmp_path / "school")
    _school(paths, clock, tmp_path)
    with open_signed_in(paths, clock) as services:
        info = services.backup.backup(tmp_path / "b.zip")
        services.evidence.add(2, write_png(tmp_path / "later.png", 20))
    exported = _exports(paths, clock, tmp_path / "before")
    before = _counts(paths)

    def killed(done, total):
        if total > 10 and done == total // 2:  # half the tables loaded
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        restore_backup(paths, info.path, clock, progress=killed)
    assert _counts(paths) == before
    assert _exports(paths, clock, tmp_path / "after") == exported
    with open_signed_in(paths, clock) as services:
        assert services.health.check().ok


@on_the_server
def test_evidence_on_the_server_is_in_the_database_and_checked_from_any_folder(tmp_path,
                                                                                clock):
    paths = data_paths(tmp_path / "office")
    hashes = _school(paths, clock, tmp_path)
    assert not list((tmp_path / "office" / "evidence").rglob("*.png"))  # none on this PC
    held = raw_sql(paths, "SELECT count(DISTINCT stored_name) FROM evidence_content")[0][0]
    assert held == len(hashes)
    other_pc = AppPaths(tmp_path / "head-pc", paths.database_url)  # the other PC's folder
    with open_signed_in(other_pc, clock) as services:
        assert services.health.check().ok
        record = services.evidence.get(1)
        copy = services.evidence.viewing_copy(1)
        assert copy.read_bytes() == b"".join(services.evidence.store.chunks(record.stored_name))
    raw_sql(paths, "UPDATE evidence_content SET data = :d WHERE stored_name = "
                   "(SELECT stored_name FROM evidence WHERE id = 1)", d=b"\x89PNG changed")
    with open_signed_in(other_pc, clock) as services:
        report = services.health.check()
        assert not report.ok
        assert any("has been changed since it was added" in line for line in report.lines)


@on_the_server
def test_a_school_moved_to_the_server_and_back_has_identical_exports_and_hashes(tmp_path,
                                                                                clock):
    sqlite_school = AppPaths(tmp_path / "school")  # the data folder's own file
    hashes = _school(sqlite_school, clock, tmp_path)
    before = _exports(sqlite_school, clock, tmp_path / "before")
    counts = _counts(sqlite_school)
    on_server = AppPaths(tmp_path / "trust", server().url_for(tmp_path / "trust"))
    there = move_records(sqlite_school, on_server, clock, "head")
    assert there.evidence_checked == len(hashes)
    assert {t: there.counts[t] for t in TABLES_COMPARED} == counts
    assert _exports(on_server, clock, tmp_path / "there") == before
    back_home = AppPaths(tmp_path / "back")
    back = move_records(on_server, back_home, clock, "head")
    assert back.evidence_checked == there.evidence_checked
    assert _exports(back_home, clock, tmp_path / "back-exports") == before
    assert ARABIC in before and before[ARABIC] == hashes[raw_sql(
        back_home, "SELECT stored_name FROM evidence WHERE original_name = :n", n=ARABIC)[0][0]]
    with open_signed_in(back_home, clock) as services:
        assert services.health.check().ok
    print(f"moved: to the server {there.seconds:.2f} s, back {back.seconds:.2f} s, "
          f"{sum(there.counts.values())} rows, {there.evidence_checked} files")


@on_the_server
def test_moving_into_a_database_that_holds_records_is_refused(tmp_path, clock):
    sqlite_school = AppPaths(tmp_path / "school")
    _school(sqlite_school, clock, tmp_path)
    on_server = data_paths(tmp_path / "trust")
    open_signed_in(on_server, clock).close()  # an account in it already
    with pytest.raises(ServiceError, match="Move them only into an empty database"):
        move_records(sqlite_school, on_server, clock, "head")
