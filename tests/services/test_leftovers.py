"""What killed backups and restores leave behind is gone after the next start, and a
restore that completed always has its audit row (issue 16, part 6).

The kills are real: a child process runs the app's own backup or restore and is sent
SIGKILL at a chosen moment (from its progress report, or right after the database is
renamed into place). "The next start" is ``app.open_records``, what the window runs as it
opens the records with the data folder's lock held.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from avenue_desk.app import open_records
from avenue_desk.services.core.audit import AuditQuery
from avenue_desk.services.core.errors import NotFound, ValidationError
from avenue_desk.services.safety.restore import restore_backup
from tests.helpers.accounts import HEAD_PASSWORD, open_signed_in
from tests.helpers.postgres import sqlite_only
from tests.helpers.records import incident

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

ROOT = Path(__file__).resolve().parents[2]
WAIT_S = 120  # a bound for a busy machine, not a timing assertion

# The app's backup, stopped once the database is in the zip: its snapshot (in the temp
# folder) and its half-written file (in the backup folder) are both there then. "kill" ends
# it there with SIGKILL; "hold" waits for a line on stdin, then finishes.
BACKUP = """
import os, signal, sys
from datetime import datetime
from pathlib import Path
from avenue_desk.services.safety.archive import write_backup
from tests.helpers.keys import open_the_key

data, target, how = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
open_the_key(data)

def progress(done, total):
    if done == 1:
        print("copied", flush=True)
        if how == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        sys.stdin.readline()

write_backup(data / "avenue-desk.sqlite3", data / "evidence", target, datetime(2026, 11, 21),
             progress)
print("done", flush=True)
"""

# The app's restore, killed while it checks the backup ("checking"), or the moment the
# restored database has been renamed into place, before anything after it ("swapped").
RESTORE = """
import os, signal, sys
from pathlib import Path
import avenue_desk.services.core.swap_journal as journal
from avenue_desk.paths import AppPaths
from avenue_desk.services.safety.restore import restore_backup
from tests.helpers.keys import open_the_key

data, source, when, url = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
open_the_key(data, url)

def die(*args):
    os.kill(os.getpid(), signal.SIGKILL)

if when == "swapped":
    journal.fsync_folder = die  # swap_in's first call after the rename that completes it
restore_backup(AppPaths(data, url or None), source, progress=die if when == "checking" else None,
               requested_by="head", origin="cli")
"""


@pytest.fixture
def temp(tmp_path, monkeypatch) -> Path:
    """This test's own system temp folder (and its child processes'): nobody else's
    temporary files are looked at."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("TMPDIR", str(folder))
    return folder


_CHILDREN: list[subprocess.Popen] = []


@pytest.fixture(autouse=True)
def children_ended():
    """A child a failed test left running is ended and its pipes closed here: left to the
    garbage collector, they were reported as unclosed files in whatever test came next."""
    yield
    while _CHILDREN:
        process = _CHILDREN.pop()
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=WAIT_S)


def child(script: str, *args) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", script, *map(str, args)], cwd=ROOT,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    _CHILDREN.append(process)
    return process


def _url(paths) -> str:
    """The records' URL for a child's AppPaths ("" for the data folder's SQLite file)."""
    return paths.database_url_override or ""


def killed(process: subprocess.Popen) -> None:
    _out, err = process.communicate(timeout=WAIT_S)
    assert process.returncode == -9, err


@sqlite_only("the backup of a SQLite file, killed, leaves its snapshot of the file in the temp "
             "folder; a server's backup reads its tables in one transaction, copying none")
def test_a_killed_backups_snapshot_and_half_file_go_at_the_next_start(services, temp):
    incident(services)
    paths = services.paths
    target = paths.backups_dir / "avenue-desk-backup-20261121-093000.zip"
    killed(child(BACKUP, paths.data_dir, target, "kill"))
    (snapshot,) = temp.glob("avenue-desk-backup-*")
    assert (snapshot / "avenue-desk.sqlite3").stat().st_size > 0  # the records, in full
    (part,) = paths.backups_dir.glob(".*.part")
    assert not target.exists()

    # Another backup is running as the app starts: its files are in use and stay.
    running = child(BACKUP, paths.data_dir, paths.backups_dir / "running.zip", "hold")
    assert running.stdout.readline() == "copied\n"
    (its_snapshot,) = set(temp.glob("avenue-desk-backup-*")) - {snapshot}
    (its_part,) = set(paths.backups_dir.glob(".*.part")) - {part}

    services.close()
    open_records(paths).close()  # the next start
    assert not snapshot.exists() and not part.exists()
    assert its_snapshot.exists() and its_part.exists()
    out, err = running.communicate("\n", timeout=WAIT_S)
    assert running.returncode == 0 and out == "done\n", err
    assert list(temp.iterdir()) == [] and list(paths.backups_dir.glob("*.part")) == []
    assert (paths.backups_dir / "running.zip").exists()


