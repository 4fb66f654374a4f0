"""Asked when a save is refused because someone else saved the same record meanwhile
(services/core/versions.py): what they changed and what you typed, side by side, and a
choice of making your changes again on top of theirs (the form then holds both, unsaved,
for you to check and save), showing theirs only, or going back to the form as it was.

``reapply_on_theirs`` asks it for a form whose input is a dataclass (a breach, an
authorisation). ``offer_reload`` is the shorter question for the smaller forms (a report to
the platform, a file's details, an account's link): who changed it and when, and Reload,
or back to the form as typed."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.services.core.versions import ChangedElsewhere, FieldChange, merge_changes
from avenue_desk.ui.labels import uk_date
from avenue_desk.ui.style import set_role

KEEP_MINE, THEIRS_ONLY = 1, 2  # the dialog's results besides Rejected (back to the form)
RELOAD_TEXT = ("Your changes were not saved. Reload shows theirs; your typing is kept in the "
               "form so you can apply it again.")
RELOAD_TITLE = "Changed on another computer"


def offer_reload(parent: QWidget, refused: ChangedElsewhere) -> bool:
    """Says who changed the record and when, and offers Reload: True when it was chosen
    (the window then shows theirs). Otherwise the form stays as typed, still against the
    version it opened, so saving again asks again and never overwrites theirs."""
    box = QMessageBox(QMessageBox.Icon.Warning, RELOAD_TITLE,
                      f"{refused.headline}.\n\n{RELOAD_TEXT}", parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # names are as typed
    reload = box.addButton("&Reload (show theirs)", QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton("&Keep my typing", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)  # Enter never throws typing away
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is reload


def reapply_on_theirs(parent: QWidget, refused: ChangedElsewhere, opened, mine, theirs,
                      fill: Callable[[object], None], labels: Mapping[str, str],
                      show: Callable[[str, object], str] | None = None) -> int:
    """The side-by-side question for a form now showing ``theirs`` (their saved input):
    what they changed since ``opened`` beside what you typed (``mine``). Keep mine fills
    the form with yours on top of theirs (unsaved); Cancel fills it with ``mine`` again.
    Returns the choice; the caller keeps its version to match (theirs unless Cancel)."""
    merged, changes = merge_changes(opened, mine, theirs)
    choice = ChangedElsewhereDialog(refused, changes, labels, parent, show=show).exec()
    if choice == KEEP_MINE:
        fill(merged)
    elif choice != THEIRS_ONLY:
        fill(mine)
    return choice


def shown(value: object) -> str:
    """A field's value as a short cell: dates and times as the office writes them."""
    if value is None or value == "" or value == ():
        return "(blank)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return uk_date(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    text = str(value)
    return text if len(text) <= 200 else text[:199] + "…"


class ChangedElsewhereDialog(QDialog):
    def __init__(self, refused: ChangedElsewhere, changes: list[FieldChange],
                 labels: Mapping[str, str], parent: QWidget | None = None,
                 show: Callable[[str, object], str] | None = None):
        super().__init__(parent)
        self.setWindowTitle("Changed on another computer")
        layout = QVBoxLayout(self)
        message = QLabel(f"{refused.headline}. Nothing of yours has been saved yet: here is "
                         "what they saved beside what you typed.")
        message.setTextFormat(Qt.TextFormat.PlainText)  # names are as typed
        message.setWordWrap(True)
        layout.addWidget(set_role(message, "notice"))
        self.table = QTableWidget(len(changes), 3, self)
        self.table.setHorizontalHeaderLabels(["", "Saved by them", "Typed by you"])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        show = show or (lambda _name, value: shown(value))
        for row, change in enumerate(changes):
            label = labels.get(change.name, change.name.replace("_", " ").capitalize())
            if change.both_changed:
                label += " (both changed)"
            theirs = (show(change.name, change.theirs) if change.theirs != change.opened
                      else "(not changed by them)")
            yours = (show(change.name, change.yours) if change.yours != change.opened
                     else "(not changed here)")
            for column, text in enumerate((label, theirs, yours)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.setAccessibleName("What changed")
        layout.addWidget(self.table, 1)
        hint = QLabel("“Keep my changes” puts what you typed back on top of their version: "
                      "check the form, then save. Nothing is saved until you do.")
        hint.setWordWrap(True)
        layout.addWidget(set_role(hint, "muted"))
        buttons = QDialogButtonBox(self)
        keep = QPushButton("&Keep my changes on top of theirs")
        keep.setDefault(True)
        theirs = QPushButton("Show &theirs only (drop mine)")
        buttons.addButton(keep, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(theirs, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        keep.clicked.connect(lambda: self.done(KEEP_MINE))
        theirs.clicked.connect(lambda: self.done(THEIRS_ONLY))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.keep_button, self.theirs_button = keep, theirs
        self.resize(760, 420)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.table.resizeRowsToContents()  # once the columns have their width
