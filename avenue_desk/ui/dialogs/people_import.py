"""People › Import from file…: pupils and their contacts from the MIS, checked before saving.

The office chooses a CSV file; it is checked in the background (``BackgroundOp``, with a
progress window for a big file) and the dialog shows what importing would do: who would be
added, who would change and how, and which rows cannot be imported and why, with nothing
saved. Beside the lists, how the file was read: its encoding, the MIS layout recognised,
and every column with what it is read as; and, as a tab of its own, the pupils and links on
record that the file no longer has (listed: importing removes no one). A file whose columns
could mean two things (Arbor's pupil "Legal First Name" beside the guardian's "First Name")
is not read by a guess: the dialog asks which column is which (``ColumnQuestion``) and checks
the file again with the answers, which the import then saves for this school. "Import N
people" then imports exactly that (``TransferService.import_people`` with the preview); if
the file or the records changed meanwhile nothing is saved, the file is
checked again and the dialog says so. Cancel saves nothing.

Each question to the person is a small function (``choose_file``, ``choose_save``), so
tests answer it with monkeypatch.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.core.import_preview import ImportPreview, PreviewOutdated
from avenue_desk.services.people import AmbiguousColumns
from avenue_desk.ui.dialogs import export_place
from avenue_desk.ui.dialogs.people_import_columns import (
    ColumnQuestion,
    ColumnsTable,
    line_list,
    shape_table,
)
from avenue_desk.ui.models.import_preview import (
    ADD_COLUMNS,
    REFUSED_COLUMNS,
    UPDATE_COLUMNS,
    PreviewTableModel,
)
from avenue_desk.ui.operations import BackgroundOp, problem_text, running_operations
from avenue_desk.ui.style import set_role
from avenue_desk.ui.window_state import last_folder, remember_folder

IMPORTS = "imports"  # window_state's purpose: the folder import files were last chosen in
TAB_ADD, TAB_UPDATE, TAB_REFUSED, TAB_GONE = range(4)
# The warning that lists what the file no longer has: shown as its own tab instead.
GONE_WARNING = "In the records but not in this file"
NOT_SAVED = ("Nothing has been saved yet. Importing adds and updates the people listed; the "
             "refused rows are left out.")


def choose_file(parent: QWidget, folder: str) -> str:
    path, _ = QFileDialog.getOpenFileName(
        parent, "Choose the CSV file exported from your MIS", folder,
        "CSV files (*.csv *.txt);;All files (*)")
    return path


def choose_save(parent: QWidget, title: str, suggested: str) -> str:
    return export_place.choose_file(parent, title, suggested, "CSV files (*.csv)")


def show_done(parent: QWidget, text: str) -> QMessageBox:
    """What was imported, in a box that does not hold up the window; returned for tests."""
    box = QMessageBox(QMessageBox.Icon.Information, "People imported", text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextFormat(Qt.TextFormat.PlainText)  # names and file names are not markup
    box.open()
    return box


def done_text(preview: ImportPreview, result) -> str:
    added = f"{result.created:,} {'person' if result.created == 1 else 'people'} added"
    text = f"{added} and {result.updated:,} updated from “{preview.file_name}”."
    if preview.unchanged:
        text += f" {preview.unchanged:,} were already up to date."
    if preview.refused:
        rows = len(preview.refused)
        text += (f" {rows:,} {'row was' if rows == 1 else 'rows were'} not imported, as the "
                 f"check showed: put {'it' if rows == 1 else 'them'} right in the MIS and "
                 "import the file again.")
    return text


def _label(role: str, accessible: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # file names and names are not markup
    label.setAccessibleName(accessible)
    set_role(label, role)
    label.hide()
    return label


def _table(model: PreviewTableModel, name: str, widths: tuple[int, ...]) -> QTableView:
    """``widths``: each column's but the last, which takes the rest."""
    table = QTableView()
    table.setModel(model)
    shape_table(table, name, widths)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
    return table


