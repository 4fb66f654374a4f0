"""Killing the app (SIGKILL) again and again during saves, imports, evidence and backups
loses nothing it had acknowledged, and leaves the database and evidence passing every check.

The worker (tests/helpers/crash_worker.py) prints a line for each committed record; the
test kills it at a random moment, 15 times over, then opens the data folder as the app would
and checks every acknowledged record. A fixed seed keeps the moments repeatable enough to
debug. Each run is a process forked from a worker server that has already imported
everything, so the 15 runs do not wait for 15 interpreters to start.
"""

from __future__ import annotations

import os
import random
import signal
import sys
import tempfile
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from avenue_desk.app import open_records
from avenue_desk.paths import AppPaths
from avenue_desk.policy.backup_rotation import stamp_of
from avenue_desk.services.safety import leftovers as leftovers_module
from avenue_desk.services.safety.archive import read_backup_info
from avenue_desk.store.models import Action, Incident
from tests.helpers.accounts import open_signed_in as open_services
from tests.helpers.keys import open_the_key
from tests.helpers.worker_server import READY_WITHIN_S, WorkerServer, alive

KILLS = 15

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]




def run_and_kill(workers: WorkerServer, data_dir: Path, run: int, delay: float,
                 logs: Path) -> list[str]:
    """Starts a worker, kills it ``delay`` seconds after it is ready; its complete lines."""
    out_file, err_file = logs / f"run-{run}.out", logs / f"run-{run}.err"
    pid = workers.start(data_dir, run, out_file, err_file)
    try:
        deadline = time.monotonic() + READY_WITHIN_S
        while not (out_file.exists() and out_file.read_text().startswith("ready\n")):
            assert alive(pid), err_file.read_text()
            assert time.monotonic() < deadline, "the worker never became ready"
            time.sleep(0.02)
        time.sleep(delay)
        assert alive(pid), err_file.read_text()  # still working: no error
    finally:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)
    assert workers.ended() == -signal.SIGKILL
    assert "Traceback" not in err_file.read_text(), err_file.read_text()
    text = out_file.read_text()
    complete = text[: text.rfind("\n") + 1]  # a line cut off by the kill is not acknowledged
    return complete.splitlines()[1:]


def leftovers(data_dir: Path, temp: Path) -> list[Path]:
    """What killed work leaves: database snapshots in the temp folder, half-written files
    in the data and backup folders, a restore's staging copy."""
    return sorted([*temp.glob("avenue-desk-backup-*"), *temp.glob("avenue-desk-verify-*"),
                   *data_dir.glob(".*.part"), *(data_dir / "backups").glob(".*.part"),
                   *data_dir.glob(".restore-*")])


def test_killing_the_app_again_and_again_loses_nothing_acknowledged(tmp_path, monkeypatch):
    rng = random.Random(20261121)
    data_dir = tmp_path / "Avenue Desk"
    logs, temp = tmp_path / "logs", tmp_path / "temp"
    logs.mkdir()
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    lines = []
    workers = WorkerServer(["tests.helpers.crash_worker", "--serve"], logs, temp)
    try:
        for run in range(KILLS):
            lines += run_and_kill(workers, data_dir, run, rng.uniform(0.05, 0.5), logs)
            # Checked after every kill, before the next run's rotation could tidy it away: a
            # backup cut short is never left looking like a backup.
            for backup in (data_dir / "backups").glob("*.zip"):
                assert read_backup_info(backup) is not None, f"{backup.name} after run {run}"
    finally:
        workers.close()
    acknowledged = {kind: [line.split()[1:] for line in lines if line[0] == kind]
                    for kind in "IAECB"}
    assert acknowledged["I"], "the worker never saved anything before being killed"
    left = leftovers(data_dir, temp)
    # The next start comes later than the kill: a temporary folder the last worker made a
    # moment before it was killed, before its lock was written, is left alone for a grace
    # period in case its maker is still starting (safety/leftovers.py), so it is aged past it.
    past_grace = time.time() - leftovers_module._UNLOCKED_GRACE_S - 1
    for folder in temp.glob("avenue-desk-*"):
        os.utime(folder, (past_grace, past_grace))
    open_the_key(data_dir)  # an encrypted school's, as signing in at the next start does
    open_records(AppPaths(data_dir)).close()  # the next start clears them
    assert leftovers(data_dir, temp) == []

    with open_services(AppPaths(data_dir)) as services:
        with services.db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        for incident_id, tag in acknowledged["I"]:
            record = services.incidents.get(int(incident_id))
            assert (record.summary, record.excerpt) == (f"Crash test {tag}", f"Excerpt {tag}")
        with services.db.read() as session:
            actions = dict(session.execute(select(Action.id, Action.incident_id)).all())
            for action_id, incident_id in acknowledged["A"]:
                assert actions[int(action_id)] == int(incident_id)
            for tag, rows in acknowledged["C"]:
                imported = session.scalar(select(func.count(Incident.id)).where(
                    Incident.summary.like(f"Imported {tag} %")))
                assert imported == int(rows)
        for evidence_id, digest in acknowledged["E"]:
            assert services.evidence.get(int(evidence_id)).sha256 == digest
            assert services.evidence.verify(int(evidence_id)).ok
        report = services.health.check()
        assert report.ok, report.lines
        for backup in services.paths.backups_dir.glob("*.zip"):
            assert services.backup.verify(backup).ok, backup
        if acknowledged["B"]:
            # The newest acknowledged backup is there, or a newer one (finished, then
            # killed before it could be acknowledged) took its place in the day's rotation,
            # which keeps the newest backup of each day; every one left verifies (above).
            newest = acknowledged["B"][-1][0]
            names = [b.name for b in services.paths.backups_dir.glob("*.zip")]
            assert newest in names or max(map(stamp_of, names)) > stamp_of(newest), (
                newest, names)
    print(f"{len(lines)} acknowledged lines: "
          + ", ".join(f"{kind} {len(items)}" for kind, items in acknowledged.items())
          + f"; {len(left)} leftover(s) of the kills, none after the next start")
