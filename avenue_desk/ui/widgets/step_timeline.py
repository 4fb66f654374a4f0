"""The escalation tab's timeline: every step recorded, and what can be done to one.

A step can be corrected (double-click, F2, or Correct… on the right-click menu) or
withdrawn (Delete, or Withdraw…); neither overwrites nor deletes anything: a corrected step
says so, with what it said before, and a withdrawn one stays, grey and struck through,
with who withdrew it and why. A follow-up is marked done with a note, and can be undone
(Undo right after, Reopen later). Steps the account may not record (the Police and legal
steps for the office, policy/access.py) show whose they are instead of the buttons.

``StepTimeline`` is mixed into ``EscalationPanel``, which gives it ``_services``,
``record``, the role brushes and ``_recorded`` (refresh and tell the incident).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.policy.access import explain, operation_for_step, refusal_tag
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.incidents import ActionRecord
from avenue_desk.ui.labels import short_date
from avenue_desk.ui.style import set_role

WITHHELD = "Notes kept for the Headteacher"
WITHHELD_TIP = ("Notes on legal advice, legal action and contact with the Police are for the "
                "Headteacher alone; the step and its date are shown.")
TIMELINE_COLUMNS = ("Date", "Step", "Taken by", "Outcome", "Follow-up due", "")
TIMELINE_TIP = ("Double-click a step (or press F2) to correct it; right-click for Correct…, "
                "Withdraw… and its follow-up.")


def _when(moment) -> str:
    return short_date(moment.date()) if moment else "an unknown date"


def history_text(action: ActionRecord) -> str:
    """What the timeline's tooltip and "Earlier versions…" say about a step corrected or
    withdrawn: who changed it, when, and what it said before."""
    parts = []
    if action.corrected:
        by = f" by {action.recorded_by}" if action.recorded_by else ""
        why = f" ({action.correction_note})" if action.correction_note else ""
        parts.append(f"Corrected on {_when(action.created_at)}{by}{why}.")
        for number, before in enumerate(action.earlier, 1):
            said = WITHHELD if before.withheld else before.outcome or "no outcome"
            parts.append(f"Version {number}: {short_date(before.taken_on)}, taken by "
                         f"{before.taken_by or 'nobody named'}: {said}")
    if action.withdrawn:
        reason = "" if action.withheld else f": {action.withdrawn_reason}"
        parts.append(f"Withdrawn on {_when(action.withdrawn_at)} by "
                     f"{action.withdrawn_by}{reason}")
    return "\n".join(parts)


class StepTimeline:
    """The timeline's table and its actions, for ``EscalationPanel``."""

    step_dialog = None  # correcting, withdrawing or marking a follow-up done
    last_done: ActionRecord | None = None  # what Undo would reopen

    def _build_timeline(self) -> QWidget:
        """The table of steps, its actions and the Undo bar, in a box for the panel."""
        self.timeline = QTableWidget(0, len(TIMELINE_COLUMNS), self)
        self.timeline.setHorizontalHeaderLabels(TIMELINE_COLUMNS)
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.timeline.verticalHeader().hide()
        # One line a row: the outcome is cut short here and shown whole in its tooltip.
        self.timeline.setWordWrap(False)
        self.timeline.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.timeline.horizontalHeader()
        for column in range(len(TIMELINE_COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Step and Taken by at set widths (a long name or " · corrected" is cut short and
        # shown whole in the tooltip), so the outcome keeps the room that is left.
        for column, width in ((1, 230), (2, 150)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.timeline.setToolTip(TIMELINE_TIP)
        self.timeline.cellDoubleClicked.connect(lambda row, _column: self._row_opened(row))
        self._make_row_actions()
        self.timeline.currentCellChanged.connect(lambda *_a: self._update_row_actions())
        self.undo_bar = set_role(QFrame(self), "notice")
        self.undo_text = QLabel(self.undo_bar)
        self.undo_text.setTextFormat(Qt.TextFormat.PlainText)
        self.undo_text.setWordWrap(True)
        self.undo_button = QPushButton("Undo", self.undo_bar)
        self.undo_button.setAutoDefault(False)
        self.undo_button.clicked.connect(self.undo_done)
        undo_layout = QHBoxLayout(self.undo_bar)
        undo_layout.setContentsMargins(6, 2, 6, 2)
        undo_layout.addWidget(self.undo_text, 1)
        undo_layout.addWidget(self.undo_button)
        self.undo_bar.hide()
        timeline_box = QWidget(self)
        timeline_layout = QVBoxLayout(timeline_box)
        timeline_layout.setContentsMargins(0, 0, 0, 0)
        timeline_layout.addWidget(QLabel("<b>What has been done</b>", timeline_box))
        timeline_layout.addWidget(self.timeline)
        timeline_layout.addWidget(self.undo_bar)
        self.timeline_empty = QLabel("Nothing recorded yet. Use Record action… once the "
                                     "school has done something about this post.", timeline_box)
        set_role(self.timeline_empty, "muted")
        timeline_layout.addWidget(self.timeline_empty)

        return timeline_box

    def _show_timeline(self) -> None:
        self.timeline_actions = sorted(self.record.actions,
                                       key=lambda a: (a.taken_on, a.first_id))
        actions = self.timeline_actions
        today = self._services.clock.today()
        self.timeline.setRowCount(len(actions))
        for row, action in enumerate(actions):
            outcome = WITHHELD if action.withheld else action.outcome.replace("\n", " ")
            label = action.step_label + (" · withdrawn" if action.withdrawn else
                                         " · corrected" if action.corrected else "")
            cells = (short_date(action.taken_on), label, action.taken_by, outcome)
            tip = action.outcome + (f"\n\nNotes: {action.notes}" if action.notes else "")
            tip = WITHHELD_TIP if action.withheld else tip.strip()
            history = history_text(action)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                # The columns cut long text short: each tip starts with the cell's whole text
                # (the outcome's tip is that text, with its notes).
                whole = "" if column == 3 else text
                item.setToolTip("\n\n".join(p for p in (whole, tip, history) if p))
                self.timeline.setItem(row, column, item)
            follow_up = self._follow_up_item(action, today)
            self.timeline.setItem(row, 4, follow_up)
            self._show_follow_up_action(row, action)
            if action.withdrawn:
                self._strike(row)
        self.timeline.resizeRowsToContents()
        self.timeline_empty.setVisible(not actions)
        self._update_row_actions()

    def _strike(self, row: int) -> None:
        """A withdrawn step stays in its place, grey and struck through."""
        for column in range(5):
            item = self.timeline.item(row, column)
            font = item.font()
            font.setStrikeOut(True)
            item.setFont(font)
            item.setForeground(self._withdrawn)

    def _follow_up_item(self, action: ActionRecord, today) -> QTableWidgetItem:
        due = action.follow_up_due
        if due is None:
            return QTableWidgetItem("—")
        if action.follow_up_done or action.withdrawn:
            word = ("superseded" if action.follow_up_superseded else "done")
            text = short_date(due) if action.withdrawn else f"{short_date(due)} · {word}"
            item = QTableWidgetItem(text)
            closed = ""
            if action.follow_up_done and not action.withheld:
                by = f" by {action.follow_up_closed_by}" if action.follow_up_closed_by else ""
                closed = f"{action.follow_up_note}{by}".strip()
            item.setToolTip("\n".join(p for p in (text, closed) if p))
            return item
        if due < today:
            item = QTableWidgetItem(f"{short_date(due)} overdue")
            item.setForeground(self._overdue)
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        else:
            item = QTableWidgetItem(short_date(due) + (" · today" if due == today else ""))
        item.setToolTip(item.text())
        return item

    def _may_change(self, action: ActionRecord) -> bool:
        """Whether this account may correct or withdraw the step, or close its follow-up:
        the Headteacher's alone for legal steps (policy/access.py)."""
        return self._services.guard.allowed(operation_for_step(action.step))

    def _show_follow_up_action(self, row: int, action: ActionRecord) -> None:
        self.timeline.removeCellWidget(row, 5)
        self.timeline.setItem(row, 5, QTableWidgetItem(""))
        if action.follow_up_open and not self._may_change(action):
            # The office sees what the follow-up is and whose it is, not a button it may
            # not press (and could not judge: the step's notes are not shown to it).
            actor = self._services.guard.actor
            operation = operation_for_step(action.step)
            item = QTableWidgetItem(f"{action.step_label} follow-up — "
                                    f"{refusal_tag(actor.role, operation) if actor else ''}")
            item.setForeground(self._refused)
            item.setToolTip(explain(actor.role, operation) if actor else "")
            self.timeline.setItem(row, 5, item)
        elif action.follow_up_open:
            button = QPushButton("Mark done…", self.timeline)
            button.setToolTip(f"Mark the follow-up on “{action.step_label}” as done, with a "
                              "note of what was done")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, a=action: self.open_done_dialog(a))
            self._put_button(row, button)
        elif self._may_reopen(action):
            button = QPushButton("Reopen", self.timeline)
            button.setToolTip("Mark this follow-up as still to do")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, a=action: self.reopen_follow_up(a.id))
            self._put_button(row, button)

    def _put_button(self, row: int, button: QPushButton) -> None:
        """The column sizes itself to its cells' text, and a button is not text: its cell
        asks for the button's size, or the column shrinks to a sliver of it ("k do")."""
        self.timeline.item(row, 5).setSizeHint(button.sizeHint())
        self.timeline.setCellWidget(row, 5, button)

    def _may_reopen(self, action: ActionRecord) -> bool:
        return (action.follow_up_due is not None and action.follow_up_done
                and not action.follow_up_superseded and not action.withdrawn
                and self._may_change(action))

    # --- the timeline's own actions (right-click, F2, Delete, double-click) -------------

    def _make_row_actions(self) -> None:
        def make(text: str, slot, shortcut=None) -> QAction:
            action = QAction(text, self.timeline)
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.timeline.addAction(action)
            return action

        self.correct_action = make("Correct…", lambda: self._on_current(self.open_correct_dialog),
                                   Qt.Key.Key_F2)
        self.withdraw_action = make("Withdraw…",
                                    lambda: self._on_current(self.open_withdraw_dialog),
                                    QKeySequence.StandardKey.Delete)
        self.done_action = make("Mark follow-up done…",
                                lambda: self._on_current(self.open_done_dialog))
        self.reopen_action = make("Reopen follow-up",
                                  lambda: self._on_current(lambda a: self.reopen_follow_up(a.id)))
        self.history_action = make("Earlier versions and why…",
                                   lambda: self._on_current(self.show_history))
        # Right-click, or the menu key on the keyboard, lists them for the current row.
        self.timeline.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def current_action(self) -> ActionRecord | None:
        row = self.timeline.currentRow()
        actions = getattr(self, "timeline_actions", [])
        return actions[row] if 0 <= row < len(actions) else None

    def _update_row_actions(self) -> None:
        action = self.current_action()
        standing = action is not None and not action.withdrawn
        allowed = action is not None and self._may_change(action)
        self.correct_action.setEnabled(standing and allowed)
        self.withdraw_action.setEnabled(standing and allowed)
        self.done_action.setEnabled(bool(action and action.follow_up_open and allowed))
        self.reopen_action.setEnabled(bool(action and self._may_reopen(action)))
        self.history_action.setEnabled(bool(action and (action.corrected or action.withdrawn)))
        if action is not None and not allowed:
            why = explain(self._services.guard.actor.role, operation_for_step(action.step)) \
                if self._services.guard.actor else ""
            for each in (self.correct_action, self.withdraw_action, self.done_action):
                each.setToolTip(why)

    def _on_current(self, act) -> None:
        action = self.current_action()
        if action is not None:
            act(action)

    def _row_opened(self, row: int) -> None:
        """A double-click opens the step to correct it (or, withdrawn, says why it was)."""
        self.timeline.setCurrentCell(row, 1)
        action = self.current_action()
        if action is None:
            return
        if action.withdrawn:
            self.show_history(action)
        elif self._may_change(action):
            self.open_correct_dialog(action)

    def show_history(self, action: ActionRecord) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Information, f"“{action.step_label}”",
                          history_text(action) or "This step has not been corrected.",
                          parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.step_dialog = box
        box.finished.connect(self._forget_step_dialog)
        box.open()

    def _open_step_dialog(self, dialog):
        """Correct, Withdraw and Mark done open window-modal; the panel refreshes after."""
        self.undo_bar.hide()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._recorded)
        dialog.finished.connect(self._forget_step_dialog)
        self.step_dialog = dialog
        dialog.open()
        return dialog

    def _forget_step_dialog(self, *_args) -> None:
        self.step_dialog = None

    def open_correct_dialog(self, action: ActionRecord):
        from avenue_desk.ui.dialogs.correct_step import CorrectStepDialog

        return self._open_step_dialog(CorrectStepDialog(self._services, action, self.window()))

    def open_withdraw_dialog(self, action: ActionRecord):
        from avenue_desk.ui.dialogs.withdraw_step import WithdrawStepDialog

        return self._open_step_dialog(WithdrawStepDialog(self._services, action, self.window()))

    def open_done_dialog(self, action: ActionRecord):
        from avenue_desk.ui.dialogs.follow_up_done import FollowUpDoneDialog, follow_up_text

        dialog = FollowUpDoneDialog(self._services, action, self.window())

        def offer_undo() -> None:
            self.last_done = action
            self.undo_text.setText(f"Marked done: {follow_up_text(action)}")
            self.undo_bar.show()

        dialog.accepted.connect(offer_undo)
        return self._open_step_dialog(dialog)

    def undo_done(self) -> None:
        """Undo, straight after Mark done: the follow-up is to do again."""
        if self.last_done is not None:
            self.reopen_follow_up(self.last_done.id)

    def reopen_follow_up(self, action_id: int) -> None:
        from PySide6.QtWidgets import QMessageBox

        try:
            self._services.escalation.reopen_follow_up(action_id)
        except ServiceError as error:
            QMessageBox.warning(self, "Not reopened", str(error))
            return
        self.undo_bar.hide()
        self.last_done = None
        self._recorded()

