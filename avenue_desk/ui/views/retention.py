"""Retention, opened from Settings (the Headteacher's): the records past their retention
period, destroyed only after a confirmation, and the period for each kind of record with
where its default comes from.

The list shows each record by kind and number (and a person by name: the Headteacher sees
names on the People screen anyway); what is destroyed is written to the audit trail by
number only (``services.retention``).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.policy.access import Operation
from avenue_desk.policy.retention import MAX_MONTHS, MIN_MONTHS, SCHOOL_SETS_ITS_OWN, period_label
from avenue_desk.services.core.errors import ServiceError, ValidationError
from avenue_desk.services.core.validation import uk_date
from avenue_desk.ui.operations import BackgroundOp, problem_text
from avenue_desk.ui.style import set_role
from avenue_desk.ui.widgets.field_errors import clear_when_edited

COLUMNS = ("Destroy", "Kind of record", "Record", "Counted from", "Due since",
           "Evidence files")
LISTED_AT_ONCE = 250  # rows added to the table in one turn of the event loop (about 10 ms)
INTRO = ("UK GDPR says personal data must not be kept for longer than it is needed. These "
         "records are past the retention period the school set for their kind (see "
         "Periods). Tick the ones to destroy: they go for good, with their evidence files, "
         "and the audit trail keeps only a note of each record's kind and number.")


def confirmation_text(records: int, files: int, backups_dir) -> str:
    return (
        f"This permanently destroys {records} record(s) and {files} evidence file(s). "
        f"It cannot be undone from Avenue Desk.\n\n"
        f"Make sure a recent backup exists first (Settings › Backups): if a record was "
        f"chosen by mistake, the only way back is to restore that backup. Copies of these "
        f"records inside older backups in\n  {backups_dir}\nremain until those backups are "
        f"replaced in turn (the monthly ones after nine months).\n\n"
        f"The audit trail will say that each record was destroyed at the end of its "
        f"retention period, by its kind and number only.")


def confirm_destruction(parent, text: str) -> bool:
    """The last word before destroying records (tests replace this)."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Destroy these records permanently?", text,
                      parent=parent)
    destroy = box.addButton("Destroy permanently", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is destroy


def with_cells(due: list) -> list[tuple[object, tuple[str, ...]]]:
    """Each record due with the words of its cells (on the worker: a few thousand dates
    take a while to write out)."""
    return [(r, (r.kind_label, r.reference, uk_date(r.counted_from), uk_date(r.due_on),
                 f"{r.evidence_files:,}")) for r in due]


def hand_over_in_parts(rows: list, progress) -> int:
    """On the worker: the rows to the window a part at a time, each once the one before is
    listed. Thousands can be due over 100,000 incidents, and making a table item for each
    cell of 2,000 rows froze the window for 80 ms. (A table model would make the items
    unnecessary, but then painting the table calls Python for every cell, and behind a
    progress window, while the destruction's work holds the GIL, one repaint took 300 ms.)
    Returns how many rows there were."""
    for start in range(0, len(rows), LISTED_AT_ONCE):
        progress.hand_over(rows[start:start + LISTED_AT_ONCE])
    return len(rows)


class RetentionDialog(QDialog):
    def __init__(self, services, parent=None):
        super().__init__(parent)
        self._services = services
        self._due = []
        self._reviewing: BackgroundOp | None = None
        self.setWindowTitle("Retention")
        self.resize(980, 600)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._review_page(), "Due for destruction")
        self.tabs.addTab(self._periods_page(), "Periods")
        layout.addWidget(self.tabs, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)
        self.load_periods()
        self.refresh()

    # --- the review list -----------------------------------------------------------------

    def _review_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Records past their retention period")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # Columns fit the rows on screen and those at both ends, up to 500 (Qt's default of
        # 1000 measured took longer than the rest of listing 2,000 records).
        self.table.horizontalHeader().setResizeContentsPrecision(500)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.tick_all_button = QPushButton("Tick &all")
        self.tick_none_button = QPushButton("Tick &none")
        self.destroy_button = QPushButton("&Destroy ticked…")
        self.destroy_button.setAccessibleName("Destroy the ticked records")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.tick_all_button)
        row.addWidget(self.tick_none_button)
        row.addWidget(self.status, 1)
        row.addWidget(self.destroy_button)
        layout.addLayout(row)
        self.tick_all_button.clicked.connect(self.tick_all)
        self.tick_none_button.clicked.connect(self.tick_none)
        self.destroy_button.clicked.connect(self.destroy_ticked)
        return page

    def refresh(self) -> None:
        """Reads the records due in the background (over 100,000 incidents the review takes
        seconds); until they are listed the tab says so, and nothing can be ticked."""
        if self._reviewing is not None and self._reviewing.running:
            self._reviewing.drop()  # a newer list is asked for: the older one is not wanted
        self._due = []
        self.table.setRowCount(0)
        self.tabs.setTabText(0, "Due for destruction (checking…)")
        for button in (self.tick_all_button, self.tick_none_button, self.destroy_button):
            button.setEnabled(False)
        review = self._services.retention.review
        self._reviewing = BackgroundOp(
            self, lambda progress: hand_over_in_parts(with_cells(review()), progress),
            title="Retention review", received=self._list_due, success=self._all_listed,
            failure=self._review_failed).start()

    def _review_failed(self, error: BaseException) -> None:
        self.tabs.setTabText(0, "Due for destruction")
        self._show_status(problem_text(error), ok=False)

    def _list_due(self, due: list[tuple[object, tuple[str, ...]]]) -> None:
        """One part of the records due, added below those already listed."""
        first = len(self._due)
        self._due += [record for record, _cells in due]
        table = self.table
        flags = (Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                 | Qt.ItemFlag.ItemIsSelectable)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        last = len(COLUMNS) - 1
        table.setRowCount(len(self._due))
        # Hundreds of rows at a time: the view is told once at the end, not per cell.
        model = table.model()
        was_blocked = model.blockSignals(True)
        try:
            for row, (record, cells) in enumerate(due, start=first):
                tick = QTableWidgetItem()
                tick.setFlags(flags)
                tick.setCheckState(Qt.CheckState.Unchecked)
                tick.setData(Qt.ItemDataRole.AccessibleTextRole, f"Destroy {record.reference}")
                table.setItem(row, 0, tick)
                for column, text in enumerate(cells, start=1):
                    item = QTableWidgetItem(text)
                    if column == last:
                        item.setTextAlignment(right)
                    table.setItem(row, column, item)
        finally:
            model.blockSignals(was_blocked)
        table.viewport().update()

    def _all_listed(self, _count: int) -> None:
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.tabs.setTabText(0, f"Due for destruction ({len(self._due):,})")
        for button in (self.tick_all_button, self.tick_none_button, self.destroy_button):
            button.setEnabled(bool(self._due))
        if not self._due:
            self._show_status(f"Nothing is past its retention period on "
                              f"{uk_date(self._services.clock.today())}.", ok=True)

    def ticked(self) -> list:
        return [record for row, record in enumerate(self._due)
                if self.table.item(row, 0).checkState() == Qt.CheckState.Checked]

    def _tick(self, state: Qt.CheckState) -> None:
        for row in range(self.table.rowCount()):
            self.table.item(row, 0).setCheckState(state)

    def tick_all(self) -> None:
        self._tick(Qt.CheckState.Checked)

    def tick_none(self) -> None:
        self._tick(Qt.CheckState.Unchecked)

    def destroy_ticked(self) -> BackgroundOp | None:
        """After the confirmation, destroys the ticked records in the background (all or
        none: it cannot be stopped halfway); None when nothing is destroyed."""
        chosen = self.ticked()
        if not chosen:
            self._show_status("Tick the records to destroy first.", ok=False)
            return None
        files = sum(record.evidence_files for record in chosen)
        text = confirmation_text(len(chosen), files, self._services.paths.backups_dir)
        if not confirm_destruction(self, text):
            self._show_status("Nothing was destroyed.", ok=True)
            return None
        retention = self._services.retention
        keys = [(record.kind, record.record_id) for record in chosen]
        return BackgroundOp(
            self, lambda _progress: retention.destroy(keys), title="Destroying records",
            progress=f"Destroying {len(chosen):,} record(s) and {files:,} evidence file(s)…",
            success=self._destroyed, failure=self._not_destroyed,
            disable=[self.table, self.tick_all_button, self.tick_none_button,
                     self.destroy_button]).start()

    def _not_destroyed(self, error: BaseException) -> None:
        self.refresh()
        self._show_status(problem_text(error), ok=False)

    def _destroyed(self, result) -> None:
        self.refresh()
        message = (f"Destroyed {result.records} record(s) and {result.evidence_files} "
                   "evidence file(s).")
        if result.files_left:
            message += (f" {len(result.files_left)} file(s) could not be removed (open in "
                        f"another program?): {', '.join(result.files_left)}. Delete them by "
                        "hand.")
        self._show_status(message, ok=not result.files_left)

    # --- the periods ---------------------------------------------------------------------

    def _periods_page(self) -> QWidget:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        note = QLabel(SCHOOL_SETS_ITS_OWN)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.period_grid = QGridLayout()
        self.period_grid.setColumnStretch(2, 1)
        layout.addLayout(self.period_grid)
        self.spins: dict[str, QSpinBox] = {}
        self.period_errors: dict[str, QLabel] = {}
        self.period_words: dict[str, tuple] = {}
        for row, period in enumerate(self._services.retention.periods()):
            self._period_row(row, period)
        buttons = QHBoxLayout()
        self.save_button = QPushButton("&Save periods")
        self.defaults_button = QPushButton("Use the de&faults")
        self.periods_status = QLabel()
        self.periods_status.setWordWrap(True)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.defaults_button)
        buttons.addWidget(self.periods_status, 1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.save_periods)
        self.defaults_button.clicked.connect(self.use_defaults)
        may_edit = self._services.guard.allowed(Operation.SETTINGS_EDIT)
        self.save_button.setEnabled(may_edit)
        self.defaults_button.setEnabled(may_edit)
        scroll.setWidget(page)
        return scroll

    def _period_row(self, row: int, period) -> None:
        grid = self.period_grid
        title = QLabel(f"<b>{escape(period.label)}</b>")
        title.setContentsMargins(0, 10 if row else 4, 0, 0)
        spin = QSpinBox()
        spin.setRange(MIN_MONTHS, MAX_MONTHS)
        spin.setSuffix(" months")
        spin.setAccessibleName(f"Retention period in months: {period.label}")
        spin.setToolTip(f"Default: {period_label(period.default_months)}")
        words = QLabel()
        words.setWordWrap(True)
        words.setToolTip(f"Counted from {period.counted_from}.")
        spin.valueChanged.connect(self._show_periods_in_words)
        source = QLabel(f"Where the default ({period_label(period.default_months)}) comes "
                        f"from: {period.source}")
        source.setWordWrap(True)
        set_role(source, "muted")
        error = set_role(QLabel(), "error")
        error.setVisible(False)
        base = row * 3
        grid.addWidget(title, base, 0, 1, 3)
        grid.addWidget(spin, base + 1, 0)
        grid.addWidget(words, base + 1, 1, 1, 2)
        grid.addWidget(source, base + 2, 0, 1, 3)
        grid.addWidget(error, base + 1, 3)
        self.spins[period.kind] = spin
        self.period_words[period.kind] = (words, period)
        self.period_errors[period.kind] = error
        clear_when_edited(error, spin)

    def _show_periods_in_words(self, *_args) -> None:
        for kind, (label, period) in self.period_words.items():
            label.setText(f"= {period_label(self.spins[kind].value())}, counted from "
                          f"{period.counted_from.split(';')[0]}")

    def load_periods(self) -> None:
        for period in self._services.retention.periods():
            self.spins[period.kind].setValue(period.months)
        self._show_periods_in_words()

    def use_defaults(self) -> None:
        for period in self._services.retention.periods():
            self.spins[period.kind].setValue(period.default_months)

    def save_periods(self) -> bool:
        months = {kind: spin.value() for kind, spin in self.spins.items()}
        try:
            self._services.retention.save_periods(months)
        except ValidationError as error:
            for kind, label in self.period_errors.items():
                label.setText(error.errors.get(kind, ""))
                label.setVisible(kind in error.errors)
            self.periods_status.setText("Not saved: see the messages beside the periods.")
            set_role(self.periods_status, "error")
            return False
        except ServiceError as error:
            self.periods_status.setText(str(error))
            set_role(self.periods_status, "error")
            return False
        for label in self.period_errors.values():
            label.setVisible(False)
        self.periods_status.setText("Saved. The list of records due has been updated.")
        set_role(self.periods_status, "success")
        self.refresh()
        return True

    def _show_status(self, text: str, ok: bool) -> None:
        self.status.setText(text)
        set_role(self.status, "success" if ok else "error")
