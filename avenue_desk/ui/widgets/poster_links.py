"""Beside an incident's poster: the way to their chronology, and the social media accounts
already recorded on the incident's platform to choose from (part 10).

The account that posted stays a text box, so that a new account is typed as before (the
service finds or makes the account when the incident is saved): the known accounts are
offered as it is typed ("angry" offers "@angrymum_av — Gareth Smith") and all of them under
"Known accounts". They are read at the first key typed (or the button) after the platform
changes, not as the editor opens (opening an incident is kept quick).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from avenue_desk.policy.access import Operation
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.incidents import handle_key
from avenue_desk.ui.style import set_role

# The completer matches and fills in the account as typed on the incident; the list shows
# who the account is beside it.
ACCOUNT_ROLE = Qt.ItemDataRole.UserRole + 1


def button_text(text: str) -> str:
    """``text`` shown as typed on a button, where "&" would mark a shortcut key."""
    return text.replace("&", "&&")


class PosterLinks(QObject):
    """``chronology_row`` goes under the poster, ``accounts_row`` under the account."""

    def __init__(self, services, owner: QWidget, poster, account: QLineEdit,
                 person_dialog, opener=None):
        super().__init__(owner)
        self._services = services  # (the owner is parent(): held here, it would be a cycle)
        self._poster = poster
        self._account = account
        self._person_dialog = person_dialog  # PersonDialog, handed in (it imports pickers)
        self._opener = opener  # opens a chronology line's record (record_opener.open_record)
        self._record = None
        self._platform: str | None = None
        self._listed_for: str | None = None  # the platform whose accounts are in the model
        self._known: dict[str, tuple[str, str]] = {}  # handle key -> (label, who)
        guard = services.guard
        self._may_read = (guard.allowed(Operation.PEOPLE_VIEW)
                          and guard.allowed(Operation.INCIDENT_VIEW))
        self.chronology_dialog = None
        self.chronology_button = set_role(QPushButton(owner), "link")
        self.chronology_button.setFlat(True)
        self.chronology_button.setAutoDefault(False)
        self.chronology_button.clicked.connect(self.open_chronology)
        self.chronology_button.hide()
        self.chronology_row = QWidget(owner)  # the link at the left, under the name
        line = QHBoxLayout(self.chronology_row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.chronology_button)
        line.addStretch(1)
        self.accounts_button = QPushButton("&Known accounts…", owner)
        self.accounts_button.setAutoDefault(False)
        self.accounts_button.setToolTip("The accounts already recorded on this platform: "
                                        "choose one, or type a new one above")
        self.accounts_button.clicked.connect(self.show_known)
        self.account_note = set_role(QLabel(owner), "muted")
        self.account_note.setTextFormat(Qt.TextFormat.PlainText)
        self.account_note.setWordWrap(True)
        self.accounts_row = QWidget(owner)
        row = QHBoxLayout(self.accounts_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.accounts_button)
        row.addWidget(self.account_note, 1)
        self.model = QStandardItemModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCompletionRole(ACCOUNT_ROLE)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        account.setCompleter(self.completer)
        account.textEdited.connect(self._typed)
        account.textChanged.connect(self._say_who)
        poster.changed.connect(self._show_chronology_button)
        self.set_platform(None)

    # --- the account ------------------------------------------------------------------------

    def set_platform(self, key: str | None) -> None:
        """The accounts offered are the platform's: read again when next wanted."""
        self._platform = key or None
        self.accounts_button.setEnabled(self._platform is not None)
        self._say_who()

    def _typed(self, text: str) -> None:
        """The first key typed after the platform changed reads its accounts, and is
        offered them at once."""
        if self._platform is not None and self._listed_for != self._platform:
            self.load_accounts()
            if text:
                self.completer.setCompletionPrefix(text)
                self.completer.complete()

    def load_accounts(self) -> None:
        if self._platform is None or self._listed_for == self._platform:
            return
        try:
            accounts = [a for a in self._services.social_accounts.list()
                        if a.platform == self._platform]
        except ServiceError:
            accounts = []  # offered nothing: typing the account still works
        self.model.clear()
        self._known.clear()
        for account in accounts:
            who = account.person_name or "not yet known"
            item = QStandardItem(f"{account.label} — {who}")
            item.setData(account.label, ACCOUNT_ROLE)
            item.setToolTip(f"{account.label}: {who}; named by {account.incidents} "
                            f"incident{'s' * (account.incidents != 1)}")
            self.model.appendRow(item)
            self._known[handle_key(account.label)] = (account.label, account.person_name)
        self._listed_for = self._platform
        self._say_who()

    def show_known(self) -> None:
        """Every account recorded on the platform, to choose from (the button)."""
        self.load_accounts()
        self._account.setFocus(Qt.FocusReason.OtherFocusReason)
        self.completer.setCompletionPrefix("")
        self.completer.complete()

    def accounts_offered(self) -> list[str]:
        return [self.model.item(row).text() for row in range(self.model.rowCount())]

    def _say_who(self, *_args) -> None:
        """Under the account: who it is, when it is one already recorded."""
        typed = handle_key(self._account.text())
        said = ""
        record = self._record
        if typed and record is not None and record.account_id is not None \
                and typed == handle_key(record.poster_account) \
                and self._platform == record.platform:
            said = self._who_text(record.account_person_name)
        elif typed and self._listed_for == self._platform and typed in self._known:
            said = self._who_text(self._known[typed][1])
        self.account_note.setText(said)

    @staticmethod
    def _who_text(person_name: str) -> str:
        if person_name:
            return f"An account linked to {person_name}."
        return ("An account not yet known: link it to a person in People › Social media "
                "accounts.")

    # --- the poster's chronology --------------------------------------------------------------

    def show_record(self, record) -> None:
        self._record = record
        self._show_chronology_button()
        self._say_who()

    def chronology_person(self) -> tuple[int, str] | None:
        """Whose chronology the button opens: the poster chosen, else (as saved) the
        person the posting account is linked to."""
        person = self._poster.person()
        if person is not None:
            return person.id, person.full_name
        record = self._record
        if record is not None and record.poster is None and record.account_person_id:
            return record.account_person_id, record.account_person_name
        return None

    def _show_chronology_button(self) -> None:
        found = self.chronology_person() if self._may_read else None
        self.chronology_button.setVisible(found is not None)
        if found is not None:
            self.chronology_button.setText(f"C&hronology of {button_text(found[1])}…")
            self.chronology_button.setAccessibleName(f"Open the chronology of {found[1]}")
            self.chronology_button.setToolTip(
                f"Everything recorded about {found[1]}, in date order: the incidents they "
                "posted, were named in or reported, the steps and letters")

    def open_chronology(self):
        """The poster's window at their chronology (modal to the editor); returns it."""
        found = self.chronology_person()
        if found is None:
            return None
        dialog = self._person_dialog(self._services, found[0], self.parent(),
                                     record_opener=self._opener)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._forget_dialog)
        self.chronology_dialog = dialog
        dialog.open()
        dialog.show_chronology()
        return dialog

    def _forget_dialog(self, *_args) -> None:
        self.chronology_dialog = None
