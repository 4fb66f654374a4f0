"""A second PC in a test: a process of its own on the same records (a data folder, or the
database on the server under ``make test-postgres``), started from a helper module's
``main``. It prints ``ready`` once its records are open and then waits for a go file, so
that two of them start their work at the same moment.

Used by ``busy_office``, ``two_clicks``, ``two_imports`` and ``mixed_office``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GO_WAIT_S = 60


def start(module: str, paths, go_file: Path, *args) -> subprocess.Popen:
    """``python -m MODULE DATA_DIR DATABASE_URL|- GO_FILE ARGS...``, waited for until it
    says ``ready`` (its records open); fails the test with its error output otherwise."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("QT_QPA_PLATFORM", None)  # it draws nothing
    process = subprocess.Popen(
        [sys.executable, "-m", module, str(paths.data_dir),
         paths.database_url_override or "-", str(go_file), *map(str, args)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
        encoding="utf-8", cwd=ROOT, env=env)
    first = process.stdout.readline().strip()
    assert first == "ready", (first, process.stderr.read() if first == "" else "")
    return process


def records_of(data_dir: str, database_url: str):
    """The ``AppPaths`` a second PC's ``main`` opens, from its first two arguments; an
    encrypted school's key opened first, as that PC's sign-in would (tests/helpers/keys.py)."""
    from avenue_desk.paths import AppPaths
    from tests.helpers.keys import open_the_key

    url = None if database_url == "-" else database_url
    open_the_key(data_dir, url or "")
    return AppPaths(Path(data_dir), url)


def say_ready_and_wait(go_file: str) -> None:
    """Says ``ready``, then waits for the go file (a minute at most)."""
    print("ready", flush=True)
    deadline = time.monotonic() + GO_WAIT_S
    while not Path(go_file).exists() and time.monotonic() < deadline:
        time.sleep(0.001)
