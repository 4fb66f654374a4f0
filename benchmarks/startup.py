"""Process start to the first painted window, against a bare PySide6 window with one label.

Both run as fresh processes under ``QT_QPA_PLATFORM=offscreen`` and are timed from just
before the process is started to the line it prints when its window is first painted:

* app: ``python -m avenue_desk --data-dir D --smoke-test`` on the demo folder. The first
  window a person sees is the sign-in dialog (accounts exist), not the main window: that
  comes only after signing in. The app paints the sign-in before it opens the records, and
  prints "Smoke test: the ... opened and painted." on that paint; it then opens the records
  (SQLAlchemy, the migrations check, the quick check) behind the painted dialog, checks it
  was the right screen, and exits. Only the time to the line is measured;
* anchor: a QApplication and one QLabel, printing the same kind of line on its first paint.

One more run of the app under ``python -X importtime`` says where the start-up goes: the
import time of each top-level package (PySide6, SQLAlchemy, ReportLab, ...), before the
first paint and after it.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import Result

TARGET = "≤ 2×"
MARK = re.compile(r"Smoke test: the (.+?) (?:window )?opened and painted")

BARE = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication(sys.argv[:1])
label = QLabel("Avenue Desk")


class FirstPaint(QObject):
    done = False

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, app.quit)  # as the app's smoke test: after the paint
        return False


watcher = FirstPaint()
label.installEventFilter(watcher)
label.resize(400, 120)
label.show()
app.exec()
print("Smoke test: the bare window opened and painted.", file=sys.stderr, flush=True)
"""


def _env() -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")


def _time_to_mark(command: list[str]) -> tuple[float, str]:
    """Seconds from starting ``command`` to its "painted" line, and what it says it painted."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True, env=_env())
    seen, lines = None, []
    assert process.stderr is not None
    for line in process.stderr:
        lines.append(line)
        found = MARK.search(line)
        if found:
            seen = (time.perf_counter() - start, found.group(1))
            break
    process.stderr.read()
    process.wait()
    if seen is None:
        raise RuntimeError(f"{' '.join(command[:4])}... never painted:\n{''.join(lines)[-2000:]}")
    return seen


def _app_command(data_dir: Path, *extra: str) -> list[str]:
    return [sys.executable, *extra, "-m", "avenue_desk", "--data-dir", str(data_dir),
            "--smoke-test"]


Breakdown = tuple[float, list[tuple[str, float]]]
WATCHED = ("sqlalchemy", "alembic", "reportlab")  # the issue: imported after the first paint


def import_breakdown(data_dir: Path, top: int = 8) -> tuple[Breakdown, Breakdown, set[str]]:
    """(before, after, every top-level package imported before the paint) from
    ``-X importtime``; before and after are (total import seconds, [(top-level package,
    seconds)]) on either side of the smoke test's "painted" line: each module's own ("self")
    time added to its top-level package, wherever it was imported from, so SQLAlchemy
    imported by our services counts as SQLAlchemy."""
    done = subprocess.run(_app_command(data_dir, "-X", "importtime"), capture_output=True,
                          text=True, env=_env(), check=False)
    sides: tuple[dict[str, float], dict[str, float]] = ({}, {})
    packages = sides[0]
    for line in done.stderr.splitlines():
        if MARK.search(line):
            packages = sides[1]
            continue
        if not line.startswith("import time:") or line.count("|") != 2:
            continue
        own, _, name = (part.strip() for part in line[12:].split("|"))
        if not own.isdigit():
            continue  # the header
        root = name.split(".")[0]
        packages[root] = packages.get(root, 0.0) + int(own) / 1e6

    def ranked(found: dict[str, float]) -> Breakdown:
        return sum(found.values()), sorted(found.items(), key=lambda item: -item[1])[:top]

    return ranked(sides[0]), ranked(sides[1]), set(sides[0])


def run(data_dir: Path, repeats: int) -> tuple[list[Result], list[str]]:
    app_command = _app_command(data_dir)
    bare_command = [sys.executable, "-c", BARE]
    _time_to_mark(app_command)  # warm the disk cache for both, untimed
    _time_to_mark(bare_command)
    app_times, bare_times, painted = [], [], ""
    for _ in range(max(3, repeats)):
        seconds, painted = _time_to_mark(app_command)
        app_times.append(seconds)
        bare_times.append(_time_to_mark(bare_command)[0])
    before, after, early = import_breakdown(data_dir)

    def listed(side: Breakdown) -> str:
        total, packages = side
        named = ", ".join(f"{name} {seconds * 1000:,.0f} ms" for name, seconds in packages)
        return f"{total * 1000:,.0f} ms ({named})"

    too_early = [name for name in WATCHED if name in early]
    info = [f"Start-up imports (python -X importtime, one run of the app; own time by package): "
            f"before the first paint {listed(before)}; after it, while the {painted} is up, "
            f"{listed(after)}. Imported before the first paint of "
            f"{', '.join(WATCHED)}: {', '.join(too_early) or 'none'}."]
    result = Result(
        f"start-up: process start to first paint ({painted})", statistics.median(app_times),
        statistics.median(bare_times), TARGET,
        note=f"median of {len(app_times)} fresh processes each, offscreen; app = python -m "
             f"avenue_desk --smoke-test on the demo data, to the first paint of its first "
             f"window (the {painted}; the main window comes after signing in); anchor = a bare "
             "PySide6 window with one label")
    return [result], info


if __name__ == "__main__":
    from benchmarks.common import table

    found, notes = run(Path(sys.argv[1]), 3)
    print("\n".join(notes))
    print(table(found))
