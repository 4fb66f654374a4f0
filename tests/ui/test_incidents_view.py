"""The incident list: search (debounced), filters, the count and opening an incident."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt

from avenue_desk.services.incidents.records import IncidentQuery
from avenue_desk.ui.models.incident_table import COL_CATEGORIES, COL_ID, COL_POSTED
from avenue_desk.ui.views import incidents as incidents_view
from avenue_desk.ui.views.incidents import IncidentsView
from tests.helpers.records import close, follow_up, incident


def seed(services, clock):
    incident(services, summary="Angry post about the nativity play.", platform="facebook",
             posted_on=date(2026, 10, 1))
    incident(services, summary="Threat made in the Year 6 group chat.", platform="whatsapp",
             categories=("threat",), posted_on=date(2026, 10, 15))
    late = incident(services, summary="Photo of the staff room on Instagram.",
                    platform="instagram", posted_on=date(2026, 11, 5))
    follow_up(services, late.id, clock.today() - timedelta(days=1))
    done = incident(services, summary="Old complaint, sorted out.", posted_on=date(2026, 9, 1))
    close(services, done.id)


def make(qtbot, services) -> IncidentsView:
    view = IncidentsView(services)
    qtbot.addWidget(view)
    view.resize(1150, 650)
    view.show()
    return view


def test_the_count_and_the_rows(qtbot, services, clock):
    seed(services, clock)
    view = make(qtbot, services)
    assert view.count_label.text() == "4 incidents"
    assert view.model.rowCount() == 4


def test_an_empty_list_says_so(qtbot, services):
    view = make(qtbot, services)
    assert view.count_label.text() == "No incidents yet."


def test_search_waits_for_typing_to_stop(qtbot, services, clock, monkeypatch):
    seed(services, clock)
    view = make(qtbot, services)
    counts = []
    real = services.incidents.count
    monkeypatch.setattr(services.incidents, "count", lambda q: counts.append(q) or real(q))
    qtbot.keyClicks(view.search, "nativity")
    assert counts == []  # nothing asked while typing
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=2000)
    assert len(counts) == 1 and counts[0].text == "nativity"
    assert view.count_label.text() == "1 incident matches these filters"


def test_search_takes_non_latin_words(qtbot, services, clock):
    incident(services, summary="Пост про учителя в группе родителей.")
    incident(services, summary="Nothing to see.")
    view = make(qtbot, services)
    view.search.setText("учителя")  # keyClicks with non-ASCII aborts the process
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=2000)


def test_enter_in_the_search_box_does_not_wait(qtbot, services, clock, monkeypatch):
    seed(services, clock)
    monkeypatch.setattr(incidents_view, "SEARCH_DELAY_MS", 10_000)
    view = make(qtbot, services)
    view.search.setText("threat")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert view.model.rowCount() == 1


def test_the_filters(qtbot, services, clock):
    seed(services, clock)
    view = make(qtbot, services)
    view.status.setCurrentIndex(view.status.findData("closed"))
    assert view.model.rowCount() == 1
    view.status.setCurrentIndex(view.status.findData("open"))
    assert view.model.rowCount() == 3
    view.category.setCurrentIndex(view.category.findData("threat"))
    assert view.model.rowCount() == 1
    assert view.model.data(view.model.index(0, COL_CATEGORIES)) == "Threat of violence"
    view.clear_filters()
    assert view.model.rowCount() == 4
    assert view.model.query == IncidentQuery()
    view.platform.setCurrentIndex(view.platform.findData("instagram"))
    assert view.model.rowCount() == 1
    view.clear_filters()
    view.overdue_only.setChecked(True)
    assert view.model.rowCount() == 1
    view.overdue_only.setChecked(False)
    view.still_up_only.setChecked(True)
    assert view.model.rowCount() == 3


def test_dates_can_be_left_out_or_set(qtbot, services, clock):
    seed(services, clock)
    view = make(qtbot, services)
    assert not view.date_from.edit.isEnabled()
    view.date_from.edit.setDate(QDate(2026, 10, 10))
    assert view.model.rowCount() == 4  # unticked: the date is ignored
    view.date_from.check.setChecked(True)
    assert view.date_from.edit.isEnabled()
    assert view.model.rowCount() == 2
    view.date_to.check.setChecked(True)
    view.date_to.edit.setDate(QDate(2026, 10, 31))
    assert view.model.rowCount() == 1
    view.clear_filters()
    assert not view.date_from.check.isChecked()
    assert view.model.rowCount() == 4


def test_clicking_a_header_sorts_and_unsortable_ones_stay_put(qtbot, services, clock):
    seed(services, clock)
    view = make(qtbot, services)
    header = view.table.horizontalHeader()
    header.setSortIndicator(COL_ID, Qt.SortOrder.AscendingOrder)
    assert view.model.incident_id(0) == 1
    header.setSortIndicator(COL_CATEGORIES, Qt.SortOrder.AscendingOrder)
    assert header.sortIndicatorSection() == COL_ID
    header.setSortIndicator(COL_POSTED, Qt.SortOrder.DescendingOrder)
    assert view.model.query.sort_key == "posted_on"


def test_enter_and_double_click_open_the_incident(qtbot, services, clock):
    seed(services, clock)
    view = make(qtbot, services)
    view.table.setFocus()
    view.table.selectRow(1)
    with qtbot.waitSignal(view.open_incident) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == [view.model.incident_id(1)]
    rect = view.table.visualRect(view.model.index(2, 1))
    viewport = view.table.viewport()
    # A real double-click starts with a press; the view ignores a double-click without one.
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(view.open_incident) as opened:
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [view.model.incident_id(2)]


def test_refresh_keeps_the_selected_incident(qtbot, services, clock):
    seed(services, clock)
    view = make(qtbot, services)
    view.table.selectRow(2)
    chosen = view.selected_incident_id()
    incident(services, posted_on=date(2026, 8, 1))
    view.refresh()
    assert view.selected_incident_id() == chosen
    assert view.count_label.text() == "5 incidents"


def test_the_home_page_can_ask_for_overdue_only(qtbot, services, clock):
    seed(services, clock)
    view = make(qtbot, services)
    view.search.setText("something")
    view.show_preset("overdue")
    assert view.search.text() == ""
    assert view.overdue_only.isChecked()
    assert view.model.rowCount() == 1
