"""``avenue-desk retention review`` (a real process, signed in like every other command) and
``retention destroy KIND:ID … --confirm`` (called as cli/commands.py calls it).

The command runs on the real clock, so the records here were made and closed in 2015–16:
past any period by the time these tests run.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime

import pytest

from avenue_desk.cli.retention import add_retention_parser, run_retention
from avenue_desk.paths import AppPaths
from avenue_desk.services.incidents.records import ActionInput
from avenue_desk.services.people.records import PersonInput
from tests.cli.cli_helpers import cli_env, run_cli, set_up
from tests.services.account_helpers import HEAD_PASSWORD, OWN_PASSWORD, sign_in_as
from tests.services.helpers import incident_input, write_png

NAME = 'Siobhán O\'Neill & "Co" <Smith>'
SUMMARY = 'Posted <b>lies</b> & "rumours" about the school'


@pytest.fixture
def data(tmp_path) -> tuple[AppPaths, int]:
    folder = tmp_path / "data"
    with set_up(folder) as services:
        services.clock.current = datetime(2015, 9, 7, 9)
        mum = services.people.create(PersonInput(NAME, "parent"))
        incident = services.incidents.create(incident_input(
            poster_id=mum.id, posted_on=date(2015, 9, 1), summary=SUMMARY))
        services.evidence.add(incident.id, write_png(tmp_path / "a.png"),
                              captured_on=date(2015, 9, 1))
        services.escalation.record(incident.id, ActionInput("close", date(2015, 9, 7)))
        services.clock.current = datetime(2026, 1, 5, 9)
        services.incidents.create(incident_input(posted_on=date(2026, 1, 2), summary="Still open"))
        sign_in_as(services, "office", "office")
    return AppPaths(folder), incident.id


def command(paths, *argv, user: str = "head") -> int:
    parser = argparse.ArgumentParser(prog="avenue-desk")
    parser.add_argument("--user")
    add_retention_parser(parser.add_subparsers(dest="command"))
    return run_retention(parser.parse_args(["--user", user, *map(str, argv)]), paths)


def test_review_lists_what_is_due_signed_in_as_the_headteacher(data):
    paths, incident_id = data
    done = run_cli("--data-dir", paths.data_dir, "--user", "head", "retention", "review")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Parents' incidents (with their actions, letters and evidence): kept 6 years" in out
    assert "1 record(s) past their retention period" in out
    assert f"incident:{incident_id}" in out and "posted 1 September 2015" in out
    assert "counted from 7 September 2015, due since 7 September 2021" in out
    assert "1 evidence file(s)" in out
    assert NAME not in out and "lies" not in out and "Still open" not in out


def test_review_is_refused_to_the_office_and_without_a_password(data):
    paths, _ = data
    refused = run_cli("--data-dir", paths.data_dir, "--user", "office", "retention", "review",
                      env=cli_env(OWN_PASSWORD))
    assert refused.returncode == 1 and "retention review" in refused.stderr
    assert "Headteacher" in refused.stderr or "cannot" in refused.stderr
    nobody = run_cli("--data-dir", paths.data_dir, "retention", "review")
    assert nobody.returncode == 1 and "--user" in nobody.stderr


def test_destroy_needs_confirm_then_removes_the_record_and_its_files(data, monkeypatch, capsys):
    paths, incident_id = data
    monkeypatch.setenv("AVENUE_DESK_PASSWORD", HEAD_PASSWORD)
    folder = paths.evidence_dir / f"{incident_id:06d}"
    assert command(paths, "retention", "destroy", f"incident:{incident_id}") == 2
    assert "would permanently destroy 1 record(s) and 1 evidence file(s)" in \
        capsys.readouterr().err
    assert folder.is_dir()
    assert command(paths, "retention", "destroy", f"incident:{incident_id}", "--confirm") == 0
    assert "Destroyed 1 record(s) and 1 evidence file(s)" in capsys.readouterr().out
    assert not folder.exists()
    assert command(paths, "retention", "destroy", f"incident:{incident_id}", "--confirm") == 1
    assert "not in the review list" in capsys.readouterr().err
    assert command(paths, "retention", "destroy", "letters:1", "--confirm") == 1
    assert "not a record as the review lists it" in capsys.readouterr().err
    assert command(paths, "retention", "review") == 0
    out = capsys.readouterr().out
    assert f"incident:{incident_id}" not in out and "person:" in out  # the poster, now


def test_destroy_is_refused_to_the_office(data, monkeypatch, capsys):
    paths, incident_id = data
    monkeypatch.setenv("AVENUE_DESK_PASSWORD", OWN_PASSWORD)
    assert command(paths, "retention", "destroy", f"incident:{incident_id}", "--confirm",
                   user="office") == 1
    assert capsys.readouterr().err
    assert (paths.evidence_dir / f"{incident_id:06d}").is_dir()
