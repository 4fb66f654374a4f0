"""The incident list's "Posted by" filter: one person, or one social media account.

Typing part of a name or a handle offers the people and the accounts that match (read a
moment after the last key, a few of each); choosing one filters the list to what they
posted. A person's incidents include those posted through an account linked to them
(``IncidentQuery.posted_by``); an account's are those naming it
(``IncidentQuery.posted_by_account``). Changing or clearing the text drops the filter.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLineEdit, QWidget

from avenue_desk.policy import get_role
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.ui.labels import platform_label

SEARCH_DELAY_MS = 200
OFFERED = 8  # people, and as many accounts, offered at a time
PERSON, ACCOUNT = "person", "account"
CHOICE = Qt.ItemDataRole.UserRole + 1  # (PERSON or ACCOUNT, id)


def _role_label(key: str) -> str:
    try:
        return get_role(key).label
    except ValueError:
        return key


class PosterFilter(QWidget):
    changed = Signal()  # a poster chosen, or the filter dropped

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._chosen: tuple[str, int, str] | None = None  # kind, id, the text shown
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Posted by: a name or an account…")
        self.edit.setAccessibleName("Filter: posted by (a person or a social media account)")
        self.edit.setToolTip("Type part of a name or a handle, then choose who from the list")
        self.edit.setClearButtonEnabled(True)
        self.model = QStandardItemModel(self)
        self.completer = QCompleter(self.model, self)
        # The service has already matched (accents folded, handles without "@"): show all.
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.activated[QModelIndex].connect(self._picked)
        self.edit.setCompleter(self.completer)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self.edit.textEdited.connect(self._typed)
        self.edit.textChanged.connect(self._cleared)  # the clear button, too
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)

    # --- what is chosen --------------------------------------------------------------------

    def value(self) -> tuple[str, int] | None:
        """(PERSON or ACCOUNT, its id), or None for everyone."""
        return self._chosen[:2] if self._chosen else None

    def choose(self, kind: str, record_id: int, shown: str) -> None:
        self._timer.stop()
        self._chosen = (kind, record_id, shown)
        self.edit.blockSignals(True)
        self.edit.setText(shown)
        self.edit.blockSignals(False)
        self.changed.emit()

    def clear(self) -> None:
        """Everyone again (without saying so: the caller reads the filters once)."""
        self._timer.stop()
        self._chosen = None
        self.edit.blockSignals(True)
        self.edit.clear()
        self.edit.blockSignals(False)

    def _typed(self, text: str) -> None:
        if self._chosen is not None:
            if text == self._chosen[2]:
                return  # the choice itself, put in the box
            self._chosen = None
            self.changed.emit()
        self._timer.start()

    def _cleared(self, text: str) -> None:
        if not text:
            self._timer.stop()
            self.model.clear()  # nothing typed: nothing offered
        if not text and self._chosen is not None:
            self._chosen = None
            self.changed.emit()

    def _picked(self, index: QModelIndex) -> None:
        found = index.data(CHOICE)
        if found:
            self.choose(found[0], found[1], index.data(Qt.ItemDataRole.DisplayRole))

    # --- what is offered -------------------------------------------------------------------

    def search_now(self) -> list[str]:
        """Offers the people and accounts matching what is typed; returns their texts."""
        self._timer.stop()
        text = self.edit.text().strip()
        self.model.clear()
        if not text:
            return []
        try:
            people = self._services.people.search(text, limit=OFFERED)
        except ServiceError:
            people = []  # an account that may not see People still filters by account
        try:
            accounts = self._services.social_accounts.list(text)[:OFFERED]
        except ServiceError:
            accounts = []
        for person in people:
            self._offer(f"{person.full_name} ({_role_label(person.role)}, no. {person.id})",
                        (PERSON, person.id))
        for account in accounts:
            who = account.person_name or "not yet known"
            self._offer(f"{account.label} ({platform_label(account.platform)}, {who})",
                        (ACCOUNT, account.id))
        offered = self.offered()
        if offered and self.edit.hasFocus():
            self.completer.complete()
        return offered

    def _offer(self, text: str, choice: tuple[str, int]) -> None:
        item = QStandardItem(text)
        item.setData(choice, CHOICE)
        self.model.appendRow(item)

    def offered(self) -> list[str]:
        return [self.model.item(row).text() for row in range(self.model.rowCount())]

    def choose_offered(self, row: int) -> None:
        """Chooses line ``row`` of what is offered, as a click in the list does."""
        item = self.model.item(row)
        if item is not None:
            kind, record_id = item.data(CHOICE)
            self.choose(kind, record_id, item.text())
