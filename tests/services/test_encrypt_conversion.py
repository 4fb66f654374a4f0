"""Turning encryption on for an existing plain school (issue 18 item 4, docs/encryption.md):
a small demo school converted, then looked at as a thief with the disk would (raw bytes) and
as the office would (signing in with each kind of secret). The conversion's crash safety is
tests/services/test_encrypt_conversion_kills.py's.
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest

from avenue_desk.demo.accounts import make_demo
from avenue_desk.paths import AppPaths
from avenue_desk.services.accounts.passwords import normalise_recovery_code
from avenue_desk.services.container import open_services
from avenue_desk.services.core import records_key
from avenue_desk.services.core.clock import FixedClock
from avenue_desk.services.core.data_key import KeyFile, SecretRefused
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.core.sealed_files import is_sealed, sealed_sha256
from avenue_desk.services.safety.encrypt import (
    EncryptionRefused,
    encrypt_records,
    refuse_unless_plain,
)
from avenue_desk.services.safety.verify import verify_backup
from avenue_desk.store import keyring
from tests.helpers.accounts import HEAD_PASSWORD, OWN_PASSWORD, cheap_hashing
from tests.helpers.cli import CommandLine
from tests.helpers.postgres import sqlite_only

CLOCK = datetime(2026, 11, 21, 9, 30)
DEMO_INCIDENTS = 40
# Changed by the conversion itself: the accounts' passwords and codes, and the trail's new rows.
CHANGED = {"users", "recovery_codes", "audit_log", "sign_in_failures", "sqlite_sequence"}


@pytest.fixture(autouse=True)
def _no_key_left():
    """Each test starts, and ends, with no records' key in this process's memory."""
    keyring.forget()
    yield
    keyring.forget()


@pytest.fixture(scope="module")
def plain_demo(tmp_path_factory) -> Path:
    """A plain demo school (made once; each test converts a copy), with a recovery code."""
    folder = tmp_path_factory.mktemp("plain") / "Avenue Desk"
    with _open(AppPaths(folder)) as services:
        make_demo(services, HEAD_PASSWORD, incidents=DEMO_INCIDENTS)
        services.accounts.renew_recovery_code(services.actor)
    return folder


@pytest.fixture
def school(plain_demo, tmp_path) -> AppPaths:
    folder = tmp_path / "Avenue Desk"
    shutil.copytree(plain_demo, folder)
    return AppPaths(folder)


def _open(paths: AppPaths):
    return open_services(paths, FixedClock(CLOCK), origin="test", hashing=cheap_hashing(),
                         encrypt_new=False)


def _head(paths: AppPaths, username: str = "head"):
    """The actor the command line hands over, signed in to the plain records (every demo
    account has the Headteacher's password)."""
    with _open(paths) as services:
        return services.accounts.authenticate(username, HEAD_PASSWORD)


def _convert(paths: AppPaths, password: str = HEAD_PASSWORD, username: str = "head"):
    return encrypt_records(paths, _head(paths, username), password, FixedClock(CLOCK),
                           hashing=cheap_hashing(), origin="test")


def _tables(connection) -> dict[str, list[tuple]]:
    """Every table's rows but SQLite's statistics (SQLCipher's SQLite keeps more of them)."""
    names = [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND rootpage > 0 "
        "AND name NOT LIKE 'sqlite_stat%'")]
    return {name: connection.execute(f'SELECT * FROM "{name}" ORDER BY 1').fetchall()
            for name in names}


def _plain_tables(paths: AppPaths) -> dict[str, list[tuple]]:
    with closing(sqlite3.connect(paths.database_file)) as connection:
        return _tables(connection)


def _files(paths: AppPaths) -> list[Path]:
    """Every file in the data folder but the backups (plain by nature: see the lines)."""
    return [path for path in paths.data_dir.rglob("*")
            if path.is_file() and paths.backups_dir not in path.parents]


def _evidence(paths: AppPaths) -> dict[str, str]:
    with closing(sqlite3.connect(paths.database_file)) as connection:
        return dict(connection.execute("SELECT stored_name, sha256 FROM evidence"))


