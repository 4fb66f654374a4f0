"""Reports to the platform, on an incident's own tab: when the school reported the post
through the platform's "report abuse" route, the platform's reference number, its reply and
when it came; and a report to the route after it (Report Harmful Content).

A week after the first report with the post still up, the tab says the next route can step
in, with what it is, where, and the policy's own words beside it (Home says so too). Reading
and saving are one small row each, on the window's thread, as the referral tab's are.
"""

from __future__ import annotations

import html
from datetime import timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.policy import get_edition, get_platform
from avenue_desk.policy.access import Operation
from avenue_desk.policy.platform_routes import (
    NEXT_ROUTES,
    PLATFORM,
    REPORT_HARMFUL_CONTENT_ROUTE,
    next_route_quotes,
)
from avenue_desk.services.core.errors import NotFound, ValidationError
from avenue_desk.services.core.versions import ChangedElsewhere
from avenue_desk.services.incidents import PlatformReportInput
from avenue_desk.ui.dialogs.changed_elsewhere import (
    KEEP_MINE,
    THEIRS_ONLY,
    reapply_on_theirs,
    shown,
)
from avenue_desk.ui.labels import uk_date
from avenue_desk.ui.style import set_role
from avenue_desk.ui.widgets.date_field import DateField, refuse_unread_dates

COLUMNS = ("Made to", "Reported", "Reference", "Reply", "Reply on", "Recorded by")
TAB_TITLE = "Reports to the &platform"
# A platform's reply can be a paragraph: its column is kept to this width (the whole reply is
# in its tooltip and, once the row is selected, in the box below), so the columns after it
# (when it came, who recorded it) stay in view.
REPLY_WIDTH = 380


def attach_platform_reports(editor, record) -> None:
    """The incident editor's tab, added once the incident is saved and shown again with
    each record it loads (one call from the editor: ``_load``)."""
    panel = getattr(editor, "platform_reports_panel", None)
    if panel is None:
        panel = PlatformReportsPanel(editor._services, record.id, editor.ui.tabs)
        editor.ui.tabs.addTab(panel, TAB_TITLE)
        editor.platform_reports_panel = panel
    panel.show_record(record)


def next_route_html(route=REPORT_HARMFUL_CONTENT_ROUTE) -> str:
    """What the next route is, where, and the policy's words it rests on, for a label."""
    quotes = next_route_quotes(route)
    edition = get_edition(quotes[0].edition_key)
    said = "".join(f"<p><i>“{html.escape(q.text)}”</i></p>" for q in quotes)
    return (f"<p><b>{html.escape(route.name)}</b> ({html.escape(route.run_by)}, "
            f"{html.escape(route.web_address)}): {html.escape(route.when)}</p>"
            f"<p>{html.escape(route.how)}</p>"
            f"<p>The policy ({html.escape(edition.title)}, {html.escape(edition.produced_label)}) "
            f"says:</p>{said}")


def next_route_summary_html(route=REPORT_HARMFUL_CONTENT_ROUTE) -> str:
    """The next route in a few lines, for Home, with the policy's own words it rests on
    (the clause about the host or provider, the last of them); what to send is on the
    incident's tab (``next_route_html``)."""
    quote = next_route_quotes(route)[-1]
    edition = get_edition(quote.edition_key)
    return (f"<b>{html.escape(route.name)}</b> ({html.escape(route.web_address)}) can step "
            "in now: the platform has not acted within a week. The policy "
            f"({html.escape(edition.title)}) says: <i>“{html.escape(quote.text)}”</i>. "
            "What to send is on the incident's “Reports to the platform” tab.")


