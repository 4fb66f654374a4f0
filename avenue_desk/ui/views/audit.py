"""The Audit screen (Headteacher only): every event, filtered by dates, person and kind,
and exported to CSV. Nothing here can change the trail."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.services.core.audit import AuditQuery, action_label
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.ui.dialogs import export_place
from avenue_desk.ui.models import audit_table as cols
from avenue_desk.ui.models.audit_table import AuditTableModel
from avenue_desk.ui.operations import BackgroundOp, problem_text
from avenue_desk.ui.style import set_role
from avenue_desk.ui.table_place import TablePlace
from avenue_desk.ui.widgets.date_field import DateField
from avenue_desk.ui.widgets.password_fields import note
from avenue_desk.ui.window_state import remember_columns

INTRO = ("Every sign-in, change, record opened, letter printed and export: who, when and "
         "from which computer. Nothing here can be changed or deleted.")


class AuditView(QWidget):
    def __init__(self, audit, today: date | None = None, parent=None):
        super().__init__(parent)
        self._audit = audit
        self.model: AuditTableModel | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        top = QHBoxLayout()
        heading = QLabel("Audit trail", self)
        set_role(heading, "heading")
        top.addWidget(heading)
        top.addSpacing(16)
        self.count_label = QLabel(self)
        set_role(self.count_label, "lead")
        self.count_label.setAccessibleName("Number of events shown")
        top.addWidget(self.count_label)
        top.addStretch(1)
        self.export_button = QPushButton("Export to CSV…", self)
        self.export_button.setToolTip("Save the events shown (all pages) as a CSV file")
        self.export_button.clicked.connect(self.export)
        top.addWidget(self.export_button)
        layout.addLayout(top)
        layout.addWidget(note(INTRO, self))

        filters = QGridLayout()
        filters.setHorizontalSpacing(8)
        today = today or date.today()
        self.date_from = DateField(today, parent=self, unset_text="Any date")
        self.date_to = DateField(today, parent=self, unset_text="Any date")
        self.user = QComboBox(self)
        self.user.setAccessibleName("Person")
        self.action = QComboBox(self)
        self.action.setAccessibleName("Kind of event")
        self.user.setMinimumWidth(180)
        self.action.setMinimumWidth(200)
        for column, (text, widget) in enumerate((("From", self.date_from), ("To", self.date_to),
                                                 ("Person", self.user),
                                                 ("What", self.action))):
            label = QLabel(text, self)
            label.setBuddy(widget)
            filters.addWidget(label, 0, column)
            filters.addWidget(widget, 1, column)
        filters.setColumnStretch(4, 1)
        layout.addLayout(filters)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        layout.addWidget(self.message)

        self.table = QTableView(self)
        self.table.setAccessibleName("Audit events")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        layout.addWidget(self.table, 1)

        try:
            self.model = AuditTableModel(audit, self)
        except ServiceError as error:  # not the Headteacher: say why, show nothing
            self._refused(str(error))
            return
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        for column, width in ((cols.COL_WHEN, 150), (cols.COL_USER, 190),
                              (cols.COL_ACTION, 160), (cols.COL_RECORD, 110),
                              (cols.COL_SUMMARY, 380)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        remember_columns(header, "audit")
        self._fill_choices()
        for field in (self.date_from, self.date_to):
            field.changed.connect(self.apply_filter)
        self.user.currentIndexChanged.connect(self.apply_filter)
        self.action.currentIndexChanged.connect(self.apply_filter)
        self._update_count()

    def _refused(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        for widget in (self.table, self.export_button, self.date_from, self.date_to,
                       self.user, self.action):
            widget.setEnabled(False)

    def _fill_choices(self) -> None:
        for combo, everything, values, label in (
                (self.user, "Everyone", self._audit.usernames(), str),
                (self.action, "Every kind of event", self._audit.actions(), action_label)):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, "")
            for value in sorted(values, key=lambda v, f=label: f(v).casefold()):
                combo.addItem(label(value), value)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def query(self) -> AuditQuery:
        return AuditQuery(date_from=self.date_from.value(), date_to=self.date_to.value(),
                          username=self.user.currentData() or "",
                          action=self.action.currentData() or "")

    def apply_filter(self, *_args) -> None:
        if self.model is None:
            return
        query = self.query()
        if query.date_from and query.date_to and query.date_to < query.date_from:
            self.message.setText("The “To” date is before the “From” date.")
            self.message.show()
            return
        self.message.hide()
        self.model.set_query(query)
        self._update_count()

    def refresh(self) -> None:
        if self.model is not None:
            self._fill_choices()
            place = TablePlace.of(self.table)  # new events arrive; the reader stays put
            self.model.refresh()
            place.restore(self.table)
            self._update_count()

    def on_shown(self) -> None:
        self.refresh()

    def on_data_changed(self) -> None:
        """Something was saved, here or elsewhere (``ChangeWatcher``)."""
        self.refresh()

    def _update_count(self) -> None:
        count = self.model.rowCount()
        self.count_label.setText("No events match." if count == 0 else
                                 f"{count:,} event{'' if count == 1 else 's'}")
        self.export_button.setEnabled(count > 0)

    def export(self) -> BackgroundOp | None:
        """Asks where, then writes the events shown in the background (a long trail takes a
        while); the op's result is how many were written."""
        if self.model is None:
            return None
        path = export_place.choose_file(self, "Export the audit trail", "audit-trail.csv",
                                        "CSV files (*.csv)")
        if not path:
            return None
        audit, query = self._audit, self.model.query
        return BackgroundOp(self, lambda _progress: audit.export_csv(query, path),
                            title="Export the audit trail", progress="Exporting the events…",
                            success=lambda count: self._exported(count, path),
                            failure=self._not_exported, disable=[self.export_button]).start()

    def _exported(self, count: int, path: str) -> None:
        self.message.setText(f"{count:,} events saved to {path}.")
        self.message.show()
        self.refresh()  # the export is itself an event

    def _not_exported(self, error: BaseException) -> None:
        self.message.setText(problem_text(error, "Could not write"))
        self.message.show()
