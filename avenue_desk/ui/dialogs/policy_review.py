"""Recording that governors reviewed the policy: the edition in force, the date of their
review, when the next one is due (a year on unless changed) and, if wanted, where the
minutes record it. The Headteacher's; the reminder on Home clears once it is recorded.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.policy.editions import default_next_review
from avenue_desk.services.core.errors import ServiceError, ValidationError
from avenue_desk.services.core.validation import LINE_LIMIT
from avenue_desk.ui.labels import short_date
from avenue_desk.ui.style import set_role
from avenue_desk.ui.widgets.date_field import DateField, refuse_unread_dates

PAST_SHOWN = 5


class PolicyReviewDialog(QDialog):
    recorded = Signal(object)  # the PolicyReview as it stands after recording

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        reviews = services.policy_review
        self.review = reviews.current()
        today = services.clock.today()
        self.setWindowTitle("Record the governors' review of the policy")
        layout = QVBoxLayout(self)
        intro = QLabel("When governors have reviewed the social media policy (at a meeting, "
                       "or by a committee they asked to), record it here. The reminder on "
                       "Home then clears, and the report to governors says when it was "
                       "reviewed and when the next review is due.")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        self.edition = QLineEdit(self.review.edition_name)
        self.edition.setReadOnly(True)
        self.edition.setAccessibleName("The edition in force")
        self.edition.setToolTip("The edition in use is chosen in Settings")
        set_role(self.edition, "read-only")
        form.addRow("Edition in force:", self.edition)
        self.standing = QLabel(self.review.status.message)
        self.standing.setWordWrap(True)
        self.standing.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.standing, "muted")
        form.addRow("Now:", self.standing)
        self.reviewed_on = DateField(today, optional=False, unset_text="The meeting's date")
        self.reviewed_on.edit.setMaximumDate(today)  # a review is recorded once it was held
        self.reviewed_on.edit.setAccessibleName("Date governors reviewed it")
        form.addRow("Date &reviewed:", self.reviewed_on)
        form.labelForField(self.reviewed_on).setBuddy(self.reviewed_on.edit)
        self.next_review = DateField(today, optional=False, year_left_out="coming",
                                     unset_text="A year after the review")
        self.next_review.edit.setAccessibleName("Next review due by")
        form.addRow("&Next review due by:", self.next_review)
        form.labelForField(self.next_review).setBuddy(self.next_review.edit)
        self.note = QLineEdit()
        self.note.setMaxLength(LINE_LIMIT)
        self.note.setPlaceholderText("Optional: e.g. Full governing body, minute 7")
        self.note.setAccessibleName("Minutes reference (optional)")
        form.addRow("&Minutes reference:", self.note)
        self.note_error = set_role(QLabel(), "error")
        self.note_error.setWordWrap(True)
        self.note_error.hide()
        form.addRow("", self.note_error)
        layout.addLayout(form)

        self.past = QLabel(self._past_text(reviews.history(PAST_SHOWN)))
        self.past.setWordWrap(True)
        self.past.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.past, "muted")
        layout.addWidget(self.past)
        self.error = set_role(QLabel(), "error")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Record review")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        # The next review follows the review date (a year on) until it is chosen itself.
        self._next_chosen = False
        self._suggesting = False
        self.next_review.changed.connect(self._next_changed)
        self.reviewed_on.changed.connect(self._suggest_next)
        self.resize(620, self.sizeHint().height())
        self.reviewed_on.setFocus()

    @staticmethod
    def _past_text(past) -> str:
        if not past:
            return "No review has been recorded in Avenue Desk before."
        lines = [f"{short_date(r.recorded_at.date())} by {r.recorded_by}: {r.summary}"
                 for r in past]
        return "Recorded before (newest first, from the audit trail):\n" + "\n".join(lines)

    def _next_changed(self) -> None:
        if not self._suggesting:
            self._next_chosen = True

    def _suggest_next(self) -> None:
        reviewed = self.reviewed_on.value()
        if reviewed is not None and not self._next_chosen:
            self._suggesting = True
            self.next_review.set_value(default_next_review(reviewed))
            self._suggesting = False

    def save(self) -> bool:
        self.error.hide()
        self.note_error.hide()
        if refuse_unread_dates(self.reviewed_on, self.next_review):
            return False  # each box says why, beside it
        try:
            review = self._services.policy_review.record(
                self.reviewed_on.value(), self.next_review.value(), self.note.text(),
                edition_key=self.review.edition.key)
        except ValidationError as error:
            self._show_beside(error.errors)
            return False
        except ServiceError as error:
            self._show(str(error))
            return False
        self.review = review
        self.recorded.emit(review)
        self.accept()
        return True

    def _show_beside(self, errors: dict[str, str]) -> None:
        beside = {"reviewed_on": self.reviewed_on.problem_label,
                  "next_review_on": self.next_review.problem_label, "note": self.note_error}
        for field, message in errors.items():
            label = beside.get(field)
            if label is None:
                self._show(message)
                continue
            label.setText(message)
            label.show()

    def _show(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
