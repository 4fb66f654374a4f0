"""Another computer on the same records: a second process that opens the data folder through
the services, signed in as the test Headteacher, makes one change and ends.

    python -m tests.helpers.other_computer DATA_DIR follow-up INCIDENT_ID YYYY-MM-DD
    python -m tests.helpers.other_computer DATA_DIR summary INCIDENT_ID TEXT

``follow-up`` records an informal discussion with a follow-up due on the date (as
``records.follow_up`` does); ``summary`` changes the incident's summary. ``run`` starts it
from a test and waits for it; it prints ``done`` once the change is committed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

from tests.helpers.cli import CLOCK

ROOT = Path(__file__).resolve().parents[2]


def run(data_dir: Path, *change: str) -> None:
    """Runs the other computer's change to its end; fails the test with its output if it
    did not say ``done``."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("QT_QPA_PLATFORM", None)  # it draws nothing
    ended = subprocess.run(
        [sys.executable, "-m", "tests.helpers.other_computer", str(data_dir), *change],
        capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=env, timeout=120,
        check=False, stdin=subprocess.DEVNULL)
    assert ended.stdout.strip() == "done", (ended.returncode, ended.stdout, ended.stderr)


def main(data_dir: str, what: str, incident_id: str, value: str) -> None:
    from avenue_desk.paths import AppPaths
    from avenue_desk.services.core.clock import FixedClock
    from tests.helpers.accounts import open_signed_in
    from tests.helpers.keys import open_the_key
    from tests.helpers.records import follow_up, input_of

    open_the_key(data_dir)  # a program of its own: it signs in to open the records' key
    with open_signed_in(AppPaths(Path(data_dir)), FixedClock(CLOCK)) as services:
        number = int(incident_id)
        if what == "follow-up":
            follow_up(services, number, date.fromisoformat(value))
        elif what == "summary":
            data = input_of(services.incidents.get(number))
            services.incidents.update(number, replace(data, summary=value))
        else:
            raise SystemExit(f"unknown change: {what}")
    print("done", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
