"""Two PCs pressing the same button at the same moment: a process of its own that opens the
records signed in as the test Headteacher, waits for the word, then records one step.

    python -m tests.helpers.two_clicks DATA_DIR DATABASE_URL|- GO_FILE INCIDENT_ID STEP

Prints ``ready`` once its records are open, then one line: ``recorded``, ``refused <the
message>`` (the policy's refusal, as the window shows it), or ``error <type>: <message>``
(anything else, which a test treats as a failure).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers.cli import CLOCK

ROOT = Path(__file__).resolve().parents[2]


def start(paths, go_file: Path, incident_id: int, step: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("QT_QPA_PLATFORM", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.two_clicks", str(paths.data_dir),
         paths.database_url_override or "-", str(go_file), str(incident_id), step],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
        encoding="utf-8", cwd=ROOT, env=env)
    first = process.stdout.readline().strip()
    assert first == "ready", (first, process.stderr.read() if first == "" else "")
    return process


def outcome(process: subprocess.Popen) -> str:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, (process.returncode, err)
    return out.strip()


def main(data_dir: str, database_url: str, go_file: str, incident_id: str, step: str) -> None:
    from avenue_desk.paths import AppPaths
    from avenue_desk.services.core.clock import FixedClock
    from avenue_desk.services.core.errors import StepNotAllowed
    from avenue_desk.services.incidents.records import ActionInput
    from tests.helpers.accounts import open_signed_in

    paths = AppPaths(Path(data_dir), None if database_url == "-" else database_url)
    clock = FixedClock(CLOCK)
    with open_signed_in(paths, clock) as services:
        print("ready", flush=True)
        deadline = time.monotonic() + 60
        while not Path(go_file).exists() and time.monotonic() < deadline:
            time.sleep(0.001)
        try:
            services.escalation.record(int(incident_id), ActionInput(
                step, clock.today(), taken_by="Mrs Shah", outcome=f"By {os.getpid()}"))
            said = "recorded"
        except StepNotAllowed as refused:
            said = f"refused {refused}"
        except Exception as error:  # noqa: BLE001 - shown to the test, as a PC would see it
            said = f"error {type(error).__name__}: {error}"
    print(said, flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
