"""An incident's evidence: screenshots, PDFs and saved pages, each checked against its hash.

Files arrive by drag-and-drop onto the panel (from a folder, or a picture from a browser),
by pasting (Ctrl+V: a screenshot on the clipboard is kept as a PNG, captured now) or through
"Add files…"; they are copied and fingerprinted in the background (a big file shows a
progress bar): ``evidence_incoming``. Each refused file gets its
own message (the service says why), and the rest are still added. Every time the panel is
shown, each stored file is hashed again in the background: it reads "checking…" until its
verdict comes, so a file that was edited or removed after it was added is marked in red
before anyone relies on it, and the window never waits for a big file. The selected file's
details (when it was captured, the web address, the account shown, who captured it) are
corrected below the list: ``evidence_details``. Thumbnails: ``evidence_thumbnails``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QBrush,
    QDesktopServices,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QPixmap,
    QShortcut,
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
from avenue_desk.services.core.audit import local_time
from avenue_desk.services.core.errors import NotFound, ValidationError
from avenue_desk.services.core.versions import ChangedElsewhere
from avenue_desk.services.incidents import EvidenceCheck, EvidenceRecord
from avenue_desk.ui.dialogs.changed_elsewhere import offer_reload
from avenue_desk.ui.labels import uk_date
from avenue_desk.ui.operations import BackgroundOp, problem_text, show_problem
from avenue_desk.ui.style import role_colours, set_role
from avenue_desk.ui.widgets.date_field import refuse_unread_dates
from avenue_desk.ui.widgets.evidence_details import EvidenceDetailsRow
from avenue_desk.ui.widgets.evidence_incoming import add_arrivals, read_arrivals
from avenue_desk.ui.widgets.evidence_thumbnails import (  # noqa: F401 - callers' names
    THUMB,
    badge_icon,
    human_size,
    thumbnail,
    thumbnail_image,
)

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


def check_files(source, records, have_icons: frozenset[str], store, progress) -> None:
    """On a worker: each file's hash checked, and a thumbnail decoded for a sound picture
    that has none yet (from ``store``, the records' evidence store), each sent back as soon
    as it is known: (record id, check, image)."""
    for record in records:
        if progress.cancelled():
            return  # the panel was refreshed or closed: these verdicts are not wanted
        check = source.verify(record.id)
        image = None
        if check.ok and record.sha256 not in have_icons:
            image = thumbnail_image(record, store)
        progress.send((record.id, check, image))


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

    def add_captured_now(self, owner_id: int, path, note: str = ""):
        """A picture pasted or dropped straight in: captured now, by whoever is signed in."""
        day, at = self._services.evidence.captured_now()
        return self._services.evidence.add(owner_id, path, day, note, at)

    def viewing_copy(self, evidence_id: int) -> Path:
        return self._services.evidence.viewing_copy(evidence_id)

    def set_capture(self, evidence_id: int, day, at, version: int | None = None):
        """When the file was captured (optional for a source: the panel offers to correct
        it only where the source can), refused if changed since ``version``."""
        return self._services.evidence.set_capture(evidence_id, day, at, version)

    def set_details(self, evidence_id: int, details, version: int | None = None):
        """Everything said about the file (optional too: the web address, the account shown,
        who captured it, the note), refused if changed since ``version``."""
        return self._services.evidence.set_details(evidence_id, details, version)


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
            "Drag screenshots, PDFs or saved web pages onto this panel (a picture from a "
            "browser too), paste a screenshot with Ctrl+V, or click “Add files…”. Each file "
            "is copied into the Avenue Desk folder and fingerprinted (SHA-256), so any later "
            "change to it shows up here.", self)
        self.hint.setWordWrap(True)
        self.add_button = QPushButton("Add files…", self)
        self.add_button.clicked.connect(self.choose_files)
        self.paste_button = QPushButton("&Paste screenshot", self)
        self.paste_button.setToolTip("Add the picture on the clipboard, captured now (Ctrl+V)")
        self.paste_button.clicked.connect(self.paste)
        # Ctrl+V anywhere in the panel but a text box (which pastes text as usual).
        paste = QShortcut(QKeySequence.StandardKey.Paste, self)
        paste.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        paste.activated.connect(self.paste)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.paste_button)
        buttons.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.hint, 1)
        top.addLayout(buttons)

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
        actions = self.actions = QHBoxLayout()  # offer_excerpt adds to it
        actions.addWidget(self.open_button)
        actions.addWidget(self.copy_button)
        actions.addStretch(1)
        self.excerpt_proposal = None  # in an incident's editor: ``offer_excerpt``
        self.capture_row = EvidenceDetailsRow(services.clock.today(), self._source, self)
        self.capture_row.save_button.clicked.connect(self.save_capture)
        self.capture_date = self.capture_row.capture_date  # the names the tests and
        self.capture_time = self.capture_row.capture_time  # the guide's pictures use

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
        # Thumbnails are drawn from where the bytes are (the data folder, or on a server
        # the database): one store for an incident's and a breach's evidence alike.
        source, have, store = self._source, frozenset(self._icons), self._services.evidence.store
        self.checking = BackgroundOp(
            self, lambda progress: check_files(source, unchecked, have, store, progress),
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
        by = getattr(record, "captured_by", "")
        lines = [record.original_name,
                 f"Captured {captured}" + (f" by {by}" if by else "")
                 + f" · {human_size(record.size_bytes)}",
                 f"SHA-256 {record.sha256[:12]}…" + (f" · {verdict}" if verdict else "")]
        shown = " · ".join(v for v in (getattr(record, "url", ""),
                                       getattr(record, "account_shown", "")) if v)
        if shown:
            lines.insert(2, shown)
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

    # --- what is said about it ----------------------------------------------------------

    def _show_capture(self, record: EvidenceRecord | None) -> None:
        if not self.capture_row.isHidden():  # hidden for a source that keeps no details
            self.capture_row.show_record(record)

    def save_capture(self) -> bool:
        """Keeps the details typed for the selected file; says why not beside them."""
        record = self.selected()
        if record is None or refuse_unread_dates(self.capture_date, self.capture_time):
            return False
        try:
            if self.capture_row.full:
                saved = self._source.set_details(record.id, self.capture_row.details(),
                                                 record.row_version)
            else:
                saved = self._source.set_capture(record.id, self.capture_date.value(),
                                                 self.capture_time.value(), record.row_version)
        except (ValidationError, NotFound, ChangedElsewhere) as exc:
            if isinstance(exc, ChangedElsewhere) and offer_reload(self, exc):
                self.refresh(known=self.checks)  # theirs in the details; the file stays chosen
            self.refused_label.setText(f"Not saved: {exc}")
            self.refused_label.show()
            return False
        self.refused_label.hide()
        row = self.list.currentRow()
        self.refresh(known=self.checks)  # listed again with the time; no hash read again
        self.list.setCurrentRow(row)
        self.added_label.setText(f"Saved the details of “{saved.original_name}”."
                                 if self.capture_row.full
                                 else f"Saved when “{saved.original_name}” was captured.")
        self.added_label.show()
        self.changed.emit()
        return True

    # --- adding -------------------------------------------------------------------------

    def choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(self, "Add evidence", "", FILE_FILTER)
        if paths:
            self.add_files(paths)

    def add_files(self, paths, refused: list[str] | None = None) -> BackgroundOp | None:
        """Adds each file (a path, or a picture that came as data) it can, in the
        background; the op's result is what was added and one message per refusal (those
        in ``refused`` first). None while files are still being added."""
        if self.adding is not None:
            return None
        source, owner_id = self._source, self._incident_id
        store = self._services.evidence.store
        items = [p if hasattr(p, "image") else str(p) for p in paths]
        folder = self._services.paths.data_dir / "incoming"
        said = list(refused or ())

        def work(progress):
            added, not_added = add_arrivals(source, owner_id, items, folder, store, progress)
            return added, said + not_added

        self.adding = BackgroundOp(
            self, work, title="Adding evidence", progress="Adding the files…",
            cancellable=True, received=self._thumbnail_made, success=self._added,
            disable=[self.add_button, self.paste_button])
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

    def _stamp(self) -> str:
        return f"{local_time(self._services.clock.now()):%Y-%m-%d %H.%M}"

    def take(self, mime, how: str) -> BackgroundOp | None:
        """Adds what a paste or a drop brought; says at once what cannot be added (a link
        to a picture on the internet, nothing that is a file or a picture)."""
        arrivals = read_arrivals(mime, self._stamp(), how)
        if not arrivals.addable:
            said = arrivals.refused or [
                "There is no picture or file on the clipboard to add. Take a screenshot "
                "(or copy a picture) first, then press Ctrl+V here."
                if how == "Pasted" else "What was dropped is not a file or a picture."]
            self.added_label.hide()
            self.refused_label.setText("\n".join(f"Not added: {m}" for m in said))
            self.refused_label.show()
            return None
        return self.add_files(arrivals.addable, arrivals.refused)

    def paste(self) -> BackgroundOp | None:
        """Ctrl+V: the screenshot (or copied files) on the clipboard, added."""
        return self.take(QGuiApplication.clipboard().mimeData(), "Pasted")

    def _droppable(self, mime) -> bool:
        return mime is not None and (mime.hasUrls() or mime.hasImage() or (
            mime.hasText() and mime.text().strip().startswith("data:")))

    def _set_drop_highlight(self, on: bool) -> None:
        set_role(self.drop_zone, "drop-zone-active" if on else "drop-zone")

    def dragEnterEvent(self, event) -> None:
        if self.adding is None and self._droppable(event.mimeData()):
            event.acceptProposedAction()
            self._set_drop_highlight(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if self._droppable(event.mimeData()):
            event.acceptProposedAction()

    def dragLeaveEvent(self, event) -> None:
        self._set_drop_highlight(False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event) -> None:
        self._set_drop_highlight(False)
        if not self._droppable(event.mimeData()):
            event.ignore()
            return
        event.acceptProposedAction()
        self.take(event.mimeData(), "Dropped")

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

    def offer_excerpt(self, excerpt_box, reader=None) -> None:
        """In an incident's editor: “Propose excerpt from screenshot”, whose checked words
        go into ``excerpt_box`` (the Details tab's) for the editor's own Save."""
        from avenue_desk.ui.widgets.evidence_ocr import ExcerptFromScreenshot

        self.excerpt_proposal = ExcerptFromScreenshot(self, self._source, excerpt_box, reader)
        self.actions.insertWidget(2, self.excerpt_proposal.button)

    def copy_hash(self) -> None:
        record = self.selected()
        if record is not None:
            QGuiApplication.clipboard().setText(record.sha256)
            self.added_label.setText(f"Copied the SHA-256 of {record.original_name}.")
            self.added_label.show()
