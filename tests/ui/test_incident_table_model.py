"""The incident table model: a correct Qt model, lazy paging, sorting, filters and highlights."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableView

from avenue_desk.paths import AppPaths
from avenue_desk.services.core.clock import FixedClock
from avenue_desk.services.incidents.records import IncidentQuery
from avenue_desk.ui.models import incident_table
from avenue_desk.ui.models.incident_table import (
    COL_CATEGORIES,
    COL_FOLLOW_UP,
    COL_ID,
    COL_PLATFORM,
    COL_POSTED,
    COL_SUMMARY,
    IncidentTableModel,
)
from tests.helpers.accounts import open_signed_in as open_services
from tests.helpers.records import close, follow_up, incident, person

PLATFORMS = ("facebook", "x_twitter", "instagram", "tiktok", "whatsapp")


@pytest.fixture(scope="module")
def thousand(tmp_path_factory):
    """1,000 incidents on one SQLite file, made once for the paging tests."""
    clock = FixedClock(datetime(2026, 11, 21, 9, 30))
    services = open_services(AppPaths(tmp_path_factory.mktemp("big") / "data"), clock)
    start = date(2024, 1, 1)
    for number in range(1000):
        incident(
            services,
            posted_on=start + timedelta(days=number % 600),
            platform=PLATFORMS[number % len(PLATFORMS)],
            summary=f"Post number {number} about the summer fair.",
        )
    yield services
    services.close()


def record_pages(monkeypatch, services):
    calls = []
    real = services.incidents.page

    def page(query, offset, limit):
        calls.append((offset, limit))
        return real(query, offset, limit)

    monkeypatch.setattr(services.incidents, "page", page)
    return calls


def test_an_empty_database_is_a_valid_model(qtmodeltester, services):
    model = IncidentTableModel(services)
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_a_populated_database_is_a_valid_model(qtmodeltester, services):
    poster = person(services, "Łucja Wróbel")
    for day in range(1, 25):
        incident(services, posted_on=date(2026, 10, day), poster_id=poster.id,
                 categories=("racist", "threat") if day % 5 == 0 else ("complaint",))
    follow_up(services, 3, date(2026, 11, 10))
    close(services, 4)
    model = IncidentTableModel(services)
    assert model.rowCount() == 24
    qtmodeltester.check(model)


def test_only_the_pages_asked_for_are_fetched(monkeypatch, thousand):
    calls = record_pages(monkeypatch, thousand)
    model = IncidentTableModel(thousand)
    assert model.rowCount() == 1000
    assert calls == []  # counting needs no rows
    model.data(model.index(0, COL_ID))
    model.data(model.index(5, COL_SUMMARY))
    model.data(model.index(999, COL_ID))
    assert calls == [(0, 200), (800, 200)]
    assert sorted(model.loaded_pages()) == [0, 4]


def test_a_visible_table_fetches_only_the_first_page(qtbot, monkeypatch, thousand):
    calls = record_pages(monkeypatch, thousand)
    model = IncidentTableModel(thousand)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: calls != [])
    qtbot.wait(50)
    assert calls == [(0, 200)]
    view.scrollToBottom()
    qtbot.waitUntil(lambda: len(calls) > 1)
    assert calls == [(0, 200), (800, 200)]


def test_old_pages_are_dropped(monkeypatch, thousand):
    monkeypatch.setattr(incident_table.IncidentTableModel, "MAX_PAGES", 2)
    model = IncidentTableModel(thousand)
    for row in (0, 200, 400, 600):
        model.data(model.index(row, COL_ID))
    assert model.loaded_pages() == [2, 3]  # pages (of 200 rows) 2 and 3, the latest touched


def test_sorting_asks_the_service_for_the_new_order(thousand):
    model = IncidentTableModel(thousand)
    newest = model.data(model.index(0, COL_POSTED))
    model.sort(COL_ID, Qt.SortOrder.AscendingOrder)
    assert model.query.sort_key == "id" and not model.query.descending
    assert model.incident_id(0) == 1
    model.sort(COL_POSTED, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, COL_POSTED)) == newest
    model.sort(COL_PLATFORM, Qt.SortOrder.AscendingOrder)
    assert model.data(model.index(0, COL_PLATFORM)) == "Facebook"


def test_summary_and_categories_cannot_be_sorted_and_say_so(thousand):
    model = IncidentTableModel(thousand)
    before = model.query
    model.sort(COL_SUMMARY, Qt.SortOrder.AscendingOrder)
    model.sort(COL_CATEGORIES, Qt.SortOrder.AscendingOrder)
    assert model.query == before
    tip = model.headerData(COL_SUMMARY, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "can't be sorted" in tip
    tip = model.headerData(COL_ID, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Click to sort")


def test_filters_change_the_rows(thousand):
    model = IncidentTableModel(thousand)
    model.set_query(IncidentQuery(platform="tiktok"))
    assert model.rowCount() == 200
    assert {model.data(model.index(r, COL_PLATFORM)) for r in range(0, 200, 37)} == {"TikTok"}
    model.set_query(IncidentQuery(text="number 777"))
    assert model.rowCount() >= 1
    assert any(model.incident_id(r) == 778 for r in range(model.rowCount()))
    model.set_query(IncidentQuery(date_from=date(2024, 1, 1), date_to=date(2024, 1, 1)))
    assert model.rowCount() == 2  # incidents 0 and 600: the dates go round every 600
    model.refresh()
    assert model.rowCount() == 2


def test_overdue_serious_and_closed_rows_stand_out(services, clock):
    overdue = incident(services)
    follow_up(services, overdue.id, clock.today() - timedelta(days=4))
    today = incident(services)
    follow_up(services, today.id, clock.today())
    serious = incident(services, categories=("racist", "complaint"))
    finished = incident(services, categories=("threat",))
    close(services, finished.id)
    model = IncidentTableModel(services)
    model.sort(COL_ID, Qt.SortOrder.AscendingOrder)
    rows = {model.incident_id(r): r for r in range(model.rowCount())}

    def role(incident_id, column, which):
        return model.data(model.index(rows[incident_id], column), which)

    display, background = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole
    foreground, font = Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole
    assert "overdue" in role(overdue.id, COL_FOLLOW_UP, display)
    assert role(overdue.id, COL_FOLLOW_UP, background) == QColor("#fde7e9")  # pale red
    assert role(overdue.id, COL_FOLLOW_UP, font).bold()
    assert "4 days ago" in role(overdue.id, COL_FOLLOW_UP, Qt.ItemDataRole.ToolTipRole)
    assert role(today.id, COL_FOLLOW_UP, display) == "Due today"
    assert role(serious.id, COL_CATEGORIES, background) == QColor("#fdecc8")  # pale amber
    assert role(serious.id, COL_CATEGORIES, display) == "Racist, Complaint"
    assert "Police" in role(serious.id, COL_CATEGORIES, Qt.ItemDataRole.ToolTipRole)
    assert role(serious.id, COL_SUMMARY, background) is None
    assert role(finished.id, COL_SUMMARY, foreground) == QColor("#5c5c5c")  # muted grey
    assert role(finished.id, COL_CATEGORIES, background) is None  # closed: no alarm
    assert role(overdue.id, COL_SUMMARY, foreground) is None


def test_the_follow_up_tooltip_holds_the_whole_cut_off_text(services, clock):
    late, due, later = incident(services), incident(services), incident(services)
    follow_up(services, late.id, clock.today() - timedelta(days=1))
    follow_up(services, due.id, clock.today())
    follow_up(services, later.id, clock.today() + timedelta(days=3))
    model = IncidentTableModel(services)
    rows = {model.incident_id(r): r for r in range(model.rowCount())}
    for each in (late, due, later):
        cell = model.index(rows[each.id], COL_FOLLOW_UP)
        shown = model.data(cell, Qt.ItemDataRole.DisplayRole)
        tip = model.data(cell, Qt.ItemDataRole.ToolTipRole)
        assert shown and shown in tip, (shown, tip)
    assert model.data(model.index(rows[late.id], COL_FOLLOW_UP), Qt.ItemDataRole.ToolTipRole
                      ).endswith("overdue: the follow-up was due 1 day ago.")


def test_a_row_past_the_end_is_blank_not_an_error(services):
    incident(services)
    model = IncidentTableModel(services)
    assert model.incident_id(5) is None
    assert model.data(model.index(0, 99)) is None
