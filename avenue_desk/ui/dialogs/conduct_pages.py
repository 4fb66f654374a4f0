"""The pages of the code of conduct wizard. Every word of the code comes from
``policy.conduct``; these classes only lay it out, one item to a box.

Keyboard: Tab moves from box to box, Space ticks, the arrow keys choose Yes or No, Enter
goes to the next page. A page longer than the window scrolls to whatever has the focus.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from avenue_desk.policy import conduct as code
from avenue_desk.services.conduct import ACCEPTED, NO, YES, ItemAnswer
from avenue_desk.ui.style import set_role, set_style_property


def _label(text: str = "", role: str = "", rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    if role:
        set_role(label, role)
    return label


class ItemBox(QFrame):
    """One item: its label, the policy's words, and the answer widgets."""

    changed = Signal()

    def __init__(self, item: code.ConductItem, reworded: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.item = item
        self.setObjectName("conductItem")
        set_role(self, "conduct-item")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(12, 8, 12, 10)
        self.layout_.setSpacing(5)
        if item.is_check:
            count = len(code.items_in(item.section))
            heading = _label(f"Question {item.number} of {count}", "muted")
        else:
            heading = _label(f"<b>{html.escape(item.label)}</b>", rich=True)
        self.layout_.addWidget(heading)
        if reworded:
            self.layout_.addWidget(_label("Changed since you last signed: please read it again.",
                                          "warning"))

    def mark(self) -> None:
        set_style_property(self, "answered", bool(self.answer().answer))


class RuleBox(ItemBox):
    def __init__(self, item: code.ConductItem, reworded: bool, parent: QWidget | None = None):
        super().__init__(item, reworded, parent)
        self.text = _label(item.text, "quote")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.layout_.addWidget(self.text)
        self.tick = QCheckBox(code.TICK_PROMPT)
        self.tick.setAccessibleName(f"{item.label}. {code.TICK_PROMPT}")
        self.tick.setAccessibleDescription(item.text)
        self.tick.toggled.connect(self._toggled)
        self.layout_.addWidget(self.tick, 0, Qt.AlignmentFlag.AlignLeft)

    def _toggled(self) -> None:
        self.mark()
        self.changed.emit()

    def answer(self) -> ItemAnswer:
        return ItemAnswer(self.item.key, ACCEPTED if self.tick.isChecked() else "")

    def set_answer(self, answer: ItemAnswer) -> None:
        self.tick.setChecked(answer.answer == ACCEPTED)

    def focus_target(self) -> QWidget:
        return self.tick

    def clear(self) -> None:
        self.tick.setChecked(False)


class CheckBox(ItemBox):
    """A yes/no question about the person's own accounts, with an optional note."""

    def __init__(self, item: code.ConductItem, reworded: bool, parent: QWidget | None = None):
        super().__init__(item, reworded, parent)
        self.layout_.addWidget(_label(f"<b>{html.escape(item.question)}</b>", rich=True))
        self.layout_.addWidget(_label(f"The code says: “{item.text}”", "muted"))
        row = QHBoxLayout()
        self.yes, self.no = QRadioButton("Yes"), QRadioButton("No")
        self.group = QButtonGroup(self)
        for button in (self.yes, self.no):
            button.setAccessibleName(f"{item.question} {button.text()}")
            self.group.addButton(button)
            row.addWidget(button)
        row.addSpacing(16)
        self.note = QLineEdit()
        self.note.setPlaceholderText("Note (optional)")
        self.note.setAccessibleName(f"Note: {item.title}")
        self.note.setMaxLength(2000)
        row.addWidget(self.note, 1)
        self.layout_.addLayout(row)
        self.feedback = _label()
        self.feedback.hide()
        self.layout_.addWidget(self.feedback)
        self.group.buttonToggled.connect(self._answered)
        self.note.textEdited.connect(lambda _text: self.changed.emit())

    def _answered(self, _button, checked: bool) -> None:
        if not checked:
            return
        said_yes = self.yes.isChecked()
        unexpected = self.item.expected is not None and said_yes != self.item.expected
        self.feedback.setText(self.item.if_unexpected if unexpected else "")
        set_role(self.feedback, "warning" if self.item.is_failure(said_yes) else "recorded")
        self.feedback.setVisible(unexpected)
        self.mark()
        self.changed.emit()

    def answer(self) -> ItemAnswer:
        value = YES if self.yes.isChecked() else NO if self.no.isChecked() else ""
        return ItemAnswer(self.item.key, value, self.note.text())

    def set_answer(self, answer: ItemAnswer) -> None:
        if answer.answer == YES:
            self.yes.setChecked(True)
        elif answer.answer == NO:
            self.no.setChecked(True)
        self.note.setText(answer.note)

    def focus_target(self) -> QWidget:
        return self.no if self.no.isChecked() else self.yes

    def clear(self) -> None:
        self.group.setExclusive(False)
        self.yes.setChecked(False)
        self.no.setChecked(False)
        self.group.setExclusive(True)
        self.note.clear()
        self.feedback.hide()


def scrolling(content: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # Tab goes from answer to answer, not to the scroll area; it scrolls to what has focus.
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(content)
    return area


class WelcomePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle("Code of conduct for social networking")
        layout = QVBoxLayout(self)
        self.who = _label(rich=True)
        layout.addWidget(self.who)
        self.large_text = QCheckBox("&Larger text")
        self.large_text.setToolTip("Makes the writing bigger on every page (Alt+L)")
        layout.addWidget(self.large_text, 0, Qt.AlignmentFlag.AlignLeft)
        self.status = _label(rich=True)
        layout.addWidget(self.status)
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 8, 0)
        inner.addWidget(_label("<b>Introduction</b>", rich=True))
        for quote in code.INTRODUCTION:
            inner.addWidget(_label(quote.text, "quote"))
        inner.addWidget(_label("<b>Aims</b>", rich=True))
        for quote in code.AIMS:
            inner.addWidget(_label(f"•  {quote.text}", "quote"))
        inner.addStretch(1)
        layout.addWidget(scrolling(body), 1)
        layout.addWidget(_label("Press Enter (or Next) to begin. You can stop at any time: your "
                                "answers are kept until you come back.", "muted"))


class ItemsPage(QWizardPage):
    """One section's items: ticks for rules, yes/no for the personal checks."""

    def __init__(self, section: code.Section, boxes: list[ItemBox],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.section = section
        self.boxes = boxes
        self.setTitle(section.title)
        self.setSubTitle(section.guidance)
        layout = QVBoxLayout(self)
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 8, 0)
        inner.setSpacing(8)
        if section.lead is not None:
            inner.addWidget(_label(section.lead.text, "quote"))
        for box in boxes:
            inner.addWidget(box)
        inner.addStretch(1)
        self.area = scrolling(body)
        layout.addWidget(self.area, 1)
        self.progress = _label(role="muted")
        layout.addWidget(self.progress)
        for box in boxes:
            box.changed.connect(self.update_progress)
        self.update_progress()

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        if self.boxes:
            first = next((b for b in self.boxes if not b.answer().answer), self.boxes[0])
            # Once the page is showing: QWizard moves the focus itself as it switches pages.
            QTimer.singleShot(0, lambda: self.focus_item(first.item.key))

    def focus_item(self, key: str) -> None:
        for box in self.boxes:
            if box.item.key == key:
                box.focus_target().setFocus(Qt.FocusReason.OtherFocusReason)
                self.area.ensureWidgetVisible(box)

    def update_progress(self) -> None:
        done = sum(1 for box in self.boxes if box.answer().answer)
        verb = "answered" if self.section.key == code.CHECKS else "ticked"
        self.progress.setText(f"{done} of {len(self.boxes)} {verb} on this page.")


class SummaryPage(QWizardPage):
    """Everything at a glance before signing: what is still to do, and what to put right."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle("Check your answers")
        self.setSubTitle("Go Back to change anything. Nothing is signed until the last page.")
        layout = QVBoxLayout(self)
        self.text = _label(rich=True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(scrolling(self.text), 1)

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        self.text.setText(self.wizard().summary_html())


class SignPage(QWizardPage):
    """The typed name as a signature, and today's date."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle("Sign")
        self.setSubTitle("Type your full name as your signature, then press Finish.")
        layout = QVBoxLayout(self)
        layout.addWidget(_label(code.DECLARATION))
        self.name_label = QLabel("Your full &name:")
        self.name = QLineEdit()
        self.name.setAccessibleName("Your full name, as your signature")
        self.name.setMaxLength(200)
        self.name_label.setBuddy(self.name)
        layout.addWidget(self.name_label)
        layout.addWidget(self.name)
        self.hint = _label(role="muted")
        layout.addWidget(self.hint)
        self.date = _label()
        layout.addWidget(self.date)
        self.error = _label(role="problems", rich=True)
        self.error.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.error_area = scrolling(self.error)
        self.error_area.hide()
        layout.addWidget(self.error_area, 1)
        layout.addStretch(0)
        self.name.textEdited.connect(lambda _text: self.wizard().name_edited())

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        self.wizard().prepare_sign_page(self)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def validatePage(self) -> bool:  # noqa: N802 (Qt override)
        return self.wizard().sign()

    def show_error(self, html_text: str) -> None:
        self.error.setText(html_text)
        self.error_area.setVisible(bool(html_text))
