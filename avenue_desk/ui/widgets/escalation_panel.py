"""Where an incident stands on the policy's ladder, what to do next, and what has been done.

Left: the suggested next step(s), each with the reason and the policy's exact sentence,
then the timeline of actions with their follow-ups. Right: every step of the ladder in
order, marked done, suggested, open or not available (with the reason why). The timeline
and what can be done to a step on it (correct, withdraw, its follow-up) are step_timeline.py.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.policy import StepOption, Verdict
from avenue_desk.policy.platform_routes import route_summary
from avenue_desk.services.incidents import ActionRecord, IncidentRecord
from avenue_desk.ui.dialogs.record_action import RecordActionDialog, quote_html
from avenue_desk.ui.labels import phase_label, uk_date
from avenue_desk.ui.style import role_colours, set_role
from avenue_desk.ui.widgets.step_timeline import WITHHELD, StepTimeline
from avenue_desk.ui.window_state import remember_splitter

__all__ = ["WITHHELD", "EscalationPanel"]  # WITHHELD: what the office sees of legal notes
# The steps that report the post to the site: their tooltip gives the platform's own route.
REPORTING_STEPS = frozenset({"report_to_site", "contact_host"})


class EscalationPanel(StepTimeline, QWidget):
    """Emits ``changed`` after an action or follow-up is recorded (the phase may move)."""

    changed = Signal()

    def __init__(self, services, incident_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._incident_id = incident_id
        self.dialog: RecordActionDialog | None = None
        self.options: list[StepOption] = []
        self.record: IncidentRecord | None = None
        # The stylesheet's colours for what it cannot style itself: list and table items.
        self._overdue = QBrush(role_colours("overdue").foreground)
        self._refused = QBrush(role_colours("muted").foreground)
        self._suggested = QBrush(role_colours("suggested").background)
        self._withdrawn = QBrush(role_colours("withdrawn").foreground)

        self.phase_label = set_role(QLabel(self), "lead")
        self.record_button = QPushButton("Record action…", self)
        self.record_button.setAutoDefault(False)
        self.record_button.clicked.connect(lambda: self.open_record_dialog())
        self.letters_button = QPushButton("Letters…", self)
        self.letters_button.setAutoDefault(False)
        self.letters_button.setToolTip("The letters the policy allows at this stage")
        self.letters_button.setMenu(QMenu(self.letters_button))
        self.letters_button.menu().aboutToShow.connect(self._fill_letters_menu)
        self.letter_dialog = None
        head = QHBoxLayout()
        head.addWidget(self.phase_label, 1)
        head.addWidget(self.letters_button)
        head.addWidget(self.record_button)

        self.suggestion_box = QGroupBox("Suggested next", self)
        set_role(self.suggestion_box, "suggestion")
        box_layout = QVBoxLayout(self.suggestion_box)
        self._suggestions = QVBoxLayout()
        box_layout.addLayout(self._suggestions)
        box_layout.addStretch(1)  # one short suggestion sits at the top, not spread out
        suggestion_scroll = QScrollArea(self)
        suggestion_scroll.setWidgetResizable(True)
        suggestion_scroll.setFrameShape(QFrame.Shape.NoFrame)
        suggestion_scroll.setWidget(self.suggestion_box)

        timeline_box = self._build_timeline()

        left_split = QSplitter(Qt.Orientation.Vertical, self)
        left_split.addWidget(suggestion_scroll)
        left_split.addWidget(timeline_box)
        left_split.setChildrenCollapsible(False)
        # The suggestion is what the office came for: it gets most of the height.
        suggestion_scroll.setMinimumHeight(150)
        left_split.setSizes([330, 200])
        remember_splitter(left_split, "incident-timeline")
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(head)
        left_layout.addWidget(left_split, 1)

        self.ladder = QListWidget(self)
        self.ladder.setWordWrap(True)
        self.ladder.setSpacing(2)
        self.ladder.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.ladder.itemDoubleClicked.connect(self._ladder_double_clicked)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel("<b>The policy's steps, in order</b>", right))
        right_layout.addWidget(self.ladder)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 1)
        split.setSizes([800, 420])
        split.setChildrenCollapsible(False)
        remember_splitter(split, "incident-steps")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.refresh()
        # Built as its tab is first shown, it was filled a moment before that first show:
        # reading it all again then made opening the tab take twice as long.
        self._filled_for_first_show = True

    # --- showing ------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._filled_for_first_show:
            self.refresh()  # another window may have moved the case on since it was shown
        self._filled_for_first_show = False

    def refresh(self) -> None:
        escalation = self._services.escalation
        self.record = self._services.incidents.current(self._incident_id)
        self.options = escalation.options(self._incident_id)
        suggestions = escalation.suggestions(self._incident_id)
        self.phase_label.setText(f"Stage: <b>{html.escape(phase_label(self.record.phase))}</b>")
        self._show_suggestions(suggestions)
        self._show_ladder()
        self._show_timeline()

    def _show_suggestions(self, suggestions: list[StepOption]) -> None:
        while self._suggestions.count():
            widget = self._suggestions.takeAt(0).widget()
            widget.hide()
            widget.deleteLater()
        if not suggestions:
            self._suggestions.addWidget(QLabel(
                "Nothing is suggested right now. Any step marked Open on the right can still "
                "be recorded with Record action…", self.suggestion_box))
        for number, option in enumerate(suggestions, 1):
            label = QLabel(self.suggestion_box)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            set_role(label, "suggestion-text")
            label.setText(f"<b>{number}. {html.escape(option.step.label)}</b><br>"
                          f"{html.escape(option.reason)}<br>{quote_html(option)}")
            button = QPushButton(f"Record “{option.step.label}”…", self.suggestion_box)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, key=option.step.key:
                                   self.open_record_dialog(key))
            row = QWidget(self.suggestion_box)
            row_layout = QVBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 6)
            row_layout.addWidget(label)
            row_layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            self._suggestions.addWidget(row)

    def _done_on(self) -> dict[str, ActionRecord]:
        done: dict[str, ActionRecord] = {}
        for action in self.record.actions:  # the latest of each step wins
            if action.withdrawn:
                continue
            if action.step not in done or action.taken_on >= done[action.step].taken_on:
                done[action.step] = action
        return done

    def _show_ladder(self) -> None:
        self.ladder.clear()
        done = self._done_on()
        for option in self.options:
            status = {Verdict.SUGGESTED: "Suggested", Verdict.OPEN: "Open",
                      Verdict.REFUSED: option.account_note or "Not available now"
                      }[option.verdict]
            if option.step.key in done:
                when = uk_date(done[option.step.key].taken_on)
                again = {Verdict.SUGGESTED: " · suggested again",
                         Verdict.OPEN: " · can be done again"}.get(option.verdict, "")
                status = f"✓ Done {when}{again}"
            # "Open at this stage." on every other line would bury the reasons that matter.
            reason = "" if option.reason == "Open at this stage." else f"\n{option.reason}"
            item = QListWidgetItem(f"{option.step.label} — {status}{reason}")
            item.setData(Qt.ItemDataRole.UserRole, option.step.key)
            quote = option.quote or option.step.quote
            tip = f"{option.reason}\n\n“{quote.text}”"
            if option.step.key in REPORTING_STEPS:  # where this platform takes reports
                tip += f"\n\n{route_summary(self.record.platform)}"
            item.setToolTip(tip)
            font = QFont(item.font())
            if option.verdict is Verdict.SUGGESTED:
                item.setBackground(self._suggested)
                font.setBold(True)
            elif option.verdict is Verdict.REFUSED:
                item.setForeground(self._refused)
            item.setFont(font)
            self.ladder.addItem(item)

    # --- acting -------------------------------------------------------------------------

    def open_record_dialog(self, step_key: str | None = None) -> RecordActionDialog:
        """Opens the dialog window-modal; the panel refreshes when it is saved."""
        self.undo_bar.hide()
        dialog = RecordActionDialog(self._services, self._incident_id, self.options,
                                    step_key, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._recorded)
        dialog.finished.connect(self._forget_dialog)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _forget_dialog(self, *_args) -> None:
        self.dialog = None

    def _recorded(self) -> None:
        self.refresh()
        self.changed.emit()

    # --- letters ------------------------------------------------------------------------

    def _fill_letters_menu(self) -> None:
        """Only the letters the policy allows now; a last line says why others are missing."""
        menu = self.letters_button.menu()
        menu.clear()
        choices = self._services.letters.offered(self._incident_id)
        for choice in (c for c in choices if c.allowed):
            action = menu.addAction(f"{choice.label}…")
            action.triggered.connect(lambda _c=False, k=choice.kind: self.open_letter(k))
        hidden = [c for c in choices if not c.allowed]
        if hidden:
            menu.addSeparator()
            note = menu.addAction("Why are other letters not listed?")
            note.setToolTip("\n".join(f"{c.label}: {c.reason}" for c in hidden))
            note.triggered.connect(lambda _c=False: self._explain_letters(hidden))

    def _explain_letters(self, hidden) -> None:
        from PySide6.QtWidgets import QMessageBox

        text = "".join(f"<p><b>{html.escape(c.label)}</b> ({html.escape(c.unavailable)})"
                       f"<br>{html.escape(c.reason)}</p>" for c in hidden)
        QMessageBox.information(self, "Letters not listed", text)

    def open_letter(self, kind: str):
        """The edit-before-printing dialog; the timeline refreshes when it records."""
        from avenue_desk.ui.dialogs.letter_dialog import LetterDialog

        dialog = LetterDialog(self._services, self._incident_id, kind, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.recorded.connect(lambda _message: self._recorded())
        dialog.finished.connect(lambda *_args: setattr(self, "letter_dialog", None))
        self.letter_dialog = dialog
        dialog.open()
        return dialog

    def _ladder_double_clicked(self, item: QListWidgetItem) -> None:
        key = item.data(Qt.ItemDataRole.UserRole)
        option = next((o for o in self.options if o.step.key == key), None)
        if option is not None and option.verdict is not Verdict.REFUSED:
            self.open_record_dialog(key)
