"""Edit a letter before it prints: every merge value in a box, problems in red beside them.

The letter is pre-filled from the incident and its people. Anything wrong (an empty field,
a character no font can print, a meeting in the past or at a weekend) is listed beside its
box and the letter cannot be saved or printed until it is put right; what only the person
printing it knows (there is no address: it will be handed over; the post is recorded as
removed: send it all the same) is answered with a tick box. The preview shows the letter
as it will print. The policy's own words, and what comes from the record and Settings, are
shown but cannot be changed here. Saving or printing records the letter on the incident's
timeline.

Preparing the letter (the first time loads its fonts), checking each edit and making the
PDF run in the background: the fields are read on the GUI thread and handed over as values.
"""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.policy.procedure import FORUM_RESTRICTION_MONTHS, FORUM_RESTRICTION_RANGE
from avenue_desk.services.core.errors import StepNotAllowed
from avenue_desk.services.letters import (
    LABELS,
    POLICY_FIELDS,
    READ_ONLY_FIELDS,
    PreparedLetter,
    field_label,
)
from avenue_desk.ui.dialogs.document_dialog import DocumentDialog
from avenue_desk.ui.operations import BackgroundOp, problem_text
from avenue_desk.ui.style import set_role
from avenue_desk.ui.window_state import remember_splitter

EDIT_DELAY_MS = 500
MULTI_LINE = frozenset({"parent_address", "excerpt", "summary", "categories", "breach_reasons",
                        "further_actions", "policy_quote", "refusal_quote", "school_address",
                        "post_details", "history", "concern_channels", "appeal_route",
                        "opening"})
NO_MEETING = "Choose the date and time"
PREPARING = "Preparing the letter…"
PUT_RIGHT = "Put right what is marked in red on the left, and the letter will appear here."


def _text(value) -> str:
    return "\n".join(value) if isinstance(value, tuple) else str(value)


