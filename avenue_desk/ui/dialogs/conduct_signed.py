"""What a person signed: the register's double-click (and Enter) opens it.

Each acknowledgement they completed, newest first: the edition, when and how it was signed,
every answer they gave with their notes, and first what stands out (a check answered as
needing putting right, or something they declared, such as a friend request with a
parent), then what is still open for them. Starting a new acknowledgement is the register's
own button, or the one here: looking never starts one.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
)

from avenue_desk.policy import conduct as code
from avenue_desk.policy.editions import get_edition
from avenue_desk.services.conduct import ACCEPTED, NEVER, OVERDUE, YES
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.ui.labels import role_label, uk_date
from avenue_desk.ui.style import in_role, set_role

ANSWERS = {YES: "Yes", "no": "No", ACCEPTED: f"Ticked: “{code.TICK_PROMPT}”", "": "Not answered"}


def _e(text: str) -> str:
    return html.escape(text or "")


def edition_text(key: str) -> str:
    try:
        edition = get_edition(key)
    except ValueError:
        return key
    return f"{edition.title} ({edition.produced_label})"


def how_signed(record) -> str:
    when = uk_date(record.signed_on)
    if record.on_paper:
        how = f"on a paper form, recorded by {record.recorded_by}" if record.recorded_by \
            else "on a paper form"
    else:
        how = f"on screen, typing their name as “{record.signed_name}”"
    return f"{when}, {how}"


def choice_text(record) -> str:
    covers = "in full" if record.scope == "full" else "changed items only"
    return (f"{uk_date(record.signed_on)}: {'on paper' if record.on_paper else 'on screen'}, "
            f"{covers}")


def open_items_html(row) -> str:
    """What is still to be done for this person, from their line in the register."""
    items = []
    if row.status == NEVER:
        items.append("Has not acknowledged the code of conduct yet.")
    elif row.status == OVERDUE:
        items.append(f"The yearly renewal was due by {uk_date(row.renewal_due)}.")
    for label in row.failed_checks:
        items.append(f"To put right: {label}")
    for label in row.changed_items:
        items.append(f"To acknowledge again (its words changed): {label}")
    if row.in_progress:
        items.append("A checklist was started and is not finished yet.")
    if not items:
        return ""
    listed = "".join(f"<li>{_e(item)}</li>" for item in items)
    return in_role(f"<b>Still open</b><ul style='margin-top:2px'>{listed}</ul>", "problems",
                   tag="div")


def _answer_html(item) -> str:
    said = _e(ANSWERS.get(item.answer, item.answer))
    if item.failure:
        advice = _advice(item.key)
        return in_role(f"<b>{said}</b> — to put right", "warning") + (
            f"<br><i>{_e(advice)}</i>" if advice else "")
    if item.declared:
        return in_role(f"<b>{said}</b> — declared", "warning") + \
            f"<br><i>{_e(_advice(item.key))}</i>"
    return said if item.answer == ACCEPTED else f"<b>{said}</b>"  # the ticks: quietly


def _advice(key: str) -> str:
    try:
        return code.get_item(key).if_unexpected
    except ValueError:
        return ""


def _item_html(item) -> str:
    title = _e(item.label or item.key)
    asked = f"<br>{_e(item.question)}" if item.question else ""
    note = f"<br><i>Their note: {_e(item.note)}</i>" if item.note else ""
    return f"<li><b>{title}</b>{asked}<br>{_answer_html(item)}{note}</li>"


def record_html(record) -> str:
    """One acknowledgement: how it was signed, what stands out, then every answer."""
    covers = ("every item of the code" if record.scope == "full" else
              "only the items changed since they last signed")
    parts = [f"<p><b>Edition:</b> {_e(edition_text(record.edition))}<br>"
             f"<b>Signed:</b> {_e(how_signed(record))}<br><b>Covers:</b> {covers}</p>"]
    notable = [i for i in record.items if i.failure or i.declared or i.note]
    if notable:
        parts.append("<h3>Declarations, notes and answers to put right</h3><ul>"
                     + "".join(_item_html(i) for i in notable) + "</ul>")
    known = {i.key for section in code.SECTIONS for i in code.items_in(section.key)}
    for section in code.SECTIONS:
        keys = [i.key for i in code.items_in(section.key)]
        items = sorted((i for i in record.items if i.key in keys), key=lambda i: keys.index(i.key))
        if items:
            parts.append(f"<h3>{_e(section.title)}</h3><ul>"
                         + "".join(_item_html(i) for i in items) + "</ul>")
    older = [i for i in record.items if i.key not in known]
    if older:
        parts.append("<h3>Items no longer in the code</h3><ul>"
                     + "".join(_item_html(i) for i in older) + "</ul>")
    return "".join(parts)


class SignedRecordDialog(QDialog):
    """``row``: the person's line in the register (status and what is open)."""

    start_requested = Signal(int)  # the person id: start or resume an acknowledgement

    def __init__(self, services, row, parent=None):
        super().__init__(parent)
        self.person_id = row.person_id
        self.setWindowTitle(f"What {row.full_name} signed — Avenue Desk")
        layout = QVBoxLayout(self)
        heading = set_role(QLabel(row.full_name, self), "heading")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(heading)
        standing = f"{role_label(row.role)} · {row.status_label}"
        if row.renewal_due:
            standing += f" · renewal due by {uk_date(row.renewal_due)}"
        self.standing = set_role(QLabel(standing, self), "lead")
        self.standing.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.standing)
        self.open_items = QLabel(open_items_html(row), self)
        self.open_items.setTextFormat(Qt.TextFormat.RichText)
        self.open_items.setWordWrap(True)
        self.open_items.setVisible(bool(self.open_items.text()))
        layout.addWidget(self.open_items)
        try:
            self.records = services.conduct.history(row.person_id)
            problem = ""
        except ServiceError as error:
            self.records, problem = [], str(error)
        choose = QHBoxLayout()
        chooser_label = QLabel("&Acknowledgement:", self)
        self.chooser = QComboBox(self)
        self.chooser.setAccessibleName("Which acknowledgement")
        chooser_label.setBuddy(self.chooser)
        for record in self.records:
            self.chooser.addItem(choice_text(record), record.id)
        choose.addWidget(chooser_label)
        choose.addWidget(self.chooser, 1)
        layout.addLayout(choose)
        for widget in (chooser_label, self.chooser):
            widget.setVisible(bool(self.records))
        self.details = QTextBrowser(self)
        self.details.setAccessibleName("What they signed")
        self.details.setOpenLinks(False)
        layout.addWidget(self.details, 1)
        buttons = QHBoxLayout()
        self.start_button = QPushButton("&Start or resume acknowledgement…", self)
        self.start_button.setToolTip("A new acknowledgement for this person to read, tick and "
                                     "sign")
        self.start_button.setAutoDefault(False)
        self.start_button.clicked.connect(self._start)
        buttons.addWidget(self.start_button)
        buttons.addStretch(1)
        close = QPushButton("Close", self)
        close.setDefault(True)
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.chooser.currentIndexChanged.connect(self.show_record)
        if problem:
            self.details.setPlainText(problem)
        elif not self.records:
            self.details.setPlainText(f"{row.full_name} has not signed the code of conduct "
                                      "yet: there is nothing to show.")
        else:
            self.show_record(0)
        self.resize(760, 680)

    def show_record(self, index: int) -> None:
        if 0 <= index < len(self.records):
            self.details.setHtml(record_html(self.records[index]))

    def _start(self) -> None:
        self.accept()
        self.start_requested.emit(self.person_id)
