"""An encrypted school's backups (issue 18): nothing of the records shows in the zip, yet
it is checked, restored on its own, and a restore killed at any moment leaves the old
records or the new, each with its own key file.

The school is the ``services`` fixture's (encrypted, as every new school is); on a run of
plain files (``AVENUE_DESK_TEST_PLAIN=1``) it is made here as ``open_services`` makes any
new school, encrypted from its first byte.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import zipfile
from contextlib import closing
from pathlib import Path

import pytest

from avenue_desk.app import open_records
from avenue_desk.paths import AppPaths
from avenue_desk.services.container import open_services
from avenue_desk.services.core import records_key
from avenue_desk.services.core.damage import damage_of
from avenue_desk.services.core.database import open_database
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.core.sealed_files import is_sealed
from avenue_desk.services.safety.archive import write_backup
from avenue_desk.services.safety.restore import (
    PLAIN_OVER_ENCRYPTED,
    RestoreRefused,
    restore_backup,
)
from avenue_desk.services.safety.verify import unlock_backup, verify_backup
from avenue_desk.store import keyring
from avenue_desk.store.engine import make_engine
from avenue_desk.store.migrate import MIGRATIONS_DIR, head_revision, upgrade
from tests.helpers.accounts import HEAD_PASSWORD, ORIGIN, cheap_hashing, open_signed_in
from tests.helpers.backups import rewrite
from tests.helpers.images import write_png
from tests.helpers.postgres import sqlite_only
from tests.helpers.records import incident_input, person

pytestmark = sqlite_only("only a data folder's SQLite file is encrypted (a server's records "
                         "are the trust's to protect)")

ROOT = Path(__file__).resolve().parents[2]
WAIT_S = 120  # a bound for a busy machine, not a timing assertion
NAME = "Philippa Quaxwell-Zorin"
EXCERPT = "Zanzibar marmalade ultimatum 7731"
SUMMARY = "Thornbury cloakroom wheelbarrow complaint"
KEY_FILE = keyring.KEY_FILE


def new_school(folder: Path, clock):
    """A new school as the app makes one: its key before its records file, then the
    Headteacher's account (the key file's first copies); signed in."""
    services = open_services(AppPaths(folder), clock, origin=ORIGIN, hashing=cheap_hashing())
    services.accounts.create_first_admin("head", "Mrs Patel", HEAD_PASSWORD)
    services.accounts.authenticate("head", HEAD_PASSWORD)
    return services


@pytest.fixture
def forget_keys(monkeypatch):
    """``forget_keys()``: this program as if just started, holding no key, for this test
    only (the keys it held are back for the next one)."""
    monkeypatch.setattr(keyring, "_UNLOCKED", dict(keyring._UNLOCKED))
    return keyring.forget


@pytest.fixture
def school(services, tmp_path, clock):
    """An encrypted school holding a person, an incident and a sealed evidence file whose
    words can be looked for in the backup's bytes."""
    opened = services
    if not records_key.is_encrypted(services.paths):  # a run of plain files
        opened = new_school(tmp_path / "Encrypted school", clock)
    try:
        assert records_key.is_encrypted(opened.paths)
        poster = person(opened, NAME, "parent")
        saved = opened.incidents.create(incident_input(summary=SUMMARY, excerpt=EXCERPT,
                                                       poster_id=poster.id))
        opened.evidence.add(saved.id, write_png(tmp_path / "shot.png", width=7, height=5))
        yield opened
    finally:
        if opened is not services and not opened.db.closed:
            opened.close()


def records_in(paths: AppPaths) -> tuple[list[str], list[str]]:
    """The incidents' excerpts and the people's names in the file, read with its key."""
    with closing(keyring.connect(paths.database_file)) as connection:
        excerpts = [row[0] for row in connection.execute("SELECT excerpt FROM incidents")]
        names = [row[0] for row in connection.execute("SELECT full_name FROM people")]
    return excerpts, names


