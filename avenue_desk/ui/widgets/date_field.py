"""A date box an office can type into, with a calendar as a helper, that can say "not set".

It is a line edit of our own rather than a QDateEdit: a QDateEdit with a special "not set"
value mangles typed dates (its section editing turned "03/12/2026" into "e the
date3122026"). Reading the text is ``policy.typed_dates`` (pure, tested on its own); this
widget only shows what was read, says beside the box what could not be, and keeps the text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.policy.typed_dates import UnreadableDate, read_typed_date
from avenue_desk.ui.style import set_role


class _DateLine(QLineEdit):
    """The box itself. It keeps QDateEdit's ``setMaximumDate``/``maximumDate`` (callers
    use them to refuse tomorrow; an unset maximum is a null QDate) and its keys for the
    calendar, Alt+Down and F4, so the arrow button needs no stop of its own on Tab."""

    def __init__(self, parent: QWidget, open_calendar: Callable[[], None]):
        super().__init__(parent)
        self._maximum = QDate()
        self._open_calendar = open_calendar

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        alt_down = (event.key() == Qt.Key.Key_Down
                    and event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if (alt_down or event.key() == Qt.Key.Key_F4) and not self.isReadOnly():
            self._open_calendar()
            return
        super().keyPressEvent(event)

    def setMaximumDate(self, maximum: QDate | date) -> None:  # noqa: N802 (QDateEdit's name)
        self._maximum = QDate(maximum)

    def maximumDate(self) -> QDate:  # noqa: N802 (QDateEdit's name)
        return self._maximum


class DateField(QWidget):
    """``value()`` is a ``date`` or None; ``changed`` fires whenever that value changes.
    ``problem()`` is the sentence shown when the typed text is not a date: a form's save
    refuses until it is put right (see ``refuse_unread_dates``)."""

    changed = Signal()

    def __init__(self, today: date, optional: bool = True, parent: QWidget | None = None,
                 unset_text: str = "Not set", year_left_out: str = "past"):
        super().__init__(parent)
        self._today = today
        self._year_left_out = year_left_out
        self._calendar: QCalendarWidget | None = None  # made on the first click, see below
        self.edit = _DateLine(self, self.open_calendar)
        self.edit.setPlaceholderText(unset_text)
        self.edit.setToolTip("Type a date, day first (03/12/2026, 3/12/26, 3 Dec, today, "
                             "yesterday), or choose it from the calendar")
        self.edit.setMinimumWidth(140)
        self.edit.textChanged.connect(self._text_changed)
        self.edit.editingFinished.connect(self._editing_finished)
        self.calendar_button = QToolButton(self)
        self.calendar_button.setArrowType(Qt.ArrowType.DownArrow)
        self.calendar_button.setToolTip("Choose the date from a calendar")
        self.calendar_button.setAccessibleName("Choose the date from a calendar")
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+Down from the box
        self.calendar_button.clicked.connect(self.open_calendar)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("Clear")
        self.clear_button.setToolTip("Leave this date empty")
        self.clear_button.clicked.connect(self.clear)
        self.clear_button.setVisible(optional)
        self.problem_label = set_role(QLabel(self), "error")
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()
        row = QHBoxLayout()
        row.setSpacing(2)
        row.addWidget(self.edit)
        row.addWidget(self.calendar_button)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        # Just under the box, as the forms' other messages are: beside it, it widened the form.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.problem_label)
        self.setFocusProxy(self.edit)
        self._last_value: date | None = None

    # --- reading -----------------------------------------------------------------------

    def _read(self) -> date | None:
        """Raises UnreadableDate with the sentence to show."""
        maximum = self.edit.maximumDate()
        return read_typed_date(self.edit.text(), self._today, year_left_out=self._year_left_out,
                               latest=maximum.toPython() if maximum.isValid() else None)

    def value(self) -> date | None:
        """What the box says now (None when empty or not a date: ``problem()`` tells)."""
        try:
            return self._read()
        except UnreadableDate:
            return None

    def problem(self) -> str | None:
        try:
            self._read()
        except UnreadableDate as unreadable:
            return str(unreadable)
        return None

    def show_problem(self) -> bool:
        """Says beside the box why its text is not a date; False (and nothing shown) if it is."""
        problem = self.problem()
        self.problem_label.setText(problem or "")
        self.problem_label.setVisible(problem is not None)
        return problem is not None

    def _text_changed(self) -> None:
        current = self.value()
        if self.problem_label.isVisible() and self.problem() is None:
            self.problem_label.hide()  # put right: the red goes as soon as it reads
        if current != self._last_value:
            self._last_value = current
            self.changed.emit()

    def _editing_finished(self) -> None:
        # Read back in the one form, so what was understood is plain; unreadable text stays.
        if not self.show_problem() and (current := self.value()) is not None:
            shown = f"{current:%d/%m/%Y}"
            if self.edit.text() != shown:
                self.edit.setText(shown)

    # --- setting -----------------------------------------------------------------------

    def set_value(self, value: date | None) -> None:
        self.edit.setText(f"{value:%d/%m/%Y}" if value else "")
        self.problem_label.hide()

    def clear(self) -> None:
        self.set_value(None)

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.calendar_button.setEnabled(not read_only)
        self.clear_button.setEnabled(not read_only)

    # --- the calendar ------------------------------------------------------------------

    def calendar(self) -> QCalendarWidget | None:
        """The pop-up once it has been opened (None before: it is made on first click,
        since a form with a few date boxes opened noticeably slower for their calendars)."""
        return self._calendar

    def open_calendar(self) -> None:
        if self._calendar is None:
            self._calendar = QCalendarWidget(self)
            self._calendar.setWindowFlags(Qt.WindowType.Popup)
            self._calendar.setGridVisible(True)
            self._calendar.clicked.connect(self._chosen)
            self._calendar.activated.connect(self._chosen)
        # It opens on the box's date, or on today when the box is empty or unreadable.
        shown = QDate(self.value() or self._today)
        maximum = self.edit.maximumDate()
        self._calendar.setMaximumDate(maximum if maximum.isValid() else QDate(9999, 12, 31))
        self._calendar.setSelectedDate(shown)
        self._calendar.setCurrentPage(shown.year(), shown.month())
        self._calendar.move(self.edit.mapToGlobal(QPoint(0, self.edit.height())))
        self._calendar.show()
        self._calendar.setFocus()

    def _chosen(self, chosen: QDate) -> None:
        if self._calendar is not None:
            self._calendar.hide()
        self.set_value(chosen.toPython())
        self.edit.setFocus()


def refuse_unread_dates(*fields: DateField) -> bool:
    """For a form's save: shows beside each of ``fields`` whose text is not a date why
    not, puts the cursor in the first, and says True (refuse) if there was any."""
    unread = [field for field in fields if field.show_problem()]
    if unread:
        unread[0].setFocus(Qt.FocusReason.OtherFocusReason)
    return bool(unread)
