"""Where the policy's review stands, with "Record review…" for the Headteacher.

One widget for every place that speaks of the review: Home shows it only while the review
is due (``only_when_due``), as a reminder; Reports and Settings always show it, with the
edition in force. Recording a review in the dialog it opens updates it at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from avenue_desk.ui.operations import BackgroundOp, problem_text
from avenue_desk.ui.style import set_role

HEADTEACHER_RECORDS = ("Once governors have reviewed it, the Headteacher records the review "
                       "in Avenue Desk.")


class PolicyReviewNotice(QWidget):
    recorded = Signal(object)  # the PolicyReview after a review was recorded

    def __init__(self, services, only_when_due: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._only_when_due = only_when_due
        self.dialog = None  # the PolicyReviewDialog while it is open
        self.review = None  # the PolicyReview shown
        self._reading: BackgroundOp | None = None
        row = QHBoxLayout(self)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAccessibleName("The policy's review status")
        row.addWidget(self.label, 1)
        self.record_button = QPushButton("Record review…")
        self.record_button.setAccessibleName("Record the governors' review of the policy")
        self.record_button.setToolTip("Governors reviewed the policy: record the date, and "
                                      "when the next review is due")
        self.record_button.clicked.connect(self.open_dialog)
        self._may_record = services.policy_review.may_record()
        self.record_button.setVisible(self._may_record)
        row.addWidget(self.record_button, 0, Qt.AlignmentFlag.AlignTop)
        if only_when_due:
            row.setContentsMargins(10, 6, 10, 6)
            # A QWidget subclass paints the stylesheet's background only when asked to.
            self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
            set_role(self, "notice")
            self.hide()  # until the status is read and says the review is due
        else:
            row.setContentsMargins(0, 0, 0, 0)

    def refresh(self) -> BackgroundOp:
        """Reads the status in the background (for Home, read as the page opens)."""
        if self._reading is not None and self._reading.running:
            self._reading.drop()  # a newer reading is asked for
        self._reading = BackgroundOp(self, self._services.policy_review.current,
                                     title="The policy's review", success=self.show_review,
                                     failure=self._failed).start(after_pending=True)
        return self._reading

    def load(self) -> None:
        """Reads the status now (a screen that loads its other settings the same way)."""
        self.show_review(self._services.policy_review.current())

    def show_review(self, review) -> None:
        self.review = review
        status = review.status
        if self._only_when_due:
            self.label.setText(f"{review.edition.title}: {status.message}")
            self.setVisible(status.overdue)
        else:
            self.label.setText(f"In force: {review.edition_name}. {status.message}")
            set_role(self.label, "error" if status.overdue else None)
        if status.overdue and not self._may_record:
            self.label.setText(f"{self.label.text()} {HEADTEACHER_RECORDS}")

    def _failed(self, error: BaseException) -> None:
        self.label.setText(problem_text(error, "The policy's review could not be read"))
        set_role(self.label, "error")

    def open_dialog(self) -> None:  # a slot: returns nothing (PySide6 and returned dialogs)
        from avenue_desk.ui.dialogs.policy_review import PolicyReviewDialog

        if self.dialog is not None:
            self.dialog.raise_()
            return
        dialog = PolicyReviewDialog(self._services, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Bound methods, not lambdas: PySide6 crashes deleting a dialog whose signal is
        # connected to a lambda holding its parent.
        dialog.recorded.connect(self._recorded)
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()

    def _recorded(self, review) -> None:
        self.show_review(review)
        self.recorded.emit(review)

    def _dialog_closed(self, *_args) -> None:
        self.dialog = None
