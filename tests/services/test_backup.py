"""Backups: consistent while writing, verified before restoring, rotated, and plain about
a backup folder that is not there."""

from __future__ import annotations

import threading
import zipfile
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from avenue_desk.policy.backup_rotation import backup_name, local_time, stamp_of
from avenue_desk.services.incidents.records import IncidentQuery
from avenue_desk.services.safety.backup import BackupFolderMissing
from avenue_desk.services.safety.restore import RestoreRefused, restore_backup
from avenue_desk.store import keyring
from tests.helpers.accounts import open_signed_in as open_services
from tests.helpers.backups import (
    DATABASE_MEMBER,
    INCIDENTS_MEMBER,
    database_bytes,
    evidence_hashes,
    fill,
    matching,
    records_member,
    rewrite,
)
from tests.helpers.databases import data_paths
from tests.helpers.evidence_tamper import remove_content
from tests.helpers.postgres import sqlite_only
from tests.helpers.records import incident_input


def test_a_backup_taken_during_writes_restores_with_the_same_counts_and_hashes(
        services, tmp_path):
    fill(services, tmp_path)
    written, stop, failures = [], threading.Event(), []

    def keep_writing():
        try:
            while not stop.is_set():
                saved = services.incidents.create(
                    incident_input(summary=f"Written during the backup {len(written)}"))
                written.append(saved.id)
        except Exception as error:  # shown by the assertion below
            failures.append(error)

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        while len(written) < 5 and writer.is_alive():
            threading.Event().wait(0.01)
        before = services.incidents.count(IncidentQuery())
        info = services.backup.backup(tmp_path / "during.zip")
        after_count = len(written) + 5
        while len(written) < after_count and writer.is_alive():
            threading.Event().wait(0.01)
    finally:
        stop.set()
        writer.join()
    assert failures == []
    after = services.incidents.count(IncidentQuery())
    assert before <= info.count("incidents") <= after
    assert info.count("incidents") < after  # the writer carried on after the copy
    original = {i: services.incidents.get(i) for i in range(1, info.count("incidents") + 1)}

    fresh = data_paths(tmp_path / "fresh")  # a new database of the same kind
    result = restore_backup(fresh, info.path, services.clock)
    assert result.replaced_dir is None  # there was nothing to replace
    with open_services(fresh, services.clock) as restored:
        assert restored.backup.live_counts() == {
            table: info.count(table) for table in ("incidents", "people", "actions",
                                                   "evidence")}
        assert evidence_hashes(restored) == evidence_hashes(services)
        for incident_id, record in original.items():
            assert restored.incidents.get(incident_id).summary == record.summary
        report = restored.health.check()
        assert report.ok, report.lines


@sqlite_only("a data folder's restore keeps the records it replaced in replaced-…; a "
             "server's replaces its tables in one transaction and keeps nothing aside")
def test_restoring_keeps_the_replaced_data_aside(services, paths, tmp_path, clock):
    fill(services, tmp_path, incidents=2)
    info = services.backup.backup()
    services.incidents.create(incident_input(summary="After the backup"))
    live = services.backup.live_counts()
    services.close()
    clock.advance(hours=1)
    result = restore_backup(paths, info.path, clock)
    stamp = local_time(clock.now()).strftime("%Y%m%d-%H%M%S")
    assert result.replaced_dir == paths.data_dir / f"replaced-{stamp}"
    assert (result.replaced_dir / "avenue-desk.sqlite3").exists()
    assert len(list((result.replaced_dir / "evidence").rglob("*.png"))) == 1
    assert "kept in" in " ".join(result.lines())
    with open_services(paths, clock) as again:
        assert again.backup.live_counts()["incidents"] == live["incidents"] - 1
        assert again.health.check().ok
    # The replaced database is whole, with the incident added after the backup (opened
    # with the key file kept beside it, an encrypted school's).
    with closing(keyring.connect(result.replaced_dir / "avenue-desk.sqlite3")) as old:
        assert old.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert old.execute("SELECT count(*) FROM incidents").fetchone()[0] == live["incidents"]


def _tamper_evidence(name, data):
    return data[:-1] + bytes([data[-1] ^ 1]) if name.startswith("evidence/") else data


