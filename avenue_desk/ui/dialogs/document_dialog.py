"""A document shown before it leaves the building: preview, Save…, Print…, Open in the viewer.

The base for the letter dialog (which adds its fields on the left) and the window for the
governors' report and the guidance sheet. Subclasses give ``pdf_work()`` and, when saving
or printing should be recorded somewhere, ``after_output()``.

Making the PDF and drawing its pages, writing a copy and printing run in the background
(``ui.operations``): the window stays responsive, and the buttons wait until there is a
PDF to act on. What is recorded after a save or print is recorded on the GUI thread.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.letters import write_pdf
from avenue_desk.ui import window_state
from avenue_desk.ui.dialogs import export_place
from avenue_desk.ui.operations import BackgroundOp, problem_text
from avenue_desk.ui.style import set_role
from avenue_desk.ui.widgets import pdf_preview
from avenue_desk.ui.widgets.pdf_preview import PdfPreview, draw_pages

MAKING = "Making the document…"

def choose_save_path(parent: QWidget, suggested: Path) -> str:
    """The system's Save dialog, with the warning for a removable drive; "" when
    cancelled. (Tests replace this.)"""
    return export_place.choose_file(parent, "Save as PDF", suggested, "PDF documents (*.pdf)")


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
        self.making: BackgroundOp | None = None  # the PDF being made (the newest wins)
        self.output: BackgroundOp | None = None  # a copy being saved, printed or opened
        self._serial = 0
        self.setWindowTitle(title)
        self.heading = QLabel(f"<b>{html.escape(title)}</b>")
        set_role(self.heading, "title")
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

    def pdf_work(self):
        """The work that makes the PDF on a worker: built here, on the GUI thread, from plain
        values (a subclass reads its fields here, never inside the work)."""
        if self._make is None:
            raise NotImplementedError
        return self._make

    def shown(self, detail) -> None:
        """A subclass's hook: what its work returned besides the PDF, on the GUI thread."""

    def not_made(self, error: BaseException) -> None:
        """Why there is no PDF, in the preview (a subclass may say it elsewhere)."""
        self.preview.show_message(problem_text(error))

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

    def refresh(self) -> BackgroundOp:
        """Makes the PDF again and shows it, in the background; the reason is shown instead
        if it cannot be made. Returns the op."""
        make = self.pdf_work()
        return self.make_in_background(lambda: (make(), None))

    def make_in_background(self, work) -> BackgroundOp:
        """Runs ``work`` (returning the PDF or None, and a detail for ``shown``) on a worker,
        where the preview's pages are drawn too. Save, Print and Open wait for it."""
        self._serial += 1
        serial, dpi = self._serial, self.preview.fitting_dpi()
        self.pdf = None
        self._enable(False)  # nothing stale may leave while the new one is made
        if not self.preview.pages:
            self.preview.show_message(MAKING)
        if self.making is not None:
            self.making.drop()  # overtaken: its PDF is for values no longer on the screen

        def make():
            pdf, detail = work()
            return (draw_pages(pdf, dpi) if pdf is not None else None), detail

        self.making = BackgroundOp(self, make, title="Making the document",
                                   success=lambda made: self._made(serial, made),
                                   failure=lambda error: self._not_made(serial, error))
        return self.making.start()

    def _made(self, serial: int, made) -> None:
        if serial != self._serial:
            return
        self.making = None
        pages, detail = made
        self.pdf = pages.pdf if pages is not None else None
        self.shown(detail)
        if pages is not None:
            count = self.preview.show_pages(pages)
            self.heading.setToolTip(f"{count} page(s)")
        self._enable(self.ready_to_send())

    def _not_made(self, serial: int, error: BaseException) -> None:
        if serial != self._serial:
            return
        self.making = None
        self.pdf = None
        self.not_made(error)
        self._enable(False)

    def ready_to_send(self) -> bool:
        """A PDF that matches what is on the screen, and nothing already leaving."""
        return self.pdf is not None and self.making is None and self.output is None

    def _enable(self, ready: bool) -> None:
        for button in (self.save_button, self.print_button, self.open_button):
            button.setEnabled(ready)

    def show_status(self, text: str, ok: bool = True) -> None:
        set_role(self.status, "success" if ok else "error")
        self.status.setText(text)

    def _suggested_path(self) -> Path:
        # This person's last folder, on this computer (not the school's database).
        folder = window_state.last_folder(window_state.DOCUMENTS)
        if not folder:
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        return Path(folder) / self.file_name

    def _send(self, work, title: str, success, failure) -> BackgroundOp:
        """A copy leaves in the background; the buttons (Close too: what is sent must still
        be recorded) wait for it."""
        self.output = BackgroundOp(
            self, work, title=title, success=success, failure=failure,
            disable=[self.save_button, self.print_button, self.open_button, self.close_button])
        self.output.ended.connect(self._sent)
        return self.output.start()

    def _sent(self) -> None:
        self.output = None
        self._enable(self.ready_to_send())  # the PDF may have been remade meanwhile

    def save(self) -> BackgroundOp | None:
        """Asks where, then writes the PDF there in the background; the op's result is the
        path it was saved to. None when there is nothing to save or the Save was cancelled."""
        if self.pdf is None or self.output is not None:
            return None
        chosen = choose_save_path(self, self._suggested_path())
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        pdf = self.pdf
        return self._send(lambda: write_pdf(path, pdf), "Save as PDF", self._saved,
                          lambda error: self.show_status(
                              f"Could not save {path.name}: {_reason(error)}.", False))

    def _saved(self, path: Path) -> None:
        window_state.remember_folder(path.parent, window_state.DOCUMENTS)
        self._output_done("saved", path.name, f"Saved {path}.")

    def print_document(self) -> BackgroundOp | None:
        """Asks for the printer, then draws the pages on it in the background; None when
        there is nothing to print or the print dialog was cancelled."""
        if self.pdf is None or self.output is not None:
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.file_name.removesuffix(".pdf"))
        if not pdf_preview.ask_printer(self, printer):
            return None
        pdf = self.pdf
        return self._send(lambda: pdf_preview.print_pdf(pdf, printer), "Print",
                          self._printed, lambda error: self.show_status(
                              f"Not printed: {_reason(error)}", False))

    def _printed(self, pages: int) -> None:
        self._output_done("printed", self.file_name,
                          f"Sent {pages} page{'s' * (pages != 1)} to the printer.")

    def open_in_viewer(self) -> BackgroundOp | None:
        """Writes a copy in the background and opens it; the op's result is its path."""
        if self.pdf is None or self.output is not None:
            return None
        target, pdf = self._services.paths.data_dir / "viewing" / self.file_name, self.pdf
        return self._send(lambda: write_pdf(target, pdf), "Open in PDF viewer",
                          self._open_copy, lambda error: self.show_status(
                              f"Could not make a copy to open: {_reason(error)}", False))

    def _open_copy(self, path: Path) -> None:
        try:
            self.after_viewer_copy()
        except ServiceError as error:
            self.show_status(f"The copy was not opened: {error}", False)
            return
        if not open_url(QUrl.fromLocalFile(str(path))):
            self.show_status(f"No PDF viewer opened it. The copy is at {path}.", False)
            return
        text = "Opened a copy in your PDF viewer."
        if self.records:
            text += " Nothing was recorded: Save or Print here to record the letter."
        self.show_status(text)

    def reject(self) -> None:
        if self.output is not None:
            return  # a copy is being sent: it is recorded before the window closes
        super().reject()

    def _output_done(self, action: str, file_name: str, done: str) -> None:
        try:
            note = self.after_output(action, file_name)
        except ServiceError as error:
            self.show_status(f"{done} But it could not be recorded: {error}", False)
            return
        self.show_status(f"{done} {note}".strip())
        if note:
            self.recorded.emit(note)


def _reason(error: BaseException) -> str:
    """Why a copy could not be written or printed, in the words used before."""
    if isinstance(error, OSError):
        return str(error.strerror or error)
    if isinstance(error, (ServiceError, pdf_preview.PreviewUnavailable)):
        return str(error)
    return problem_text(error)
