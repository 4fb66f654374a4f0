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
        for key, box in self.uses.items():
            box.setChecked(key in record.uses)
        if record.purpose:
            self.purpose.setCurrentIndex(max(self.purpose.findData(record.purpose), 0))
        self.what.setText(record.what)
        self.place.setText(record.place)
        self.valid_from.set_value(record.valid_from)
        self.valid_until.set_value(record.valid_until)
        self.agreed_by.setText(record.agreed_by)
        self.agreed_on.set_value(record.agreed_on)
        self.notes.setPlainText(record.notes)

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
        try:
            if self.record is None:
                saved = service.create(self.kind, self.collect())
            else:
                saved = service.update(self.kind, self.record.id, self.collect())
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

    def _show(self, errors: dict[str, str]) -> None:
        for field, label in self.errors.items():
            label.setText(errors.get(field, ""))
            label.setVisible(field in errors)
        others = [m for f, m in errors.items() if f not in self.errors]
        self.general_error.setText(" ".join(others))
        self.general_error.setVisible(bool(others))
