"""What every command-line test needs: a data folder set up with its administrator, and
the command run as a real process, signed in through ``--user`` and AVENUE_DESK_PASSWORD."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from avenue_desk.paths import AppPaths
from avenue_desk.services.core.clock import FixedClock
from tests.services.account_helpers import HEAD_PASSWORD, open_signed_in

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = HEAD_PASSWORD  # the test administrator's ("head")
CLOCK = datetime(2026, 11, 21, 9, 30)


def cli_env(password: str | None = PASSWORD, keep_display: bool = True) -> dict[str, str]:
    """This process's environment without any AVENUE_DESK_ setting, plus the password."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AVENUE_DESK_")}
    if not keep_display:
        for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
            env.pop(name, None)
    env["PYTHONIOENCODING"] = "utf-8"
    if password is not None:
        env["AVENUE_DESK_PASSWORD"] = password
    return env


def set_up(data_dir: Path):
    """A new data folder with its administrator ("head"); returns it open, signed in (as a
    context manager: ``with set_up(folder) as services``)."""
    return open_signed_in(AppPaths(data_dir), FixedClock(CLOCK))


def run_cli(*args, env: dict[str, str] | None = None, timeout: int = 120,
            stdin=subprocess.DEVNULL) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "avenue_desk", *map(str, args)], capture_output=True,
        text=True, encoding="utf-8", env=cli_env() if env is None else env, cwd=ROOT,
        timeout=timeout, check=False, stdin=stdin)
