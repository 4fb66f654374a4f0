"""The People list as a Qt table model, paged like the incident list.

A school's MIS import can bring in every pupil and parent; the model asks for the count
and then one page of people at a time, keeping only a few pages in memory.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from avenue_desk.services.people import PersonRecord
from avenue_desk.ui.labels import role_label
from avenue_desk.ui.models.paged_table import PagedTableModel

COL_NAME, COL_ROLE, COL_CLASS, COL_LINKED = range(4)
HEADERS = ("Name", "Role", "Class / year", "Linked")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class PeopleTableModel(PagedTableModel[PersonRecord]):
    HEADERS = HEADERS
    HEADER_TIPS = {
        COL_LINKED: "Pupils linked to a parent or carer; parents and carers linked to a pupil."
    }
    MAX_PAGES = 5

    def __init__(self, services, parent=None):
        super().__init__(parent)
        self._services = services
        self._text = ""
        self._roles: tuple[str, ...] = ()

    def count_rows(self) -> int:
        return self._services.people.count(self._text, self._roles)

    def fetch_rows(self, offset: int, limit: int) -> list[PersonRecord]:
        return self._services.people.search(self._text, self._roles, offset=offset, limit=limit)

    def set_filter(self, text: str = "", roles: tuple[str, ...] = ()) -> None:
        self._text, self._roles = text, tuple(roles)
        self.reload()

    def refresh(self) -> None:
        self.reload()

    def person(self, row: int) -> PersonRecord | None:
        return self.row_at(row)

    def person_id(self, row: int) -> int | None:
        found = self.person(row)
        return found.id if found else None

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
        if column == COL_NAME:  # restricted access (a court order) marked on the list
            mark = person.restricted_mark
            return f"{person.full_name} — {mark}" if mark else person.full_name
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
