"""The incident list: filters, a search box, and a table that stays quick at 100,000 rows.

The table model pages rows in lazily; the search box waits 250 ms after the last key
before asking, so typing a word is one query rather than one per letter.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.policy import CATEGORIES, PLATFORMS
from avenue_desk.services.incidents import IncidentQuery
from avenue_desk.ui.damage_notice import show_count
from avenue_desk.ui.models import incident_table as cols
from avenue_desk.ui.models.incident_table import IncidentTableModel
from avenue_desk.ui.style import set_role
from avenue_desk.ui.table_place import TablePlace
from avenue_desk.ui.widgets.poster_filter import ACCOUNT, PERSON, PosterFilter
from avenue_desk.ui.window_state import remember_columns

SEARCH_DELAY_MS = 250

# Widths that fit the short category words, dd/mm/yyyy dates and most names at 1366 px
# wide, leaving the summary (what was posted: the column people read) the most room.
WIDTHS = {
    cols.COL_ID: 50, cols.COL_POSTED: 86, cols.COL_PLATFORM: 112, cols.COL_POSTER: 150,
    cols.COL_CATEGORIES: 150, cols.COL_STAGE: 108, cols.COL_FOLLOW_UP: 136,
}


def _combo(name: str, first: str, items) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.addItem(first, None)
    for key, label in items:
        combo.addItem(label, key)
    return combo


class DateBound(QWidget):
    """A date that can be left out: a check box ("Posted from") switching a QDateEdit."""

    changed = Signal()

    def __init__(self, text: str, today: QDate, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.check = QCheckBox(text)
        self.check.setAccessibleName(f"Filter: {text}")
        self.edit = QDateEdit(today)
        self.edit.setDisplayFormat("dd/MM/yyyy")
        self.edit.setCalendarPopup(True)
        self.edit.setEnabled(False)
        self.edit.setAccessibleName(f"{text} date")
        layout.addWidget(self.check)
        layout.addWidget(self.edit)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(self.changed)
        self.edit.dateChanged.connect(self._date_changed)

    def value(self):
        return self.edit.date().toPython() if self.check.isChecked() else None

    def clear(self) -> None:
        self.check.setChecked(False)

    def _date_changed(self, _date) -> None:
        if self.check.isChecked():
            self.changed.emit()


class IncidentsView(QWidget):
    open_incident = Signal(int)
    new_incident = Signal()

    def __init__(self, services, parent=None):
        super().__init__(parent)
        self._services = services
        self.model = IncidentTableModel(services, self)
        self.model.damaged.connect(lambda _what: self._update_count())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(self._build_top())
        layout.addLayout(self._build_filters())
        layout.addLayout(self._build_flags())
        self.table = self._build_table()
        layout.addWidget(self.table, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self.apply_filters)  # no need to wait after Enter
        for combo in (self.status, self.category, self.platform):
            combo.currentIndexChanged.connect(self.apply_filters)
        for check in (self.overdue_only, self.due_today_only, self.still_up_only):
            check.toggled.connect(self.apply_filters)
        self.date_from.changed.connect(self.apply_filters)
        self.date_to.changed.connect(self.apply_filters)
        self.posted_by.changed.connect(self.apply_filters)
        self._update_count()

    # --- building --------------------------------------------------------------------------

    def _build_top(self) -> QHBoxLayout:
        row = QHBoxLayout()
        heading = QLabel("Incidents")
        set_role(heading, "heading")
        row.addWidget(heading)
        row.addSpacing(16)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Number of incidents shown")
        set_role(self.count_label, "lead")
        row.addWidget(self.count_label)
        row.addStretch(1)
        self.letters_button = QPushButton("Letters for selected…")
        self.letters_button.setToolTip("One PDF with the same letter for every selected "
                                       "incident (select several with Ctrl+click or "
                                       "Shift+click)")
        self.letters_button.clicked.connect(self.letters_for_selected)
        row.addWidget(self.letters_button)
        self.new_button = QPushButton("New incident…")
        self.new_button.setAccessibleName("Log a new incident")
        set_role(self.new_button, "primary")
        self.new_button.clicked.connect(self.new_incident)
        row.addWidget(self.new_button)
        return row

    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search words, names and accounts…")
        self.search.setAccessibleName("Search incidents")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(300)
        row.addWidget(self.search, 2)
        # One poster's incidents (a person's include those posted through their accounts);
        # sorting by the "Posted by" column puts each poster's together.
        self.posted_by = PosterFilter(self._services)
        self.posted_by.setMinimumWidth(220)
        row.addWidget(self.posted_by, 1)
        self.status = _combo("Status", "Open and closed",
                             (("open", "Open only"), ("closed", "Closed only")))
        row.addWidget(self.status)
        self.category = _combo("Kind of post", "Every kind",
                               ((c.key, c.label) for c in CATEGORIES))
        self.category.setMinimumContentsLength(18)
        self.category.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        row.addWidget(self.category, 1)
        self.platform = _combo("Platform", "Every platform", ((p.key, p.label) for p in PLATFORMS))
        row.addWidget(self.platform)
        return row

    def _build_flags(self) -> QHBoxLayout:
        row = QHBoxLayout()
        today = QDate.fromString(self._services.clock.today().isoformat(), Qt.DateFormat.ISODate)
        self.date_from = DateBound("Posted from", today.addMonths(-1))
        self.date_to = DateBound("to", today)
        row.addWidget(self.date_from)
        row.addWidget(self.date_to)
        row.addSpacing(16)
        self.overdue_only = QCheckBox("Follow-up overdue only")
        self.overdue_only.setAccessibleName("Show only incidents with an overdue follow-up")
        self.due_today_only = QCheckBox("Due today")
        self.due_today_only.setAccessibleName("Show only incidents with a follow-up due today")
        self.still_up_only = QCheckBox("Still up only")
        self.still_up_only.setAccessibleName("Show only open incidents whose content is still up")
        row.addWidget(self.overdue_only)
        row.addWidget(self.due_today_only)
        row.addWidget(self.still_up_only)
        row.addStretch(1)
        self.clear_button = QPushButton("Clear filters")
        self.clear_button.setAccessibleName("Clear all filters and the search")
        self.clear_button.clicked.connect(self.clear_filters)
        row.addWidget(self.clear_button)
        return row

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setAccessibleName("Incident list")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)  # Tab leaves the table, as people expect
        vertical = table.verticalHeader()
        vertical.setVisible(False)
        # Fixed row heights: the view never measures rows, so it never loads them to measure.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        for column, width in WIDTHS.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(cols.COL_SUMMARY, QHeaderView.ResizeMode.Stretch)
        remember_columns(header, "incidents")
        header.setSortIndicator(cols.COL_POSTED, Qt.SortOrder.DescendingOrder)
        table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._sort_changed)
        table.activated.connect(self._activated)
        return table

    # --- behaviour -----------------------------------------------------------------------

    def current_query(self) -> IncidentQuery:
        model_query = self.model.query
        poster = self.posted_by.value()
        return IncidentQuery(
            status=self.status.currentData(),
            category=self.category.currentData(),
            platform=self.platform.currentData(),
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
            text=self.search.text().strip(),
            overdue_only=self.overdue_only.isChecked(),
            due_today_only=self.due_today_only.isChecked(),
            still_up_only=self.still_up_only.isChecked(),
            posted_by=poster[1] if poster and poster[0] == PERSON else None,
            posted_by_account=poster[1] if poster and poster[0] == ACCOUNT else None,
            sort_key=model_query.sort_key,
            descending=model_query.descending,
        )

    def apply_filters(self, *_args) -> None:
        self._search_timer.stop()
        query = self.current_query()
        if query != self.model.query:
            self.model.set_query(query)
        self._update_count()

    def clear_filters(self) -> None:
        # Signals held back so that clearing six filters runs one query, not six.
        widgets = (self.search, self.status, self.category, self.platform, self.overdue_only,
                   self.due_today_only, self.still_up_only, self.date_from, self.date_to,
                   self.posted_by)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.search.clear()
            self.posted_by.clear()
            for combo in (self.status, self.category, self.platform):
                combo.setCurrentIndex(0)
            self.overdue_only.setChecked(False)
            self.due_today_only.setChecked(False)
            self.still_up_only.setChecked(False)
            for bound in (self.date_from, self.date_to):
                bound.check.setChecked(False)
                bound.edit.setEnabled(False)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self.apply_filters()

    def show_preset(self, kind: str) -> None:
        """From the home page: only the overdue ones, due today, or those still up."""
        self.clear_filters()
        if kind == "overdue":
            self.overdue_only.setChecked(True)
        elif kind == "due_today":
            self.due_today_only.setChecked(True)
        elif kind == "still_up":
            self.still_up_only.setChecked(True)

    def refresh(self) -> None:
        """After a save, here or elsewhere: same filters and order, fresh rows, the same
        incidents selected and the list scrolled where it was."""
        place = TablePlace.of(self.table)
        self.model.refresh()
        self._update_count()
        place.restore(self.table)

    def on_shown(self) -> None:
        self.refresh()

    def on_data_changed(self) -> None:
        """Something was saved, here or elsewhere (``ChangeWatcher``)."""
        self.refresh()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def selected_incident_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.incident_id(index.row()) if index.isValid() else None

    def selected_incident_ids(self) -> list[int]:
        """Every selected incident, in the list's order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        found = (self.model.incident_id(row) for row in rows)
        return [incident_id for incident_id in found if incident_id is not None]

    def letters_for_selected(self):
        ids = self.selected_incident_ids()
        if not ids:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.information(self, "Letters for selected incidents",
                                    "Select one or more incidents in the list first "
                                    "(Ctrl+click or Shift+click to select several).")
            return None
        from avenue_desk.ui.dialogs.batch_letters import BatchLettersDialog

        dialog = BatchLettersDialog(self._services, ids, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda *_args: self.refresh())
        self.batch_dialog = dialog
        dialog.open()
        return dialog

    def _update_count(self) -> None:
        count = self.model.rowCount()
        filtered = self.model.query != IncidentQuery(sort_key=self.model.query.sort_key,
                                                     descending=self.model.query.descending)
        if count == 0:
            text = "No incidents match these filters." if filtered else "No incidents yet."
        else:
            text = f"{count:,} incident{'s' * (count != 1)}"
            if filtered:
                text += " match these filters" if count != 1 else " matches these filters"
        show_count(self.count_label, self.model, text)  # or the damage, if any

    def _sort_changed(self, column: int, _order) -> None:
        # Categories and summary cannot be sorted: put the arrow back where the order is.
        if column not in cols.SORT_KEYS:
            header = self.table.horizontalHeader()
            order = (Qt.SortOrder.DescendingOrder if self.model.query.descending
                     else Qt.SortOrder.AscendingOrder)
            header.blockSignals(True)
            header.setSortIndicator(self.model.sort_column(), order)
            header.blockSignals(False)
            header.viewport().update()

    def _activated(self, index) -> None:
        incident_id = self.model.incident_id(index.row())
        if incident_id is not None:
            self.open_incident.emit(incident_id)
