"""Typing a name without its accents finds it where people are searched: a person picker
(an incident's poster, the people it names), the incident list's "Posted by" filter and the
People screen. Typed as a keyboard types, a moment's pause and the search runs."""

from __future__ import annotations

import pytest

from avenue_desk.ui.models.people_table import COL_NAME
from avenue_desk.ui.views.incidents import IncidentsView
from avenue_desk.ui.widgets.person_picker import PersonPicker
from tests.helpers.people_view import show_people_view
from tests.helpers.records import person

# The offscreen platform's words about popups (the completers' lists).
POPUPS = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


@pytest.fixture
def people(services):
    made = {name: person(services, name, "parent")
            for name in ("Zoë Adams", "Łukasz Nowak", "Sinéad O'Brien", "Jo Bloggs")}
    made["pupil"] = person(services, "Zoë Patel", "pupil")
    return made


@POPUPS
def test_typing_zoe_in_a_poster_picker_offers_zoe_with_her_accent(qtbot, services, people):
    picker = PersonPicker(services, roles=("parent", "carer"), new_role="parent")
    qtbot.addWidget(picker)
    picker.show()
    picker.search_box.setFocus()
    qtbot.keyClicks(picker.search_box, "zoe")
    qtbot.waitUntil(lambda: len(picker.result_texts()) > 1, timeout=3000)
    # Only the parent: the picker's roles still apply; then the offer to add "zoe".
    assert picker.result_texts() == ["Zoë Adams · Parent", "Add “zoe” as a new person…"]
    with qtbot.waitSignal(picker.changed):
        picker.choose_result(0)
    assert picker.person_id() == people["Zoë Adams"].id


@POPUPS
def test_the_posted_by_filter_offers_lukasz_for_lukasz(qtbot, services, people):
    view = IncidentsView(services)
    qtbot.addWidget(view)
    view.resize(1300, 650)
    view.show()
    box = view.posted_by
    box.edit.setFocus()
    qtbot.keyClicks(box.edit, "lukasz")
    qtbot.waitUntil(lambda: bool(box.offered()), timeout=3000)
    assert box.offered() == [f"Łukasz Nowak (Parent, no. {people['Łukasz Nowak'].id})"]


def test_the_people_screen_finds_sinead_for_sinead(qtbot, services, people):
    view = show_people_view(qtbot, services)
    view.search.setFocus()
    qtbot.keyClicks(view.search, "sinead")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=3000)
    assert view.model.data(view.model.index(0, COL_NAME)) == "Sinéad O'Brien"
    assert view.count_label.text() == "1 person"
