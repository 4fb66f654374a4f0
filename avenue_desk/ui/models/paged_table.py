"""A read-only Qt table model over a lazy, paged query.

A school may hold 100,000 incidents; a model built on this never loads them all. It asks
for the count, then for one page of rows at a time, only when the view paints those rows,
and keeps just a few recent pages (an LRU), so memory stays flat however long the list is.
Subclasses say how to count and fetch, and what each cell shows.

A new model counts when it is first asked for its size, not when it is made: a screen that
makes the model and then sets its filters counts once, for the filters it set.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from avenue_desk.services.core.errors import RecordsDamaged

Row = TypeVar("Row")


class PagedTableModel(QAbstractTableModel, Generic[Row]):
    HEADERS: tuple[str, ...] = ()
    HEADER_TIPS: dict[int, str] = {}
    PAGE_SIZE = 200
    MAX_PAGES = 6  # ~1,200 rows held at most: several screens of scrolling back and forth
    # Rows on a damaged part of the records file: said once (the text), the rows left blank.
    damaged = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._pages: OrderedDict[int, list[Row]] = OrderedDict()
        self._counted: int | None = None  # None: not counted yet (see _count)
        self.damage = ""  # what could not be read, once something could not

    # --- what subclasses provide --------------------------------------------------------

    def count_rows(self) -> int:
        raise NotImplementedError

    def fetch_rows(self, offset: int, limit: int) -> list[Row]:
        raise NotImplementedError

    def header_tip(self, section: int) -> str | None:
        return self.HEADER_TIPS.get(section)

    # --- paging -------------------------------------------------------------------------

    def reload(self) -> None:
        """Drops the cached pages and counts again (after a filter change or a save)."""
        self.beginResetModel()
        self._pages.clear()
        self._counted = self._unless_damaged(self.count_rows, 0)
        self.endResetModel()

    @property
    def _count(self) -> int:
        if self._counted is None:
            self._counted = self._unless_damaged(self.count_rows, 0)  # the first time asked
        return self._counted

    def _unless_damaged(self, read, instead):
        """``read()``, or ``instead`` when the records file is damaged there. Asked from
        inside painting: a message box raised from here would come back at every repaint,
        so the damage is said once (``damaged``) and the rows stay blank."""
        try:
            return read()
        except RecordsDamaged as error:
            if not self.damage:
                self.damage = str(error)
                self.damaged.emit(self.damage)
            return instead

    def row_at(self, row: int) -> Row | None:
        if not 0 <= row < self._count:
            return None
        number, offset = divmod(row, self.PAGE_SIZE)
        page = self._pages.get(number)
        if page is None:
            page = self._unless_damaged(
                lambda: self.fetch_rows(number * self.PAGE_SIZE, self.PAGE_SIZE), [])
            self._pages[number] = page
            while len(self._pages) > self.MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        # Someone may have deleted rows since the count: a short page leaves blanks, not errors.
        return page[offset] if offset < len(page) else None

    def loaded_rows(self):
        """(row number, row) for every row already in memory; fetches nothing."""
        for number, rows in self._pages.items():
            for offset, item in enumerate(rows):
                yield number * self.PAGE_SIZE + offset, item

    def loaded_pages(self) -> list[int]:
        return list(self._pages)

    # --- Qt model -----------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.HEADERS)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tip(section)
        return None
