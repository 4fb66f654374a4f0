"""An honest page for a section that is not built yet: it says what will come there.

Kept as its own small widget so that the real section can replace it in main_window.py
with a one-line change, and nothing else depends on it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from avenue_desk.ui.views.settings import HEADING_STYLE

CONDUCT_TEXT = (
    "This section will keep a record of concerns about staff, volunteers and governors "
    "under the staff code of conduct for social networking: what was posted or done, "
    "which part of the code it concerns, and what was done about it.",
    "It is not ready yet. Until it is, keep these concerns in the school's usual "
    "staff records. Incidents involving parents, carers and pupils go under Incidents.",
)

REPORTS_TEXT = (
    "This section will produce the letters and summaries the policy calls for: letters "
    "to parents asking for a post to be removed, written warnings, and termly summaries "
    "for governors.",
    "It is not ready yet. Everything you record under Incidents will be available to "
    "these reports when they arrive.",
)


class PlaceholderView(QWidget):
    def __init__(self, title: str, paragraphs: tuple[str, ...], parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        heading = QLabel(title)
        heading.setStyleSheet(HEADING_STYLE)
        layout.addWidget(heading)
        self.labels = []
        for text in paragraphs:
            label = QLabel(text)
            label.setWordWrap(True)
            label.setMaximumWidth(760)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
            self.labels.append(label)
        coming = QLabel("Coming in a later version of Avenue Desk.")
        coming.setStyleSheet("color: #555555; font-style: italic;")
        layout.addWidget(coming)
        layout.addStretch(1)
        self.setAccessibleName(f"{title} (not available yet)")


def conduct_placeholder(parent=None) -> PlaceholderView:
    return PlaceholderView("Staff code of conduct", CONDUCT_TEXT, parent)


def reports_placeholder(parent=None) -> PlaceholderView:
    return PlaceholderView("Reports and letters", REPORTS_TEXT, parent)
