"""``python -m benchmarks``: runs every benchmark and prints one table.

Always exits 0 when the benchmarks ran: the figures are for reading, not a pass/fail gate
(a shared, noisy machine cannot give that honestly). The ratios are the stable part.
"""

from __future__ import annotations

import argparse
import platform
import sqlite3
import sys
from pathlib import Path

from benchmarks import incident_list, letters
from benchmarks.common import table

FULL_INCIDENTS = 100_000
QUICK_INCIDENTS = 10_000


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true",
                        help=f"{QUICK_INCIDENTS:,} incidents instead of {FULL_INCIDENTS:,}")
    parser.add_argument("--incidents", type=int, help="any other number of incidents")
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--repeats", type=int, default=7, help="timed runs per figure "
                        "(the median is shown)")
    parser.add_argument("--data-dir", type=Path, help="folder for the demo databases "
                        "(default: the system temp folder); reused while seed and size match")
    parser.add_argument("--rebuild", action="store_true", help="build the demo database again")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    incidents = args.incidents or (QUICK_INCIDENTS if args.quick else FULL_INCIDENTS)
    options = incident_list.Options(incidents, args.seed, max(1, args.repeats), args.data_dir,
                                    args.rebuild)
    import sqlalchemy

    versions = (f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
                f"SQLAlchemy {sqlalchemy.__version__}")
    try:
        import PySide6

        versions += f", PySide6 {PySide6.__version__}"
    except ImportError:
        pass
    print(f"Avenue Desk benchmarks: {versions}", flush=True)
    results, info = incident_list.run(options)
    built = incident_list.demo_folder(options)
    more, more_info = letters.run(built, options.repeats)
    results += more
    info += more_info
    for line in info:
        print(line)
    print()
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
