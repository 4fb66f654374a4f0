"""A worker as a server, for the tests that kill work with SIGKILL: the server imports
everything once, then each run is a process forked from it (started in milliseconds, so a
kill lands where the test means it to), killed like any other. One line in per run (its
fields, tab-separated), "started PID" and "ended STATUS" back.

Used by test_crash_safety (``crash_worker --serve``) and test_encrypt_conversion_kills
(``encrypt_worker``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READY_WITHIN_S = 120  # a bound for a very busy machine, not a timing assertion


class WorkerServer:
    def __init__(self, argv: list[str], logs: Path, temp: Path):
        self.errors = logs / "server.err"
        with open(self.errors, "w") as err:  # TMPDIR: where a killed backup's snapshot stays
            self.server = subprocess.Popen(
                [sys.executable, "-m", *argv],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, text=True, cwd=ROOT,
                env=dict(os.environ, TMPDIR=str(temp)))
        assert self.answer() == "loaded"

    def answer(self) -> str:
        line = self.server.stdout.readline()
        assert line, f"the worker server stopped: {self.errors.read_text()}"
        return line.rstrip("\n")

    def start(self, *fields) -> int:
        """One run, given its fields; its process id."""
        self.server.stdin.write("\t".join(map(str, fields)) + "\n")
        self.server.stdin.flush()
        started, pid = self.answer().split()
        assert started == "started"
        return int(pid)

    def ended(self) -> int:
        ended, status = self.answer().split()
        assert ended == "ended"
        return int(status)

    def close(self) -> None:
        self.server.stdin.close()
        try:
            self.server.wait(timeout=READY_WITHIN_S)
        finally:
            if self.server.poll() is None:
                self.server.kill()
                self.server.wait()
            self.server.stdout.close()


def alive(pid: int) -> bool:
    """The server reaps a worker the moment it ends, so an ended one is gone at once."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
