"""Answering the "changed on another computer" question in a window test: it is modal, so
the answer is given from a timer once it is open, noting what it showed."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

from avenue_desk.ui.dialogs.changed_elsewhere import ChangedElsewhereDialog


def answer_changed_elsewhere(button: str, seen: list, *, with_message: bool = False) -> None:
    """When the question opens, notes its table (rows of label, theirs, yours), with its
    message first if ``with_message``, then presses ``button``: "keep_button",
    "theirs_button" or "cancel"."""
    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ChangedElsewhereDialog):
            QTimer.singleShot(20, answer)
            return
        table = dialog.table
        rows = [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]
        seen.append((dialog.findChild(QLabel).text(), rows) if with_message else rows)
        if button == "cancel":
            dialog.reject()
        else:
            getattr(dialog, button).click()
    QTimer.singleShot(20, answer)
