"""``avenue-desk screenshot``: a 1366×768 PNG of a screen, for the account signed in
(``login`` needs nobody; ``audit`` needs the Headteacher). Run in the test process, the
command draws with the test's QApplication (the ``gui`` fixture); test_console_script.py
runs it once as a real process with no display at all."""

from __future__ import annotations

import tempfile

import pytest

from avenue_desk.cli.parser import SCREENS as SCREENS_ASKED_FOR
from avenue_desk.services.incidents import IncidentQuery
from avenue_desk.ui.screenshots.screens import SCREENS
from tests.helpers.accounts import open_signed_in
from tests.helpers.cli import set_up
from tests.helpers.databases import data_paths
from tests.helpers.images import png_size
from tests.helpers.records import incident


@pytest.mark.parametrize("screen", ["home", "incidents", "people", "reports", "settings",
                                    "first-run", "login", "lock", "audit", "accounts", "help",
                                    "people-import", "policy-review"])
def test_each_screen_is_a_1366_by_768_png(cli, gui, tmp_path, screen):
    set_up(tmp_path / "data").close()
    out = tmp_path / f"{screen}.png"
    result = cli.signed_in(tmp_path / "data", "screenshot", screen, "-o", out)
    assert result.returncode == 0, result.stderr
    assert png_size(out) == (1366, 768)


def test_the_login_screen_needs_no_password_and_the_others_do(cli, gui, tmp_path):
    set_up(tmp_path / "data").close()
    out = tmp_path / "login.png"
    login = cli("--data-dir", tmp_path / "data", "screenshot", "login", "-o", out,
                password=None)
    assert login.returncode == 0, login.stderr
    assert png_size(out) == (1366, 768)
    home = cli.signed_in(tmp_path / "data", "screenshot", "home", "-o", tmp_path / "home.png",
                         password=None)
    assert home.returncode == 1 and "AVENUE_DESK_PASSWORD" in home.stderr
    assert not (tmp_path / "home.png").exists()


def test_the_audit_screen_is_the_headteachers(cli, gui, tmp_path):
    with set_up(tmp_path / "data") as services:
        services.accounts.create_user("office", "Mr Office", "office", "k7qx-2mfr-9tza")
    # A temporary password: the command says to choose one's own first.
    result = cli.signed_in(tmp_path / "data", "screenshot", "audit", "-o",
                           tmp_path / "audit.png", user="office", password="k7qx-2mfr-9tza")
    assert result.returncode == 1 and "temporary" in result.stderr
    assert "k7qx-2mfr-9tza" not in result.stderr + result.stdout
    assert not (tmp_path / "audit.png").exists()


def test_a_folder_with_no_database_says_to_run_init_and_makes_none(cli, gui, tmp_path):
    out = tmp_path / "incident.png"
    result = cli.signed_in(tmp_path / "data", "screenshot", "incident", "-o", out)
    assert result.returncode == 1
    assert "init --school NAME" in result.stderr
    assert not out.exists() and not (tmp_path / "data").exists()


def test_the_incident_screen_needs_an_incident(cli, gui, tmp_path):
    set_up(tmp_path / "data").close()
    out = tmp_path / "incident.png"
    result = cli.signed_in(tmp_path / "data", "screenshot", "incident", "-o", out)
    assert result.returncode == 1
    assert "no incidents" in result.stderr
    assert not out.exists()


def test_the_smoke_test_paints_the_sign_in_on_a_fresh_folder_and_signs_nobody_in(cli, gui,
                                                                                 tmp_path):
    result = cli("--data-dir", tmp_path / "fresh", "--smoke-test", password=None)
    assert result.returncode == 0, result.stderr
    assert "painted" in result.stderr


def test_the_incident_screen_shows_the_first_incident(cli, gui, tmp_path):
    data = tmp_path / "data"
    with set_up(data) as services:
        incident(services, summary="Post about the nativity play <b>&amp; “quotes”</b>.")
    out = tmp_path / "incident.png"
    result = cli.signed_in(data, "screenshot", "incident", "-o", out)
    assert result.returncode == 0, result.stderr
    assert png_size(out) == (1366, 768)


def test_the_command_offers_every_screen_there_is():
    assert set(SCREENS_ASKED_FOR) == set(SCREENS)


def test_the_people_import_screen_saves_no_one_and_leaves_no_file(cli, gui, tmp_path,
                                                                  monkeypatch):
    set_up(tmp_path / "data").close()
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # where its small file is made
    out = tmp_path / "people-import.png"
    result = cli.signed_in(tmp_path / "data", "screenshot", "people-import", "-o", out)
    assert result.returncode == 0, result.stderr
    assert png_size(out) == (1366, 768)
    assert list(scratch.iterdir()) == []
    with open_signed_in(data_paths(tmp_path / "data")) as services:
        assert services.people.count() == 0


def test_the_policy_review_screen_records_no_review(cli, gui, tmp_path):
    set_up(tmp_path / "data").close()
    result = cli.signed_in(tmp_path / "data", "screenshot", "policy-review", "-o",
                           tmp_path / "policy-review.png")
    assert result.returncode == 0, result.stderr
    with open_signed_in(data_paths(tmp_path / "data")) as services:
        assert services.policy_review.history(5) == []
        assert "No review recorded" in services.policy_review.current().status.message


def changed_steps(data) -> list[tuple[int, str, str]]:
    """Every step corrected or withdrawn: its incident, its step and which."""
    found = []
    with open_signed_in(data_paths(data)) as services:
        for incident_id in services.incidents.ids(IncidentQuery()):
            for action in services.incidents.get(incident_id).actions:
                if action.corrected or action.withdrawn:
                    found.append((incident_id, action.step,
                                  "withdrawn" if action.withdrawn else "corrected"))
    return found


def test_the_step_correct_screen_is_never_drawn_on_a_schools_own_records(cli, gui,
                                                                         tmp_path):
    data = tmp_path / "data"
    with set_up(data) as services:
        incident(services)
    out = tmp_path / "step-correct.png"
    result = cli.signed_in(data, "screenshot", "step-correct", "-o", out)
    assert result.returncode == 1
    assert "only on a demo school" in result.stderr
    assert not out.exists()
    assert changed_steps(data) == []


def test_the_step_correct_screen_shows_a_demo_step_corrected_and_one_withdrawn(cli, gui,
                                                                               tmp_path):
    demo = tmp_path / "demo"
    assert cli("--data-dir", demo, "demo", "--incidents", "500").returncode == 0
    out = tmp_path / "step-correct.png"
    result = cli.signed_in(demo, "screenshot", "step-correct", "-o", out)
    assert result.returncode == 0, result.stderr
    assert png_size(out) == (1366, 768)
    first = changed_steps(demo)
    (incident_id, *_rest), _second = first
    assert sorted(kind for _i, _s, kind in first) == ["corrected", "withdrawn"]
    assert {i for i, _s, _k in first} == {incident_id}
    assert ("headteacher_meeting" in {s for _i, s, k in first if k == "corrected"})
    # Drawn again, it shows the same incident: nothing more is corrected or withdrawn.
    again = cli.signed_in(demo, "screenshot", "step-correct", "-o", out)
    assert again.returncode == 0, again.stderr
    assert changed_steps(demo) == first
