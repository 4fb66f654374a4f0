"""``avenue-desk step``: a step of the procedure recorded from the command line with the
window's rules, and a letter's wording checked from a script."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.helpers.accounts import open_signed_in as open_services
from tests.helpers.databases import data_paths
from tests.helpers.letters import parent, posted, set_up_school
from tests.helpers.pdf import pdf_text


@pytest.fixture
def data(tmp_path):
    """A school (real clock, as the command uses) with a Facebook post by a parent."""
    folder = tmp_path / "data"
    with open_services(data_paths(folder)) as services:
        set_up_school(services)
        posted(services, parent(services).id, posted_on=date.today() - timedelta(days=20))
    return folder


def _actions(folder, incident_id=1):
    with open_services(data_paths(folder)) as services:
        return services.incidents.get(incident_id).actions


def test_a_step_is_recorded_as_the_window_records_it(cli, data):
    on = date.today() - timedelta(days=2)
    ran = cli.signed_in(data, "step", 1, "informal_discussion", "--on", on.isoformat(),
                        "--at", "15:40", "--by", "Mrs Shah <office> & co",
                        "--outcome", "Asked her to take it down")
    assert ran.returncode == 0, ran.stderr
    assert "Recorded on incident 1: “Informal discussion with the parent”" in ran.stdout
    assert "at 15:40, by Mrs Shah <office> & co." in ran.stdout
    assert "The case moved from New to Informal stage." in ran.stdout
    action = _actions(data)[-1]
    assert (action.step, action.taken_on, action.taken_by) == (
        "informal_discussion", on, "Mrs Shah <office> & co")
    assert action.follow_up_due is not None  # proposed, as the window proposes it
    assert f"Follow-up due {action.follow_up_due.day} " in ran.stdout


def test_a_step_the_policy_does_not_allow_is_refused_with_its_reason(cli, data):
    ran = cli.signed_in(data, "step", 1, "written-warning", "--on", date.today().isoformat(),
                        "--by", "Mrs Carter", "--outcome", "Warned")
    assert ran.returncode == 1
    assert "avenue-desk step: refused." in ran.stderr
    assert "record the parent's refusal first" in ran.stderr
    assert "The policy (The Avenue Primary School Social Media Policy" in ran.stderr
    assert _actions(data) == ()


def test_bad_values_are_refused_plainly(cli, data):
    future = (date.today() + timedelta(days=3)).isoformat()
    ran = cli.signed_in(data, "step", 1, "informal_discussion", "--on", future,
                        "--by", "Mrs Shah", "--outcome", "x")
    assert ran.returncode == 1 and "refused" in ran.stderr and _actions(data) == ()
    unknown = cli.signed_in(data, "step", 1, "shout", "--on", "2026-01-01", "--by", "x",
                            "--outcome", "x")
    assert unknown.returncode == 2 and "“shout” is not a step" in unknown.stderr
    bad_time = cli.signed_in(data, "step", 1, "informal_discussion", "--on", "2026-01-01",
                             "--at", "half past", "--by", "x", "--outcome", "x")
    assert bad_time.returncode == 2 and "not a time like 15:30" in bad_time.stderr
    missing = cli.signed_in(data, "step", 1, "informal_discussion", "--on", "2026-01-01",
                            "--by", " ", "--outcome", "x")
    assert missing.returncode == 1 and _actions(data) == ()


def test_a_letter_s_wording_follows_the_steps_recorded(cli, data, tmp_path):
    out = tmp_path / "removal.pdf"
    first = cli.signed_in(data, "letter", 1, "--kind", "removal-request", "-o", out)
    assert first.returncode == 0, first.stderr
    assert "discussed" not in pdf_text(out.read_bytes())
    on = date.today() - timedelta(days=1)
    cli.signed_in(data, "step", 1, "informal_discussion", "--on", on.isoformat(),
                  "--by", "Mrs Shah", "--outcome", "Spoke to her")
    again = cli.signed_in(data, "letter", 1, "--kind", "removal-request", "-o", out)
    assert again.returncode == 0, again.stderr
    assert f"As we discussed on {on.day} " in pdf_text(out.read_bytes())
