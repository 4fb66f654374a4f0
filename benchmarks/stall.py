"""Stalls: the longest the window freezes in each step of a scripted session (issue 11).

A fresh child process (``python -m benchmarks.stall DATA_DIR``) copies the demo folder to a
scratch folder, prepares it (see ``prepare``), opens the records as ``app.py`` does and runs
``stall_session.Session`` in a real offscreen window: sign in; open an incident with three
50 MB evidence files; add a 100 MB file; preview and save a letter; make the governors'
summary; export the audit trail; export the conduct register; destroy 500 records in the
retention review; a subject access export. ``stall_monitor.StallMonitor`` records the
longest gap between two turns of the GUI thread's event loop during each step; a step ends
when its work is done, background work included. Also timed: clicking "Sign in" to the home
screen's first paint, against a bare ``QMainWindow`` shown and painted in the same process.

The scratch folder (database copy, generated evidence files, saved letters and exports) is
deleted afterwards; the demo database is never changed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import replace
from pathlib import Path

from benchmarks.common import Result

TARGET = "≤ 100 ms"
MB = 1024 * 1024


def png_head(width: int, height: int, data_bytes: int) -> bytes:
    """A PNG signature, header chunk and the start of a data chunk ``data_bytes`` long:
    evidence is judged by its first bytes, and the panel reads the picture's size from the
    header (one this big gets an icon, not a thumbnail, as a real 50 MB screenshot would)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    chunk = b"IHDR" + header
    return (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(header)) + chunk
            + struct.pack(">I", zlib.crc32(chunk)) + struct.pack(">I", data_bytes) + b"IDAT")


def make_evidence_file(path: Path, megabytes: int, tag: int) -> Path:
    """``megabytes`` MB that pass the evidence check as a PNG: a real PNG header, then
    patterned bytes (a tag first, so that every file has its own hash); not a picture."""
    block = random.Random(tag).randbytes(MB)
    label = f"avenue-desk stall benchmark file {tag}".encode()
    with open(path, "wb") as handle:
        handle.write(png_head(9000, 9000, len(label) + megabytes * MB) + label)
        for _ in range(megabytes):
            handle.write(block)
    return path


def copy_demo(demo: Path, scratch: Path) -> Path:
    data = scratch / "data"
    shutil.copytree(demo, data, ignore=shutil.ignore_patterns("backups", "benchmark-ready.json",
                                                              "*.lock", "viewing"))
    return data


def _months_back(day, today) -> int:
    from avenue_desk.policy.retention import due_on

    months = (today.year - day.year) * 12 + today.month - day.month
    while months > 1 and due_on(day, months) > today:
        months -= 1
    return max(months, 1)


def prepare(data_dir: Path, files: Path, out: Path, evidence_mb: int, added_mb: int,
            destroy: int):
    """Untimed set-up on the scratch copy, through the services as the Headteacher:
    evidence files up to 500 MB allowed (Settings); three big files attached to the
    incident the home screen lists first; the parents' incidents' retention period
    shortened so that at least ``destroy`` closed incidents are past it (the longest
    period that does); the subject of the access request is that incident's poster."""
    from benchmarks.common import open_signed_in
    from benchmarks.stall_session import Plan

    with open_signed_in(data_dir) as services:
        services.settings.save(replace(services.settings.load(), evidence_limit_mb=500))
        summary = services.attention.summary(limit=20)
        first = next(items[0] for items in (summary.overdue, summary.due_today,
                                            summary.still_up) if items)
        incident_id = first.incident_id
        for tag in range(3):
            big = make_evidence_file(files / f"screenshot-{tag + 1}.png", evidence_mb, tag)
            services.evidence.add(incident_id, big)
        added = make_evidence_file(files / "screen-recording-still.png", added_mb, 99)
        services.retention.save_periods({"incident": 1})
        closed = sorted(r.counted_from for r in services.retention.review()
                        if r.kind == "incident")
        destroy = min(destroy, len(closed))
        if destroy:
            months = _months_back(closed[destroy - 1], services.clock.today())
            services.retention.save_periods({"incident": months})
        poster = services.incidents.get(incident_id).poster
        services.accounts.sign_out()
    (out / "subject-access").mkdir(parents=True)
    return Plan(incident_id, 3, added, destroy, poster.full_name if poster else "", out)


