"""``avenue-desk screenshot``: a 1366×768 PNG of a screen, made without a display, for the
account signed in (``login`` needs nobody; ``audit`` needs the Headteacher)."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from tests.cli.cli_helpers import cli_env, run_cli, set_up


def run(*args, tmp_path=None, password: str | None = "default"):
    env = cli_env(keep_display=False) if password == "default" else cli_env(
        password=password, keep_display=False)  # it must manage without a display by itself
    return run_cli(*args, env=env)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("screen", ["home", "incidents", "people", "reports", "settings",
                                    "first-run", "login", "lock", "audit", "accounts"])
def test_each_screen_is_a_1366_by_768_png(tmp_path, screen):
    set_up(tmp_path / "data").close()
    out = tmp_path / f"{screen}.png"
    result = run("--data-dir", str(tmp_path / "data"), "--user", "head", "screenshot", screen,
                 "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert png_size(out) == (1366, 768)


def test_the_login_screen_needs_no_password_and_the_others_do(tmp_path):
    set_up(tmp_path / "data").close()
    out = tmp_path / "login.png"
    login = run("--data-dir", tmp_path / "data", "screenshot", "login", "-o", out,
                password=None)
    assert login.returncode == 0, login.stderr
    assert png_size(out) == (1366, 768)
    home = run("--data-dir", tmp_path / "data", "--user", "head", "screenshot", "home", "-o",
               tmp_path / "home.png", password=None)
    assert home.returncode == 1 and "AVENUE_DESK_PASSWORD" in home.stderr
    assert not (tmp_path / "home.png").exists()


def test_the_audit_screen_is_the_headteachers(tmp_path):
    with set_up(tmp_path / "data") as services:
        services.accounts.create_user("office", "Mr Office", "office", "k7qx-2mfr-9tza")
    # A temporary password: the command says to choose one's own first.
    result = run("--data-dir", tmp_path / "data", "--user", "office", "screenshot", "audit",
                 "-o", tmp_path / "audit.png", password="k7qx-2mfr-9tza")
    assert result.returncode == 1 and "temporary" in result.stderr
    assert "k7qx-2mfr-9tza" not in result.stderr + result.stdout
    assert not (tmp_path / "audit.png").exists()


def test_a_folder_with_no_database_says_to_run_init_and_makes_none(tmp_path):
    out = tmp_path / "incident.png"
    result = run("--data-dir", str(tmp_path / "data"), "--user", "head", "screenshot",
                 "incident", "-o", str(out))
    assert result.returncode == 1
    assert "init --school NAME" in result.stderr
    assert not out.exists() and not (tmp_path / "data").exists()


def test_the_incident_screen_needs_an_incident(tmp_path):
    set_up(tmp_path / "data").close()
    out = tmp_path / "incident.png"
    result = run("--data-dir", str(tmp_path / "data"), "--user", "head", "screenshot",
                 "incident", "-o", str(out))
    assert result.returncode == 1
    assert "no incidents" in result.stderr
    assert not out.exists()


def test_the_smoke_test_paints_the_sign_in_on_a_fresh_folder_and_signs_nobody_in(tmp_path):
    result = run("--data-dir", str(tmp_path / "fresh"), "--smoke-test", password=None)
    assert result.returncode == 0, result.stderr
    assert "painted" in result.stderr


def test_the_incident_screen_shows_the_first_incident(tmp_path):
    pytest.importorskip("avenue_desk.ui.dialogs.incident_editor")
    from tests.ui.builders import incident

    data = tmp_path / "data"
    with set_up(data) as services:
        incident(services, summary="Post about the nativity play <b>&amp; “quotes”</b>.")
    out = tmp_path / "incident.png"
    result = run("--data-dir", str(data), "--user", "head", "screenshot", "incident", "-o",
                 str(out))
    assert result.returncode == 0, result.stderr
    assert png_size(out) == (1366, 768)
