"""The audit trail as a Qt table model: the count first, then one page at a time.

It shows the trail's ``lines`` (``AuditLog.lines``): people and accounts by name, and a run
of checklist saves as one line. The CSV export writes the rows as they are stored."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from avenue_desk.services.core.audit import AuditLine, AuditQuery, AuditRow, local_time

COL_WHEN, COL_USER, COL_ACTION, COL_RECORD, COL_SUMMARY, COL_FROM = range(6)
HEADERS = ("When", "Who", "What", "Record", "Details", "From")

PAGE_SIZE = 200
MAX_PAGES = 5
ROLE_NAMES = {"head": "Headteacher", "office": "Office", "governor": "Governor",
              "staff": "Staff"}


# How the records' kinds read on screen ("user 2" is the account with id 2).
# A social media account is not one of the app's accounts: said in full, never "account".
ENTITY_NAMES = {"user": "account", "setting": "setting", "audit": "audit trail",
                "platform_report": "report to the platform",
                "social_account": "social media account"}


def who(row: AuditRow, name: str = "") -> str:
    """ "Mrs Patel (head, Headteacher)": the account's name as the school has it now, its
    username and kind; the username alone once the account is deleted."""
    if not row.username:
        return "Unknown username"
    role = ROLE_NAMES.get(row.role, row.role)
    if name and name.casefold() != row.username.casefold():
        return f"{name} ({row.username}, {role})" if role else f"{name} ({row.username})"
    return f"{row.username} ({role})" if role else row.username


def record_text(row: AuditRow, name: str = "") -> str:
    """ "incident 12"; a person or an account by name ("account: Mrs Patel")."""
    if not row.entity:
        return ""
    if name:
        return name if row.entity == "person" else f"{ENTITY_NAMES.get(row.entity)}: {name}"
    entity = ENTITY_NAMES.get(row.entity, row.entity.replace("_", " "))
    return f"{entity} {row.entity_id}" if row.entity_id else entity


class AuditTableModel(QAbstractTableModel):
    def __init__(self, audit, parent=None):
        super().__init__(parent)
        self._audit = audit
        self._query = AuditQuery()
        self._pages: OrderedDict[int, list[AuditLine]] = OrderedDict()
        self._count = audit.line_count(self._query)

    @property
    def query(self) -> AuditQuery:
        return self._query

    def set_query(self, query: AuditQuery) -> None:
        self.beginResetModel()
        self._query = query
        self._pages.clear()
        self._count = self._audit.line_count(query)
        self.endResetModel()

    def refresh(self) -> None:
        self.set_query(self._query)

    def row(self, number: int) -> AuditLine | None:
        if not 0 <= number < self._count:
            return None
        page_number, offset = divmod(number, PAGE_SIZE)
        page = self._pages.get(page_number)
        if page is None:
            page = self._audit.lines(self._query, page_number * PAGE_SIZE, PAGE_SIZE)
            self._pages[page_number] = page
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_number)
        return page[offset] if offset < len(page) else None

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
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0):
        if not index.isValid() or index.column() >= len(HEADERS):
            return None
        line = self.row(index.row())
        if line is None:
            return None
        entry = line.row
        if role == Qt.ItemDataRole.UserRole:
            return entry.id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        column = index.column()
        if column == COL_WHEN:
            return local_time(entry.at).strftime("%d/%m/%Y %H:%M:%S")
        if column == COL_USER:
            return who(entry, line.account_name)
        if column == COL_ACTION:
            return entry.action_label
        if column == COL_RECORD:
            return record_text(entry, line.record_name)
        if column == COL_SUMMARY:
            return line.summary
        return entry.origin