class PlatformReportsPanel(QWidget):
    """Emits ``changed`` once a report is saved."""

    changed = Signal()

    def __init__(self, services, incident_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._incident_id = incident_id
        self._record = None
        self.reports: list = []
        # The report the form was filled from, and its version then: a refresh from another
        # PC's save must not lend the form a newer version than the one it shows.
        self._shown: tuple[int, int] | None = None
        self._opened: PlatformReportInput | None = None  # the form as that report was filled
        self._labels: dict[str, str] = {}  # plain, for a "changed on another computer" question
        intro = QLabel(
            "Each report the school made through the platform's own “report abuse” route, "
            "with the reference number it gave and its reply: the police ask for them. A "
            "week after the report, if the post is still up, Home says so and offers the "
            "next route.", self)
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Reports to the platform")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.itemSelectionChanged.connect(self._selected)

        self.made_to = QComboBox(self)
        self.reported_on = DateField(services.clock.today(), optional=False, parent=self)
        self.reference = QLineEdit(self)
        self.reference.setPlaceholderText("The platform's reference or case number, if given")
        self.reply = QPlainTextEdit(self)
        self.reply.setPlaceholderText("What it replied (its words, or a summary)")
        self.reply.setTabChangesFocus(True)
        self.reply.setFixedHeight(self.reply.fontMetrics().lineSpacing() * 4)
        self.reply_on = DateField(services.clock.today(), optional=True,
                                  unset_text="No reply yet", parent=self)
        form = QFormLayout()
        for field, label, widget, edit in (
                ("made_to", "Made &to", self.made_to, self.made_to),
                ("reported_on", "&Reported on", self.reported_on, self.reported_on.edit),
                ("reference", "Re&ference", self.reference, self.reference),
                ("reply", "Its repl&y", self.reply, self.reply),
                ("reply_on", "Reply rec&eived on", self.reply_on, self.reply_on.edit)):
            self._labels[field] = label.replace("&", "")
            buddy = QLabel(label, self)
            buddy.setBuddy(edit)
            form.addRow(buddy, widget)
        self.new_button = QPushButton("&New report", self)
        self.new_button.clicked.connect(self.start_new)
        self.save_button = QPushButton("&Save report", self)
        set_role(self.save_button, "primary")
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # quotes what was typed
        self.message.hide()
        self.next_route = QLabel(self)
        self.next_route.setWordWrap(True)
        self.next_route.setTextFormat(Qt.TextFormat.RichText)
        self.next_route.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_role(self.next_route, "notice")
        self.next_route.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.next_route)
        writable = services.guard.allowed(Operation.ACTION_RECORD)
        for widget in (self.new_button, self.save_button, self.made_to, self.reference,
                       self.reply):
            widget.setEnabled(writable)

    # --- showing ------------------------------------------------------------------------

    def show_record(self, record) -> None:
        """The incident as just loaded: its platform names the first choice, and whether
        the post is still up decides whether the next route is due."""
        self._record = record
        chosen = self.made_to.currentData()
        self.made_to.clear()
        self.made_to.addItem(_platform_label(record.platform), PLATFORM)
        for route in NEXT_ROUTES:
            self.made_to.addItem(route.name, route.key)
        self.made_to.setCurrentIndex(max(self.made_to.findData(chosen), 0))
        self.refresh()

    def refresh(self) -> None:
        try:
            self.reports = self._services.platform_reports.for_incident(self._incident_id)
        except NotFound:
            self.reports = []
        self.table.setRowCount(len(self.reports))
        for row, report in enumerate(self.reports):
            for column, text in enumerate((
                    self.made_to.itemText(max(self.made_to.findData(report.made_to), 0)),
                    uk_date(report.reported_on), report.reference, report.reply,
                    uk_date(report.reply_on) if report.reply_on else "",
                    report.recorded_by)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        reply = COLUMNS.index("Reply")
        self.table.setColumnWidth(reply, min(self.table.columnWidth(reply), REPLY_WIDTH))
        self._show_next_route()

    def due_days(self) -> int | None:
        """Days since the first report to the platform when the next route can step in
        now (a week or more, the post still up, no report to it yet); otherwise None."""
        record, route = self._record, REPORT_HARMFUL_CONTENT_ROUTE
        first = min((r.reported_on for r in self.reports if r.made_to == PLATFORM),
                    default=None)
        if (record is None or first is None or not record.content_still_up
                or record.phase == "closed"
                or any(r.made_to == route.key for r in self.reports)):
            return None
        days = (self._services.clock.today() - first).days
        return days if first <= self._services.clock.today() - timedelta(
            days=route.after_days) else None

    def _show_next_route(self) -> None:
        days = self.due_days()
        if days is None:
            self.next_route.hide()
            return
        self.next_route.setText(
            f"<p>The post was reported to the platform {days} days ago and is still up. "
            "The next route can step in now:</p>" + next_route_html())
        self.next_route.show()

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        report = self.reports[rows[0].row()] if rows else None
        if report is None:
            return
        self._shown = (report.id, report.row_version)
        self._fill(PlatformReportInput(report.reported_on, report.reference, report.reply,
                                       report.reply_on, report.made_to))
        self._opened = self.collect()

    def _fill(self, data: PlatformReportInput) -> None:
        """The form showing ``data`` (typed, not saved)."""
        self.made_to.setCurrentIndex(max(self.made_to.findData(data.made_to), 0))
        self.reported_on.set_value(data.reported_on)
        self.reference.setText(data.reference)
        self.reply.setPlainText(data.reply)
        self.reply_on.set_value(data.reply_on)

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.reports[rows[0].row()] if rows else None

    def start_new(self) -> None:
        self.table.clearSelection()
        self.made_to.setCurrentIndex(0)
        self.reported_on.set_value(self._services.clock.today())
        for edit in (self.reference, self.reply):
            edit.clear()
        self.reply_on.set_value(None)
        self.reference.setFocus()

    # --- saving -------------------------------------------------------------------------

    def collect(self) -> PlatformReportInput:
        return PlatformReportInput(self.reported_on.value(), self.reference.text(),
                                   self.reply.toPlainText(), self.reply_on.value(),
                                   self.made_to.currentData() or PLATFORM)

    def save(self) -> bool:
        """The selected report changed, or a new one recorded; says why not below."""
        if refuse_unread_dates(self.reported_on, self.reply_on):
            return False
        data = self.collect()
        chosen = self.selected()
        reports = self._services.platform_reports
        try:
            if chosen is None:
                saved = reports.add(self._incident_id, data)
            else:
                shown = self._shown[1] if self._shown and self._shown[0] == chosen.id else None
                saved = reports.update(chosen.id, data, shown or chosen.row_version)
        except ChangedElsewhere as refused:
            return self._changed_elsewhere(refused, chosen.id, data)
        except (ValidationError, NotFound) as error:
            self._say(f"Not saved: {error}", "error")
            return False
        self.refresh()
        row = next((n for n, r in enumerate(self.reports) if r.id == saved.id), -1)
        self.table.selectRow(row)
        self._say(f"Saved the report of {uk_date(saved.reported_on)}.", "success")
        self.changed.emit()
        return True

    def _changed_elsewhere(self, refused: ChangedElsewhere, report_id: int,
                           mine: PlatformReportInput) -> bool:
        """Changed on another computer meanwhile: theirs and yours side by side. Keep mine
        leaves both in the form, unsaved, against their version; Cancel leaves the form as
        typed against the version opened, so saving again asks again."""
        opened, typed_against = self._opened, self._shown
        self.refresh()
        self.table.selectRow(next((n for n, r in enumerate(self.reports)
                                   if r.id == report_id), -1))
        self._selected()  # the same row stays chosen: filled again with theirs
        if self._shown is None or self._shown[0] != report_id:
            self._say(f"Not saved: {refused.headline}.", "error")  # gone meanwhile
            return False
        choice = reapply_on_theirs(self, refused, opened or self._opened, mine, self._opened,
                                   self._fill, self._labels, show=self._shown_value)
        if choice == KEEP_MINE:
            self._say("Yours are back on top of theirs: check them, then save.", "notice")
        elif choice == THEIRS_ONLY:
            self._say("Their changes are shown; yours were dropped.", "notice")
        else:  # back to the form as typed, still against the version opened
            self._shown, self._opened = typed_against, opened
            self._say(f"Not saved: {refused.headline}.", "error")
        return False

    def _shown_value(self, name: str, value: object) -> str:
        if name == "made_to":
            return self.made_to.itemText(max(self.made_to.findData(value), 0))
        return shown(value)

    def _say(self, text: str, role: str) -> None:
        self.message.setText(text)
        set_role(self.message, role)
        self.message.show()


def _platform_label(key: str) -> str:
    try:
        return get_platform(key).label
    except ValueError:
        return key
