"""The incident list as a Qt table model over a lazy query (see paged_table.py)."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from functools import lru_cache

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from avenue_desk.policy import CATEGORIES, get_category
from avenue_desk.services.incidents import IncidentQuery, IncidentRow
from avenue_desk.ui.labels import category_label, phase_label, platform_label, short_date
from avenue_desk.ui.models.paged_table import PagedTableModel
from avenue_desk.ui.style import role_colours

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

# The roles data() answers; anything else is None without looking the row up.
_ROLES = frozenset({
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.UserRole,
    Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.FontRole})

# Where each look sits in a row's cells (see IncidentTableModel._cells_of).
_LOOKS = {Qt.ItemDataRole.DisplayRole: 2, Qt.ItemDataRole.ForegroundRole: 3,
          Qt.ItemDataRole.BackgroundRole: 4, Qt.ItemDataRole.FontRole: 5}


@lru_cache(maxsize=256)
def _serious(keys: tuple[str, ...]) -> tuple[str, ...]:
    found = []
    for key in keys:
        try:
            if get_category(key).serious:
                found.append(key)
        except ValueError:
            pass
    return tuple(found)


_POLICY_ORDER = {c.key: n for n, c in enumerate(CATEGORIES)}


def _ordered(row: IncidentRow) -> list[str]:
    """Serious kinds first (so a narrow column never hides them), then in the policy's order."""
    serious = set(_serious(row.categories))
    return sorted(row.categories, key=lambda k: (k not in serious, _POLICY_ORDER.get(k, 99)))


class IncidentTableModel(PagedTableModel[IncidentRow]):
    HEADERS = HEADERS

    def __init__(self, services, parent=None):
        super().__init__(parent)
        self._services = services
        self._query = IncidentQuery()
        self._bold = QFont()
        self._bold.setBold(True)
        # The stylesheet's colours for a cell (it cannot style one cell itself).
        self.overdue = role_colours("overdue")
        self.serious = role_colours("serious")
        self.due_today = role_colours("due-soon").foreground
        self.muted = role_colours("muted").foreground
        # Row number -> (row, today, its cells' text, foreground, background, font): Qt asks
        # each cell for five looks as it paints, and a row's are worked out together, once.
        self._cells: OrderedDict[int, tuple] = OrderedDict()

    def count_rows(self) -> int:
        return self._services.incidents.count(self._query)

    def fetch_rows(self, offset: int, limit: int) -> list[IncidentRow]:
        return self._services.incidents.page(self._query, offset, limit)

    def header_tip(self, section: int) -> str:
        return HEADER_TIPS.get(section, f"Click to sort by {HEADERS[section].lower()}.")

    # --- the query ----------------------------------------------------------------------

    @property
    def query(self) -> IncidentQuery:
        return self._query

    def set_query(self, query: IncidentQuery) -> None:
        self._query = query
        self.reload()

    def refresh(self) -> None:
        """Reloads after a save: same filters and order, fresh rows."""
        self.reload()

    def reload(self) -> None:
        self._cells.clear()
        super().reload()

    def incident_id(self, row: int) -> int | None:
        found = self._row(row)
        return found.id if found else None

    def row_of(self, incident_id: int) -> int | None:
        """The row of an incident among the pages already loaded (to keep a selection)."""
        return next((n for n, item in self.loaded_rows() if item.id == incident_id), None)

    def _row(self, row: int) -> IncidentRow | None:
        return self.row_at(row)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0):
        if role not in _ROLES or not index.isValid() or index.column() >= len(HEADERS):
            return None  # Qt asks a dozen roles per cell as it paints: most say nothing
        column = index.column()
        look = _LOOKS.get(role)
        if look is not None:
            cells = self._cells_of(index.row())
            return None if cells is None else cells[look][column]
        row = self._row(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_ID:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _cells_of(self, number: int) -> tuple | None:
        """The row's cells, worked out again if its page was fetched again or the day moved
        on (a follow-up due today is overdue tomorrow)."""
        row = self._row(number)
        if row is None:
            return None
        today = self._services.clock.today()
        found = self._cells.get(number)
        if found is None or found[0] is not row or found[1] != today:
            columns = range(len(HEADERS))
            found = (row, today, tuple(self._display(row, c) for c in columns),
                     *(tuple(self._looks(row, c, role) for c in columns) for role in
                       (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole,
                        Qt.ItemDataRole.FontRole)))
            self._cells[number] = found
            while len(self._cells) > self.MAX_PAGES * self.PAGE_SIZE:
                self._cells.popitem(last=False)
        return found

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
            # Each tip starts with the cell's whole text, which a narrow column cuts short.
            shown = self._display(row, column)
            if state == "overdue":
                days = (self._services.clock.today() - row.next_follow_up).days
                return f"{shown}: the follow-up was due {days} day{'s' * (days != 1)} ago."
            if state == "due_today":
                return f"{shown}: the follow-up is due today ({short_date(row.next_follow_up)})."
            return f"Next follow-up: {shown}"
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
                return self.overdue.foreground
            if state == "due_today":
                return self.due_today
            if serious:
                return self.muted if closed else self.serious.foreground
            return self.muted if closed else None
        if role == Qt.ItemDataRole.BackgroundRole:
            if state == "overdue":
                return self.overdue.background
            if serious and not closed:
                return self.serious.background
            return None
        if role == Qt.ItemDataRole.FontRole and (state or serious):
            return self._bold
        return None
