"""``python -m benchmarks``: runs every benchmark and prints one table.

Always exits 0 when the benchmarks ran: the figures are for reading, not a pass/fail gate
(a shared, noisy machine cannot give that honestly). The ratios are the stable part.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import sys
from pathlib import Path

from benchmarks import (
    encryption,
    incident_list,
    letters,
    list_window,
    people_search,
    server_search,
    sign_in,
    stall,
    startup,
    writes,
)
from benchmarks.common import ENCRYPTED_ENV, table

GROUPS = ("list", "people", "letters", "writes", "window", "startup", "stall", "signin",
          "server")
SERVER_ENV = "AVENUE_DESK_BENCH_POSTGRES"

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
    parser.add_argument("--server-url", default=os.environ.get(SERVER_ENV),
                        help="a PostgreSQL URL whose role may create databases: runs the "
                        f"'server' group (text search on the server; env {SERVER_ENV})")
    parser.add_argument("--encrypted", action="store_true",
                        help="the app's side on encrypted records (SQLCipher, issue 18): its own "
                        "demo folder (…-encrypted) and new databases encrypted; the anchors "
                        "stay plain sqlite3 on a plain copy of the same data")
    parser.add_argument("--encryption-table", action="store_true",
                        help="run the chosen groups --rounds times plain and as many times "
                        "--encrypted, alternately, each in a fresh process, and print each "
                        "benchmark's ratio both ways and encrypted ÷ plain (issue 18)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="runs of each mode for --encryption-table (default 3)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--only", help="comma-separated groups to run: " + ", ".join(GROUPS)
                        + " (default: all; the demo database is made either way)")
    return parser


def machine() -> str:
    """CPUs, CPU model, memory and OS, as /proc and platform tell them (Linux)."""
    cpus = os.cpu_count() or 0
    model, memory = platform.processor() or "unknown CPU", ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            model = next((line.split(":", 1)[1].strip() for line in handle
                          if line.startswith("model name")), model)
        with open("/proc/meminfo", encoding="utf-8") as handle:
            kb = int(next(line.split()[1] for line in handle if line.startswith("MemTotal")))
            memory = f", {kb / 1024 / 1024:.1f} GB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    system = platform.platform(terse=True)
    try:
        system = platform.freedesktop_os_release()["PRETTY_NAME"] + f" (Linux {platform.release()})"
    except (OSError, AttributeError, KeyError):
        pass
    return f"{cpus} CPU(s), {model}{memory}; {system}"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    groups = set(GROUPS if not args.only else (g.strip() for g in args.only.split(",")))
    unknown = groups - set(GROUPS)
    if unknown:
        build_parser().error(f"unknown group(s): {', '.join(sorted(unknown))}")
    if args.encryption_table:
        print(encryption.compare(_passed_on(argv if argv is not None else sys.argv[1:]),
                                 args.rounds))
        return 0
    incidents = args.incidents or (QUICK_INCIDENTS if args.quick else FULL_INCIDENTS)
    # Read by every benchmark, and by the child processes they start (they inherit it).
    os.environ[ENCRYPTED_ENV] = "1" if args.encrypted else "0"
    options = incident_list.Options(incidents, args.seed, max(1, args.repeats), args.data_dir,
                                    args.rebuild, args.encrypted)
    import sqlalchemy

    versions = (f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
                f"SQLAlchemy {sqlalchemy.__version__}")
    try:
        import PySide6

        versions += f", PySide6 {PySide6.__version__}"
    except ImportError:
        pass
    print(f"Avenue Desk benchmarks: {versions}", flush=True)
    print(f"Machine: {machine()}", flush=True)
    if args.encrypted:
        from avenue_desk.store import keyring

        cipher = keyring.sqlcipher.connect(":memory:")
        version = cipher.execute("PRAGMA cipher_version").fetchone()[0]
        cipher.close()
        print(f"Encrypted records: SQLCipher {version} (SQLite "
              f"{keyring.sqlcipher.sqlite_version}); the anchors stay plain sqlite3 on a plain "
              "copy of the same data.", flush=True)
    results, info = [], []
    if "list" in groups:
        results, info = incident_list.run(options)
    else:
        built = incident_list.prepare(options)
        info = [built.summary, f"Data: {built.data_dir}" + (" (reused)" if built.reused else "")]
    built = incident_list.demo_folder(options)
    runs = (("people", lambda: people_search.run(built, options.repeats)),
            ("letters", lambda: letters.run(built, options.repeats)),
            ("writes", lambda: writes.run(built, built.parent, incidents, options.repeats)),
            ("window", lambda: list_window.run(built, options.repeats)),
            ("startup", lambda: startup.run(built, options.repeats)),
            ("stall", lambda: stall.run(built, min(3, options.repeats))),
            ("signin", lambda: sign_in.run(options.repeats)),
            ("server", lambda: _server(args, built.parent, incidents, options)))
    for name, work in runs:
        if name in groups:
            try:
                more, more_info = work()
            except RuntimeError as error:
                if not args.encrypted:
                    raise
                # A part of the app that cannot open encrypted records yet: said, not fatal.
                more, more_info = [], [f"{name}: not measured on encrypted records: "
                                       f"{str(error).splitlines()[0]}"]
            results += more
            info += more_info
    for line in info:
        print(line)
    print()
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps([
            {"name": r.name, "app": r.app, "anchor": r.anchor, "unit": r.unit, "note": r.note,
             "compared": r.compared} for r in results]), encoding="utf-8")
    return 0


def _passed_on(argv: list[str]) -> list[str]:
    """The runner's own options, less those the encryption table sets for each run."""
    kept, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg in ("--encryption-table", "--encrypted"):
            continue
        elif arg in ("--rounds", "--json"):
            skip = True
        elif not arg.startswith(("--rounds=", "--json=")):
            kept.append(arg)
    return kept


def _server(args, root: Path, incidents: int, options) -> tuple[list, list[str]]:
    if args.encrypted:
        return [], ["Server search skipped: a server's records are the trust's to encrypt "
                    "(docs/server.md), not SQLCipher's."]
    if not args.server_url:
        return [], [f"Server search skipped: no --server-url (or {SERVER_ENV}) given."]
    return server_search.run(args.server_url, root, incidents, args.seed, options.repeats,
                             args.rebuild)


if __name__ == "__main__":
    sys.exit(main())
