"""The date box: typed as an office types dates, "not set" as a value, unreadable text said
in words and kept, and a calendar made only when it is opened, on the box's date or today."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt

from avenue_desk.ui.widgets.date_field import DateField, refuse_unread_dates

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
    button = field.calendar_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton,
                     pos=QPoint(button.width() // 2, button.height() // 2))
    calendar = field.calendar()
    qtbot.waitUntil(calendar.isVisible)
    return calendar


def type_into(qtbot, field: DateField, text: str) -> None:
    """Types ``text`` (ASCII: other key clicks abort the process) and presses Enter."""
    qtbot.keyClicks(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)


@POPUP_WARNINGS
def test_an_empty_box_says_so_and_its_calendar_opens_on_today(qtbot):
    field = make(qtbot)
    # The words are the box's placeholder: shown while empty, gone the moment one types.
    assert field.value() is None and field.edit.text() == ""
    assert field.edit.placeholderText() == "Not known"
    assert field.calendar() is None  # made on the first click, not with the box
    calendar = open_calendar(qtbot, field)
    assert (calendar.yearShown(), calendar.monthShown()) == (2026, 11)  # not January 2000
    assert calendar.selectedDate().toPython() == TODAY  # today, not the 1st of the month


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


# --- typing -------------------------------------------------------------------------------

FORMS = [
    ("03/12/2026", date(2026, 12, 3)),
    ("3/12/2026", date(2026, 12, 3)),
    ("3/12/26", date(2026, 12, 3)),
    ("03-12-2026", date(2026, 12, 3)),
    ("3 December 2026", date(2026, 12, 3)),
    ("3 Dec", date(2025, 12, 3)),  # no year: the most recent 3 December, not a future one
    ("14 Nov", date(2026, 11, 14)),
    ("today", TODAY),
    ("yesterday", date(2026, 11, 20)),
]


@pytest.mark.parametrize("optional", [False, True], ids=["required", "optional"])
@pytest.mark.parametrize(("typed", "meant"), FORMS, ids=[t for t, _ in FORMS])
def test_each_form_typed_into_an_empty_box_gives_its_date(qtbot, optional, typed, meant):
    field = make(qtbot, optional=optional)
    with qtbot.waitSignal(field.changed):
        type_into(qtbot, field, typed)
    assert field.value() == meant
    assert field.problem() is None and not field.problem_label.isVisible()
    assert field.edit.text() == f"{meant:%d/%m/%Y}"  # read back in the one form


def test_typing_over_a_date_replaces_it(qtbot):
    field = make(qtbot)
    field.set_value(date(2025, 3, 14))
    field.edit.selectAll()
    type_into(qtbot, field, "1/2/26")
    assert field.value() == date(2026, 2, 1) and field.edit.text() == "01/02/2026"


@pytest.mark.parametrize(("typed", "said"), [
    ("31/02/2026", "\u201c31/02/2026\u201d is not a date: February 2026 has 28 days"),
    ("1/13/2026", "\u201c1/13/2026\u201d is not a date: there is no month 13 (the day comes "
                  "first, then the month)"),
    ("soon", "Type a date like 03/12/2026"),
])
def test_an_unreadable_date_is_said_beside_the_box_and_kept(qtbot, typed, said):
    field = make(qtbot, optional=True)
    type_into(qtbot, field, typed)
    assert field.edit.text() == typed  # never dropped, never replaced by "Not known"
    assert field.value() is None and field.problem() == said
    assert field.problem_label.isVisible() and field.problem_label.text() == said
    assert field.problem_label.property("role") == "error"
    assert refuse_unread_dates(field)  # a form's save refuses with it
    field.edit.clear()
    type_into(qtbot, field, "28/02/2026")  # put right: the red goes
    assert field.value() == date(2026, 2, 28) and not field.problem_label.isVisible()
    assert not refuse_unread_dates(field)


def test_an_empty_optional_box_is_not_known_and_not_refused(qtbot):
    field = make(qtbot, optional=True)
    type_into(qtbot, field, "")
    assert field.value() is None and field.problem() is None
    assert not refuse_unread_dates(field)


def test_a_date_after_the_latest_allowed_is_refused_in_words(qtbot):
    field = make(qtbot, optional=False)
    field.edit.setMaximumDate(TODAY)
    type_into(qtbot, field, "22/11/2026")
    assert field.edit.text() == "22/11/2026" and field.value() is None
    assert field.problem_label.text() == ("\u201c22/11/2026\u201d is after 21/11/2026, "
                                          "the latest date this can be")


@POPUP_WARNINGS
def test_a_date_chosen_on_the_calendar_fills_the_box(qtbot):
    field = make(qtbot)
    calendar = open_calendar(qtbot, field)
    with qtbot.waitSignal(field.changed):
        calendar.clicked.emit(calendar.selectedDate().addDays(-2))
    assert field.value() == date(2026, 11, 19) and field.edit.text() == "19/11/2026"
    assert not calendar.isVisible()


@POPUP_WARNINGS
def test_alt_down_in_the_box_opens_the_calendar_on_its_date(qtbot):
    field = make(qtbot)
    field.set_value(date(2025, 3, 14))
    assert field.calendar_button.focusPolicy() == Qt.FocusPolicy.NoFocus  # no extra Tab stop
    qtbot.keyClick(field.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = field.calendar()
    qtbot.waitUntil(calendar.isVisible)
    assert calendar.selectedDate().toPython() == date(2025, 3, 14)
