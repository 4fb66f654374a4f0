"""Opening the record a chronology line names: an incident in its editor, a breach in its
window. Handed to ``PersonDialog`` and ``IncidentEditor`` (``record_opener``) by whoever
opens them, so that neither imports the other's window through here: the person's window
need not import the incident editor, which imports it, and the editor (its poster's
chronology, its course of conduct) need not import this module, which imports it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from avenue_desk.services.incidents import OPENS_BREACH, OPENS_INCIDENT
from avenue_desk.ui.dialogs.breach_dialog import BreachDialog
from avenue_desk.ui.dialogs.incident_editor import IncidentEditor


def open_record(services, opens: str, record_id: int, parent: QWidget) -> QDialog | None:
    """The record's window, opened (modal to ``parent``); None for a kind kept elsewhere."""
    if opens == OPENS_INCIDENT:
        dialog = IncidentEditor(services, record_id, parent=parent, record_opener=open_record)
    elif opens == OPENS_BREACH:
        dialog = BreachDialog(services, record_id, parent=parent)
    else:
        return None
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
