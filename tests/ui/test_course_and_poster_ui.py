"""Part 10 in the incident's window and the list: the course of conduct (each incident
opening in its own editor), the poster's chronology from the incident, choosing a known
account as the one that posted, and the list's "Posted by" filter."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from avenue_desk.ui.dialogs.incident_editor import IncidentEditor
from avenue_desk.ui.dialogs.person_dialog import PersonDialog
from avenue_desk.ui.dialogs.record_opener import open_record
from avenue_desk.ui.models.incident_table import COL_POSTER
from avenue_desk.ui.views.incidents import IncidentsView
from tests.helpers.background import settle
from tests.helpers.letters import parent, posted, set_up_school
from tests.helpers.records import step

# The offscreen platform's words about popups (the completers' lists).
POPUPS = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
NAME = "Mrs Zoë <Al-Rashid> & \"Sons\" أميرة"


@pytest.fixture
def course(services):
    """Mum posts once herself and once through an account linked to her; a stranger's
    account and another parent post once each."""
    set_up_school(services)
    mum = parent(services, NAME)
    other = parent(services, "Mr Dafydd Hughes")
    first = posted(services, mum.id, posted_on=date(2026, 9, 1), summary="First <post> & more")
    second = posted(services, None, posted_on=date(2026, 10, 1), poster_account="@zoe_av",
                    summary="Posted through an account")
    step(services, second.id, "informal_discussion", date(2026, 10, 2))
    services.social_accounts.link(second.account_id, mum.id)
    stranger = posted(services, None, posted_on=date(2026, 10, 5),
                      poster_account="@angrymum_av", summary="Nobody knows who")
    posted(services, None, poster_account="@zoe_av", platform="instagram",
           summary="Same handle, another site")
    unrelated = posted(services, other.id, summary="Someone else entirely")
    return dict(mum=mum, first=first, second=second, stranger=stranger, unrelated=unrelated)


@pytest.fixture
def discard_changes(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Discard)


def open_editor(qtbot, services, incident_id=None) -> IncidentEditor:
    editor = IncidentEditor(services, incident_id, record_opener=open_record)
    qtbot.addWidget(editor)
    with qtbot.waitExposed(editor):
        editor.show()
    settle(qtbot, editor)
    return editor


def test_the_course_of_conduct_lists_the_posters_other_incidents_and_opens_one(
        qtbot, services, course, discard_changes):
    editor = open_editor(qtbot, services, course["first"].id)
    tabs, panel = editor.ui.tabs, editor.course_panel
    assert tabs.tabText(tabs.indexOf(panel)) == "C&ourse of conduct (1)"
    assert editor.show_course() is panel
    # Through the linked account, with its date and stage; not the same handle elsewhere,
    # the stranger's account or the other parent.
    assert panel.texts() == [["1 October 2026", f"Incident {course['second'].id}",
                              "Facebook", "Informal stage", "same person",
                              "Posted through an account"]]
    assert panel.summary.text() == ("1 other incident by the same poster: with this one, "
                                    "a course of conduct.")
    tree = panel.lines
    rect = tree.visualItemRect(tree.topLevelItem(0))
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: bool(panel.findChildren(IncidentEditor)))
    opened = panel.findChildren(IncidentEditor)[0]
    settle(qtbot, opened)
    assert opened.incident_id == course["second"].id
    assert opened.isVisible() and opened.ui.poster_account.text() == "@zoe_av"
    # Its own course leads back to the first.
    assert [row[1] for row in opened.course_panel.texts()] == [
        f"Incident {course['first'].id}"]
    opened.reject()
    qtbot.waitUntil(lambda: not panel.findChildren(IncidentEditor))  # closed, and deleted
    # Enter on the line opens it too.
    tree.setFocus()
    tree.setCurrentItem(tree.topLevelItem(0))
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(panel.findChildren(IncidentEditor)))
    again = panel.findChildren(IncidentEditor)[0]
    settle(qtbot, again)
    assert again.incident_id == course["second"].id
    again.reject()
    editor.reject()


def test_an_incident_with_no_other_by_its_poster_says_so(qtbot, services, course):
    editor = open_editor(qtbot, services, course["stranger"].id)
    panel = editor.course_panel
    assert panel.texts() == []
    assert panel.summary.text() == ("No other incident by the same person or account is "
                                    "recorded.")
    assert editor.ui.tabs.tabText(editor.ui.tabs.indexOf(panel)) == "C&ourse of conduct"
    # An account nobody is linked to yet: no chronology to open, and the note says so.
    assert not editor.poster_links.chronology_button.isVisible()
    assert "not yet known" in editor.poster_links.account_note.text()


def test_a_new_incident_has_no_course_until_saved(qtbot, services):
    editor = open_editor(qtbot, services)
    assert editor.course_panel is None and editor.show_course() is None


def test_the_posters_name_opens_their_chronology(qtbot, services, course):
    editor = open_editor(qtbot, services, course["second"].id)
    links = editor.poster_links
    # No poster on the record: the person the account is linked to, named as typed.
    assert links.chronology_button.isVisible()
    assert links.chronology_button.text() == f"C&hronology of {NAME.replace('&', '&&')}…"
    assert links.account_note.text() == f"An account linked to {NAME}."
    qtbot.mouseClick(links.chronology_button, Qt.MouseButton.LeftButton)
    dialog = links.chronology_dialog
    assert isinstance(dialog, PersonDialog) and dialog.isVisible()
    assert dialog.tabs.currentWidget() is dialog.chronology
    settle(qtbot, dialog)
    kinds = [dialog.chronology.lines.topLevelItem(r).text(1)
             for r in range(dialog.chronology.lines.topLevelItemCount())]
    assert kinds.count("Posted") == 2
    dialog.reject()


@POPUPS
def test_a_known_account_is_chosen_from_those_on_the_platform(qtbot, services, course,
                                                              discard_changes):
    editor = open_editor(qtbot, services)
    ui, links = editor.ui, editor.poster_links
    assert not links.accounts_button.isEnabled()  # no platform yet: no accounts to offer
    ui.platform.setCurrentIndex(ui.platform.findData("facebook"))
    ui.poster_account.setFocus()
    qtbot.keyClicks(ui.poster_account, "zoe")
    # Facebook's accounts only, with who each is.
    assert links.accounts_offered() == ["@angrymum_av — not yet known", f"@zoe_av — {NAME}"]
    popup = links.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())] == [
        f"@zoe_av — {NAME}"]
    popup.setCurrentIndex(popup.model().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert ui.poster_account.text() == "@zoe_av"
    assert links.account_note.text() == f"An account linked to {NAME}."
    # Instagram's are another site's: the same handle there is another account.
    ui.platform.setCurrentIndex(ui.platform.findData("instagram"))
    links.show_known()
    assert links.accounts_offered() == ["@zoe_av — not yet known"]
    editor.reject()


# --- the list's "Posted by" filter -------------------------------------------------------


def make_list(qtbot, services) -> IncidentsView:
    view = IncidentsView(services)
    qtbot.addWidget(view)
    view.resize(1300, 650)
    view.show()
    return view


def shown(view) -> list[tuple[str, str]]:
    model = view.model
    return [(model.index(r, 0).data(), model.index(r, COL_POSTER).data())
            for r in range(model.rowCount())]


@POPUPS
def test_posted_by_filters_the_list_to_a_person_or_an_account(qtbot, services, course):
    view = make_list(qtbot, services)
    assert view.count_label.text() == "5 incidents"
    box = view.posted_by
    box.edit.setFocus()
    qtbot.keyClicks(box.edit, "zo")
    # ë as a keyboard types it (keyClicks takes only ASCII); @zoe_av found accent folded.
    QTest.sendKeyEvent(QTest.KeyAction.Click, box.edit, Qt.Key.Key_Ediaeresis, "ë",
                       Qt.KeyboardModifier.NoModifier)
    assert box.edit.text() == "zoë"
    qtbot.waitUntil(lambda: bool(box.offered()), timeout=3000)
    assert box.offered() == [
        f"{NAME} (Parent, no. {course['mum'].id})",
        "@zoe_av (Instagram, not yet known)",  # (the accounts list: not yet known first)
        f"@zoe_av (Facebook, {NAME})"]
    box.choose_offered(0)
    # Hers: posted herself, and through the account linked to her.
    assert shown(view) == [(str(course["second"].id), NAME), (str(course["first"].id), NAME)]
    assert view.count_label.text() == "2 incidents match these filters"
    box.edit.clear()
    assert box.offered() == [] and box.value() is None and view.model.rowCount() == 5
    qtbot.keyClicks(box.edit, "angry")
    qtbot.waitUntil(lambda: bool(box.offered()), timeout=3000)
    assert box.offered() == ["@angrymum_av (Facebook, not yet known)"]
    box.choose_offered(0)
    assert shown(view) == [(str(course["stranger"].id), "@angrymum_av")]
    assert view.count_label.text() == "1 incident matches these filters"
    view.clear_filters()
    assert box.edit.text() == "" and box.value() is None
    assert view.count_label.text() == "5 incidents"


@POPUPS
def test_typing_over_a_chosen_poster_drops_the_filter(qtbot, services, course):
    view = make_list(qtbot, services)
    box = view.posted_by
    box.choose("person", course["mum"].id, NAME)
    assert view.model.rowCount() == 2
    box.edit.setFocus()
    qtbot.keyClick(box.edit, Qt.Key.Key_Backspace)
    assert box.value() is None and view.model.rowCount() == 5
