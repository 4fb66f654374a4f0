"""Adding or editing one person: a parent, carer, relative, pupil, member of staff…

The title, forenames and surname a letter is addressed by are filled in from the name as
it is typed, only where that is unambiguous ("Mr John Okafor"), until the person edits them;
under them, what a letter will say after "Dear".
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTabWidget, QWidget

from avenue_desk.policy import EDITIONS, ROLES, get_role, quote_for_role
from avenue_desk.policy.access import Operation
from avenue_desk.policy.people import salutation
from avenue_desk.services.core.errors import NotFound, RecordsDamaged, ValidationError
from avenue_desk.services.core.versions import ChangedElsewhere, merge_changes
from avenue_desk.services.people import PersonInput, PersonRecord, parts_from_full_name
from avenue_desk.ui.dialogs.changed_elsewhere import (
    KEEP_MINE,
    THEIRS_ONLY,
    ChangedElsewhereDialog,
)
from avenue_desk.ui.forms.ui_person_dialog import Ui_PersonDialog
from avenue_desk.ui.widgets.field_errors import clear_when_edited
from avenue_desk.ui.widgets.person_picker import PersonPicker

# The form's labels for the fields a "changed on another computer" question lists.
FIELD_LABELS = {"full_name": "Full name", "role": "Role", "class_name": "Class",
                "year_group": "Year group", "email": "Email", "phone": "Phone",
                "address": "Address", "notes": "Notes", "linked_pupil_ids": "Children (ids)",
                "title": "Title", "forenames": "Forenames", "surname": "Surname",
                "salutation": "Letters begin", "mis_id": "MIS id"}


class PersonDialog(QDialog):
    """After ``exec()`` returns Accepted, ``person`` holds the saved record."""

    def __init__(self, services, person_id: int | None = None, parent: QWidget | None = None,
                 default_role: str | None = None, record_opener=None):
        super().__init__(parent)
        self._services = services
        self._record_opener = record_opener  # opens a chronology line's record
        self._person_id = person_id
        self._mis_id = ""  # not edited here, but kept so saving does not wipe it
        self.person: PersonRecord | None = None
        self._version: int | None = None  # the version opened, handed back with a save
        self._opened: PersonInput | None = None  # the form as opened, to tell what you changed
        self.ui = Ui_PersonDialog()
        self.ui.setupUi(self)  # its labels' roles (error, muted) are set in the .ui
        for role in ROLES:
            self.ui.role.addItem(role.label, role.key)
        self.linked = PersonPicker(
            services, multi=True, roles=("pupil",), new_role="pupil",
            new_person_dialog=PersonDialog,
            placeholder="Type part of a pupil's name…", parent=self.ui.linked_holder,
        )
        self.ui.linked_layout.addWidget(self.linked)
        self.ui.linked_label.setBuddy(self.linked.search_box)
        self._errors: dict[str, tuple[QLabel, QWidget]] = {
            "full_name": (self.ui.full_name_error, self.ui.full_name),
            "title": (self.ui.name_parts_error, self.ui.title),
            "forenames": (self.ui.name_parts_error, self.ui.forenames),
            "surname": (self.ui.name_parts_error, self.ui.surname),
            "salutation": (self.ui.name_parts_error, self.ui.salutation),
            "role": (self.ui.role_error, self.ui.role),
            "email": (self.ui.email_error, self.ui.email),
            "notes": (self.ui.notes_error, self.ui.notes),
            "linked_pupil_ids": (self.ui.linked_error, self.linked),
        }
        for label, widget in self._errors.values():
            label.setTextFormat(Qt.TextFormat.PlainText)  # messages quote what was typed
            clear_when_edited(label, widget)
        self.ui.general_error.setTextFormat(Qt.TextFormat.PlainText)
        self._clear_errors()
        self.ui.role.currentIndexChanged.connect(self._role_changed)
        # The parts follow the name until the person types in one of them.
        self._parts_typed = False
        self.ui.full_name.textEdited.connect(self._name_edited)
        for part in (self.ui.title, self.ui.forenames, self.ui.surname):
            part.textEdited.connect(self._part_edited)
        for edit in (self.ui.title, self.ui.surname, self.ui.salutation):
            edit.textChanged.connect(self._show_salutation)
        self.linked.changed.connect(self._show_salutation)
        self.ui.buttons.accepted.connect(self.save)
        self.ui.buttons.rejected.connect(self.reject)
        # Enter in a text box must not save half a form; Save is clicked or Ctrl+S'd.
        for button in self.ui.buttons.buttons():
            button.setAutoDefault(False)
        self._set_role(default_role or "parent")
        self.chronology = None  # the Chronology tab's panel, for a person already saved
        self.tabs = None
        if person_id is not None:
            self._load(person_id)
            self._add_chronology(person_id)
        else:
            self.setWindowTitle("New person")
        self._role_changed()

    def _add_chronology(self, person_id: int) -> None:
        """Their chronology beside their details (part 10): read when the tab is shown."""
        guard = self._services.guard
        if not (guard.allowed(Operation.PEOPLE_VIEW) and guard.allowed(Operation.INCIDENT_VIEW)):
            return
        from avenue_desk.ui.widgets.chronology_panel import ChronologyPanel

        layout = self.ui.outer_layout
        index = layout.indexOf(self.ui.scroll)
        layout.removeWidget(self.ui.scroll)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.ui.scroll, "&Details")
        self.chronology = ChronologyPanel(self._services, person_id, self.tabs,
                                          self._record_opener)
        self.tabs.addTab(self.chronology, "C&hronology")
        layout.insertWidget(index, self.tabs, 1)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.resize(max(self.width(), 980), max(self.height(), 640))

    def _tab_shown(self, _index: int = 0) -> None:
        if self.tabs.currentWidget() is self.chronology and self.chronology.chronology is None:
            self.chronology.load()

    def show_chronology(self) -> None:
        """Opens on the Chronology tab (from an incident: the poster's history)."""
        if self.tabs is not None:
            self.tabs.setCurrentWidget(self.chronology)
            self._tab_shown()

    # --- filling and reading the form ----------------------------------------------------

    def prefill_name(self, text: str) -> None:
        self.ui.full_name.setText(text)
        self._name_edited(text)

    def _name_edited(self, text: str) -> None:
        if self._parts_typed:
            return
        parts = parts_from_full_name(text)
        self.ui.title.setText(parts.title)
        self.ui.forenames.setText(parts.forenames)
        self.ui.surname.setText(parts.surname)

    def _part_edited(self, _text: str) -> None:
        self._parts_typed = True

    def _show_salutation(self, *_args) -> None:
        """What a letter will say after "Dear", from what is on the form."""
        children = tuple((p.full_name.split() or [""])[0] for p in self.linked.people())
        said = salutation(addressed_as=self.ui.salutation.text(), title=self.ui.title.text(),
                          surname=self.ui.surname.text(), role=self._role_key() or "parent",
                          children=children)
        self.ui.salutation_preview.setText(f"Letters will begin “Dear {said},”")

    def _set_role(self, key: str) -> None:
        index = self.ui.role.findData(key)
        self.ui.role.setCurrentIndex(max(index, 0))

    def _load(self, person_id: int) -> None:
        try:
            record = self._services.people.get(person_id)
        except (NotFound, RecordsDamaged) as exc:
            self.ui.general_error.setText(str(exc))
            self.ui.general_error.show()
            if isinstance(exc, RecordsDamaged):  # an empty form must never be saved over it
                self.ui.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            return
        self.setWindowTitle(f"Person — {record.full_name}")
        self._fill(record)
        self._opened = self.collect()
        self._mark_restricted(record)

    def _fill(self, record) -> None:
        """The form from a saved record (or an input to put back): the version with it."""
        self._version = getattr(record, "row_version", self._version)
        self._mis_id = record.mis_id
        self.ui.full_name.setText(record.full_name)
        self._parts_typed = True  # as recorded: a change to the name leaves them as they are
        self.ui.title.setText(record.title)
        self.ui.forenames.setText(record.forenames)
        self.ui.surname.setText(record.surname)
        self.ui.salutation.setText(record.salutation)
        self._set_role(record.role)
        self.ui.class_name.setText(record.class_name)
        self.ui.year_group.setText(record.year_group)
        self.ui.email.setText(record.email)
        self.ui.phone.setText(record.phone)
        self.ui.address.setPlainText(record.address)
        self.ui.notes.setPlainText(record.notes)
        self.linked.set_people(self._services.people.get_many(record.linked_pupil_ids))

    def _mark_restricted(self, record: PersonRecord) -> None:
        """Restricted access (a court order) recorded by the MIS, said at the top (issue 15)."""
        if not record.restricted_about:
            return
        from avenue_desk.ui.style import set_role

        about = ", ".join(p.full_name for p in
                          self._services.people.get_many(record.restricted_about))
        self.restricted_label = set_role(QLabel(
            f"Restricted access: the MIS records a court order or restricted access for "
            f"{record.full_name} about {about}. Check with the Designated Safeguarding Lead "
            "before sharing anything about this child with them."), "error")
        self.restricted_label.setTextFormat(Qt.TextFormat.PlainText)
        self.restricted_label.setWordWrap(True)
        self.ui.outer_layout.insertWidget(0, self.restricted_label)

    def _role_key(self) -> str:
        return self.ui.role.currentData()

    def _role_changed(self) -> None:
        role = get_role(self._role_key())
        quote = quote_for_role(role)
        edition = EDITIONS[quote.edition_key]
        # The policy's own words on who counts, so "relative" or "anyone associated with
        # the school" is chosen with the sentence in view.
        self.ui.role_help.setTextFormat(Qt.TextFormat.RichText)
        self.ui.role_help.setText(
            f"<i>“{html.escape(quote.text)}”</i><br>— {html.escape(edition.title)} "
            f"({html.escape(edition.produced_label)})"
        )
        is_pupil = role.key == "pupil"
        for row_widget in (self.ui.class_name, self.ui.year_group):
            self.ui.form.setRowVisible(row_widget, is_pupil)
        # Only adults have children at the school; a pupil's own adults are linked from theirs.
        self.ui.form.setRowVisible(self.ui.linked_box, role.is_adult)
        self.ui.form.setRowVisible(self.ui.salutation_box, role.is_adult)  # letters go to adults
        self._show_salutation()

    def collect(self) -> PersonInput:
        is_pupil = self._role_key() == "pupil"
        adult = get_role(self._role_key()).is_adult
        return PersonInput(
            full_name=self.ui.full_name.text(),
            role=self._role_key(),
            class_name=self.ui.class_name.text() if is_pupil else "",
            year_group=self.ui.year_group.text() if is_pupil else "",
            email=self.ui.email.text(),
            phone=self.ui.phone.text(),
            address=self.ui.address.toPlainText(),
            mis_id=self._mis_id,
            notes=self.ui.notes.toPlainText(),
            linked_pupil_ids=self.linked.ids() if adult else (),
            title=self.ui.title.text(),
            forenames=self.ui.forenames.text(),
            surname=self.ui.surname.text(),
            salutation=self.ui.salutation.text(),
        )

    # --- saving --------------------------------------------------------------------------

    def save(self) -> bool:
        self._clear_errors()
        data = self.collect()
        try:
            if self._person_id is None:
                self.person = self._services.people.create(data)
            else:
                self.person = self._services.people.update(self._person_id, data,
                                                           self._version)
        except ChangedElsewhere as refused:
            self._changed_elsewhere(refused, data)
            return False
        except ValidationError as exc:
            self._show_errors(exc.errors)
            return False
        except NotFound as exc:
            self.ui.general_error.setText(str(exc))
            self.ui.general_error.show()
            return False
        self.accept()
        return True

    def _changed_elsewhere(self, refused: ChangedElsewhere, mine: PersonInput) -> None:
        """Someone saved this person meanwhile: both shown, and yours put back on top of
        theirs if you choose, for you to check and save again."""
        try:
            saved = self._services.people.get(self._person_id)
        except (NotFound, RecordsDamaged) as exc:
            self.ui.general_error.setText(str(exc))
            self.ui.general_error.show()
            return
        opened_version, opened = self._version, self._opened
        self._fill(saved)
        theirs = self.collect()
        merged, changes = merge_changes(opened or theirs, mine, theirs)
        choice = ChangedElsewhereDialog(refused, changes, FIELD_LABELS, self).exec()
        if choice == KEEP_MINE:
            self._fill(merged)
            self._opened = theirs
        elif choice == THEIRS_ONLY:
            self._opened = theirs
        else:  # back to the form as typed, still against the version opened: saving
            self._fill(mine)  # again asks again, never overwrites theirs
            self._version = opened_version

    def _clear_errors(self) -> None:
        for label, _widget in self._errors.values():
            label.clear()
            label.hide()
        self.ui.general_error.clear()
        self.ui.general_error.hide()

    def _show_errors(self, errors: dict[str, str]) -> None:
        leftovers = []
        for field, message in errors.items():
            if field in self._errors:
                label, _widget = self._errors[field]
                label.setText(message)
                label.show()
            else:
                leftovers.append(message)
        if leftovers:
            self.ui.general_error.setText("\n".join(leftovers))
            self.ui.general_error.show()
        # The first bad field in the order of the form, not the order of the dict.
        order = list(self._errors)
        bad = sorted((f for f in errors if f in self._errors), key=order.index)
        if bad:
            widget = self._errors[bad[0]][1]
            widget.setFocus()
            self.ui.scroll.ensureWidgetVisible(widget)

    def done(self, result: int) -> None:
        # Cancel leaves nothing half-saved behind: ``person`` only holds a saved record.
        if result != QDialog.DialogCode.Accepted:
            self.person = None
        super().done(result)

