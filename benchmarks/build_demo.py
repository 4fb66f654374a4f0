"""Builds a benchmark's demo database in a child process, so the benchmark's own memory
figures never include the build: ``python -m benchmarks.build_demo DATA_DIR INCIDENTS SEED
[DATABASE_URL] [--encrypted]`` (the URL: a database on a server, server_search.py's; the
folder then keeps the evidence and the marker). ``--encrypted``: the records are encrypted
(SQLCipher, issue 18), as a new school's are; without it they are plain.

Writes ``benchmark-ready.json`` (the fill time and the summary) beside the database last,
so a folder without it is half-built and is built again.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

MARKER = "benchmark-ready.json"


def main(argv: list[str]) -> int:
    from avenue_desk.demo.school import fill_demo
    from avenue_desk.paths import AppPaths
    from avenue_desk.services.container import open_services
    from benchmarks.common import signed_in

    encrypt = "--encrypted" in argv
    argv = [arg for arg in argv if arg != "--encrypted"]
    data_dir, incidents, seed = Path(argv[0]), int(argv[1]), int(argv[2])
    paths = AppPaths(data_dir, argv[3] if len(argv) > 3 else None)
    with open_services(paths, encrypt_new=encrypt) as services:
        signed_in(services)  # the demo Headteacher's account, on a new database
        start = time.perf_counter()
        report = fill_demo(services, incidents=incidents, seed=seed)
        seconds = time.perf_counter() - start
    (data_dir / MARKER).write_text(
        json.dumps({"fill_seconds": seconds, "summary": str(report), "incidents": incidents,
                    "seed": seed, "actions": report.actions}),
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
