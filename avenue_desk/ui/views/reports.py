"""Reports and letters: a letter about one incident, the governors' report, the guidance sheet.

Left: find the incident (by number or by words from the post), then choose the letter; the
letters the policy does not allow at the incident's stage are greyed, with the reason.
Right: the report to governors for a term or any dates, and the one-page guidance sheet.
Each opens in a window with a preview, Save…, Print… and Open in the PDF viewer.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.policy.access import Operation
from avenue_desk.services.core.errors import NotFound, ServiceError
from avenue_desk.services.incidents import IncidentQuery
from avenue_desk.ui.labels import platform_label, short_date, uk_date
from avenue_desk.ui.operations import BackgroundOp
from avenue_desk.ui.style import role_colours, set_role
from avenue_desk.ui.widgets.policy_review_notice import PolicyReviewNotice

SEARCH_DELAY_MS = 250
LIST_SIZE = 30


def _qdate(day) -> QDate:
    return QDate(day.year, day.month, day.day)


class ReportsView(QWidget):
    def __init__(self, services, parent=None):
        super().__init__(parent)
        self._services = services
        self.dialog = None
        self.choices = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(10)
        guard = services.guard
        # Governors see only what names nobody: the report, the guidance, the review date.
        self.letters_shown = guard.allowed(Operation.INCIDENT_VIEW) and guard.allowed(
            Operation.LETTER_PARENT)
        heading = QLabel("Reports and letters" if self.letters_shown else "Reports")
        set_role(heading, "heading")
        layout.addWidget(heading)
        intro = QLabel("Every letter quotes the policy edition in force when the post was made. "
                       "Saving or printing a letter records it on the incident's timeline."
                       if self.letters_shown else
                       "The report to governors (counts only, no names), the guidance sheet "
                       "for parents and when the policy is next due for review.")
        intro.setWordWrap(True)
        set_role(intro, "muted")
        layout.addWidget(intro)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        if self.letters_shown:
            columns.addWidget(self._build_letters(), 3)
        right = QVBoxLayout()
        if guard.allowed(Operation.GOVERNOR_SUMMARY):
            right.addWidget(self._build_summary())
        if guard.allowed(Operation.GUIDANCE_SHEET):
            right.addWidget(self._build_guidance())
        if guard.allowed(Operation.POLICY_REVIEW_STATUS):
            right.addWidget(self._build_review())
        right.addStretch(1)
        columns.addLayout(right, 2)
        if not self.letters_shown:
            columns.addStretch(1)
        layout.addLayout(columns, 1)
        if not self.letters_shown:
            return

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.find_incidents)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self.find_incidents)
        self.find_incidents()

    # --- building --------------------------------------------------------------------------

    def _build_letters(self) -> QGroupBox:
        box = QGroupBox("A letter about one incident")
        grid = QVBoxLayout(box)
        grid.addWidget(QLabel("<b>1.</b> Find the incident"))
        self.search = QLineEdit()
        self.search.setPlaceholderText("Incident number, or words from the post…")
        self.search.setAccessibleName("Find the incident by number or words")
        self.search.setClearButtonEnabled(True)
        grid.addWidget(self.search)
        self.results = QListWidget()
        self.results.setAccessibleName("Incidents found")
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.currentItemChanged.connect(self._incident_chosen)
        grid.addWidget(self.results, 3)
        self.results_hint = QLabel()
        set_role(self.results_hint, "muted")
        grid.addWidget(self.results_hint)
        grid.addWidget(QLabel("<b>2.</b> Choose the letter"))
        self.letters = QListWidget()
        self.letters.setAccessibleName("Letters for this incident")
        self.letters.currentItemChanged.connect(self._letter_chosen)
        self.letters.itemActivated.connect(lambda _item: self.prepare_letter())
        self.letters.setMaximumHeight(self.letters.fontMetrics().height() * 6 + 24)
        grid.addWidget(self.letters)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.reason, "muted")
        grid.addWidget(self.reason)
        row = QHBoxLayout()
        self.prepare_button = QPushButton("Prepare letter…")
        set_role(self.prepare_button, "primary")
        self.prepare_button.setEnabled(False)
        self.prepare_button.clicked.connect(self.prepare_letter)
        row.addWidget(self.prepare_button)
        row.addStretch(1)
        grid.addLayout(row)
        batch = QLabel("For the same letter to many parents at once, select the incidents in "
                       "Incidents (Ctrl+click or Shift+click) and choose “Letters for "
                       "selected…”.")
        batch.setWordWrap(True)
        set_role(batch, "muted")
        grid.addWidget(batch)
        return box

    def _build_summary(self) -> QGroupBox:
        box = QGroupBox("Report to governors")
        grid = QGridLayout(box)
        any_dates = self._services.summaries.any_dates()
        text = QLabel("Counts only: no names, no excerpts. Any count of 1 or 2 is shown as "
                      "“fewer than 3”, and a count that could be compared with another report "
                      "to work one out is “not shown”."
                      + ("" if any_dates else " Governors' reports cover a whole term, the "
                         "summer holiday or a month, once it is over."))
        text.setWordWrap(True)
        set_role(text, "muted")
        grid.addWidget(text, 0, 0, 1, 4)
        self.by_term = QRadioButton("Term")
        self.by_month = QRadioButton("Month")
        self.by_dates = QRadioButton("Dates")
        self.by_term.setChecked(True)
        group = QButtonGroup(box)
        for button in (self.by_term, self.by_month, self.by_dates):
            group.addButton(button)
        self.term = QComboBox()
        self.term.setAccessibleName("Term or summer holiday")
        grid.addWidget(self.by_term, 1, 0)
        grid.addWidget(self.term, 1, 1, 1, 3)
        self.month = QComboBox()
        self.month.setAccessibleName("Month")
        grid.addWidget(self.by_month, 2, 0)
        grid.addWidget(self.month, 2, 1, 1, 3)
        today = _qdate(self._services.clock.today())
        self.date_from = QDateEdit(today.addMonths(-3))
        self.date_to = QDateEdit(today)
        for edit, name in ((self.date_from, "From"), (self.date_to, "To")):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
            edit.setAccessibleName(f"Report dates: {name.lower()}")
            edit.dateChanged.connect(lambda _d: self.by_dates.setChecked(True))
        to = QLabel("to")
        grid.addWidget(self.by_dates, 3, 0)
        grid.addWidget(self.date_from, 3, 1)
        grid.addWidget(to, 3, 2)
        grid.addWidget(self.date_to, 3, 3)
        # Governors have whole terms and months only (policy/disclosure.py says why).
        for widget in (self.by_dates, self.date_from, to, self.date_to):
            widget.setVisible(any_dates)
        self.term.activated.connect(lambda _i: self.by_term.setChecked(True))
        self.month.activated.connect(lambda _i: self.by_month.setChecked(True))
        self.summary_button = QPushButton("Preview report…")
        self.summary_button.clicked.connect(self.open_summary)
        grid.addWidget(self.summary_button, 4, 0, 1, 2, Qt.AlignmentFlag.AlignLeft)
        self._fill_terms()
        return box

    def _build_guidance(self) -> QGroupBox:
        box = QGroupBox("Guidance sheet for parents")
        column = QVBoxLayout(box)
        text = QLabel("One page, in the policy's words: what to think about before posting "
                      "about the school, and how to raise a concern instead.")
        text.setWordWrap(True)
        set_role(text, "muted")
        column.addWidget(text)
        self.guidance_button = QPushButton("Preview guidance sheet…")
        self.guidance_button.clicked.connect(self.open_guidance)
        column.addWidget(self.guidance_button, 0, Qt.AlignmentFlag.AlignLeft)
        return box

    def _build_review(self) -> QGroupBox:
        box = QGroupBox("The policy's review")
        column = QVBoxLayout(box)
        self.review_notice = PolicyReviewNotice(self._services)  # with Record review…
        self.review = self.review_notice.label
        column.addWidget(self.review_notice)
        self._show_review()
        return box

    def _show_review(self) -> None:
        self.review_notice.load()

    def _fill_terms(self) -> None:
        if not hasattr(self, "term"):
            return
        self.term.clear()
        try:
            terms = self._services.summaries.recent_terms(6)
        except ServiceError as error:
            self.term.addItem(str(error), None)
            return
        for term in terms:
            self.term.addItem(f"{term.label} ({uk_date(term.start)} to {uk_date(term.end)})",
                              term.key)
        self.month.clear()
        for first in self._services.summaries.recent_months(12):
            self.month.addItem(f"{first:%B %Y}", f"{first:%Y-%m}")

    # --- finding the incident --------------------------------------------------------------

    def on_shown(self) -> None:
        self._fill_terms()
        if hasattr(self, "review_notice"):
            self._show_review()
        if self.letters_shown:
            self.find_incidents()

    def find_incidents(self) -> None:
        self._search_timer.stop()
        text = self.search.text().strip()
        chosen = self.selected_incident_id()
        rows = []
        incidents = self._services.incidents
        if text.isdigit():
            try:
                row = incidents.row(int(text))  # found by number: not opened, not audited
                rows = [(row.id, row.posted_on, row.platform, row.poster_name, row.summary,
                         row.status)]
            except NotFound:
                rows = []
        else:
            query = IncidentQuery(status=None if text else "open", text=text)
            rows = [(r.id, r.posted_on, r.platform, r.poster_name, r.summary, r.status)
                    for r in incidents.page(query, 0, LIST_SIZE)]
        self.results.blockSignals(True)
        self.results.clear()
        for incident_id, posted_on, platform, poster, about, status in rows:
            who = poster or "poster not recorded"
            closed = " · closed" if status == "closed" else ""
            first = about.splitlines()[0] if about else ""
            short = first if len(first) <= 60 else first[:59].rstrip() + "…"
            item = QListWidgetItem(f"{incident_id} · {short_date(posted_on)} · "
                                   f"{platform_label(platform)} · {who}{closed} — {short}")
            item.setToolTip(first)
            item.setData(Qt.ItemDataRole.UserRole, incident_id)
            self.results.addItem(item)
        self.results.blockSignals(False)
        if not rows:
            hint = (f"No incident numbered {text}." if text.isdigit()
                    else "No incidents match." if text else "No open incidents.")
        elif not text:
            hint = "Open incidents, newest first. Type a number or words to find any other."
        else:
            hint = f"{len(rows)} found" + (" (the first 30)" if len(rows) == LIST_SIZE else "")
        self.results_hint.setText(hint)
        index = next((n for n, r in enumerate(rows) if r[0] == chosen), 0 if rows else -1)
        self.results.setCurrentRow(index)
        if index < 0:
            self._incident_chosen(None)

    def selected_incident_id(self) -> int | None:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _incident_chosen(self, item, _previous=None) -> None:
        self.letters.clear()
        self.choices = []
        if item is None:
            self.reason.setText("Choose an incident first.")
            self.prepare_button.setEnabled(False)
            return
        self.choices = list(self._services.letters.offered(item.data(Qt.ItemDataRole.UserRole)))
        unavailable = QBrush(role_colours("muted").foreground)
        for choice in self.choices:
            text = choice.label if choice.allowed else f"{choice.label} — {choice.unavailable}"
            entry = QListWidgetItem(text)
            entry.setData(Qt.ItemDataRole.UserRole, choice.kind)
            entry.setToolTip(choice.reason)
            if not choice.allowed:
                entry.setForeground(unavailable)
            self.letters.addItem(entry)
        first = next((n for n, c in enumerate(self.choices) if c.allowed), 0)
        self.letters.setCurrentRow(first)

    def _letter_chosen(self, item, _previous=None) -> None:
        choice = self.current_choice()
        if choice is None:
            self.reason.clear()
            self.prepare_button.setEnabled(False)
            return
        if choice.allowed and not choice.records:
            self.reason.setText(choice.reason)
        elif choice.allowed:
            self.reason.setText(f"Saving or printing it records “{choice.step_label}” on the "
                                "incident's timeline.")
        else:
            tag = choice.unavailable
            self.reason.setText(f"{tag[:1].upper()}{tag[1:]}: {choice.reason}")
        self.prepare_button.setEnabled(choice.allowed)

    def current_choice(self):
        row = self.letters.currentRow()
        return self.choices[row] if 0 <= row < len(self.choices) else None

    # --- opening documents ---------------------------------------------------------------

    def prepare_letter(self):
        incident_id, choice = self.selected_incident_id(), self.current_choice()
        if incident_id is None or choice is None or not choice.allowed:
            return None
        from avenue_desk.ui.dialogs.letter_dialog import LetterDialog

        dialog = LetterDialog(self._services, incident_id, choice.kind, self.window())
        dialog.recorded.connect(lambda _m: self._incident_chosen(self.results.currentItem()))
        return self._show(dialog, refresh=False)

    def summary_choice(self):
        """What the person chose, read from the widgets here on the GUI thread: a term's
        key, a month's key, or two dates."""
        if self.by_term.isChecked() and self.term.currentData():
            return "term", self.term.currentData()
        if self.by_month.isChecked() and self.month.currentData():
            return "month", self.month.currentData()
        return "dates", (self.date_from.date().toPython(), self.date_to.date().toPython())

    def open_summary(self) -> BackgroundOp:
        """Counts the period's incidents in the background, then opens the report (itself
        made in the background); the report's window is ``self.dialog``. A period the
        account may not have (a term not over, for a governor) is refused with why."""
        summaries = self._services.summaries
        kind, chosen = self.summary_choice()

        def count(_progress):
            if kind == "term":
                return summaries.build_term(chosen)
            if kind == "month":
                return summaries.build_month(chosen)
            return summaries.build(*chosen)

        return BackgroundOp(self, count,
                            title="Report to governors", progress="Counting the incidents…",
                            success=self._show_summary,
                            disable=[self.summary_button]).start()

    def _show_summary(self, data) -> None:
        from avenue_desk.ui.dialogs.document_dialog import DocumentDialog

        summaries = self._services.summaries
        dialog = DocumentDialog(self._services, f"Report to governors · {data.current.label}",
                                summaries.file_name(data), self.window(),
                                make=lambda: summaries.render_data(data),
                                on_output=lambda action, name: summaries.record_output(
                                    data, action, name))
        self._show(dialog)

    def open_guidance(self):
        from avenue_desk.ui.dialogs.document_dialog import DocumentDialog

        letters = self._services.letters
        dialog = DocumentDialog(self._services, "Guidance sheet for parents",
                                letters.guidance_file_name(), self.window(),
                                make=letters.render_guidance, on_output=letters.record_guidance)
        return self._show(dialog)

    def _show(self, dialog, refresh: bool = True):
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda *_args: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        if refresh:
            dialog.refresh()
        return dialog
