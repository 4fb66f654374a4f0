"""Restricted access from the MIS (issue 15) on every screen that shows contacts: the person
pickers (matches and chips, as the incident editor's poster and named people use them) and
the letter to that adult about that child, which warns before it is printed."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument

from avenue_desk.ui.dialogs.incident_editor import IncidentEditor
from avenue_desk.ui.dialogs.letter_dialog import LetterDialog
from avenue_desk.ui.dialogs.person_dialog import PersonDialog
from avenue_desk.ui.style import ROLE
from avenue_desk.ui.widgets.person_picker import PersonPicker
from tests.helpers.background import settle
from tests.helpers.csv_files import write
from tests.helpers.letters import set_up_school
from tests.helpers.records import incident_input

HEADER = ["Forename", "Surname", "UPN", "Contact Name", "Contact Relationship",
          "Contact Email", "Parental Responsibility", "Court Order / Restricted Access"]
ROWS = [["Grace", "Nash", "U1", "Dean Hart", "Father", "dean@example.org", "Yes", "Yes"],
        ["Grace", "Nash", "U1", "Amy Nash", "Mother", "amy@example.org", "Yes", "No"]]


@pytest.fixture
def family(services, tmp_path):
    set_up_school(services)
    assert services.transfer.import_people(write(tmp_path / "m.csv", ROWS, HEADER)).errors == ()
    return {name: services.people.search(name)[0] for name in ("Dean Hart", "Amy Nash",
                                                                "Grace Nash")}


def picker(qtbot, services, **options) -> PersonPicker:
    widget = PersonPicker(services, new_person_dialog=PersonDialog, **options)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_the_matches_mark_the_restricted_contact_only(qtbot, services, family):
    chooser = picker(qtbot, services, multi=True)
    chooser.search_box.setText("Nash")
    chooser.search_now()
    found = chooser.result_texts()
    assert any(text.startswith("Amy Nash") for text in found)
    assert not any("Restricted" in text for text in found)
    chooser.search_box.setText("Dean")
    chooser.search_now()
    assert chooser.result_texts()[0] == "Dean Hart · Parent — Restricted access"


def test_an_incident_s_poster_and_named_people_show_the_mark_on_their_chips(
        qtbot, services, family):
    dean, amy, grace = family["Dean Hart"], family["Amy Nash"], family["Grace Nash"]
    made = services.incidents.create(incident_input(
        poster_id=dean.id, named_person_ids=(grace.id, amy.id, dean.id)))
    editor = IncidentEditor(services, made.id)
    qtbot.addWidget(editor)
    editor.show()
    settle(qtbot, editor)
    (poster,) = editor.poster.chips()
    assert poster.restricted_label is not None
    assert poster.restricted_label.text() == "Restricted access"
    assert poster.restricted_label.property(ROLE) == "warning"  # a style role, no colour
    assert "Designated Safeguarding Lead" in poster.restricted_label.toolTip()
    marked = {chip.person.full_name: chip.restricted_label is not None
              for chip in editor.named.chips()}
    assert marked == {"Dean Hart": True, "Amy Nash": False, "Grace Nash": False}
    assert not editor.is_dirty()  # marking is not an edit


def test_a_letter_to_the_restricted_contact_about_that_child_warns(qtbot, services, family):
    dean, grace = family["Dean Hart"], family["Grace Nash"]
    made = services.incidents.create(incident_input(
        poster_id=dean.id, named_person_ids=(grace.id,)))
    dialog = LetterDialog(services, made.id, "removal-request")
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot, dialog)
    assert dialog.notes.isVisible()
    shown = QTextDocument()
    shown.setHtml(dialog.notes.text())  # the label's rich text, as it reads on screen
    assert ("Warning: the MIS records restricted access for this letter's recipient about "
            "Grace Nash. Check with the Designated Safeguarding Lead") in shown.toPlainText()
    assert dialog.notes.property(ROLE) == "notice"
