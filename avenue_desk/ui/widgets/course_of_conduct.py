"""An incident's course of conduct, on its own tab: the other incidents by the same person
(on the record, or through an account linked to them) or the same social media account,
oldest first, with their dates and stage; double-click (or Enter) opens one.

Harassment is a course of conduct (two or more linked incidents), so the pattern is the
evidence. Read in the background each time the incident is loaded or saved (the poster
may have changed), so the tab's title says how many there are before it is opened.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTreeWidgetItem, QVBoxLayout, QWidget

from avenue_desk.services.incidents import OPENS_INCIDENT
from avenue_desk.ui.labels import platform_label, uk_date
from avenue_desk.ui.operations import BackgroundOp, problem_text
from avenue_desk.ui.style import set_role
from avenue_desk.ui.widgets.record_tree import record_tree

COLUMNS = ("Posted", "Incident", "Platform", "Stage", "Linked by", "Summary")
TAB_TITLE = "C&ourse of conduct"
INTRO = ("Harassment is a course of conduct: two or more linked incidents. These are the "
         "other incidents by the same person (on the record, or through an account linked "
         "to them) or by the same account. Double-click one, or press Enter, to open it.")


def tab_title(count: int | None) -> str:
    return f"{TAB_TITLE} ({count})" if count else TAB_TITLE


class CourseOfConductPanel(QWidget):
    """``lines`` lists the course; ``open_line(row)`` opens one incident."""

    changed = Signal()  # an incident opened from here was saved
    counted = Signal(int)  # how many other incidents, once read

    def __init__(self, services, parent: QWidget | None = None, opener=None):
        super().__init__(parent)
        self._services = services
        # ``opener(services, opens, record_id, parent)`` -> the dialog opened, or None
        # (ui/dialogs/record_opener.open_record, handed in: it imports the editor).
        self._opener = opener
        self._incident_id: int | None = None
        self.course = None  # the lines as last read
        self.loading: BackgroundOp | None = None
        self._again = False  # asked again while reading: read once more when done
        self.intro = set_role(QLabel(INTRO, self), "muted")
        self.intro.setWordWrap(True)
        self.summary = QLabel("Reading the course of conduct…", self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.lines = record_tree(self, COLUMNS, "Course of conduct: double-click an incident "
                                                "to open it")
        self.lines.itemActivated.connect(self._activated)  # double-click and Enter
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.summary)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.message)

    # --- reading -------------------------------------------------------------------------

    def show_record(self, record) -> None:
        """The course of ``record`` (just opened or saved), read again."""
        self._incident_id = record.id
        self.load()

    def load(self) -> None:
        if self._incident_id is None:
            return
        if self.loading is not None:
            self._again = True
            return
        history, incident_id = self._services.history, self._incident_id
        self.loading = BackgroundOp(self, lambda: history.course(incident_id),
                                    title="Reading the course of conduct", success=self._show,
                                    failure=self._failed).start(after_pending=True)

    def _read_done(self) -> bool:
        self.loading = None
        if self._again:
            self._again = False
            self.load()
            return False
        return True

    def _show(self, course) -> None:
        if not self._read_done():
            return
        self.course = course
        self.lines.clear()
        for line in course:
            item = QTreeWidgetItem([uk_date(line.posted_on), f"Incident {line.id}",
                                    platform_label(line.platform), line.stage, line.why,
                                    line.summary])
            item.setToolTip(5, line.summary)
            item.setData(0, Qt.ItemDataRole.UserRole, line.id)
            self.lines.addTopLevelItem(item)
        count = len(course)
        if count:
            self.summary.setText(f"{count} other incident{'s' * (count != 1)} by the same "
                                 "poster: with this one, a course of conduct.")
        else:
            self.summary.setText("No other incident by the same person or account is "
                                 "recorded.")
        set_role(self.summary, None)
        self.counted.emit(count)

    def _failed(self, error: BaseException) -> None:
        if not self._read_done():
            return
        self.summary.setText(problem_text(error, "The course of conduct could not be read"))
        set_role(self.summary, "error")

    def texts(self) -> list[list[str]]:
        """What the list shows, row by row (for the tests and the guide's pictures)."""
        return [[self.lines.topLevelItem(r).text(c) for c in range(len(COLUMNS))]
                for r in range(self.lines.topLevelItemCount())]

    # --- opening one -----------------------------------------------------------------------

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.open_line(self.lines.indexOfTopLevelItem(item))

    def open_line(self, row: int):
        """Opens the incident on line ``row`` in its own editor; returns the dialog."""
        item = self.lines.topLevelItem(row)
        if item is None:
            return None
        incident_id = item.data(0, Qt.ItemDataRole.UserRole)
        dialog = (self._opener(self._services, OPENS_INCIDENT, incident_id, self)
                  if self._opener else None)
        if dialog is None:
            self.message.setText(f"Open it from the Incidents list: Incident {incident_id}.")
            return None
        if hasattr(dialog, "saved"):
            dialog.saved.connect(lambda *_: self.changed.emit())
        dialog.finished.connect(lambda *_: self.load())  # its stage may have moved on
        return dialog