class PeopleImportDialog(QDialog):
    """``imported(text)`` is emitted once people were imported, with what was done."""

    imported = Signal(str)

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self._transfer = services.transfer
        self.preview: ImportPreview | None = None
        # The work running is never kept here (``running_operations`` finds it): an op holds
        # this dialog's methods, and a dialog holding the op would make a circle that the
        # garbage collector could undo on a worker thread, where deleting a widget crashes.
        self.importing = False
        self.result = None
        self.path = ""  # the file being checked
        self.mapping: tuple[tuple[str, str], ...] = ()  # the office's answers for that file
        self.setWindowTitle("Import people from a file")
        self.setMinimumSize(900, 560)
        layout = QVBoxLayout(self)

        intro = QLabel("Choose the pupils-and-contacts CSV file exported from your MIS (SIMS, "
                       "Arbor, Bromcom…). It is checked first: you see who would be added, "
                       "who would change and which rows cannot be imported, and nothing is "
                       "saved until you press Import.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        formats = QHBoxLayout()
        where = QLabel("The column names understood are listed in the user guide, under "
                       "“Importing people from your MIS”.")
        where.setWordWrap(True)
        set_role(where, "muted")
        formats.addWidget(where, 1)
        self.template_button = QPushButton("Save a template CSV…")
        self.template_button.setAccessibleName("Save a template CSV file")
        self.template_button.setToolTip("An empty file with column names the import "
                                        "understands, to fill in or compare with")
        self.template_button.clicked.connect(self.save_template)
        formats.addWidget(self.template_button)
        layout.addLayout(formats)

        chooser = QHBoxLayout()
        self.file_label = QLabel("No file chosen yet.")
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.file_label.setAccessibleName("File chosen")
        self.file_label.setWordWrap(True)
        chooser.addWidget(self.file_label, 1)
        self.choose_button = QPushButton("Choose a CSV file…")
        self.choose_button.setAccessibleName("Choose a CSV file")
        self.choose_button.clicked.connect(self.choose)
        chooser.addWidget(self.choose_button)
        layout.addLayout(chooser)

        self.notice_label = _label("notice", "Why the file was checked again")
        self.problem_label = _label("error", "Problem")
        self.warning_label = _label("warning", "Warnings")
        self.saved_label = _label("success", "Saved")
        self.counts_label = _label("lead", "What importing would do")
        self.read_label = _label(None, "How the file was read")
        self.not_saved_label = _label("muted", "Nothing saved yet")
        self.not_saved_label.setText(NOT_SAVED)
        for label in (self.notice_label, self.problem_label, self.read_label,
                      self.warning_label, self.counts_label, self.not_saved_label):
            layout.addWidget(label)
        self.question = ColumnQuestion()
        self.question.answered.connect(self._answered)
        self.question.hide()
        layout.addWidget(self.question)

        self.models = (PreviewTableModel(ADD_COLUMNS, self),
                       PreviewTableModel(UPDATE_COLUMNS, self),
                       PreviewTableModel(REFUSED_COLUMNS, self))
        self.tabs = QTabWidget()
        self.tables = (_table(self.models[TAB_ADD], "People to add", (60, 260, 180)),
                       _table(self.models[TAB_UPDATE], "People to update", (60, 260, 180)),
                       _table(self.models[TAB_REFUSED], "Rows refused", (60, 520)))
        for table in self.tables:
            self.tabs.addTab(table, "")
        # A re-import is a sync: who the records have and this file does not, listed (the
        # import never removes anyone).
        self.gone_list = line_list("Pupils and links not in this file")
        self.tabs.addTab(self.gone_list, "")
        self._title_tabs()
        self.columns_table = ColumnsTable()
        self.body = QSplitter(Qt.Orientation.Horizontal)
        self.body.setChildrenCollapsible(False)
        self.body.addWidget(self.columns_table)
        self.body.addWidget(self.tabs)
        self.body.setStretchFactor(0, 2)  # the columns take two fifths of any width
        self.body.setStretchFactor(1, 3)
        self.body.setSizes([360, 540])
        self.body.hide()
        layout.addWidget(self.body, 1)
        self.blank = QWidget()  # holds the space while there are no lists to show
        layout.addWidget(self.blank, 1)
        layout.addWidget(self.saved_label)

        buttons = QHBoxLayout()
        self.report_button = QPushButton("Save refused rows as CSV…")
        self.report_button.setAccessibleName("Save the refused rows as a CSV file")
        self.report_button.setToolTip("The rows that cannot be imported, with why, for the "
                                      "office to put right in the MIS")
        self.report_button.clicked.connect(self.save_refused)
        self.report_button.setEnabled(False)
        buttons.addWidget(self.report_button)
        buttons.addStretch(1)
        self.import_button = QPushButton("Import")
        set_role(self.import_button, "primary")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        buttons.addWidget(self.import_button)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Close without importing anything")
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        for button in (self.template_button, self.choose_button, self.report_button,
                       self.import_button, self.cancel_button):
            button.setAutoDefault(False)  # Enter never imports by accident

    # --- checking a file -----------------------------------------------------------------

    def choose(self) -> None:
        folder = last_folder(IMPORTS) or str(Path.home())
        path = choose_file(self, folder)
        if path:
            remember_folder(Path(path).parent, IMPORTS)
            self.check(path)

    def check(self, path: str | Path, mapping: tuple[tuple[str, str], ...] = ()) -> BackgroundOp:
        """Reads ``path`` in the background and shows what importing it would do;
        ``mapping``: the office's answers about its columns (none: any saved for them)."""
        path = str(path)
        self.path, self.mapping = path, tuple(mapping)
        self._show(None)
        self.file_label.setText(path)
        check = self._transfer.preview_people
        return BackgroundOp(
            self, lambda progress: check(path, progress, mapping=mapping),
            title="Checking the file",
            progress=f"Checking “{Path(path).name}”…", cancellable=True,
            success=self._show, failure=self._file_problem,
            cancelled=lambda: self._say_problem("The check was cancelled: choose the file "
                                                "again to see what importing it would do."),
            disable=[self.choose_button, self.template_button,
                     self.question.check_button]).start()

    def _show(self, preview: ImportPreview | None) -> None:
        self.preview = preview
        for label in (self.problem_label, self.saved_label):
            label.hide()
        self.question.hide()
        entries = (preview.to_add, preview.to_update, preview.refused) if preview else (
            (), (), ())
        for model, rows in zip(self.models, entries, strict=True):
            model.set_rows(rows)
        self._set_text(self.notice_label, preview.notice if preview else "")
        self._set_text(self.read_label, f"Read as {preview.encoding}. {preview.layout}"
                       if preview else "")
        self.columns_table.show_lines(preview.understood if preview else ())
        # One line per kind of problem first (issue 15), then the warnings (encoding, columns
        # not used, doubtful matches, what the file no longer has).
        said = [*preview.problems, *(w for w in preview.warnings
                                     if not w.startswith(GONE_WARNING))] if preview else []
        gone = preview.gone if preview else ()
        self.gone_list.clear()
        self.gone_list.addItems(list(gone))
        self._title_tabs()
        if gone:
            what = "pupil or link is" if len(gone) == 1 else "pupils and links are"
            said.append(f"{len(gone):,} {what} in the records but not in this file: see "
                        "“Not in this file”. Importing removes no one.")
        self._set_text(self.warning_label, "\n".join(line for line in said if line))
        counts = preview.counts if preview else ""
        if preview and preview.unchanged:
            counts += f" · {preview.unchanged:,} already up to date"
        self._set_text(self.counts_label, counts)
        self.not_saved_label.setVisible(preview is not None)
        self.body.setVisible(preview is not None)
        self.blank.setVisible(preview is None)
        if preview is not None:
            first = next((tab for tab, rows in enumerate(entries) if rows), TAB_ADD)
            self.tabs.setCurrentIndex(first)
        people = preview.importable if preview else 0
        self.import_button.setText(f"Import {people:,} {'person' if people == 1 else 'people'}"
                                   if people else "Nothing to import")
        self.import_button.setEnabled(people > 0)
        self.report_button.setEnabled(bool(preview and preview.refused))

    def _title_tabs(self) -> None:
        titles = ("To add", "To update", "Refused")
        for tab, (title, model) in enumerate(zip(titles, self.models, strict=True)):
            self.tabs.setTabText(tab, f"{title} ({model.rowCount():,})")
        self.tabs.setTabText(TAB_GONE, f"Not in this file ({self.gone_list.count():,})")

    def _file_problem(self, error: BaseException) -> None:
        self._show(None)
        if isinstance(error, AmbiguousColumns):
            self._ask(error)
            return
        self._say_problem(problem_text(error, "The file could not be read"))

    def _ask(self, error: AmbiguousColumns) -> None:
        """Which column is which: asked, never guessed; the answers check the file again."""
        self.question.ask(error, self.mapping)
        self.question.show()
        self.blank.hide()

    def _answered(self, mapping: tuple[tuple[str, str], ...]) -> None:
        if self.path:
            self.check(self.path, mapping)

    def _say_problem(self, text: str) -> None:
        self._set_text(self.problem_label, text)

    @staticmethod
    def _set_text(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))

    # --- importing -----------------------------------------------------------------------

    def start_import(self) -> BackgroundOp | None:
        preview = self.preview
        if preview is None or not preview.importable or self.importing:
            return None
        self.importing = True
        self.saved_label.hide()
        importing = self._transfer.import_people
        return BackgroundOp(
            self, lambda progress: importing(preview.path, progress, preview=preview),
            title="Importing people", cancellable=True,
            progress=f"Importing {preview.importable:,} people from “{preview.file_name}”…",
            success=lambda result: self._imported(preview, result),
            failure=self._import_failed, cancelled=self._import_cancelled,
            disable=[self.import_button, self.choose_button, self.cancel_button,
                     self.report_button, self.template_button]).start()

    def _imported(self, preview: ImportPreview, result) -> None:
        self.importing = False
        self.result = result
        text = done_text(preview, result)
        self.accept()
        self.imported.emit(text)

    def _import_failed(self, error: BaseException) -> None:
        self.importing = False
        if isinstance(error, PreviewOutdated):
            self._show(error.preview)  # its notice says why it was checked again
            return
        self._say_problem(problem_text(error, "The people could not be imported")
                          + ("" if isinstance(error, ServiceError) else
                             " Nothing was imported."))

    def _import_cancelled(self) -> None:
        self.importing = False
        self._say_problem("The import was cancelled: nothing was imported.")

    def reject(self) -> None:  # Cancel, Escape, the window's close button
        if self.importing:
            return  # all or nothing: the progress window's Cancel stops it safely
        for operation in running_operations(self):
            operation.drop()  # a check or a save: its outcome is no longer wanted
        super().reject()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self.importing:
            event.ignore()
            return
        super().closeEvent(event)

    # --- the two files it offers -----------------------------------------------------------

    def save_refused(self) -> BackgroundOp | None:
        preview = self.preview
        if preview is None or not preview.refused:
            return None
        suggested = Path(last_folder(IMPORTS) or Path(preview.path).parent) / (
            f"{Path(preview.file_name).stem} - rows not imported.csv")
        path = choose_save(self, "Save the rows that cannot be imported", str(suggested))
        if not path:
            return None
        remember_folder(Path(path).parent, IMPORTS)
        save = self._transfer.save_refused_rows
        return self._save(lambda: save(preview, path), path, "Save the refused rows",
                          self.report_button)

    def save_template(self) -> BackgroundOp | None:
        suggested = Path(last_folder(IMPORTS) or Path.home()) / "people import template.csv"
        path = choose_save(self, "Save a template for importing people", str(suggested))
        if not path:
            return None
        remember_folder(Path(path).parent, IMPORTS)
        save = self._transfer.save_people_template
        return self._save(lambda: save(path), path, "Save a template", self.template_button)

    def _save(self, work, path: str, title: str, button: QPushButton) -> BackgroundOp:
        def saved(_result) -> None:
            self._set_text(self.saved_label, f"Saved {path}")

        # Failure: the op's own message box (a folder that cannot be written, a file open
        # in Excel), in the service's words.
        return BackgroundOp(self, work, title=title, success=saved, disable=[button]).start()
