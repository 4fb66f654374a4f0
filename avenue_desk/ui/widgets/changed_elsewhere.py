"""The strip across an open record that says someone else has changed it meanwhile, with a
Reload button: shown instead of reloading when reloading would throw away what is being
typed here. Non-modal: the person finishes, saves or reloads as they choose."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from avenue_desk.ui.style import set_role

CHANGED_TEXT = ("This incident was changed on another computer (or by the command line) "
                "while it was open here. Reload shows their changes, and loses what you have "
                "typed here and not saved; Save shows theirs and yours side by side first, "
                "so that neither is lost.")
GONE_TEXT = ("This incident can no longer be read: it may have been destroyed on another "
             "computer, so nothing more can be saved to it.")


class ChangedElsewhereBanner(QWidget):
    reload_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("changedElsewhere")
        set_role(self, "notice")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAccessibleName("Changed elsewhere")
        layout.addWidget(self.label, 1)
        self.reload_button = QPushButton("Reload")
        self.reload_button.setAutoDefault(False)  # Enter in the form never reloads
        self.reload_button.setToolTip("Show the incident as it is saved now")
        self.reload_button.clicked.connect(self.reload_requested)
        layout.addWidget(self.reload_button)
        self.hide()

    def show_changed(self) -> None:
        self.label.setText(CHANGED_TEXT)
        self.reload_button.show()
        self.show()

    def show_gone(self) -> None:
        self.label.setText(GONE_TEXT)
        self.reload_button.hide()
        self.show()
