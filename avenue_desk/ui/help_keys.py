"""F1 and Shift+F1 in every window of Avenue Desk, and the "What's this?" texts put on the
fields they belong to.

The main window's Help menu has F1 itself; the dialogs have no menu, and a modal dialog
shadows the main window's shortcuts, so the keys are heard here, for the whole application
(as ``lock_screen.IdleLock`` hears Ctrl+L). ``app.make_application`` installs it once, so it
works from the sign-in onwards. The help window is imported only when F1 is pressed.

- F1: the user guide at the section for the screen with the keyboard focus.
- Shift+F1: what the field with the focus is for (its "What's this?" text, or its box's);
  where it has none, the pointer becomes a question mark: click a field to see its text.
- When a screen named in ``help_topics.WHATS_THIS`` is first shown, its fields get their
  texts (``apply_whats_this``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWhatsThis, QWidget

from avenue_desk.ui.help_topics import whats_this_texts

_INSTALLED = "avenueDeskHelpKeys"  # a dynamic property of the application
_APPLIED = "avenueDeskWhatsThis"  # a dynamic property of a screen given its texts


def widget_at(owner: QObject, path: str) -> QObject | None:
    """``owner.ui.platform`` for ``"ui.platform"``; None when a part is missing."""
    found = owner
    for name in path.split("."):
        found = getattr(found, name, None)
        if found is None:
            return None
    return found


def apply_whats_this(screen: QWidget) -> int:
    """Puts the table's texts on ``screen``'s fields; how many widgets got one."""
    given = 0
    for paths, text in whats_this_texts(type(screen)).items():
        for path in paths:
            widget = widget_at(screen, path)
            if isinstance(widget, QWidget):
                widget.setWhatsThis(text)
                given += 1
    screen.setProperty(_APPLIED, True)
    return given


def whats_this_of(widget: QWidget | None) -> tuple[QWidget, str] | None:
    """The text of the field, or of the box it is part of (a date's line and its calendar
    button are one field), up to its window."""
    while widget is not None:
        if widget.whatsThis():
            return widget, widget.whatsThis()
        if widget.isWindow():
            return None
        widget = widget.parentWidget()
    return None


def explain(widget: QWidget | None) -> None:
    """Shift+F1: the field's text beside it, or the question-mark pointer when it has none."""
    found = whats_this_of(widget)
    if found is None:
        QWhatsThis.enterWhatsThisMode()
        return
    owner, text = found
    QWhatsThis.showText(owner.mapToGlobal(owner.rect().bottomLeft()), text, owner)


class HelpKeys(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        kind = event.type()
        if kind == QEvent.Type.Show:
            # The cheap test first: this hears every widget shown.
            if (whats_this_texts(type(watched)) and isinstance(watched, QWidget)
                    and not watched.property(_APPLIED)):
                apply_whats_this(watched)
        elif kind == QEvent.Type.KeyPress and isinstance(watched, QWidget):
            if event.matches(QKeySequence.StandardKey.HelpContents):
                from avenue_desk.ui.help_window import show_help_for

                show_help_for(watched)
                return True
            if (event.key() == Qt.Key.Key_F1
                    and event.modifiers() == Qt.KeyboardModifier.ShiftModifier):
                explain(watched)
                return True
        return False


def install_help_keys(app: QApplication) -> None:
    """Once per application (a second call does nothing)."""
    if app.property(_INSTALLED):
        return
    keys = HelpKeys(app)
    app.installEventFilter(keys)
    app.setProperty(_INSTALLED, True)
