"""The PDF shown inside the app, page by page, and printed through the system's printer.

QtPdf (QPdfDocument/QPdfView) is not part of PySide6-Essentials, and the PySide6-Pdf wheel
exists only for Qt 6.12, which this project cannot use on Python 3.11 (see pyproject.toml).
So pages are rasterised with pypdfium2 (PDFium, the engine in Chrome; a 4 MB wheel that
works offline on Windows, macOS and Linux) and shown as images; printing draws the same
pages at the printer's resolution. If pypdfium2 is missing the preview says so plainly and
Save and Open in the viewer still work.
"""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QRectF, Qt, QTimer
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QVBoxLayout, QWidget

PREVIEW_DPI = 110  # the most; less when the window is narrow
MIN_DPI = 50
A4_WIDTH_INCHES = 210 / 25.4
PRINT_DPI_LIMIT = 300
PAGE_STYLE = "background: white; border: 1px solid #9aa5b1;"


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
    """Each page of ``pdf`` (the first ``limit`` of them) as an image at ``dpi``."""
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


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Draws every page on ``printer`` (A4, full page); returns the number of pages."""
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
        self.setStyleSheet("QScrollArea { background: #d9dee4; }")
        self._holder = QWidget()
        self._holder.setStyleSheet("background: #d9dee4;")
        self._layout = QVBoxLayout(self._holder)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self._layout.setSpacing(12)
        self.setWidget(self._holder)
        self.pages: list[QLabel] = []
        self._shown: tuple[bytes, int | None, float] | None = None  # pdf, limit, dpi
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(150)
        self._resize_timer.timeout.connect(self._fit_again)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet("color: #333333; font-size: 11pt; padding: 40px;")
        self._layout.addWidget(self.message)

    def show_pdf(self, pdf: bytes, limit: int | None = None) -> int:
        """Shows the pages (the first ``limit``); returns how many are shown."""
        dpi = self.fitting_dpi()
        try:
            images = page_images(pdf, dpi, limit)
        except PreviewUnavailable as error:
            self.show_message(str(error))
            return 0
        self._clear()
        self._shown = (pdf, limit, dpi)
        self.message.hide()
        for number, image in enumerate(images, 1):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet(PAGE_STYLE)
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
        self._shown = None
        self._clear()
        self.message.setText(text)
        self.message.show()

    def _clear(self) -> None:
        for label in self.pages:
            label.hide()
            label.deleteLater()
        self.pages = []
