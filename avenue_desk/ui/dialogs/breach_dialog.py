"""A potential breach of the code of conduct: who, what, when, who reported it, and which
items of the code it concerns, each shown in the words the person had acknowledged (and
when). Then evidence, kept as incident evidence is, and the investigation and outcome.

Evidence and the investigation hang off a saved record, so those tabs open after the
first save.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.services.conduct import CODE_ROLES, BreachInput, BreachRecord, CitedItem
from avenue_desk.services.core.errors import ServiceError, ValidationError
from avenue_desk.services.core.versions import ChangedElsewhere
from avenue_desk.ui.dialogs.changed_elsewhere import (
    KEEP_MINE,
    THEIRS_ONLY,
    reapply_on_theirs,
    shown,
)
from avenue_desk.ui.dialogs.person_dialog import PersonDialog
from avenue_desk.ui.labels import uk_date
from avenue_desk.ui.style import set_role
from avenue_desk.ui.widgets.breach_investigation import BreachInvestigation
from avenue_desk.ui.widgets.date_field import DateField, refuse_unread_dates
from avenue_desk.ui.widgets.field_errors import clear_when_edited
from avenue_desk.ui.widgets.person_picker import PersonPicker

KEY_ROLE = Qt.ItemDataRole.UserRole
# The Details tab's rows, by the field of BreachInput each one fills.
FORM_LABELS = {"person_id": "&Person:", "occurred_on": "&When it happened:",
               "reported_on": "Reported &on:", "reported_by": "Reported &by:",
               "what": "&What happened:", "item_keys": "&Items of the code:"}
# The same, as a "changed on another computer" question lists them.
FIELD_LABELS = {field: label.replace("&", "").rstrip(":")
                for field, label in FORM_LABELS.items()}


def cited_text(item: CitedItem) -> str:
    """How an item reads in the picker: its label, the words cited, and since when."""
    if item.acknowledged_on is None:
        when = "Not acknowledged by then: the code's current words."
    else:
        when = f"As acknowledged on {uk_date(item.acknowledged_on)}."
        if item.reworded_since:
            when += " (The code has been reworded since.)"
    return f"{item.label}\n“{item.text}”\n{when}"


class BreachDialog(QDialog):
    saved = Signal(int)

    def __init__(self, services, breach_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.record: BreachRecord | None = None
        self._opened: BreachInput | None = None  # the form as the record was opened
        self.evidence_panel = None
        today = services.clock.today()
        self.setWindowTitle("Potential breach of the code of conduct")
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)

        details = QWidget()
        form = QFormLayout(details)
        self.errors: dict[str, QLabel] = {}
        self.person = PersonPicker(services, roles=CODE_ROLES, new_role="staff",
                                   new_person_dialog=PersonDialog,
                                   placeholder="Type part of the name…")
        self.occurred_on = DateField(today, optional=False, unset_text="Choose the date")
        self.reported_on = DateField(today, optional=False, unset_text="Choose the date")
        self.reported_on.set_value(today)
        self.reported_by = QLineEdit()
        self.reported_by.setMaxLength(200)
        self.what = QPlainTextEdit()
        self.what.setTabChangesFocus(True)
        self.what.setFixedHeight(80)
        self.items = QListWidget()
        self.items.setAccessibleName("Items of the code this concerns")
        self.items.setWordWrap(True)
        self.items.setAlternatingRowColors(True)
        for field, widget in (("person_id", self.person), ("occurred_on", self.occurred_on),
                              ("reported_on", self.reported_on),
                              ("reported_by", self.reported_by), ("what", self.what),
                              ("item_keys", self.items)):
            self._row(form, FORM_LABELS[field], widget, field)
        self.items_hint = QLabel("Choose the person and the date: each item then shows the "
                                 "words they had acknowledged. Tick with Space.")
        self.items_hint.setWordWrap(True)
        set_role(self.items_hint, "quote")
        form.addRow(self.items_hint)
        self.tabs.addTab(details, "&Details")
        self.evidence_holder = QWidget()
        QVBoxLayout(self.evidence_holder)
        self.tabs.addTab(self.evidence_holder, "E&vidence")
        self.investigation = BreachInvestigation(services)
        self.tabs.addTab(self.investigation, "I&nvestigation and outcome")

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)

        self.person.changed.connect(self.refresh_items)
        self.occurred_on.changed.connect(self.refresh_items)
        self.investigation.changed.connect(self._investigated)
        if breach_id is not None:
            self._load(services.breaches.get(breach_id))
        self._enable_tabs()
        self.resize(900, 680)

    def _row(self, form: QFormLayout, label: str, widget: QWidget, field: str) -> None:
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
        # Only the item list takes the spare height; the other rows keep theirs.
        vertical = (QSizePolicy.Policy.Expanding if widget is self.items
                    else QSizePolicy.Policy.Maximum)
        holder.setSizePolicy(QSizePolicy.Policy.Preferred, vertical)
        form.addRow(label, holder)
        form.labelForField(holder).setBuddy(widget)

    # --- filling -------------------------------------------------------------------------

    def _load(self, record: BreachRecord) -> None:
        self.record = record
        self.person.set_person(record.person)  # as saved with it: _fill then keeps it
        self._fill(BreachInput(
            person_id=record.person.id, item_keys=tuple(c.key for c in record.items),
            what=record.what, occurred_on=record.occurred_on,
            reported_on=record.reported_on, reported_by=record.reported_by))
        self.investigation.show_record(record)
        self.setWindowTitle(f"Potential breach {record.id} — {record.person.full_name}")
        self._enable_tabs()
        self._opened = self.collect()

    def _fill(self, data: BreachInput) -> None:
        """The Details tab showing ``data`` (typed, not saved); ticked exactly as in it."""
        if self.person.person_id() != data.person_id:
            people = self._services.people.get_many([data.person_id] if data.person_id else [])
            self.person.set_person(people[0] if people else None)
        self.occurred_on.set_value(data.occurred_on)
        self.reported_on.set_value(data.reported_on)
        self.reported_by.setText(data.reported_by)
        self.what.setPlainText(data.what)
        self.refresh_items()
        for row in range(self.items.count()):
            item = self.items.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.data(KEY_ROLE) in data.item_keys
                               else Qt.CheckState.Unchecked)

    def refresh_items(self) -> None:
        """The picker, with the words the chosen person had acknowledged by the chosen date.
        A saved record shows the words it cited when it was saved."""
        ticked = set(self.item_keys())
        person_id, on = self.person.person_id(), self.occurred_on.value()
        self.items.clear()
        if person_id is None:
            self.items_hint.show()
            return
        try:
            cited = list(self._services.breaches.citable_items(person_id, on))
        except ServiceError as error:
            self.items_hint.setText(str(error))
            return
        saved = {c.key: c for c in self.record.items} if self.record else {}
        if self.record and self.record.person.id == person_id and self.record.occurred_on == on:
            cited = [saved.get(c.key, c) for c in cited]
            ticked |= set(saved)
        for item in cited:
            row = QListWidgetItem(cited_text(item))
            row.setData(KEY_ROLE, item.key)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked if item.key in ticked
                              else Qt.CheckState.Unchecked)
            self.items.addItem(row)
        chosen = [self.items.item(i) for i in range(self.items.count())
                  if self.items.item(i).checkState() == Qt.CheckState.Checked]
        if chosen:  # show the items this record cites, not the top of a long list
            self.items.scrollToItem(chosen[0], QListWidget.ScrollHint.PositionAtTop)

    def item_keys(self) -> tuple[str, ...]:
        return tuple(self.items.item(i).data(KEY_ROLE) for i in range(self.items.count())
                     if self.items.item(i).checkState() == Qt.CheckState.Checked)

    def _enable_tabs(self) -> None:
        saved = self.record is not None
        self.tabs.setTabEnabled(1, saved)
        self.tabs.setTabEnabled(2, saved)
        for index in (1, 2):
            self.tabs.setTabToolTip(index, "" if saved else "Save the record first")
        if saved and self.evidence_panel is None:
            from avenue_desk.ui.widgets.evidence_panel import EvidencePanel

            self.evidence_panel = EvidencePanel(self._services, self.record.id,
                                                self.evidence_holder,
                                                source=self._services.breach_evidence)
            self.evidence_holder.layout().addWidget(self.evidence_panel)

    # --- saving --------------------------------------------------------------------------

    def collect(self) -> BreachInput:
        return BreachInput(person_id=self.person.person_id(), item_keys=self.item_keys(),
                           what=self.what.toPlainText(), occurred_on=self.occurred_on.value(),
                           reported_on=self.reported_on.value(),
                           reported_by=self.reported_by.text())

    def save(self) -> bool:
        breaches = self._services.breaches
        if refuse_unread_dates(self.occurred_on, self.reported_on):
            self._show({"": "A date is not readable: see beside it."})
            return False
        mine = self.collect()
        try:
            if self.record is None:
                record = breaches.create(mine)
            else:
                record = breaches.update(self.record.id, mine, self.record.row_version)
        except ChangedElsewhere as refused:
            return self._changed_elsewhere(refused, mine)
        except ValidationError as error:
            self._show(error.errors)
            return False
        except ServiceError as error:
            self._show({"": str(error)})
            return False
        self._show({})
        self._load(record)
        self.status.setText(f"Saved. {len(record.items)} item(s) cited as "
                            f"{record.person.full_name} had acknowledged them.")
        self.saved.emit(record.id)
        return True

    def _changed_elsewhere(self, refused: ChangedElsewhere, mine: BreachInput) -> bool:
        """Saved on another computer meanwhile: theirs and yours side by side. Keep mine
        leaves both in the form, unsaved, against their version; Cancel leaves the form as
        typed against the version opened, so saving again asks again."""
        opened, typed_against = self._opened, self.record
        try:
            self._load(self._services.breaches.current(self.record.id))
        except ServiceError as error:
            self._show({"": str(error)})
            return False
        self._show({})
        choice = reapply_on_theirs(self, refused, opened or self._opened, mine, self._opened,
                                   self._fill, FIELD_LABELS, show=self._shown_value)
        if choice == KEEP_MINE:
            self.status.setText("Yours are back on top of theirs: check them, then save.")
        elif choice == THEIRS_ONLY:
            self.status.setText("Their changes are shown; yours were dropped.")
        else:  # back to the form as typed, still against the version opened
            self.record, self._opened = typed_against, opened
            self._show({"": f"{refused.headline}."})
        return False

    def _shown_value(self, name: str, value: object) -> str:
        """A cell of the question: people by name, items of the code by their label."""
        if name == "person_id" and value:
            people = self._services.people.get_many([value])
            return people[0].full_name if people else shown(value)
        if name == "item_keys":
            labels = {self.items.item(i).data(KEY_ROLE): self.items.item(i).text().split("\n")[0]
                      for i in range(self.items.count())}
            return ", ".join(labels.get(key, key) for key in value) or shown(value)
        return shown(value)

    def _investigated(self, record: BreachRecord) -> None:
        self.record = record
        self.saved.emit(record.id)

    def _show(self, errors: dict[str, str]) -> None:
        for field, label in self.errors.items():
            label.setText(errors.get(field, ""))
            label.setVisible(field in errors)
        others = [m for f, m in errors.items() if f not in self.errors]
        self.status.setText(("Not saved: " + " ".join(others)) if others else
                            ("Not saved: see the messages in red." if errors else ""))
        set_role(self.status, "error" if errors else None)
        if errors:
            self.tabs.setCurrentIndex(0)
