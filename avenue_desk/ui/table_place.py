"""A person's place in a table (the rows selected, the current one, the row at the top of
the view) kept while its rows are read again: a list refreshed because someone saved
something must not jump back to the top or drop what was selected.

Rows are known again by their key (what column 0 gives for ``Qt.UserRole``: the incident's
or person's id), looked for near where they were, since a refresh mostly moves a row by the
few that were added or removed above it, and on the first rows, where a new or edited
record often sorts. A table of a hundred thousand rows is never read through to find one.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView

KEPT_AT_MOST = 500  # selected rows remembered; of a larger selection, only the current row
NEAR = 60  # rows either side of where a row was that are looked through for it again
KEY = Qt.ItemDataRole.UserRole


def _key(model, row: int):
    return model.index(row, 0).data(KEY)


@dataclass(frozen=True)
class TablePlace:
    selected: tuple[tuple[int, object], ...]  # (row, key) of each selected row
    current: tuple[int, object, int] | None  # (row, key, column) of the current cell
    top: tuple[int, object] | None  # the row at the top of the view
    vertical: int
    horizontal: int

    @classmethod
    def of(cls, table: QAbstractItemView) -> TablePlace:
        model, chosen = table.model(), table.selectionModel()
        rows = sorted({index.row() for index in chosen.selectedIndexes()}) if chosen else []
        if len(rows) > KEPT_AT_MOST:
            rows = []
        index = table.currentIndex()
        current = (index.row(), _key(model, index.row()), index.column()) \
            if index.isValid() else None
        top_row = table.rowAt(0) if hasattr(table, "rowAt") else -1
        return cls(tuple((row, _key(model, row)) for row in rows), current,
                   (top_row, _key(model, top_row)) if top_row >= 0 else None,
                   table.verticalScrollBar().value(), table.horizontalScrollBar().value())

    def restore(self, table: QAbstractItemView) -> None:
        """After the model has been read again: the same rows selected, the same row
        current and at the top, wherever they are now; rows gone are simply not selected."""
        model, chosen = table.model(), table.selectionModel()
        wanted = [*self.selected, *([self.current[:2]] if self.current else []),
                  *([self.top] if self.top else [])]
        found = self._rows_of(model, [(row, key) for row, key in wanted if key is not None])
        table.doItemsLayout()  # the scroll bars' new range, before scrolling in it
        last_column = model.columnCount() - 1
        selection = QItemSelection()
        for _row, key in self.selected:
            if key in found:
                selection.select(model.index(found[key], 0), model.index(found[key], last_column))
        # A table whose rows have no keys (a QTableWidget filled in place) keeps its own.
        keyed = any(key is not None for _row, key in self.selected) or not self.selected
        if chosen is not None and keyed:
            flags = QItemSelectionModel.SelectionFlag
            chosen.select(selection, flags.ClearAndSelect)
            if self.current and self.current[1] in found:
                chosen.setCurrentIndex(model.index(found[self.current[1]], self.current[2]),
                                       flags.NoUpdate)
        if self.top and self.top[1] in found:
            table.scrollTo(model.index(found[self.top[1]], 0),
                           QAbstractItemView.ScrollHint.PositionAtTop)
        else:
            table.verticalScrollBar().setValue(self.vertical)
        table.horizontalScrollBar().setValue(self.horizontal)

    @staticmethod
    def _rows_of(model, wanted: list[tuple[int, object]]) -> dict:
        """key -> its row now, looking near each row's old place and at the first rows."""
        count = model.rowCount()
        spans = sorted([(max(row - NEAR, 0), min(row + NEAR + 1, count)) for row, _k in wanted]
                       + [(0, min(NEAR, count))])
        keys = {key for _row, key in wanted}
        found: dict = {}
        end = 0
        for start, stop in spans:
            for row in range(max(start, end), stop):
                key = _key(model, row)
                if key in keys and key not in found:
                    found[key] = row
            end = max(end, stop)
            if len(found) == len(keys):
                break
        return found
