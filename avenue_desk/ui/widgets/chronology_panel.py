"""A person's chronology in their window: every incident, step, letter and code of conduct
record about them, in date order; double-click (or Enter) opens the record, and the PDF is
saved off the GUI thread.

Read in the background when the tab is first shown (a parent with years of posts has
hundreds of lines), and again when something is saved in a record it opened.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.services.incidents import OPENS_BREACH, OPENS_INCIDENT
from avenue_desk.ui.dialogs import export_place
from avenue_desk.ui.labels import platform_label, uk_date
from avenue_desk.ui.operations import BackgroundOp, problem_text
from avenue_desk.ui.style import set_role
from avenue_desk.ui.widgets.record_tree import record_tree

COLUMNS = ("Date", "What", "Record", "Details")


class ChronologyPanel(QWidget):
    """``lines`` is the tree of the chronology; ``open_line(row)`` opens one record."""

    changed = Signal()  # a record opened from here was saved

    def __init__(self, services, person_id: int, parent: QWidget | None = None,
                 opener=None):
        super().__init__(parent)
        self._services = services
        # ``opener(services, opens, record_id, parent)`` -> the dialog opened, or None
        # (ui/dialogs/record_opener.open_record); None: lines are read, not opened.
        self._opener = opener
        self._person_id = person_id
        self.chronology = None
        self.loading: BackgroundOp | None = None
        self.summary = QLabel("Reading the chronology…", self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.lines = record_tree(self, COLUMNS,
                                 "Chronology: double-click a line to open its record")
        self.lines.itemActivated.connect(self._activated)  # double-click and Enter
        self.save_button = QPushButton("Save as &PDF…", self)
        self.save_button.setToolTip("The chronology as a PDF with the school's letterhead")
        self.save_button.clicked.connect(self.save_pdf)
        self.save_button.setEnabled(False)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.lines, 1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence("Ctrl+P"), self, activated=self.save_pdf)

    # --- reading ---------------------------------------------------------------------------

    def load(self) -> None:
        if self.loading is not None:
            return
        history = self._services.history
        person_id = self._person_id
        self.loading = BackgroundOp(self, lambda: history.chronology(person_id),
                                    title="Reading the chronology", success=self._show,
                                    failure=self._failed).start()

    def _show(self, chronology) -> None:
        self.loading = None
        self.chronology = chronology
        from avenue_desk.services.incidents import counts_text

        said = counts_text(chronology)
        if chronology.accounts:
            said += " Social media accounts linked: " + "; ".join(chronology.accounts) + "."
        if chronology.left_out:
            said += " Not shown to this account: " + "; ".join(chronology.left_out) + "."
        self.summary.setText(said)
        set_role(self.summary, None)
        self.lines.clear()
        for line in chronology.lines:
            when = uk_date(line.day) + (f" {line.at:%H:%M}" if line.at else "")
            record = line.reference + (f" · {line.stage}" if line.stage else "")
            if line.platform:
                record += f" · {platform_label(line.platform)}"
            item = QTreeWidgetItem([when, line.kind, record, line.text])
            item.setToolTip(3, line.text)
            item.setData(0, Qt.ItemDataRole.UserRole, (line.opens, line.record_id))
            self.lines.addTopLevelItem(item)
        if not chronology.lines:
            self.summary.setText("Nothing is recorded about this person yet.")
        self.save_button.setEnabled(True)

    def _failed(self, error: BaseException) -> None:
        self.loading = None
        self.summary.setText(problem_text(error, "The chronology could not be read"))
        set_role(self.summary, "error")

    # --- opening a line ------------------------------------------------------------------

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.open_line(self.lines.indexOfTopLevelItem(item))

    def open_line(self, row: int):
        """Opens the record of line ``row``: an incident in its editor, a breach in its
        window; an acknowledgement is said where it is kept. Returns the dialog opened."""
        item = self.lines.topLevelItem(row)
        if item is None:
            return None
        opens, record_id = item.data(0, Qt.ItemDataRole.UserRole)
        dialog = self._opener(self._services, opens, record_id, self) if self._opener else None
        if dialog is None:
            where = {OPENS_INCIDENT: "the Incidents list", OPENS_BREACH: "Code of conduct"}
            self.message.setText(
                f"Open it from {where.get(opens, 'the code of conduct register')}: "
                f"{item.text(2).split(' · ')[0]}.")
            return None
        if hasattr(dialog, "saved"):
            dialog.saved.connect(lambda *_: self.changed.emit())
        dialog.finished.connect(lambda *_: self.refresh())
        return dialog

    def refresh(self) -> None:
        if self.chronology is not None:
            self.load()

    # --- the PDF -------------------------------------------------------------------------

    def save_pdf(self) -> None:
        if self.chronology is None:
            return
        name = self.chronology.person.full_name
        path = export_place.choose_file(self, "Save the chronology", f"Chronology {name}.pdf",
                                        "PDF (*.pdf)")
        if path:
            self.save_to(path)

    def save_to(self, path: str) -> None:
        history, person_id = self._services.history, self._person_id
        self.message.setText("Saving…")
        BackgroundOp(self, lambda: history.write(person_id, path), title="Saving the PDF",
                     success=lambda _c: self._saved(path), failure=self._save_failed,
                     disable=[self.save_button]).start()

    def _saved(self, path: str) -> None:
        self.message.setText(f"Saved {path}")
        set_role(self.message, None)

    def _save_failed(self, error: BaseException) -> None:
        self.message.setText(problem_text(error, "The PDF was not saved"))
        set_role(self.message, "error")
