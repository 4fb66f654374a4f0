"""The incident list at 100,000 incidents: the service's queries against raw sqlite3.

Builds (or reuses) a demo database, then times what the incident list asks for: the count
and first page, a page deep in the list, a filter, two sorts and a text search. Each is
paired with the same SQL run through the standard library's ``sqlite3`` on the same file,
which is as fast as this query can go on this machine today. If the Qt table model is
present, it also times opening the list in a QTableView and scrolling it (offscreen).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.build_demo import MARKER
from benchmarks.common import (
    ENCRYPTED_SUFFIX,
    Result,
    alternated,
    open_signed_in,
    paired,
    peak_rss_mb,
    plain_twin,
    records_connection,
)

PAGE = 200
SEARCH_WORD = "reading"
SERVICE_TARGET = "< 50 ms"
SCREENS = 40  # screens of rows scrolled through in the table view benchmark

_COLUMNS = ("i.id, i.posted_on, i.platform, p.full_name, i.summary, i.excerpt, i.phase, "
            "i.content_still_up, i.next_follow_up")


@dataclass(frozen=True)
class Options:
    incidents: int
    seed: int
    repeats: int
    root: Path | None  # where keyed demo folders live; None: the system temp folder
    rebuild: bool = False
    encrypted: bool = False  # the app's side on encrypted records, the anchors on plain


@dataclass(frozen=True)
class Built:
    data_dir: Path
    fill_seconds: float
    wall_seconds: float | None  # whole `build_demo` process; None when reused
    summary: str
    reused: bool


@dataclass(frozen=True)
class Case:
    name: str
    query: object  # IncidentQuery
    where: str
    params: tuple
    order: str
    offset: int = 0
    count: bool = True


def demo_folder(options: Options) -> Path:
    """The app's demo folder: ``demo-N-seedS``, or ``demo-N-seedS-encrypted`` (its records
    encrypted) for an encrypted run, whose anchors read the plain one (``plain_twin``)."""
    root = options.root or Path(tempfile.gettempdir()) / "avenue-desk-benchmarks"
    plain = root / f"demo-{options.incidents}-seed{options.seed}"
    return plain.with_name(plain.name + ENCRYPTED_SUFFIX) if options.encrypted else plain


def prepare(options: Options) -> Built:
    """The keyed demo folder, built in a child process unless a finished one is there; for
    an encrypted run, its plain twin first (the same seed and size: the same data)."""
    folder = demo_folder(options)
    if options.encrypted:
        _build(plain_twin(folder), options, encrypt=False)
        open_signed_in(plain_twin(folder)).close()  # migrated, as the app's side will be
    return _build(folder, options, encrypt=options.encrypted)


def _build(folder: Path, options: Options, *, encrypt: bool) -> Built:
    marker = folder / MARKER
    if marker.is_file() and not options.rebuild:
        stored = json.loads(marker.read_text(encoding="utf-8"))
        return Built(folder, stored["fill_seconds"], None, stored["summary"], True)
    if folder.exists():
        shutil.rmtree(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "benchmarks.build_demo", str(folder), str(options.incidents),
         str(options.seed), *(["--encrypted"] if encrypt else [])],
        check=True,
    )
    wall = time.perf_counter() - start
    stored = json.loads(marker.read_text(encoding="utf-8"))
    return Built(folder, stored["fill_seconds"], wall, stored["summary"], False)


def cases(incidents: int) -> list[Case]:
    from avenue_desk.services.incidents.records import IncidentQuery
    from avenue_desk.services.incidents.search import fts_query

    deep = incidents * 9 // 10
    newest = "i.posted_on DESC, i.id DESC"
    match = "WHERE i.id IN (SELECT rowid FROM incident_search WHERE incident_search MATCH ?)"
    return [
        Case("count + first page (default order)", IncidentQuery(), "", (), newest),
        Case(f"page at offset {deep:,}", IncidentQuery(), "", (), newest, deep, count=False),
        Case("filter WhatsApp + open: count + page", IncidentQuery(platform="whatsapp",
             status="open"), "WHERE i.phase != 'closed' AND i.platform = ?", ("whatsapp",),
             newest),
        Case("sort by platform: first page", IncidentQuery(sort_key="platform"), "", (),
             "i.platform DESC, i.id DESC", count=False),
        Case("sort by poster: first page", IncidentQuery(sort_key="poster"), "", (),
             "p.name_key DESC, i.id DESC", count=False),
        Case(f"text search '{SEARCH_WORD}': count + page", IncidentQuery(text=SEARCH_WORD),
             match, (fts_query(SEARCH_WORD),), newest),
    ]


def raw_list(connection: sqlite3.Connection, case: Case, offset: int | None = None) -> list:
    """What the service does, in plain SQL: count, one page, the page's categories."""
    if case.count:
        connection.execute(f"SELECT count(*) FROM incidents i {case.where}",
                           case.params).fetchone()
    rows = connection.execute(
        f"SELECT {_COLUMNS} FROM incidents i LEFT JOIN people p ON p.id = i.poster_id "
        f"{case.where} ORDER BY {case.order} LIMIT ? OFFSET ?",
        (*case.params, PAGE, case.offset if offset is None else offset),
    ).fetchall()
    ids = [r[0] for r in rows]
    if ids:
        connection.execute(
            "SELECT incident_id, category FROM incident_categories WHERE incident_id IN "
            f"({','.join('?' * len(ids))})", ids,
        ).fetchall()
    return rows


def app_list(services, case: Case) -> Callable[[], object]:
    def work():
        if case.count:
            services.incidents.count(case.query)
        return services.incidents.page(case.query, case.offset, PAGE)

    return work


