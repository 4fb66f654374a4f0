"""The eleven ways of tampering with the audit trail in issue 16 (part 12, item 3), each
done to a closed school's file with a SQLite tool: each makes the health check fail with
the row named.

Five the chain itself catches. The other six leave a whole chain (the hash is public) and
are caught only against the anchors, the trail's head noted outside the database: the
anchors file beside the backups (noted by every backup and by every run of Avenue Desk as
it opens and closes the records) and each backup's manifest. Which of the two catches
which is checked here too, by taking each away.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from avenue_desk.paths import AppPaths
from avenue_desk.services.core.audit_anchors import ANCHORS_FILE
from tests.helpers import tamper
from tests.helpers.accounts import open_signed_in
from tests.helpers.postgres import sqlite_only
from tests.helpers.records import incident_input

# The trail is tampered with in the SQLite file itself (tests/helpers/tamper.py), and the
# check compares the trail with its anchors only for records in a SQLite file.
pytestmark = [pytest.mark.usefixtures("clock"),
              sqlite_only("the audit trail tampered with in the SQLite file through sqlite3, "
                          "and found against the anchors, which the check compares only for "
                          "a SQLite file's records; on a server the application's role cannot "
                          "lift the triggers (tests/cli/test_server_init.py)")]
IN_BACKUP = 4  # a row the backup holds (rows 1-6 are in it; 7 and 8 came after)


@pytest.fixture
def school(paths, clock) -> AppPaths:
    """A school's records, closed: 3 incidents, a backup, 2 incidents more. Its trail: 1
    the first account, 2 a sign-in, 3-5 the incidents, 6 the backup, 7-8 the incidents."""
    with open_signed_in(paths, clock) as services:
        for number in range(3):
            services.incidents.create(incident_input(summary=f"Before the backup {number}"))
        services.backup.backup()
        for number in range(2):
            services.incidents.create(incident_input(summary=f"After the backup {number}"))
        assert services.audit.last_row()[0] == 8
    return paths


def problems(paths: AppPaths, clock) -> list[str]:
    """The check's problems, run as the next person to sign in would run it."""
    with open_signed_in(paths, clock) as services:
        report = services.health.check()
    assert report.ok == (not any(line.startswith("PROBLEM") for line in report.lines))
    return [line for line in report.lines if line.startswith("PROBLEM")]


def without(paths: AppPaths, tmp_path: Path, anchors_file: bool, backups: bool) -> AppPaths:
    """A copy of the tampered folder with the anchors file or the backups taken away."""
    copy = AppPaths(tmp_path / f"copy-{anchors_file}-{backups}")
    shutil.copytree(paths.data_dir, copy.data_dir)
    if anchors_file:
        (copy.backups_dir / ANCHORS_FILE).unlink()
    if backups:
        for backup in copy.backups_dir.glob("*.zip"):
            backup.unlink()
    return copy


@pytest.mark.parametrize(("tampering", "named"), [
    (lambda db: tamper.edit_without_rehashing(db, IN_BACKUP),
     "Audit row 4 was changed after it was written."),
    (lambda db: tamper.delete_a_row(db, IN_BACKUP), "Audit row 4 is missing"),
    (tamper.delete_the_last_rows, "Audit rows 7 to 8 are missing"),  # this run wrote 9
    (tamper.append_with_a_made_up_hash, "Audit row 9 was changed after it was written."),
    (lambda db: tamper.drop_the_triggers_and_edit(db, IN_BACKUP),
     "Audit row 4 was changed after it was written."),
], ids=["edited", "row deleted", "last rows deleted", "row added, hash made up",
        "triggers dropped, row edited"])
def test_the_chain_itself_names_the_row(school, clock, tampering, named):
    tampering(school.database_file)
    found = problems(school, clock)
    assert any(named in line for line in found), found


# (tampering, the words naming the row with every anchor there, with only the anchors
# file, with only the backups; None where that one alone does not catch it.)
ANCHORED = {
    "edited and every hash after it made again": (
        lambda db: tamper.edit_and_rechain(db, IN_BACKUP),
        "Audit row 4 is the first that does not match",
        "The first audit row that does not match lies between row 2 and row 6",
        "Audit row 4 is the first that does not match"),
    "last rows deleted and the count reset": (
        tamper.delete_the_last_rows_and_reset_the_count,
        "rows 7 to 8 are missing", "rows 7 to 8 are missing", None),
    "back-dated and re-chained": (
        lambda db: tamper.back_date_and_rechain(db, IN_BACKUP),
        "Audit row 4 is the first that does not match",
        "The first audit row that does not match lies between row 2 and row 6",
        "Audit row 4 is the first that does not match"),
    "a forged row added, chained correctly": (
        tamper.append_a_forged_row,
        "row 9 was added while no Avenue Desk was running",
        "row 9 was added while no Avenue Desk was running", None),
    "a row deleted, the rest renumbered and re-chained": (
        lambda db: tamper.delete_renumber_and_rechain(db, IN_BACKUP),
        "Audit row 4 is the first that does not match", "row 8 is missing",
        "Audit row 4 is the first that does not match"),
    "the whole trail replaced": (
        tamper.replace_the_whole_trail,
        "Audit row 3 is the first that does not match", "rows 4 to 8 are missing",
        "rows 4 to 6 are missing"),
}


@pytest.mark.parametrize("name", list(ANCHORED))
def test_a_rewrite_the_chain_cannot_see_is_named_against_the_anchors(school, clock, tmp_path,
                                                                    name):
    tampering, everything, file_only, backups_only = ANCHORED[name]
    tampering(school.database_file)
    # Taken away first: the check itself notes its run in the anchors file.
    neither = without(school, tmp_path, anchors_file=True, backups=True)
    only_file = without(school, tmp_path, anchors_file=False, backups=True)
    only_backups = without(school, tmp_path, anchors_file=True, backups=False)
    found = problems(school, clock)
    assert any(everything in line for line in found), found
    assert problems(neither, clock) == []  # the chain alone sees nothing wrong
    found = problems(only_file, clock)
    assert any(file_only in line for line in found), found
    found = problems(only_backups, clock)
    if backups_only is None:
        assert found == []  # done after the last backup: only the anchors file shows it
    else:
        assert any(backups_only in line for line in found), found


def test_an_untouched_trail_matches_every_anchor(school, clock):
    assert problems(school, clock) == []
    with open_signed_in(school, clock) as services:
        lines = services.health.check().lines
    assert any(line.startswith("Audit anchors: the trail matches all") for line in lines)
