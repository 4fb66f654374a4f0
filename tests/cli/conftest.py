"""The ``cli`` fixture: ``cli("--data-dir", folder, "--user", "head", "check")`` runs the
command's ``main(argv)`` in the test process and returns its exit code and output; and
``gui`` for the commands that draw (``screenshot``, ``--smoke-test``)."""

from __future__ import annotations

import pytest

from tests.helpers.cli import CommandLine


@pytest.fixture
def cli(capsys, monkeypatch) -> CommandLine:
    return CommandLine(capsys, monkeypatch)


@pytest.fixture
def gui(qapp, tmp_path):
    """pytest-qt's QApplication, which a command that draws uses as its own in the test
    process, with the person's own settings (QSettings) kept in the test's folder: the
    smoke test starts the real program, which remembers window layouts."""
    from avenue_desk.ui import window_state

    window_state.keep_in(tmp_path / "user settings")
    return qapp
