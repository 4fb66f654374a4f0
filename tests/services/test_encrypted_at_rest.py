"""Issue 18's "Done when", on a demo school made as a new school is (encrypted from the start):
with the app closed, ``strings`` and a plain ``sqlite3`` on the records file, the evidence
folder and every member of a backup find no name, no excerpt and no password hash; every
account opens the records with its own password; a changed password opens nothing any
more; the recovery code opens them for a forgotten Headteacher's password.

"A new program" is played by forgetting every key this process holds (``keyring.forget``),
as a fresh start of Avenue Desk holds none.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from contextlib import closing

import pytest

from avenue_desk.demo.accounts import make_demo
from avenue_desk.paths import AppPaths
from avenue_desk.services.accounts import normalise_recovery_code, unlock_records
from avenue_desk.services.accounts.records import SignInRefused
from avenue_desk.services.container import open_services
from avenue_desk.services.core import records_key
from avenue_desk.services.core.data_key import SecretRefused
from avenue_desk.services.incidents.records import IncidentQuery
from avenue_desk.store import keyring
from tests.helpers.accounts import ORIGIN, cheap_hashing
from tests.helpers.images import write_png
from tests.helpers.postgres import sqlite_only

pytestmark = sqlite_only("a server's records are the trust's to encrypt, not the app's")

PASSWORD = "Quiet harbour lanterns 42"
NEW_PASSWORD = "Seven swans over Ely"


def _open(paths: AppPaths):
    return open_services(paths, origin=ORIGIN, hashing=cheap_hashing())


@pytest.fixture
def demo_school(tmp_path):
    """A demo school of 40 incidents, made new (so encrypted), with a screenshot, a backup,
    and what must not be readable in its files: names, excerpts and password hashes."""
    paths = AppPaths(tmp_path / "Avenue Desk")
    with _open(paths) as services:
        assert records_key.is_encrypted(paths)
        make_demo(services, PASSWORD, incidents=40)
        screenshot = write_png(tmp_path / "Screenshot Zofia.png", 40, 30)
        services.evidence.add(services.incidents.first_id(), screenshot)
        services.backup.backup()
        with closing(keyring.connect(paths.database_file)) as connection:
            names = [row[0] for row in connection.execute(
                "SELECT full_name FROM people WHERE length(full_name) >= 6")]
            excerpts = [row[0][:24] for row in connection.execute(
                "SELECT excerpt FROM incidents WHERE length(excerpt) >= 24")]
            hashes = [row[0] for row in connection.execute("SELECT password_hash FROM users")]
        count = services.incidents.count(IncidentQuery())
    keyring.forget()  # the app closed
    secrets = [*names, *excerpts, *hashes, "$argon2id$", "CREATE TABLE", "SQLite format 3"]
    assert len(names) > 20 and len(excerpts) > 20 and len(hashes) == 4
    return paths, secrets, count, screenshot.read_bytes()


def _every_file(paths: AppPaths, unpacked) -> list:
    found = [item for item in paths.data_dir.rglob("*") if item.is_file()]
    for number, archive in enumerate(sorted(paths.backups_dir.glob("*.zip"))):
        with zipfile.ZipFile(archive) as members:
            members.extractall(unpacked / str(number))
    return found + [item for item in unpacked.rglob("*") if item.is_file()]


@pytest.mark.skipif(not shutil.which("strings") or not shutil.which("sqlite3"),
                    reason="needs binutils' strings and the sqlite3 program")
def test_strings_and_sqlite3_find_nothing_with_the_app_closed(demo_school, tmp_path):
    paths, secrets, _count, picture = demo_school
    files = _every_file(paths, tmp_path / "unpacked")
    assert any(item.suffix == ".zip" for item in files)  # a backup was looked inside
    assert any("evidence" in item.parts for item in files)
    for item in files:
        printable = subprocess.run(["strings", "-n", "4", str(item)], capture_output=True,
                                   text=True, errors="replace", check=True).stdout
        raw = item.read_bytes()
        for secret in secrets:
            assert secret not in printable, f"{secret!r} readable in {item}"
            assert secret.encode("utf-8") not in raw, f"{secret!r} in {item}"
        assert picture not in raw  # the screenshot itself, not just its name
    for database in [paths.database_file, *(tmp_path / "unpacked").rglob("*.sqlite3")]:
        plain = subprocess.run(["sqlite3", str(database), "SELECT count(*) FROM people"],
                               capture_output=True, text=True)
        assert plain.returncode != 0
        assert "not a database" in plain.stderr


def test_every_account_opens_the_records_with_its_own_password(demo_school):
    paths, _secrets, count, _picture = demo_school
    for username in ("head", "office", "governor", "staff"):
        keyring.forget()
        unlock_records(paths, username, PASSWORD)
        with _open(paths) as services:
            actor = services.accounts.authenticate(username, PASSWORD)
            assert actor.username == username
            if username in ("head", "office"):
                assert services.incidents.count(IncidentQuery()) == count


def test_a_changed_password_opens_nothing_any_more(demo_school):
    paths, _secrets, count, _picture = demo_school
    unlock_records(paths, "office", PASSWORD)
    with _open(paths) as services:
        actor = services.accounts.authenticate("office", PASSWORD)
        services.accounts.change_password(actor, PASSWORD, NEW_PASSWORD)
    keyring.forget()
    with pytest.raises(SignInRefused, match="Wrong username or password"):
        unlock_records(paths, "office", PASSWORD)
    with pytest.raises(SecretRefused):  # nor the key file read directly, bypassing the count
        records_key.load(paths).open_with_password("office", PASSWORD)
    unlock_records(paths, "office", NEW_PASSWORD)
    with _open(paths) as services:
        services.accounts.authenticate("office", NEW_PASSWORD)
        assert services.incidents.count(IncidentQuery()) == count


def test_a_disabled_account_opens_nothing(demo_school):
    paths, _secrets, _count, _picture = demo_school
    unlock_records(paths, "head", PASSWORD)
    with _open(paths) as services:
        services.accounts.authenticate("head", PASSWORD)
        services.accounts.disable_user("staff")
    keyring.forget()
    with pytest.raises(SignInRefused):
        unlock_records(paths, "staff", PASSWORD)


def test_the_recovery_code_opens_the_records_for_a_forgotten_password(tmp_path):
    paths = AppPaths(tmp_path / "Avenue Desk")
    with _open(paths) as services:
        code = services.accounts.create_first_admin("apatel", "Mrs A Patel", PASSWORD)
        services.accounts.authenticate("apatel", PASSWORD)
    keyring.forget()
    records_key.unlock_with_recovery_code(paths, normalise_recovery_code(code.lower()))
    with _open(paths) as services:
        new_code = services.accounts.reset_admin_with_recovery_code(code, NEW_PASSWORD)
    keyring.forget()
    with pytest.raises(SignInRefused):
        unlock_records(paths, "apatel", PASSWORD)  # the forgotten one opens nothing now
    with pytest.raises(SecretRefused):  # the used code neither
        records_key.unlock_with_recovery_code(paths, normalise_recovery_code(code))
    records_key.unlock_with_recovery_code(paths, normalise_recovery_code(new_code))
    keyring.forget()
    unlock_records(paths, "apatel", NEW_PASSWORD)
    with _open(paths) as services:
        assert services.accounts.authenticate("apatel", NEW_PASSWORD).username == "apatel"


def test_a_lost_key_file_is_said_with_where_a_copy_is(demo_school):
    paths, _secrets, _count, _picture = demo_school
    records_key.key_file(paths).unlink()  # lost: the folder now looks like a plain one
    from avenue_desk.services.core.database import open_database

    db = open_database(paths)
    try:
        assert db.damaged
        said = " ".join(db.notices)
        assert "key file (records-key.json) is missing" in said
        assert "Every backup holds a copy" in said
    finally:
        db.close()
