"""``avenue-desk screenshot``: a 1366×768 PNG of a screen, for the account signed in
(``login`` needs nobody; ``audit`` needs the Headteacher). Run in the test process, the
command draws with the test's QApplication (the ``gui`` fixture); test_console_script.py
runs it once as a real process with no display at all."""

from __future__ import annotations

import pytest

from tests.helpers.cli import set_up
from tests.helpers.images import png_size
from tests.helpers.records import incident


@pytest.mark.parametrize("screen", ["home", "incidents", "people", "reports", "settings",
                                    "first-run", "login", "lock", "audit", "accounts"])
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
