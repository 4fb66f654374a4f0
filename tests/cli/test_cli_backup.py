"""`avenue-desk backup -o FILE` and `avenue-desk restore FILE`, called as the command line
calls them (run_backup_command with parsed arguments)."""

from __future__ import annotations

import argparse

import pytest

from avenue_desk.cli.backup import add_backup_parsers, run_backup_command
from avenue_desk.paths import AppPaths
from avenue_desk.services.safety.instance_lock import InstanceLock
from tests.services.account_helpers import HEAD_PASSWORD
from tests.services.account_helpers import open_signed_in as open_services
from tests.services.backup_helpers import fill, rewrite
from tests.services.helpers import incident_input


@pytest.fixture(autouse=True)
def password(monkeypatch):
    monkeypatch.setenv("AVENUE_DESK_PASSWORD", HEAD_PASSWORD)


def command(paths, *argv, user: str = "head") -> int:
    parser = argparse.ArgumentParser(prog="avenue-desk")
    parser.add_argument("--user")
    add_backup_parsers(parser.add_subparsers(dest="command"))
    return run_backup_command(parser.parse_args(["--user", user, *map(str, argv)]), paths)


def test_backup_to_a_file_then_restore_it(paths, tmp_path, capsys):
    with open_services(paths) as services:
        fill(services, tmp_path, incidents=3)
    target = tmp_path / "for the police.zip"
    assert command(paths, "backup", "-o", target) == 0
    out = capsys.readouterr().out
    assert f"to {target}" in out and "3 incident(s)" in out and "2 evidence file(s)" in out
    with open_services(paths) as services:
        services.incidents.create(incident_input(summary="After the backup"))
    assert command(paths, "restore", target) == 0
    out = capsys.readouterr().out
    assert "Restored the backup" in out and "kept in" in out
    with open_services(paths) as services:
        assert services.backup.live_counts()["incidents"] == 3


def test_backup_with_no_output_goes_to_the_backup_folder(paths, capsys):
    open_services(paths).close()
    assert command(paths, "backup") == 0
    assert f"to {paths.backups_dir}" in capsys.readouterr().out


def test_restore_is_refused_while_the_app_is_open(paths, tmp_path, capsys):
    with open_services(paths) as services:
        fill(services, tmp_path, incidents=1)
    target = tmp_path / "b.zip"
    assert command(paths, "backup", "-o", target) == 0
    with InstanceLock(paths.data_dir):  # the app, holding the data folder
        assert command(paths, "restore", target) == 1
    err = capsys.readouterr().err
    assert "nothing was restored" in err and "already open on this computer" in err
    assert not list(paths.data_dir.glob("replaced-*"))


def test_a_tampered_backup_is_refused_and_check_only_replaces_nothing(paths, tmp_path,
                                                                      capsys):
    with open_services(paths) as services:
        fill(services, tmp_path, incidents=2)
    good = tmp_path / "good.zip"
    assert command(paths, "backup", "-o", good) == 0
    assert command(paths, "restore", "--check", good) == 0
    assert "passed every check" in capsys.readouterr().out
    bad = rewrite(good, tmp_path / "bad.zip",
                  lambda name, data: data + b"!" if name.startswith("evidence/") else data)
    assert command(paths, "restore", bad) == 1
    err = capsys.readouterr().err
    assert "was not restored, and nothing was changed" in err
    assert "has been changed since the backup was made" in err
    assert command(paths, "restore", "--check", bad) == 1
    assert not list(paths.data_dir.glob("replaced-*"))


def test_a_missing_file_or_folder_is_a_plain_message(paths, tmp_path, capsys):
    open_services(paths).close()
    assert command(paths, "restore", tmp_path / "nothing.zip") == 1
    assert "cannot be found" in capsys.readouterr().err
    assert command(paths, "backup", "-o", tmp_path / "E:" / "stick" / "b.zip") == 1
    assert "cannot be found" in capsys.readouterr().err


def test_a_database_server_is_not_backed_up_here(tmp_path, capsys):
    paths = AppPaths(tmp_path / "server", database_url_override="sqlite://")
    assert command(paths, "restore", tmp_path / "x.zip") == 1
    assert "database server" in capsys.readouterr().err
