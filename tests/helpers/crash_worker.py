"""A stand-in for the app, for test_crash_safety: it saves incidents and actions, adds
evidence, imports CSV files and makes backups, in a stream, until it is killed.

Each line on stdout acknowledges something whose transaction has returned (committed):

    I <incident id> <tag>             an incident saved with summary "Crash test <tag>"
    A <action id> <incident id>       an action recorded on it
    E <evidence id> <sha256>          an evidence file added
    C <tag> <rows>                    a CSV import of <rows> incidents "Imported <tag> <k>"
    B <file name>                     a backup written

Run as ``python -m tests.helpers.crash_worker DATA_DIR RUN``, or as a server that starts
each run as a process forked from itself, everything already imported (an interpreter's
start and the imports cost a second a run): ``python -m tests.helpers.crash_worker --serve``
reads ``DATA_DIR<tab>RUN<tab>OUT_FILE<tab>ERR_FILE`` lines, answers ``started PID``, and
``ended STATUS`` (-9 for SIGKILL) once that process has ended.
"""

from __future__ import annotations

import csv
import itertools
import os
import sys
import traceback
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
    from tests.helpers.accounts import open_signed_in
    from tests.helpers.images import write_png
    from tests.helpers.keys import open_the_key
    from tests.helpers.records import incident_input

    scratch = data_dir.parent / f"worker-{run}"
    scratch.mkdir(parents=True, exist_ok=True)
    open_the_key(data_dir)  # each run a new process: an encrypted school's key opened first
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
                "informal_discussion", saved.posted_on, taken_by="Head", outcome="Spoke",
                notes=f"Action {tag}"))
            say(f"A {action.id} {saved.id}")
            last_incident = saved.id
        elif operation == "import":
            result = services.transfer.import_incidents(
                write_import(scratch / f"import-{tag}.csv", tag))
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


def serve() -> None:
    """Runs ``main`` in a forked process for each line of stdin (see the module's doc)."""
    from avenue_desk.paths import AppPaths  # noqa: F401  (what main imports, once, here)
    from avenue_desk.services.incidents.records import ActionInput  # noqa: F401
    from avenue_desk.services.transfer import importing  # noqa: F401
    from tests.helpers.accounts import open_signed_in  # noqa: F401
    from tests.helpers.databases import migrated_empty_database
    from tests.helpers.images import write_png  # noqa: F401
    from tests.helpers.keys import open_the_key  # noqa: F401
    from tests.helpers.records import incident_input  # noqa: F401

    # Made here, before any fork: a worker is killed, so one that made it (in a temporary
    # folder removed at exit) would leave that folder behind.
    migrated_empty_database()
    say("loaded")
    for line in sys.stdin:
        data_dir, run, out, err = line.rstrip("\n").split("\t")
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _forked(Path(data_dir), int(run), out, err)
        say(f"started {pid}")
        _, status = os.waitpid(pid, 0)
        say(f"ended {os.waitstatus_to_exitcode(status)}")


def _forked(data_dir: Path, run: int, out: str, err: str) -> None:
    """The forked process: its output to its own files, then ``main`` until it is killed."""
    try:
        for fd, name in ((1, out), (2, err)):
            target = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(target, fd)
            os.close(target)
        main(data_dir, run)
    except BaseException:
        traceback.print_exc()
        sys.stderr.flush()
    finally:
        os._exit(1)  # never back into the server's loop


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve"]:
        serve()
    else:
        main(Path(sys.argv[1]), int(sys.argv[2]))
