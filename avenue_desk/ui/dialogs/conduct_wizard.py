"""The code of conduct, acknowledged on screen by one person at the shared office PC.

Pages: welcome and introduction (with a "Larger text" option); the key principles; the
four things not acceptable; the twelve commitments; the personal checks; a summary; the
typed name as a signature. Built from ``policy.conduct``: no rule is written here.

Progress is saved on every page turn and on "Stop for now", so a person can come back
later. The wizard refuses to finish while an item is unticked and names each one. It is
made afresh for every person and emptied when it closes, so nothing of one person is
left on screen for the next.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton, QWidget, QWizard

from avenue_desk.policy import conduct as code
from avenue_desk.services.conduct import NO, YES, IncompleteAcknowledgement, ItemAnswer
from avenue_desk.services.core.errors import ServiceError, ValidationError
from avenue_desk.ui.dialogs.conduct_pages import (
    CheckBox,
    ItemBox,
    ItemsPage,
    RuleBox,
    SignPage,
    SummaryPage,
    WelcomePage,
)
from avenue_desk.ui.labels import role_label, uk_date
from avenue_desk.ui.style import in_role, set_role, set_style_property

WELCOME, SUMMARY, SIGN = 0, 5, 6
SECTION_PAGES = {code.PRINCIPLES: 1, code.NOT_ACCEPTABLE: 2, code.MUST_ENSURE: 3, code.CHECKS: 4}


class ConductWizard(QWizard):
    """Emits ``signed(record)`` once the acknowledgement is complete."""

    signed = Signal(object)

    def __init__(self, services, person_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._draft = services.conduct.begin(person_id)  # ValidationError: code not for them
        self._person = self._draft.person
        self._ack_id = self._draft.acknowledgement_id
        self._saved: tuple[ItemAnswer, ...] = self._draft.answers
        self.record = None
        self.refusal: IncompleteAcknowledgement | None = None  # the last refusal, if any
        self.setWindowTitle(f"Code of conduct — {self._person.full_name}")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, "&Stop for now")
        self.button(QWizard.WizardButton.CustomButton1).setToolTip(
            "Keeps your answers so you can finish another time")
        set_role(self, "conduct-form")
        self.large = False

        self.welcome = WelcomePage()
        self.setPage(WELCOME, self.welcome)
        self.boxes: dict[str, ItemBox] = {}
        self.item_pages: dict[int, ItemsPage] = {}
        required, changed = set(self._draft.required_keys), set(self._draft.changed_keys)
        for section in code.SECTIONS:
            boxes: list[ItemBox] = []
            for item in code.items_in(section.key):
                if item.key in required:
                    kind = CheckBox if item.is_check else RuleBox
                    boxes.append(kind(item, item.key in changed))
            self.boxes.update((box.item.key, box) for box in boxes)
            page = ItemsPage(section, boxes)
            self.item_pages[SECTION_PAGES[section.key]] = page
            self.setPage(SECTION_PAGES[section.key], page)
        self.summary_page = SummaryPage()
        self.setPage(SUMMARY, self.summary_page)
        self.sign_page = SignPage()
        self.setPage(SIGN, self.sign_page)
        self.carry_on = QPushButton("&Carry on where you stopped")
        self.carry_on.clicked.connect(self.go_to_first_unanswered)
        self.welcome.layout().insertWidget(3, self.carry_on, 0, Qt.AlignmentFlag.AlignLeft)
        self.go_to_missing = QPushButton("&Go to the first item still to do")
        self.go_to_missing.clicked.connect(self.go_to_first_unanswered)
        self.go_to_missing.hide()
        self.sign_page.layout().insertWidget(5, self.go_to_missing, 0, Qt.AlignmentFlag.AlignLeft)

        for answer in self._saved:
            if answer.key in self.boxes:
                self.boxes[answer.key].set_answer(answer)
        self._fill_welcome()
        self.welcome.large_text.toggled.connect(self.set_large_text)
        self.customButtonClicked.connect(lambda _which: self.stop_for_now())
        self.currentIdChanged.connect(self._moved)
        self._last_id = WELCOME
        self._closing = False
        self._fit_to_screen()

    # --- building ------------------------------------------------------------------------

    def _fill_welcome(self) -> None:
        draft, person = self._draft, self._person
        self.welcome.who.setText(
            f"This is for <b>{html.escape(person.full_name)}</b> "
            f"({html.escape(role_label(person.role))}). If that is not you, press Cancel.")
        lines = []
        if draft.last_signed_on is None:
            lines.append("You have not acknowledged the code on this computer before.")
        else:
            lines.append(f"You last signed on {uk_date(draft.last_signed_on)}.")
        if draft.scope == "changes":
            count = len(draft.required_keys)
            lines.append(f"Since then {count} item{'s' * (count != 1)} of the code "
                         f"{'have' if count != 1 else 'has'} changed: you only need to read and "
                         "acknowledge " + ("those." if count != 1 else "that one."))
        if draft.resumed and draft.started_at is not None:
            lines.append(f"You started this on {uk_date(draft.started_at.date())}; your answers "
                         "so far are filled in.")
        self.welcome.status.setText("<br>".join(html.escape(line) for line in lines))
        self.carry_on.setVisible(draft.resumed)

    def _fit_to_screen(self) -> None:
        screen = (self.parentWidget() or self).screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        self.resize(min(1000, area.width() - 40), min(700, area.height() - 50))

    # --- moving about --------------------------------------------------------------------

    def nextId(self) -> int:  # noqa: N802 (Qt override)
        """Skips a page with nothing on it (when only changed items are to acknowledge)."""
        current = self.currentId()
        if current >= SIGN:
            return -1
        following = current + 1
        while following in self.item_pages and not self.item_pages[following].boxes:
            following += 1
        return following

    def go_to_page(self, page_id: int) -> None:
        while self.currentId() > page_id and self.currentId() != WELCOME:
            self.back()
        while self.currentId() < page_id and self.nextId() != -1:
            self.next()

    def missing_keys(self) -> list[str]:
        return [key for key, box in self.boxes.items() if not box.answer().answer]

    def go_to_first_unanswered(self) -> None:
        missing = self.missing_keys()
        if not missing:
            self.go_to_page(SUMMARY)
            return
        item = code.get_item(missing[0])
        self.go_to_page(SECTION_PAGES[item.section])
        self.item_pages[SECTION_PAGES[item.section]].focus_item(item.key)

    def _moved(self, new_id: int) -> None:
        if self._closing or new_id == -1:
            return  # QWizard resets its pages as it closes: that is not a page turn
        previous, self._last_id = self._last_id, new_id
        if previous in self.item_pages:
            self.save_progress(self.item_pages[previous].section.key)

    # --- answers -------------------------------------------------------------------------

    def answers(self) -> list[ItemAnswer]:
        return [box.answer() for box in self.boxes.values()]

    def save_progress(self, section: str = "") -> bool:
        given = [a for a in self.answers() if a.answer or a.note]
        if self._ack_id is None and not given:
            return True  # nothing to keep yet: leave no record behind
        try:
            self._ack_id = self._services.conduct.save_progress(
                self._person.id, self._ack_id, self.answers(), section)
        except ServiceError as error:
            QMessageBox.warning(self, "Your answers were not saved", str(error))
            return False
        self._saved = tuple(self.answers())
        return True

    def summary_html(self) -> str:
        parts = []
        for section in code.SECTIONS:
            boxes = self.item_pages[SECTION_PAGES[section.key]].boxes
            if not boxes:
                continue
            parts.append(f"<h3>{html.escape(section.title)}</h3>")
            if section.key != code.CHECKS:
                unticked = [b.item.label for b in boxes if not b.answer().answer]
                done = len(boxes) - len(unticked)
                parts.append(f"{'All ' if not unticked else ''}{done} of {len(boxes)} ticked.")
                if unticked:
                    rows = "".join(f"<li>{html.escape(label)}</li>" for label in unticked)
                    parts.append(in_role(f"<b>Not ticked yet:</b><ul style='margin-top:2px'>"
                                         f"{rows}</ul>", "problems", tag="div"))
                continue
            rows = []
            for box in boxes:
                answer, item = box.answer(), box.item
                said = {YES: "Yes", NO: "No"}.get(answer.answer, "")
                if not said:
                    shown = in_role("<b>not answered yet</b>", "error")
                elif item.is_failure(answer.answer == YES):
                    shown = in_role(f"<b>{said}</b> — to put right", "warning")
                else:
                    shown = f"<b>{said}</b>"
                note = f"<br><i>Note: {html.escape(answer.note)}</i>" if answer.note else ""
                rows.append(f"<li>{html.escape(item.question)} {shown}{note}</li>")
            parts.append("<ul>" + "".join(rows) + "</ul>")
        return "".join(parts)

    # --- signing -------------------------------------------------------------------------

    def prepare_sign_page(self, page: SignPage) -> None:
        page.hint.setText(f"Type it as the school has it: {self._person.full_name}. Capital "
                          "letters and extra spaces do not matter.")
        page.date.setText(f"Date: {uk_date(self._services.clock.today())}")
        self._show_problems(self.missing_keys(), "")

    def name_edited(self) -> None:
        self._show_problems(self.missing_keys(), "")

    def _show_problems(self, missing, name_problem: str) -> None:
        """Each item still to do on its own line, saying what it needs; then the name."""
        parts = []
        if missing:
            lines = []
            for key in missing:
                item = code.get_item(key)
                need = "not answered" if item.is_check else "not ticked"
                lines.append(f"<li>{html.escape(item.label)} — {html.escape(need)}</li>")
            count = len(missing)
            parts.append(f"<b>Not finished: {count} item{'s' * (count != 1)} still to do.</b> "
                         f"Tick “{html.escape(code.TICK_PROMPT)}” for each rule and answer "
                         f"each question.<ul style='margin-top:2px'>{''.join(lines)}</ul>")
        if name_problem:
            parts.append(f"<b>{html.escape(name_problem)}</b>")
        self.sign_page.show_error("".join(parts))
        self.go_to_missing.setVisible(bool(missing))

    def sign(self) -> bool:
        """Finish: the service decides; a refusal is shown on the page, naming each item."""
        try:
            record = self._services.conduct.complete(
                self._person.id, self._ack_id, self.answers(), self.sign_page.name.text())
        except IncompleteAcknowledgement as error:
            self.save_progress("sign")
            self.refusal = error
            self._show_problems(error.missing, error.errors.get("signed_name", ""))
            if error.missing:
                self.go_to_missing.setFocus(Qt.FocusReason.OtherFocusReason)
            else:
                self.sign_page.name.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        except ValidationError as error:
            self._show_problems([], str(error))
            return False
        self.record = record
        self.signed.emit(record)
        return True

    # --- leaving -------------------------------------------------------------------------

    def stop_for_now(self) -> None:
        if self.save_progress(self._section_here()):
            self._leave(QDialog.DialogCode.Rejected)

    def reject(self) -> None:
        """Cancel, Esc and the window's ✕: keep the answers, or throw them away, or stay."""
        if not any(a.answer or a.note for a in self.answers()) and self._ack_id is None:
            self._leave(QDialog.DialogCode.Rejected)
            return
        box = QMessageBox(QMessageBox.Icon.Question, "Leave the code of conduct?",
                          "Keep your answers so you can finish another time?",
                          parent=self)
        keep = box.addButton("&Keep my answers", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("&Throw them away", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("&Go back", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        if box.clickedButton() is keep:
            self.stop_for_now()
        elif box.clickedButton() is discard:
            if self._ack_id is not None:
                self._services.conduct.discard(self._ack_id)
            self._leave(QDialog.DialogCode.Rejected)

    def _section_here(self) -> str:
        page = self.item_pages.get(self.currentId())
        return page.section.key if page else ""

    def _leave(self, result) -> None:
        self.done(result)

    def done(self, result: int) -> None:
        # QWizard.done() validates the last page (signing) before it closes: clear after.
        self._closing = True
        try:
            super().done(result)
        finally:
            self._closing = False
        if not self.isVisible():
            self.clear()

    def clear(self) -> None:
        """Empties every answer, note and the typed name: nothing stays for the next person."""
        self.blockSignals(True)
        for box in self.boxes.values():
            box.clear()
        self.sign_page.name.clear()
        self.sign_page.show_error("")
        self.blockSignals(False)

    # --- larger text ---------------------------------------------------------------------

    def set_large_text(self, on: bool) -> None:
        # Through the stylesheet (its "largeText" rules): with one in force, QWidget.setFont
        # does not reach the children Qt has already styled.
        set_style_property(self, "largeText", on, descendants=True)
        self.large = on
