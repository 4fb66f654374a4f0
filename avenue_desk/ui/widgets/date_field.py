"""A date box with a calendar that can also say "not set" (QDateEdit alone always has a date)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Signal
from PySide6.QtWidgets import QCalendarWidget, QDateEdit, QHBoxLayout, QToolButton, QWidget

# QDateEdit cannot be empty, so its minimum date stands for "not set" and shows the
# special text instead. Nothing on social media predates it.
_UNSET = QDate(2000, 1, 1)


class _DateEdit(QDateEdit):
    """A QDateEdit that makes its calendar when it is first clicked (the click that opens
    it), not with the box: a form with a few date boxes opened noticeably slower for their
    calendars. ``prepare`` is given the calendar once it exists."""

    def __init__(self, prepare: Callable[[QCalendarWidget], None], parent: QWidget):
        super().__init__(parent)
        self._prepare: Callable[[QCalendarWidget], None] | None = prepare

    def _calendar_wanted(self) -> None:
        if self._prepare is not None:
            prepare, self._prepare = self._prepare, None
            prepare(self.calendarWidget())

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self._calendar_wanted()
        super().mousePressEvent(event)


class DateField(QWidget):
    """``value()`` is a ``date`` or None; ``changed`` fires on every edit."""

    changed = Signal()

    def __init__(self, today: date, optional: bool = True, parent: QWidget | None = None,
                 unset_text: str = "Not set"):
        super().__init__(parent)
        self._today = today
        # An empty box would open the calendar on January 2000; it opens on this month.
        self.edit = _DateEdit(lambda calendar: calendar.installEventFilter(self), self)
        self.edit.setCalendarPopup(True)
        # Typed the way a UK office writes dates; the calendar is there for everyone else.
        self.edit.setDisplayFormat("dd/MM/yyyy")
        self.edit.setMinimumDate(_UNSET)
        self.edit.setSpecialValueText(unset_text)
        self.edit.setDate(_UNSET)
        self.edit.setMinimumWidth(140)
        self.edit.dateChanged.connect(self.changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("Clear")
        self.clear_button.setToolTip("Leave this date empty")
        self.clear_button.clicked.connect(self.clear)
        self.clear_button.setVisible(optional)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)

    def value(self) -> date | None:
        current = self.edit.date()
        return None if current == _UNSET else current.toPython()

    def set_value(self, value: date | None) -> None:
        self.edit.setDate(QDate(value) if value else _UNSET)

    def clear(self) -> None:
        self.set_value(None)

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.clear_button.setEnabled(not read_only)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.value() is None:
            watched.setCurrentPage(self._today.year, self._today.month)
        return super().eventFilter(watched, event)