def test_a_restore_killed_while_checking_leaves_nothing_after_the_next_start(services,
                                                                            tmp_path, temp):
    made = incident(services)
    backup = services.backup.backup(tmp_path / "backup.zip")
    paths = services.paths
    services.close()
    killed(child(RESTORE, paths.data_dir, backup.path, "checking", _url(paths)))
    # Its copy of the backup, cut short: staged in the data folder for a SQLite file,
    # unpacked in the temp folder for a server.
    assert [*paths.data_dir.glob(".restore-*"), *temp.glob("avenue-desk-verify-*")]
    with open_records(paths) as again:  # the next start
        again.accounts.authenticate("head", HEAD_PASSWORD)
        assert again.incidents.get(made.id).summary == made.summary  # nothing replaced
        assert again.audit.page(AuditQuery(action="restore")) == []
    assert list(paths.data_dir.glob(".restore-*")) == []
    assert list(paths.data_dir.glob("replaced-*")) == []
    assert list(temp.iterdir()) == []


@sqlite_only("killed as the restored SQLite file is renamed into place; a server's restore "
             "is one transaction, with its audit row in it (test_server_backup.py)")
def test_a_restore_killed_as_it_completes_has_its_audit_row(services, tmp_path, temp):
    backup = services.backup.backup(tmp_path / "backup.zip")
    later = incident(services)  # made after the backup: the restore takes it away
    paths = services.paths
    services.close()
    killed(child(RESTORE, paths.data_dir, backup.path, "swapped", _url(paths)))
    assert (paths.data_dir / "restore-in-progress.json").exists()  # the journal, not done
    with open_records(paths) as again:  # the next start
        again.accounts.authenticate("head", HEAD_PASSWORD)
        (row,) = again.audit.page(AuditQuery(action="restore"))
        assert row.summary.startswith("Backup backup.zip (made ") and row.username == "head"
        assert row.summary.endswith("restored, asked for by head")
        assert row.origin.startswith("cli on ")
        assert again.audit.verify() == []
        with pytest.raises(NotFound):
            again.incidents.get(later.id)
    assert not (paths.data_dir / "restore-in-progress.json").exists()
    assert list(paths.data_dir.glob(".restore-*")) == []
    (replaced,) = paths.data_dir.glob("replaced-*")  # what it replaced, kept
    assert (replaced / "avenue-desk.sqlite3").is_file()


@sqlite_only("a data folder's restore keeps the records it replaced in replaced-…; a "
             "server's keeps nothing aside")
def test_replaced_records_are_kept_for_the_set_time_then_removed_and_audited(
        services, clock, tmp_path):
    paths = services.paths
    backup = services.backup.backup(tmp_path / "backup.zip")
    services.close()
    restore_backup(paths, backup.path, clock)
    (replaced,) = paths.data_dir.glob("replaced-*")
    again = open_signed_in(paths, clock)
    try:
        (kept,) = again.backup.kept_from_restores()
        assert kept.path == replaced and kept.made.date() == clock.today()
        assert (kept.removed_on - kept.made.date()).days == 30
        clock.advance(days=29)
        assert again.backup.clear_leftovers().replaced == [] and replaced.exists()
        again.settings.set_from_text("replaced_keep_days", "10")
        (kept,) = again.backup.kept_from_restores()
        assert (kept.removed_on - kept.made.date()).days == 10
        cleared = again.backup.clear_leftovers()
        assert cleared.replaced == [kept] and not replaced.exists()
        (row,) = again.audit.page(AuditQuery(action="replaced_removed"))
        assert row.summary == (f"Records replaced by a restore on {kept.made:%d/%m/%Y %H:%M} "
                               f"removed after 10 days ({replaced.name})")
        assert again.backup.kept_from_restores() == []
    finally:
        again.close()


def test_the_number_of_days_is_checked(services):
    for refused in ("0", "3651"):
        with pytest.raises(ValidationError, match="Keep replaced records 1 to 3650 days"):
            services.settings.set_from_text("replaced_keep_days", refused)
    assert services.backup.keep_replaced_days() == 30
