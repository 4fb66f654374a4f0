"""Potential breaches of the code of conduct: the list, newest first, with the policy's
sentence on what follows a breach above it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.policy import conduct as code
from avenue_desk.services.conduct import BreachRow
from avenue_desk.ui.labels import short_date
from avenue_desk.ui.style import set_role

COLUMNS = ("Date", "Person", "Items of the code", "Steps", "Outcome")


def outcome_text(row: BreachRow) -> str:
    return code.get_outcome(row.outcome).label if row.outcome else "Open: being investigated"


class BreachPanel(QWidget):
    changed = Signal()

    def __init__(self, services, parent=None):
        super().__init__(parent)
        self._services = services
        self.rows: list[BreachRow] = []
        self.dialog = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        quote = QLabel(f"The policy: “{code.BREACH_QUOTE.text}”")
        quote.setWordWrap(True)
        quote.setTextFormat(Qt.TextFormat.PlainText)
        set_role(quote, "quote")
        layout.addWidget(quote)
        top = QHBoxLayout()
        self.new_button = QPushButton("&Record a potential breach…")
        self.open_button = QPushButton("&Open…")
        top.addWidget(self.new_button)
        top.addWidget(self.open_button)
        top.addStretch(1)
        self.open_only = QCheckBox("Open &investigations only")
        top.addWidget(self.open_only)
        layout.addLayout(top)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Potential breaches")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column, width in enumerate((100, 220, 480, 60)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.empty = QLabel("No potential breaches recorded.")
        set_role(self.empty, "muted")
        layout.addWidget(self.empty)
        self.new_button.clicked.connect(lambda: self.open_breach(None))
        self.open_button.clicked.connect(self.open_selected)
        self.table.itemActivated.connect(lambda _item: self.open_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.open_only.toggled.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args) -> None:
        self.rows = self._services.breaches.list(open_only=self.open_only.isChecked())
        self.table.setRowCount(len(self.rows))
        for number, row in enumerate(self.rows):
            texts = (short_date(row.occurred_on), row.person_name, "; ".join(row.item_labels),
                     str(row.steps), outcome_text(row))
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(number, column, item)
        self.empty.setVisible(not self.rows)
        self._update_buttons()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()].id if rows else None

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.selected_id() is not None)

    def open_selected(self) -> None:
        breach_id = self.selected_id()
        if breach_id is not None:
            self.open_breach(breach_id)

    def open_breach(self, breach_id: int | None) -> None:
        if self.dialog is not None:
            self.dialog.raise_()
            return
        from avenue_desk.ui.dialogs.breach_dialog import BreachDialog

        dialog = BreachDialog(self._services, breach_id, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _id: (self.refresh(), self.changed.emit()))
        dialog.finished.connect(self._forget_dialog)
        self.dialog = dialog
        dialog.open()

    def _forget_dialog(self, *_args) -> None:
        self.dialog = None
