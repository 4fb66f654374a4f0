"""A breach's investigation: its steps, each with a date, and the outcome that closes it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.policy import conduct as code
from avenue_desk.services.conduct import BreachRecord
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.ui.labels import short_date, uk_date
from avenue_desk.ui.style import set_role
from avenue_desk.ui.widgets.date_field import DateField, refuse_unread_dates
from avenue_desk.ui.widgets.field_errors import clear_when_edited


def _error_label() -> QLabel:
    label = set_role(QLabel(), "error")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.hide()
    return label


class BreachInvestigation(QWidget):
    """Emits ``changed(record)`` after a step or the outcome is saved."""

    changed = Signal(object)

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.record: BreachRecord | None = None
        today = services.clock.today()
        layout = QVBoxLayout(self)

        steps_box = QGroupBox("Investigation steps")
        steps = QVBoxLayout(steps_box)
        self.steps = QListWidget()
        self.steps.setAccessibleName("Investigation steps")
        self.steps.setWordWrap(True)
        steps.addWidget(self.steps, 1)
        form = QFormLayout()
        self.step_date = DateField(today, optional=False, unset_text="Choose the date")
        self.step_date.set_value(today)
        form.addRow("&Date:", self.step_date)
        self.step_by = QLineEdit()
        self.step_by.setMaxLength(200)
        form.addRow("&By:", self.step_by)
        self.step_text = QPlainTextEdit()
        self.step_text.setTabChangesFocus(True)
        self.step_text.setFixedHeight(60)
        self.step_text.setPlaceholderText("What was done, e.g. “Met J. Smith with union rep”")
        form.addRow("&What was done:", self.step_text)
        steps.addLayout(form)
        buttons = QHBoxLayout()
        self.add_step_button = QPushButton("&Add step")
        self.remove_step_button = QPushButton("&Remove selected step")
        buttons.addWidget(self.add_step_button)
        buttons.addWidget(self.remove_step_button)
        buttons.addStretch(1)
        steps.addLayout(buttons)
        self.step_error = _error_label()
        steps.addWidget(self.step_error)
        layout.addWidget(steps_box, 1)

        outcome_box = QGroupBox("Outcome")
        outcome = QFormLayout(outcome_box)
        self.outcome = QComboBox()
        self.outcome.addItem("Not decided yet (investigation open)", None)
        for choice in code.OUTCOMES:
            self.outcome.addItem(choice.label, choice.key)
        outcome.addRow("&Outcome:", self.outcome)
        self.outcome_quote = QLabel()
        self.outcome_quote.setWordWrap(True)
        self.outcome_quote.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.outcome_quote, "quote")
        outcome.addRow(self.outcome_quote)
        self.decided_on = DateField(today, optional=False, unset_text="Choose the date")
        self.decided_on.set_value(today)
        outcome.addRow("Decided o&n:", self.decided_on)
        self.outcome_notes = QPlainTextEdit()
        self.outcome_notes.setTabChangesFocus(True)
        self.outcome_notes.setFixedHeight(60)
        outcome.addRow("No&tes:", self.outcome_notes)
        self.save_outcome_button = QPushButton("&Save outcome")
        outcome.addRow(self.save_outcome_button)
        self.outcome_error = _error_label()
        outcome.addRow(self.outcome_error)
        layout.addWidget(outcome_box)

        clear_when_edited(self.step_error, self.step_date, self.step_by, self.step_text)
        clear_when_edited(self.outcome_error, self.outcome, self.decided_on, self.outcome_notes)
        self.add_step_button.clicked.connect(self.add_step)
        self.remove_step_button.clicked.connect(self.remove_step)
        self.save_outcome_button.clicked.connect(self.save_outcome)
        self.outcome.currentIndexChanged.connect(self._outcome_changed)
        self.steps.currentRowChanged.connect(
            lambda row: self.remove_step_button.setEnabled(row >= 0))
        self._outcome_changed()
        self.remove_step_button.setEnabled(False)

    def show_record(self, record: BreachRecord) -> None:
        self.record = record
        self.steps.clear()
        for step in record.steps:
            by = f" — {step.taken_by}" if step.taken_by else ""
            item = QListWidgetItem(f"{short_date(step.taken_on)}{by}: {step.description}")
            item.setData(Qt.ItemDataRole.UserRole, step.id)
            self.steps.addItem(item)
        if not record.steps:
            self.steps.addItem(QListWidgetItem("No steps recorded yet."))
            self.steps.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        self.outcome.setCurrentIndex(max(self.outcome.findData(record.outcome), 0))
        if record.outcome_on:
            self.decided_on.set_value(record.outcome_on)
        self.outcome_notes.setPlainText(record.outcome_notes)

    def _outcome_changed(self) -> None:
        key = self.outcome.currentData()
        quote = code.get_outcome(key).quote if key else None
        self.outcome_quote.setText(f"The policy: “{quote.text}”" if quote else "")
        self.outcome_quote.setVisible(quote is not None)

    def add_step(self) -> None:
        if self.record is None or refuse_unread_dates(self.step_date):
            return
        try:
            record = self._services.breaches.add_step(
                self.record.id, self.step_date.value(), self.step_by.text(),
                self.step_text.toPlainText())
        except ServiceError as error:
            self.step_error.setText(str(error))
            self.step_error.show()
            return
        self.step_error.hide()
        self.step_text.clear()
        self.show_record(record)
        self.changed.emit(record)

    def remove_step(self) -> None:
        item = self.steps.currentItem()
        step_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        if self.record is None or step_id is None:
            return
        record = self._services.breaches.remove_step(self.record.id, int(step_id))
        self.show_record(record)
        self.changed.emit(record)

    def save_outcome(self) -> None:
        if self.record is None or refuse_unread_dates(self.decided_on):
            return
        try:
            record = self._services.breaches.set_outcome(
                self.record.id, self.outcome.currentData(), self.decided_on.value(),
                self.outcome_notes.toPlainText())
        except ServiceError as error:
            self.outcome_error.setText(str(error))
            self.outcome_error.show()
            return
        self.outcome_error.hide()
        self.show_record(record)
        self.changed.emit(record)

    def closed_text(self) -> str:
        record = self.record
        if record is None or record.outcome is None:
            return "Investigation open"
        return f"{code.get_outcome(record.outcome).label} ({uk_date(record.outcome_on)})"
