"""Accounts (Headteacher only): who can sign in, as what, and whether they can right now."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.services.core.audit import local_time
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.ui.dialogs.temporary_password import (
    TemporaryPasswordDialog,
    TemporaryPasswords,
)
from avenue_desk.ui.style import set_role
from avenue_desk.ui.widgets.password_fields import note

HEADERS = ("Username", "Name", "Kind of account", "Status", "Last signed in")
INTRO = ("Everyone signs in with their own account. New accounts and reset passwords are "
         "temporary: the person chooses their own at their next sign-in. Deleting an account "
         "keeps what it did in the audit trail.")


class AccountsView(QWidget):
    def __init__(self, accounts, services=None, parent=None):
        super().__init__(parent)
        self._accounts = accounts
        self._services = services  # for linking staff accounts to their person record
        self.users = []
        self.dialog = None
        self.password_dialog = None  # the temporary password on show, if any
        self.temporary = TemporaryPasswords()  # in memory only: see temporary_password.py
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        top = QHBoxLayout()
        heading = QLabel("Accounts", self)
        set_role(heading, "heading")
        top.addWidget(heading)
        top.addStretch(1)
        self.add_button = QPushButton("Add an account…", self)
        set_role(self.add_button, "primary")
        self.add_button.clicked.connect(self.add_account)
        top.addWidget(self.add_button)
        layout.addLayout(top)
        layout.addWidget(note(INTRO, self))

        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setAccessibleName("Accounts")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        for column, width in enumerate((160, 220, 230, 230)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.reset_button = QPushButton("Reset password…", self)
        self.reset_button.clicked.connect(self.reset_password)
        self.show_again_button = QPushButton("Show temporary password again…", self)
        self.show_again_button.setToolTip("The temporary password given in this window, until "
                                          "the person signs in with it")
        self.show_again_button.clicked.connect(self.show_temporary_again)
        self.disable_button = QPushButton("Disable", self)
        self.disable_button.clicked.connect(self.toggle_disabled)
        self.delete_button = QPushButton("Delete…", self)
        self.delete_button.clicked.connect(self.delete_account)
        for button in (self.reset_button, self.show_again_button, self.disable_button,
                       self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        layout.addWidget(self.message)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.refresh()

    # --- the list ------------------------------------------------------------------------

    def refresh(self) -> None:
        previous = self.selected()
        try:
            self.users = self._accounts.list_users()
        except ServiceError as error:  # not the Headteacher: say why, show nothing
            self.users = []
            self._say(str(error))
            self.add_button.setEnabled(False)
        self.temporary.forget_used(self.users)  # signed in since: theirs no longer to give
        self.table.clearSelection()
        self.table.setRowCount(len(self.users))
        for row, user in enumerate(self.users):
            last = local_time(user.last_sign_in).strftime("%d/%m/%Y %H:%M") \
                if user.last_sign_in else "Never"
            for column, text in enumerate((user.username, user.display_name, user.role_label,
                                           user.status, last)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, user.id)
                self.table.setItem(row, column, item)
            if previous and user.id == previous.id:
                self.table.selectRow(row)
        self._update_buttons()

    def on_shown(self) -> None:
        self.refresh()

    def on_data_changed(self) -> None:
        """Something was saved, here or elsewhere (``ChangeWatcher``): an account made,
        locked or signed in with on another computer."""
        self.refresh()

    def selected(self):
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.users):
            return None
        return self.users[rows[0].row()]

    def select_username(self, username: str) -> None:
        for row, user in enumerate(self.users):
            if user.username == username:
                self.table.selectRow(row)

    def _update_buttons(self) -> None:
        user = self.selected()
        me = self._accounts.signed_in
        mine = user is not None and me is not None and user.id == me.user_id
        for button in (self.reset_button, self.disable_button, self.delete_button):
            button.setEnabled(user is not None and not mine)
        self.disable_button.setText("Enable" if user is not None and user.disabled else
                                    "Disable")
        self.show_again_button.setEnabled(
            user is not None and self.temporary.get(user.id) is not None)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # --- actions -------------------------------------------------------------------------

    def add_account(self) -> None:
        from avenue_desk.ui.dialogs.account_dialog import AccountDialog

        self._run(AccountDialog(self._accounts, self._services, self))

    def reset_password(self) -> None:
        user = self.selected()
        if user is None:
            return
        from avenue_desk.ui.dialogs.account_dialog import ResetPasswordDialog

        self._run(ResetPasswordDialog(self._accounts, user, self))

    def _run(self, dialog) -> None:
        # Bound methods only: a closure holding the dialog would outlive its deletion.
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.finished.connect(self._dialog_finished)
        dialog.open()

    def _dialog_finished(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None and result == QDialog.DialogCode.Accepted:
            given = dialog.given
            if given is not None:
                self.temporary.keep(*given)
            self.refresh()
            self._say(dialog.done_text)
            if given is not None:
                self.select_username(given[0].username)
                self._show_temporary(given[0], given[1])

    def show_temporary_again(self) -> None:
        """The temporary password given here, unless the person has signed in since (it is
        then forgotten, and the Headteacher told why it is not shown)."""
        user = self.selected()
        if user is None or self.temporary.get(user.id) is None:
            return
        try:
            now = self._accounts.get_user(user.id)
        except ServiceError:
            now = None
        self.temporary.forget_used([now] if now is not None else [])
        password = self.temporary.get(user.id)
        if password is None:
            self.refresh()
            self._say(f"{user.display_name} has signed in since, so their temporary password "
                      "is no longer shown. Reset the password to give them a new one.")
            return
        self._show_temporary(now, password, again=True)

    def _show_temporary(self, user, password: str, again: bool = False) -> None:
        dialog = TemporaryPasswordDialog(user, password, again, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._password_dialog_closed)
        self.password_dialog = dialog
        dialog.open()

    def _password_dialog_closed(self, _result: int) -> None:
        self.password_dialog = None

    def toggle_disabled(self) -> None:
        user = self.selected()
        if user is None:
            return
        try:
            if user.disabled:
                self._accounts.enable_user(user.id)
                self._say(f"{user.display_name} can sign in again.")
            else:
                self._accounts.disable_user(user.id)
                self._say(f"{user.display_name} can no longer sign in. Enable the account to "
                          "let them back.")
        except ServiceError as error:
            self._say(str(error))
        self.refresh()

    def delete_account(self) -> None:
        user = self.selected()
        if user is None:
            return
        answer = QMessageBox.question(
            self, "Delete the account?",
            f"Delete the account “{user.username}” ({user.display_name})?\n\nThey will no "
            "longer be able to sign in. What they did stays in the audit trail. To stop them "
            "for a while instead, choose Disable.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._accounts.delete_user(user.id)
            self._say(f"The account “{user.username}” is deleted.")
        except ServiceError as error:
            self._say(str(error))
        self.refresh()
