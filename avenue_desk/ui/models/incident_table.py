"""The incident list as a Qt table model over a lazy query.

A school may hold 100,000 incidents; the model never loads them all. It asks the service
for the count, then for one page of rows at a time, only when the view paints those rows,
and keeps just a few recent pages (an LRU), so memory stays flat however long the list is.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from avenue_desk.policy import CATEGORIES, get_category
from avenue_desk.services.dto import IncidentQuery, IncidentRow
from avenue_desk.ui.labels import category_label, phase_label, platform_label, short_date

COL_ID, COL_POSTED, COL_PLATFORM, COL_POSTER, COL_CATEGORIES, COL_SUMMARY, COL_STAGE, \
    COL_FOLLOW_UP = range(8)

HEADERS = ("No.", "Posted", "Platform", "Posted by", "Kind of post", "Summary", "Stage",
           "Follow-up")

# Column -> IncidentQuery.sort_key. Categories and summary have none: an incident has
# several categories, and sorting 100,000 summaries alphabetically helps nobody.
SORT_KEYS = {
    COL_ID: "id",
    COL_POSTED: "posted_on",
    COL_PLATFORM: "platform",
    COL_POSTER: "poster",
    COL_STAGE: "phase",
    COL_FOLLOW_UP: "next_follow_up",
}

HEADER_TIPS = {
    COL_CATEGORIES: "This column can't be sorted (an incident can be several kinds). "
                    "Use the “Kind” filter above instead.",
    COL_SUMMARY: "This column can't be sorted. Use the search box above to find words.",
}

# The policy's category names are whole phrases; a table cell needs a word or two.
# The full wording is in each cell's tooltip.
SHORT_CATEGORY = {
    "allegation": "Allegation",
    "complaint": "Complaint",
    "defamatory": "Defamatory",
    "offensive": "Offensive",
    "racist": "Racist",
    "threat": "Threat of violence",
    "other": "Other",
}

PAGE_SIZE = 200
MAX_PAGES = 6  # ~1,200 rows held at most: several screens' worth of scrolling back and forth

OVERDUE_BG = QColor("#fbe3e1")
OVERDUE_FG = QColor("#a01d12")
SERIOUS_BG = QColor("#fdecc8")
SERIOUS_FG = QColor("#7a3d00")
MUTED_FG = QColor("#6e6e6e")
DUE_TODAY_FG = QColor("#8a5a00")


def _serious(keys: tuple[str, ...]) -> list[str]:
    found = []
    for key in keys:
        try:
            if get_category(key).serious:
                found.append(key)
        except ValueError:
            pass
    return found


_POLICY_ORDER = {c.key: n for n, c in enumerate(CATEGORIES)}


def _ordered(row: IncidentRow) -> list[str]:
    """Serious kinds first (so a narrow column never hides them), then in the policy's order."""
    serious = set(_serious(row.categories))
    return sorted(row.categories, key=lambda k: (k not in serious, _POLICY_ORDER.get(k, 99)))


