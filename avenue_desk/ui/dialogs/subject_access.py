"""The People list's "Subject access export…": one person's data into a new folder.

The Headteacher chooses where; an empty folder is used as it is, and inside any other a new
folder is made ("Subject access - Tunde Adebayo - 2026-11-21"). The export runs in the
background (``BackgroundOp``), with a progress window and Cancel once it takes a while (it
can, with many evidence files), and ends with a message saying where it went, with a button
to open the folder. Each question is a small function, so tests can answer it with
monkeypatch.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from avenue_desk.ui.dialogs import export_place
from avenue_desk.ui.operations import BackgroundOp, problem_text


def choose_folder(parent, name: str) -> str:
    return export_place.choose_folder(
        parent, f"Where should the subject access export for {name} go?", Path.home())


def export_folder(chosen: Path, name: str, today) -> Path:
    """``chosen`` itself when it is empty; otherwise a new folder inside it."""
    from avenue_desk.services.letters import safe_file_name

    if chosen.is_dir() and not any(chosen.iterdir()):
        return chosen
    base = safe_file_name(f"Subject access - {name} - {today.isoformat()}")
    folder, number = chosen / base, 2
    while folder.exists():
        folder, number = chosen / f"{base} ({number})", number + 1
    return folder


def show_done(parent, result) -> bool:
    """The message at the end; True if the folder was opened."""
    from avenue_desk.services.privacy import KEY_FILE

    text = (f"{result.summary()}\n\nThe export is in:\n{result.folder}\n\nBefore sending it, "
            f"read index.pdf, redact the evidence files by hand and take {KEY_FILE} out "
            "of the folder.")
    if result.not_copied:
        text += "\n\nNot copied (see the index):\n" + "\n".join(result.not_copied)
    box = QMessageBox(QMessageBox.Icon.Information, "Subject access export made", text,
                      parent=parent)
    opener = box.addButton("Open the folder", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is opener:
        return open_folder(result.folder)
    return False


def open_folder(folder: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def show_error(parent, text: str) -> None:
    QMessageBox.warning(parent, "Subject access export", text)


def export_for(parent, services, person_id: int, name: str,
               disable=()) -> BackgroundOp | None:
    """Asks where, then makes the export in the background (``disable``: the controls that
    would start another meanwhile); the end says where it went, or what went wrong. Returns
    the running export (its ``result`` once done), or None when no folder was chosen."""
    chosen = choose_folder(parent, name)
    if not chosen:
        return None
    folder = export_folder(Path(chosen), name, services.clock.today())
    export = services.subject_access.export

    def work(progress):
        return export(person_id, folder, progress=progress, cancelled=progress.cancelled)

    # show_done and show_error are looked up when the export ends: tests replace them.
    exporting = BackgroundOp(
        parent, work, title="Subject access export",
        progress=f"Exporting everything held about {name}…", cancellable=True,
        success=lambda result: show_done(parent, result),
        failure=lambda error: show_error(parent, problem_text(error, "The export failed")),
        cancelled=lambda: show_error(parent, str(exporting.error)),  # what was not written
        disable=disable)
    return exporting.start()
