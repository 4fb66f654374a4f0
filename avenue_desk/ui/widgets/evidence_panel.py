"""An incident's evidence: screenshots, PDFs and saved pages, each checked against its hash.

Files arrive by drag-and-drop onto the panel or through "Add files…"; they are copied and
fingerprinted in the background (a big file shows a progress bar). Each refused file gets its
own message (the service says why), and the rest are still added. Every time the panel is
shown, each stored file is hashed again in the background: it reads "checking…" until its
verdict comes, so a file that was edited or removed after it was added is marked in red
before anyone relies on it, and the window never waits for a big file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QBrush,
    QDesktopServices,
    QFont,
    QGuiApplication,
    QIcon,
    QImage,
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
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.policy.typed_times import time_text
from avenue_desk.services.core.errors import Cancelled, NotFound, ValidationError
from avenue_desk.services.incidents import EvidenceCheck, EvidenceRecord
from avenue_desk.ui.labels import uk_date
from avenue_desk.ui.operations import BackgroundOp, problem_text, show_problem
from avenue_desk.ui.style import role_colours, set_role
from avenue_desk.ui.widgets.date_field import DateField, refuse_unread_dates
from avenue_desk.ui.widgets.time_field import TimeField

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
CHECKING = "checking…"  # after the fingerprint, until the background check says
MATCHES = "matches"
_RECORD = Qt.ItemDataRole.UserRole


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


def thumbnail_image(record: EvidenceRecord) -> QImage | None:
    """A picture file decoded at thumbnail size where the format allows; None for other
    files and for pictures too big to decode whole. Safe on a worker thread (QImageReader
    and QImage are reentrant; a QPixmap or QIcon is not, so those are made on the GUI's)."""
    if not record.media_type.startswith("image/"):
        return None
    reader = QImageReader(record.path)
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


def check_files(source, records, have_icons: frozenset[str], progress) -> None:
    """On a worker: each file's hash checked, and a thumbnail decoded for a sound picture
    that has none yet, each sent back as soon as it is known: (record id, check, image)."""
    for record in records:
        if progress.cancelled():
            return  # the panel was refreshed or closed: these verdicts are not wanted
        check = source.verify(record.id)
        image = None
        if check.ok and record.sha256 not in have_icons:
            image = thumbnail_image(record)
        progress.send((record.id, check, image))


def add_files(source, owner_id: int, paths: list[str], progress):
    """On a worker: each file copied and fingerprinted by the service, the bar moving by
    bytes, and each added picture's thumbnail sent back (SHA-256, image); returns what was
    added and one message per file not added."""
    sizes = []
    for path in paths:
        try:
            sizes.append(Path(path).stat().st_size)
        except OSError:
            sizes.append(0)  # the service says why it cannot be added
    total, done = sum(sizes), 0
    added, refused = [], []
    for path, size in zip(paths, sizes, strict=True):
        name = Path(path).name
        progress.say(f"Adding “{name}” ({human_size(size)})…")
        try:
            # One file: the service cannot say how far it is, so the bar shows it is busy.
            progress(done, total if len(paths) > 1 else 0)
        except Cancelled:  # between files: those added stay added, and are listed
            refused.append(f"“{name}” was not added: cancelled.")
            continue
        try:
            record = source.add(owner_id, path)
        except (ValidationError, NotFound) as exc:
            refused.append(str(exc) or f"“{name}” could not be added.")
        else:
            added.append(record)
            progress.send((record.sha256, thumbnail_image(record)))
        done += size
    return added, refused


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

    def set_capture(self, evidence_id: int, day, at):
        """When the file was captured (optional for a source: the panel offers to correct
        it only where the source can)."""
        return self._services.evidence.set_capture(evidence_id, day, at)


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
        self.checks: dict[int, EvidenceCheck] = {}  # the verdicts known so far
        self.checking: BackgroundOp | None = None
        self.adding: BackgroundOp | None = None
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
        self.capture_row = self._build_capture_row()

        self.added_label = QLabel(self)
        self.refused_label = QLabel(self)
        self.warning_label = QLabel(self)
        for label, role in ((self.added_label, "success"), (self.refused_label, "error"),
                            (self.warning_label, "error")):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)  # file names are user text
            set_role(label, role)
            label.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.drop_zone, 1)
        layout.addLayout(actions)
        layout.addWidget(self.capture_row)
        layout.addWidget(self.added_label)
        layout.addWidget(self.refused_label)
        self._update_buttons()

    # --- showing ------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()  # re-check the hashes every time the evidence is looked at

    def refresh(self, known: dict[int, EvidenceCheck] | None = None) -> BackgroundOp | None:
        """Lists the files at once, each “checking…”, and checks their hashes in the
        background (those in ``known`` were checked a moment ago). Returns the checking."""
        try:
            self.records = list(self._source.records(self._incident_id))
        except NotFound:
            self.records = []
        known = known or {}
        self.checks = {r.id: known[r.id] for r in self.records if r.id in known}
        current = self.list.currentRow()
        self.list.clear()
        for record in self.records:
            item = QListWidgetItem()
            item.setData(_RECORD, record.id)
            self._show_check(item, record, self.checks.get(record.id))
            self.list.addItem(item)
        if self.records:
            self.list.setCurrentRow(min(max(current, 0), len(self.records) - 1))
        self._show_warning()
        self._update_buttons()
        if self.checking is not None:
            self.checking.drop()  # its verdicts are for the list just replaced
            self.checking = None
        unchecked = [r for r in self.records if r.id not in self.checks]
        if not unchecked:
            return None
        source, have = self._source, frozenset(self._icons)
        self.checking = BackgroundOp(
            self, lambda progress: check_files(source, unchecked, have, progress),
            title="Checking the evidence", received=self._checked,
            success=self._all_checked).start()
        return self.checking

    def _checked(self, verdict) -> None:
        record_id, check, image = verdict
        row = next((n for n, r in enumerate(self.records) if r.id == record_id), None)
        if row is None:
            return
        record = self.records[row]
        if image is not None:
            self._icons[record.sha256] = thumbnail(record, image)
        self.checks[record_id] = check
        self._show_check(self.list.item(row), record, check)
        self._show_warning()
        self._update_buttons()

    def _all_checked(self, _none) -> None:
        self.checking = None

    def _show_check(self, item: QListWidgetItem, record: EvidenceRecord,
                    check: EvidenceCheck | None) -> None:
        """The file's entry: “checking…” while ``check`` is None, then the verdict."""
        captured = uk_date(record.captured_on) if record.captured_on else "date not known"
        if record.captured_on and record.captured_at:
            captured += f" at {time_text(record.captured_at)}"
        verdict = CHECKING if check is None else MATCHES if check.ok else ""
        lines = [record.original_name,
                 f"Captured {captured} · {human_size(record.size_bytes)}",
                 f"SHA-256 {record.sha256[:12]}…" + (f" · {verdict}" if verdict else "")]
        if check is not None and check.problem:
            lines.append(MISSING if check.problem == "missing" else CHANGED)
        item.setText("\n".join(lines))
        item.setToolTip(f"SHA-256 {record.sha256}\nAdded {record.added_at:%d/%m/%Y %H:%M}"
                        f"\nStored as {record.path}")
        if check is None:
            # Nothing is drawn from the file until it is known to be what was added.
            item.setIcon(thumbnail(record, None))
        elif check.ok:
            if record.sha256 not in self._icons:
                self._icons[record.sha256] = thumbnail(record, None)
            item.setIcon(self._icons[record.sha256])
        else:
            # No thumbnail from a file we no longer trust: it may not be what was added.
            broken = role_colours("overdue")
            item.setIcon(badge_icon("!", "badge-broken"))
            item.setForeground(QBrush(broken.foreground))
            item.setBackground(QBrush(broken.background))

    def _show_warning(self) -> None:
        bad = [r for r in self.records if r.id in self.checks and not self.checks[r.id].ok]
        if len(bad) > 1:
            warning = f"{len(bad)} of these files can no longer be relied on: see the red entries."
        elif bad:
            warning = "One of these files can no longer be relied on: see the red entry."
        else:
            warning = ""
        self.warning_label.setText(warning)
        self.warning_label.setVisible(bool(bad))

    def selected(self) -> EvidenceRecord | None:
        row = self.list.currentRow()
        return self.records[row] if 0 <= row < len(self.records) else None

    def _update_buttons(self, *_args) -> None:
        record = self.selected()
        check = self.checks.get(record.id) if record is not None else None
        self.open_button.setEnabled(record is not None and (check is None
                                                            or check.problem != "missing"))
        self.copy_button.setEnabled(record is not None)
        self._show_capture(record)

    # --- when it was captured -----------------------------------------------------------

    def _build_capture_row(self) -> QWidget:
        """The selected file's capture date and time, to correct (where the source can): the
        police referral pack prints them beside each file's fingerprint."""
        row = QWidget(self)
        self.capture_date = DateField(self._services.clock.today(), optional=True,
                                      unset_text="Not known", parent=row)
        self.capture_time = TimeField(row, placeholder="Time, e.g. 14:05")
        self.capture_date.edit.setAccessibleName("Date captured")
        self.capture_time.edit.setAccessibleName("Time captured")
        label = QLabel("Captured on", row)
        label.setBuddy(self.capture_date.edit)
        self.capture_save = QPushButton("Save capture time", row)
        self.capture_save.setAutoDefault(False)
        self.capture_save.setToolTip("Keep this date and time for the selected file (the "
                                     "file itself and its fingerprint never change)")
        self.capture_save.clicked.connect(self.save_capture)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.capture_date, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(QLabel("at", row), 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.capture_time, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.capture_save, 0, Qt.AlignmentFlag.AlignTop)
        layout.addStretch(1)
        row.setVisible(hasattr(self._source, "set_capture"))
        row.setEnabled(False)
        return row

    def _show_capture(self, record: EvidenceRecord | None) -> None:
        if not hasattr(self._source, "set_capture"):
            return
        self.capture_row.setEnabled(record is not None)
        self.capture_date.set_value(record.captured_on if record else None)
        self.capture_time.set_value(record.captured_at if record else None)

    def save_capture(self) -> bool:
        """Keeps the date and time typed for the selected file; says why not beside them."""
        record = self.selected()
        if record is None or refuse_unread_dates(self.capture_date, self.capture_time):
            return False
        try:
            saved = self._source.set_capture(record.id, self.capture_date.value(),
                                             self.capture_time.value())
        except (ValidationError, NotFound) as exc:
            self.refused_label.setText(f"Not saved: {exc}")
            self.refused_label.show()
            return False
        self.refused_label.hide()
        row = self.list.currentRow()
        self.refresh(known=self.checks)  # listed again with the time; no hash read again
        self.list.setCurrentRow(row)
        self.added_label.setText(f"Saved when “{saved.original_name}” was captured.")
        self.added_label.show()
        self.changed.emit()
        return True

    # --- adding -------------------------------------------------------------------------

    def choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(self, "Add evidence", "", FILE_FILTER)
        if paths:
            self.add_files(paths)

    def add_files(self, paths) -> BackgroundOp | None:
        """Adds each file it can, in the background; the op's result is what was added and
        one message per refusal. None while files are still being added."""
        if self.adding is not None:
            return None
        source, owner_id, paths = self._source, self._incident_id, [str(p) for p in paths]
        self.adding = BackgroundOp(
            self, lambda progress: add_files(source, owner_id, paths, progress),
            title="Adding evidence", progress="Adding the files…", cancellable=True,
            received=self._thumbnail_made, success=self._added, disable=[self.add_button])
        self.adding.ended.connect(self._adding_ended)
        return self.adding.start()

    def _thumbnail_made(self, made) -> None:
        sha256, image = made
        if image is not None:
            self._icons[sha256] = QIcon(QPixmap.fromImage(image))

    def _adding_ended(self) -> None:
        self.adding = None

    def _added(self, outcome) -> None:
        added, refused = outcome
        names = ", ".join(r.original_name for r in added)
        self.added_label.setText(f"Added {len(added)} file{'s' * (len(added) != 1)}: {names}"
                                 if added else "")
        self.added_label.setVisible(bool(added))
        self.refused_label.setText("\n".join(f"Not added: {m}" for m in refused))
        self.refused_label.setVisible(bool(refused))
        # Each added file was hashed as it was copied: only the others are checked again.
        self.refresh({r.id: EvidenceCheck(r.id, True) for r in added})
        if added:
            self.list.setCurrentRow(len(self.records) - 1)
            self.changed.emit()

    def _local_paths(self, mime) -> list[str]:
        return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]

    def _set_drop_highlight(self, on: bool) -> None:
        set_role(self.drop_zone, "drop-zone-active" if on else "drop-zone")

    def dragEnterEvent(self, event) -> None:
        if self.adding is None and self._local_paths(event.mimeData()):
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

    def open_selected(self) -> BackgroundOp | None:
        record = self.selected()
        check = self.checks.get(record.id) if record is not None else None
        if record is None or (check is not None and check.problem == "missing"):
            return None
        # A read-only copy is opened, never the evidence itself (a viewer may save over it);
        # the service hashes the file again before copying it, so that is done off the window.
        source, evidence_id = self._source, record.id
        return BackgroundOp(self, lambda: source.viewing_copy(evidence_id),
                            title="Open the evidence", success=self._open_copy,
                            failure=lambda error: show_problem(
                                self, "Cannot open this evidence", problem_text(error)),
                            disable=[self.open_button]).start()

    def _open_copy(self, copy: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))

    def copy_hash(self) -> None:
        record = self.selected()
        if record is not None:
            QGuiApplication.clipboard().setText(record.sha256)
            self.added_label.setText(f"Copied the SHA-256 of {record.original_name}.")
            self.added_label.show()
