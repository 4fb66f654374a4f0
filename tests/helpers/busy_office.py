"""Two PCs logging incidents at the same moment: processes of their own that open the same
records (a data folder, or a database on the server) signed in as the test Headteacher, wait
for the word, then each create incidents as fast as they can.

    python -m tests.helpers.busy_office DATA_DIR DATABASE_URL|- GO_FILE COUNT

Each prints ``ready`` once its records are open, starts when GO_FILE appears, and ends by
printing one line ``created N failed M`` and then the first failure, if any, as it was
raised. ``start`` and ``outcome`` run them from a test.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.helpers.cli import CLOCK
from tests.helpers.second_pc import records_of, say_ready_and_wait
from tests.helpers.second_pc import start as start_pc


def start(paths, go_file: Path, count: int) -> subprocess.Popen:
    """One PC, started and waited for until its records are open."""
    return start_pc("tests.helpers.busy_office", paths, go_file, count)


def outcome(process: subprocess.Popen) -> tuple[int, int, str]:
    """(created, failed, the first failure) once the PC has finished."""
    out, err = process.communicate(timeout=300)
    # Anything else (a traceback on closing, say) is the failure to show, not to unpack.
    assert out.startswith("created ") and process.returncode == 0, (process.returncode, err)
    created, failed = out.split("\n", 1)[0].removeprefix("created ").split(" failed ")
    return int(created), int(failed), out.split("\n", 1)[1].strip() + err


def main(data_dir: str, database_url: str, go_file: str, count: str) -> None:
    from avenue_desk.services.core.clock import FixedClock
    from tests.helpers.accounts import open_signed_in
    from tests.helpers.records import incident_input

    paths = records_of(data_dir, database_url)
    created, failures = 0, []
    with open_signed_in(paths, FixedClock(CLOCK)) as services:
        say_ready_and_wait(go_file)
        for number in range(int(count)):
            try:
                services.incidents.create(
                    incident_input(summary=f"Logged {number} by {os.getpid()}"))
                created += 1
            except Exception as error:  # noqa: BLE001 - counted and shown, as a PC would see it
                failures.append(f"{type(error).__name__}: {error}")
    print(f"created {created} failed {len(failures)}", flush=True)
    if failures:
        print(failures[0], flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
