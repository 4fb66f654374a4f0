"""The window over a damaged part of the records file: it says so, once, where it is.

The table models (``models/paged_table.py``) leave such rows blank and remember what could
not be read; the list's count line shows it, in the error style, instead of "0 people". A
section whose view cannot be built shows the words instead of the view; a refresh that
meets the damage says it in the status bar. Never a message box per repaint or refresh.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from avenue_desk.services.core.errors import RecordsDamaged
from avenue_desk.ui.style import set_role


def show_count(label, model, text: str) -> None:
    """``text`` (the count), or what ``model`` could not read, once it could not."""
    label.setText(model.damage or text)
    set_role(label, "error" if model.damage else "lead")


def damaged_page(stack, row: int, error) -> QWidget:
    """In place of a section whose view could not read what it shows (a damaged part of
    the records file): what happened, in words. Not kept, so the section tries again when
    next chosen (after a restore, say)."""
    page = QLabel(str(error))
    page.setWordWrap(True)
    page.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    page.setContentsMargins(24, 24, 24, 24)
    set_role(page, "error")
    old = stack.widget(row)
    stack.insertWidget(row, page)
    stack.removeWidget(old)
    old.deleteLater()
    return page


def refreshed_or_said(window, refresh) -> None:
    """``refresh()``, or the damage it met said in the status bar (not a box per refresh)."""
    try:
        refresh()
    except RecordsDamaged as error:
        window.statusBar().showMessage(str(error))
