"""Timing, memory and the results table shared by the benchmarks."""

from __future__ import annotations

import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# The benchmark demo's accounts share this password (the demo data is made up; this is no
# real school's). Only ``signed_in`` and ``unlocked`` use it.
BENCH_PASSWORD = "benchmark-avenue-desk-2026"
BENCH_USER = "head"

# ``python -m benchmarks --encrypted`` sets this for itself and every child process: the
# app's side then runs on SQLCipher-encrypted records (issue 18), the anchors stay plain.
ENCRYPTED_ENV = "AVENUE_DESK_BENCH_ENCRYPTED"
ENCRYPTED_SUFFIX = "-encrypted"


def encrypted() -> bool:
    """Whether this run's app side uses encrypted records (new ones made encrypted too)."""
    return os.environ.get(ENCRYPTED_ENV) == "1"


def unlocked(data_dir: Path, username: str = BENCH_USER, password: str = BENCH_PASSWORD):
    """The folder's ``AppPaths``, its records' key in this process's memory when they are
    encrypted (what signing in does first at the window: one argon2id), untimed."""
    from avenue_desk.paths import AppPaths
    from avenue_desk.services.core import records_key

    paths = AppPaths(data_dir)
    if records_key.is_locked(paths) and not records_key.is_unfinished(paths):
        records_key.unlock_with_password(paths, username, password)
    return paths


def open_signed_in(data_dir: Path):
    """The services on ``data_dir``, unlocked and signed in as the demo Headteacher. A new
    folder's records are encrypted exactly when this run is (``encrypted()``)."""
    from avenue_desk.services.container import open_services

    return signed_in(open_services(unlocked(data_dir), encrypt_new=encrypted()))


def plain_twin(data_dir: Path) -> Path:
    """The plain demo folder with the same data as ``data_dir``: the anchors read it. The
    app's encrypted demo is ``demo-N-seedS-encrypted``, its twin ``demo-N-seedS``."""
    name = data_dir.name
    if name.endswith(ENCRYPTED_SUFFIX):
        return data_dir.with_name(name[: -len(ENCRYPTED_SUFFIX)])
    return data_dir


def records_connection(database: Path):
    """A DB-API connection to any records file, plain (sqlite3) or encrypted (SQLCipher,
    keyed from the memory): for the anchors that read what the app wrote."""
    from avenue_desk.store import keyring

    return keyring.connect(database)


def signed_in(services):
    """Sign in as the demo Headteacher, as every service call needs once accounts exist.

    The one place the benchmarks sign in. Does nothing when the services have no accounts
    (before sign-in landed) or someone is already signed in. On a benchmark database made
    before accounts existed (no users yet), it makes the demo Headteacher's account first.
    Returns ``services``.
    """
    accounts = getattr(services, "accounts", None)
    guard = getattr(services, "guard", None)
    if accounts is None or guard is None or guard.actor is not None:
        return services
    if accounts.has_users():
        accounts.authenticate(BENCH_USER, BENCH_PASSWORD)
    else:
        accounts.create_demo_head("Headteacher (benchmark)", BENCH_PASSWORD)
    return services


@dataclass(frozen=True)
class Result:
    name: str
    app: float | None  # seconds, or MB when unit == "MB"
    anchor: float | None
    target: str = ""
    unit: str = "s"
    note: str = ""
    # What ``--encryption-table`` compares between plain and encrypted runs: the ratio, or
    # "anchor" when the anchor is the part that reads the records (it runs encrypted too).
    compared: str = "ratio"

    @property
    def ratio(self) -> float | None:
        if self.app is None or not self.anchor:
            return None
        return self.app / self.anchor


def median_time(work: Callable[[], object], repeats: int) -> float:
    """The median wall time of ``repeats`` runs, after one untimed warm-up run."""
    work()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def paired(app: Callable[[], object], anchor: Callable[[], object],
           repeats: int) -> tuple[float, float]:
    """Medians of app and anchor, run alternately so a noisy neighbour hits both alike."""
    app_time, anchor_time = alternated((app, anchor), repeats)
    return app_time, anchor_time


def alternated(works: tuple[Callable[[], object], ...], repeats: int) -> list[float]:
    """The median time of each of ``works``, run in turn ``repeats`` times after one
    warm-up run each."""
    for work in works:
        work()
    times: list[list[float]] = [[] for _ in works]
    for _ in range(repeats):
        for work, found in zip(works, times, strict=True):
            start = time.perf_counter()
            work()
            found.append(time.perf_counter() - start)
    return [statistics.median(found) for found in times]


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (ru_maxrss is KB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _figure(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "MB":
        return f"{value:,.0f} MB"
    if value >= 1:
        return f"{value:,.2f} s"
    return f"{value * 1000:,.1f} ms"


def table(results: list[Result]) -> str:
    rows = [("benchmark", "app", "anchor", "ratio", "target")]
    for r in results:
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "—"
        rows.append((r.name, _figure(r.app, r.unit), _figure(r.anchor, r.unit), ratio,
                     r.target))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = []
    for n, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:4], widths[1:4],
                                                                          strict=True)]
        lines.append("  ".join(cells + [row[4]]).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    notes = [f"  {r.name}: {r.note}" for r in results if r.note]
    return "\n".join(lines + (["", "Notes:"] + notes if notes else []))
