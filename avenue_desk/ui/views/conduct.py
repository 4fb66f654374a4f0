"""Staff code of conduct: who has acknowledged it and who is due, and what the Headteacher
has agreed under it (permissions, designations, contact-detail exceptions), and potential
breaches. One tab each; every tab reloads when shown."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from avenue_desk.policy.access import Operation
from avenue_desk.services.conduct import CONTACT_EXCEPTION, DESIGNATION, PERMISSION
from avenue_desk.ui.style import set_role
from avenue_desk.ui.table_place import TablePlace
from avenue_desk.ui.widgets.authorisation_panel import AuthorisationPanel
from avenue_desk.ui.widgets.breach_panel import BreachPanel
from avenue_desk.ui.widgets.conduct_register_panel import ConductRegisterPanel

REGISTER, PERMISSIONS, DESIGNATIONS, EXCEPTIONS, BREACHES = range(5)


class ConductView(QWidget):
    def __init__(self, services, parent=None):
        super().__init__(parent)
        self._services = services
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        top = QHBoxLayout()
        heading = QLabel("Staff code of conduct")
        set_role(heading, "heading")
        top.addWidget(heading)
        top.addSpacing(16)
        self.reminder = QLabel()
        self.reminder.setAccessibleName("Code of conduct summary")
        set_role(self.reminder, "lead")
        self.reminder.setWordWrap(True)
        top.addWidget(self.reminder, 1)
        layout.addLayout(top)
        self.tabs = QTabWidget()
        self.register = ConductRegisterPanel(services)
        self.permissions = AuthorisationPanel(services, PERMISSION)
        self.designations = AuthorisationPanel(services, DESIGNATION)
        self.exceptions = AuthorisationPanel(services, CONTACT_EXCEPTION)
        # Staff breach records are the Headteacher's alone: no tab for anyone else.
        self.breaches = BreachPanel(services) if services.guard.allowed(
            Operation.CONDUCT_BREACHES) else None
        for panel, title in ((self.register, "Re&gister"),
                             (self.permissions, "Written &permissions"),
                             (self.designations, "De&signated people"),
                             (self.exceptions, "Contact-detail e&xceptions"),
                             (self.breaches, "&Breaches")):
            if panel is not None:
                self.tabs.addTab(panel, title)
        layout.addWidget(self.tabs, 1)
        self.register.changed.connect(self._update_reminder)
        self.tabs.currentChanged.connect(lambda _index: self.on_shown())
        self._update_reminder()

    def on_shown(self) -> None:
        self._update_reminder()
        self.tabs.currentWidget().refresh()

    def on_data_changed(self) -> None:
        """Something was saved, here or elsewhere (``ChangeWatcher``): the tab in view reads
        it again, its selection and scrolling kept."""
        table = getattr(self.tabs.currentWidget(), "table", None)
        place = TablePlace.of(table) if table is not None else None
        self.on_shown()
        if place is not None:
            place.restore(table)

    def show_needing_action(self) -> None:
        """From the home view's reminder: the register, filtered to who needs chasing."""
        from avenue_desk.ui.widgets.conduct_register_panel import NEEDS_ACTION

        self.tabs.setCurrentIndex(REGISTER)
        self.register.show_status(NEEDS_ACTION)

    def _update_reminder(self) -> None:
        self.reminder.setText(self._services.conduct_register.reminder().message)
