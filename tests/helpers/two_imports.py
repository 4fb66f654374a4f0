"""Two office PCs importing the same MIS export at the same moment: processes of their own
that open the same records signed in as the test Headteacher, wait for the word, then each
import the file.

    python -m tests.helpers.two_imports DATA_DIR DATABASE_URL|- GO_FILE FILE

Each prints ``ready`` once its records are open, imports when GO_FILE appears, and ends by
printing ``imported CREATED`` or ``failed MESSAGE``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers.cli import CLOCK
from tests.helpers.second_pc import records_of, say_ready_and_wait
from tests.helpers.second_pc import start as start_pc


def start(paths, go_file: Path, path: Path) -> subprocess.Popen:
    return start_pc("tests.helpers.two_imports", paths, go_file, path)


def outcome(process: subprocess.Popen) -> str:
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0 and out.startswith(("imported ", "failed ")), (
        process.returncode, out, err)
    return out.strip()


def main(data_dir: str, database_url: str, go_file: str, path: str) -> None:
    from avenue_desk.services.core.clock import FixedClock
    from tests.helpers.accounts import open_signed_in

    paths = records_of(data_dir, database_url)
    with open_signed_in(paths, FixedClock(CLOCK)) as services:
        say_ready_and_wait(go_file)
        try:
            result = services.transfer.import_people(path)
            said = (f"imported {result.created}" if not result.errors else
                    f"failed {result.errors[0].message}")
        except Exception as error:  # noqa: BLE001 - shown, as a PC would see it
            said = f"failed {type(error).__name__}: {error}"
    print(said, flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
