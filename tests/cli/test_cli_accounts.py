"""Signing in on the command line, ``init``, ``audit``, and ``check`` catching an audit row
edited in the file: the command's ``main`` on real files."""

from __future__ import annotations

import csv
import io
import re

import pytest

from avenue_desk.cli import sign_in as cli_auth
from avenue_desk.services.core.errors import ServiceError
from tests.helpers.cli import PASSWORD, set_up
from tests.helpers.databases import data_paths, dump, raw_sql
from tests.helpers.records import incident_input

CODE = re.compile(r"\b[0-9A-Z]{5}(?:-[0-9A-Z]{5}){4}\b")


def test_init_makes_the_database_and_its_administrator_and_shows_the_code_once(cli, tmp_path):
    data = tmp_path / "school"
    made = cli("--data-dir", data, "init", "--school", "The Avenue Primary School",
               "--head", "Mrs A Patel", "--admin-user", "apatel",
               password="Seven long words walk home")
    assert made.returncode == 0, made.stderr
    (code,) = CODE.findall(made.stdout)
    assert "shown only this once" in made.stdout
    assert "Seven long words walk home" not in made.stdout + made.stderr
    records = data_paths(data)
    assert raw_sql(records, "SELECT username, role, must_change_password FROM users") == [
        ("apatel", "head", False)]
    everything = dump(records)
    school = raw_sql(records, "SELECT value FROM settings WHERE key = 'school_name'")
    assert code not in everything and code.replace("-", "") not in everything
    assert school == [("The Avenue Primary School",)]
    signed = cli("--data-dir", data, "--user", "apatel", "check",
                 password="Seven long words walk home")
    assert signed.returncode == 0, signed.stderr

    again = cli("--data-dir", data, "init", "--school", "X", "--head", "Y",
                "--admin-user", "other", password="Another long password")
    assert again.returncode == 1 and "already has an Avenue Desk database" in again.stderr
    assert CODE.findall(again.stdout) == []


def test_init_with_a_weak_password_or_none_makes_nothing(cli, tmp_path):
    data = tmp_path / "school"
    weak = cli("--data-dir", data, "init", "--school", "S", "--head", "H",
               "--admin-user", "apatel", password="password1")
    assert weak.returncode == 1 and "commonest" in weak.stderr
    missing = cli("--data-dir", data, "init", "--school", "S", "--head", "H",
                  "--admin-user", "apatel", password=None)
    assert missing.returncode == 1
    assert "set AVENUE_DESK_PASSWORD" in missing.stderr and "terminal" in missing.stderr
    assert not data.exists()


@pytest.mark.parametrize("command", [
    ("import", "people", "people.csv"), ("export", "incidents", "-o", "out.csv"), ("check",),
    ("audit", "-o", "audit.csv"), ("summary", "--term", "autumn-2026", "-o", "s.pdf"),
    ("conduct", "register", "-o", "r.csv"), ("backup",),
])
def test_a_folder_with_no_database_says_to_run_init_and_makes_no_file(cli, tmp_path, command):
    result = cli("--data-dir", tmp_path / "none", "--user", "head", *command)
    assert result.returncode == 1
    assert "There is no Avenue Desk database in" in result.stderr
    assert "init --school NAME --head NAME --admin-user NAME" in result.stderr
    assert not (tmp_path / "none").exists()


def test_every_command_signs_in(cli, tmp_path):
    data = tmp_path / "data"
    set_up(data).close()
    nobody = cli("--data-dir", data, "check")
    assert nobody.returncode == 1 and "--user NAME" in nobody.stderr
    no_password = cli("--data-dir", data, "--user", "head", "check",
                      password=None)
    assert no_password.returncode == 1 and "AVENUE_DESK_PASSWORD" in no_password.stderr
    wrong = cli("--data-dir", data, "--user", "head", "check",
                password="not the right one")
    assert wrong.returncode == 1
    assert "Wrong username or password. 4 tries left" in wrong.stderr
    assert "not the right one" not in wrong.stderr + wrong.stdout
    right = cli("--data-dir", data, "--user", "HEAD", "check")  # any case
    assert right.returncode == 0, right.stderr
    with set_up(data) as services:
        trail = services.audit.page()
    failed = next(r for r in trail if r.action == "sign_in_failed")
    assert failed.origin.startswith("cli on ") and failed.username == "head"