class LetterDialog(DocumentDialog):
    records = True

    def __init__(self, services, incident_id: int, kind: str, parent: QWidget | None = None):
        title = f"{LABELS[kind]} · Incident {incident_id}"
        super().__init__(services, title, services.letters.file_name(incident_id, kind), parent)
        self.incident_id = incident_id
        self.kind = kind
        self.prepared: PreparedLetter | None = None
        self.editors: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self.describe_buttons: dict[str, QPushButton] = {}
        self._originals: dict[str, str] = {}
        self.meeting: QDateTimeEdit | None = None
        self.months: QSpinBox | None = None  # how long a forum restriction lasts
        self.answers: dict[str, QCheckBox] = {}  # check key -> its tick box
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(EDIT_DELAY_MS)
        self._timer.timeout.connect(self.refresh)

        self.notes = QLabel()
        self.notes.setWordWrap(True)
        set_role(self.notes, "notice")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        set_role(self.summary, "error")
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        # What only the person printing it can answer: a tick box each, under the problems.
        self.answer_box = QVBoxLayout()
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addWidget(self.notes)
        inner_layout.addWidget(self.summary)
        inner_layout.addLayout(self.answer_box)
        inner_layout.addLayout(self.form)
        inner_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        side = QVBoxLayout(self.side)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(QLabel("<b>Check the details</b> (changes here are for this letter "
                              "only)"))
        side.addWidget(scroll)
        self.side.show()
        self.splitter.setSizes([440, 640])
        remember_splitter(self.splitter, "letter")

        self._hinted = False
        self._enable(False)
        self.preview.show_message(PREPARING)
        letters = services.letters
        self.making = BackgroundOp(self, lambda: letters.prepare(incident_id, kind),
                                   title="Preparing the letter", success=self._prepared,
                                   failure=self._not_prepared).start()

    def _prepared(self, prepared: PreparedLetter) -> None:
        self.making = None
        self.prepared = prepared
        self._build_fields(prepared)
        self.refresh()

    def _not_prepared(self, error: BaseException) -> None:
        self.making = None
        if isinstance(error, StepNotAllowed):
            self._refused(error)
        else:
            self.preview.show_message(problem_text(error))
            self._enable(False)

    def _recording_hint(self) -> str:
        choice = next((c for c in self._services.letters.offered(self.incident_id)
                       if c.kind == self.kind), None)
        if choice is None or not choice.records:
            return choice.reason if choice else ""
        return f"Saving or printing records “{choice.step_label}” on the incident's timeline."

    # --- building -----------------------------------------------------------------------

    def _refused(self, refused: StepNotAllowed) -> None:
        quote = f"<br><br><i>“{html.escape(refused.quote.text)}”</i>" if refused.quote else ""
        self.summary.setText(f"This letter is not available for this incident now."
                             f"<br>{html.escape(refused.reason)}{quote}")
        self.preview.show_message("Not available: see the reason on the left.")
        self._enable(False)

    def _build_fields(self, prepared: PreparedLetter) -> None:
        if self.kind == "meeting":
            self.meeting = QDateTimeEdit()
            self.meeting.setCalendarPopup(True)
            self.meeting.setDisplayFormat("dddd d MMMM yyyy 'at' h:mm ap")
            today = self._services.clock.today()
            earliest = QDateTime(QDate(today.year, today.month, today.day), QTime(0, 0))
            self.meeting.setMinimumDateTime(earliest)
            self.meeting.setSpecialValueText(NO_MEETING)
            self.meeting.setDateTime(earliest)
            self.meeting.setAccessibleName("Meeting date and time")
            self.meeting.dateTimeChanged.connect(self._edited)
            self._add_row("meeting_date", "Meeting date and time", self.meeting)
        if self.kind == "forum-restriction":
            self.months = QSpinBox()
            self.months.setRange(*FORUM_RESTRICTION_RANGE)
            self.months.setValue(FORUM_RESTRICTION_MONTHS)
            self.months.setSuffix(" months")
            self.months.setAccessibleName("Length of the restriction in months")
            self.months.setToolTip("The letter gives the date it will be reviewed; that date "
                                   "is the follow-up on the timeline.")
            self.months.valueChanged.connect(self._edited)
            self._add_row("restriction_length", "Length of the restriction", self.months)
        for name in prepared.fields:
            if self.kind == "meeting" and name in ("meeting_date", "meeting_time"):
                continue
            if self.months is not None and name == "restriction_length":
                continue
            value = _text(prepared.values.get(name, ""))
            multi = name in MULTI_LINE or "\n" in value
            editor = QPlainTextEdit() if multi else QLineEdit()
            if multi:
                editor.setPlainText(value)
                editor.setFixedHeight(editor.fontMetrics().lineSpacing() * 4 + 14)
                editor.textChanged.connect(self._edited)
            else:
                editor.setText(value)
                editor.textEdited.connect(self._edited)
            editor.setAccessibleName(field_label(name))
            if name in READ_ONLY_FIELDS:
                editor.setReadOnly(True)
                set_role(editor, "read-only")
                editor.setToolTip("From the school's policy: letters quote it exactly."
                                  if name in POLICY_FIELDS else "From Settings or the record.")
            else:
                self._originals[name] = value
            self.editors[name] = editor
            self._add_row(name, field_label(name), editor)

    def _add_row(self, name: str, label: str, editor: QWidget) -> None:
        error = QLabel()
        error.setWordWrap(True)
        set_role(error, "error")
        error.hide()
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.setSpacing(2)
        box_layout.addWidget(editor)
        box_layout.addWidget(error)
        if name in self._originals:
            describe = QPushButton("Describe those characters in words")
            describe.setToolTip("Writes each character that cannot print as its name in "
                                "brackets, e.g. [white down pointing backhand index]")
            describe.setAutoDefault(False)
            describe.hide()
            describe.clicked.connect(lambda _c=False, n=name: self.describe(n))
            box_layout.addWidget(describe, 0, Qt.AlignmentFlag.AlignLeft)
            self.describe_buttons[name] = describe
        self.form.addRow(label, box)
        self.errors[name] = error

    # --- values -------------------------------------------------------------------------

    def restriction_months(self) -> int | None:
        return self.months.value() if self.months is not None else None

    def answered(self) -> tuple[str, ...]:
        """The checks answered with their tick box."""
        return tuple(key for key, box in self.answers.items() if box.isChecked())

    def meeting_at(self) -> datetime | None:
        if self.meeting is None or self.meeting.dateTime() == self.meeting.minimumDateTime():
            return None
        return self.meeting.dateTime().toPython().replace(second=0, microsecond=0)

    def overrides(self) -> dict:
        """Only what was changed here: everything else stays as the record says."""
        edits: dict = {}
        for name, original in self._originals.items():
            editor = self.editors[name]
            text = (editor.toPlainText() if isinstance(editor, QPlainTextEdit)
                    else editor.text())
            if text == original:
                continue
            value = self.prepared.values.get(name)
            if isinstance(value, tuple):
                edits[name] = tuple(line.strip() for line in text.split("\n") if line.strip())
            else:
                edits[name] = text
        return edits

    def set_field(self, name: str, text: str) -> None:
        """Types ``text`` into a field, as the user would (for tests and scripts)."""
        editor = self.editors[name]
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(text)
        else:
            editor.setText(text)
            self._edited()

    def describe(self, name: str) -> None:
        """Replaces what no font can print in ``name`` by its description, for this letter."""
        editor = self.editors[name]
        text = editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()
        self.set_field(name, self._services.letters.describe_unprintable(text))

    def _edited(self, *_args) -> None:
        self._enable(False)  # nothing stale may be saved while the edit is being checked
        self._timer.start()

    # --- the letter ---------------------------------------------------------------------

    def refresh(self) -> BackgroundOp | None:
        """Checks the fields as they are now and, if nothing needs putting right, makes the
        letter: both in the background. None before the letter was first prepared."""
        self._timer.stop()
        if self.prepared is None:
            return None
        letters, incident_id, kind = self._services.letters, self.incident_id, self.kind
        overrides, meeting_at = self.overrides(), self.meeting_at()
        options = dict(meeting_at=meeting_at, answered=self.answered(),
                       restriction_months=self.restriction_months())

        def check_and_make():
            prepared = letters.prepare(incident_id, kind, overrides, **options)
            if prepared.problems:
                return None, prepared
            return letters.render(incident_id, kind, overrides, record=False,
                                  **options), prepared

        return self.make_in_background(check_and_make)

    def shown(self, prepared: PreparedLetter) -> None:
        self.prepared = prepared
        self._show_problems(prepared)
        if prepared.problems:
            self.preview.show_message(PUT_RIGHT)
        if not self._hinted:
            self._hinted = True
            set_role(self.status, "muted")
            self.status.setText(self._recording_hint())

    def ready_to_send(self) -> bool:
        return super().ready_to_send() and not self._timer.isActive()  # no edit unchecked

    def not_made(self, error: BaseException) -> None:
        if isinstance(error, StepNotAllowed):
            self._refused(error)
        else:
            super().not_made(error)

    def _show_problems(self, prepared: PreparedLetter) -> None:
        notes = "<br>".join(html.escape(n) for n in prepared.notes)
        self.notes.setText(notes)
        self.notes.setVisible(bool(notes))
        self._show_answers(prepared)
        by_field: dict[str, list[str]] = {}
        for problem in prepared.problems:
            field = "meeting_date" if problem.field == "meeting_time" else problem.field
            if field == "meeting_date" and self.meeting_at() is None:
                message = "Choose the date and time of the meeting."
            else:
                message = problem.message
            by_field.setdefault(field if field in self.errors else "", []).append(message)
        for name, label in self.errors.items():
            messages = list(dict.fromkeys(by_field.get(name, [])))
            label.setText("\n".join(messages))
            label.setVisible(bool(messages))
        for name, button in self.describe_buttons.items():
            button.setVisible(name in prepared.unprintable)
        count = len(prepared.problems)
        general = by_field.get("", [])
        if count:
            head = ("1 thing to put right before this letter can print"
                    if count == 1 else f"{count} things to put right before this letter "
                    "can print")
            extra = "".join(f"<br>• {html.escape(m)}" for m in general)
            self.summary.setText(f"{head}.{extra}")
        self.summary.setVisible(bool(count))

    def _show_answers(self, prepared: PreparedLetter) -> None:
        """A tick box for each check the person may answer; one no longer raised (the
        address was typed in, another day chosen) goes, unticked."""
        keys = {check.key for check in prepared.checks}
        for key in [k for k in self.answers if k not in keys]:
            box = self.answers.pop(key)
            self.answer_box.removeWidget(box)
            box.deleteLater()
        for check in prepared.checks:
            if check.key in self.answers:
                continue
            box = QCheckBox(check.answer)
            box.setAccessibleName(check.answer)
            box.toggled.connect(self._edited)
            self.answers[check.key] = box
            self.answer_box.addWidget(box)

    def after_output(self, action: str, file_name: str) -> str:
        result = self._services.letters.record_sent(
            self.incident_id, self.kind, action, file_name=file_name,
            meeting_at=self.meeting_at(), restriction_months=self.restriction_months())
        return result.message

    def after_viewer_copy(self) -> None:
        self._services.letters.record_viewer_copy(self.incident_id, self.kind)

