"""The person dialog and the person picker."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from avenue_desk.policy import ASSOCIATE_QUOTE
from avenue_desk.services.people.records import PersonInput
from avenue_desk.ui.dialogs.person_dialog import PersonDialog
from avenue_desk.ui.widgets.person_picker import PersonPicker


@pytest.fixture
def open_dialog(qtbot, services):
    def make(person_id=None, default_role=None) -> PersonDialog:
        dialog = PersonDialog(services, person_id, None, default_role=default_role)
        qtbot.addWidget(dialog)
        with qtbot.waitExposed(dialog):
            dialog.show()
        return dialog

    return make


def click_save(qtbot, dialog: PersonDialog) -> None:
    qtbot.mouseClick(dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)


def pick(picker: PersonPicker, text: str, row: int = 0) -> None:
    picker.search_box.setText(text)
    picker.search_now()
    picker.choose_result(row)


def test_creating_a_parent_with_linked_pupils(qtbot, services, open_dialog):
    first = services.people.create(PersonInput("Zara Khan", "pupil", class_name="3B"))
    second = services.people.create(PersonInput("王小明", "pupil", class_name="R"))
    services.people.create(PersonInput("Zara's mum", "parent"))  # not offered: not a pupil
    dialog = open_dialog()
    assert dialog.windowTitle() == "New person"
    dialog.ui.full_name.setText("Nguyễn Thị Hương <Mum> & co")
    dialog.ui.email.setText("huong@example.com")
    dialog.ui.phone.setText("07700 900123")
    dialog.ui.address.setPlainText("1 Avenue Road\nLeeds")
    dialog.ui.notes.setPlainText("Prefers phone calls")
    dialog.linked.search_box.setText("zara")
    dialog.linked.search_now()
    assert dialog.linked.result_texts()[:-1] == ["Zara Khan, 3B · Pupil"]
    dialog.linked.choose_result(0)
    pick(dialog.linked, "王")
    with qtbot.waitSignal(dialog.accepted):
        click_save(qtbot, dialog)

    saved = services.people.get(dialog.person.id)
    assert saved.full_name == "Nguyễn Thị Hương <Mum> & co"
    assert saved.role == "parent"
    assert (saved.email, saved.phone) == ("huong@example.com", "07700 900123")
    assert saved.address == "1 Avenue Road\nLeeds" and saved.notes == "Prefers phone calls"
    assert set(saved.linked_pupil_ids) == {first.id, second.id}


def test_the_parent_role_shows_the_policys_sentence(open_dialog):
    dialog = open_dialog()
    assert dialog.ui.role.currentData() == "parent"
    help_text = dialog.ui.role_help.text()
    assert "we also include carers; relatives; or anyone associated with the school" in \
        help_text.replace("&quot;", '"')
    assert ASSOCIATE_QUOTE.text.split('"')[0] in help_text
    # Pupils have a class and year group; only adults have children linked.
    assert dialog.ui.form.isRowVisible(dialog.ui.linked_box)
    assert not dialog.ui.form.isRowVisible(dialog.ui.class_name)
    dialog.ui.role.setCurrentIndex(dialog.ui.role.findData("pupil"))
    assert dialog.ui.form.isRowVisible(dialog.ui.class_name)
    assert dialog.ui.form.isRowVisible(dialog.ui.year_group)
    assert not dialog.ui.form.isRowVisible(dialog.ui.linked_box)
    dialog.ui.role.setCurrentIndex(dialog.ui.role.findData("staff"))
    assert "Staff, Volunteers and Governors" in dialog.ui.role_help.text()


def test_messages_beside_fields_and_nothing_saved(qtbot, services, open_dialog):
    dialog = open_dialog()
    dialog.ui.email.setText("not an email")
    click_save(qtbot, dialog)
    assert dialog.ui.full_name_error.isVisible()
    assert dialog.ui.full_name_error.text() == "Enter the person's name."
    assert "does not look like an email address" in dialog.ui.email_error.text()
    assert dialog.focusWidget() is dialog.ui.full_name
    assert dialog.isVisible() and dialog.person is None
    assert services.people.count() == 0
    assert dialog.ui.email.text() == "not an email"


def test_editing_keeps_what_the_dialog_does_not_show(qtbot, services, open_dialog):
    person = services.people.create(PersonInput("Γιώργος", "pupil", class_name="4W",
                                                mis_id="MIS-77"))
    dialog = open_dialog(person.id)
    assert dialog.windowTitle() == "Person — Γιώργος"
    assert dialog.ui.class_name.text() == "4W"
    dialog.ui.year_group.setText("Year 4")
    click_save(qtbot, dialog)
    saved = services.people.get(person.id)
    assert saved.year_group == "Year 4" and saved.mis_id == "MIS-77"


def test_default_role_and_cancel(open_dialog):
    dialog = open_dialog(default_role="governor")
    assert dialog.ui.role.currentData() == "governor"
    dialog.ui.full_name.setText("Ольга")
    dialog.reject()
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.person is None


def test_picker_single_mode_chips_and_new_person(qtbot, services):
    services.people.create(PersonInput("محمد علي", "parent"))
    services.people.create(PersonInput("Ali Pupil", "pupil"))
    picker = PersonPicker(services, roles=("parent", "carer"), new_role="carer",
                          new_person_dialog=PersonDialog)
    qtbot.addWidget(picker)
    picker.show()
    picker.search_box.setText("علي")
    found = picker.search_now()
    assert [p.full_name for p in found] == ["محمد علي"]
    assert picker.result_texts()[-1] == "Add “علي” as a new person…"
    with qtbot.waitSignal(picker.changed):
        picker.choose_result(0)
    assert picker.person().full_name == "محمد علي"
    assert not picker.search_box.isVisible()  # one poster: the chip replaces the search
    qtbot.mouseClick(picker.chips()[0].remove_button, Qt.MouseButton.LeftButton)
    assert picker.person() is None and picker.search_box.isVisible()

    # The last row adds someone new, with the typed name and the picker's role.
    picker.search_box.setText("Łucja Wróbel")
    picker.search_now()
    picker.choose_result(len(picker.result_texts()) - 1)
    dialog = picker.dialog
    assert dialog.ui.full_name.text() == "Łucja Wróbel"
    assert dialog.ui.role.currentData() == "carer"
    dialog.save()
    assert picker.person().full_name == "Łucja Wróbel"
    assert services.people.get(picker.person_id()).role == "carer"


def test_picker_multi_mode_leaves_out_people_already_chosen(qtbot, services):
    for name in ("Amy One", "Amy Two", "Amy Three"):
        services.people.create(PersonInput(name, "pupil"))
    picker = PersonPicker(services, multi=True, roles=("pupil",), new_person_dialog=PersonDialog)
    qtbot.addWidget(picker)
    pick(picker, "amy")
    pick(picker, "amy")
    picker.search_box.setText("amy")
    remaining = picker.search_now()
    assert len(picker.people()) == 2 and len(remaining) == 1
    assert remaining[0].id not in picker.ids()
    picker.remove_person(picker.ids()[0])
    assert len(picker.people()) == 1


def test_the_name_parts_follow_the_name_only_where_it_is_unambiguous(qtbot, services,
                                                                       open_dialog):
    services.people.create(PersonInput("Ada Okafor", "pupil", class_name="3B"))
    dialog = open_dialog()
    qtbot.keyClicks(dialog.ui.full_name, "Mr John Okafor")
    assert (dialog.ui.title.text(), dialog.ui.forenames.text(), dialog.ui.surname.text()) == (
        "Mr", "John", "Okafor")
    assert dialog.ui.salutation_preview.text() == "Letters will begin “Dear Mr Okafor,”"
    dialog.ui.full_name.clear()
    qtbot.keyClicks(dialog.ui.full_name, "Mrs Mary Jane van der Berg")
    assert (dialog.ui.title.text(), dialog.ui.surname.text()) == ("Mrs", "")  # not guessed
    pick(dialog.linked, "Ada")
    assert dialog.ui.salutation_preview.text() == ("Letters will begin “Dear parent or carer "
                                                   "of Ada,”")
    qtbot.keyClicks(dialog.ui.surname, "van der Berg")
    assert dialog.ui.salutation_preview.text() == "Letters will begin “Dear Mrs van der Berg,”"
    qtbot.keyClicks(dialog.ui.full_name, " Jones")  # what was typed in the parts stays
    assert (dialog.ui.title.text(), dialog.ui.surname.text()) == ("Mrs", "van der Berg")
    with qtbot.waitSignal(dialog.accepted):
        click_save(qtbot, dialog)
    saved = services.people.get(dialog.person.id)
    assert (saved.title, saved.forenames, saved.surname, saved.salutation) == (
        "Mrs", "", "van der Berg", "")
    again = open_dialog(saved.id)
    assert again.ui.surname.text() == "van der Berg"
    again.ui.salutation.setText("Mr and Mrs van der Berg")
    assert again.ui.salutation_preview.text() == ("Letters will begin “Dear Mr and Mrs van der "
                                                  "Berg,”")
    with qtbot.waitSignal(again.accepted):
        click_save(qtbot, again)
    assert services.people.get(saved.id).salutation == "Mr and Mrs van der Berg"
