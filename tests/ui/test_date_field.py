"""The date box: "not set" as a value, and a calendar made only when it may be opened."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt

from avenue_desk.ui.widgets.date_field import DateField

TODAY = date(2026, 11, 21)


def make(qtbot, optional: bool = True) -> DateField:
    field = DateField(TODAY, optional=optional, unset_text="Not known")
    qtbot.addWidget(field)
    field.show()
    return field


# The calendar is a popup: the offscreen platform says it cannot raise it or grab the keys.
POPUP_WARNINGS = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


def open_calendar(qtbot, field: DateField):
    """Clicks the box's arrow, as a person opens the calendar."""
    edit = field.edit
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton,
                     pos=QPoint(edit.width() - 5, edit.height() // 2))
    calendar = edit.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    return calendar


@POPUP_WARNINGS
def test_an_empty_box_says_so_and_its_calendar_opens_on_this_month(qtbot):
    field = make(qtbot)
    assert field.value() is None and field.edit.text() == "Not known"
    calendar = open_calendar(qtbot, field)
    assert (calendar.yearShown(), calendar.monthShown()) == (2026, 11)  # not January 2000


@POPUP_WARNINGS
def test_a_set_box_opens_its_calendar_on_its_own_date(qtbot):
    field = make(qtbot)
    field.set_value(date(2025, 3, 14))
    assert field.edit.text() == "14/03/2025"
    calendar = open_calendar(qtbot, field)
    assert (calendar.yearShown(), calendar.monthShown()) == (2025, 3)
    assert calendar.selectedDate().toPython() == date(2025, 3, 14)


def test_clear_empties_the_box_and_says_it_changed(qtbot):
    field = make(qtbot)
    field.set_value(date(2025, 3, 14))
    with qtbot.waitSignal(field.changed):
        field.clear_button.click()
    assert field.value() is None
    assert not make(qtbot, optional=False).clear_button.isVisible()
