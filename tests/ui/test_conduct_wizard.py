"""The code of conduct wizard, driven as a person at the office PC would: every page,
refusal naming what is unticked, stopping and resuming, finishing, and what is stored."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox, QWizard

from avenue_desk.policy import conduct as code
from avenue_desk.ui.dialogs.conduct_wizard import SIGN, SUMMARY, WELCOME, ConductWizard
from tests.helpers.conduct import sign, staff


@pytest.fixture(autouse=True)
def no_blocking_questions(monkeypatch):
    """A question box left unanswered (e.g. when a test ends mid-way) must not block."""
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)


@pytest.fixture
def person(services):
    return staff(services, "Łucja Wróbel")


def make(qtbot, services, person_id) -> ConductWizard:
    wizard = ConductWizard(services, person_id)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def next_page(qtbot, wizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def tick_page(qtbot, wizard) -> None:
    """Ticks (Space) or answers (arrow keys) every item on the current page by keyboard."""
    page = wizard.currentPage()
    for box in page.boxes:
        if box.item.is_check:
            target = box.no if box.item.expected is False else box.yes
            target.setFocus()
            qtbot.keyClick(target, Qt.Key.Key_Space)
        else:
            box.tick.setFocus()
            qtbot.keyClick(box.tick, Qt.Key.Key_Space)


def test_every_page_in_order_then_signed_and_stored(qtbot, services, person, clock):
    wizard = make(qtbot, services, person.id)
    assert wizard.currentId() == WELCOME
    assert "Łucja Wróbel" in wizard.welcome.who.text()
    assert not wizard.carry_on.isVisible()
    titles = []
    for _section in code.SECTIONS:
        next_page(qtbot, wizard)
        titles.append(wizard.currentPage().title())
        tick_page(qtbot, wizard)
        assert wizard.currentPage().progress.text().startswith(
            f"{len(wizard.currentPage().boxes)} of {len(wizard.currentPage().boxes)}")
    assert titles == [s.title for s in code.SECTIONS]
    assert [len(wizard.item_pages[i].boxes) for i in (1, 2, 3, 4)] == [4, 4, 12, 5]
    next_page(qtbot, wizard)
    assert wizard.currentId() == SUMMARY
    summary = wizard.summary_page.text.text()
    assert "All 12 of 12 ticked." in summary and "not answered" not in summary
    next_page(qtbot, wizard)
    assert wizard.currentId() == SIGN
    assert "21 November 2026" in wizard.sign_page.date.text()
    assert not wizard.sign_page.error_area.isVisible()
    wizard.sign_page.name.setText("łucja  wróbel")  # non-ASCII: set, not typed
    with qtbot.waitSignal(wizard.signed) as signed:
        qtbot.keyClick(wizard.sign_page.name, Qt.Key.Key_Return)
    record = signed.args[0]
    assert record.status == "complete" and record.signed_name == "łucja wróbel"
    assert len(record.items) == 25 and record.failures == ()
    assert {i.key: i.text for i in record.items} == {
        i.key: i.text for i in code.conduct_items()}
    assert not wizard.isVisible()
    assert services.conduct_register.rows()[0].status == "current"
    # Nothing of this person is left in the (closed) wizard.
    assert wizard.sign_page.name.text() == ""
    assert not any(box.answer().answer for box in wizard.boxes.values())


def test_finish_is_refused_while_an_item_is_unticked_and_says_which(qtbot, services, person):
    wizard = make(qtbot, services, person.id)
    for _section in code.SECTIONS:
        next_page(qtbot, wizard)
        tick_page(qtbot, wizard)
    wizard.boxes["me_contact_details"].tick.setChecked(False)
    wizard.go_to_page(SIGN)
    assert wizard.currentId() == SIGN
    wizard.sign_page.name.setText("Łucja Wróbel")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton),
                     Qt.MouseButton.LeftButton)
    assert wizard.isVisible() and wizard.record is None
    assert wizard.refusal.missing == ("me_contact_details",)
    shown = wizard.sign_page.error.text()
    assert "Commitment 7: Contact details only if the Headteacher agrees" in shown
    assert "Not finished: 1 item still to do." in shown
    assert wizard.sign_page.error_area.isVisible() and wizard.go_to_missing.isVisible()
    assert services.conduct_register.rows()[0].status == "never"
    # "Go to the first item still to do" takes them to it, with the focus on its tick.
    qtbot.mouseClick(wizard.go_to_missing, Qt.MouseButton.LeftButton)
    assert wizard.currentPage().section.key == code.MUST_ENSURE
    assert wizard.focusWidget() is wizard.boxes["me_contact_details"].tick
    qtbot.keyClick(wizard.boxes["me_contact_details"].tick, Qt.Key.Key_Space)
    wizard.go_to_page(SIGN)
    wizard.sign_page.name.setText("Lucja Wrobel")  # accents matter: not the school's name
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton),
                     Qt.MouseButton.LeftButton)
    assert wizard.record is None
    assert "“Łucja Wróbel”" in wizard.sign_page.error.text()
    wizard.sign_page.name.setText("Łucja Wróbel")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton),
                     Qt.MouseButton.LeftButton)
    assert wizard.record is not None


def test_stop_for_now_keeps_the_answers_and_a_new_wizard_resumes(qtbot, services, person,
                                                                 clock):
    wizard = make(qtbot, services, person.id)
    next_page(qtbot, wizard)
    tick_page(qtbot, wizard)
    next_page(qtbot, wizard)
    wizard.boxes["na_name_logo"].tick.setChecked(True)
    wizard.button(QWizard.WizardButton.CustomButton1).click()  # "Stop for now"
    assert not wizard.isVisible()
    assert services.conduct_register.rows()[0].in_progress
    clock.advance(days=1)

    again = make(qtbot, services, person.id)  # a fresh wizard, as the view makes each time
    assert again is not wizard
    assert "You started this on 21 November 2026" in again.welcome.status.text()
    assert again.carry_on.isVisible()
    ticked = {k for k, box in again.boxes.items() if box.answer().answer}
    assert ticked == {i.key for i in code.items_in(code.PRINCIPLES)} | {"na_name_logo"}
    qtbot.mouseClick(again.carry_on, Qt.MouseButton.LeftButton)
    assert again.currentPage().section.key == code.NOT_ACCEPTABLE
    qtbot.waitUntil(lambda: again.focusWidget() is again.boxes["na_damaging_posts"].tick)


def test_cancel_asks_and_can_throw_the_answers_away(qtbot, services, person, monkeypatch):
    wizard = make(qtbot, services, person.id)
    next_page(qtbot, wizard)
    tick_page(qtbot, wizard)
    next_page(qtbot, wizard)  # saved on the page turn
    assert services.conduct.begin(person.id).resumed

    def choose(label):
        def exec_(box):
            box.clickedButton = lambda: next(b for b in box.buttons() if label in b.text())
            return 0
        return exec_

    monkeypatch.setattr(QMessageBox, "exec", choose("Go back"))
    wizard.reject()
    assert wizard.isVisible()
    monkeypatch.setattr(QMessageBox, "exec", choose("Throw them away"))
    wizard.reject()
    assert not wizard.isVisible()
    assert not services.conduct.begin(person.id).resumed


def test_opening_and_cancelling_leaves_no_trace(qtbot, services, person):
    wizard = make(qtbot, services, person.id)
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert not wizard.isVisible()
    assert not services.conduct_register.rows()[0].in_progress


def test_a_failing_answer_is_shown_and_recorded_and_parents_only_noted(qtbot, services,
                                                                       person):
    wizard = make(qtbot, services, person.id)
    wizard.go_to_page(4)
    private, parents = wizard.boxes["chk_private"], wizard.boxes["chk_parent_requests"]
    # Near the left edge, on the round indicator itself.
    qtbot.mouseClick(private.no, Qt.MouseButton.LeftButton,
                     pos=QPoint(6, private.no.height() // 2))
    assert private.answer().answer == "no"
    assert private.feedback.isVisible() and "set your profiles to private" in (
        private.feedback.text())
    parents.no.setChecked(True)
    parents.note.setText("My sister's children are at the school <b>&</b>")
    assert parents.feedback.property("role") == "recorded"
    assert "not a failure" in parents.feedback.text()
    wizard.go_to_page(SUMMARY)
    summary = wizard.summary_page.text.text()
    assert "to put right" in summary and "&lt;b&gt;&amp;&lt;/b&gt;" in summary


def test_the_larger_text_option_scales_every_page(qtbot, services, person):
    wizard = make(qtbot, services, person.id)
    tick = wizard.boxes["me_transparent"].tick
    before = tick.fontInfo().pointSizeF()
    wizard.welcome.large_text.setFocus()
    qtbot.keyClick(wizard.welcome.large_text, Qt.Key.Key_Space)
    assert wizard.large
    wizard.go_to_page(3)
    assert tick.fontInfo().pointSizeF() >= before * 1.3
    wizard.go_to_page(WELCOME)
    wizard.welcome.large_text.setChecked(False)
    wizard.go_to_page(3)
    assert tick.fontInfo().pointSizeF() == pytest.approx(before)


def test_keyboard_only_mnemonics_and_enter(qtbot, services, person):
    wizard = make(qtbot, services, person.id)
    assert "&Larger text" == wizard.welcome.large_text.text()
    assert wizard.buttonText(QWizard.WizardButton.CustomButton1) == "&Stop for now"
    qtbot.keyClick(wizard.currentPage(), Qt.Key.Key_Return)  # Enter: next page
    assert wizard.currentId() == 1
    first = wizard.currentPage().boxes[0].tick
    qtbot.waitUntil(lambda: wizard.focusWidget() is first)  # ready to tick with Space
    qtbot.keyClick(first, Qt.Key.Key_Space)
    assert first.isChecked()
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert wizard.focusWidget() is wizard.currentPage().boxes[1].tick


def test_only_changed_items_are_asked_for_again(qtbot, services, person, clock, monkeypatch):
    sign(services, person)
    clock.advance(days=10)
    items = [dataclasses.replace(i, quote=code.avenue("Use social networking sites well."))
             if i.key == "me_responsible" else i for i in code.ITEMS]
    monkeypatch.setattr(code, "ITEMS", tuple(items))
    wizard = make(qtbot, services, person.id)
    assert list(wizard.boxes) == ["me_responsible"]
    assert "1 item of the code has changed" in wizard.welcome.status.text()
    next_page(qtbot, wizard)  # the pages with nothing changed are skipped
    assert wizard.currentPage().section.key == code.MUST_ENSURE
    tick_page(qtbot, wizard)
    wizard.go_to_page(SIGN)
    wizard.sign_page.name.setText(person.full_name)
    qtbot.keyClick(wizard.sign_page.name, Qt.Key.Key_Return)
    assert wizard.record.scope == "changes"
    assert [i.text for i in wizard.record.items] == ["Use social networking sites well."]


def test_a_signature_typed_without_the_title_is_accepted(qtbot, services):
    titled = staff(services, "Ms Hannah Kowalski")
    wizard = make(qtbot, services, titled.id)
    for _section in code.SECTIONS:
        next_page(qtbot, wizard)
        tick_page(qtbot, wizard)
    wizard.go_to_page(SIGN)
    qtbot.keyClicks(wizard.sign_page.name, "Hannah Kowalsky")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton),
                     Qt.MouseButton.LeftButton)
    assert wizard.record is None and "“Ms Hannah Kowalski”" in wizard.sign_page.error.text()
    wizard.sign_page.name.clear()
    qtbot.keyClicks(wizard.sign_page.name, "Hannah Kowalski")
    with qtbot.waitSignal(wizard.signed) as signed:
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton),
                         Qt.MouseButton.LeftButton)
    assert signed.args[0].status == "complete"
    assert signed.args[0].signed_name == "Hannah Kowalski"
    assert services.conduct_register.rows()[0].status == "current"