def secrets_of(services) -> list[bytes]:
    """What must never show in a backup's bytes: the names and words of the records and the
    accounts' password and recovery code hashes."""
    with closing(keyring.connect(services.paths.database_file)) as connection:
        hashes = [row[0] for row in connection.execute(
            "SELECT password_hash FROM users UNION ALL SELECT code_hash FROM recovery_codes")]
    assert hashes and all(hashes)
    words = [NAME, "Quaxwell", EXCERPT, "marmalade", SUMMARY, "wheelbarrow", *hashes]
    return [word.encode("utf-8") for word in words] + [w.encode("utf-16-le") for w in words]


def test_an_encrypted_schools_backup_shows_nothing_of_the_records(school, tmp_path):
    info = school.backup.backup(tmp_path / "backup.zip")
    assert info.encrypted and info.database_check == "ok"
    assert info.count("incidents") == 1 and info.count("people") >= 1
    assert school.backup.verify(info.path).ok

    looked_for = secrets_of(school)
    with zipfile.ZipFile(info.path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    assert {"avenue-desk.sqlite3", KEY_FILE, "manifest.json"} <= set(members)
    for name, data in members.items():
        for secret in looked_for:
            assert secret not in data, (name, secret)
    database = members["avenue-desk.sqlite3"]
    assert not database.startswith(b"SQLite format 3")
    assert b"CREATE TABLE" not in database
    copy = tmp_path / "inside.sqlite3"
    copy.write_bytes(database)
    with closing(sqlite3.connect(copy)) as plain, pytest.raises(sqlite3.DatabaseError,
                                                                match="not a database"):
        plain.execute("SELECT count(*) FROM people").fetchone()
    # The key file of the day, as it is beside the records.
    assert members[KEY_FILE] == (school.paths.data_dir / KEY_FILE).read_bytes()
    # Each evidence file is the sealed file itself, byte for byte: never opened into the zip.
    (record,) = [record for record, _check in school.evidence.verify_all()]
    stored = school.paths.evidence_dir / record.stored_name
    assert is_sealed(stored)
    member = members[f"evidence/{record.stored_name}"]
    assert member == stored.read_bytes() and b"\x89PNG" not in member


def test_the_backup_restores_in_a_fresh_process_state(school, tmp_path, clock, forget_keys):
    info = school.backup.backup(tmp_path / "backup.zip")
    school.incidents.create(incident_input(excerpt="Made after the backup"))
    paths = school.paths
    school.close()
    forget_keys()  # as a program just started: nothing open yet
    records_key.unlock_with_password(paths, "head", HEAD_PASSWORD)

    result = restore_backup(paths, info.path, clock, requested_by="head")
    assert result.info.count("incidents") == 1
    replaced = result.replaced_dir
    assert {"avenue-desk.sqlite3", KEY_FILE, "evidence"} <= {p.name for p in replaced.iterdir()}
    with zipfile.ZipFile(info.path) as archive:
        assert (paths.data_dir / KEY_FILE).read_bytes() == archive.read(KEY_FILE)
    excerpts, names = records_in(paths)
    assert excerpts == [EXCERPT] and NAME in names  # the later incident is gone
    with open_signed_in(paths, clock) as restored:
        assert restored.incidents.get(1).summary == SUMMARY
        report = restored.health.check()
        assert report.ok, report.lines
    with closing(keyring.connect(replaced / "avenue-desk.sqlite3")) as old:  # still opens
        assert old.execute("SELECT count(*) FROM incidents").fetchone() == (2,)


def test_the_backup_restores_on_its_own_onto_a_new_computer(school, tmp_path, clock,
                                                           forget_keys):
    info = school.backup.backup(tmp_path / "backup.zip")
    forget_keys()  # a new computer: no key but the backup's own key file
    refused = verify_backup(info.path)
    assert not refused.ok and "encrypted with a key that has not been opened" in \
        refused.problems[0]
    fresh = AppPaths(tmp_path / "New computer")
    with pytest.raises(RestoreRefused):
        restore_backup(fresh, info.path, clock)
    assert not fresh.database_file.exists()

    assert unlock_backup(info.path, "head", HEAD_PASSWORD)
    assert verify_backup(info.path).ok
    restore_backup(fresh, info.path, clock)
    assert records_key.is_encrypted(fresh)
    assert records_in(fresh)[0] == [EXCERPT]
    with open_signed_in(fresh, clock) as restored:
        assert restored.incidents.get(1).excerpt == EXCERPT


def test_a_backup_made_before_encryption_is_refused_over_encrypted_records(school, tmp_path,
                                                                          clock):
    plain = AppPaths(tmp_path / "Before encryption")  # records as every school's were
    open_database(plain, clock, encrypt_new=False).close()
    assert not records_key.is_encrypted(plain)
    old = write_backup(plain.database_file, plain.evidence_dir,
                       tmp_path / "before-encryption.zip", clock.now())
    assert not old.encrypted and verify_backup(old.path).ok
    paths = school.paths
    school.close()
    with pytest.raises(ServiceError) as refused:
        restore_backup(paths, old.path, clock)
    assert str(refused.value) == PLAIN_OVER_ENCRYPTED
    # Its manifest altered to claim a key file: it has none to show, so its check fails.
    claimed = rewrite(old.path, tmp_path / "claims-encrypted.zip", lambda _n, data: data,
                      lambda manifest: manifest.update(key_file={}))
    with pytest.raises(RestoreRefused, match="key file is listed but not in the backup"):
        restore_backup(paths, claimed, clock)
    assert list(paths.data_dir.glob("replaced-*")) == []
    assert list(paths.data_dir.glob(".restore-*")) == []
    assert records_in(paths)[0] == [EXCERPT]


def test_a_sealed_evidence_file_changed_in_the_backup_fails_its_check(school, tmp_path):
    info = school.backup.backup(tmp_path / "backup.zip")

    def flip_last_byte(name: str, data: bytes) -> bytes:
        return data[:-1] + bytes([data[-1] ^ 1]) if name.startswith("evidence/") else data

    def agree(manifest: dict) -> None:  # the manifest made to match, as a careful forger would
        import hashlib
        with zipfile.ZipFile(info.path) as archive:
            for entry in manifest["evidence"]:
                data = flip_last_byte("evidence/", archive.read("evidence/" + entry["name"]))
                entry["sha256"] = hashlib.sha256(data).hexdigest()

    forged = rewrite(info.path, tmp_path / "forged.zip", flip_last_byte, agree)
    found = verify_backup(forged)
    assert not found.ok
    assert any("cannot be opened as it was sealed" in p for p in found.problems), found.problems


def test_the_copy_before_a_migration_keeps_its_key_beside_it(school, tmp_path, clock):
    from tests.helpers.migration_scripts import SECOND_MIGRATION

    paths = school.paths
    school.close()
    scripts = tmp_path / "scripts"
    shutil.copytree(MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9999_nickname.py").write_text(
        SECOND_MIGRATION.format(head=head_revision()))
    engine = make_engine(paths.database_url)
    try:
        result = upgrade(engine, paths.database_file, paths.backups_dir, clock.now(),
                         script_location=scripts)
    finally:
        engine.dispose()
    copy = result.backup_file
    assert copy.parent.parent == paths.backups_dir and "before-migration" in copy.parent.name
    assert not (paths.backups_dir / KEY_FILE).exists()  # none loose among the backups
    assert (copy.parent / KEY_FILE).read_bytes() == (paths.data_dir / KEY_FILE).read_bytes()
    assert not copy.read_bytes().startswith(b"SQLite format 3")
    with closing(keyring.connect(copy)) as before:
        assert before.execute("SELECT excerpt FROM incidents").fetchall() == [(EXCERPT,)]
        assert "nickname" not in [row[1] for row in before.execute("PRAGMA table_info(people)")]


def test_a_damaged_first_page_is_damage_not_a_wrong_key(school, tmp_path):
    school.close()
    paths = AppPaths(tmp_path / "Copy")  # a copy damaged: the school itself closes cleanly
    paths.data_dir.mkdir()
    for name in ("avenue-desk.sqlite3", KEY_FILE):
        shutil.copy2(school.paths.data_dir / name, paths.data_dir / name)
    with open(paths.database_file, "r+b") as handle:
        handle.seek(40)
        handle.write(b"\x00\x11\x22\x33" * 8)
    with pytest.raises(keyring.DATABASE_ERRORS) as error:
        with closing(keyring.connect(paths.database_file)) as connection:
            connection.execute("SELECT count(*) FROM incidents").fetchone()
    said = damage_of(error.value, paths.database_file)
    assert said == ("The start of the records file has been overwritten or damaged, so it "
                    "cannot be read (its key is the right one, so this is damage, not a wrong "
                    "password).")


# --- a restore killed at every step of its swap ----------------------------------------------

# The app's restore in a process of its own, which has only the key files on disk: it opens
# the records' key and the backup's with their Headteacher's password, then restores, killed
# while it checks the backup ("checking"), once the live key file is moved aside
# ("old-key-aside"), once the backup's key file is moved in before the database
# ("new-key-in"), or the moment the database is renamed into place ("swapped").
RESTORE = """
import os, signal, sys
from pathlib import Path
import avenue_desk.services.core.swap_journal as journal
from avenue_desk.paths import AppPaths
from avenue_desk.services.core import records_key
from avenue_desk.services.safety.restore import restore_backup
from avenue_desk.services.safety.verify import unlock_backup

data, source, when, password = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
paths = AppPaths(data)

def die(*args):
    os.kill(os.getpid(), signal.SIGKILL)

real_replace = os.replace

def replace(source_path, target):
    real_replace(source_path, target)
    moved = (Path(source_path), Path(target))
    if when == "old-key-aside" and moved[0] == data / "records-key.json":
        die()
    if when == "new-key-in" and moved[1] == data / "records-key.json":
        die()

os.replace = replace
if when == "swapped":
    journal.fsync_folder = die  # swap_in's first call after the rename that completes it
records_key.unlock_with_password(paths, "head", password)
unlock_backup(source, "head", password)
restore_backup(paths, source, progress=die if when == "checking" else None,
               requested_by="head", origin="cli")
print("not killed", flush=True)
"""


@pytest.mark.parametrize("when", ["checking", "old-key-aside", "new-key-in", "swapped"])
def test_a_restore_killed_at_any_step_leaves_the_old_records_or_the_new(school, tmp_path,
                                                                        clock, when):
    """The school's backup restored over another school's records (each its own key): a
    swap cut short anywhere puts the old records back with their own key file, or
    completes with the backup's."""
    if sys.platform == "win32":
        pytest.skip("SIGKILL is POSIX")
    ours = school.backup.backup(tmp_path / "backup.zip")
    target = new_school(tmp_path / "Another school", clock)
    target.incidents.create(incident_input(excerpt="Another school's words"))
    paths = target.paths
    target.close()
    their_key_file = (paths.data_dir / KEY_FILE).read_bytes()
    process = subprocess.run([sys.executable, "-c", RESTORE, str(paths.data_dir),
                              str(ours.path), when, HEAD_PASSWORD], cwd=ROOT,
                             capture_output=True, text=True, timeout=WAIT_S)
    assert process.returncode == -9, (process.stdout, process.stderr)

    with open_records(paths) as again:  # the next start: the journal's recovery first
        again.accounts.authenticate("head", HEAD_PASSWORD)
        assert not again.db.damaged and again.audit.verify() == []
    if when == "swapped":  # the rename that completes it was made: the backup's records
        assert records_in(paths)[0] == [EXCERPT]
        with zipfile.ZipFile(ours.path) as archive:
            assert (paths.data_dir / KEY_FILE).read_bytes() == archive.read(KEY_FILE)
        (replaced,) = paths.data_dir.glob("replaced-*")
        assert (replaced / KEY_FILE).read_bytes() == their_key_file
    else:  # the old records, with their own key file put back
        assert records_in(paths)[0] == ["Another school's words"]
        assert (paths.data_dir / KEY_FILE).read_bytes() == their_key_file
        assert list(paths.data_dir.glob("replaced-*")) == []
    assert not (paths.data_dir / "restore-in-progress.json").exists()
    assert list(paths.data_dir.glob(".restore-*")) == []
