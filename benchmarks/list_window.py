"""The incident list opened in a window, each side in a fresh process: first paint and memory.

Each measurement runs in its own child process (``python -m benchmarks.list_window MODE
DATA_DIR``), so nothing the parent did sits in its memory:

* ``app``: the services opened and signed in, then the real ``IncidentTableModel`` on the
  whole list in a 1366×768 ``QTableView`` (offscreen);
* ``bare``: a bare lazy ``QAbstractTableModel`` over the same rows (a count, then pages of
  200 through plain ``sqlite3``, the same columns and order), in the same view.

Both time the model's creation to the view's first paint, then scroll 40 screens and drag
to the end (loading pages as they come into view), and report their resident memory
before the model, after scrolling, and at its peak.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import Result, plain_twin

PAGE = 200
SCREENS = 40
_COLUMNS = ("i.id, i.posted_on, i.platform, p.full_name, i.summary, i.phase, "
            "i.next_follow_up")
_ORDER = "i.posted_on DESC, i.id DESC"


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:  # Linux; the benchmarks run there
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


def _peak_mb() -> float:
    # VmHWM, not ru_maxrss: a child started by a big parent inherits the parent's maxrss.
    with open("/proc/self/status") as handle:
        kb = next(int(line.split()[1]) for line in handle if line.startswith("VmHWM:"))
    return kb / 1024


def _bare_model(database: Path):
    import sqlite3

    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)

    class BareModel(QAbstractTableModel):
        """Count once; fetch a page of 200 rows (and their categories) when first shown."""

        def __init__(self):
            super().__init__()
            self.rows = connection.execute("SELECT count(*) FROM incidents").fetchone()[0]
            self.pages: dict[int, list[tuple]] = {}

        def rowCount(self, parent=QModelIndex()):  # noqa: B008, N802 - Qt's signature
            return 0 if parent.isValid() else self.rows

        def columnCount(self, parent=QModelIndex()):  # noqa: B008, N802
            return 0 if parent.isValid() else 8

        def _page(self, number: int) -> list[tuple]:
            page = self.pages.get(number)
            if page is None:
                rows = connection.execute(
                    f"SELECT {_COLUMNS} FROM incidents i LEFT JOIN people p ON "
                    f"p.id = i.poster_id ORDER BY {_ORDER} LIMIT ? OFFSET ?",
                    (PAGE, number * PAGE)).fetchall()
                ids = [r[0] for r in rows]
                kinds: dict[int, list[str]] = {}
                for incident_id, category in connection.execute(
                        "SELECT incident_id, category FROM incident_categories WHERE "
                        f"incident_id IN ({','.join('?' * len(ids))})", ids):
                    kinds.setdefault(incident_id, []).append(category)
                page = self.pages[number] = [
                    (r[0], r[1], r[2], r[3] or "", ", ".join(kinds.get(r[0], ())), r[4], r[5],
                     r[6] or "") for r in rows]
            return page

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role != Qt.ItemDataRole.DisplayRole:
                return None
            page = self._page(index.row() // PAGE)
            offset = index.row() % PAGE
            return str(page[offset][index.column()]) if offset < len(page) else None

    return BareModel


def child(mode: str, data_dir: Path) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QTableView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    if mode == "app":
        from avenue_desk.services.incidents.records import IncidentQuery
        from avenue_desk.ui.models.incident_table import IncidentTableModel
        from benchmarks.common import open_signed_in

        services = open_signed_in(data_dir)  # unlocked first when encrypted (untimed)

        def make():
            model = IncidentTableModel(services)
            model.set_query(IncidentQuery())
            return model
    else:
        make = _bare_model(data_dir / "avenue-desk.sqlite3")
    view = QTableView()
    view.resize(1366, 768)
    app.processEvents()

    class FirstPaint(QObject):
        painted = False

        def eventFilter(self, watched, event):  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint:
                self.painted = True
            return False

    watcher = FirstPaint()
    view.viewport().installEventFilter(watcher)
    before = _rss_mb()
    start = time.perf_counter()
    model = make()
    view.setModel(model)
    view.show()
    while not watcher.painted:
        app.processEvents()
    first_paint = time.perf_counter() - start
    bar = view.verticalScrollBar()
    for screen in range(SCREENS):
        bar.setValue(screen * bar.pageStep())
        view.viewport().grab()
    bar.setValue(bar.maximum())
    view.viewport().grab()
    app.processEvents()
    return {"first_paint": first_paint, "before": before, "after": _rss_mb(),
            "peak": _peak_mb(), "rows": model.rowCount()}


def _measure(mode: str, data_dir: Path) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-m", "benchmarks.list_window", mode,
                           str(data_dir)], capture_output=True, text=True, env=env,
                          check=False)
    if done.returncode != 0:
        raise RuntimeError(f"The {mode} list process failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(data_dir: Path, repeats: int) -> tuple[list[Result], list[str]]:
    runs = {"app": [], "bare": []}
    for _ in range(max(3, repeats // 2)):
        for mode in runs:  # alternately, so a noisy neighbour hits both alike
            # The bare model reads plain sqlite3: on an encrypted run, the plain twin.
            runs[mode].append(_measure(mode, data_dir if mode == "app" else plain_twin(data_dir)))

    def median(mode: str, key: str) -> float:
        return statistics.median(r[key] for r in runs[mode])

    rows = runs["app"][0]["rows"]
    growth = {mode: median(mode, "after") - median(mode, "before") for mode in runs}
    count = len(runs["app"])
    return [
        Result(f"list window: first paint ({rows:,} incidents)", median("app", "first_paint"),
               median("bare", "first_paint"), "≤ 2×",
               note=f"median of {count} fresh processes each; model created to the view's "
                    "first paint; anchor = a bare lazy QAbstractTableModel over the same rows "
                    "(count + pages of 200 through sqlite3) in the same 1366×768 view"),
        Result("list window: memory growth, opened + 40 screens", growth["app"],
               growth["bare"], "≤ 1.5×", unit="MB",
               note="resident memory after scrolling 40 screens and to the end, minus before "
                    "the model was made; same processes"),
        Result("list window: peak RSS of the process", median("app", "peak"),
               median("bare", "peak"), "report", unit="MB",
               note="the whole process at its peak (Python, Qt, and for the app SQLAlchemy, "
                    "the services and their caches) with the list open; anchor = the bare "
                    "process"),
    ], []


if __name__ == "__main__":
    print(json.dumps(child(sys.argv[1], Path(sys.argv[2]))))
