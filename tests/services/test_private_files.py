"""Private by default (issue 16, part 5): under the usual umask (022, which would make
folders 0755 and files 0644) everything Avenue Desk makes for the records is for this
computer account only, folders 0700 and files 0600; and the health check says when a data
folder is open to other accounts, naming the command that closes it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from avenue_desk.paths import AppPaths
from avenue_desk.services.container import open_services
from avenue_desk.services.letters.records import write_pdf
from avenue_desk.services.safety.restore import restore_backup
from tests.helpers.accounts import HEAD_PASSWORD, ORIGIN, cheap_hashing
from tests.helpers.images import write_png
from tests.helpers.letters import parent, posted, set_up_school
from tests.helpers.postgres import sqlite_only

pytestmark = [pytest.mark.no_accounts,
              pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")]

FOLDER, FILE = 0o700, 0o600


@pytest.fixture
def umask_022():
    """The umask most Linux accounts have, whatever this test process had."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def modes_under(folder: Path) -> dict[str, int]:
    """Every folder and file under ``folder`` (itself included) with its permissions."""
    found = {".": mode(folder)}
    for item in folder.rglob("*"):
        found[item.relative_to(folder).as_posix()] = mode(item)
    return found


def not_private(folder: Path) -> dict[str, str]:
    return {name: oct(bits) for name, bits in modes_under(folder).items()
            if bits & 0o077}


def open_new(folder: Path, clock):
    """A school's first start on a new folder: the database made by SQLite itself."""
    services = open_services(AppPaths(folder), clock, origin=ORIGIN, hashing=cheap_hashing())
    services.accounts.create_first_admin("head", "Mrs Patel", HEAD_PASSWORD)
    services.accounts.authenticate("head", HEAD_PASSWORD)
    return services


def test_a_new_data_folder_and_everything_made_in_it_is_private(umask_022, tmp_path, clock):
    folder = tmp_path / "new" / "Avenue Desk"  # its parent is made too
    services = open_new(folder, clock)
    try:
        set_up_school(services)
        incident = posted(services, parent(services).id)
        services.evidence.add(incident.id, write_png(tmp_path / "shot.png"))
        copy = services.evidence.viewing_copy(1)
        services.letters.templates.set_logo(write_png(tmp_path / "logo.png"))
        side = [services.paths.database_file.with_name(services.paths.database_file.name + s)
                for s in ("-wal", "-shm")]
        assert all(item.exists() for item in side)  # SQLite's own, made as it opened
        backup = services.backup.backup()
        made = modes_under(folder)
        assert not not_private(folder), not_private(folder)
        assert mode(tmp_path / "new") == FOLDER
        assert made["avenue-desk.sqlite3"] == made["avenue-desk.sqlite3-wal"] == FILE
        assert made["avenue-desk.sqlite3-shm"] == FILE
        assert made["evidence"] == made["backups"] == made["viewing"] == FOLDER
        assert made[f"backups/{backup.path.name}"] == FILE
        assert mode(copy) == 0o400  # read-only, and for this account only
        assert any(name.startswith("evidence/") and bits == FILE for name, bits in made.items())
        assert any(name.startswith("letterhead/") and bits == FILE for name, bits in made.items())
    finally:
        services.close()


def test_exports_are_private_wherever_they_are_saved(umask_022, tmp_path, clock):
    services = open_new(tmp_path / "data", clock)
    try:
        set_up_school(services)
        mum = parent(services)
        incident = posted(services, mum.id)
        services.evidence.add(incident.id, write_png(tmp_path / "shot.png"))
        exports = tmp_path / "exports"
        exports.mkdir()
        services.transfer.export_incidents(exports / "incidents.csv")
        services.subject_access.export(mum.id, exports / "sar")
        pdf = services.letters.render(incident.id, "removal-request", record=False)
        write_pdf(exports / "letters" / "2026" / "removal.pdf", pdf)  # folders made on the way
        assert mode(exports / "incidents.csv") == FILE
        assert not_private(exports / "sar") == {}
        assert mode(exports / "letters") == mode(exports / "letters" / "2026") == FOLDER
        assert mode(exports / "letters" / "2026" / "removal.pdf") == FILE
    finally:
        services.close()


def test_a_restored_folder_and_what_it_replaced_are_private(umask_022, tmp_path, clock):
    services = open_new(tmp_path / "data", clock)
    set_up_school(services)
    incident = posted(services, parent(services).id)
    services.evidence.add(incident.id, write_png(tmp_path / "shot.png"))
    backup = services.backup.backup(tmp_path / "backup.zip")
    services.close()
    for target in (tmp_path / "data", tmp_path / "other computer"):
        result = restore_backup(AppPaths(target), backup.path, clock)
        assert not not_private(target), (target, not_private(target))
    assert result.replaced_dir is None  # nothing was there to replace on the other computer
    (replaced,) = (tmp_path / "data").glob("replaced-*")
    assert mode(replaced) == FOLDER and mode(replaced / "avenue-desk.sqlite3") == FILE


@sqlite_only("who else may read the records file")
def test_the_check_says_when_the_data_folder_is_open_to_other_accounts(services, tmp_path):
    services.accounts.create_first_admin("head", "Mrs Patel", HEAD_PASSWORD)
    services.accounts.authenticate("head", HEAD_PASSWORD)
    report = services.health.check()
    assert report.lines[-2] == ("Privacy: the data folder, the records and the backups can be "
                                "opened only by this computer account.")
    data_dir = services.paths.data_dir
    os.chmod(data_dir, 0o755)  # as an older version, or a umask of 022, left it
    os.chmod(services.paths.database_file, 0o644)
    report = services.health.check()
    (note,) = [line for line in report.lines if line.startswith("NOTE: Privacy:")]
    assert note == (
        "NOTE: Privacy: The data folder can be read by other accounts on this computer: "
        f"{data_dir} (rwxr-xr-x), avenue-desk.sqlite3 (rw-r--r--). It holds every record and "
        f"the accounts' password hashes. Close it with chmod -R go= \"{data_dir}\" in a "
        "terminal (only this account keeps access).")
    assert report.ok  # a warning: nothing is damaged
    os.system(f'chmod -R go= "{data_dir}"')  # the fix it names
    assert not any("Privacy: The data folder" in line for line in services.health.check().lines)


def _backups_to_a_folder_open_to_others(services, tmp_path) -> Path:
    services.accounts.create_first_admin("head", "Mrs Patel", HEAD_PASSWORD)
    services.accounts.authenticate("head", HEAD_PASSWORD)
    usb = tmp_path / "USB stick"
    usb.mkdir(mode=0o755)
    os.chmod(usb, 0o755)
    services.backup.set_folder(usb)
    return usb


def test_a_backup_in_a_folder_open_to_others_is_still_private(services, tmp_path):
    _backups_to_a_folder_open_to_others(services, tmp_path)
    made = services.backup.backup()  # a server's too: it holds every record as well
    assert mode(made.path) == FILE


@sqlite_only("the health check says who else may read the backups only of a data folder's "
             "records (privacy_check.report: a database server keeps its own permissions)")
def test_a_backup_folder_elsewhere_open_to_others_is_named(services, tmp_path):
    usb = _backups_to_a_folder_open_to_others(services, tmp_path)
    services.backup.backup()
    (note,) = [line for line in services.health.check().lines if "Privacy" in line]
    assert note.startswith("NOTE: Privacy: The backup folder can be read by other accounts on "
                           f"this computer: {usb} (rwxr-xr-x). Each backup holds all the "
                           "records.")
