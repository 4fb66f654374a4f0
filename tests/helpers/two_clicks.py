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
from pathlib import Path

from tests.helpers.cli import CLOCK
from tests.helpers.second_pc import records_of, say_ready_and_wait
from tests.helpers.second_pc import start as start_pc


def start(paths, go_file: Path, incident_id: int, step: str) -> subprocess.Popen:
    return start_pc("tests.helpers.two_clicks", paths, go_file, incident_id, step)


def outcome(process: subprocess.Popen) -> str:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, (process.returncode, err)
    return out.strip()


def main(data_dir: str, database_url: str, go_file: str, incident_id: str, step: str) -> None:
    from avenue_desk.services.core.clock import FixedClock
    from avenue_desk.services.core.errors import StepNotAllowed
    from avenue_desk.services.incidents.records import ActionInput
    from tests.helpers.accounts import open_signed_in

    paths = records_of(data_dir, database_url)
    clock = FixedClock(CLOCK)
    with open_signed_in(paths, clock) as services:
        say_ready_and_wait(go_file)
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
