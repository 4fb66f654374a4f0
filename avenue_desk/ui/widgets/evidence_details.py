"""The selected evidence file's details, to correct: when it was captured (date and time),
the web address captured, the account it shows, who captured it and a note. The police
referral pack prints them beside each file's fingerprint; the file itself never changes.

A source that keeps only the capture date and time (``set_capture``) gets those two; one
that keeps everything (``set_details``, an incident's evidence) gets the rest as well; one
that keeps neither gets no row at all.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from avenue_desk.services.incidents import EvidenceDetails
from avenue_desk.ui.widgets.date_field import DateField
from avenue_desk.ui.widgets.time_field import TimeField


class EvidenceDetailsRow(QWidget):
    def __init__(self, today, source, parent: QWidget | None = None):
        super().__init__(parent)
        self.full = hasattr(source, "set_details")
        self.capture_date = DateField(today, optional=True, unset_text="Not known", parent=self)
        self.capture_time = TimeField(self, placeholder="Time, e.g. 14:05")
        self.capture_date.edit.setAccessibleName("Date captured")
        self.capture_time.edit.setAccessibleName("Time captured")
        self.save_button = QPushButton("Save details" if self.full else "Save capture time",
                                       self)
        self.save_button.setAutoDefault(False)
        self.save_button.setToolTip("Keep these details for the selected file (the file "
                                    "itself and its fingerprint never change)")
        when = QHBoxLayout()
        when.setContentsMargins(0, 0, 0, 0)
        label = QLabel("Captured on", self)
        label.setBuddy(self.capture_date.edit)
        for widget in (label, self.capture_date, QLabel("at", self), self.capture_time):
            when.addWidget(widget, 0, Qt.AlignmentFlag.AlignTop)
        when.addStretch(1)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addLayout(when, 0, 0, 1, 4)
        self.url = self._line("Web address captured", "https://… (the post's own address)")
        self.account = self._line("Account shown", "@name, as the site shows it")
        self.captured_by = self._line("Captured by", "who took the screenshot or saved it")
        self.note = self._line("Note", "anything else about this file")
        if self.full:
            for row, (label_text, edit) in enumerate(
                    (("&Web address", self.url), ("Account s&hown", self.account),
                     ("Captured &by", self.captured_by), ("N&ote", self.note))):
                buddy = QLabel(label_text, self)
                buddy.setBuddy(edit)
                grid.addWidget(buddy, 1 + row // 2, (row % 2) * 2)
                grid.addWidget(edit, 1 + row // 2, (row % 2) * 2 + 1)
        grid.addWidget(self.save_button, 3 if self.full else 0, 3 if self.full else 4,
                       Qt.AlignmentFlag.AlignRight)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.setVisible(self.full or hasattr(source, "set_capture"))
        self.setEnabled(False)

    def _line(self, name: str, hint: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setAccessibleName(name)
        edit.setPlaceholderText(hint)
        edit.setVisible(self.full)
        return edit

    def show_record(self, record) -> None:
        self.setEnabled(record is not None)
        self.capture_date.set_value(record.captured_on if record else None)
        self.capture_time.set_value(record.captured_at if record else None)
        for edit, value in ((self.url, "url"), (self.account, "account_shown"),
                            (self.captured_by, "captured_by"), (self.note, "note")):
            edit.setText(getattr(record, value, "") if record else "")
            edit.setCursorPosition(0)

    def details(self) -> EvidenceDetails:
        return EvidenceDetails(self.capture_date.value(), self.capture_time.value(),
                               self.url.text(), self.captured_by.text(), self.account.text(),
                               self.note.text())
