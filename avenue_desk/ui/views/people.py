"""People: everyone the records mention, searchable by name or class, filtered by role."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.policy import ROLES
from avenue_desk.policy.access import Operation
from avenue_desk.ui.damage_notice import show_count
from avenue_desk.ui.models import people_table as cols
from avenue_desk.ui.models.people_table import PeopleTableModel
from avenue_desk.ui.style import set_role
from avenue_desk.ui.table_place import TablePlace
from avenue_desk.ui.window_state import remember_columns

SEARCH_DELAY_MS = 250

# Role groups the office thinks in, before the single roles.
ROLE_GROUPS = (
    ("Parents, carers and relatives", ("parent", "carer", "relative", "other_associate")),
    ("Pupils", ("pupil",)),
    ("Staff, volunteers and governors", ("staff", "volunteer", "governor")),
)


class PeopleView(QWidget):
    def __init__(self, services, parent=None):
        super().__init__(parent)
        self._services = services
        self.dialog = None  # the open PersonDialog or PeopleImportDialog, if any
        self.import_message = None  # the message saying what an import did
        self.exporting = None  # the subject access export running, if any
        self.model = PeopleTableModel(services, self)
        self.model.damaged.connect(lambda _what: self._update_count())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)

        top = QHBoxLayout()
        heading = QLabel("People")
        set_role(heading, "heading")
        top.addWidget(heading)
        top.addSpacing(16)
        self.count_label = QLabel()
        set_role(self.count_label, "lead")
        self.count_label.setAccessibleName("Number of people shown")
        top.addWidget(self.count_label)
        top.addStretch(1)
        self.import_button = QPushButton("Import from file…")
        self.import_button.setAccessibleName("Import people from a file")
        self.import_button.setToolTip("Pupils and their contacts from a CSV file exported "
                                      "from your MIS, checked before anything is saved")
        self.import_button.setVisible(services.guard.allowed(Operation.DATA_IMPORT))
        self.import_button.clicked.connect(self.import_from_file)
        top.addWidget(self.import_button)
        self.add_button = QPushButton("Add a person…")
        self.add_button.setAccessibleName("Add a person")
        set_role(self.add_button, "primary")
        self.add_button.clicked.connect(self.add_person)
        top.addWidget(self.add_button)
        layout.addLayout(top)

        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search by name or class…")
        self.search.setAccessibleName("Search people")
        self.search.setClearButtonEnabled(True)
        filters.addWidget(self.search, 2)
        self.role = QComboBox()
        self.role.setAccessibleName("Role")
        self.role.addItem("Everyone", ())
        for label, keys in ROLE_GROUPS:
            self.role.addItem(label, keys)
        self.role.insertSeparator(self.role.count())
        for role in ROLES:
            self.role.addItem(role.label, (role.key,))
        filters.addWidget(self.role, 1)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setAccessibleName("Edit the selected person")
        self.edit_button.clicked.connect(self.edit_selected)
        filters.addWidget(self.edit_button)
        self.sar_button = QPushButton("Subject access export…")
        self.sar_button.setAccessibleName("Subject access export for the selected person")
        self.sar_button.setToolTip("Everything held about this person, other people's names "
                                   "marked for redaction, into a new folder with a PDF index")
        self.sar_button.setVisible(services.guard.allowed(Operation.SUBJECT_ACCESS))
        self.sar_button.clicked.connect(self.subject_access_export)
        filters.addWidget(self.sar_button)
        self.accounts_button = QPushButton("Social media accounts…")
        self.accounts_button.setToolTip("The accounts that posted, and who each one is")
        self.accounts_button.clicked.connect(self.social_accounts)
        filters.addWidget(self.accounts_button)
        layout.addLayout(filters)

        self.table = QTableView()
        self.table.setAccessibleName("People list")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        vertical = self.table.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.resizeSection(cols.COL_NAME, 300)
        header.resizeSection(cols.COL_ROLE, 260)
        header.resizeSection(cols.COL_CLASS, 200)
        header.setStretchLastSection(True)
        remember_columns(header, "people")
        self.table.activated.connect(lambda index: self.edit_row(index.row()))
        layout.addWidget(self.table, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self.apply_filter)
        self.role.currentIndexChanged.connect(self.apply_filter)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_count()
        self._update_buttons()

    def apply_filter(self, *_args) -> None:
        self._timer.stop()
        roles = self.role.currentData() or ()
        self.model.set_filter(self.search.text().strip(), tuple(roles))
        self._update_count()
        self._update_buttons()

    def refresh(self) -> None:
        place = TablePlace.of(self.table)  # the same person selected, the list where it was
        self.model.refresh()
        place.restore(self.table)
        self._update_count()
        self._update_buttons()

    def on_shown(self) -> None:
        self.refresh()

    def on_data_changed(self) -> None:
        """Something was saved, here or elsewhere (``ChangeWatcher``)."""
        self.refresh()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def selected_person_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().hasSelection():
            return None
        return self.model.person_id(index.row())

    def add_person(self) -> None:
        from avenue_desk.ui.dialogs.person_dialog import PersonDialog

        roles = self.role.currentData() or ()
        dialog = PersonDialog(self._services, None, self,
                              default_role=roles[0] if len(roles) == 1 else None)
        self._run(dialog)

    def edit_selected(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.edit_row(index.row())

    def edit_row(self, row: int) -> None:
        person_id = self.model.person_id(row)
        if person_id is None:
            return
        from avenue_desk.ui.dialogs.person_dialog import PersonDialog
        from avenue_desk.ui.dialogs.record_opener import open_record

        self._run(PersonDialog(self._services, person_id, self, record_opener=open_record))

    def social_accounts(self):
        """The accounts list, where an account is linked to a person; returns it (tests)."""
        from avenue_desk.ui.dialogs.social_accounts import SocialAccountsDialog

        dialog = SocialAccountsDialog(self._services, self)
        self._run(dialog)
        return dialog

    def import_from_file(self):
        """The import dialog, asking for the file straight away; returns it (for tests)."""
        if not self._services.guard.allowed(Operation.DATA_IMPORT):
            return None
        from avenue_desk.ui.dialogs.people_import import PeopleImportDialog

        dialog = PeopleImportDialog(self._services, self)
        dialog.imported.connect(self._imported)
        self._run(dialog)
        dialog.choose()
        return dialog

    def _imported(self, text: str) -> None:
        from avenue_desk.ui.dialogs.people_import import show_done

        self.refresh()
        self.import_message = show_done(self, text)

    def subject_access_export(self):
        index = self.table.currentIndex()
        found = self.model.person(index.row()) if index.isValid() else None
        if found is None:
            return None
        from avenue_desk.ui.dialogs.subject_access import export_for

        exporting = export_for(self, self._services, found.id, found.full_name,
                               disable=[self.sar_button])
        if exporting is not None:
            self.exporting = exporting
            exporting.ended.connect(self._export_ended)
        return exporting

    def _export_ended(self) -> None:
        self.exporting = None
        self._update_buttons()

    def _run(self, dialog) -> None:
        # open(), not exec(): the dialog is modal to the window, yet tests and the event
        # loop keep running.
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.refresh)
        self.dialog = dialog
        dialog.finished.connect(self._forget_dialog)
        dialog.open()

    def _forget_dialog(self, *_args) -> None:
        self.dialog = None

    def _update_count(self) -> None:
        count = self.model.rowCount()
        if count == 0:
            filtered = bool(self.search.text().strip()) or self.role.currentIndex() > 0
            text = "No one matches." if filtered else "No people recorded yet."
        else:
            text = f"{count:,} {'person' if count == 1 else 'people'}"
        show_count(self.count_label, self.model, text)  # or the damage, if any

    def _update_buttons(self, *_args) -> None:
        self.edit_button.setEnabled(self.table.selectionModel().hasSelection())
        self.sar_button.setEnabled(self.table.selectionModel().hasSelection()
                                   and self.exporting is None)