def test_the_audit_command_exports_dates_and_is_the_headteachers(cli, tmp_path):
    data = tmp_path / "data"
    with set_up(data) as services:
        services.accounts.create_user("office", "Mr Office", "office", "k7qx-2mfr-9tza")
        office = services.accounts.authenticate("office", "k7qx-2mfr-9tza")
        services.accounts.change_password(office, "k7qx-2mfr-9tza", "Blue kettle on the shelf")
    out = tmp_path / "audit.csv"
    done = cli("--data-dir", data, "--user", "head", "audit", "--from", "2000-01-01",
               "--to", "2100-12-31", "-o", out)
    assert done.returncode == 0, done.stderr
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:4] == ["When", "User", "Role", "Action"]
    assert {"Account created", "Signed in", "Password changed"} <= {r[3] for r in rows[1:]}
    none = cli("--data-dir", data, "--user", "head", "audit", "--from", "2001-01-01",
               "--to", "2001-12-31", "-o", tmp_path / "none.csv")
    assert none.returncode == 0 and "Exported 0 audit event(s)" in none.stdout
    refused = cli("--data-dir", data, "--user", "office", "audit", "-o", tmp_path / "x.csv",
                  password="Blue kettle on the shelf")
    assert refused.returncode == 1
    assert "Only the Headteacher's (administrator's) account can export" in refused.stderr
    assert not (tmp_path / "x.csv").exists()


def test_check_catches_an_audit_row_edited_in_the_file(cli, tmp_path):
    data = tmp_path / "data"
    with set_up(data) as services:
        for number in range(3):
            services.incidents.create(incident_input(summary=f"Incident {number}"))
    clean = cli("--data-dir", data, "--user", "head", "check")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    (fingerprint,) = re.findall(r"Audit trail fingerprint \(its latest event's\): row \d+ · "
                                r"[0-9a-f ]{19} \(([0-9a-f]{64})\)", clean.stdout)
    records = data_paths(data)
    # What someone with the file (or the owner's role on the server) could do.
    guard = "audit_log_no_update" if records.uses_sqlite_file else "audit_log_no_change"
    raw_sql(records, f"DROP TRIGGER {guard}" + ("" if records.uses_sqlite_file
                                                else " ON audit_log"),
            "UPDATE audit_log SET username = 'nobody' WHERE id = 3")
    caught = cli("--data-dir", data, "--user", "head", "check")
    assert caught.returncode == 1
    assert "PROBLEM: Audit trail: Audit row 3 was changed after it was written." in caught.stdout
    assert f"{guard}) has been removed" in caught.stdout
    assert caught.stdout.splitlines()[-1].startswith("Result: FAILED")
    assert fingerprint not in caught.stdout  # the latest event is another one now


def test_no_password_hash_or_recovery_code_in_any_output_export_or_log(cli, tmp_path):
    data = tmp_path / "school"
    password = "Seven long words walk home"
    made = cli("--data-dir", data, "init", "--school", "Elm Grove", "--head", "Mrs H",
               "--admin-user", "apatel", password=password)
    assert made.returncode == 0, made.stderr
    (code,) = CODE.findall(made.stdout)
    outputs = [made.stderr]
    for args, pw in ((("--user", "apatel", "check"), "a wrong password!"),
                     (("--user", "apatel", "export", "incidents", "-o", tmp_path / "i.csv"),
                      password),
                     (("--user", "apatel", "audit", "-o", tmp_path / "a.csv"), password),
                     (("--user", "apatel", "backup", "-o", tmp_path / "b.zip"), password),
                     (("--user", "nosuchuser", "check"), password)):
        result = cli("--data-dir", data, *args, password=pw)
        outputs += [result.stdout, result.stderr]
    records = data_paths(data)
    hashes = [h for (h,) in raw_sql(records, "SELECT password_hash FROM users")]
    hashes += [h for (h,) in raw_sql(records, "SELECT code_hash FROM recovery_codes")]
    outputs += [(tmp_path / name).read_text("utf-8-sig") for name in ("i.csv", "a.csv")]
    text = "\n".join(outputs)
    for secret in (password, "a wrong password!", code, code.replace("-", ""), "$argon2",
                   *hashes):
        assert secret not in text


def test_the_password_prompt_does_not_echo_and_needs_a_terminal(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    asked = []
    monkeypatch.setattr(cli_auth.getpass, "getpass",
                        lambda prompt: asked.append(prompt) or PASSWORD)
    assert cli_auth.read_password("Password for head: ", {}, Terminal()) == PASSWORD
    assert asked == ["Password for head: "]
    assert cli_auth.read_password("x", {"AVENUE_DESK_PASSWORD": "from env"}, None) == "from env"
    with pytest.raises(ServiceError, match="AVENUE_DESK_PASSWORD"):
        cli_auth.read_password("x", {}, io.StringIO())
    answers = iter(["one long password", "another one"])
    monkeypatch.setattr(cli_auth.getpass, "getpass", lambda prompt: next(answers))
    with pytest.raises(ServiceError, match="not the same"):
        cli_auth.read_new_password({}, Terminal())
