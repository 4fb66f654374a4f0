"""“Propose excerpt from screenshot”, in an incident's evidence panel: the words read off the
selected screenshot by the optional OCR engine (``services.incidents.ocr``), shown beside the
picture for the person to check and correct, and put into the excerpt on the Details tab
only when they say so. The excerpt must be exact and the engine is not, so nothing is saved
here: the incident's own Save (Ctrl+S, with its check for changes made elsewhere) keeps it,
and until then the editor counts it as an unsaved change like any typing.

The engine reads the evidence's read-only viewing copy (checked against its fingerprint as
it is made), on a worker, with a progress window and Cancel. Without the engine the button
is still there, and says how to add it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QImageReader, QPixmap, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.services.incidents import OcrUnavailable, ScreenshotReader, join_lines
from avenue_desk.ui.operations import BackgroundOp, problem_text, show_problem
from avenue_desk.ui.style import set_role

PICTURE_WIDTH = 420  # the screenshot beside the text, wide enough to read a post's words
MAX_PIXELS = 40_000_000  # a picture bigger than this is not drawn beside the text
CHECK_EVERY_WORD = (
    "These words were read by machine. Check every one against the screenshot and "
    "correct them here: names, accents, emoji and punctuation are often misread, and the "
    "excerpt must be exactly what was posted. Delete what is not the post (the account "
    "name and time above it, the likes and comments below).")
NO_WORDS = "No words could be read off “{name}”. Type the excerpt from the screenshot."
PUT_IN = ("The proposed words are in the excerpt on the Details tab, not saved yet: look "
          "at them there, then Save (Ctrl+S). Ctrl+Z in the excerpt takes them out again.")
REPLACE, APPEND = "replace", "append"


def checking_picture(path) -> QImage | None:
    """On a worker: the screenshot at a size to read beside the text, or None when it
    cannot be decoded (QImageReader and QImage are reentrant)."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if not size.isValid() or size.width() * size.height() > MAX_PIXELS:
        return None
    if size.width() > PICTURE_WIDTH:
        reader.setScaledSize(size.scaled(QSize(PICTURE_WIDTH, 1_000_000),
                                         Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return None if image.isNull() else image


def read_screenshot(source, reader: ScreenshotReader, evidence_id: int, progress):
    """On a worker: (the words proposed, the picture to check them against)."""
    reader.require()  # no engine: say how to add it before a copy is made (and audited)
    progress.say("Making a read-only copy of the screenshot…")
    copy = source.viewing_copy(evidence_id)  # refused if the file no longer matches
    progress.say("Reading the words off the screenshot…")
    text = reader.read(copy, progress.cancelled)
    return text, checking_picture(copy)


def combined(current: str, proposed: str, how: str) -> str:
    if how == APPEND and current.strip():
        return f"{current.rstrip()}\n\n{proposed}"
    return proposed


class ExcerptProposalDialog(QDialog):
    """The words read, beside the screenshot, to correct; then Put in (an empty excerpt),
    or Replace / Add after (one already written). ``choice`` says which was pressed."""

    def __init__(self, parent: QWidget, name: str, proposed: str, picture: QImage | None,
                 current: str):
        super().__init__(parent)
        self.setWindowTitle(f"Propose the excerpt from “{name}”")
        self.choice: str | None = None
        self.picture = QLabel(self)
        self.picture.setTextFormat(Qt.TextFormat.PlainText)
        if picture is not None:
            self.picture.setPixmap(QPixmap.fromImage(picture))
        else:
            self.picture.setText("The screenshot cannot be shown here: use Open in the "
                                 "evidence list to look at it.")
            self.picture.setWordWrap(True)
        scroll = QScrollArea(self)
        scroll.setWidget(self.picture)
        scroll.setMinimumWidth(PICTURE_WIDTH + 24)
        scroll.setAccessibleName("The screenshot")

        self.warning = set_role(QLabel(CHECK_EVERY_WORD, self), "notice")
        self.warning.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setPlainText(proposed)
        self.text.setAccessibleName("Proposed excerpt")
        label = QLabel("The &words read (correct them here)", self)
        label.setBuddy(self.text)
        self.join_button = QPushButton("&Join lines", self)
        self.join_button.setToolTip("Put each paragraph on one line: the phone's screen "
                                    "width broke the lines, not the poster")
        self.join_button.setAutoDefault(False)
        self.join_button.clicked.connect(self.join)
        self.current = QLabel(self)
        self.current.setTextFormat(Qt.TextFormat.PlainText)  # the excerpt is user text
        self.current.setWordWrap(True)
        set_role(self.current, "muted")

        self.buttons = QDialogButtonBox(self)
        if current.strip():
            shown = current.strip()
            self.current.setText("The excerpt already says: “"
                                 + (shown if len(shown) <= 160 else shown[:160] + "…") + "”")
            self.replace_button = self.buttons.addButton(
                "&Replace the excerpt", QDialogButtonBox.ButtonRole.AcceptRole)
            self.append_button = self.buttons.addButton(
                "&Add after the excerpt", QDialogButtonBox.ButtonRole.AcceptRole)
        else:
            self.current.hide()
            self.replace_button = self.buttons.addButton(
                "&Put in the excerpt", QDialogButtonBox.ButtonRole.AcceptRole)
            self.append_button = None
        self.replace_button.clicked.connect(lambda: self._choose(REPLACE))
        if self.append_button is not None:
            self.append_button.clicked.connect(lambda: self._choose(APPEND))
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        self.text.textChanged.connect(self._allow)

        right = QVBoxLayout()
        right.addWidget(self.warning)
        right.addWidget(label)
        right.addWidget(self.text, 1)
        join_row = QHBoxLayout()
        join_row.addWidget(self.join_button)
        join_row.addStretch(1)
        right.addLayout(join_row)
        right.addWidget(self.current)
        right.addWidget(self.buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(scroll)
        layout.addLayout(right, 1)
        self.resize(1000, 640)
        self.text.setFocus()

    def join(self) -> None:
        cursor = self.text.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(join_lines(self.text.toPlainText()))  # Ctrl+Z undoes it

    def _allow(self) -> None:
        has_words = bool(self.text.toPlainText().strip())
        for button in (self.replace_button, self.append_button):
            if button is not None:
                button.setEnabled(has_words)

    def _choose(self, how: str) -> None:
        if self.text.toPlainText().strip():
            self.choice = how
            self.accept()

    def words(self) -> str:
        return self.text.toPlainText().strip()


class ExcerptFromScreenshot:
    """The button and its work, for an evidence panel in an incident's editor; the words
    go into ``excerpt_box`` (the Details tab's excerpt) and nowhere else."""

    def __init__(self, panel, source, excerpt_box: QPlainTextEdit,
                 reader: ScreenshotReader | None = None):
        self.panel = panel
        self.source = source  # the panel's: its viewing copies, checked and audited
        self.box = excerpt_box
        self.reader = reader or ScreenshotReader()
        self.reading: BackgroundOp | None = None
        self.dialog: ExcerptProposalDialog | None = None
        self.button = QPushButton("Propose e&xcerpt from screenshot…", panel)
        self.button.setToolTip("Read the words off the selected screenshot (optional OCR "
                               "engine), for you to check and correct before they go into "
                               "the excerpt")
        self.button.clicked.connect(self.start)
        panel.list.currentRowChanged.connect(self.update)
        self.update()

    def update(self, *_args) -> None:
        record = self.panel.selected()
        self.button.setEnabled(self.reading is None and record is not None
                               and record.media_type.startswith("image/"))

    def start(self) -> BackgroundOp | None:
        record = self.panel.selected()
        if record is None or self.reading is not None:
            return None
        source, reader, evidence_id = self.source, self.reader, record.id
        self.reading = BackgroundOp(
            self.panel, lambda progress: read_screenshot(source, reader, evidence_id, progress),
            title="Propose the excerpt", progress="Reading the words off the screenshot…",
            cancellable=True, success=lambda result: self._read(record.original_name, result),
            failure=self._failed, cancelled=self._cancelled, disable=[self.button])
        self.reading.ended.connect(self._ended)
        return self.reading.start()

    def _ended(self) -> None:
        self.reading = None
        self.update()

    def _failed(self, error: BaseException) -> None:
        title = ("Reading screenshots is not installed" if isinstance(error, OcrUnavailable)
                 else "Cannot read this screenshot")
        show_problem(self.panel, title, problem_text(error))

    def _cancelled(self) -> None:
        self._say("Reading cancelled: the excerpt is as it was.")

    def _read(self, name: str, result) -> None:
        text, picture = result
        if not text.strip():
            self._say(NO_WORDS.format(name=name), error=True)
            return
        dialog = ExcerptProposalDialog(self.panel, name, text, picture, self.box.toPlainText())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Bound to this dialog: Qt emits ``finished`` (which forgets it) before ``accepted``.
        dialog.accepted.connect(lambda: self._confirmed(dialog))
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.open()

    def _closed(self, _result) -> None:
        self.dialog = None

    def _confirmed(self, dialog: ExcerptProposalDialog) -> None:
        new = combined(self.box.toPlainText(), dialog.words(), dialog.choice)
        cursor = self.box.textCursor()  # one edit: Ctrl+Z in the excerpt undoes it
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(new)
        cursor.endEditBlock()
        self._say(PUT_IN)

    def _say(self, text: str, error: bool = False) -> None:
        """Said below the list, where the panel says what was added or refused."""
        shown, hidden = self.panel.refused_label, self.panel.added_label
        if not error:
            shown, hidden = hidden, shown
        shown.setText(text)
        shown.show()
        hidden.hide()
