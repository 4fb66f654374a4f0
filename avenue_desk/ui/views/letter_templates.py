"""Settings for letters: the letterhead's logo and each letter's wording.

The wording editor lists every merge field the letter offers (double-click to insert one),
checks the wording as it is typed, refuses to save a field the letter does not have, and
can put back the standard wording. A logo is copied into the data folder as soon as it is
chosen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontDatabase, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.policy import settings_registry as registry
from avenue_desk.services.core.errors import ValidationError
from avenue_desk.services.letters import LABELS, editable_kinds, merge_fields, wording_problems
from avenue_desk.ui.operations import BackgroundOp, problem_text
from avenue_desk.ui.style import set_role
from avenue_desk.ui.window_state import remember_splitter

CHECK_DELAY_MS = 300


def choose_logo_file(parent: QWidget) -> str:
    """The system's Open dialog for a PNG or JPEG; "" when cancelled. (Tests replace this.)"""
    path, _filter = QFileDialog.getOpenFileName(parent, "Choose the school's logo", "",
                                                "Pictures (*.png *.jpg *.jpeg)")
    return path


class LetterheadSection(QGroupBox):
    """The letterhead's logo and each letter's wording, inside the Settings page (the
    school's phone, email and other contacts are in ``widgets.school_contacts``)."""

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__("Letters", parent)
        self._services = services
        grid = QGridLayout(self)
        self.logo = QLabel("No logo")
        self.logo.setFixedSize(96, 40)
        self.logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.logo, "logo-frame")
        self.choose_button = QPushButton("Choose logo…")
        self.remove_button = QPushButton("Remove logo")
        self.wording_button = QPushButton("Letter wording…")
        self.wording_button.setToolTip("Change the words of each letter, or restore the "
                                       "standard wording")
        self.message = QLabel()
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        for widget in (self.logo, self.choose_button, self.remove_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.wording_button)
        grid.addWidget(QLabel(registry.LETTER_LOGO.label), 0, 0)
        grid.addLayout(row, 0, 1, 1, 3)
        grid.addWidget(self.message, 1, 1, 1, 3)
        self.message.hide()
        self.choose_button.clicked.connect(self.choose_logo)
        self.remove_button.clicked.connect(self.remove_logo)
        self.wording_button.clicked.connect(self.open_wording)
        self.dialog = None

    def load(self, _settings=None) -> None:
        self._show_logo()

    def _show_logo(self) -> None:
        path = self._services.letters.templates.logo_path()
        picture = QPixmap(str(path)) if path and path.is_file() else QPixmap()
        if picture.isNull():
            self.logo.setPixmap(QPixmap())
            self.logo.setText("No logo")
        else:
            self.logo.setPixmap(picture.scaled(self.logo.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                               Qt.TransformationMode.SmoothTransformation))
        self.remove_button.setEnabled(path is not None)

    def _say(self, text: str, ok: bool = True) -> None:
        set_role(self.message, "success" if ok else "error")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def choose_logo(self) -> BackgroundOp | None:
        """Checks and copies the chosen picture in the background (it may be on a memory
        stick or a network drive); returns the copying, or None when nothing was chosen."""
        chosen = choose_logo_file(self)
        if not chosen:
            return None
        templates = self._services.letters.templates
        return BackgroundOp(self, lambda: templates.set_logo(chosen), title="Choose logo",
                            success=self._logo_saved, failure=self._logo_refused,
                            disable=[self.choose_button, self.remove_button]).start()

    def _logo_saved(self, _stored) -> None:
        self._show_logo()
        self._say("Logo saved: it appears at the top right of every letter.")

    def _logo_refused(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            self._say(" ".join(error.errors.values()), ok=False)
        else:
            self._say(problem_text(error, "The logo could not be copied"), ok=False)

    def remove_logo(self) -> None:
        self._services.letters.templates.clear_logo()
        self._show_logo()
        self._say("Logo removed.")

    def open_wording(self):
        dialog = LetterWordingDialog(self._services, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda *_args: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog


class LetterWordingDialog(QDialog):
    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self._templates = services.letters.templates
        self.setWindowTitle("Letter wording")
        self.resize(1100, 680)
        self.letters = QListWidget()
        self.letters.setAccessibleName("Letters")
        for kind in editable_kinds():
            item = QListWidgetItem(LABELS[kind])
            item.setData(Qt.ItemDataRole.UserRole, kind)
            self.letters.addItem(item)
        self.letters.setMaximumWidth(300)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("The letter's wording")
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.state = QLabel()
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        set_role(self.problems, "error")
        self.saved = QLabel()
        set_role(self.saved, "success")
        self.fields = QListWidget()
        self.fields.setAccessibleName("Merge fields")
        self.fields.setMaximumWidth(330)
        self.fields.itemDoubleClicked.connect(self._insert_field)
        help_text = QLabel("Lines starting with # are notes and never print. The first line "
                           "“Subject: …” is the subject. A blank line starts a new paragraph; "
                           "a paragraph starting with “> ” is a quotation.")
        help_text.setWordWrap(True)
        set_role(help_text, "muted")
        self.save_button = QPushButton("Save wording")
        self.restore_button = QPushButton("Restore the standard wording")
        close = QPushButton("Close")
        self.save_button.clicked.connect(self.save)
        self.restore_button.clicked.connect(self.restore)
        close.clicked.connect(self.reject)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.state)
        middle_layout.addWidget(self.editor, 1)
        middle_layout.addWidget(self.problems)
        middle_layout.addWidget(self.saved)
        middle_layout.addWidget(help_text)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel("<b>Merge fields</b> (double-click to insert)"))
        right_layout.addWidget(self.fields)
        split = QSplitter()
        for part in (self.letters, middle, right):
            split.addWidget(part)
        split.setSizes([240, 560, 300])
        remember_splitter(split, "letter-wording")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check)
        self.editor.textChanged.connect(self._timer.start)
        self.editor.textChanged.connect(self.saved.clear)
        self.letters.currentItemChanged.connect(self._letter_chosen)
        self.letters.setCurrentRow(0)

    def kind(self) -> str:
        return self.letters.currentItem().data(Qt.ItemDataRole.UserRole)

    def _letter_chosen(self, *_args) -> None:
        kind = self.kind()
        self.editor.setPlainText(self._templates.get(kind))
        self.saved.clear()
        self.fields.clear()
        for name, label in merge_fields(kind):
            item = QListWidgetItem(f"{{{name}}} — {label}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.fields.addItem(item)
        self._show_state()
        self.check()

    def _show_state(self) -> None:
        custom = self._templates.is_custom(self.kind())
        self.state.setText("<b>Your school's wording</b>" if custom
                           else "<b>The standard wording</b>")
        self.restore_button.setEnabled(custom)

    def _insert_field(self, item: QListWidgetItem) -> None:
        self.editor.insertPlainText("{" + item.data(Qt.ItemDataRole.UserRole) + "}")
        self.editor.setFocus()

    def check(self) -> list[str]:
        self._timer.stop()
        problems = wording_problems(self.kind(), self.editor.toPlainText())
        self.problems.setText("\n".join(problems))
        self.problems.setVisible(bool(problems))
        self.save_button.setEnabled(not problems)
        return problems

    def save(self) -> bool:
        try:
            self._templates.save(self.kind(), self.editor.toPlainText())
        except ValidationError as error:
            self.problems.setText(" ".join(error.errors.values()))
            self.problems.show()
            return False
        self._show_state()
        self.saved.setText("Saved. Letters from now on use this wording.")
        return True

    def restore(self) -> None:
        self.editor.setPlainText(self._templates.reset(self.kind()))
        self._show_state()
        self.check()
        self.saved.setText("The standard wording is back.")
