"""A stand-in for the app, for test_crash_safety: it saves incidents and actions, adds
evidence, imports CSV files and makes backups, in a stream, until it is killed.

Each line on stdout acknowledges something whose transaction has returned (committed):

    I <incident id> <tag>             an incident saved with summary "Crash test <tag>"
    A <action id> <incident id>       an action recorded on it
    E <evidence id> <sha256>          an evidence file added
    C <tag> <rows>                    a CSV import of <rows> incidents "Imported <tag> <k>"
    B <file name>                     a backup written

Run as ``python -m tests.services.crash_worker DATA_DIR RUN``.
"""

from __future__ import annotations

import csv
import itertools
import os
import sys
from pathlib import Path

ROWS_PER_IMPORT = 20
EVIDENCE_PADDING = 300_000
OPERATIONS = ("incident", "import", "incident", "evidence", "incident", "backup", "incident")


def say(line: str) -> None:
    print(line, flush=True)


def write_import(path: Path, tag: str) -> Path:
    from avenue_desk.services.transfer.importing import INCIDENT_COLUMNS

    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(INCIDENT_COLUMNS)
        for k in range(ROWS_PER_IMPORT):
            values = {"date_posted": "2026-03-02", "platform": "Facebook",
                      "poster_name": "Zoë Adams", "poster_relationship": "Mother",
                      "pupils": "", "categories": "complaint", "where": "Year 4 group",
                      "excerpt": f"Row {k} of {tag}", "summary": f"Imported {tag} {k}",
                      "status": "open"}
            writer.writerow([values[column] for column in INCIDENT_COLUMNS])
    return path


def main(data_dir: Path, run: int) -> None:
    from avenue_desk.paths import AppPaths
    from avenue_desk.services.incidents.records import ActionInput
    from avenue_desk.services.transfer import importing
    from tests.services.account_helpers import open_signed_in
    from tests.services.helpers import incident_input, write_png

    scratch = data_dir.parent / f"worker-{run}"
    scratch.mkdir(parents=True, exist_ok=True)
    services = open_signed_in(AppPaths(data_dir))  # never closed: the process is killed
    say("ready")
    last_incident = None
    for n in itertools.count():
        tag = f"{run}-{n}"
        operation = OPERATIONS[(n + run) % len(OPERATIONS)]
        if operation == "incident" or last_incident is None:
            saved = services.incidents.create(incident_input(
                summary=f"Crash test {tag}", excerpt=f"Excerpt {tag}"))
            say(f"I {saved.id} {tag}")
            action = services.escalation.record(saved.id, ActionInput(
                "informal_discussion", saved.posted_on, notes=f"Action {tag}"))
            say(f"A {action.id} {saved.id}")
            last_incident = saved.id
        elif operation == "import":
            result = importing.import_incidents_csv(
                services, write_import(scratch / f"import-{tag}.csv", tag))
            assert not result.errors, result.errors
            say(f"C {tag} {ROWS_PER_IMPORT}")
        elif operation == "evidence":
            picture = write_png(scratch / f"shot-{tag}.png", width=2 + n % 97, height=2)
            with open(picture, "ab") as handle:  # a screenshot's size, so backups take a while
                handle.write(os.urandom(EVIDENCE_PADDING))
            record = services.evidence.add(last_incident, picture)
            say(f"E {record.id} {record.sha256}")
        elif operation == "backup":
            say(f"B {services.backup.backup().path.name}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
