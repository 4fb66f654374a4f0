"""The PDF shown inside the app, page by page, and printed through the system's printer.

QtPdf (QPdfDocument/QPdfView) is not part of PySide6-Essentials, and the PySide6-Pdf wheel
exists only for Qt 6.12, which this project cannot use on Python 3.11 (see pyproject.toml).
So pages are rasterised with pypdfium2 (PDFium, the engine in Chrome; a 4 MB wheel that
works offline on Windows, macOS and Linux) and shown as images; printing draws the same
pages at the printer's resolution. If pypdfium2 is missing the preview says so plainly and
Save and Open in the viewer still work.

Drawing pages is slow work: ``page_images`` and ``print_pdf`` run on a worker thread (a
QImage and a QPrinter may be painted there; a QPixmap or a widget may not), and the preview
turns the images into pixmaps on the GUI thread (``show_pages``).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PySide6.QtCore import QMarginsF, QRectF, Qt, QTimer
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QVBoxLayout, QWidget

from avenue_desk.ui.operations import BackgroundOp, problem_text
from avenue_desk.ui.style import set_role

PREVIEW_DPI = 110  # the most; less when the window is narrow
MIN_DPI = 50
A4_WIDTH_INCHES = 210 / 25.4
PRINT_DPI_LIMIT = 300
# PDFium is not thread-safe: one document at a time, whichever worker draws it.
_PDFIUM_LOCK = threading.Lock()


class PreviewUnavailable(Exception):
    pass


def _pdfium():
    try:
        import pypdfium2
    except ImportError as error:  # pragma: no cover - the package is a dependency
        raise PreviewUnavailable(
            "The preview needs the pypdfium2 package, which is not installed. Save the PDF "
            "or open it in your PDF viewer instead."
        ) from error
    return pypdfium2


def page_images(pdf: bytes, dpi: float = PREVIEW_DPI, limit: int | None = None) -> list[QImage]:
    """Each page of ``pdf`` (the first ``limit`` of them) as an image at ``dpi``. Safe on a
    worker thread."""
    with _PDFIUM_LOCK:
        return _page_images(pdf, dpi, limit)


def _page_images(pdf: bytes, dpi: float, limit: int | None) -> list[QImage]:
    pdfium = _pdfium()
    document = pdfium.PdfDocument(pdf)
    try:
        images = []
        for index in range(min(len(document), limit or len(document))):
            page = document[index]
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
            fmt = (QImage.Format.Format_RGB888 if bitmap.n_channels == 3
                   else QImage.Format.Format_RGBA8888)
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, fmt)
            images.append(image.copy())  # detach from PDFium's buffer before it is freed
            page.close()
        return images
    finally:
        document.close()


def ask_printer(parent: QWidget, printer: QPrinter) -> bool:
    """The system print dialog; True when the user chose Print. (Tests replace this.)"""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print")
    return dialog.exec() == QDialog.DialogCode.Accepted


@dataclass(frozen=True)
class Pages:
    """A PDF's pages drawn for the preview (on a worker), ready for ``show_pages``."""

    pdf: bytes
    limit: int | None
    dpi: float
    images: tuple[QImage, ...] = ()
    problem: str = ""  # why there are no images (the preview cannot be drawn here)


def draw_pages(pdf: bytes, dpi: float, limit: int | None = None) -> Pages:
    """The preview's pages, drawn off the GUI thread."""
    try:
        return Pages(pdf, limit, dpi, tuple(page_images(pdf, dpi, limit)))
    except PreviewUnavailable as error:
        return Pages(pdf, limit, dpi, problem=str(error))


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Draws every page on ``printer`` (A4, full page); returns the number of pages. Run on
    a worker: Qt allows painting on a QPrinter outside the GUI thread."""
    printer.setFullPage(True)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                      QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    dpi = min(printer.resolution(), PRINT_DPI_LIMIT)
    images = page_images(pdf, dpi)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("The printer could not be started.")
    try:
        for number, image in enumerate(images):
            if number:
                printer.newPage()
            target = printer.pageLayout().fullRectPixels(printer.resolution())
            painter.drawImage(QRectF(target), image)
    finally:
        painter.end()
    return len(images)


class PdfPreview(QScrollArea):
    """The document's pages one under another, like a PDF viewer's continuous view."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName("Preview of the document")
        set_role(self, "preview")
        self._holder = QWidget()
        set_role(self._holder, "preview-desk")
        self._layout = QVBoxLayout(self._holder)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self._layout.setSpacing(12)
        self.setWidget(self._holder)
        self.pages: list[QLabel] = []
        self._shown: tuple[bytes, int | None, float] | None = None  # pdf, limit, dpi
        self._drawing = None  # the BackgroundOp drawing pages again at a new width
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(150)
        self._resize_timer.timeout.connect(self._fit_again)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.message, "preview-message")
        self._layout.addWidget(self.message)

    def show_pdf(self, pdf: bytes, limit: int | None = None):
        """Draws the pages (the first ``limit``) in the background, then shows them; returns
        the drawing's BackgroundOp. (A caller that drew them already uses ``show_pages``.)"""
        self._stop_drawing()  # a newer drawing replaces it
        dpi = self.fitting_dpi()
        self._drawing = BackgroundOp(self, lambda: draw_pages(pdf, dpi, limit),
                                     title="Drawing the preview", success=self.show_pages,
                                     failure=self._not_drawn)
        return self._drawing.start()

    def _stop_drawing(self) -> None:
        if self._drawing is not None:
            self._drawing.drop()
            self._drawing = None

    def _not_drawn(self, error) -> None:
        self.show_message(problem_text(error))

    def show_pages(self, pages: Pages) -> int:
        """Shows pages drawn by ``draw_pages``; returns how many are shown."""
        self._stop_drawing()  # done, or overtaken by these pages
        if pages.problem:
            self.show_message(pages.problem)
            return 0
        images = pages.images
        self._clear()
        self._shown = (pages.pdf, pages.limit, pages.dpi)
        self.message.hide()
        for number, image in enumerate(images, 1):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            set_role(label, "preview-page")
            label.setAccessibleName(f"Page {number} of {len(images)}")
            self._layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.pages.append(label)
        return len(images)

    def fitting_dpi(self) -> float:
        """A resolution at which an A4 page fits the width: no sideways scrolling."""
        room = self.viewport().width() - 2 * self._layout.contentsMargins().left() - 24
        return max(MIN_DPI, min(PREVIEW_DPI, room / A4_WIDTH_INCHES))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self._shown is not None:
            self._resize_timer.start()

    def _fit_again(self) -> None:
        """Pages drawn again to fill the new width (only when it changed noticeably)."""
        if self._shown is None:
            return
        pdf, limit, dpi = self._shown
        if abs(self.fitting_dpi() - dpi) > dpi * 0.08:
            self.show_pdf(pdf, limit)

    def show_message(self, text: str) -> None:
        """No pages, and instead a sentence saying why (e.g. what to put right first)."""
        self._stop_drawing()
        self._shown = None
        self._clear()
        self.message.setText(text)
        self.message.show()

    def _clear(self) -> None:
        for label in self.pages:
            label.hide()
            label.deleteLater()
        self.pages = []
