"""The People list as a Qt table model, paged like the incident list.

A school's MIS import can bring in every pupil and parent; the model asks for the count
and then one page of people at a time, keeping only a few pages in memory.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from avenue_desk.services.dto import PersonRecord
from avenue_desk.ui.labels import role_label

COL_NAME, COL_ROLE, COL_CLASS, COL_LINKED = range(4)
HEADERS = ("Name", "Role", "Class / year", "Linked")

PAGE_SIZE = 200
MAX_PAGES = 5


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class PeopleTableModel(QAbstractTableModel):
    def __init__(self, services, parent=None):
        super().__init__(parent)
        self._services = services
        self._text = ""
        self._roles: tuple[str, ...] = ()
        self._pages: OrderedDict[int, list[PersonRecord]] = OrderedDict()
        self._count = services.people.count()

    def set_filter(self, text: str = "", roles: tuple[str, ...] = ()) -> None:
        self.beginResetModel()
        self._text, self._roles = text, tuple(roles)
        self._pages.clear()
        self._count = self._services.people.count(self._text, self._roles)
        self.endResetModel()

    def refresh(self) -> None:
        self.set_filter(self._text, self._roles)

    def person(self, row: int) -> PersonRecord | None:
        if not 0 <= row < self._count:
            return None
        number, offset = divmod(row, PAGE_SIZE)
        page = self._pages.get(number)
        if page is None:
            page = self._services.people.search(
                self._text, self._roles, offset=number * PAGE_SIZE, limit=PAGE_SIZE
            )
            self._pages[number] = page
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[offset] if offset < len(page) else None

    def person_id(self, row: int) -> int | None:
        found = self.person(row)
        return found.id if found else None

    def rowCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(HEADERS)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
            Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == COL_LINKED:
            return "Pupils linked to a parent or carer; parents and carers linked to a pupil."
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0):
        if not index.isValid() or index.column() >= len(HEADERS):
            return None
        person = self.person(index.row())
        if person is None:
            return None
        if role == Qt.ItemDataRole.UserRole:
            return person.id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        column = index.column()
        if column == COL_NAME:
            return person.full_name
        if column == COL_ROLE:
            return role_label(person.role)
        if column == COL_CLASS:
            return " · ".join(p for p in (person.class_name, person.year_group) if p)
        return self._linked_text(person)

    def _linked_text(self, person: PersonRecord) -> str:
        if person.role == "pupil":
            count = len(person.linked_adult_ids)
            return _plural(count, "adult") if count else ""
        count = len(person.linked_pupil_ids)
        return _plural(count, "pupil") if count else ""
