"""Home: what needs attention today, so the office sees at a glance what to chase.

Overdue follow-ups first (in red), then those due today, then posts still up. Each item
opens its incident with a click or Enter, as the user guide says.

The figures are read in the background (``BackgroundOp``): over 100,000 incidents the
counts and the code of conduct's reminder take tens of milliseconds, which froze the window
as it opened after signing in. Until they first arrive the page says it is looking; when it
is shown again the figures on it stay until the new ones replace them.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.ui.operations import BackgroundOp, problem_text
from avenue_desk.ui.style import role_colours, set_role
from avenue_desk.ui.widgets.encryption_section import EncryptionNotice
from avenue_desk.ui.widgets.platform_reports_panel import next_route_summary_html
from avenue_desk.ui.widgets.policy_review_notice import PolicyReviewNotice

SHOWN = 20  # items per list; the rest are counted ("and 57 more") and one click away
VISIBLE_ROWS = 6
LOOKING = "Looking for what needs attention…"


class AttentionSection(QWidget):
    """A titled list of attention items, with "and N more" under it; ``tone`` ("overdue",
    "due-soon" or None) colours the heading and the items."""

    show_all = Signal()

    def __init__(self, title: str, empty_text: str, tone: str | None, parent=None):
        super().__init__(parent)
        self._title = title
        self._empty_text = empty_text
        self._colour = role_colours(tone).foreground if tone else None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.heading = QLabel(title)
        set_role(self.heading, {"overdue": "overdue-heading", "due-soon": "due-heading"}.get(
            tone, "subheading"))
        layout.addWidget(self.heading)
        self.empty = set_role(QLabel(empty_text), "muted")
        layout.addWidget(self.empty)
        self.list = QListWidget()
        self.list.setAccessibleName(title)
        self.list.setUniformItemSizes(True)
        self.list.setWordWrap(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Roomier rows than Qt's default: easier to read, and to hit, at the end of a day.
        set_role(self.list, "attention-list")
        layout.addWidget(self.list, 1)
        more_row = QHBoxLayout()
        self.more = QLabel()
        more_row.addWidget(self.more)
        self.more_button = QPushButton("Show them all in the incident list")
        self.more_button.setAccessibleName(f"Show all: {title}")
        self.more_button.clicked.connect(self.show_all)
        more_row.addWidget(self.more_button)
        more_row.addStretch(1)
        layout.addLayout(more_row)
        self._bold = QFont()
        self._bold.setBold(True)

    def set_items(self, items, total: int, can_show_all: bool) -> None:
        # Refreshed while someone is looking (a save on another computer): the same line
        # stays chosen and the list stays scrolled where it was.
        chosen = self.list.currentItem()
        chosen_id = chosen.data(Qt.ItemDataRole.UserRole) if chosen is not None else None
        scrolled = self.list.verticalScrollBar().value()
        self.list.clear()
        for item in items:
            row = QListWidgetItem(item.message)
            row.setData(Qt.ItemDataRole.UserRole, item.incident_id)
            row.setToolTip(f"{item.message}\nClick or press Enter to open incident "
                           f"{item.incident_id}.")
            if self._colour is not None:
                row.setForeground(self._colour)
            self.list.addItem(row)
            if chosen_id is not None and item.incident_id == chosen_id:
                self.list.setCurrentItem(row)
        count = len(items)
        self.heading.setText(f"{self._title} ({total:,})" if total else self._title)
        self.empty.setVisible(count == 0)
        self.list.setVisible(count > 0)
        # Room for what is there (up to six lines, so all three lists fit on a 768-pixel
        # screen); the rest scrolls.
        rows = min(max(count, 1), VISIBLE_ROWS)
        row_height = self.list.sizeHintForRow(0) if count else self.list.fontMetrics().height()
        self.list.setFixedHeight(rows * row_height + 2 * self.list.frameWidth() + 2)
        self.list.verticalScrollBar().setValue(scrolled)
        hidden = total - count
        self.more.setText(f"… and {hidden:,} more." if hidden > 0 else "")
        self.more.setVisible(hidden > 0)
        self.more_button.setVisible(can_show_all and hidden > 0)


class HomeView(QWidget):
    open_incident = Signal(int)
    open_follow_up = Signal(int)  # an incident opened at its Escalation tab, where it is
    new_incident = Signal()
    show_list = Signal(str)  # "overdue" or "still_up": the incident list, filtered so
    show_conduct = Signal()  # the code of conduct register, showing who needs chasing

    def __init__(self, services, parent=None):
        super().__init__(parent)
        self._services = services
        self._reading: BackgroundOp | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(10)

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(set_role(QLabel("What needs attention today"), "heading"))
        self.date_label = set_role(QLabel(), "muted")
        titles.addWidget(self.date_label)
        top.addLayout(titles, 1)
        self.new_button = QPushButton("Log a new incident")
        self.new_button.setAccessibleName("Log a new incident")
        self.new_button.setMinimumHeight(36)
        set_role(self.new_button, "primary")
        self.new_button.clicked.connect(self.new_incident)
        top.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)

        self.open_label = QLabel(LOOKING)
        layout.addWidget(self.open_label)

        # The staff code of conduct: who is overdue (or never signed, or has changed items).
        self.conduct_row = QWidget()
        conduct = QHBoxLayout(self.conduct_row)
        conduct.setContentsMargins(10, 6, 10, 6)
        self.conduct_row.setObjectName("conductReminder")
        set_role(self.conduct_row, "notice")
        self.conduct_label = QLabel()
        self.conduct_label.setWordWrap(True)
        conduct.addWidget(self.conduct_label, 1)
        self.conduct_button = QPushButton("Open the code of conduct register")
        self.conduct_button.clicked.connect(self.show_conduct)
        conduct.addWidget(self.conduct_button)
        layout.addWidget(self.conduct_row)
        self.conduct_row.hide()  # until the figures say someone needs chasing
        self.review_notice = PolicyReviewNotice(services, only_when_due=True)  # policy review
        layout.addWidget(self.review_notice)
        # For the Headteacher while the records are plain: one line, offering to encrypt.
        self.encryption_notice = EncryptionNotice(services, self)
        layout.addWidget(self.encryption_notice)

        self.all_clear = QLabel()
        self.all_clear.setWordWrap(True)
        set_role(self.all_clear, "all-clear")
        self.all_clear.hide()
        layout.addWidget(self.all_clear)

        self.overdue = AttentionSection(
            "Follow-ups overdue", "No follow-ups are overdue.", "overdue")
        self.due_today = AttentionSection(
            "Follow-ups due today", "No follow-ups are due today.", "due-soon")
        self.still_up = AttentionSection(
            "Content still up", "No open incident has content still up.", None)
        # A week after the report to the platform, still up: the next route, with the
        # policy's words beside it, in a few lines (Home has no room to scroll); the whole
        # of it is on the incident's tab (platform_reports_panel.next_route_html).
        self.platform_silent = AttentionSection(
            "Reported to the platform a week ago and still up",
            "No platform has been left a week without removing a reported post.", "due-soon")
        self.next_route = QLabel(next_route_summary_html())
        self.next_route.setWordWrap(True)
        self.next_route.setTextFormat(Qt.TextFormat.RichText)
        set_role(self.next_route, "notice")
        self.platform_silent.layout().insertWidget(1, self.next_route)
        for section in (self.overdue, self.due_today, self.still_up, self.platform_silent):
            # A click opens the incident (the guide says click); Enter and a double-click
            # arrive as ``itemActivated``. A second signal for the same line is harmless:
            # the main window raises the editor already open instead of opening another.
            # A follow-up line opens the incident where the follow-up is (Escalation).
            chosen = partial(self._activated, follow_up=section in (self.overdue,
                                                                    self.due_today))
            section.list.itemClicked.connect(chosen)
            section.list.itemActivated.connect(chosen)
            section.hide()  # until the figures arrive
            layout.addWidget(section)
        self.overdue.show_all.connect(lambda: self.show_list.emit("overdue"))
        self.due_today.show_all.connect(lambda: self.show_list.emit("due_today"))
        self.still_up.show_all.connect(lambda: self.show_list.emit("still_up"))
        layout.addStretch(1)
        self.refresh()

    def on_shown(self) -> None:
        self.refresh()

    def on_data_changed(self) -> None:
        """Something was saved, here or elsewhere (``ChangeWatcher``): a follow-up recorded
        on another computer is on this Home a moment later."""
        self.refresh()

    def refresh(self) -> None:
        """Reads today's figures in the background and shows them when they arrive."""
        today = self._services.clock.today()
        self.date_label.setText(f"{today:%A} {today.day} {today:%B %Y}")
        if self._reading is not None and self._reading.running:
            self._reading.drop()  # newer figures are asked for: the older are not wanted
        attention, register = self._services.attention, self._services.conduct_register
        self._reading = BackgroundOp(
            self, lambda: (attention.summary(limit=SHOWN), register.reminder()),
            title="What needs attention today", success=self._show,
            failure=self._failed).start(after_pending=True)  # after the page is painted
        self.review_notice.refresh()

    def _failed(self, error: BaseException) -> None:
        self.open_label.setText(problem_text(error, "The figures could not be read"))
        set_role(self.open_label, "error")

    def _show(self, figures) -> None:
        summary, reminder = figures
        set_role(self.open_label, None)
        open_count = summary.open_incidents
        self.open_label.setText(
            "There are no open incidents." if open_count == 0
            else f"{open_count:,} open incident{'s' * (open_count != 1)} in all."
        )
        self.overdue.set_items(summary.overdue, summary.overdue_total, True)
        self.due_today.set_items(summary.due_today, summary.due_today_total, True)
        self.still_up.set_items(summary.still_up, summary.still_up_total, True)
        self.platform_silent.set_items(summary.platform_silent, summary.platform_silent_total,
                                       False)
        nothing = not (summary.overdue or summary.due_today or summary.still_up)
        self.all_clear.setVisible(nothing)
        self.all_clear.setText(
            "All clear. Nothing needs chasing today: no follow-ups are due and no reported "
            "post is still up. When something is reported, press “Log a new incident”."
        )
        for section in (self.overdue, self.due_today, self.still_up):
            section.setVisible(not nothing)
        self.platform_silent.setVisible(bool(summary.platform_silent))
        self.conduct_label.setText(reminder.message)
        self.conduct_row.setVisible(bool(reminder.needing_action or reminder.due_soon))

    def _activated(self, item: QListWidgetItem, follow_up: bool = False) -> None:
        incident_id = item.data(Qt.ItemDataRole.UserRole)
        if incident_id is not None:
            (self.open_follow_up if follow_up else self.open_incident).emit(int(incident_id))
