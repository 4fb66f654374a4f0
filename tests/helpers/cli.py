"""The ``avenue-desk`` command run as a test needs it.

``CommandLine`` (the ``cli`` fixture in tests/cli/conftest.py) calls ``main(argv)`` in the
test process, as the console script does: stdout and stderr captured, the exit code kept
(argparse's own exits included), the password in AVENUE_DESK_PASSWORD and no terminal on
stdin, as a script or a scheduled task runs it. Coverage sees every line it runs.

``run_console_script`` starts the installed ``avenue-desk`` as a real process, for the few
smoke tests that prove the entry point itself works.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from avenue_desk.cli import main
from avenue_desk.paths import DATABASE_URL_ENV
from avenue_desk.services.core.clock import FixedClock
from tests.helpers.accounts import HEAD_PASSWORD, open_signed_in
from tests.helpers.databases import data_paths
from tests.helpers.postgres import ON_POSTGRES

PASSWORD = HEAD_PASSWORD  # the test administrator's ("head")
CLOCK = datetime(2026, 11, 21, 9, 30)
ENV_PREFIX = "AVENUE_DESK_"
CONSOLE_SCRIPT = Path(sys.executable).with_name("avenue-desk")


@dataclass(frozen=True)
class Ran:
    """What a person at the terminal sees of one command: its exit code and its output."""

    returncode: int
    stdout: str
    stderr: str


class CommandLine:
    """``cli(*argv, password=..., stdin=...)``: one ``avenue-desk`` command, run in-process."""

    def __init__(self, capsys, monkeypatch):
        self._capsys = capsys
        self._monkeypatch = monkeypatch

    def __call__(self, *argv, password: str | None = PASSWORD, stdin: str = "") -> Ran:
        for name in [n for n in os.environ if n.startswith(ENV_PREFIX)]:
            self._monkeypatch.delenv(name)  # only what the test says reaches the command
        if password is not None:
            self._monkeypatch.setenv(f"{ENV_PREFIX}PASSWORD", password)
        if ON_POSTGRES:  # the folder's own database on the server, as set_up opens it
            self._monkeypatch.setenv(DATABASE_URL_ENV, _server_url(argv))
        self._monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))  # not a terminal
        self._capsys.readouterr()  # earlier output is not this command's
        try:
            code = main([str(arg) for arg in argv])
        except SystemExit as stop:  # argparse: --help, --version, or arguments it refused
            code = exit_status(stop)
        out, err = self._capsys.readouterr()
        return Ran(code, out, err)

    def signed_in(self, data_dir, *argv, user: str = "head", password: str = PASSWORD) -> Ran:
        """``avenue-desk --data-dir DATA_DIR --user USER ARGV…`` (the test Headteacher)."""
        return self("--data-dir", data_dir, "--user", user, *argv, password=password)


def _server_url(argv) -> str:
    """The database of the ``--data-dir`` given (a ``--database-url`` given wins, as it
    does over the environment)."""
    argv = [str(arg) for arg in argv]
    folder = argv[argv.index("--data-dir") + 1] if "--data-dir" in argv[:-1] else "."
    return data_paths(Path(folder).expanduser().resolve()).database_url


def exit_status(stop: SystemExit) -> int:
    """The status the process would have ended with (as the interpreter reckons it)."""
    if stop.code is None:
        return 0
    if isinstance(stop.code, int):
        return stop.code
    print(stop.code, file=sys.stderr)
    return 1


def set_up(data_dir: Path):
    """A new data folder with its administrator ("head"); returns it open, signed in (as a
    context manager: ``with set_up(folder) as services``)."""
    return open_signed_in(data_paths(Path(data_dir).resolve()), FixedClock(CLOCK))


def console_env(password: str | None = PASSWORD) -> dict[str, str]:
    """This process's environment without any AVENUE_DESK_ setting or display, plus the
    password: the command must manage without a display by itself."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(ENV_PREFIX)}
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    env["PYTHONIOENCODING"] = "utf-8"
    if password is not None:
        env[f"{ENV_PREFIX}PASSWORD"] = password
    return env


def run_console_script(*argv, password: str | None = PASSWORD,
                       timeout: int = 120) -> subprocess.CompletedProcess:
    """The installed ``avenue-desk`` (``pip install -e .`` puts it beside the interpreter)
    as a real process, with no terminal on stdin."""
    assert CONSOLE_SCRIPT.is_file(), f"{CONSOLE_SCRIPT} is missing: run pip install -e ."
    env = console_env(password)
    if ON_POSTGRES:  # the folder's own database on the server, as the in-process commands
        env[DATABASE_URL_ENV] = _server_url(argv)
    return subprocess.run(
        [str(CONSOLE_SCRIPT), *map(str, argv)], capture_output=True, text=True,
        encoding="utf-8", env=env, timeout=timeout, check=False,
        stdin=subprocess.DEVNULL)