def child(demo: Path, evidence_mb: int, added_mb: int, destroy: int, scratch_root: Path | None,
          profile: bool = False) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = Path(tempfile.mkdtemp(prefix="avenue-desk-stall-", dir=scratch_root))
    try:
        return _session(demo, scratch, evidence_mb, added_mb, destroy, profile)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _session(demo: Path, scratch: Path, evidence_mb: int, added_mb: int, destroy: int,
             profile: bool) -> dict:
    from avenue_desk.app import _open_behind, make_application
    from avenue_desk.paths import AppPaths
    from benchmarks.stall_monitor import StallMonitor
    from benchmarks.stall_session import Session

    files, out = scratch / "files", scratch / "out"
    files.mkdir()
    start = time.perf_counter()
    data_dir = copy_demo(demo, scratch)
    incidents = _count_incidents(data_dir)  # before any is destroyed
    plan = prepare(data_dir, files, out, evidence_mb, added_mb, destroy)
    print(f"Stall benchmark: prepared in {time.perf_counter() - start:.1f} s; the session "
          "starts.", file=sys.stderr, flush=True)
    make_application()
    # As app.py opens the records: on a worker, behind the sign-in screen (untimed here).
    services = _open_behind(AppPaths(data_dir))
    profiles = None
    if profile:  # the GUI thread only: what blocks the window
        profiles = Path(tempfile.gettempdir()) / "avenue-desk-stall-profiles"
        profiles.mkdir(exist_ok=True)
        print(f"Profiles of each step go to {profiles}", file=sys.stderr, flush=True)
    monitor = StallMonitor(profile_dir=profiles)
    session = Session(services, plan, monitor)
    monitor.start()
    try:
        session.run()
    finally:
        monitor.stop()
        services.close()
    return {
        "incidents": incidents,
        "steps": [{"name": s.name, "longest": s.longest, "wall": s.wall,
                   "blame": s.blame(), "workers": s.workers(), "failed": s.failed}
                  for s in monitor.steps],
        "sign_in": session.sign_in_seconds,
        "bare": statistics.median(session.bare_seconds),
    }


def _count_incidents(data_dir: Path) -> int:
    from benchmarks.common import records_connection, unlocked

    # Encrypted records (an --encrypted run): their key in memory from here on, as signing
    # in at the window would leave it, so the session below opens them.
    connection = records_connection(unlocked(data_dir).database_file)
    try:
        return connection.execute("SELECT count(*) FROM incidents").fetchone()[0]
    finally:
        connection.close()


def run(data_dir: Path, sessions: int = 3, evidence_mb: int = 50, added_mb: int = 100,
        destroy: int = 500, scratch: Path | None = None) -> tuple[list[Result], list[str]]:
    """``sessions`` fresh processes, one after another; each figure is their median."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-m", "benchmarks.stall", str(data_dir),
               "--evidence-mb", str(evidence_mb), "--added-mb", str(added_mb),
               "--destroy", str(destroy)] + (["--scratch", str(scratch)] if scratch else [])
    found = []
    for _ in range(max(1, sessions)):
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True, env=env,
                              check=False)
        if done.returncode != 0:
            raise RuntimeError(f"The stall session failed (exit {done.returncode}); its "
                               "errors are above.")
        found.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return results(found)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def results(sessions: list[dict]) -> tuple[list[Result], list[str]]:
    """One row a step (the median of the sessions' longest stalls), then sign-in against
    the bare window; the info lines name where the GUI thread was in the worst stalls."""
    rows, info = [], []
    count = len(sessions)
    for number, step in enumerate(sessions[0]["steps"]):
        runs = [session["steps"][number] for session in sessions]
        name = step["name"]
        failed = next((run["failed"] for run in runs if run.get("failed")), "")
        if failed:
            rows.append(Result(f"stall: {name}", None, None, TARGET,
                               note=f"FAILED, so not measured: {failed}"))
            continue
        longest = [run["longest"] for run in runs]
        each = f" (each: {', '.join(_ms(v) for v in longest)})" if count > 1 else ""
        median = statistics.median(longest)
        rows.append(Result(f"stall: {name}", median, None, TARGET,
                           note=f"longest gap between two turns of the event loop, median of "
                                f"{count} session(s){each}; the step took "
                                f"{statistics.median(r['wall'] for r in runs):.2f} s in all"))
        worst = max(runs, key=lambda run: run["longest"])
        if worst["longest"] > 0.1 and worst["blame"]:
            where = "; ".join(f"{place} ({share:.0%})" for place, share in worst["blame"])
            workers = "; ".join(f"{place} ({share:.0%})" for place, share in worst["workers"])
            info.append(f"Stall in “{name}” ({_ms(worst['longest'])}): the GUI thread was in "
                        f"{where}" + (f"; meanwhile a worker was in {workers}"
                                      if workers else ""))
    rows.append(Result(
        f"sign-in to the home screen painted ({sessions[0]['incidents']:,} incidents)",
        statistics.median(s["sign_in"] for s in sessions),
        statistics.median(s["bare"] for s in sessions), "report",
        note=f"from clicking Sign in (password typed) to the home screen's first paint in the "
             f"real main window; anchor = a bare QMainWindow shown and painted in the same "
             f"process (median of 3 a session); medians of {count} session(s)"))
    return rows, info


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stall", description=__doc__)
    parser.add_argument("data_dir", type=Path, help="a finished benchmark demo folder")
    parser.add_argument("--evidence-mb", type=int, default=50)
    parser.add_argument("--added-mb", type=int, default=100)
    parser.add_argument("--destroy", type=int, default=500)
    parser.add_argument("--scratch", type=Path, help="where the scratch folder goes "
                        "(default: the system temp folder)")
    parser.add_argument("--profile", action="store_true", help="cProfile each step's GUI "
                        "thread into <temp>/avenue-desk-stall-profiles/ (slows it down: the "
                        "figures are then not valid)")
    parser.add_argument("--table", action="store_true", help="print the table, not JSON")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    found = child(args.data_dir, args.evidence_mb, args.added_mb, args.destroy, args.scratch,
                  args.profile)
    if args.table:
        from benchmarks.common import table

        rows, info = results([found])
        print("\n".join(info))
        print(table(rows))
    else:
        print(json.dumps(found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
