"""One list of what the Headteacher has agreed under the code: written permissions,
designated persons, or contact-detail exceptions, with the code's own words above it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
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

from avenue_desk.policy import conduct as code
from avenue_desk.policy.access import Operation
from avenue_desk.services.conduct import (
    CONTACT_EXCEPTION,
    DESIGNATION,
    DESIGNATION_PURPOSES,
    PERMISSION,
    PERMISSION_USES,
    AuthorisationRecord,
)
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.ui.labels import short_date
from avenue_desk.ui.style import set_role

QUOTES = {
    PERMISSION: (code.PERMISSION_QUOTE,),
    DESIGNATION: (code.IMAGES_DESIGNATION_QUOTE, code.ACCOUNTS_DESIGNATION_QUOTE),
    CONTACT_EXCEPTION: (code.CONTACT_EXCEPTION_QUOTE,),
}
COLUMNS = {
    PERMISSION: ("Person", "May use", "What for", "Where", "From", "Until"),
    DESIGNATION: ("Person", "Designated for", "What for", "Accounts or channels", "From",
                  "Until"),
    CONTACT_EXCEPTION: ("Person", "Agreed by", "Contact details", "Given to", "From", "Until"),
}
NOUNS = {PERMISSION: "permission", DESIGNATION: "designation",
         CONTACT_EXCEPTION: "exception"}


def cells(record: AuthorisationRecord) -> tuple[str, ...]:
    if record.kind == PERMISSION:
        second = ", ".join(PERMISSION_USES[u] for u in record.uses)
    elif record.kind == DESIGNATION:
        second = DESIGNATION_PURPOSES.get(record.purpose, record.purpose)
    else:
        second = record.agreed_by
    until = short_date(record.valid_until) if record.valid_until else "Until withdrawn"
    return (record.person_name, second, record.what, record.place,
            short_date(record.valid_from), until)


class AuthorisationPanel(QWidget):
    changed = Signal()

    def __init__(self, services, kind: str, parent=None):
        super().__init__(parent)
        self._services = services
        self.kind = kind
        self.records: list[AuthorisationRecord] = []
        self.dialog = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        for quote in QUOTES[kind]:
            label = QLabel(f"The code: “{quote.text}”")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            set_role(label, "quote")
            layout.addWidget(label)
        top = QHBoxLayout()
        noun = NOUNS[kind]
        self.add_button = QPushButton(f"&Add a {noun}…")
        self.edit_button = QPushButton("&Edit…")
        self.delete_button = QPushButton("De&lete…")
        # Agreed by the Headteacher alone: others see the list (the services refuse changes).
        self.may_change = services.guard.allowed(Operation.CONDUCT_PERMISSIONS)
        for button in (self.add_button, self.edit_button, self.delete_button):
            top.addWidget(button)
            button.setVisible(self.may_change)
        self.letter_button = None
        if kind == PERMISSION:
            self.letter_button = QPushButton("Print the permission &letter…")
            self.letter_button.setVisible(self.may_change)
            top.addWidget(self.letter_button)
            self.letter_button.clicked.connect(self.print_letter)
        top.addStretch(1)
        self.current_only = QCheckBox("&In force today only")
        top.addWidget(self.current_only)
        layout.addLayout(top)
        self.table = QTableWidget(0, len(COLUMNS[kind]))
        self.table.setAccessibleName(f"{noun.capitalize()}s")
        self.table.setHorizontalHeaderLabels(COLUMNS[kind])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((200, 170, 260, 260, 95, 110)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.empty = QLabel(f"No {noun}s recorded yet.")
        set_role(self.empty, "muted")
        layout.addWidget(self.empty)

        self.add_button.clicked.connect(lambda: self.open_editor(None))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.current_only.toggled.connect(self.refresh)
        self.table.itemActivated.connect(lambda _item: self.edit_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.refresh()

    def refresh(self, *_args) -> None:
        today = self._services.clock.today() if self.current_only.isChecked() else None
        self.records = self._services.authorisations.list(self.kind, active_on=today)
        self.table.setRowCount(len(self.records))
        for row, record in enumerate(self.records):
            for column, text in enumerate(cells(record)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.empty.setVisible(not self.records)
        self._update_buttons()

    def selected(self) -> AuthorisationRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.records[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        for button in (self.edit_button, self.delete_button, self.letter_button):
            if button is not None:
                button.setEnabled(chosen)

    def edit_selected(self) -> None:
        record = self.selected()
        if record is not None and self.may_change:
            self.open_editor(record)

    def open_editor(self, record: AuthorisationRecord | None) -> None:
        """The editor for ``record``, or for a new one when None."""
        from avenue_desk.ui.dialogs.authorisation_dialog import AuthorisationDialog

        dialog = AuthorisationDialog(self._services, self.kind, record, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _saved: (self.refresh(), self.changed.emit()))
        dialog.finished.connect(self._forget_dialog)
        self.dialog = dialog
        dialog.open()

    def _forget_dialog(self, *_args) -> None:
        self.dialog = None

    def delete_selected(self) -> None:
        record = self.selected()
        if record is None:
            return
        answer = QMessageBox.question(
            self, "Delete?", f"Delete this {NOUNS[self.kind]} for {record.person_name}? To "
            "end it but keep the record, edit it and set the “Until” date instead.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._services.authorisations.delete(self.kind, record.id)
        except ServiceError as error:
            QMessageBox.warning(self, "Not deleted", str(error))
        self.refresh()
        self.changed.emit()

    def print_letter(self) -> None:
        record = self.selected()
        if record is None:
            return
        from avenue_desk.ui.dialogs.document_dialog import DocumentDialog

        dialog = DocumentDialog(
            self._services, f"Permission letter for {record.person_name}",
            f"permission-letter-P{record.id}.pdf", self.window(),
            make=lambda: self._services.conduct_documents.permission_letter_pdf(record.id),
            on_output=lambda action, name: self._services.conduct_documents.record_output(
                action, name, document=f"Permission letter P-{record.id}"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.refresh()
        self.dialog = dialog
        dialog.finished.connect(self._forget_dialog)
        dialog.open()
