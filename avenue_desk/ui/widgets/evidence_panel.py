"""An incident's evidence: screenshots, PDFs and saved pages, each checked against its hash.

Files arrive by drag-and-drop onto the panel or through "Add files…". Each refused file
gets its own message (the service says why), and the rest are still added. Every time the
panel is shown, each stored file is hashed again, so a file that was edited or removed
after it was added is marked in red before anyone relies on it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QDesktopServices,
    QFont,
    QGuiApplication,
    QIcon,
    QImageIOHandler,
    QImageReader,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.services.core.errors import NotFound, ServiceError, ValidationError
from avenue_desk.services.incidents.records import EvidenceCheck, EvidenceRecord
from avenue_desk.ui.labels import uk_date

THUMB = 96
# Formats whose reader cannot decode at a reduced size (PNG, GIF, BMP) are decoded whole
# first; above this many pixels (~64 MB) the panel shows an icon instead of a thumbnail.
MAX_FULL_DECODE_PIXELS = 16_000_000
FILE_FILTER = (
    "Evidence (*.png *.jpg *.jpeg *.gif *.webp *.bmp *.pdf *.html *.htm *.mhtml *.mht);;"
    "All files (*)"
)
CHANGED = "This file has changed since it was added — it may no longer be reliable evidence."
MISSING = ("This file is missing from the evidence folder — it may have been moved or "
           "deleted, and can no longer be relied on.")
RED = QColor("#b00020")
_RECORD = Qt.ItemDataRole.UserRole


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def badge_icon(text: str, colour: str) -> QIcon:
    """A page with a coloured label, for files that have no picture to show."""
    pixmap = QPixmap(THUMB, THUMB)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor("#777777"))
    painter.setBrush(QColor("white"))
    painter.drawRect(18, 6, THUMB - 36, THUMB - 12)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRect(12, THUMB // 2 - 12, THUMB - 24, 24)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(14)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(12, THUMB // 2 - 12, THUMB - 24, 24, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return QIcon(pixmap)


def thumbnail(record: EvidenceRecord) -> QIcon:
    """A small picture of the file, decoded at thumbnail size where the format allows."""
    if record.media_type == "application/pdf":
        return badge_icon("PDF", "#c0392b")
    if not record.media_type.startswith("image/"):
        return badge_icon("WEB", "#2c6fbb")
    reader = QImageReader(record.path)
    reader.setAutoTransform(True)
    full = reader.size()
    scalable = reader.supportsOption(QImageIOHandler.ImageOption.ScaledSize)
    if full.isValid() and (scalable or full.width() * full.height() <= MAX_FULL_DECODE_PIXELS):
        reader.setScaledSize(full.scaled(QSize(THUMB, THUMB), Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if not image.isNull():
            return QIcon(QPixmap.fromImage(image))
    return badge_icon("IMG", "#6b7a8f")


class IncidentEvidence:
    """Where the panel's files come from: an incident's evidence (the default). Any object
    with these four methods will do (a breach of the code of conduct has its own)."""

    def __init__(self, services):
        self._services = services

    def records(self, owner_id: int) -> list:
        return list(self._services.incidents.current(owner_id).evidence)

    def verify(self, evidence_id: int) -> EvidenceCheck:
        return self._services.evidence.verify(evidence_id)

    def add(self, owner_id: int, path):
        return self._services.evidence.add(owner_id, path)

    def viewing_copy(self, evidence_id: int) -> Path:
        return self._services.evidence.viewing_copy(evidence_id)


class EvidencePanel(QWidget):
    """Emits ``changed`` after files are added, so the editor can update its counts."""

    changed = Signal()

    def __init__(self, services, incident_id: int, parent: QWidget | None = None,
                 source=None):
        super().__init__(parent)
        self._services = services
        self._incident_id = incident_id  # the owner of the files (an incident, or a breach)
        self._source = source or IncidentEvidence(services)
        self._icons: dict[str, QIcon] = {}  # by SHA-256: a thumbnail is made once per file
        self.records: list[EvidenceRecord] = []
        self.checks: dict[int, EvidenceCheck] = {}
        self.setAcceptDrops(True)

        self.hint = QLabel(
            "Drag screenshots, PDFs or saved web pages onto this panel, or click “Add files…”. "
            "Each file is copied into the Avenue Desk folder and fingerprinted (SHA-256), so "
            "any later change to it shows up here.", self)
        self.hint.setWordWrap(True)
        self.add_button = QPushButton("Add files…", self)
        self.add_button.clicked.connect(self.choose_files)
        top = QHBoxLayout()
        top.addWidget(self.hint, 1)
        top.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)

        self.drop_zone = QFrame(self)
        self.list = QListWidget(self.drop_zone)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.setAlternatingRowColors(True)
        self.list.itemDoubleClicked.connect(lambda _item: self.open_selected())
        self.list.currentRowChanged.connect(self._update_buttons)
        zone = QVBoxLayout(self.drop_zone)
        zone.setContentsMargins(4, 4, 4, 4)
        zone.addWidget(self.list)
        self._set_drop_highlight(False)

        self.open_button = QPushButton("Open", self)
        self.open_button.setToolTip("Open the stored copy in the usual program (double-click)")
        self.open_button.clicked.connect(self.open_selected)
        self.copy_button = QPushButton("Copy SHA-256", self)
        self.copy_button.setToolTip("Copy the file's full fingerprint, e.g. for a police report")
        self.copy_button.clicked.connect(self.copy_hash)
        actions = QHBoxLayout()
        actions.addWidget(self.open_button)
        actions.addWidget(self.copy_button)
        actions.addStretch(1)

        self.added_label = QLabel(self)
        self.refused_label = QLabel(self)
        self.warning_label = QLabel(self)
        for label, colour in ((self.added_label, "#1b6e20"), (self.refused_label, "#b00020"),
                              (self.warning_label, "#b00020")):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)  # file names are user text
            label.setStyleSheet(f"color: {colour}; font-weight: bold;")
            label.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.drop_zone, 1)
        layout.addLayout(actions)
        layout.addWidget(self.added_label)
        layout.addWidget(self.refused_label)
        self._update_buttons()

    # --- showing ------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()  # re-check the hashes every time the evidence is looked at

    def refresh(self) -> None:
        try:
            self.records = list(self._source.records(self._incident_id))
        except NotFound:
            self.records = []
        self.checks = {r.id: self._source.verify(r.id) for r in self.records}
        current = self.list.currentRow()
        self.list.clear()
        for record in self.records:
            self.list.addItem(self._item(record, self.checks[record.id]))
        if self.records:
            self.list.setCurrentRow(min(max(current, 0), len(self.records) - 1))
        bad = [r for r in self.records if not self.checks[r.id].ok]
        if len(bad) > 1:
            warning = f"{len(bad)} of these files can no longer be relied on: see the red entries."
        elif bad:
            warning = "One of these files can no longer be relied on: see the red entry."
        else:
            warning = ""
        self.warning_label.setText(warning)
        self.warning_label.setVisible(bool(bad))
        self._update_buttons()

    def _item(self, record: EvidenceRecord, check: EvidenceCheck) -> QListWidgetItem:
        captured = uk_date(record.captured_on) if record.captured_on else "date not known"
        lines = [record.original_name,
                 f"Captured {captured} · {human_size(record.size_bytes)}",
                 f"SHA-256 {record.sha256[:12]}…"]
        if check.problem:
            lines.append(MISSING if check.problem == "missing" else CHANGED)
        item = QListWidgetItem("\n".join(lines))
        item.setData(_RECORD, record.id)
        item.setToolTip(f"SHA-256 {record.sha256}\nAdded {record.added_at:%d/%m/%Y %H:%M}"
                        f"\nStored as {record.path}")
        if check.ok:
            if record.sha256 not in self._icons:
                self._icons[record.sha256] = thumbnail(record)
            item.setIcon(self._icons[record.sha256])
        else:
            # No thumbnail from a file we no longer trust: it may not be what was added.
            item.setIcon(badge_icon("!", "#b00020"))
            item.setForeground(QBrush(RED))
            item.setBackground(QBrush(QColor("#fde7e9")))
        return item

    def selected(self) -> EvidenceRecord | None:
        row = self.list.currentRow()
        return self.records[row] if 0 <= row < len(self.records) else None

    def _update_buttons(self, *_args) -> None:
        record = self.selected()
        self.open_button.setEnabled(record is not None and self.checks[record.id].problem
                                    != "missing")
        self.copy_button.setEnabled(record is not None)

    # --- adding -------------------------------------------------------------------------

    def choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(self, "Add evidence", "", FILE_FILTER)
        if paths:
            self.add_files(paths)

    def add_files(self, paths) -> tuple[list[EvidenceRecord], list[str]]:
        """Adds each file it can; returns what was added and one message per refusal."""
        added, refused = [], []
        for path in paths:
            try:
                added.append(self._source.add(self._incident_id, path))
            except (ValidationError, NotFound) as exc:
                refused.append(str(exc) or f"“{Path(path).name}” could not be added.")
        names = ", ".join(r.original_name for r in added)
        self.added_label.setText(f"Added {len(added)} file{'s' * (len(added) != 1)}: {names}"
                                 if added else "")
        self.added_label.setVisible(bool(added))
        self.refused_label.setText("\n".join(f"Not added: {m}" for m in refused))
        self.refused_label.setVisible(bool(refused))
        self.refresh()
        if added:
            self.list.setCurrentRow(len(self.records) - 1)
            self.changed.emit()
        return added, refused

    def _local_paths(self, mime) -> list[str]:
        return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]

    def _set_drop_highlight(self, on: bool) -> None:
        colour, style = ("#2c6fbb", "solid") if on else ("#9aa5b1", "dashed")
        self.drop_zone.setStyleSheet(
            f"QFrame {{ border: 2px {style} {colour}; border-radius: 4px; }}"
            "QListWidget { border: none; }")

    def dragEnterEvent(self, event) -> None:
        if self._local_paths(event.mimeData()):
            event.acceptProposedAction()
            self._set_drop_highlight(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if self._local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dragLeaveEvent(self, event) -> None:
        self._set_drop_highlight(False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event) -> None:
        self._set_drop_highlight(False)
        paths = self._local_paths(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_files(paths)

    # --- using --------------------------------------------------------------------------

    def open_selected(self) -> None:
        record = self.selected()
        if record is None or self.checks[record.id].problem == "missing":
            return
        # A read-only copy is opened, never the evidence itself (a viewer may save over it).
        try:
            copy = self._source.viewing_copy(record.id)
        except ServiceError as exc:
            QMessageBox.warning(self, "Cannot open this evidence", str(exc))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))

    def copy_hash(self) -> None:
        record = self.selected()
        if record is not None:
            QGuiApplication.clipboard().setText(record.sha256)
            self.added_label.setText(f"Copied the SHA-256 of {record.original_name}.")
            self.added_label.show()
