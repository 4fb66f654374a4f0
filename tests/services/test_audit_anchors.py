"""The audit trail's head noted outside the database (issue 16, part 12, item 3): in each
backup's manifest, in the anchors file beside the backups (backups, and each run of
Avenue Desk as it opens and closes the records) and on every governors' summary; and no
false alarm from what Avenue Desk itself does (a restore, two runs at once, a crash)."""

from __future__ import annotations

import json
import os
import re
import stat
import zipfile
from datetime import date

from avenue_desk.paths import AppPaths
from avenue_desk.services.container import open_services
from avenue_desk.services.core.audit_anchors import ANCHORS_FILE, fingerprint, read_anchors
from avenue_desk.services.safety import restore_backup
from tests.helpers.accounts import HEAD_PASSWORD, cheap_hashing, open_signed_in
from tests.helpers.pdf import pdf_text
from tests.helpers.postgres import not_on_postgres_yet, sqlite_only
from tests.helpers.records import incident_input


def anchors(paths: AppPaths) -> list[tuple[str, int]]:
    return [(a.kind, a.row_id) for a in read_anchors(paths.backups_dir)[0]]


def problems(paths: AppPaths, clock) -> list[str]:
    with open_signed_in(paths, clock) as services:
        report = services.health.check()
    return [line for line in report.lines if line.startswith("PROBLEM")]


def test_a_backup_notes_the_head_in_its_manifest_and_in_the_file_beside_it(paths, clock):
    with open_signed_in(paths, clock) as services:
        services.incidents.create(incident_input())
        made = services.backup.backup()
        row, row_hash = services.audit.last_row()  # the backup's own row is the last
    with zipfile.ZipFile(made.path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["audit"] == {"row_id": row, "row_hash": row_hash}
    assert (made.audit_row, made.audit_hash) == (row, row_hash)
    lines = (paths.backups_dir / ANCHORS_FILE).read_text(encoding="utf-8").splitlines()
    noted = [line.split("\t")[1:4] for line in lines]
    if paths.uses_sqlite_file:
        assert noted == [
            ["1", noted[0][1], "open"],  # this run, before its sign-in
            [str(row), row_hash, "backup"],
            [str(row), row_hash, "close"]]
    else:  # a server's runs note no open and close (test_runs_at_once_… below)
        assert noted == [[str(row), row_hash, "backup"]]
    (backup_line,) = [line for line in lines if line.split("\t")[3] == "backup"]
    assert backup_line.endswith(made.path.name)
    if os.name == "posix":
        assert stat.S_IMODE((paths.backups_dir / ANCHORS_FILE).stat().st_mode) == 0o600


def test_a_run_that_only_reads_notes_nothing(paths, clock):
    with open_signed_in(paths, clock):
        pass  # signing in is written: one run
    before = anchors(paths)
    with open_services(paths, clock) as services:
        services.settings.load()  # nobody signed in, nothing written
    assert anchors(paths) == before


def test_restoring_an_older_backup_is_not_taken_for_rows_gone_missing(paths, clock):
    with open_signed_in(paths, clock) as services:
        older = services.backup.backup()
        for number in range(3):
            services.incidents.create(incident_input(summary=f"Later {number}"))
        services.backup.backup()
        services.incidents.create(incident_input(summary="Later still"))
    restore_backup(paths, older.path, clock, requested_by="head")
    with open_signed_in(paths, clock) as services:
        assert services.db.trail_notice == ""
    assert problems(paths, clock) == []
    assert ("restore", older.audit_row + 1) in anchors(paths)


def window(paths: AppPaths, clock):
    """The window's services (a "gui" run: one at a time per data folder), signed in."""
    services = open_services(paths, clock, origin="gui", hashing=cheap_hashing())
    services.accounts.authenticate("head", HEAD_PASSWORD)
    return services


@not_on_postgres_yet("part 13: each run's open and close anchors are noted only for records "
                     "in a SQLite file; on a server several PCs write, each with its own folder")
def test_runs_at_once_and_runs_that_were_killed_raise_no_alarm(paths, clock):
    open_signed_in(paths, clock).close()  # the folder set up
    first = window(paths, clock)
    with open_signed_in(paths, clock) as command:  # a command run meanwhile
        command.incidents.create(incident_input(summary="From the command line"))
    first.incidents.create(incident_input(summary="From the window"))
    first.db.close()  # killed: the records let go, but no closing noted
    second = window(paths, clock)  # the next start, after the rows the killed one wrote
    second.incidents.create(incident_input(summary="After the crash"))
    second.db.close()  # killed too
    assert [kind for kind, _row in anchors(paths)] == [
        "open", "close", "open", "open", "close", "open"]
    assert problems(paths, clock) == []
    assert problems(paths, clock) == []  # and the run that checked closed as it should


@sqlite_only("a server has no write-ahead log file to lose")
def test_rows_lost_with_the_write_ahead_log_are_said_at_the_next_start(paths, clock):
    from tests.helpers.damage import delete_wal, leave_in_wal

    with open_signed_in(paths, clock) as services:
        services.incidents.create(incident_input())
    leave_in_wal(paths, lambda services: services.backup.backup(),
                 lambda p: open_signed_in(p, clock))
    delete_wal(paths.database_file)
    with open_signed_in(paths, clock) as services:
        assert "no longer holds row" in services.db.trail_notice
        assert any("no longer holds row" in notice for notice in services.db.notices)
    found = problems(paths, clock)
    assert any(re.search(r"rows? [\d,]+ (to [\d,]+ )?(is|are) missing", p) for p in found)


def test_the_governors_summary_prints_the_fingerprint(paths, clock):
    with open_signed_in(paths, clock) as services:
        services.incidents.create(incident_input())
        data = services.summaries.build(date(2026, 9, 1), date(2026, 12, 18))
        row, row_hash = services.audit.last_row()
        text = pdf_text(services.summaries.render_data(data))
    assert f"Audit fingerprint: {fingerprint(row, row_hash)}" in text
    assert data.audit_fingerprint.startswith(f"row {row} · {row_hash[:4]} ")
