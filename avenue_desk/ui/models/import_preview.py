"""One list of an import's preview (to add, to update, refused) as a read-only Qt table.

The rows are the preview's plain records, held as they are: a list of thousands costs
nothing until the view asks for the few rows it shows.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from avenue_desk.services.core.import_preview import PreviewEntry, RefusedRow

Column = tuple[str, Callable[[object], str]]

ADD_COLUMNS: tuple[Column, ...] = (
    ("Line", lambda e: str(e.line)),
    ("Name", lambda e: e.name),
    ("Who", lambda e: e.kind),
    ("Details", lambda e: e.detail),
)
UPDATE_COLUMNS: tuple[Column, ...] = (
    ("Line", lambda e: str(e.line)),
    ("Name", lambda e: e.name),
    ("Who", lambda e: e.kind),
    ("What changes", lambda e: e.changes_text),
)
REFUSED_COLUMNS: tuple[Column, ...] = (
    ("Line", lambda r: str(r.line)),
    ("Why it cannot be imported", lambda r: r.reason),
    ("The row in the file", lambda r: " | ".join(cell for cell in r.cells if cell.strip())),
)


class PreviewTableModel(QAbstractTableModel):
    def __init__(self, columns: tuple[Column, ...], parent=None):
        super().__init__(parent)
        self._columns = columns
        self._rows: Sequence[PreviewEntry | RefusedRow] = ()

    def set_rows(self, rows: Sequence[PreviewEntry | RefusedRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._columns)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._columns[index.column()][1](self._rows[index.row()])
            if role == Qt.ItemDataRole.ToolTipRole:
                return _plain_tooltip(text)
            return text.replace("\n", " ")
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._columns)):
            return self._columns[section][0]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _plain_tooltip(text: str) -> str | None:
    # The whole text (a long reason is cut off in its cell). Names are text, never markup:
    # Qt would read "<b>" in a tooltip as bold, so it is escaped inside rich text that
    # also wraps long lines.
    return f"<p>{html.escape(text)}</p>" if text else None
