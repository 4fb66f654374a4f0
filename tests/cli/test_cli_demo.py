"""`avenue-desk demo` as the office would run it on a new data folder, which gets the demo
school and its four accounts (no sign-in: there is nobody to sign in as yet)."""

from __future__ import annotations

from avenue_desk.demo.school import NOT_EMPTY, SCHOOL_NAME
from tests.helpers.databases import data_paths, raw_sql


def _demo(cli, data_dir, *before, password=None):
    return cli("--data-dir", data_dir, *before, "demo", "--incidents", "50", "--seed", "7",
               password=password)


def test_demo_fills_a_new_folder_and_refuses_to_fill_it_twice(cli, tmp_path):
    first = _demo(cli, tmp_path / "demo")
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert lines[0].startswith(f"Created the demo school '{SCHOOL_NAME}': 210 pupils, ")
    assert lines[0].endswith("50 incidents over three school years.")
    assert lines[1] == "Demo accounts: head, office, governor, staff (one for each kind of " \
                       "account)."
    assert lines[2].startswith("Their password, shown only this once: ")
    password = lines[2].rsplit(" ", 1)[1]
    assert len(password) >= 10 and password not in first.stderr
    assert raw_sql(data_paths(tmp_path / "demo"), "SELECT count(*) FROM incidents") == [(50,)]

    # Now it has accounts: a second demo needs its Headteacher, and is refused anyway.
    unsigned = _demo(cli, tmp_path / "demo")
    assert unsigned.returncode != 0 and "--user" in unsigned.stderr
    second = _demo(cli, tmp_path / "demo", "--user", "head", password=password)
    assert second.returncode != 0
    assert NOT_EMPTY in second.stderr
    assert second.stdout == ""
    office = cli("--data-dir", tmp_path / "demo", "--user", "office", "export",
                 "incidents", "-o", tmp_path / "out.csv", password=password)
    assert office.returncode == 0, office.stderr


def test_the_demo_password_can_come_from_the_environment(cli, tmp_path):
    made = _demo(cli, tmp_path / "demo", password="Correct-Horse-42")
    assert made.returncode == 0, made.stderr
    assert "Correct-Horse-42" not in made.stdout + made.stderr
    assert "the one in AVENUE_DESK_PASSWORD" in made.stdout
    for user in ("head", "office", "governor", "staff"):
        signed = cli("--data-dir", tmp_path / "demo", "--user", user, "guidance", "-o",
                     tmp_path / f"{user}.pdf", password="Correct-Horse-42")
        refused = user == "staff"  # the guidance sheet: all but a staff account
        assert (signed.returncode != 0) == refused, signed.stderr
