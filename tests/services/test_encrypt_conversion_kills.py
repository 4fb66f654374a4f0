"""Killing the conversion to encrypted records (SIGKILL) at any moment never loses the school:
the next start finds either the plain school as it was, or the encrypted one complete.

A plain demo school of 5,000 incidents is made once; each run converts a fresh copy of it in
a process forked from a worker server that has already imported everything
(tests/helpers/encrypt_worker.py). One run goes to the end, and its length sets the range of
the 30 random delays after which the others are killed; a few more kill themselves at the
moments a random delay would seldom hit: before each rename of the journalled swap, and just
before the plain files set aside are deleted. After each kill the folder is opened as the
app opens it (a swap cut short put right, leftovers cleared, the key unwrapped with the
Headteacher's password when the records are encrypted) and checked whole. A fixed seed keeps
the moments repeatable enough to debug.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from contextlib import closing
from pathlib import Path

import pytest

from avenue_desk.app import open_records
from avenue_desk.demo.accounts import make_demo
from avenue_desk.paths import AppPaths
from avenue_desk.services.accounts.passwords import normalise_recovery_code
from avenue_desk.services.container import open_services
from avenue_desk.services.core import records_key
from avenue_desk.services.core.data_key import KeyFile
from avenue_desk.services.core.files import sha256_file
from avenue_desk.services.core.sealed_files import is_sealed, sealed_sha256
from avenue_desk.services.core.swap_journal import JOURNAL, recover_interrupted_restore
from avenue_desk.services.safety import leftovers as leftovers_module
from avenue_desk.store import keyring
from tests.helpers.accounts import HEAD_PASSWORD, cheap_hashing
from tests.helpers.worker_server import READY_WITHIN_S, WorkerServer, alive

INCIDENTS = 5000
KILLS = 30
# The swap's renames for a folder with evidence: the records, their -wal and -shm and the
# evidence moved aside; the sealed evidence, the key file and the records moved in.
SWAP_RENAMES = 7
TABLES = ("incidents", "people", "actions", "evidence", "incident_people", "settings")
ENDS_WITHIN_S = 300

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]




def lines_of(path: Path) -> list[str]:
    text = path.read_text() if path.exists() else ""
    return text[: text.rfind("\n") + 1].splitlines()  # a line cut off by the kill: not said


def run(workers: WorkerServer, data_dir: Path, logs: Path, name: str, delay: float | None = None,
        die_at: str = "") -> tuple[int, list[str], float]:
    """One conversion: killed ``delay`` seconds after it is ready, or left to end (or to kill
    itself at ``die_at``). Its exit status, its lines, and how long it ran after ready."""
    out, err = logs / f"{name}.out", logs / f"{name}.err"
    pid = workers.start(data_dir, out, err, die_at)
    try:
        deadline = time.monotonic() + READY_WITHIN_S
        while "ready" not in lines_of(out):
            assert alive(pid), err.read_text()
            assert time.monotonic() < deadline, "the worker never became ready"
            time.sleep(0.005)
        began = time.monotonic()
        if delay is not None:
            time.sleep(delay)
        else:
            deadline = began + ENDS_WITHIN_S
            while alive(pid) and time.monotonic() < deadline:
                time.sleep(0.01)
        ran = time.monotonic() - began
    finally:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)
    status = workers.ended()
    assert status in (0, -signal.SIGKILL), err.read_text()
    assert "Traceback" not in err.read_text(), err.read_text()
    return status, lines_of(out), ran


def snapshot(paths: AppPaths) -> tuple[dict[str, list[tuple]], dict[str, str]]:
    """The rows that must come through, and each evidence file's recorded fingerprint."""
    with closing(keyring.connect(paths.database_file)) as connection:
        tables = {table: connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
                  for table in TABLES}
        recorded = dict(connection.execute("SELECT stored_name, sha256 FROM evidence"))
    return tables, recorded


def next_start(paths: AppPaths, temp: Path) -> str:
    """The folder opened as the app opens it; "plain" or "encrypted", as it was found."""
    keyring.forget()
    recover_interrupted_restore(paths)  # the app's first step (open_records), before the key
    encrypted = records_key.is_encrypted(paths)
    if encrypted:
        records_key.unlock_with_password(paths, "head", HEAD_PASSWORD)
    # A temporary folder the killed worker made a moment before, its lock not yet written,
    # is left alone for a grace period (safety/leftovers.py): the next start comes later.
    past_grace = time.time() - leftovers_module._UNLOCKED_GRACE_S - 1
    for folder in temp.glob("avenue-desk-*"):
        os.utime(folder, (past_grace, past_grace))
    open_records(paths).close()
    return "encrypted" if encrypted else "plain"


