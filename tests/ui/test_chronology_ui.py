"""Part 10 in the window: a person's chronology in their window (each line opening its
record, the PDF saved in the background), and the course of conduct on an incident."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from avenue_desk.services.incidents import IncidentQuery
from avenue_desk.ui.dialogs.incident_editor import IncidentEditor
from avenue_desk.ui.dialogs.person_dialog import PersonDialog
from avenue_desk.ui.dialogs.record_opener import open_record
from tests.helpers.background import settle
from tests.helpers.letters import parent, posted, set_up_school
from tests.helpers.pdf import pdf_text
from tests.helpers.records import step

NAME = "Mrs Zoë <Al-Rashid> & \"Sons\" أميرة"


@pytest.fixture
def mum_with_history(services):
    set_up_school(services)
    mum = parent(services, NAME)
    first = posted(services, mum.id, posted_on=date(2026, 9, 1), summary="First <post> & more")
    step(services, first.id, "informal_discussion", date(2026, 9, 2), outcome="Spoke at gate")
    second = posted(services, None, posted_on=date(2026, 10, 1), poster_account="@zoe_av",
                    summary="Posted through an account")
    services.social_accounts.link(second.account_id, mum.id)
    return mum, first, second


def open_person(qtbot, services, person_id) -> PersonDialog:
    dialog = PersonDialog(services, person_id, record_opener=open_record)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    dialog.show_chronology()
    settle(qtbot, dialog)
    return dialog


def _texts(panel) -> list[list[str]]:
    tree = panel.lines
    return [[tree.topLevelItem(r).text(c) for c in range(4)]
            for r in range(tree.topLevelItemCount())]


def test_a_persons_window_shows_their_chronology_and_a_line_opens_its_incident(
        qtbot, services, mum_with_history, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Discard)
    mum, first, second = mum_with_history
    dialog = open_person(qtbot, services, mum.id)
    panel = dialog.chronology
    assert dialog.tabs.currentWidget() is panel
    lines = _texts(panel)
    assert [row[1] for row in lines] == ["Posted", "Step", "Posted"]
    assert lines[0][0] == "1 September 2026" and lines[0][3] == "First <post> & more"
    assert lines[2][3] == "As @zoe_av: Posted through an account"
    assert f"Incident {second.id}" in lines[2][2]
    assert "@zoe_av (Facebook)" in panel.summary.text()
    # Double-clicking the account's line opens that incident.
    tree = panel.lines
    item = tree.topLevelItem(2)
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    # A double-click is a press, then the double-click (as a mouse sends them).
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: bool(panel.findChildren(IncidentEditor)))
    editor = panel.findChildren(IncidentEditor)[0]
    settle(qtbot, editor)
    assert editor.incident_id == second.id
    assert editor.ui.poster_account.text() == "@zoe_av"
    editor.reject()


def test_the_chronology_is_saved_as_a_pdf_off_the_gui_thread(qtbot, services,
                                                             mum_with_history, tmp_path):
    mum, first, _second = mum_with_history
    dialog = open_person(qtbot, services, mum.id)
    target = tmp_path / "chronology.pdf"
    dialog.chronology.save_to(str(target))
    settle(qtbot, dialog)
    assert dialog.chronology.message.text() == f"Saved {target}"
    text = pdf_text(target.read_bytes())
    assert NAME in text and "First <post> & more" in text


def test_a_new_person_has_no_chronology_tab(qtbot, services):
    dialog = PersonDialog(services, None)
    qtbot.addWidget(dialog)
    assert dialog.chronology is None and dialog.tabs is None


def test_an_account_is_linked_to_a_person_from_the_accounts_list(qtbot, services):
    from avenue_desk.ui.dialogs.social_accounts import SocialAccountsDialog
    from tests.helpers.databases import raw_sql

    set_up_school(services)
    mum = parent(services, "Mrs Łucja Kowal")
    unknown = posted(services, None, poster_account="@angrymum_av")
    dialog = SocialAccountsDialog(services)
    qtbot.addWidget(dialog)
    row = dialog.table.topLevelItem(0)
    assert [row.text(c) for c in range(4)] == ["@angrymum_av", "Facebook", "1",
                                              "Not yet known"]
    dialog.table.setCurrentItem(row)
    dialog.link_chosen()  # no one chosen yet: said, nothing changed
    assert "Choose the person first" in dialog.message.text()
    dialog.person.set_person(services.people.get(mum.id))
    qtbot.mouseClick(dialog.link_button, Qt.MouseButton.LeftButton)
    assert dialog.table.topLevelItem(0).text(3) == "Mrs Łucja Kowal"
    assert services.incidents.count(IncidentQuery(posted_by=mum.id)) == 1
    assert raw_sql(services.paths, "SELECT count(*) FROM audit_log WHERE action = 'link' "
                   "AND entity_id = :id", id=str(unknown.account_id))[0][0] == 1
