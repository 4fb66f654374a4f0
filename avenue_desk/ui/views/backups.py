"""Backups, opened from Settings: where they go, "Back up now", the list, and restoring.

Restoring replaces the open records, so it is not done here: once confirmed, the page asks
the services to restore at the next opening and emits ``restore_requested``; Settings then
closes the main window, and ``app.py`` restores (checking the backup first) and reopens.

Backing up and reading the list run in the background (``BackgroundOp``): the list opens
every backup's .zip file for its manifest, which on a USB stick or a network drive takes a
while, and a folder that has gone away can keep the check waiting.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from avenue_desk.policy.backup_rotation import local_time
from avenue_desk.policy.settings_registry import REPLACED_KEEP_DAYS
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.safety import BackupCancelled, read_backup_info
from avenue_desk.ui.maintenance import last_check_text
from avenue_desk.ui.operations import BackgroundOp, problem_text, wait_for_operations
from avenue_desk.ui.style import set_role

KEEP_DAYS_KEY = REPLACED_KEEP_DAYS.key
COLUMNS = ("Made", "Incidents", "People", "Actions", "Evidence files", "Size", "File")
INTRO = ("A backup holds all the records and every evidence file, in one .zip file. Avenue "
         "Desk makes one when you close it and every 30 minutes while you work, and keeps "
         "12 daily, 10 weekly and 9 monthly backups. Point the folder at a USB stick or a "
         "network drive so that a backup survives if this computer does not.")


def when(info) -> str:
    return f"{local_time(info.created_at):%d/%m/%Y %H:%M}"


def contents(counts: dict[str, int], evidence: int) -> str:
    return (f"{counts.get('incidents', 0):,} incident(s), {counts.get('people', 0):,} people, "
            f"{counts.get('actions', 0):,} action(s) and {evidence:,} evidence file(s)")


def confirmation_text(services, info) -> str:
    paths = services.paths
    now = services.backup.live_counts()
    return (
        f"Restoring replaces ALL the current records and evidence with the backup made on "
        f"{when(info)}.\n\n"
        f"Now: {contents(now, now.get('evidence', 0))}, in\n  {paths.database_file}\n  and "
        f"{paths.evidence_dir}\n\n"
        f"The backup: {contents(info.counts, info.evidence_files)}.\n\n"
        f"Anything recorded after {when(info)} will no longer be in the records. Nothing is "
        f"deleted now: the current database and evidence folder are moved to a folder named "
        f"“replaced-” and today's date and time in\n  {paths.data_dir}\nwhere they are "
        f"kept for {services.backup.keep_replaced_days()} days; Avenue Desk removes them when "
        f"it starts after that.\n\n"
        f"The backup is checked first; if it fails any check, nothing is replaced. Avenue "
        f"Desk will close this window, restore, and open again.")


def confirm_restore(parent, text: str) -> bool:
    """The last word before a restore (tests replace this)."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Restore this backup?", text, parent=parent)
    restore = box.addButton("Restore and reopen", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is restore


def choose_folder(parent, start: str) -> str:
    return QFileDialog.getExistingDirectory(parent, "Choose the backup folder", start)


def choose_backup_file(parent, start: str) -> str:
    name, _ = QFileDialog.getOpenFileName(parent, "Choose a backup to restore", start,
                                          "Avenue Desk backups (*.zip);;All files (*)")
    return name


class BackupsDialog(QDialog):
    restore_requested = Signal(str)  # the backup file, once the restore is confirmed

    def __init__(self, services, parent=None):
        super().__init__(parent)
        self._services = services
        self._backups = []
        self.task: BackgroundOp | None = None  # "Back up now", while it runs
        self.listing: BackgroundOp | None = None  # the folder's backups, while being read
        self.setWindowTitle("Backups")
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        layout.addWidget(intro)

        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel("Backup folder:"))
        self.folder = QLineEdit()
        self.folder.setReadOnly(True)
        self.folder.setAccessibleName("Backup folder")
        folder_row.addWidget(self.folder, 1)
        self.choose_button = QPushButton("&Choose folder…")
        self.default_button = QPushButton("Use the &default")
        folder_row.addWidget(self.choose_button)
        folder_row.addWidget(self.default_button)
        layout.addLayout(folder_row)
        self.folder_problem = QLabel()
        self.folder_problem.setWordWrap(True)
        set_role(self.folder_problem, "error")
        layout.addWidget(self.folder_problem)

        now_row = QHBoxLayout()
        self.backup_button = QPushButton("&Back up now")
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel")
        now_row.addWidget(self.backup_button)
        now_row.addWidget(self.progress, 1)
        now_row.addWidget(self.cancel_button)
        layout.addLayout(now_row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Backups in the folder")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(len(COLUMNS) - 1,
                                                           QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)

        # The records earlier restores replaced, and when each goes (hidden when none).
        self.kept_heading = QLabel("Kept from earlier restores")
        set_role(self.kept_heading, "subheading")
        self.kept = QListWidget()
        self.kept.setAccessibleName("Records kept from earlier restores")
        self.kept.setMaximumHeight(90)
        self.kept_note = QLabel()
        self.kept_note.setWordWrap(True)
        for widget in (self.kept_heading, self.kept, self.kept_note):
            layout.addWidget(widget)
            widget.hide()

        bottom = QHBoxLayout()
        self.restore_button = QPushButton("&Restore…")
        self.restore_file_button = QPushButton("Restore from another &file…")
        self.checked_label = QLabel()
        self.close_button = QPushButton("Close")
        bottom.addWidget(self.restore_button)
        bottom.addWidget(self.restore_file_button)
        bottom.addWidget(self.checked_label, 1)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)

        self.choose_button.clicked.connect(self.choose)
        self.default_button.clicked.connect(self.use_default)
        self.backup_button.clicked.connect(self.back_up_now)
        self.cancel_button.clicked.connect(self.cancel_backup)
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button.clicked.connect(self.restore_from_file)
        self.close_button.clicked.connect(self.reject)
        # No slot on the table's selection signals: the table emits them while it is being
        # destroyed with the dialog, and a Python slot then touches deleted widgets.
        self._set_running(False)
        self.refresh()

    # --- the folder and the list ---------------------------------------------------------------

    def refresh(self) -> None:
        """The folder at once; whether backups can be written there, the backups in it and
        the last full check, once read in the background (Restore waits for the list)."""
        backup, services = self._services.backup, self._services
        folder = backup.folder()
        self.folder.setText(str(folder))
        if self.listing is not None and self.listing.running:
            self.listing.drop()  # the list of another folder, or an older one
        self._backups = []
        self._update_buttons()

        def read():
            return backup.folder_problem(folder), backup.list_backups(folder), \
                last_check_text(services), (backup.kept_from_restores(),
                                            backup.keep_replaced_days())

        self.listing = BackgroundOp(self, read, title="Backups", success=self._show_list,
                                    failure=self._list_failed).start()

    def _list_failed(self, error: BaseException) -> None:
        self.listing = None
        self._show_status(problem_text(error, "The backup folder could not be read"), ok=False)

    def _show_list(self, found) -> None:
        problem, self._backups, checked, kept = found
        self._show_kept(*kept)
        self.listing = None
        self.folder_problem.setText(problem)
        self.folder_problem.setVisible(bool(problem))
        self.table.setRowCount(len(self._backups))
        for row, info in enumerate(self._backups):
            cells = (when(info), f"{info.count('incidents'):,}", f"{info.count('people'):,}",
                     f"{info.count('actions'):,}", f"{info.evidence_files:,}",
                     f"{info.size_bytes / 1e6:,.1f} MB", info.path.name)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 0 < column < len(cells) - 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        if self._backups:
            self.table.selectRow(0)  # the newest
        self.checked_label.setText(checked)
        self._update_buttons()

    def _show_kept(self, kept, days: int) -> None:
        self.kept.clear()
        for folder in kept:
            self.kept.addItem(f"Replaced on {folder.made:%d/%m/%Y %H:%M}, removed on or after "
                              f"{folder.removed_on:%d/%m/%Y}: {folder.path.name}")
        self.kept_note.setText(
            f"When a backup is restored, the records it replaced are kept in the data folder "
            f"for {days} days, in case they are needed; Avenue Desk removes each folder the "
            f"first time it starts after that. The Headteacher can change the number of days "
            f"with: avenue-desk settings set {KEEP_DAYS_KEY} DAYS")
        for widget in (self.kept_heading, self.kept, self.kept_note):
            widget.setVisible(bool(kept))

    def choose(self) -> None:
        chosen = choose_folder(self, self.folder.text())
        if chosen:
            self.set_folder(Path(chosen))

    def use_default(self) -> None:
        self.set_folder(None)

    def set_folder(self, folder: Path | None) -> None:
        try:
            self._services.backup.set_folder(folder)
        except ServiceError as error:
            self._show_status(str(error), ok=False)
            return
        self.status.clear()
        self.refresh()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self._backups[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(bool(self._backups) and self.task is None)

    def _show_status(self, text: str, ok: bool) -> None:
        self.status.setText(text)
        set_role(self.status, "success" if ok else "error")

    # --- backing up now ------------------------------------------------------------------------

    def back_up_now(self) -> None:
        if self.task is not None:
            return
        backup = self._services.backup

        def work(progress):
            def report(done: int, total: int) -> None:
                if progress.cancelled():
                    raise BackupCancelled()  # the backup stops at its next report
                progress.send((done, total))  # to this page's own bar

            return backup.backup(progress=report)

        self.task = BackgroundOp(self, work, title="Back up now", received=self._progressed,
                                 success=self._backed_up, failure=self._backup_failed,
                                 cancelled=lambda: self._backup_failed(self.task.error))
        self.task.ended.connect(self._task_finished)
        self._set_running(True)
        self._show_status("Backing up…", ok=True)
        self.task.start()

    def cancel_backup(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _progressed(self, done_total: tuple[int, int]) -> None:
        done, total = done_total
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _backed_up(self, info) -> None:
        self._show_status(f"Backed up {contents(info.counts, info.evidence_files)} to "
                          f"{info.path} ({info.size_bytes / 1e6:,.1f} MB).", ok=True)

    def _backup_failed(self, error) -> None:
        if isinstance(error, ServiceError):
            self._show_status(str(error), ok=isinstance(error, BackupCancelled))
        else:
            self._show_status(f"The backup failed: {error}", ok=False)

    def _task_finished(self) -> None:
        """After the outcome was shown (or dropped, the dialog closing): the list again."""
        self.task = None
        self._set_running(False)
        self.refresh()

    def _set_running(self, running: bool) -> None:
        self.backup_button.setEnabled(not running)
        self.cancel_button.setVisible(running)
        self.progress.setVisible(running)
        self.progress.setRange(0, 0)
        self.restore_file_button.setEnabled(not running)
        self._update_buttons()

    def done(self, result: int) -> None:  # closing waits for a backup in progress
        if self.task is not None:
            self.task.cancel()
            wait_for_operations(self)
        super().done(result)

    # --- restoring -----------------------------------------------------------------------------

    def restore_selected(self) -> bool:
        info = self.selected()
        if info is None:
            self._show_status("Choose a backup in the list first.", ok=False)
            return False
        return self.restore(info)

    def restore_from_file(self) -> bool:
        name = choose_backup_file(self, self.folder.text())
        if not name:
            return False
        info = read_backup_info(Path(name))
        if info is None:
            self._show_status(f"{name} is not an Avenue Desk backup, or cannot be read.",
                              ok=False)
            return False
        return self.restore(info)

    def restore(self, info) -> bool:
        if not confirm_restore(self, confirmation_text(self._services, info)):
            return False
        try:
            self._services.backup.request_restore(info.path)
        except ServiceError as error:
            self._show_status(str(error), ok=False)
            return False
        self.accept()
        self.restore_requested.emit(str(info.path))
        return True