class IncidentTableModel(QAbstractTableModel):
    def __init__(self, services, parent=None):
        super().__init__(parent)
        self._services = services
        self._query = IncidentQuery()
        self._count = 0
        self._pages: OrderedDict[int, list[IncidentRow]] = OrderedDict()
        self._bold = QFont()
        self._bold.setBold(True)
        self._count = self._services.incidents.count(self._query)

    # --- the query ----------------------------------------------------------------------

    @property
    def query(self) -> IncidentQuery:
        return self._query

    def set_query(self, query: IncidentQuery) -> None:
        self.beginResetModel()
        self._query = query
        self._pages.clear()
        self._count = self._services.incidents.count(query)
        self.endResetModel()

    def refresh(self) -> None:
        """Reloads after a save: same filters and order, fresh rows."""
        self.set_query(self._query)

    def incident_id(self, row: int) -> int | None:
        found = self._row(row)
        return found.id if found else None

    def row_of(self, incident_id: int) -> int | None:
        """The row of an incident among the pages already loaded (to keep a selection)."""
        for number, rows in self._pages.items():
            for offset, item in enumerate(rows):
                if item.id == incident_id:
                    return number * PAGE_SIZE + offset
        return None

    def loaded_pages(self) -> list[int]:
        return list(self._pages)

    def _row(self, row: int) -> IncidentRow | None:
        if not 0 <= row < self._count:
            return None
        number, offset = divmod(row, PAGE_SIZE)
        page = self._pages.get(number)
        if page is None:
            page = self._services.incidents.page(self._query, number * PAGE_SIZE, PAGE_SIZE)
            self._pages[number] = page
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        # Someone may have deleted rows since the count: a short page leaves blanks, not errors.
        return page[offset] if offset < len(page) else None

    # --- Qt model -----------------------------------------------------------------------

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
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(section, f"Click to sort by {HEADERS[section].lower()}.")
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0):
        if not index.isValid() or index.column() >= len(HEADERS):
            return None
        row = self._row(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_ID:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return self._looks(row, column, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if key != self._query.sort_key or descending != self._query.descending:
            self.set_query(replace(self._query, sort_key=key, descending=descending))

    def sort_column(self) -> int:
        for column, key in SORT_KEYS.items():
            if key == self._query.sort_key:
                return column
        return COL_POSTED

    # --- how a cell looks ----------------------------------------------------------------

    def _state(self, row: IncidentRow) -> str:
        """'overdue', 'due_today' or '' for the follow-up of an open incident."""
        if row.status == "closed" or row.next_follow_up is None:
            return ""
        today = self._services.clock.today()
        if row.next_follow_up < today:
            return "overdue"
        return "due_today" if row.next_follow_up == today else ""

    def _display(self, row: IncidentRow, column: int):
        if column == COL_ID:
            return str(row.id)
        if column == COL_POSTED:
            return short_date(row.posted_on)
        if column == COL_PLATFORM:
            return platform_label(row.platform)
        if column == COL_POSTER:
            return row.poster_name or "Not known"
        if column == COL_CATEGORIES:
            return ", ".join(SHORT_CATEGORY.get(k, category_label(k)) for k in _ordered(row))
        if column == COL_SUMMARY:
            return row.summary
        if column == COL_STAGE:
            return phase_label(row.phase)
        state = self._state(row)
        # The words say it too, so the highlight never rests on colour alone.
        if state == "overdue":
            return f"{short_date(row.next_follow_up)} overdue"
        if state == "due_today":
            return "Due today"
        return short_date(row.next_follow_up)

    def _tooltip(self, row: IncidentRow, column: int):
        if column == COL_CATEGORIES:
            lines = [category_label(k) for k in _ordered(row)]
            lines += [get_category(k).serious_reason for k in _serious(row.categories)]
            return "\n".join(lines)
        if column == COL_SUMMARY:
            return row.summary
        if column == COL_FOLLOW_UP and row.next_follow_up:
            state = self._state(row)
            if state == "overdue":
                days = (self._services.clock.today() - row.next_follow_up).days
                return f"The follow-up was due {days} day{'s' * (days != 1)} ago."
            if state == "due_today":
                return "The follow-up is due today."
            return f"Next follow-up: {short_date(row.next_follow_up)}"
        if column in (COL_PLATFORM, COL_POSTER):
            return self._display(row, column)  # shown whole when the column cuts it short
        if column == COL_STAGE and row.content_still_up and row.status == "open":
            return f"{phase_label(row.phase)}. The content is still up."
        return None

    def _looks(self, row: IncidentRow, column: int, role: int):
        closed = row.status == "closed"
        state = self._state(row) if column == COL_FOLLOW_UP else ""
        serious = column == COL_CATEGORIES and bool(_serious(row.categories))
        if role == Qt.ItemDataRole.ForegroundRole:
            if state == "overdue":
                return OVERDUE_FG
            if state == "due_today":
                return DUE_TODAY_FG
            if serious:
                return MUTED_FG if closed else SERIOUS_FG
            return MUTED_FG if closed else None
        if role == Qt.ItemDataRole.BackgroundRole:
            if state == "overdue":
                return OVERDUE_BG
            if serious and not closed:
                return SERIOUS_BG
            return None
        if role == Qt.ItemDataRole.FontRole and (state or serious):
            return self._bold
        return None
