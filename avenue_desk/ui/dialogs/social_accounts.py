"""The social media accounts that posted: each with its site, how many incidents name it,
and who it is ("not yet known" until the office links it to a person). Opened from People.

Linking (or unlinking) brings the account's incidents into (or out of) that person's
chronology; the service writes it to the audit trail.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.policy.access import Operation
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.core.versions import ChangedElsewhere
from avenue_desk.ui.dialogs.changed_elsewhere import offer_reload
from avenue_desk.ui.labels import platform_label
from avenue_desk.ui.style import set_role
from avenue_desk.ui.widgets.person_picker import PersonPicker

ADULT_ROLES = ("parent", "carer", "relative", "other_associate")
# Each row keeps the version it was listed at: a link is refused if someone else has linked
# (or changed) the account since this list showed who it is.
VERSION_ROLE = Qt.ItemDataRole.UserRole + 1


class SocialAccountsDialog(QDialog):
    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.setWindowTitle("Social media accounts")
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Type part of a handle, a name shown or a link…")
        self.filter.setAccessibleName("Find an account")
        self.filter.textChanged.connect(self.refresh)
        self.table = QTreeWidget(self)
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(["Account", "Site", "Incidents", "Who it is"])
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.currentItemChanged.connect(self._chosen)
        self.person = PersonPicker(services, roles=ADULT_ROLES,
                                   placeholder="Type part of the person's name…")
        self.link_button = QPushButton("&Link to this person", self)
        self.link_button.clicked.connect(self.link_chosen)
        self.unlink_button = QPushButton("&Not known after all", self)
        self.unlink_button.clicked.connect(self.unlink_chosen)
        allowed = services.guard.allowed(Operation.INCIDENT_UPDATE)
        for widget in (self.person, self.link_button, self.unlink_button):
            widget.setEnabled(False)
            widget.setVisible(allowed)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.person, 1)
        row.addWidget(self.link_button)
        row.addWidget(self.unlink_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(760, 480)
        self.refresh()

    def refresh(self, *_args) -> None:
        chosen = self.chosen_id()
        self.table.clear()
        for account in self._services.social_accounts.list(self.filter.text()):
            item = QTreeWidgetItem([account.label, platform_label(account.platform),
                                    str(account.incidents),
                                    account.person_name or "Not yet known"])
            item.setData(0, Qt.ItemDataRole.UserRole, account.id)
            item.setData(0, VERSION_ROLE, account.row_version)
            self.table.addTopLevelItem(item)
            if account.id == chosen:
                self.table.setCurrentItem(item)
        self._chosen()

    def chosen_id(self) -> int | None:
        item = self.table.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item else None

    def _chosen(self, *_args) -> None:
        allowed = self._services.guard.allowed(Operation.INCIDENT_UPDATE)
        chosen = self.chosen_id() is not None
        for widget in (self.person, self.link_button, self.unlink_button):
            widget.setEnabled(allowed and chosen)

    def link_chosen(self) -> None:
        person_id = self.person.person_id()
        if person_id is None:
            self._say("Choose the person first (type part of their name).", error=True)
            return
        self._link(person_id)

    def unlink_chosen(self) -> None:
        self._link(None)

    def _link(self, person_id: int | None) -> None:
        account_id = self.chosen_id()
        if account_id is None:
            return
        version = self.table.currentItem().data(0, VERSION_ROLE)
        try:
            account = self._services.social_accounts.link(account_id, person_id, version)
        except ChangedElsewhere as refused:
            if offer_reload(self, refused):
                self.refresh()  # who it is now, as they saved it; the person chosen stays
            self._say(f"Not linked: {refused.headline}.", error=True)
            return
        except ServiceError as error:
            self._say(str(error), error=True)
            return
        who = account.person_name or "not yet known"
        self._say(f"{account.label} is now {who}. Its {account.incidents} incident(s) follow it.")
        self.refresh()

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        set_role(self.message, "error" if error else None)
