"""The code of conduct register: everyone it applies to, filtered by status, role or name,
with what each person signed (a double-click or Enter on their row), the acknowledgement
wizard (its own button), paper forms, printing and export one click away."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.policy.access import Operation
from avenue_desk.services.conduct import (
    CHANGED,
    NEVER,
    OVERDUE,
    STATUS_LABELS,
    STATUSES,
    ConductPeriods,
    RegisterQuery,
)
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.ui.dialogs import export_place
from avenue_desk.ui.models import conduct_register_table as cols
from avenue_desk.ui.models.conduct_register_table import ConductRegisterModel
from avenue_desk.ui.operations import BackgroundOp, problem_text, show_problem
from avenue_desk.ui.style import set_role

NEEDS_ACTION = (NEVER, OVERDUE, CHANGED)
ROLE_CHOICES = (("Everyone", ()), ("Staff", ("staff",)), ("Volunteers", ("volunteer",)),
                ("Governors", ("governor",)))
SEARCH_DELAY_MS = 250


def _keys(data) -> tuple[str, ...]:
    return tuple(k for k in (data or "").split(",") if k)


class ConductRegisterPanel(QWidget):
    changed = Signal()  # something was signed or recorded: the home view's reminder changes

    def __init__(self, services, parent=None):
        super().__init__(parent)
        self._services = services
        self.wizard = None  # the open ConductWizard, if any
        self.dialog = None  # the open paper-form or document dialog, if any
        self.signed_dialog = None  # what the chosen person signed, while it is open
        self.model = ConductRegisterModel(services, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)

        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search by name…")
        self.search.setAccessibleName("Search the register by name")
        self.search.setClearButtonEnabled(True)
        filters.addWidget(self.search, 2)
        self.status = QComboBox()
        self.status.setAccessibleName("Status")
        # Keys joined by commas: a combo box's data round-trips a string, not a tuple.
        self.status.addItem("Every status", "")
        self.status.addItem("Needs action (never, overdue or changed)", ",".join(NEEDS_ACTION))
        for key in STATUSES:
            self.status.addItem(STATUS_LABELS[key], key)
        filters.addWidget(self.status, 2)
        self.role = QComboBox()
        self.role.setAccessibleName("Role")
        for label, keys in ROLE_CHOICES:
            self.role.addItem(label, ",".join(keys))
        filters.addWidget(self.role, 1)
        self.count = QLabel()
        self.count.setAccessibleName("Number of people shown")
        filters.addWidget(self.count, 1)
        layout.addLayout(filters)

        person = QHBoxLayout()
        self.signed_button = QPushButton("&What they signed…")
        self.signed_button.setToolTip("Each acknowledgement of the chosen person: the edition, "
                                      "the date, every answer and note, and what is still "
                                      "open (a double-click or Enter on a row does the same)")
        self.start_button = QPushButton("&Start or resume acknowledgement…")
        set_role(self.start_button, "primary")
        self.start_button.setToolTip("Opens the code of conduct for the chosen person to read, "
                                     "tick and sign")
        self.paper_button = QPushButton("Record a &paper form…")
        self.form_button = QPushButton("Print a &form for this person…")
        for button in (self.signed_button, self.start_button, self.paper_button,
                       self.form_button):
            person.addWidget(button)
        person.addStretch(1)
        layout.addLayout(person)

        self.table = QTableView()
        self.table.setAccessibleName("Code of conduct register")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column, width in ((cols.COL_NAME, 230), (cols.COL_ROLE, 130), (cols.COL_STATUS, 200),
                              (cols.COL_SIGNED, 95), (cols.COL_DUE, 100)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(cols.COL_NOTES, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)

        whole = QHBoxLayout()
        self.blank_button = QPushButton("Print a &blank form…")
        self.pdf_button = QPushButton("Register as P&DF…")
        self.csv_button = QPushButton("Export to &CSV…")
        for button in (self.blank_button, self.pdf_button, self.csv_button):
            whole.addWidget(button)
        whole.addStretch(1)
        layout.addLayout(whole)
        renewal = QHBoxLayout()
        renew_label = QLabel("&Renew every")
        renewal.addWidget(renew_label)
        self.months = QSpinBox()
        self.months.setRange(1, 60)
        self.months.setSuffix(" months")
        self.months.setAccessibleName("Renewal period in months")
        renew_label.setBuddy(self.months)
        renewal.addWidget(self.months)
        renewal.addWidget(QLabel("· “due soon” from"))
        self.days = QSpinBox()
        self.days.setRange(0, 180)
        self.days.setSuffix(" days before")
        self.days.setAccessibleName("Days before renewal that count as due soon")
        renewal.addWidget(self.days)
        self.periods_button = QPushButton("Apply")
        self.periods_button.setAccessibleName("Apply the renewal period")
        renewal.addWidget(self.periods_button)
        renewal.addStretch(1)
        layout.addLayout(renewal)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.message)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._timer.start)
        self.status.currentIndexChanged.connect(self.apply_filter)
        self.role.currentIndexChanged.connect(self.apply_filter)
        # Looking at a row shows what the person signed; starting one is its own button.
        self.table.activated.connect(lambda _index: self.show_signed())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.signed_button.clicked.connect(self.show_signed)
        self.start_button.clicked.connect(self.start_selected)
        self.paper_button.clicked.connect(self.record_paper)
        self.form_button.clicked.connect(lambda: self.print_form(self.selected_person_id()))
        self.blank_button.clicked.connect(lambda: self.print_form(None))
        self.pdf_button.clicked.connect(self.print_register)
        self.csv_button.clicked.connect(self.export_csv)
        self.periods_button.clicked.connect(self.apply_periods)
        for widget in (self.months, self.days, self.periods_button):  # a setting: the Head's
            widget.setEnabled(services.guard.allowed(Operation.SETTINGS_EDIT))
        self._load_periods()
        self._update()

    # --- filters -------------------------------------------------------------------------

    def query(self) -> RegisterQuery:
        return RegisterQuery(statuses=_keys(self.status.currentData()),
                             roles=_keys(self.role.currentData()),
                             text=self.search.text().strip())

    def show_status(self, statuses: tuple[str, ...]) -> None:
        index = self.status.findData(",".join(statuses))
        self.status.setCurrentIndex(max(index, 0))

    def apply_filter(self, *_args) -> None:
        self._timer.stop()
        self.model.set_query(self.query())
        self._update()

    def refresh(self) -> None:
        self.model.refresh()
        self._update()

    def _update(self) -> None:
        shown = self.model.rowCount()
        self.count.setText("No one matches." if shown == 0 else
                           f"{shown} {'person' if shown == 1 else 'people'}")
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        chosen = self.selected_person_id() is not None
        for button in (self.signed_button, self.start_button, self.paper_button,
                       self.form_button):
            button.setEnabled(chosen)

    def selected_person_id(self) -> int | None:
        if not self.table.selectionModel().hasSelection():
            return None
        row = self.model.row_at(self.table.currentIndex().row())
        return row.person_id if row else None

    def select_person(self, person_id: int) -> None:
        for number, row in enumerate(self.model.rows):
            if row.person_id == person_id:
                self.table.selectRow(number)
                return

    # --- what they signed, the wizard and paper forms -----------------------------------

    def show_signed(self) -> None:
        """What the chosen person signed (never starts an acknowledgement)."""
        row = self.model.row_at(self.table.currentIndex().row()) \
            if self.table.selectionModel().hasSelection() else None
        if row is None or self.signed_dialog is not None:
            return
        from avenue_desk.ui.dialogs.conduct_signed import SignedRecordDialog

        dialog = SignedRecordDialog(self._services, row, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.start_requested.connect(self.start_for)
        dialog.finished.connect(self._signed_dialog_closed)
        self.signed_dialog = dialog
        dialog.open()

    def _signed_dialog_closed(self, *_args) -> None:
        self.signed_dialog = None

    def start_selected(self) -> None:
        self.start_for(self.selected_person_id())

    def start_for(self, person_id: int | None) -> None:
        if person_id is None or self.wizard is not None:
            return
        from avenue_desk.ui.dialogs.conduct_wizard import ConductWizard

        try:
            wizard = ConductWizard(self._services, person_id, self.window())
        except ServiceError as error:
            QMessageBox.warning(self, "Cannot start", str(error))
            return
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.signed.connect(self._signed)
        wizard.finished.connect(self._wizard_closed)
        self.wizard = wizard
        wizard.open()

    def _signed(self, record) -> None:
        self.message.setText(f"{record.person_name} signed the code of conduct.")
        self.changed.emit()

    def _wizard_closed(self, *_args) -> None:
        self.wizard = None
        self.table.clearSelection()  # the next person starts from a clean screen
        self.refresh()
        self.changed.emit()

    def record_paper(self) -> None:
        person_id = self.selected_person_id()
        if person_id is None:
            return
        from avenue_desk.ui.dialogs.paper_form_dialog import PaperFormDialog

        dialog = PaperFormDialog(self._services, person_id, self)
        dialog.recorded.connect(self._paper_recorded)
        self._run(dialog)

    def _paper_recorded(self, record) -> None:
        self.message.setText(f"Recorded the paper form signed by {record.person_name}.")
        self.refresh()
        self.changed.emit()

    # --- documents -----------------------------------------------------------------------

    def print_form(self, person_id: int | None) -> None:
        conduct = self._services.conduct_documents
        if person_id is None:
            title, name = "Code of conduct form (blank)", "code-of-conduct-form.pdf"
        else:
            person = self._services.conduct.person(person_id)
            title = f"Code of conduct form for {person.full_name}"
            name = f"code-of-conduct-form-{person_id}.pdf"
        document = f"Code of conduct form (person {person_id})" if person_id else \
            "Blank code of conduct form"
        self._document(title, name, lambda: conduct.form_pdf(person_id),
                       lambda action, file_name: conduct.record_output(
                           action, file_name, document=document))

    def print_register(self) -> None:
        query = self.query()
        today = self._services.clock.today()
        documents = self._services.conduct_documents
        self._document("Code of conduct register", f"code-of-conduct-register-{today}.pdf",
                       lambda: documents.register_pdf(query), documents.record_output)

    def _document(self, title: str, file_name: str, make, on_output=None) -> None:
        from avenue_desk.ui.dialogs.document_dialog import DocumentDialog

        dialog = DocumentDialog(self._services, title, file_name, self.window(), make=make,
                                on_output=on_output)
        dialog.refresh()
        self._run(dialog)

    def export_csv(self) -> BackgroundOp | None:
        """Asks where, then writes the register in the background; a problem is shown in a
        message box titled “Not exported”. The op's result is how many people were written."""
        today = self._services.clock.today()
        path = export_place.choose_file(self, "Export the register",
                                        f"code-of-conduct-register-{today}.csv",
                                        "CSV files (*.csv)")
        if not path:
            return None
        if not path.lower().endswith(".csv"):
            path += ".csv"
        documents, query = self._services.conduct_documents, self.query()
        return BackgroundOp(self, lambda _progress: documents.write_register(path, query),
                            title="Export the register", progress="Exporting the register…",
                            success=lambda count: self._exported(count, path),
                            failure=lambda error: show_problem(
                                self, "Not exported", problem_text(error, "Could not write")),
                            disable=[self.csv_button]).start()

    def _exported(self, count: int, path: str) -> None:
        self.message.setText(f"Exported {count} {'person' if count == 1 else 'people'} to "
                             f"{path}.")

    def _run(self, dialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.finished.connect(self._forget_dialog)
        dialog.open()

    def _forget_dialog(self, *_args) -> None:
        self.dialog = None

    # --- renewal period ------------------------------------------------------------------

    def _load_periods(self) -> None:
        periods = self._services.conduct_register.periods()
        self.months.setValue(periods.renewal_months)
        self.days.setValue(periods.due_soon_days)

    def apply_periods(self) -> None:
        try:
            saved = self._services.conduct_register.set_periods(
                ConductPeriods(self.months.value(), self.days.value()))
        except ServiceError as error:
            QMessageBox.warning(self, "Not changed", str(error))
            return
        self.message.setText(f"Everyone now renews every {saved.renewal_months} months; "
                             f"“due soon” starts {saved.due_soon_days} days before.")
        self.refresh()
        self.changed.emit()
