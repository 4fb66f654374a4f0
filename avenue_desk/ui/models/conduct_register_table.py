"""The code of conduct register as a Qt table model: one row per person, coloured by status.

A school has tens (at most a few hundred) of staff, volunteers and governors, so the rows
are read whole from ``services.conduct_register`` on every refresh.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from avenue_desk.services.conduct import (
    CHANGED,
    CURRENT,
    DUE_SOON,
    NEVER,
    OVERDUE,
    PUT_RIGHT,
    RegisterQuery,
    RegisterRow,
)
from avenue_desk.ui.labels import role_label, short_date
from avenue_desk.ui.style import role_colours

COL_NAME, COL_ROLE, COL_STATUS, COL_SIGNED, COL_DUE, COL_NOTES = range(6)
HEADERS = ("Name", "Role", "Status", "Last signed", "Renewal due", "Notes")

# The stylesheet's role for each status (text and background): red for never/overdue,
# amber for changed/due soon and for current with an item to put right, green for current.
STATUS_ROLES = {
    NEVER: "overdue",
    OVERDUE: "overdue",
    CHANGED: "due-soon",
    DUE_SOON: "due-soon",
    PUT_RIGHT: "due-soon",
    CURRENT: "current",
}


def notes_text(row: RegisterRow) -> str:
    notes = []
    if row.in_progress:
        notes.append("Started, not finished")
    if row.changed_items:
        count = len(row.changed_items)
        notes.append(f"{count} changed item{'s' * (count != 1)}")
    if row.failed_checks:
        count = len(row.failed_checks)
        notes.append(f"{count} answer{'s' * (count != 1)} to put right")
    if row.on_paper:
        notes.append("Signed on paper")
    return " · ".join(notes)


def tooltip(row: RegisterRow) -> str:
    lines = [f"{row.full_name}: {row.status_label}"]
    if row.changed_items:
        lines.append("To acknowledge again: " + "; ".join(row.changed_items))
    if row.failed_checks:
        lines.append("To put right: " + "; ".join(row.failed_checks))
    return "\n".join(lines)


class ConductRegisterModel(QAbstractTableModel):
    def __init__(self, services, parent=None):
        super().__init__(parent)
        self._services = services
        self._query = RegisterQuery()
        self.rows: list[RegisterRow] = []
        self._colours = {status: role_colours(role) for status, role in STATUS_ROLES.items()}
        self.refresh()

    def set_query(self, query: RegisterQuery) -> None:
        self._query = query
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows = self._services.conduct_register.rows(self._query)
        self.endResetModel()

    def row_at(self, row: int) -> RegisterRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else len(HEADERS)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):  # noqa: N802
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(HEADERS)):
            return HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0):
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.UserRole:
            return row.person_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(row)
        if column == COL_STATUS and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(self._colours[row.tone].foreground)
        if column == COL_STATUS and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(self._colours[row.tone].background)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (row.full_name, role_label(row.role), row.status_label,
                short_date(row.last_signed_on), short_date(row.renewal_due),
                notes_text(row))[column]
