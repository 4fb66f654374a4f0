"""Two office PCs importing the same MIS export at the same moment: processes of their own
that open the same records signed in as the test Headteacher, wait for the word, then each
import the file.

    python -m tests.helpers.two_imports DATA_DIR DATABASE_URL|- GO_FILE FILE

Each prints ``ready`` once its records are open, imports when GO_FILE appears, and ends by
printing ``imported CREATED`` or ``failed MESSAGE``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers.cli import CLOCK

ROOT = Path(__file__).resolve().parents[2]


def start(paths, go_file: Path, path: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("QT_QPA_PLATFORM", None)  # it draws nothing
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.two_imports", str(paths.data_dir),
         paths.database_url_override or "-", str(go_file), str(path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
        encoding="utf-8", cwd=ROOT, env=env)
    first = process.stdout.readline().strip()
    assert first == "ready", (first, process.stderr.read() if first == "" else "")
    return process


def outcome(process: subprocess.Popen) -> str:
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0 and out.startswith(("imported ", "failed ")), (
        process.returncode, out, err)
    return out.strip()


def main(data_dir: str, database_url: str, go_file: str, path: str) -> None:
    from avenue_desk.paths import AppPaths
    from avenue_desk.services.core.clock import FixedClock
    from tests.helpers.accounts import open_signed_in

    paths = AppPaths(Path(data_dir), None if database_url == "-" else database_url)
    with open_signed_in(paths, FixedClock(CLOCK)) as services:
        print("ready", flush=True)
        deadline = time.monotonic() + 60
        while not Path(go_file).exists() and time.monotonic() < deadline:
            time.sleep(0.005)
        try:
            result = services.transfer.import_people(path)
            said = (f"imported {result.created}" if not result.errors else
                    f"failed {result.errors[0].message}")
        except Exception as error:  # noqa: BLE001 - shown, as a PC would see it
            said = f"failed {type(error).__name__}: {error}"
    print(said, flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
