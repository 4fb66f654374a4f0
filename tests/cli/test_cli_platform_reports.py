"""``avenue-desk platform-report add`` and ``list``: the reports made to the platform about
an incident, recorded and listed from a script with the window's checks."""

from __future__ import annotations

import csv
import io

import pytest

from tests.helpers.cli import set_up
from tests.helpers.databases import data_paths, raw_sql
from tests.helpers.records import incident

REFERENCE = "=HYPERLINK(\"x\") <Case> & “42”"  # a formula, markup and quotes: kept as typed
REPLY = "Reviewed: no breach of our Community Standards — Łucja's appeal noted."


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    with set_up(folder) as services:
        incident(services)  # posted 1 November 2026
    return folder


def _rows(folder):
    return raw_sql(data_paths(folder.resolve()),
                   "SELECT incident_id, reported_on, made_to, reference, reply, reply_on, "
                   "recorded_by FROM platform_reports ORDER BY id")


def test_reports_are_recorded_and_listed_as_csv(cli, data):
    ran = cli.signed_in(data, "platform-report", "add", 1, "--on", "2026-11-03",
                        "--reference", REFERENCE, "--reply", REPLY, "--reply-on", "2026-11-05")
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.startswith("Recorded report 1 on incident 1: made to the platform on "
                                 "3 November 2026, reference ")
    ran = cli.signed_in(data, "platform-report", "add", 1, "--on", "2026-11-12",
                        "--to", "report-harmful-content")
    assert ran.returncode == 0, ran.stderr
    assert "made to Report Harmful Content on 12 November 2026, reference not given" in ran.stdout
    rows = [tuple(str(v) if v is not None else None for v in row) for row in _rows(data)]
    assert rows == [
        ("1", "2026-11-03", "platform", REFERENCE, REPLY, "2026-11-05", "Mrs Patel"),
        ("1", "2026-11-12", "report_harmful_content", "", "", None, "Mrs Patel"),
    ]
    assert raw_sql(data_paths(data.resolve()), "SELECT COUNT(*) FROM audit_log WHERE "
                   "entity = 'platform_report' AND action = 'create'")[0][0] == 2

    listed = cli.signed_in(data, "platform-report", "list", 1)
    assert listed.returncode == 0, listed.stderr
    table = list(csv.reader(io.StringIO(listed.stdout)))
    assert table[0] == ["Report", "Incident", "Reported on", "Made to", "Reference", "Reply",
                        "Reply on", "Recorded by"]
    assert table[1] == ["1", "1", "2026-11-03", "platform", "'" + REFERENCE, REPLY,
                        "2026-11-05", "Mrs Patel"]  # the formula guarded, nothing else changed
    assert table[2][2:4] == ["2026-11-12", "report-harmful-content"]
    assert "2 report(s)." in listed.stderr


@pytest.mark.parametrize(("argv", "said"), [
    (("add", 1, "--on", "2999-01-01"), "The date reported is in the future."),
    (("add", 1, "--on", "2026-10-01"), "The date reported is before the post was made."),
    (("add", 1, "--on", "2026-11-03", "--reply-on", "2026-11-04"),
     "Say what the reply was (a few words will do)."),
    (("add", 9, "--on", "2026-11-03"), "Incident 9 does not exist."),
])
def test_a_refusal_is_one_sentence_and_nothing_is_recorded(cli, data, argv, said):
    ran = cli.signed_in(data, "platform-report", *argv)
    assert ran.returncode == 1
    assert ran.stderr.strip() == f"avenue-desk platform-report add: not recorded. {said}"
    assert _rows(data) == []


def test_listing_an_incident_that_does_not_exist_says_so(cli, data):
    ran = cli.signed_in(data, "platform-report", "list", 9)
    assert ran.returncode == 1
    assert ran.stderr.strip() == ("avenue-desk platform-report list: nothing listed. "
                                  "Incident 9 does not exist.")
    assert ran.stdout == ""
