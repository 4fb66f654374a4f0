"""One of two PCs working on the same incidents at once, for the no-lost-update test: a
process of its own, signed in as the test Headteacher, that waits for the word and then
runs COUNT mixed operations — edits of the details (read, a moment's typing, save against
the version read), steps, evidence added, small imports — on the incidents given.

    python -m tests.helpers.mixed_office DATA_DIR DATABASE_URL|- GO_FILE SEED COUNT IDS...

Prints ``ready`` once its records are open, then one line per thing to check, and ``done``:

- ``S incident base new token``: a save of the details made against version ``base``,
  which became ``new`` (the summary written was ``token``);
- ``K``: a save refused as changed elsewhere (a conflict, reported to the person);
- ``P incident action_id step`` / ``R``: a step recorded / refused by the policy;
- ``E evidence_id sha256``, ``C rows``: evidence added, an import made;
- ``X type: message``: anything else — a raw error, which the test treats as a failure;
- ``V checked ok``: every evidence file of the incidents verified at the end.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from tests.helpers.cli import CLOCK
from tests.helpers.second_pc import records_of, say_ready_and_wait
from tests.helpers.second_pc import start as start_pc

STEPS = ("informal_discussion", "close", "reopen", "report_to_site")


def start(paths, go_file: Path, seed: int, count: int, ids) -> subprocess.Popen:
    return start_pc("tests.helpers.mixed_office", paths, go_file, seed, count, *ids)


def lines_of(process) -> list[str]:
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0 and out.rstrip().endswith("done"), (process.returncode,
                                                                        err[-3000:])
    return out.splitlines()


def main(data_dir, database_url, go_file, seed, count, *ids) -> None:
    from avenue_desk.services.core.clock import FixedClock
    from avenue_desk.services.core.errors import StepNotAllowed
    from avenue_desk.services.core.versions import ChangedElsewhere
    from avenue_desk.services.incidents.records import ActionInput
    from tests.helpers.accounts import open_signed_in
    from tests.helpers.crash_worker import write_import
    from tests.helpers.images import write_png
    from tests.helpers.records import input_of

    rng = random.Random(int(seed))
    incidents = [int(i) for i in ids]
    scratch = Path(data_dir).parent / f"office-{seed}"
    scratch.mkdir(exist_ok=True)
    clock = FixedClock(CLOCK)
    say = lambda text: print(text, flush=True)  # noqa: E731 - one line each
    with open_signed_in(records_of(data_dir, database_url),
                        clock) as services:
        say_ready_and_wait(go_file)
        for n in range(int(count)):
            incident_id = rng.choice(incidents)
            roll = rng.random()
            try:
                if roll < 0.6:
                    record = services.incidents.current(incident_id)
                    time.sleep(rng.random() * 0.004)  # typing, while the other PC works
                    token = f"{seed}-{n}"
                    saved = services.incidents.update(
                        incident_id, replace(input_of(record), summary=token),
                        record.row_version)
                    say(f"S {incident_id} {record.row_version} {saved.row_version} {token}")
                elif roll < 0.8:
                    key = rng.choice(STEPS)
                    action = services.escalation.record(incident_id, ActionInput(
                        key, clock.today(), taken_by="Mrs Shah", outcome=f"{seed}-{n}"))
                    say(f"P {incident_id} {action.id} {key}")
                elif roll < 0.95:
                    picture = write_png(scratch / f"shot-{n}.png", width=2 + n % 97, height=2)
                    with open(picture, "ab") as handle:
                        handle.write(f"{seed}-{n}".encode())
                    record = services.evidence.add(incident_id, picture)
                    say(f"E {record.id} {record.sha256}")
                else:
                    result = services.transfer.import_incidents(
                        write_import(scratch / f"import-{n}.csv", f"{seed}-{n}"))
                    say(f"C {result.created}")
            except ChangedElsewhere:
                say("K")
            except StepNotAllowed:
                say("R")
            except Exception as error:  # noqa: BLE001 - counted: a raw error is a failure
                say(f"X {type(error).__name__}: {str(error)[:300]}")
        checked = ok = 0
        for incident_id in incidents:
            for evidence in services.incidents.current(incident_id).evidence:
                checked += 1
                ok += services.evidence.verify(evidence.id).ok
        say(f"V {checked} {ok}")
    say("done")


if __name__ == "__main__":
    main(*sys.argv[1:])
