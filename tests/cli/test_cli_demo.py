"""`avenue-desk demo` as the office would run it: a real process on a new data folder, which
gets the demo school and its four accounts (no sign-in: there is nobody to sign in as yet)."""

from __future__ import annotations

import subprocess

from avenue_desk.demo.school import NOT_EMPTY, SCHOOL_NAME
from tests.cli.cli_helpers import cli_env, run_cli


def _demo(data_dir, *before, env=None) -> subprocess.CompletedProcess:
    return run_cli("--data-dir", data_dir, *before, "demo", "--incidents", "50", "--seed", "7",
                   env=env)


def test_demo_fills_a_new_folder_and_refuses_to_fill_it_twice(tmp_path):
    first = _demo(tmp_path / "demo", env=cli_env(password=None))
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert lines[0].startswith(f"Created the demo school '{SCHOOL_NAME}': 210 pupils, ")
    assert lines[0].endswith("50 incidents over three school years.")
    assert lines[1] == "Demo accounts: head, office, governor, staff (one for each kind of " \
                       "account)."
    assert lines[2].startswith("Their password, shown only this once: ")
    password = lines[2].rsplit(" ", 1)[1]
    assert len(password) >= 10 and password not in first.stderr
    assert (tmp_path / "demo" / "avenue-desk.sqlite3").is_file()

    # Now it has accounts: a second demo needs its Headteacher, and is refused anyway.
    unsigned = _demo(tmp_path / "demo", env=cli_env(password=None))
    assert unsigned.returncode != 0 and "--user" in unsigned.stderr
    second = _demo(tmp_path / "demo", "--user", "head", env=cli_env(password=password))
    assert second.returncode != 0
    assert NOT_EMPTY in second.stderr
    assert second.stdout == ""
    office = run_cli("--data-dir", tmp_path / "demo", "--user", "office", "export",
                     "incidents", "-o", tmp_path / "out.csv", env=cli_env(password=password))
    assert office.returncode == 0, office.stderr


def test_the_demo_password_can_come_from_the_environment(tmp_path):
    made = _demo(tmp_path / "demo", env=cli_env(password="Correct-Horse-42"))
    assert made.returncode == 0, made.stderr
    assert "Correct-Horse-42" not in made.stdout + made.stderr
    assert "the one in AVENUE_DESK_PASSWORD" in made.stdout
    for user in ("head", "office", "governor", "staff"):
        signed = run_cli("--data-dir", tmp_path / "demo", "--user", user, "guidance", "-o",
                         tmp_path / f"{user}.pdf", env=cli_env(password="Correct-Horse-42"))
        refused = user == "staff"  # the guidance sheet: all but a staff account
        assert (signed.returncode != 0) == refused, signed.stderr
