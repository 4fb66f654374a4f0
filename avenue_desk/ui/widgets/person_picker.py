"""Choosing people by typing part of a name: one person (the poster) or several (those named).

The search runs in the services as you type (debounced), so a school with thousands of
pupils never loads them all into the widget. Chosen people show as chips with a remove
button; "Add new person…" opens the person dialog and chooses whoever it saves.

An adult about whom the MIS records restricted access or a court order for a child (issue
15) is marked "Restricted access" in the matches and on their chip, wherever a picker is
used (an incident's poster, who is also a letter's recipient, and the people it names).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.people import PersonRecord
from avenue_desk.ui.labels import role_label
from avenue_desk.ui.style import set_role

SEARCH_DELAY_MS = 200
RESULT_LIMIT = 15
_ADD_NEW = -1  # the id carried by the "Add … as a new person" row
_ID_ROLE = Qt.ItemDataRole.UserRole


def describe(person: PersonRecord) -> str:
    """One line per person, e.g. "Zara Khan (3B) · Pupil": enough to tell namesakes apart;
    "… — Restricted access" as the People list marks it."""
    text = f"{person.display} · {role_label(person.role)}"
    mark = person.restricted_mark
    return f"{text} — {mark}" if mark else text


RESTRICTED_TIP = ("The MIS records restricted access or a court order for this person about "
                  "a child. Check with the Designated Safeguarding Lead before sharing "
                  "anything about that child with them, a letter included.")


class _Chip(QFrame):
    """One chosen person, with a button to take them off again."""

    def __init__(self, person: PersonRecord, on_remove, parent: QWidget | None = None):
        super().__init__(parent)
        self.person = person
        self.setObjectName("personChip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 2, 2)
        label = QLabel(f"{person.display} · {role_label(person.role)}", self)
        # Names are user text: "<b>" in a name must show as typed, never as markup.
        label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(label, 1)
        self.restricted_label = None
        if person.restricted_mark:
            self.restricted_label = set_role(QLabel(person.restricted_mark, self), "warning")
            self.restricted_label.setToolTip(RESTRICTED_TIP)
            self.restricted_label.setAccessibleName(
                f"{person.full_name}: {person.restricted_mark}")
            layout.addWidget(self.restricted_label)
        self.remove_button = QToolButton(self)
        self.remove_button.setText("×")
        self.remove_button.setToolTip(f"Remove {person.full_name}")
        self.remove_button.setAccessibleName(f"Remove {person.full_name}")
        self.remove_button.clicked.connect(lambda: on_remove(person.id))
        layout.addWidget(self.remove_button)


class PersonPicker(QWidget):
    """Search-as-you-type chooser over ``services.people.search``.

    Args:
        services: the app's Services.
        multi: several people (chips listed one per line) instead of one.
        roles: only offer people with these role keys (empty: everyone).
        new_role: the role "Add new person…" starts with.
        new_person_dialog: the dialog class "Add new person…" opens (``PersonDialog``,
            handed in because that dialog itself holds a picker for linked pupils).
    """

    changed = Signal()

    def __init__(self, services, *, multi: bool = False, roles: tuple[str, ...] = (),
                 new_role: str | None = None, placeholder: str = "Type part of a name…",
                 new_person_dialog=None, parent: QWidget | None = None):
        super().__init__(parent)
        self._new_person_dialog = new_person_dialog
        self._services = services
        self._multi = multi
        self._roles = tuple(roles)
        self._new_role = new_role
        self._chosen: list[PersonRecord] = []
        self.dialog = None  # the "Add new person" dialog while it is open

        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(placeholder)
        self.search_box.setClearButtonEnabled(True)
        self.add_button = QPushButton("Add new person…", self)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_new(self.search_box.text()))

        self._model = QStandardItemModel(self)
        # Not setCompleter(): the line edit would copy the chosen text into itself and
        # filter by prefix, while the service already matches any part of the name.
        self._completer = QCompleter(self._model, self)
        self._completer.setWidget(self.search_box)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setMaxVisibleItems(10)
        self._completer.activated[QModelIndex].connect(self._activated)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self.search_box.textEdited.connect(lambda _text: self._timer.start())
        self.search_box.installEventFilter(self)

        self._chips = QVBoxLayout()
        self._chips.setContentsMargins(0, 0, 0, 0)
        self._chips.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search_box, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(self._chips)
        layout.addLayout(row)
        self.setFocusProxy(self.search_box)

    # --- what is chosen ------------------------------------------------------------------

    def people(self) -> tuple[PersonRecord, ...]:
        return tuple(self._chosen)

    def ids(self) -> tuple[int, ...]:
        return tuple(p.id for p in self._chosen)

    def person(self) -> PersonRecord | None:
        return self._chosen[0] if self._chosen else None

    def person_id(self) -> int | None:
        return self._chosen[0].id if self._chosen else None

    def set_people(self, people) -> None:
        people = [self._marked(p) for p in dict((p.id, p) for p in people).values()]
        self._chosen = people
        if not self._multi:
            self._chosen = self._chosen[:1]
        self._rebuild()

    def set_person(self, person: PersonRecord | None) -> None:
        self.set_people([person] if person else [])

    def add_person(self, person: PersonRecord) -> None:
        if self._multi:
            if person.id not in self.ids():
                self._chosen.append(person)
        else:
            self._chosen = [person]
        self.search_box.clear()
        self._rebuild()
        self.changed.emit()

    def remove_person(self, person_id: int) -> None:
        self._chosen = [p for p in self._chosen if p.id != person_id]
        self._rebuild()
        self.changed.emit()
        if not self._multi:
            self.search_box.setFocus()

    def _marked(self, person: PersonRecord) -> PersonRecord:
        """``person`` with what the MIS restricts about them: a record handed in (an
        incident's poster and named people) may have been read without it."""
        if person.role == "pupil" or person.restricted_about:
            return person
        try:
            fresh = self._services.people.get(person.id)
        except ServiceError:  # gone, or not this account's to see: shown as it was given
            return person
        return replace(person, restricted_about=fresh.restricted_about)

    def chips(self) -> list[_Chip]:
        return [self._chips.itemAt(i).widget() for i in range(self._chips.count())]

    def _rebuild(self) -> None:
        while self._chips.count():
            widget = self._chips.takeAt(0).widget()
            widget.hide()
            widget.deleteLater()
        for person in self._chosen:
            self._chips.addWidget(_Chip(person, self.remove_person, self))
        # One poster at a time: the search row comes back when the chip is removed.
        has_room = self._multi or not self._chosen
        self.search_box.setVisible(has_room)
        self.add_button.setVisible(has_room)

    # --- searching -----------------------------------------------------------------------

    def search_now(self) -> list[PersonRecord]:
        """Runs the search for the typed text and shows the matches under the box."""
        self._timer.stop()
        text = self.search_box.text().strip()
        self._model.clear()
        if not text:
            self._completer.popup().hide()
            return []
        taken = set(self.ids())
        found = [
            p for p in self._services.people.search(text, self._roles, limit=RESULT_LIMIT)
            if p.id not in taken
        ]
        for person in found:
            item = QStandardItem(describe(person))
            item.setData(person.id, _ID_ROLE)
            item.setData(person, _ID_ROLE + 1)
            self._model.appendRow(item)
        extra = QStandardItem(f"Add “{text}” as a new person…")
        extra.setData(_ADD_NEW, _ID_ROLE)
        self._model.appendRow(extra)
        self._completer.setCompletionPrefix("")
        # Only for someone typing in the box: a list popping up elsewhere would steal keys.
        if self.search_box.hasFocus():
            self._completer.complete()
        return found

    def result_texts(self) -> list[str]:
        return [self._model.item(r).text() for r in range(self._model.rowCount())]

    def choose_result(self, row: int) -> None:
        """Acts as if the row of the match list was clicked (also used by tests)."""
        self._activated(self._model.index(row, 0))

    def _activated(self, index) -> None:
        person_id = index.data(_ID_ROLE)
        self._completer.popup().hide()
        if person_id == _ADD_NEW:
            self.add_new(self.search_box.text())
            return
        person = index.data(_ID_ROLE + 1)
        if person is None:  # the popup's proxy index: look the row up in our own model
            match = self._model.match(self._model.index(0, 0), _ID_ROLE, person_id, 1)
            person = match[0].data(_ID_ROLE + 1) if match else None
        if person is not None:
            self.add_person(person)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter in the search box searches at once; it must not reach the dialog, where it
        # would press the default button and save a half-filled form.
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.search_now()
                return True
            if event.key() == Qt.Key.Key_Down and not self._completer.popup().isVisible():
                self.search_now()
                return True
        return super().eventFilter(watched, event)

    # --- adding someone new --------------------------------------------------------------

    def add_new(self, typed_name: str = ""):
        """Opens the person dialog (window-modal); whoever it saves is chosen here."""
        self._completer.popup().hide()
        dialog = self._new_person_dialog(self._services, None, self.window(),
                                         default_role=self._new_role)
        dialog.prefill_name(typed_name.strip())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: dialog.person and self.add_person(dialog.person))
        dialog.finished.connect(self._forget_dialog)
        self.dialog = dialog
        # open(), not exec(): modal to the window, while the event loop (and tests) run on.
        dialog.open()
        return dialog

    def _forget_dialog(self, *_args) -> None:
        self.dialog = None
