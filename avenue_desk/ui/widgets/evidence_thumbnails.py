"""What the evidence panel shows of a file: its thumbnail, or a badge for a file with no
picture to show (a PDF, a saved web page, a file no longer trusted), and its size in words.

Decoding is safe on a worker thread (QImageReader and QImage are reentrant); a QPixmap or
QIcon is made on the GUI's. The picture is read from the evidence store's local file (the
stored file itself in a data folder; on a database server, where ``record.path`` is no file
on this PC, a private copy checked against its hash), which may take a copy from the
server: another reason it is done on a worker.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QIcon, QImage, QImageIOHandler, QImageReader, QPainter, QPixmap

from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.core.evidence_store import EvidenceStore
from avenue_desk.services.incidents import EvidenceRecord
from avenue_desk.ui.style import role_colours

THUMB = 96
# Formats whose reader cannot decode at a reduced size (PNG, GIF, BMP) are decoded whole
# first; above this many pixels (~64 MB) the panel shows an icon instead of a thumbnail.
MAX_FULL_DECODE_PIXELS = 16_000_000

def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def badge_icon(text: str, role: str) -> QIcon:
    """A page with a label in the colours of ``role`` (a "badge-…" of the stylesheet), for
    files that have no picture to show."""
    page, label = role_colours("badge-page"), role_colours(role)
    pixmap = QPixmap(THUMB, THUMB)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(page.foreground)
    painter.setBrush(page.background)
    painter.drawRect(18, 6, THUMB - 36, THUMB - 12)
    painter.setBrush(label.background)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRect(12, THUMB // 2 - 12, THUMB - 24, 24)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(14)
    painter.setFont(font)
    painter.setPen(label.foreground)
    painter.drawText(12, THUMB // 2 - 12, THUMB - 24, 24, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return QIcon(pixmap)


def thumbnail_image(record: EvidenceRecord, store: EvidenceStore) -> QImage | None:
    """A picture file decoded at thumbnail size where the format allows; None for other
    files, for pictures too big to decode whole and for a file ``store`` no longer holds.
    Run on a worker thread (QImageReader and QImage are reentrant; a QPixmap or QIcon is
    not, so those are made on the GUI's)."""
    if not record.media_type.startswith("image/"):
        return None
    try:
        local = store.local_file(record.stored_name)
    except (ServiceError, OSError):  # gone or changed since it was checked: a badge, then
        return None
    if local is None:
        return None
    reader = QImageReader(str(local))
    reader.setAutoTransform(True)
    full = reader.size()
    scalable = reader.supportsOption(QImageIOHandler.ImageOption.ScaledSize)
    if full.isValid() and (scalable or full.width() * full.height() <= MAX_FULL_DECODE_PIXELS):
        reader.setScaledSize(full.scaled(QSize(THUMB, THUMB), Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if not image.isNull():
            return image
    return None


def thumbnail(record: EvidenceRecord, image: QImage | None) -> QIcon:
    """The file's icon in the list: its picture (from ``thumbnail_image``), or a badge."""
    if record.media_type == "application/pdf":
        return badge_icon("PDF", "badge-pdf")
    if not record.media_type.startswith("image/"):
        return badge_icon("WEB", "badge-web")
    if image is not None:
        return QIcon(QPixmap.fromImage(image))
    return badge_icon("IMG", "badge-image")
