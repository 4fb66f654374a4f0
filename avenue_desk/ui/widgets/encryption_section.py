"""Where the window speaks of encryption at rest (issue 18): Settings' "Encryption" section,
and a one-line notice on Home for the Headteacher while the records are plain.

Both offer "Encrypt the records…": the confirmation (``dialogs/encrypt_records.py``), then
the request noted (``ui/encrypting.py``) and the main window closed, for ``app.py`` to
convert the records while they are closed and open them again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.ui import encrypting
from avenue_desk.ui.style import set_role

PLAIN = ("The records on this PC are not encrypted: anyone who takes the PC or a backup "
         "stick can read them.")
ENCRYPTED = ("The records on this PC are encrypted: without an Avenue Desk password or the "
             "recovery code, the files and backups show nothing.")
HEAD_ONLY = "The Headteacher can turn encryption on here."
HOME_LINE = "The records on this PC are not encrypted."
NOT_CLOSED = ("The records were not encrypted: Avenue Desk could not close, because "
              "something open was kept open. Close it, then try again.")


class _Offer(QWidget):
    """What both places share: the confirmation, then the window closed for the
    conversion."""

    def __init__(self, services, parent=None):
        super().__init__(parent)
        self._services = services
        self.dialog = None  # the confirmation while it is open

    def open_confirmation(self) -> None:  # a slot: returns nothing (PySide6 and dialogs)
        from avenue_desk.ui.dialogs.encrypt_records import ConfirmEncryptionDialog

        if self.dialog is not None:
            self.dialog.raise_()
            return
        dialog = ConfirmEncryptionDialog(self._services, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Bound methods, not lambdas: PySide6 crashes deleting a dialog whose signal is
        # connected to a lambda holding its parent.
        dialog.confirmed.connect(self._confirmed)
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self, *_args) -> None:
        self.dialog = None

    def _confirmed(self, confirmation) -> None:
        """The request noted, and the main window closed: app.py converts the records once
        its services are closed (``ui/encrypting.py``). A window that stays open (an
        incident with unsaved changes, kept) takes the request back."""
        paths = self._services.paths
        encrypting.ask(paths, confirmation.actor, confirmation.password, self._services.clock)
        window = self.window()
        window.close()
        if window.isVisible():
            encrypting.cancel(paths)
            encrypting.tell(QMessageBox.Icon.Warning, NOT_CLOSED)


class EncryptionSection(_Offer):
    """Settings: whether the records are encrypted; for the Headteacher on plain records,
    "Encrypt the records…". Hidden for records on a server (the trust's to protect)."""

    def __init__(self, services, parent=None):
        super().__init__(services, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(6)
        self.heading = set_role(QLabel("Encryption", self), "subheading")
        layout.addWidget(self.heading)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleName("Whether the records are encrypted")
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.encrypt_button = QPushButton("&Encrypt the records…", self)
        self.encrypt_button.setAccessibleName("Encrypt the records")
        self.encrypt_button.setToolTip("A backup first, then the records and evidence "
                                       "encrypted for good (a minute or so)")
        self.encrypt_button.clicked.connect(self.open_confirmation)
        row.addWidget(self.encrypt_button)
        self.guide_button = set_role(QPushButton("How encryption works", self), "link")
        self.guide_button.setFlat(True)
        self.guide_button.setAutoDefault(False)
        self.guide_button.clicked.connect(self.open_guide)
        row.addWidget(self.guide_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.load()

    def load(self) -> None:
        paths = self._services.paths
        self.setVisible(paths.uses_sqlite_file)
        plain = encrypting.is_plain_file(paths)
        may = encrypting.offered(self._services)
        text = ENCRYPTED if not plain else PLAIN if may else f"{PLAIN} {HEAD_ONLY}"
        self.status.setText(text)
        set_role(self.status, "warning" if plain else None)
        self.encrypt_button.setVisible(plain and may)

    def open_guide(self) -> None:
        from avenue_desk.ui.help_window import show_help

        show_help(encrypting.GUIDE_PAGE)


class EncryptionNotice(_Offer):
    """Home: one line while the records are plain, for the Headteacher only."""

    def __init__(self, services, parent=None):
        super().__init__(services, parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = set_role(QLabel(HOME_LINE, self), "muted")
        row.addWidget(self.label)
        self.encrypt_button = set_role(QPushButton("Encrypt the records…", self), "link")
        self.encrypt_button.setFlat(True)
        self.encrypt_button.setAutoDefault(False)
        self.encrypt_button.setAccessibleName("Encrypt the records")
        self.encrypt_button.clicked.connect(self.open_confirmation)
        row.addWidget(self.encrypt_button)
        row.addStretch(1)
        self.setVisible(encrypting.offered(services))
