"""How parents and others reach the school: phone, email, website, the Chair of Governors,
where the complaints procedure is, and the line under the headteacher's signature.

One box for the Settings page and the first start's set-up, so both ask the same things
with the same labels (from the settings registry) and show each refusal beside its field.
Letters and the guidance sheet print what is entered here; they leave out what is empty.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QLineEdit, QWidget

from avenue_desk.policy import settings_registry as registry
from avenue_desk.ui.style import set_role
from avenue_desk.ui.widgets.field_errors import clear_when_edited

# (entry, attribute name, accessible name, placeholder)
_FIELDS = (
    (registry.SCHOOL_PHONE, "phone", "School phone number", "0113 496 0000"),
    (registry.SCHOOL_EMAIL, "email", "School email address", "office@school.sch.uk"),
    (registry.SCHOOL_WEBSITE, "website", "School website", "www.school.sch.uk"),
    (registry.CHAIR_OF_GOVERNORS, "chair", "Name of the Chair of Governors", "Mr Tom Price"),
    (registry.COMPLAINTS_PROCEDURE, "complaints", "Where the complaints procedure is published",
     "on the school website, or from the school office"),
    (registry.HEAD_TITLE, "head_title", "Line under the headteacher's signature",
     "Headteacher"),
)


class SchoolContactsSection(QGroupBox):
    """``load(extra)`` fills the boxes from stored settings; ``values()`` is what to store
    (settings key -> text); ``error_labels`` are keyed as ValidationError names fields."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("How parents reach the school (printed on letters)", parent)
        grid = QGridLayout(self)
        grid.setColumnStretch(1, 1)
        self.edits: dict[str, QLineEdit] = {}
        self.error_labels: dict[str, QLabel] = {}
        for row, (entry, name, accessible, placeholder) in enumerate(_FIELDS):
            label = QLabel(entry.label)
            edit = QLineEdit()
            edit.setAccessibleName(accessible)
            edit.setPlaceholderText(f"e.g. {placeholder}")
            edit.setMaxLength(200)
            label.setBuddy(edit)
            error = QLabel()
            error.setWordWrap(True)
            set_role(error, "error")
            error.hide()
            clear_when_edited(error, edit)
            grid.addWidget(label, row, 0)
            grid.addWidget(edit, row, 1)
            grid.addWidget(error, row, 2)
            setattr(self, name, edit)
            self.edits[entry.key] = edit
            self.error_labels[entry.error_field] = error
        self.complaints.setToolTip("Finishes the sentence “The complaints procedure is …” on "
                                   "letters and the guidance sheet.")
        self.head_title.setToolTip("Printed under the headteacher's name at the end of "
                                   "every letter.")

    def load(self, settings) -> None:
        """``settings``: the school's settings as kept (SchoolSettings)."""
        extra = settings.extra  # each key named, for the check that every key is declared
        self.phone.setText(extra.get(registry.SCHOOL_PHONE.key, ""))
        self.email.setText(extra.get(registry.SCHOOL_EMAIL.key, ""))
        self.website.setText(extra.get(registry.SCHOOL_WEBSITE.key, ""))
        self.chair.setText(extra.get(registry.CHAIR_OF_GOVERNORS.key, ""))
        self.complaints.setText(extra.get(registry.COMPLAINTS_PROCEDURE.key, ""))
        self.head_title.setText(extra.get(registry.HEAD_TITLE.key, registry.HEAD_TITLE.default))
        for label in self.error_labels.values():
            label.clear()
            label.hide()

    def values(self) -> dict[str, str]:
        return {key: edit.text().strip() for key, edit in self.edits.items()}
