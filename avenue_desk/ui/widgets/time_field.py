"""A box for a time of day, typed as the office says it ("14:05", "2:05pm"), that can be
left empty for "not known".

The companion of ``DateField``: reading the text is ``policy.typed_times`` (pure, tested on
its own); this widget shows what was read, says under the box what could not be, and keeps
the text. ``refuse_unread_dates`` refuses a save for a time box as for a date box.
"""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from avenue_desk.policy.typed_times import UnreadableTime, read_typed_time, time_text
from avenue_desk.ui.style import set_role


class TimeField(QWidget):
    """``value()`` is a ``time`` or None; ``changed`` fires whenever that value changes;
    ``problem()`` is the sentence shown when the text is not a time."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, placeholder: str = "Time, e.g. 14:05"):
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setToolTip("Type the time as 14:05 or 2:05pm; leave it empty if not known")
        self.edit.setMaximumWidth(150)
        self.edit.textChanged.connect(self._text_changed)
        self.edit.editingFinished.connect(self._editing_finished)
        self.problem_label = set_role(QLabel(self), "error")
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.problem_label)
        self.setFocusProxy(self.edit)
        self._last_value: time | None = None

    def value(self) -> time | None:
        """What the box says now (None when empty or not a time: ``problem()`` tells)."""
        try:
            return read_typed_time(self.edit.text())
        except UnreadableTime:
            return None

    def problem(self) -> str | None:
        try:
            read_typed_time(self.edit.text())
        except UnreadableTime as unreadable:
            return str(unreadable)
        return None

    def show_problem(self) -> bool:
        """Says under the box why its text is not a time; False if it is (or is empty)."""
        problem = self.problem()
        self.problem_label.setText(problem or "")
        self.problem_label.setVisible(problem is not None)
        return problem is not None

    def set_value(self, value: time | None) -> None:
        self.edit.setText(time_text(value))
        self.problem_label.hide()

    def _text_changed(self) -> None:
        current = self.value()
        if self.problem_label.isVisible() and self.problem() is None:
            self.problem_label.hide()
        if current != self._last_value:
            self._last_value = current
            self.changed.emit()

    def _editing_finished(self) -> None:
        # Shown back in one form ("2:05pm" becomes "14:05"), so what was understood is plain.
        if not self.show_problem() and (current := self.value()) is not None:
            if self.edit.text() != time_text(current):
                self.edit.setText(time_text(current))