def test_a_plain_school_is_encrypted_and_every_record_reads_back_the_same(school):
    before = _plain_tables(school)
    recorded = _evidence(school)
    originals = {name: (school.evidence_dir / name).read_bytes() for name in recorded}
    with closing(sqlite3.connect(school.database_file)) as connection:
        (name,) = connection.execute("SELECT full_name FROM people ORDER BY id").fetchone()
        incident_id, excerpt = connection.execute(
            "SELECT id, excerpt FROM incidents ORDER BY length(excerpt) DESC").fetchone()
    assert recorded, "the demo school has evidence files to seal"

    result = _convert(school)

    # What a thief with the disk sees: nothing readable, in any file of the data folder.
    probes = [name.encode(), excerpt.encode(), keyring.PLAIN_HEADER, b"CREATE TABLE"]
    probes += [content[len(content) // 2:len(content) // 2 + 64] for content in originals.values()]
    for path in _files(school):
        raw = path.read_bytes()
        for probe in probes:
            assert probe not in raw, (path.name, probe[:30])
    assert {p.name for p in school.data_dir.iterdir()} >= {"records-key.json"}
    assert not [p for p in school.data_dir.iterdir()
                if p.name.startswith((".restore-", "replaced-", "restore-in-progress"))]

    # Every row of every table the conversion does not change is the same, read with the key.
    with closing(keyring.connect(school.database_file)) as connection:
        after = _tables(connection)
    assert after.keys() == before.keys()
    for table in before.keys() - CHANGED:
        assert after[table] == before[table], table
    assert after["audit_log"][:len(before["audit_log"])] == before["audit_log"]
    actions = [row for row in after["audit_log"][len(before["audit_log"]):]]
    assert any("Records encrypted" in str(row) for row in actions)

    # Every evidence file sealed, its original fingerprint still the recorded one.
    key = records_key.data_key(school)
    for stored, digest in recorded.items():
        assert is_sealed(school.evidence_dir / stored)
        assert sealed_sha256(key, school.evidence_dir / stored) == digest

    # The backup made first is a good one, of the plain records.
    assert verify_backup(result.backup).ok
    assert result.evidence_files == len(recorded)
    assert "recovery code" in "\n".join(result.lines())
    assert result.recovery_code not in repr(result)

    # The Headteacher signs in with their own password, from nothing in memory.
    keyring.forget()
    records_key.unlock_with_password(school, "head", HEAD_PASSWORD)
    with _open(school) as services:
        services.accounts.authenticate("head", HEAD_PASSWORD)
        checked = {record.stored_name: (record.sha256, check.ok)
                   for record, check in services.evidence.verify_all()}
        assert checked == {stored: (digest, True) for stored, digest in recorded.items()}
        assert services.incidents.get(incident_id).excerpt == excerpt
        report = services.health.check()
        assert report.ok, report.lines


def test_the_other_accounts_sign_in_with_their_temporary_passwords_only(school):
    result = _convert(school)
    temporary = {account.username: account.password for account in result.temporary}
    assert set(temporary) == {"office", "governor", "staff"}
    assert all(password not in repr(result) for password in temporary.values())

    keyring.forget()
    with pytest.raises(SecretRefused):  # the demo's shared password opens nothing now
        records_key.unlock_with_password(school, "office", HEAD_PASSWORD)
    records_key.unlock_with_password(school, "office", temporary["office"])
    with _open(school) as services:
        office = services.accounts.authenticate("office", temporary["office"])
        assert office.must_change_password
        services.accounts.replace_temporary_password(office, OWN_PASSWORD)
    keyring.forget()
    records_key.unlock_with_password(school, "office", OWN_PASSWORD)
    keys = KeyFile.load(records_key.key_file(school))
    assert len(keys.entries) == 5  # four accounts and the recovery code


def test_the_new_recovery_code_opens_the_records_and_the_old_one_does_not(school):
    with _open(school) as services:  # the code issued before, known here to try it
        services.accounts.authenticate("head", HEAD_PASSWORD)
        old_code = services.accounts.renew_recovery_code(services.actor)
    result = _convert(school)

    keyring.forget()
    with pytest.raises(SecretRefused):
        records_key.unlock_with_recovery_code(school, normalise_recovery_code(old_code))
    records_key.unlock_with_recovery_code(school, normalise_recovery_code(result.recovery_code))
    with _open(school) as services:
        with pytest.raises(ServiceError):
            services.accounts.reset_admin_with_recovery_code(old_code, OWN_PASSWORD)
        services.accounts.reset_admin_with_recovery_code(result.recovery_code, OWN_PASSWORD)
    keyring.forget()
    records_key.unlock_with_password(school, "head", OWN_PASSWORD)


def test_refused_for_another_account_a_server_and_records_encrypted_already(school, tmp_path):
    office = _head(school, "office")
    dump = school.database_file.read_bytes()
    with pytest.raises(EncryptionRefused, match="Only a Headteacher"):
        encrypt_records(school, office, HEAD_PASSWORD, FixedClock(CLOCK),
                        hashing=cheap_hashing(), origin="test")
    assert school.database_file.read_bytes() == dump  # refused before anything was written
    assert not records_key.key_file(school).exists()

    server = AppPaths(tmp_path / "trust", "postgresql+psycopg://desk@db.example/avenue")
    with pytest.raises(EncryptionRefused, match="database server"):
        refuse_unless_plain(server)

    _convert(school)
    with pytest.raises(EncryptionRefused, match="encrypted already"):
        refuse_unless_plain(school)


def test_a_wrong_password_or_a_failed_backup_leaves_the_school_as_it_was(school, tmp_path):
    before = _plain_tables(school)
    with pytest.raises(ServiceError):
        _convert(school, password="not the password at all")
    _assert_plain(school, before)

    stick = tmp_path / "USB stick"
    stick.mkdir()
    with _open(school) as services:
        services.accounts.authenticate("head", HEAD_PASSWORD)
        services.backup.set_folder(stick)
    stick.rmdir()  # the stick taken out
    before = _plain_tables(school)
    with pytest.raises(EncryptionRefused, match="backup"):
        _convert(school)
    _assert_plain(school, before)


def _assert_plain(paths: AppPaths, before: dict[str, list[tuple]]) -> None:
    """Still plain and whole: the same rows (the trail may have grown: the backup's row, a
    refused sign-in's), no key file, nothing staged left behind."""
    assert paths.database_file.read_bytes().startswith(keyring.PLAIN_HEADER)
    assert not records_key.key_file(paths).exists()
    after = _plain_tables(paths)
    for table in before.keys() - CHANGED:
        assert after[table] == before[table], table
    assert not list(paths.data_dir.glob(".restore-*"))
    assert all(not is_sealed(path) for path in paths.evidence_dir.rglob("*") if path.is_file())


@sqlite_only("the command line of a PostgreSQL run is pointed at the server, not this folder")
def test_the_command_line_converts_and_prints_the_code_and_passwords_once(
        school, capsys, monkeypatch):
    cli = CommandLine(capsys, monkeypatch)
    refused = cli("--data-dir", school.data_dir, "--user", "office", "encrypt-records",
                  password=HEAD_PASSWORD)
    assert refused.returncode == 1
    assert "Only a Headteacher" in refused.stderr and "Traceback" not in refused.stderr
    assert not records_key.key_file(school).exists()

    ran = cli("--data-dir", school.data_dir, "--user", "head", "encrypt-records",
              password=HEAD_PASSWORD)
    assert ran.returncode == 0, ran.stderr
    assert "The new recovery code, shown only this once:" in ran.stdout
    for username in ("office", "governor", "staff"):
        assert f"  {username} (" in ran.stdout
    assert f"{DEMO_INCIDENTS:,} incident(s)" in ran.stdout
    assert "is not encrypted" in ran.stdout  # the backup made first, said plainly
    code = ran.stdout.split("shown only this once: ")[1].split()[0]
    keyring.forget()
    records_key.unlock_with_recovery_code(school, normalise_recovery_code(code))

    again = cli("--data-dir", school.data_dir, "--user", "head", "encrypt-records",
                password=HEAD_PASSWORD)
    assert again.returncode == 1 and "encrypted already" in again.stderr
    server = cli("--database-url", "postgresql+psycopg://desk@db.example/avenue", "--user",
                 "head", "encrypt-records", password=HEAD_PASSWORD)
    assert server.returncode == 1 and "database server" in server.stderr
