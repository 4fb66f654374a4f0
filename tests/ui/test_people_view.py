"""People: the searchable list, the role filter and the person dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from avenue_desk.ui.models.people_table import (
    COL_CLASS,
    COL_LINKED,
    COL_NAME,
    COL_ROLE,
    PeopleTableModel,
)
from tests.helpers.people_view import show_people_view
from tests.helpers.records import person


def seed(services):
    amir = person(services, "Amir Khan", "pupil", class_name="Oak", year_group="Year 3")
    person(services, "Dana Whitfield", "parent", linked_pupil_ids=(amir.id,))
    person(services, "Mr Hughes", "staff")
    person(services, "Łucja Wróbel", "carer")


def test_the_list_shows_name_role_class_and_links(qtbot, services):
    seed(services)
    view = show_people_view(qtbot, services)
    model = view.model
    assert view.count_label.text() == "4 people"
    rows = {model.data(model.index(r, COL_NAME)): r for r in range(model.rowCount())}
    amir, dana = rows["Amir Khan"], rows["Dana Whitfield"]
    assert model.data(model.index(amir, COL_ROLE)) == "Pupil"
    assert model.data(model.index(amir, COL_CLASS)) == "Oak · Year 3"
    assert model.data(model.index(amir, COL_LINKED)) == "1 adult"
    assert model.data(model.index(dana, COL_LINKED)) == "1 pupil"


def test_the_model_is_valid(qtmodeltester, services):
    seed(services)
    qtmodeltester.check(PeopleTableModel(services))


def test_search_and_role_filter(qtbot, services):
    seed(services)
    view = show_people_view(qtbot, services)
    view.search.setText("wróbel")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=2000)
    view.search.clear()
    view.role.setCurrentIndex(view.role.findText("Pupils"))
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=2000)
    view.role.setCurrentIndex(view.role.findText("Parents, carers and relatives"))
    assert view.model.rowCount() == 2
    view.search.setText("nobody like this")
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=2000)
    assert view.count_label.text() == "No one matches."


def test_edit_is_only_offered_with_a_selection(qtbot, services):
    seed(services)
    view = show_people_view(qtbot, services)
    assert not view.edit_button.isEnabled()
    view.table.selectRow(0)
    assert view.edit_button.isEnabled()


def test_add_opens_the_person_dialog_and_refreshes(qtbot, services):
    dialogs = pytest.importorskip("avenue_desk.ui.dialogs.person_dialog")
    view = show_people_view(qtbot, services)
    view.role.setCurrentIndex(view.role.findText("Governor"))
    view.add_button.click()
    assert isinstance(view.dialog, dialogs.PersonDialog)
    person(services, "Gwen Governor", "governor")
    view.dialog.accept()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)


def test_enter_on_a_row_edits_that_person(qtbot, services, monkeypatch):
    dialogs = pytest.importorskip("avenue_desk.ui.dialogs.person_dialog")
    seed(services)
    opened = []

    class Stub(dialogs.PersonDialog):
        def __init__(self, services, person_id=None, parent=None, default_role=None, **more):
            opened.append(person_id)
            super().__init__(services, person_id, parent, default_role=default_role, **more)

    monkeypatch.setattr(dialogs, "PersonDialog", Stub)
    view = show_people_view(qtbot, services)
    view.table.setFocus()
    view.table.selectRow(0)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened == [view.model.person_id(0)]
    view.dialog.reject()
