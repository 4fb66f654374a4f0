"""Adding or changing one permission, designation or contact-detail exception: who, what,
where (or to whom), from and until, and who agreed it. The service checks it all; each
message appears beside its field."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.services.conduct import (
    CODE_ROLES,
    CONTACT_EXCEPTION,
    DESIGNATION,
    DESIGNATION_PURPOSES,
    PERMISSION,
    PERMISSION_USES,
    AuthorisationInput,
    AuthorisationRecord,
)
from avenue_desk.services.core.errors import ServiceError, ValidationError
from avenue_desk.services.core.versions import ChangedElsewhere
from avenue_desk.ui.dialogs.changed_elsewhere import (
    KEEP_MINE,
    THEIRS_ONLY,
    reapply_on_theirs,
    shown,
)
from avenue_desk.ui.dialogs.person_dialog import PersonDialog
from avenue_desk.ui.style import set_role
from avenue_desk.ui.widgets.date_field import DateField, refuse_unread_dates
from avenue_desk.ui.widgets.field_errors import clear_when_edited
from avenue_desk.ui.widgets.person_picker import PersonPicker

TITLES = {PERMISSION: "Written permission", DESIGNATION: "Designated person",
          CONTACT_EXCEPTION: "Contact-detail exception"}
FIELD_LABELS = {
    PERMISSION: ("What &for:", "&Where it will be used:"),
    DESIGNATION: ("What &for:", "&Which accounts or channels:"),
    CONTACT_EXCEPTION: ("&Which contact details:", "&Given to, and why:"),
}


class AuthorisationDialog(QDialog):
    saved = Signal(object)  # the AuthorisationRecord

    def __init__(self, services, kind: str, record: AuthorisationRecord | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.kind = kind
        self.record = record
        self._opened: AuthorisationInput | None = None  # the form as the record was opened
        self._labels: dict[str, str] = {}  # plain, for a "changed on another computer" question
        today = services.clock.today()
        self.setWindowTitle(("Edit: " if record else "New: ") + TITLES[kind].lower())
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.errors: dict[str, QLabel] = {}

        def row(label: str, widget: QWidget, field: str) -> None:
            holder = QWidget()
            inner = QVBoxLayout(holder)
            inner.setContentsMargins(0, 0, 0, 0)
            inner.addWidget(widget)
            error = set_role(QLabel(), "error")
            error.setWordWrap(True)
            error.setTextFormat(Qt.TextFormat.PlainText)
            error.hide()
            inner.addWidget(error)
            self.errors[field] = error
            self._labels[field] = label.replace("&", "").rstrip(":")
            clear_when_edited(error, widget)
            form.addRow(label, holder)
            form.labelForField(holder).setBuddy(widget)

        self.person = PersonPicker(services, roles=CODE_ROLES, new_role="staff",
                                   new_person_dialog=PersonDialog,
                                   placeholder="Type part of the name…")
        row("&Person:", self.person, "person_id")
        self.uses: dict[str, QCheckBox] = {}
        if kind == PERMISSION:
            uses = QWidget()
            line = QHBoxLayout(uses)
            line.setContentsMargins(0, 0, 0, 0)
            for key, label in PERMISSION_USES.items():
                self.uses[key] = QCheckBox(label)
                line.addWidget(self.uses[key])
            line.addStretch(1)
            row("May &use:", uses, "uses")
        self.purpose = QComboBox()
        if kind == DESIGNATION:
            for key, label in DESIGNATION_PURPOSES.items():
                self.purpose.addItem(label, key)
            row("Designated &for:", self.purpose, "purpose")
        what_label, place_label = FIELD_LABELS[kind]
        self.what = QLineEdit()
        self.what.setMaxLength(2000)
        row(what_label, self.what, "what")
        self.place = QLineEdit()
        self.place.setMaxLength(2000)
        row(place_label, self.place, "place")
        self.valid_from = DateField(today, optional=False, unset_text="Choose the date")
        self.valid_from.set_value(today)
        row("F&rom:", self.valid_from, "valid_from")
        self.valid_until = DateField(today, optional=True, unset_text="Until withdrawn")
        row("&Until:", self.valid_until, "valid_until")
        self.agreed_by = QLineEdit()
        self.agreed_by.setPlaceholderText(services.settings.load().head_name or "Headteacher")
        row("Agreed &by:", self.agreed_by, "agreed_by")
        self.agreed_on = DateField(today, optional=False, unset_text="Choose the date")
        self.agreed_on.set_value(today)
        row("Agreed &on:", self.agreed_on, "agreed_on")
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)
        row("&Notes or conditions:", self.notes, "notes")
        layout.addLayout(form)
        self.general_error = set_role(QLabel(), "error")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        layout.addWidget(self.general_error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if record is not None:
            self._load(record)
        self.resize(640, self.sizeHint().height())

    def _load(self, record: AuthorisationRecord) -> None:
        self.person.set_person(self._services.people.get(record.person_id))
        self._fill(AuthorisationInput(
            person_id=record.person_id, what=record.what, place=record.place,
            valid_from=record.valid_from, valid_until=record.valid_until,
            agreed_by=record.agreed_by, agreed_on=record.agreed_on, notes=record.notes,
            uses=record.uses, purpose=record.purpose))
        self._opened = self.collect()

    def _fill(self, data: AuthorisationInput) -> None:
        """The form showing ``data`` (typed, not saved)."""
        if self.person.person_id() != data.person_id:
            people = self._services.people.get_many([data.person_id] if data.person_id else [])
            self.person.set_person(people[0] if people else None)
        for key, box in self.uses.items():
            box.setChecked(key in data.uses)
        if data.purpose:
            self.purpose.setCurrentIndex(max(self.purpose.findData(data.purpose), 0))
        self.what.setText(data.what)
        self.place.setText(data.place)
        self.valid_from.set_value(data.valid_from)
        self.valid_until.set_value(data.valid_until)
        self.agreed_by.setText(data.agreed_by)
        self.agreed_on.set_value(data.agreed_on)
        self.notes.setPlainText(data.notes)

    def collect(self) -> AuthorisationInput:
        return AuthorisationInput(
            person_id=self.person.person_id(), what=self.what.text(), place=self.place.text(),
            valid_from=self.valid_from.value(), valid_until=self.valid_until.value(),
            agreed_by=self.agreed_by.text(), agreed_on=self.agreed_on.value(),
            notes=self.notes.toPlainText(),
            uses=tuple(k for k, box in self.uses.items() if box.isChecked()),
            purpose=self.purpose.currentData() or "",
        )

    def save(self) -> bool:
        service = self._services.authorisations
        if refuse_unread_dates(self.valid_from, self.valid_until, self.agreed_on):
            self._show({"": "A date is not readable: see beside it."})
            return False
        mine = self.collect()
        try:
            if self.record is None:
                saved = service.create(self.kind, mine)
            else:
                saved = service.update(self.kind, self.record.id, mine,
                                       self.record.row_version)
        except ChangedElsewhere as refused:
            return self._changed_elsewhere(refused, mine)
        except ValidationError as error:
            self._show(error.errors)
            return False
        except ServiceError as error:
            self._show({"": str(error)})
            return False
        self.record = saved
        self.saved.emit(saved)
        self.accept()
        return True

    def _changed_elsewhere(self, refused: ChangedElsewhere, mine: AuthorisationInput) -> bool:
        """Saved on another computer meanwhile: theirs and yours side by side. Keep mine
        leaves both in the form, unsaved, against their version; Cancel leaves the form as
        typed against the version opened, so saving again asks again."""
        opened, typed_against = self._opened, self.record
        try:
            self.record = self._services.authorisations.get(self.kind, self.record.id)
        except ServiceError as error:
            self._show({"": str(error)})
            return False
        self._load(self.record)
        self._show({})
        labels = {"uses": "May use", "purpose": "Designated for", **self._labels}
        choice = reapply_on_theirs(self, refused, opened or self._opened, mine, self._opened,
                                   self._fill, labels, show=self._shown_value)
        if choice == KEEP_MINE:
            self._show({"": "Yours are back on top of theirs: check them, then save."})
        elif choice == THEIRS_ONLY:
            self._show({"": "Their changes are shown; yours were dropped."})
        else:  # back to the form as typed, still against the version opened
            self.record, self._opened = typed_against, opened
            self._show({"": f"Not saved: {refused.headline}."})
        return False

    def _shown_value(self, name: str, value: object) -> str:
        """A cell of the question: the person by name, uses and purposes in words."""
        if name == "person_id" and value:
            people = self._services.people.get_many([value])
            return people[0].full_name if people else shown(value)
        if name == "uses":
            return ", ".join(PERMISSION_USES.get(k, k) for k in value) or shown(value)
        if name == "purpose" and value:
            return DESIGNATION_PURPOSES.get(value, value)
        return shown(value)

    def _show(self, errors: dict[str, str]) -> None:
        for field, label in self.errors.items():
            label.setText(errors.get(field, ""))
            label.setVisible(field in errors)
        others = [m for f, m in errors.items() if f not in self.errors]
        self.general_error.setText(" ".join(others))
        self.general_error.setVisible(bool(others))
