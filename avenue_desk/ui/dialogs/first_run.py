"""The first-run set-up: the school's details, or a fictional demo school instead.

The demo school lives in its own folder (``paths.demo()``), so trying the app out never
puts a made-up incident among the school's real records.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from avenue_desk.services.core.errors import ValidationError
from avenue_desk.ui.forms.ui_first_run import Ui_FirstRunDialog
from avenue_desk.ui.style import set_role
from avenue_desk.ui.views.settings import fill_edition_combo, show_field_errors
from avenue_desk.ui.widgets.field_errors import clear_when_edited
from avenue_desk.ui.widgets.school_contacts import SchoolContactsSection

DEMO_INCIDENTS = 300


class FirstRunDialog(QDialog):
    """Accepted with ``choice`` "school" (settings saved) or "demo" (nothing saved here)."""

    def __init__(self, services, parent=None):
        super().__init__(parent)
        self._services = services
        self.choice: str | None = None
        self.ui = Ui_FirstRunDialog()
        self.ui.setupUi(self)
        set_role(self.ui.heading, "heading")
        set_role(self.ui.demoNote, "muted")
        set_role(self.ui.policyNote, "muted")
        set_role(self.ui.startButton, "primary")
        self.error_labels = {
            "school_name": self.ui.schoolNameError,
            "address": self.ui.addressError,
            "head_name": self.ui.headNameError,
            "policy_edition": self.ui.policyEditionError,
        }
        for label in self.error_labels.values():
            set_role(label, "error")
        for name, field in (("school_name", self.ui.schoolName), ("address", self.ui.address),
                            ("head_name", self.ui.headName),
                            ("policy_edition", self.ui.policyEdition)):
            clear_when_edited(self.error_labels[name], field)
        # Under the name and address: how parents reach the school, for the letters.
        self.contacts = SchoolContactsSection(self)
        layout = self.ui.dialogLayout
        layout.insertWidget(layout.indexOf(self.ui.fields) + 1, self.contacts)
        self.error_labels.update(self.contacts.error_labels)
        current = services.settings.load()
        self.contacts.load(current)
        self.ui.schoolName.setText(current.school_name)
        self.ui.address.setPlainText(current.address)
        self.ui.headName.setText(current.head_name)
        fill_edition_combo(self.ui.policyEdition, current.policy_edition)
        show_field_errors(self.error_labels, {})
        self.ui.startButton.clicked.connect(self.start)
        self.ui.demoButton.clicked.connect(self.choose_demo)
        self.setMinimumWidth(720)
        self.resize(self.minimumWidth(), self.sizeHint().height())

    def start(self) -> None:
        settings = replace(
            self._services.settings.load(),
            school_name=self.ui.schoolName.text(),
            address=self.ui.address.toPlainText(),
            head_name=self.ui.headName.text(),
            policy_edition=self.ui.policyEdition.currentData(),
            set_up=True,
            is_demo=False,
            extra=self.contacts.values(),
        )
        try:
            self._services.settings.save(settings)
        except ValidationError as error:
            show_field_errors(self.error_labels, error.errors)
            first = next((n for n in self.error_labels if n in error.errors), None)
            if first == "school_name":
                self.ui.schoolName.setFocus()
            elif first == "head_name":
                self.ui.headName.setFocus()
            elif first in self.contacts.edits:
                self.contacts.edits[first].setFocus()
            return
        self.choice = "school"
        self.accept()

    def choose_demo(self) -> None:
        self.choice = "demo"
        self.accept()


BUILDING = "Building the demo school… The first time takes a few seconds."
OPENING = "Opening the demo school…"


def with_progress(demo_paths, work):
    """``work(progress)`` (the demo school's services, built the first time) on a worker,
    a window saying "Building the demo school…" on screen from the start, so the screen is
    never left empty; returns what it returned, or raises what it raised."""
    from avenue_desk.ui.maintenance import run_with_progress

    built = demo_paths.database_file.exists()  # opening it again is quick: no flash then
    result, error = run_with_progress(None, "The demo school", OPENING if built else BUILDING,
                                      work, show_after_ms=400 if built else 0)
    if error is not None:
        raise error
    return result


def show_demo_accounts(made, parent=None) -> None:
    """The demo accounts and, if it was made up, their password: shown this once."""
    text = ("The demo school is ready, and you are signed in to it as its Headteacher.\n\n"
            "It has one account of each kind, to see what each person can do: head, office, "
            "governor and staff.")
    if made.generated:
        text += (f"\n\nThey all have the password {made.password}\n\nWrite it down if you "
                 "want to come back to the demo: it is not shown again.")
    else:
        text += "\n\nThey all have the password set in AVENUE_DESK_PASSWORD."
    box = QMessageBox(QMessageBox.Icon.Information, "The demo school", text, parent=parent)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()
