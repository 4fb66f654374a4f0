"""`avenue-desk backup -o FILE` and `avenue-desk restore FILE`, run through the command's
``main`` as a person would type them."""

from __future__ import annotations

from avenue_desk.services.core import records_key
from avenue_desk.services.safety.instance_lock import InstanceLock
from avenue_desk.store import keyring
from tests.helpers.accounts import open_signed_in as open_services
from tests.helpers.backups import fill, rewrite
from tests.helpers.postgres import sqlite_only
from tests.helpers.records import incident_input


def test_backup_to_a_file_then_restore_it(cli, paths, tmp_path):
    with open_services(paths) as services:
        fill(services, tmp_path, incidents=3)
    target = tmp_path / "for the police.zip"
    done = cli.signed_in(paths.data_dir, "backup", "-o", target)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert f"to {target}" in out and "3 incident(s)" in out and "2 evidence file(s)" in out
    with open_services(paths) as services:
        services.incidents.create(incident_input(summary="After the backup"))
    restored = cli.signed_in(paths.data_dir, "restore", target)
    assert restored.returncode == 0, restored.stderr
    out = restored.stdout
    assert "Restored the backup" in out
    # A data folder keeps the records it replaced; a server's restore keeps none aside.
    assert ("kept in" in out) == paths.uses_sqlite_file
    with open_services(paths) as services:
        assert services.backup.live_counts()["incidents"] == 3


def test_backup_with_no_output_goes_to_the_backup_folder(cli, paths):
    open_services(paths).close()
    done = cli.signed_in(paths.data_dir, "backup")
    assert done.returncode == 0, done.stderr
    assert f"to {paths.backups_dir}" in done.stdout


def test_restore_is_refused_while_the_app_is_open(cli, paths, tmp_path):
    with open_services(paths) as services:
        fill(services, tmp_path, incidents=1)
    target = tmp_path / "b.zip"
    assert cli.signed_in(paths.data_dir, "backup", "-o", target).returncode == 0
    with InstanceLock(paths.data_dir):  # the app, holding the data folder
        refused = cli.signed_in(paths.data_dir, "restore", target)
    assert refused.returncode == 1
    err = refused.stderr
    assert "nothing was restored" in err and "already open on this computer" in err
    assert not list(paths.data_dir.glob("replaced-*"))


def test_a_tampered_backup_is_refused_and_check_only_replaces_nothing(cli, paths, tmp_path):
    with open_services(paths) as services:
        fill(services, tmp_path, incidents=2)
    good = tmp_path / "good.zip"
    assert cli.signed_in(paths.data_dir, "backup", "-o", good).returncode == 0
    checked = cli.signed_in(paths.data_dir, "restore", "--check", good)
    assert checked.returncode == 0
    assert "passed every check" in checked.stdout
    bad = rewrite(good, tmp_path / "bad.zip",
                  lambda name, data: data + b"!" if name.startswith("evidence/") else data)
    refused = cli.signed_in(paths.data_dir, "restore", bad)
    assert refused.returncode == 1
    err = refused.stderr
    assert "was not restored, and nothing was changed" in err
    assert "has been changed since the backup was made" in err
    assert cli.signed_in(paths.data_dir, "restore", "--check", bad).returncode == 1
    assert not list(paths.data_dir.glob("replaced-*"))


def test_a_missing_file_or_folder_is_a_plain_message(cli, paths, tmp_path):
    open_services(paths).close()
    missing = cli.signed_in(paths.data_dir, "restore", tmp_path / "nothing.zip")
    assert missing.returncode == 1
    assert "cannot be found" in missing.stderr
    nowhere = cli.signed_in(paths.data_dir, "backup", "-o", tmp_path / "E:" / "stick" / "b.zip")
    assert nowhere.returncode == 1
    assert "cannot be found" in nowhere.stderr


def test_records_at_a_database_url_are_restored_too_after_the_same_checks(cli, tmp_path):
    # Part 13 item 4: no longer refused ("backed up with its own tools"); the backup is
    # checked first, as for a data folder (tests/services/test_server_backup.py restores).
    refused = cli("--data-dir", tmp_path / "server", "--database-url", "sqlite://",
                  "--user", "head", "restore", tmp_path / "x.zip")
    assert refused.returncode == 1
    assert "x.zip cannot be found" in refused.stderr and "Traceback" not in refused.stderr


@sqlite_only("a server's records are the trust's to encrypt, not the app's")
def test_an_encrypted_backup_restores_on_a_new_computer_with_an_account_s_password(
        cli, paths, tmp_path):
    with open_services(paths) as services:
        fill(services, tmp_path, incidents=2)
    assert records_key.is_encrypted(paths)
    target = tmp_path / "stick.zip"
    assert cli.signed_in(paths.data_dir, "backup", "-o", target).returncode == 0
    keyring.forget()  # a new computer holds no key
    new_folder = tmp_path / "New PC"
    unnamed = cli("--data-dir", new_folder, "restore", target)
    assert unnamed.returncode == 1 and "This backup is encrypted" in unnamed.stderr
    wrong = cli.signed_in(new_folder, "restore", target, password="not the password")
    assert wrong.returncode == 1
    assert "do not open this backup" in wrong.stderr
    assert not (new_folder / "avenue-desk.sqlite3").exists()
    restored = cli.signed_in(new_folder, "restore", target)
    assert restored.returncode == 0, restored.stderr
    assert "2 incident(s)" in restored.stdout
    assert (new_folder / "records-key.json").exists()
