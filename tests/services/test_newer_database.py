"""Issue 19 item 4: records last opened by a newer Avenue Desk (a database version this one's
migrations do not know) are refused with a plain message by this older program, in the
services, on the command line and in the window, and nothing is changed: not the records,
not a copy made "before migrating", on a SQLite file or a server."""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtWidgets import QMessageBox

from avenue_desk import app
from avenue_desk.services.container import open_services
from avenue_desk.services.core.errors import RecordsTooNew
from avenue_desk.store.migrate import head_revision
from tests.helpers.cli import CommandLine
from tests.helpers.databases import dump, raw_sql

FUTURE = "0042_from_a_newer_avenue_desk"


@pytest.fixture
def newer(services):
    """The fixture's school, then stamped as a newer version's would be; what it held."""
    paths = services.paths
    services.close()
    raw_sql(paths, "UPDATE alembic_version SET version_num = :future", future=FUTURE)
    return paths, _state(paths)


def _state(paths) -> tuple:
    """Everything that must not change: the rows, and every file in the data folder (but
    the lock a running window holds on the folder, which says nothing of the records)."""
    files = sorted((str(item.relative_to(paths.data_dir)),
                    hashlib.sha256(item.read_bytes()).hexdigest())
                   for item in paths.data_dir.rglob("*")
                   if item.is_file() and not item.name.endswith(("-wal", "-shm", ".lock")))
    return dump(paths), files


def test_the_services_refuse_it_and_change_nothing(newer):
    paths, before = newer
    with pytest.raises(RecordsTooNew) as refused:
        open_services(paths)
    said = str(refused.value)
    assert "newer version of Avenue Desk" in said and FUTURE in said
    assert head_revision() in said and "Nothing was changed" in said
    assert _state(paths) == before
    assert not list(paths.backups_dir.rglob("before-migration-*"))


def test_the_command_line_says_so_without_a_traceback(newer, capsys, monkeypatch):
    paths, before = newer
    cli = CommandLine(capsys, monkeypatch)
    checked = cli.signed_in(paths.data_dir, "check")
    assert checked.returncode == 1
    assert "newer version of Avenue Desk" in checked.stderr
    assert "Traceback" not in checked.stderr + checked.stdout
    assert _state(paths) == before


def test_the_window_says_so_and_opens_nothing(newer, qapp, monkeypatch):
    paths, before = newer
    said = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda parent, title, text: said.append(text))
    assert app.run_gui(paths) == 1
    assert len(said) == 1 and "newer version of Avenue Desk" in said[0]
    assert "Nothing was changed" in said[0]
    assert _state(paths) == before
