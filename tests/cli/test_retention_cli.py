"""``avenue-desk retention review`` (signed in like every other command) and
``retention destroy KIND:ID … --confirm``, run through the command's ``main``.

The command runs on the real clock, so the records here were made and closed in 2015–16:
past any period by the time these tests run.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from avenue_desk.paths import AppPaths
from avenue_desk.services.incidents.records import ActionInput
from avenue_desk.services.people.records import PersonInput
from tests.helpers.accounts import OWN_PASSWORD, sign_in_as
from tests.helpers.cli import set_up
from tests.helpers.databases import data_paths
from tests.helpers.evidence_tamper import stored_names
from tests.helpers.images import write_png
from tests.helpers.records import incident_input

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
        services.escalation.record(incident.id, ActionInput("close", date(2015, 9, 7), "Head",
                                                            "Resolved"))
        services.clock.current = datetime(2026, 1, 5, 9)
        services.incidents.create(incident_input(posted_on=date(2026, 1, 2), summary="Still open"))
        sign_in_as(services, "office", "office")
    return data_paths(folder), incident.id


def test_review_lists_what_is_due_signed_in_as_the_headteacher(cli, data):
    paths, incident_id = data
    done = cli.signed_in(paths.data_dir, "retention", "review")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Parents' incidents (with their actions, letters and evidence): kept 6 years" in out
    assert "1 record(s) past their retention period" in out
    assert f"incident:{incident_id}" in out and "posted 1 September 2015" in out
    assert "counted from 7 September 2015, due since 7 September 2021" in out
    assert "1 evidence file(s)" in out
    assert NAME not in out and "lies" not in out and "Still open" not in out


def test_review_is_refused_to_the_office_and_without_a_password(cli, data):
    paths, _ = data
    refused = cli.signed_in(paths.data_dir, "retention", "review", user="office",
                            password=OWN_PASSWORD)
    assert refused.returncode == 1 and "retention review" in refused.stderr
    assert "Headteacher" in refused.stderr or "cannot" in refused.stderr
    nobody = cli("--data-dir", paths.data_dir, "retention", "review")
    assert nobody.returncode == 1 and "--user" in nobody.stderr


def test_destroy_needs_confirm_then_removes_the_record_and_its_files(cli, data):
    paths, incident_id = data
    folder = f"{incident_id:06d}/"
    asked = cli.signed_in(paths.data_dir, "retention", "destroy", f"incident:{incident_id}")
    assert asked.returncode == 2
    assert "would permanently destroy 1 record(s) and 1 evidence file(s)" in asked.stderr
    assert len(stored_names(paths, folder)) == 1
    done = cli.signed_in(paths.data_dir, "retention", "destroy", f"incident:{incident_id}",
                         "--confirm")
    assert done.returncode == 0, done.stderr
    assert "Destroyed 1 record(s) and 1 evidence file(s)" in done.stdout
    assert stored_names(paths, folder) == set()
    assert not (paths.evidence_dir / folder).exists()
    again = cli.signed_in(paths.data_dir, "retention", "destroy", f"incident:{incident_id}",
                          "--confirm")
    assert again.returncode == 1
    assert "not in the review list" in again.stderr
    letters = cli.signed_in(paths.data_dir, "retention", "destroy", "letters:1", "--confirm")
    assert letters.returncode == 1
    assert "not a record as the review lists it" in letters.stderr
    review = cli.signed_in(paths.data_dir, "retention", "review")
    assert review.returncode == 0, review.stderr
    out = review.stdout
    assert f"incident:{incident_id}" not in out and "person:" in out  # the poster, now


def test_destroy_is_refused_to_the_office(cli, data):
    paths, incident_id = data
    refused = cli.signed_in(paths.data_dir, "retention", "destroy", f"incident:{incident_id}",
                            "--confirm", user="office", password=OWN_PASSWORD)
    assert refused.returncode == 1
    assert refused.stderr
    assert len(stored_names(paths, f"{incident_id:06d}/")) == 1