def run(options: Options) -> tuple[list[Result], list[str]]:
    built = prepare(options)
    info = [built.summary, f"Data: {built.data_dir}" + (" (reused)" if built.reused else "")]
    fill_note = ("measured when this folder was built; pass --rebuild to measure again"
                 if built.reused else
                 f"fill_demo alone; the whole `demo` process took {built.wall_seconds:.1f} s")
    results = [Result(f"fill_demo, {options.incidents:,} incidents", built.fill_seconds, None,
                      "< 60 s", note=fill_note)]
    services = open_signed_in(built.data_dir)
    # The anchor is always plain sqlite3 on a plain file (on an encrypted run, the twin with
    # the same data): the yardstick does not move, so the ratio shows what encryption costs.
    connection = sqlite3.connect(plain_twin(built.data_dir) / services.paths.database_file.name)
    # On an encrypted run, the same raw SQL through SQLCipher too, with the engine's page
    # cache: SQLCipher's own share.
    cipher = records_connection(services.paths.database_file) if options.encrypted else None
    if cipher is not None:
        from avenue_desk.store.engine import CIPHER_CACHE_KIB

        cipher.execute(f"PRAGMA cache_size = -{CIPHER_CACHE_KIB}")
    try:
        rss_before = peak_rss_mb()
        for case in cases(options.incidents):
            results.append(_list_result(services, connection, cipher, case, options.repeats))
        rss_services = peak_rss_mb()
        results.append(Result("peak RSS: list via the services", rss_services, rss_before,
                              "< +50 MB", unit="MB",
                              note="anchor column = peak RSS before opening the list"))
        ui_results, ui_note = table_view_results(services, connection, options)
        results += ui_results
        if ui_results:
            results.append(Result("peak RSS: list in a QTableView", peak_rss_mb(), rss_services,
                                  "< +100 MB", unit="MB",
                                  note="anchor column = peak RSS before the table view"))
        if ui_note:
            info.append(ui_note)
    finally:
        connection.close()
        if cipher is not None:
            cipher.close()
        services.close()
    return results, info


def _list_result(services, connection, cipher, case: Case, repeats: int) -> Result:
    app, anchor = app_list(services, case), lambda: raw_list(connection, case)
    if cipher is None:
        app_s, anchor_s = paired(app, anchor, repeats)
        return Result(case.name, app_s, anchor_s, SERVICE_TARGET)
    app_s, anchor_s, cipher_s = alternated((app, anchor, lambda: raw_list(cipher, case)),
                                           repeats)
    return Result(case.name, app_s, anchor_s, SERVICE_TARGET,
                  note=f"the same raw SQL through SQLCipher on the encrypted file (same "
                       f"page cache as the app's): "
                       f"{cipher_s * 1000:,.1f} ms ({cipher_s / anchor_s:.2f}× the plain)")


def table_view_results(services, connection, options: Options) -> tuple[list[Result], str]:
    """Opening and scrolling the real table model in a QTableView, if the model exists."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6.QtWidgets import QApplication, QTableView

        from avenue_desk.services.incidents.records import IncidentQuery
        from avenue_desk.ui.models.incident_table import IncidentTableModel
    except ImportError as error:
        return [], f"Table view benchmarks skipped: {error}."
    app = QApplication.instance() or QApplication([])
    first = cases(options.incidents)[0]

    def open_list():
        model = IncidentTableModel(services)
        model.set_query(IncidentQuery())
        return model.data(model.index(0, 0))

    results = []
    app_s, anchor_s = paired(open_list, lambda: raw_list(connection, first), options.repeats)
    results.append(Result("table model: create to first data()", app_s, anchor_s,
                          "< 100 ms"))

    model = IncidentTableModel(services)
    plain = plain_model(model.rowCount(), model.columnCount())
    view = QTableView()
    view.resize(1366, 768)
    view.setModel(model)
    view.show()
    app.processEvents()

    def scroller(target) -> Callable[[], int]:
        def scroll() -> int:
            if target is model:
                model.set_query(IncidentQuery())  # drop cached pages: every run starts cold
            if view.model() is not target:
                view.setModel(target)
            bar = view.verticalScrollBar()
            last = 0
            for screen in range(SCREENS):
                bar.setValue(screen * bar.pageStep())
                view.viewport().grab()  # paints the visible rows, as the screen would
                last = max(last, view.rowAt(view.viewport().height() - 1))
            bar.setValue(bar.maximum())
            view.viewport().grab()
            app.processEvents()
            return last

        return scroll

    # Alternate the two models in one view: the anchor is Qt painting the same cells from
    # memory, so the ratio is what fetching pages through the services adds to scrolling.
    rows_painted = scroller(model)() + 1
    app_s, anchor_s = paired(scroller(model), scroller(plain), max(3, options.repeats // 2))
    results.append(Result(f"table view: scroll {SCREENS} screens + jump to end", app_s,
                          anchor_s, "≤ 2× and < 1 s",
                          note=f"{rows_painted:,} rows painted, then the last screen; anchor "
                               "= the same view painting an in-memory model of the same size"))
    view.close()
    view.deleteLater()
    model.deleteLater()
    plain.deleteLater()
    app.processEvents()
    return results, ""


def plain_model(rows: int, columns: int):
    """A table model that invents its cells: Qt's own floor for painting a list this long."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

    class PlainModel(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()):  # noqa: B008 - Qt's signature
            return 0 if parent.isValid() else rows

        def columnCount(self, parent=QModelIndex()):  # noqa: B008
            return 0 if parent.isValid() else columns

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole:
                return f"Row {index.row():,}, column {index.column()}: demo text"
            return None

    return PlainModel()