def _truncate_database(name, data):
    # The records cut in half: a data folder's SQLite file, or a server's incidents.
    return data[: len(data) // 2] if name in (DATABASE_MEMBER, INCIDENTS_MEMBER) else data


def _drop_evidence(name, data):
    return None if name.startswith("evidence/") else data


TAMPERING = {
    "an edited evidence file": (_tamper_evidence, None, "has been changed since"),
    "a truncated database": (_truncate_database, None, "does not match its manifest"),
    "a missing evidence file": (_drop_evidence, None, "is listed but not in the backup"),
    "edited counts": (lambda n, d: d, lambda m: m["counts"].update(incidents=99),
                      "should hold 99 incidents"),
    "a file outside the evidence folder": (
        lambda n, d: d, lambda m: m["evidence"].append({"name": "../../evil.txt",
                                                        "sha256": "0" * 64, "size": 1}),
        "outside the evidence folder"),
}


@pytest.mark.parametrize("kind", sorted(TAMPERING))
def test_a_tampered_backup_is_refused_and_nothing_is_replaced(services, paths, tmp_path,
                                                              kind):
    fill(services, tmp_path, incidents=4)
    good = services.backup.backup(tmp_path / "good.zip")
    change, manifest, expected = TAMPERING[kind]
    bad = rewrite(good.path, tmp_path / "bad.zip", change, manifest)
    _assert_refused(services, paths, bad, expected)


def test_a_truncated_database_is_refused_even_with_a_matching_manifest(services, paths,
                                                                       tmp_path):
    fill(services, tmp_path, incidents=4)
    good = services.backup.backup(tmp_path / "good.zip")
    member = records_member(good.path)
    with zipfile.ZipFile(good.path) as archive:
        half = archive.read(member)
    half = half[: len(half) // 2]
    bad = rewrite(good.path, tmp_path / "bad.zip", lambda n, d: half if n == member else d,
                  lambda m: matching(m, member, half))
    # SQLite's own check finds the file damaged; a server's incidents come up short.
    _assert_refused(services, paths, bad, "The database in the backup is damaged"
                    if member == DATABASE_MEMBER else "should hold 4 incidents but holds")


def test_a_backup_from_a_newer_version_is_refused(services, paths, tmp_path):
    fill(services, tmp_path, incidents=2)
    good = services.backup.backup(tmp_path / "good.zip")
    newer = {}  # a server's backup names its structure's version in its manifest alone
    if records_member(good.path) == DATABASE_MEMBER:  # a SQLite file's, in the file too
        newer[DATABASE_MEMBER] = database_bytes(
            good.path, tmp_path, "UPDATE alembic_version SET version_num='9999'")

    def noted(manifest: dict) -> None:
        for name, data in newer.items():
            matching(manifest, name, data)
        manifest.update(schema_revision="9999")

    bad = rewrite(good.path, tmp_path / "bad.zip", lambda n, d: newer.get(n, d), noted)
    _assert_refused(services, paths, bad, "made by a newer version of Avenue Desk")


def test_a_file_that_is_not_a_backup_is_refused(services, paths, tmp_path):
    junk = tmp_path / "holiday-photos.zip"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    _assert_refused(services, paths, junk, "damaged or incomplete")
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("readme.txt", "hello")
    _assert_refused(services, paths, other, "not an Avenue Desk backup")


def _assert_refused(services, paths, bad: Path, expected: str) -> None:
    counts = services.backup.live_counts()
    hashes = evidence_hashes(services)
    with pytest.raises(RestoreRefused) as refused:
        restore_backup(paths, bad, services.clock)
    assert expected in str(refused.value)
    assert "nothing was changed" in str(refused.value)
    assert not services.backup.verify(bad).ok
    leftovers = [p.name for p in paths.data_dir.iterdir()
                 if p.name.startswith(("replaced-", ".restore-"))]
    assert leftovers == []
    assert services.backup.live_counts() == counts
    assert evidence_hashes(services) == hashes
    services.incidents.create(incident_input())  # still the live, writable database


def test_evidence_already_missing_is_noted_and_the_backup_still_restores(services, tmp_path):
    fill(services, tmp_path, incidents=2)
    record = next(services.evidence.verify_all())[0]
    remove_content(services.paths, record)
    info = services.backup.backup(tmp_path / "b.zip")
    assert len(info.missing_evidence) == 1
    verification = services.backup.verify(info.path)
    assert verification.ok
    assert "already missing" in verification.warnings[0]


# --- automatic backups and rotation ---------------------------------------------------------


AUTOMATIC_ONLY_FOR_A_FILE = ("the app backs up by itself (its timer, on exit) only records in a "
                             "SQLite file (BackupService._can_back_up_automatically); a "
                             "server's are made by hand or by `avenue-desk backup`")


@sqlite_only(AUTOMATIC_ONLY_FOR_A_FILE)
def test_automatic_backups_come_at_most_every_30_minutes_while_changes_are_made(services,
                                                                                clock):
    backup = services.backup
    assert backup.data_changed() is False  # the starting point
    assert backup.maybe_backup(changed=False) is None  # nothing changed, nothing made
    services.incidents.create(incident_input())
    assert backup.data_changed() is True
    first = backup.maybe_backup(changed=True)
    assert first is not None and first.path.parent == services.paths.backups_dir
    clock.advance(minutes=10)
    services.incidents.create(incident_input())
    assert backup.maybe_backup(changed=backup.data_changed()) is None  # too soon
    clock.advance(minutes=21)
    second = backup.maybe_backup(changed=False)  # the change 21 minutes ago is still waiting
    assert second is not None and second.count("incidents") == 2
    clock.advance(minutes=45)
    assert backup.maybe_backup(changed=backup.data_changed()) is None  # nothing new
    assert backup.exit_backup_due() is False
    services.incidents.create(incident_input())
    assert backup.exit_backup_due() is True
    assert backup.backup_on_exit().count("incidents") == 3


@sqlite_only(AUTOMATIC_ONLY_FOR_A_FILE)
def test_the_first_exit_always_leaves_a_backup(services):
    assert services.backup.backup_on_exit() is not None
    assert services.backup.backup_on_exit() is None


def _simulated_school_year(start: datetime, days: int):
    """Three backups a day on school days (no weekends, no August)."""
    for offset in range(days):
        day = start + timedelta(days=offset)
        if day.weekday() < 5 and day.month != 8:
            yield [day.replace(hour=h, minute=m) for h, m in ((9, 0), (12, 30), (16, 5))]


def test_rotation_over_a_simulated_year_keeps_12_daily_10_weekly_9_monthly(services, tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    (folder / "notes.txt").write_text("not a backup")
    (folder / "avenue-desk-backup-notes.zip").write_text("not ours either")
    every = []
    for day in _simulated_school_year(datetime(2026, 1, 1), 365):
        for stamp in day:
            (folder / backup_name(stamp)).write_bytes(b"")
            every.append(stamp)
        services.backup.prune(folder)
    kept = sorted(stamp_of(p.name) for p in folder.glob("avenue-desk-backup-2*.zip"))
    assert (folder / "notes.txt").exists() and (folder / "avenue-desk-backup-notes.zip").exists()
    assert len(kept) <= 31
    school_days = sorted({s.date() for s in every})
    last_of_day = {d: max(s for s in every if s.date() == d) for d in school_days}
    assert [last_of_day[d] for d in school_days[-12:]] == [s for s in kept
                                                           if s.date() in school_days[-12:]]
    weeks = {s.isocalendar()[:2] for s in kept}
    months = {(s.year, s.month) for s in kept}
    assert len(weeks) >= 10 and len(months) == 9
    assert min(kept) < datetime(2026, 5, 1)  # about nine months of history survive
    assert max(kept) == max(every)


def test_pruning_day_by_day_is_the_same_as_pruning_once():
    from avenue_desk.policy.backup_rotation import to_keep

    every, kept = [], set()
    for day in _simulated_school_year(datetime(2025, 9, 1), 400):
        every.extend(day)
        kept = to_keep(kept | set(day))
    assert kept == to_keep(every)


# --- where backups go ------------------------------------------------------------------------


def test_a_missing_backup_folder_gets_a_plain_message_not_a_crash(services, tmp_path, clock):
    stick = tmp_path / "USB STICK"
    stick.mkdir()
    assert services.backup.set_folder(stick) == stick
    assert services.backup.backup().path.parent == stick
    stick.rename(tmp_path / "unplugged")
    problem = services.backup.folder_problem()
    assert "cannot be found" in problem and "plug the stick in" in problem
    with pytest.raises(BackupFolderMissing) as missing:
        services.backup.backup()
    assert str(stick) in str(missing.value)
    assert "Your records are safe" in str(missing.value)
    with pytest.raises(BackupFolderMissing):
        services.backup.set_folder(tmp_path / "nowhere")
    assert services.backup.list_backups() == []
    assert services.backup.set_folder(None) == services.paths.backups_dir
    assert services.backup.backup().path.parent == services.paths.backups_dir


@sqlite_only(AUTOMATIC_ONLY_FOR_A_FILE)
def test_an_automatic_backup_to_a_missing_folder_says_the_same(services, tmp_path, clock):
    stick = tmp_path / "USB STICK"
    stick.mkdir()
    services.backup.set_folder(stick)
    stick.rename(tmp_path / "unplugged")
    services.incidents.create(incident_input())
    clock.advance(hours=1)
    with pytest.raises(BackupFolderMissing) as missing:
        services.backup.maybe_backup(changed=True)
    assert "Your records are safe" in str(missing.value)


def test_the_folder_is_in_the_settings_and_noted_beside_the_database(services, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    services.backup.set_folder(stick)
    assert services.settings.load().extra["backup_dir"] == str(stick.resolve())
    assert (services.paths.data_dir / "backup-folder.txt").read_text() == str(stick.resolve())


def test_backups_are_listed_newest_first_with_their_counts(services, tmp_path, clock):
    fill(services, tmp_path, incidents=2)
    services.backup.backup()
    clock.advance(days=1)
    services.incidents.create(incident_input())
    services.backup.backup()
    listed = services.backup.list_backups()
    assert [info.count("incidents") for info in listed] == [3, 2]
    assert listed[0].created_at == clock.now()
    assert listed[0].evidence_files == 1 and listed[0].size_bytes > 0
    assert services.backup.newest_good_backup().path == listed[0].path


def test_two_backups_in_the_same_second_do_not_overwrite_each_other(services):
    first = services.backup.backup()
    second = services.backup.backup()
    assert first.path != second.path and first.path.exists() and second.path.exists()


def test_a_cancelled_backup_leaves_nothing_behind(services, tmp_path):
    from avenue_desk.services.safety.archive import BackupCancelled

    fill(services, tmp_path, incidents=2)

    def cancel(done, total):
        if done == 1:
            raise BackupCancelled()

    with pytest.raises(BackupCancelled):
        services.backup.backup(progress=cancel)
    # At most the anchors file, where a run on a SQLite file noted the audit trail's head
    # as it first wrote.
    assert [p.name for p in services.paths.backups_dir.iterdir()
            if p.name != "audit-anchors.txt"] == []


def test_a_restore_asked_for_by_the_app_runs_once_the_database_is_closed(services, paths,
                                                                          tmp_path, clock):
    from avenue_desk.services.safety.restore import run_pending_restore

    fill(services, tmp_path, incidents=2)
    info = services.backup.backup()
    services.incidents.create(incident_input())
    services.backup.request_restore(info.path)
    assert services.backup.pending_restore() == info.path
    services.close()
    result = run_pending_restore(paths, clock)
    assert result.info.count("incidents") == 2
    assert run_pending_restore(paths, clock) is None  # done once, not at every start
    with open_services(paths, clock) as again:
        assert again.backup.live_counts()["incidents"] == 2


@sqlite_only("a data folder's restore swaps files by renames, journalled; a server's is one "
             "transaction, which a dead process leaves undone (test_server_backup.py)")
def test_a_restore_the_process_died_in_is_rolled_back(services, paths, tmp_path, clock):
    import json
    import os

    from avenue_desk.services.safety.restore import JOURNAL, recover_interrupted_restore

    fill(services, tmp_path, incidents=2)
    services.close()
    before = paths.database_file.read_bytes()
    # The state half-way through a restore: the old data moved aside, the new not yet in.
    staging, replaced = paths.data_dir / ".restore-x", paths.data_dir / "replaced-x"
    staging.mkdir()
    replaced.mkdir()
    os.replace(paths.database_file, replaced / paths.database_file.name)
    os.replace(paths.evidence_dir, replaced / "evidence")
    (paths.data_dir / JOURNAL).write_text(json.dumps({"staging": staging.name,
                                                      "replaced": replaced.name}))
    with open_services(paths, clock) as again:  # opening puts it right first
        assert again.backup.live_counts()["incidents"] == 2
        assert again.health.check().ok
    assert paths.database_file.read_bytes()[:100] == before[:100]
    assert not replaced.exists() and not (paths.data_dir / JOURNAL).exists()
    assert recover_interrupted_restore(paths) is False
    assert not staging.exists()
