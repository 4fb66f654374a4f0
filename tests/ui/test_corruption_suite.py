"""The corruption suite (issue 16, part 12): every way tests/helpers/damage.py damages a
school's records (the header, a cut, an emptied file, a PDF in its place, pages, one byte
inside the text of every table that holds any and inside index keys, a lost or foreign
write-ahead log), met by the window (offscreen) and by ``check``, ``backup``, ``export``
and ``restore``.

For each case and each of the five: no traceback; the damage said in plain words (the
window: at start, or where a damaged record is opened; ``check``: failing, naming it, the
newest good backup offered; ``backup``: refused or warned); and the school's backup
restored over it, whatever the file holds.
"""

from __future__ import annotations

import shutil

import pytest
from argon2 import PasswordHasher
from PySide6.QtWidgets import QMessageBox

from avenue_desk import app
from avenue_desk.demo.school import fill_demo
from avenue_desk.paths import AppPaths
from avenue_desk.services.accounts import passwords
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.ui import recovery
from avenue_desk.ui.dialogs.person_dialog import PersonDialog
from avenue_desk.ui.main_window import MainWindow
from avenue_desk.ui.operations import wait_for_operations
from avenue_desk.ui.sections import SECTIONS
from tests.helpers.accounts import open_signed_in
from tests.helpers.cli import CommandLine
from tests.helpers.damage import CASES, Case, leave_in_wal
from tests.helpers.records import incident_input

WAIT_MS = 20_000
OPENED_IN_THE_WINDOW = {"people": "person", "incidents": "incident"}  # what a click opens


@pytest.fixture(scope="module")
def school(tmp_path_factory) -> AppPaths:
    """The demo school's records with one good backup, made once for every case: plain."""
    from datetime import datetime

    from avenue_desk.services.core.clock import FixedClock
    from avenue_desk.services.core.database import open_database

    paths = AppPaths(tmp_path_factory.mktemp("school") / "Avenue Desk")
    # A plain school (one from before encryption): one byte changed inside a name is damage
    # only plain text can show. An encrypted file's pages are checked whole by SQLCipher
    # (tests/services/test_encrypted_backups.py, test_record_check.py meet that).
    open_database(paths).close()
    with open_signed_in(paths, FixedClock(datetime(2026, 11, 21, 9, 30))) as services:
        fill_demo(services, incidents=12)
        services.backup.backup()
    return paths


@pytest.fixture
def quick_passwords(monkeypatch):
    """argon2id at its smallest for the command line's own sign-ins (the school's hashes
    are made so): the same code, the suite's time kept for the damage."""
    monkeypatch.setattr(passwords, "make_hasher",
                        lambda: PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


class Window:
    """``app.run_gui`` on the records, every box it shows answered and kept: "Open
    read-only" when offered (to look at what can be read), else "Quit"."""

    def __init__(self, monkeypatch, qtbot, opened: tuple[str, int] | None):
        self.said: list[str] = []
        self.offered: list[str] = []  # the buttons of the damage question
        self.unexpected: list[BaseException] = []
        self.looked: list[str] = []  # what the tour saw where the damaged record is
        self._qtbot, self._opened = qtbot, opened
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self._answer(box))
        monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box.property("chosen"))
        monkeypatch.setattr(QMessageBox, "warning", lambda p, t, text: self.said.append(text))
        monkeypatch.setattr(QMessageBox, "critical", lambda p, t, text: self.said.append(text))
        monkeypatch.setattr(recovery, "tell", lambda icon, text, parent=None:
                            self.said.append(text))
        monkeypatch.setattr(app, "show_error", self._error)
        monkeypatch.setattr(app, "_show_window", self._tour)
        # The backup on closing is ``backup``'s, checked below; not made twice per case.
        monkeypatch.setattr(recovery, "backup_on_exit", lambda services: None)

    def _answer(self, box) -> int:
        self.said.append(box.text())
        names = [button.text() for button in box.buttons()]
        if "Restore the newest backup" in names:
            self.offered = names
        chosen = next((b for b in box.buttons() if b.text() == "Open read-only"),
                      next((b for b in box.buttons() if b.text() == "Quit"), None))
        box.setProperty("chosen", chosen)
        return 0

    def _error(self, error: BaseException) -> None:
        if not isinstance(error, ServiceError):
            self.unexpected.append(error)
        self.said.append(str(error))

    def _tour(self, _app, services, _smoke) -> int:
        """Every section the Headteacher sees, then the damaged record opened."""
        window = MainWindow(services)
        self._qtbot.addWidget(window)
        window.show()
        for row in range(len(SECTIONS)):
            if window.may_see(row):
                window.go_to(row)
                assert wait_for_operations(timeout_ms=WAIT_MS)
        kind, record = self._opened or ("", 0)
        if kind == "person":
            dialog = PersonDialog(services, record, window)
            self.looked.append(dialog.ui.general_error.text())
            dialog.reject()
        elif kind == "incident":
            window.open_incident(record)
            assert wait_for_operations(timeout_ms=WAIT_MS)
            self.looked.append(window.editor.ui.status_label.text())
            window.editor.reject()
        window.close()
        return 0


