"""Asking where a copy that leaves Avenue Desk goes: a PDF, a CSV export, a folder.

Every Save dialog for something the office sends out comes here, so that one check sees
every place chosen: what is saved outside the data folder is a plain file (it has to be,
to be read), which is expected on the office's own disk, but on a USB stick or a memory
card it goes wherever the stick goes. After the person picks a place on a removable drive
they are asked "Save anyway" or "Choose another place" (the default), in one sentence that
is true whether the school's own records are encrypted or not.

The backup folder is chosen elsewhere (``views/backups.py``) and is not asked about: a
stick is the usual place for backups, which are the school's own records.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from avenue_desk.services.core import removable
from avenue_desk.ui import window_state


def choose_file(parent: QWidget | None, title: str, suggested: Path | str,
                file_filter: str) -> str:
    """The system's Save dialog, asked again while the person turns down a removable
    drive; "" when cancelled. A bare file name is suggested in the person's last
    documents folder (or their Documents), never wherever the program was started from."""
    start = str(suggested_place(suggested))
    while True:
        path, _filter = QFileDialog.getSaveFileName(parent, title, start, file_filter)
        if not path or place_is_fine(parent, Path(path)):
            return path


def choose_folder(parent: QWidget | None, title: str, start: Path | str) -> str:
    """The system's folder dialog, asked again while the person turns down a removable
    drive; "" when cancelled."""
    while True:
        folder = QFileDialog.getExistingDirectory(parent, title, str(start))
        if not folder or place_is_fine(parent, Path(folder)):
            return folder


def place_is_fine(parent: QWidget | None, place: Path) -> bool:
    """True unless the place is on a removable drive and the person chose another."""
    return not removable.is_removable(place) or save_anyway(parent, place)


def save_anyway(parent: QWidget | None, place: Path) -> bool:
    """The question; "Choose another place" is the default and what Esc answers."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Save to a removable drive?",
                      removable.removable_drive_text(place), parent=parent)
    box.setInformativeText("Choose another place unless the drive will be kept as safely "
                           "as the school's records.")
    anyway = box.addButton("Save anyway", QMessageBox.ButtonRole.AcceptRole)
    another = box.addButton("Choose another place", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(another)
    box.setEscapeButton(another)
    box.exec()
    return box.clickedButton() is anyway


def suggested_place(suggested: Path | str) -> Path:
    suggested = Path(suggested)
    if suggested.is_absolute():
        return suggested
    return documents_folder() / suggested


def documents_folder() -> Path:
    """The folder this person last saved a document to, or their Documents."""
    folder = window_state.last_folder(window_state.DOCUMENTS) or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()