def check_whole(paths: AppPaths, state: str, expected, recorded: dict[str, str],
                temp: Path) -> None:
    """Every record and evidence file as it was: plain, or encrypted and complete, with
    nothing left over (no staging folder, no plain copy beside encrypted records)."""
    leftovers = [p.name for p in paths.data_dir.iterdir()
                 if p.name.startswith((".restore-", "replaced-")) or p.name == JOURNAL]
    assert leftovers == [], leftovers
    assert not list(temp.glob("avenue-desk-*")), "a killed backup's copy was not cleared"
    with closing(keyring.connect(paths.database_file)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        for table, rows in expected.items():
            assert connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall() == rows, \
                table
        converted = connection.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'records_encrypted'").fetchone()[0]
    head = paths.database_file.read_bytes()[:16]
    if state == "plain":
        assert head == keyring.PLAIN_HEADER and converted == 0
        for stored, digest in recorded.items():
            assert sha256_file(paths.evidence_dir / stored) == digest, stored
        return
    assert head != keyring.PLAIN_HEADER and converted == 1
    key = records_key.data_key(paths)
    for stored, digest in recorded.items():
        assert sealed_sha256(key, paths.evidence_dir / stored) == digest, stored
    keys = KeyFile.load(records_key.key_file(paths))
    assert len(keys.entries) == 5  # the Headteacher, the three others, the recovery code
    for path in paths.data_dir.rglob("*"):
        if path.is_file() and paths.backups_dir not in path.parents:
            assert not path.read_bytes().startswith(keyring.PLAIN_HEADER), path
            if paths.evidence_dir in path.parents:
                assert is_sealed(path), path


@pytest.fixture(scope="module")
def big_demo(tmp_path_factory) -> Path:
    """The plain 5,000-incident demo school, made once and copied for every run."""
    folder = tmp_path_factory.mktemp("demo") / "Avenue Desk"
    with open_services(AppPaths(folder), origin="test", hashing=cheap_hashing(),
                       encrypt_new=False) as services:
        make_demo(services, HEAD_PASSWORD, incidents=INCIDENTS)
    return folder


def test_killing_the_conversion_anywhere_leaves_the_plain_school_or_the_encrypted_one(
        big_demo, tmp_path, monkeypatch):
    started = time.monotonic()
    rng = random.Random(20261207)
    logs, temp = tmp_path / "logs", tmp_path / "temp"
    logs.mkdir()
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    expected, recorded = snapshot(AppPaths(big_demo))
    assert len(expected["incidents"]) == INCIDENTS and recorded
    outcomes, interrupted = Counter(), Counter()
    workers = WorkerServer(["tests.helpers.encrypt_worker"], logs, temp)
    try:
        def one(name: str, delay: float | None = None,
                die_at: str = "") -> tuple[str, int, float]:
            paths = AppPaths(tmp_path / name / "Avenue Desk")
            shutil.copytree(big_demo, paths.data_dir)
            status, lines, ran = run(workers, paths.data_dir, logs, name, delay, die_at)
            steps = [line.removeprefix("step ") for line in lines if line.startswith("step ")]
            finished = any(line.startswith("done ") for line in lines)
            state = next_start(paths, temp)
            check_whole(paths, state, expected, recorded, temp)
            if finished:  # what it printed opens the records: the code, each password
                assert state == "encrypted"
                said = dict(line.split(" ", 1) for line in lines if " " in line)
                keyring.forget()
                records_key.unlock_with_recovery_code(paths, normalise_recovery_code(
                    said["done"]))
                for line in lines:
                    if line.startswith("temporary "):
                        _word, username, password = line.split(" ")
                        keyring.forget()
                        records_key.unlock_with_password(paths, username, password)
            where = "finished" if status == 0 else (steps[-1] if steps else "before any step")
            outcomes[state] += 1
            interrupted[f"{state} after: {where}"] += 1
            keyring.forget()
            shutil.rmtree(paths.data_dir.parent)
            return state, status, ran

        state, _status, whole = one("whole")  # not killed: how long a conversion takes here
        assert state == "encrypted"
        for n in range(1, SWAP_RENAMES + 1):
            state, status, _ran = one(f"rename-{n}", die_at=f"rename:{n}")
            assert status == -signal.SIGKILL, f"the swap no longer makes {SWAP_RENAMES} renames"
            assert state == "plain"  # the records move in last: until then, rolled back
        state, status, _ran = one("aside", die_at="aside")
        assert (state, status) == ("encrypted", -signal.SIGKILL)
        for kill in range(KILLS):
            one(f"kill-{kill}", delay=rng.uniform(0, whole * 1.05))
    finally:
        workers.close()
    assert outcomes["plain"] and outcomes["encrypted"], outcomes
    print(f"\nconversion of {INCIDENTS:,} incidents: {whole:.2f} s; {KILLS} random kills and "
          f"{SWAP_RENAMES + 1} at the swap's moments; next start found: {dict(outcomes)}; "
          f"whole test {time.monotonic() - started:.0f} s")
    for where, count in sorted(interrupted.items()):
        print(f"  {count:2d}  {where}")