def _hot_wal(paths: AppPaths) -> None:
    """An incident saved and a backup made, then the process killed before it closed."""
    def work(services):
        services.incidents.create(incident_input(summary="Saved just before the crash"))
        services.backup.backup()

    leave_in_wal(paths, work, open_signed_in)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_every_command_meets_the_damage_in_plain_words(case: Case, school, tmp_path, qtbot,
                                                      monkeypatch, capsys, signs_in_as_head,
                                                      quick_passwords):
    paths = AppPaths(tmp_path / "Avenue Desk")
    shutil.copytree(school.data_dir, paths.data_dir)
    if case.hot_wal:
        _hot_wal(paths)
    (backup,) = sorted(paths.backups_dir.glob("*.zip"))[:1]  # the school's good one
    damaged = case.damage(paths.database_file)
    table = case.name.split(".")[0]
    opened = (OPENED_IN_THE_WINDOW[table], damaged) if table in OPENED_IN_THE_WINDOW else None

    # The window, offscreen, as the office would start it.
    window = Window(monkeypatch, qtbot, opened)
    assert app.run_gui(paths) == 0
    assert window.unexpected == []
    if case.unreadable or case.name in ("pages overwritten", "an index's root page overwritten",
                                        "another database's write-ahead log",
                                        "alembic_version.version_num text"):
        assert "damaged" in window.said[0] or "set aside" in window.said[0]
        assert window.offered[0] == "Restore the newest backup"  # the good one exists
        assert ("Open read-only" in window.offered) == (not case.unreadable)
    if opened:
        (looked,) = window.looked
        assert f"{opened[0].capitalize()} {damaged} is damaged" in looked, looked
    if case.hot_wal and case.name == "write-ahead log deleted":
        assert any("no longer holds row" in text for text in window.said)

    cli = CommandLine(capsys, monkeypatch)
    run = lambda *argv: cli("--data-dir", paths.data_dir, "--user", "head", *argv)  # noqa: E731
    checked = run("check")
    said = (checked.stdout + checked.stderr).lower()
    assert checked.returncode == 1 and case.found.lower() in said, said[-2000:]
    assert "restore" in said and (backup.name in said or "backups" in said)

    backed_up = run("backup", "-o", tmp_path / "after.zip")
    assert (backed_up.returncode == 1 and "damaged" in backed_up.stderr) or (
        backed_up.returncode == 0 and "Warning" in backed_up.stderr), backed_up

    exported = run("export", "incidents", "-o", tmp_path / "incidents.csv")
    assert exported.returncode in (0, 1)
    if exported.returncode:
        assert "damaged" in exported.stderr
    elif table == "incidents":
        assert "could not be read in full" in exported.stderr

    restored = run("restore", backup)
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout.startswith("Restored the backup made on")
