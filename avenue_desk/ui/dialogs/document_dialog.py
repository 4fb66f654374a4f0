"""A document shown before it leaves the building: preview, Save…, Print…, Open in the viewer.

The base for the letter dialog (which adds its fields on the left) and the window for the
governors' report and the guidance sheet. Subclasses give ``make_pdf()`` and, when saving
or printing should be recorded somewhere, ``after_output()``.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.letters.letters import write_pdf
from avenue_desk.ui.widgets import pdf_preview
from avenue_desk.ui.widgets.pdf_preview import PdfPreview

FOLDER_KEY = "letters.save_folder"
OK_STYLE = "color: #1e6b2f; font-weight: 600;"
ERROR_STYLE = "color: #b00020; font-weight: 600;"


def choose_save_path(parent: QWidget, suggested: Path) -> str:
    """The system's Save dialog; "" when cancelled. (Tests replace this.)"""
    path, _filter = QFileDialog.getSaveFileName(parent, "Save as PDF", str(suggested),
                                                "PDF documents (*.pdf)")
    return path


def open_url(url: QUrl) -> bool:
    return QDesktopServices.openUrl(url)


class DocumentDialog(QDialog):
    """Emits ``recorded(message)`` when saving or printing recorded something."""

    recorded = Signal(str)
    records = False  # saving or printing records something (the letters do)

    def __init__(self, services, title: str, file_name: str, parent: QWidget | None = None,
                 make=None, on_output=None):
        super().__init__(parent)
        self._services = services
        self._make = make
        self._on_output = on_output  # (action, file name): for the audit trail
        self.file_name = file_name
        self.pdf: bytes | None = None
        self.setWindowTitle(title)
        self.heading = QLabel(f"<b>{html.escape(title)}</b>")
        self.heading.setStyleSheet("font-size: 14pt;")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview = PdfPreview(self)
        self.side = QWidget(self)  # the letter dialog puts its fields here
        self.side.hide()
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.side)
        split.addWidget(self.preview)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        self.splitter = split

        self.save_button = QPushButton("&Save as PDF…")
        self.print_button = QPushButton("&Print…")
        self.open_button = QPushButton("&Open in PDF viewer")
        if self.records:
            self.open_button.setToolTip("Opens a copy in your usual PDF program. Printing from "
                                        "there is not recorded on the timeline: use Print… "
                                        "here.")
        self.close_button = QPushButton("Close")
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self.print_document)
        self.open_button.clicked.connect(self.open_in_viewer)
        self.close_button.clicked.connect(self.reject)
        for button in (self.save_button, self.print_button, self.open_button,
                       self.close_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in (self.save_button, self.print_button, self.open_button,
                       self.close_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen else None
        if area is None:
            self.resize(1100, 700)
            return
        self.resize(min(1240, area.width() - 60), min(860, area.height() - 60))

    # --- what subclasses give ------------------------------------------------------------

    def make_pdf(self) -> bytes:
        if self._make is None:
            raise NotImplementedError
        return self._make()

    def after_output(self, action: str, file_name: str) -> str:
        """Called once a copy was saved or printed; returns a sentence for the status line."""
        if self._on_output is not None:
            self._on_output(action, file_name)
        return ""

    def after_viewer_copy(self) -> None:
        """A copy was opened in the PDF viewer (from where it can be printed)."""
        if self._on_output is not None:
            self._on_output("saved", f"{self.file_name}, a copy opened in the PDF viewer")

    # --- behaviour ------------------------------------------------------------------------

    def refresh(self) -> bool:
        """Makes the PDF again and shows it; False (with the reason shown) if it cannot."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.pdf = self.make_pdf()
        except ServiceError as error:
            self.pdf = None
            self.preview.show_message(str(error))
        finally:
            QGuiApplication.restoreOverrideCursor()
        if self.pdf is not None:
            pages = self.preview.show_pdf(self.pdf)
            self.heading.setToolTip(f"{pages} page(s)")
        self._enable(self.pdf is not None)
        return self.pdf is not None

    def _enable(self, ready: bool) -> None:
        for button in (self.save_button, self.print_button, self.open_button):
            button.setEnabled(ready)

    def show_status(self, text: str, ok: bool = True) -> None:
        self.status.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.status.setText(text)

    def _suggested_path(self) -> Path:
        folder = self._services.settings.load().extra.get(FOLDER_KEY, "")
        if not folder or not Path(folder).is_dir():
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        return Path(folder) / self.file_name

    def save(self) -> Path | None:
        if self.pdf is None:
            return None
        chosen = choose_save_path(self, self._suggested_path())
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            write_pdf(path, self.pdf)
        except OSError as error:
            self.show_status(f"Could not save {path.name}: {error.strerror or error}.", False)
            return None
        self._services.settings.set_value(FOLDER_KEY, str(path.parent))
        self._output_done("saved", path.name, f"Saved {path}.")
        return path

    def print_document(self) -> bool:
        if self.pdf is None:
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.file_name.removesuffix(".pdf"))
        if not pdf_preview.ask_printer(self, printer):
            return False
        try:
            pages = pdf_preview.print_pdf(self.pdf, printer)
        except (OSError, pdf_preview.PreviewUnavailable) as error:
            self.show_status(f"Not printed: {error}", False)
            return False
        self._output_done("printed", self.file_name,
                          f"Sent {pages} page{'s' * (pages != 1)} to the printer.")
        return True

    def open_in_viewer(self) -> Path | None:
        if self.pdf is None:
            return None
        folder = self._services.paths.data_dir / "viewing"
        try:
            path = write_pdf(folder / self.file_name, self.pdf)
        except OSError as error:
            self.show_status(f"Could not make a copy to open: {error}", False)
            return None
        try:
            self.after_viewer_copy()
        except ServiceError as error:
            self.show_status(f"The copy was not opened: {error}", False)
            return None
        if not open_url(QUrl.fromLocalFile(str(path))):
            self.show_status(f"No PDF viewer opened it. The copy is at {path}.", False)
            return path
        text = "Opened a copy in your PDF viewer."
        if self.records:
            text += " Nothing was recorded: Save or Print here to record the letter."
        self.show_status(text)
        return path

    def _output_done(self, action: str, file_name: str, done: str) -> None:
        try:
            note = self.after_output(action, file_name)
        except ServiceError as error:
            self.show_status(f"{done} But it could not be recorded: {error}", False)
            return
        self.show_status(f"{done} {note}".strip())
        if note:
            self.recorded.emit(note)
