"""A field's red message goes as soon as the person edits that field.

Every form says beside a field why it was refused. Left on screen after the field was put
right, the message reads as if the new text were wrong too, so ``clear_when_edited`` hides
it at the first edit; the next save checks again and says so if it still is wrong.

Only edits made by the person count where Qt tells them apart (``textEdited``,
``activated``, ``clicked``): a form that empties a password box right after showing why it
was refused must not wipe the message it has just shown.
"""

from __future__ import annotations

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid

# Inside a widget of our own (a date box, a person picker, a row of ticks) these are what
# the person edits; its push buttons (a calendar, "Add new person…") are not edits.
_EDITABLE = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox, QCheckBox,
             QRadioButton, QListWidget)


def edit_signals(widget: QWidget) -> list[SignalInstance]:
    """The signals ``widget`` sends when the person changes what it holds."""
    if isinstance(widget, QLineEdit):
        return [widget.textEdited]
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return [widget.textChanged]
    if isinstance(widget, QComboBox):
        return [widget.activated] + ([widget.editTextChanged] if widget.isEditable() else [])
    if isinstance(widget, QDateTimeEdit):  # QDateEdit too
        return [widget.dateTimeChanged]
    if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        return [widget.valueChanged]
    if isinstance(widget, QAbstractButton):
        return [widget.clicked]
    if isinstance(widget, QListWidget):
        return [widget.itemChanged]  # a tick in a checkable list
    found = []
    own = getattr(widget, "changed", None)  # DateField, PersonPicker: their value changed
    if isinstance(own, SignalInstance):
        found.append(own)
    for child in widget.findChildren(QWidget):
        if isinstance(child, _EDITABLE) and not isinstance(child.parentWidget(),
                                                           (QComboBox, QAbstractSpinBox)):
            found += edit_signals(child)
    return found


def clear_when_edited(label: QLabel, *fields: QWidget) -> None:
    """Empties and hides ``label`` (a field's message) once any of ``fields`` is edited.

    An empty label is hidden from the start: shown empty, it would hold a line of space
    that closes up at the first edit, moving every row below it up under the pointer, so
    that a click meant for the next box lands in a gap and what is typed next is lost."""
    if not label.text():
        label.hide()

    def clear(*_args) -> None:
        if isValid(label) and (label.text() or not label.isHidden()):
            label.clear()
            label.hide()

    for field in fields:
        for signal in edit_signals(field):
            signal.connect(clear)
