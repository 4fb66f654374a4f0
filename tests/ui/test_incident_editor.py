"""The incident editor, driven as the office would: fill in, save, get told what is wrong."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox

from avenue_desk.policy import get_step
from avenue_desk.services.incidents.records import IncidentInput, IncidentQuery
from avenue_desk.services.people.records import PersonInput
from avenue_desk.ui.dialogs.incident_editor import IncidentEditor
from avenue_desk.ui.dialogs.person_dialog import PersonDialog
from tests.helpers.background import settle
from tests.helpers.records import incident

NAMES = ["Łucja Wróbel", "Nguyễn Thị Hương", "Γιώργος", "Ольга", "محمد", "王小明"]
TRICKY = 'He said <b>"you & yours"</b> aren\'t welcome <script>alert(1)</script> & more'


class Questions(list):
    answer = QMessageBox.StandardButton.Discard


@pytest.fixture
def questions(monkeypatch):
    """Every unsaved-changes prompt, answered Discard unless a test says otherwise."""
    asked = Questions()

    def question(*args, **kwargs):
        asked.append(args[2] if len(args) > 2 else "")
        return asked.answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


@pytest.fixture
def open_editor(qtbot, services, questions):
    def make(incident_id=None) -> IncidentEditor:
        editor = IncidentEditor(services, incident_id)
        qtbot.addWidget(editor)
        with qtbot.waitExposed(editor):
            editor.show()
        settle(qtbot, editor)  # a saved incident is read in the background
        return editor

    return make


def fill_minimum(editor: IncidentEditor, posted=date(2026, 3, 3)) -> None:
    editor.posted_on.set_value(posted)
    editor.ui.platform.setCurrentIndex(editor.ui.platform.findData("facebook"))
    editor.category_boxes["complaint"].setChecked(True)
    editor.ui.summary.setPlainText("Complains about the trip.")


def click_save(qtbot, editor: IncidentEditor) -> None:
    qtbot.mouseClick(editor.ui.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)


def pick(picker, text: str, row: int = 0) -> None:
    # Set the text and search directly: keyClicks with non-ASCII text aborts the process.
    picker.search_box.setText(text)
    picker.search_box.textEdited.emit(text)
    picker.search_now()
    picker.choose_result(row)


def test_creating_an_incident_saves_every_field(qtbot, services, open_editor):
    poster = services.people.create(PersonInput("Dana Hill", "parent"))
    pupil = services.people.create(PersonInput("Zara Khan", "pupil", class_name="3B"))
    editor = open_editor()
    assert editor.windowTitle() == "New incident"
    editor.posted_on.set_value(date(2026, 3, 3))
    editor.seen_on.set_value(date(2026, 3, 4))
    editor.ui.reported_by.setText("Mrs Jones")
    editor.ui.platform.setCurrentIndex(editor.ui.platform.findData("facebook"))
    editor.ui.location.setText("https://facebook.com/groups/avenue/posts/1")
    pick(editor.poster, "dana")
    pick(editor.named, "zara")
    editor.category_boxes["offensive"].setChecked(True)
    editor.category_boxes["defamatory"].setChecked(True)
    editor.ui.excerpt.setPlainText("The exact words")
    editor.ui.summary.setPlainText("A summary")
    editor.ui.content_still_up.setChecked(False)

    with qtbot.waitSignal(editor.saved) as saved:
        click_save(qtbot, editor)

    record = services.incidents.get(saved.args[0])
    assert record.posted_on == date(2026, 3, 3) and record.seen_on == date(2026, 3, 4)
    assert record.reported_by == "Mrs Jones" and record.platform == "facebook"
    assert record.location == "https://facebook.com/groups/avenue/posts/1"
    assert record.poster.id == poster.id
    assert [p.id for p in record.named_people] == [pupil.id]
    assert set(record.categories) == {"offensive", "defamatory"}
    assert (record.excerpt, record.summary) == ("The exact words", "A summary")
    assert record.content_still_up is False and record.on_school_forum is False
    assert record.policy_edition == "avenue-2021"
    assert editor.windowTitle() == f"Incident {record.id} — Facebook, posted 3 March 2026"
    assert not editor.is_dirty()
    # Evidence and escalation open up once there is an incident to hang them on.
    assert editor.ui.evidence_stack.currentWidget() is editor.ui.evidence_holder
    assert editor.ui.escalation_stack.currentWidget() is editor.ui.escalation_holder


def test_empty_required_fields_are_named_beside_each_field(qtbot, services, open_editor):
    editor = open_editor()
    editor.ui.reported_by.setText("Kept after a failed save")
    click_save(qtbot, editor)

    for name in ("posted_on_error", "platform_error", "categories_error", "summary_error"):
        label = getattr(editor.ui, name)
        assert label.isVisible() and label.text(), name
    assert "date" in editor.ui.posted_on_error.text()
    assert editor.ui.platform_error.text() == "Choose the site or app it was posted on."
    assert not editor.ui.location_error.isVisible()
    assert editor.focusWidget() is editor.posted_on.edit
    assert services.incidents.first_id() is None
    assert editor.ui.reported_by.text() == "Kept after a failed save"
    assert "Not saved" in editor.ui.save_hint.text()


def test_a_future_date_is_refused_and_nothing_is_saved(qtbot, services, open_editor):
    editor = open_editor()
    fill_minimum(editor, posted=date(2026, 12, 1))  # the clock says 21 November 2026
    click_save(qtbot, editor)
    assert "in the future" in editor.ui.posted_on_error.text()
    assert not editor.ui.summary_error.isVisible()
    assert services.incidents.first_id() is None
    assert editor.ui.summary.toPlainText() == "Complains about the trip."

    editor.posted_on.set_value(date(2026, 11, 20))
    click_save(qtbot, editor)
    assert not editor.ui.posted_on_error.isVisible()
    assert services.incidents.first_id() is not None


def test_markup_and_many_scripts_round_trip(qtbot, services, open_editor):
    people = [services.people.create(PersonInput(n, "pupil" if i else "parent"))
              for i, n in enumerate(NAMES)]
    editor = open_editor()
    fill_minimum(editor)
    excerpt = TRICKY + "\n" + " · ".join(NAMES)
    editor.ui.excerpt.setPlainText(excerpt)
    editor.ui.summary.setPlainText(f"<i>{NAMES[1]}</i> & “{NAMES[4]}”")
    editor.ui.reported_by.setText(f"{NAMES[2]} <office> & 'co'")
    editor.ui.location.setText("Group “Ольга & 王小明 <parents>”")
    pick(editor.poster, NAMES[0])
    for name in NAMES[1:]:
        pick(editor.named, name)
    assert editor.save()

    record = services.incidents.get(editor.incident_id)
    assert record.excerpt == excerpt
    assert record.summary == f"<i>{NAMES[1]}</i> & “{NAMES[4]}”"
    assert record.reported_by == f"{NAMES[2]} <office> & 'co'"
    assert record.location == "Group “Ольга & 王小明 <parents>”"
    assert record.poster.full_name == NAMES[0]
    assert sorted(p.full_name for p in record.named_people) == sorted(NAMES[1:])

    again = open_editor(record.id)
    assert again.ui.excerpt.toPlainText() == excerpt
    assert again.ui.reported_by.text() == record.reported_by
    chips = [chip.person.id for chip in again.named.chips()]
    assert sorted(chips) == sorted(p.id for p in people[1:])
    # Names show as typed in the chips, never read as markup.
    label_texts = [chip.findChild(QLabel).text() for chip in again.named.chips()]
    assert any(NAMES[5] in text for text in label_texts)
    assert not again.is_dirty()


@pytest.mark.parametrize("category", ["racist", "threat"])
def test_serious_categories_show_the_police_banner(open_editor, category):
    editor = open_editor()
    banner = editor.ui.serious_banner
    assert not banner.isVisible()
    editor.category_boxes[category].setChecked(True)
    assert banner.isVisible()
    assert "Contact the Police where the school feels it appropriate" in banner.text()
    assert "The Avenue Primary School Social Media Policy" in banner.text()
    assert get_step("police").quote.text.split("–")[0].strip() in banner.text()
    editor.category_boxes[category].setChecked(False)
    assert not banner.isVisible()


def test_school_forum_ticks_and_locks_the_forum_box(open_editor):
    editor = open_editor()
    forum = editor.ui.on_school_forum
    forum.setChecked(False)
    editor.ui.platform.setCurrentIndex(editor.ui.platform.findData("school_forum"))
    assert forum.isChecked() and not forum.isEnabled()
    editor.ui.platform.setCurrentIndex(editor.ui.platform.findData("facebook"))
    assert forum.isEnabled() and not forum.isChecked()  # the user's own choice comes back


def test_editing_an_existing_incident(qtbot, services, open_editor):
    created = services.incidents.create(IncidentInput(
        posted_on=date(2026, 3, 3), platform="facebook", categories=("complaint",),
        summary="First version"))
    editor = open_editor(created.id)
    assert editor.windowTitle() == f"Incident {created.id} — Facebook, posted 3 March 2026"
    assert editor.ui.summary.toPlainText() == "First version"
    # The edition is fixed once saved and shown with its title and date.
    assert editor.ui.policy_edition.isHidden()
    assert "The Avenue Primary School Social Media Policy (November 2021)" in \
        editor.ui.edition_label.text()
    assert not editor.is_dirty()

    editor.ui.summary.setPlainText("Second version")
    editor.category_boxes["threat"].setChecked(True)
    assert editor.is_dirty()
    with qtbot.waitSignal(editor.saved):
        click_save(qtbot, editor)
    record = services.incidents.get(created.id)
    assert record.summary == "Second version"
    assert set(record.categories) == {"complaint", "threat"}
    # The advice follows the saved facts: a threat of violence puts the Police first.
    assert editor.escalation_panel.dialog is None
    assert editor.escalation_panel.options and any(
        "Contact the Police" in label.text()
        for label in editor.escalation_panel.suggestion_box.findChildren(QLabel))
    assert services.incidents.count(IncidentQuery()) == 1


def test_closing_with_unsaved_changes_asks(qtbot, services, open_editor, questions):
    editor = open_editor()
    editor.reject()  # nothing typed: closes without asking
    assert questions == [] and not editor.isVisible()

    editor = open_editor()
    fill_minimum(editor)
    questions.answer = QMessageBox.StandardButton.Cancel
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert len(questions) == 1 and editor.isVisible()
    assert services.incidents.first_id() is None

    questions.answer = QMessageBox.StandardButton.Save
    editor.close()
    assert not editor.isVisible()
    assert services.incidents.get(services.incidents.first_id()).summary == \
        "Complains about the trip."


def test_discarding_keeps_nothing(services, open_editor, questions):
    editor = open_editor()
    fill_minimum(editor)
    questions.answer = QMessageBox.StandardButton.Discard
    editor.reject()
    assert not editor.isVisible() and services.incidents.first_id() is None


def test_save_failing_on_close_keeps_the_dialog_open(open_editor, questions):
    editor = open_editor()
    editor.ui.summary.setPlainText("No date, no platform")
    questions.answer = QMessageBox.StandardButton.Save
    editor.reject()
    assert editor.isVisible() and editor.ui.posted_on_error.isVisible()


def test_ctrl_s_saves(qtbot, services, open_editor):
    editor = open_editor()
    fill_minimum(editor)
    with qtbot.waitActive(editor):
        editor.activateWindow()
    with qtbot.waitSignal(editor.saved):
        qtbot.keyClick(editor.ui.reported_by, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert services.incidents.first_id() == editor.incident_id


def test_enter_in_a_box_does_not_save(qtbot, services, open_editor):
    editor = open_editor()
    fill_minimum(editor)
    qtbot.keyClick(editor.ui.reported_by, Qt.Key.Key_Return)
    assert services.incidents.first_id() is None and editor.isVisible()


def test_unsaved_incident_offers_to_save_before_evidence(qtbot, services, open_editor):
    editor = open_editor()
    assert editor.ui.evidence_stack.currentWidget() is editor.ui.evidence_placeholder
    assert "Save the incident first" in editor.ui.evidence_placeholder_text.text()
    fill_minimum(editor)
    qtbot.mouseClick(editor.ui.evidence_save, Qt.MouseButton.LeftButton)
    assert editor.evidence_panel is not None
    assert editor.ui.evidence_stack.currentWidget() is editor.ui.evidence_holder


def test_recording_an_action_updates_the_editor_status(qtbot, services, open_editor):
    created = services.incidents.create(IncidentInput(
        posted_on=date(2026, 3, 3), platform="facebook", categories=("complaint",),
        summary="s"))
    editor = open_editor(created.id)
    assert "New" in editor.ui.status_label.text()
    editor.ui.summary.setPlainText("typed, not yet saved")
    dialog = editor.escalation_panel.open_record_dialog("content_removed")
    dialog.save()
    assert "Informal" not in editor.ui.status_label.text()
    assert "post removed" in editor.ui.status_label.text()
    # The removal is taken into the form without losing (or saving) what was being typed.
    assert not editor.ui.content_still_up.isChecked()
    assert editor.ui.summary.toPlainText() == "typed, not yet saved"
    assert editor.is_dirty()


def test_add_new_person_from_the_poster_picker(qtbot, services, open_editor):
    editor = open_editor()
    dialog = editor.poster.add_new("Ann")
    assert isinstance(dialog, PersonDialog)
    assert dialog.ui.full_name.text() == "Ann"
    assert dialog.ui.role.currentData() == "parent"
    dialog.ui.full_name.setText("Ann Ńowak")
    qtbot.mouseClick(dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    assert editor.poster.person().full_name == "Ann Ńowak"
    assert editor.named.add_new().ui.role.currentData() == "pupil"


def test_the_escalation_panel_is_built_when_its_tab_is_first_shown(qtbot, open_editor,
                                                                  services):
    from avenue_desk.ui.widgets.escalation_panel import EscalationPanel

    editor = open_editor(incident(services).id)
    holder = editor.ui.escalation_holder
    assert holder.findChildren(EscalationPanel) == []  # opening did not wait for the advice
    editor.ui.tabs.setCurrentWidget(editor.ui.escalation_tab)
    (panel,) = holder.findChildren(EscalationPanel)
    assert panel is editor.escalation_panel
    qtbot.waitUntil(panel.isVisible)
    assert panel.options  # the policy's steps for this case


def test_a_saved_incident_is_read_once_the_editor_is_painted(qtbot, services, questions):
    saved = incident(services, summary="Complains about the trip, again.")
    editor = IncidentEditor(services, saved.id)
    qtbot.addWidget(editor)
    # Until the record arrives the form waits, disabled, and nothing can be saved over it.
    assert editor.incident_id == saved.id and editor.windowTitle() == f"Incident {saved.id}"
    assert editor.ui.status_label.text() == "Opening…" and not editor.ui.tabs.isEnabled()
    assert not editor.is_dirty() and editor.save() is False
    with qtbot.waitExposed(editor):
        editor.show()
    settle(qtbot, editor)
    assert editor.ui.tabs.isEnabled() and "Stage: <b>New" in editor.ui.status_label.text()
    assert editor.ui.summary.toPlainText() == "Complains about the trip, again."
    assert not editor.is_dirty()
    opened = [row for row in services.audit.page() if row.action == "open"]
    assert [(row.entity, row.entity_id) for row in opened] == [("incident", str(saved.id))]


def test_an_incident_that_cannot_be_read_says_why_and_only_closes(qtbot, open_editor):
    editor = open_editor(9999)
    assert editor.ui.status_label.text() == "Incident 9999 does not exist."
    assert not editor.ui.tabs.isEnabled()
    assert not editor.ui.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    editor.reject()
    assert not editor.isVisible()


def test_the_evidence_panel_is_built_when_its_tab_is_first_shown(qtbot, open_editor, services):
    from avenue_desk.ui.widgets.evidence_panel import EvidencePanel

    editor = open_editor(incident(services).id)
    holder = editor.ui.evidence_holder
    assert editor.ui.evidence_stack.currentWidget() is holder
    assert holder.findChildren(EvidencePanel) == []  # opening did not wait for the files
    editor.ui.tabs.setCurrentWidget(editor.ui.evidence_tab)
    (panel,) = holder.findChildren(EvidencePanel)
    assert panel is editor.evidence_panel
    qtbot.waitUntil(panel.isVisible)


def test_dates_typed_as_the_office_types_them_and_an_unreadable_one_refuses_save(
        qtbot, services, open_editor):
    editor = open_editor()
    fill_minimum(editor)
    editor.posted_on.clear()
    # The walk-through's bug: these gave "e the date3122026" and "Not known04122026".
    qtbot.keyClicks(editor.posted_on.edit, "03/12/2025")
    qtbot.keyClick(editor.posted_on.edit, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.seen_on.edit, "31/02/2026")
    qtbot.keyClick(editor.seen_on.edit, Qt.Key.Key_Return)
    assert editor.posted_on.edit.text() == "03/12/2025"
    said = "\u201c31/02/2026\u201d is not a date: February 2026 has 28 days"
    assert editor.seen_on.problem_label.text() == said

    click_save(qtbot, editor)
    assert services.incidents.count(IncidentQuery()) == 0  # refused, nothing saved
    assert editor.seen_on.edit.text() == "31/02/2026"  # kept, not "Not known"
    assert editor.seen_on.problem_label.isVisible()
    assert editor.ui.save_hint.text() == "Not saved: see the messages in red."

    editor.seen_on.edit.setText("4/12/25")
    editor.seen_on.edit.editingFinished.emit()
    assert not editor.seen_on.problem_label.isVisible()
    with qtbot.waitSignal(editor.saved) as saved:
        click_save(qtbot, editor)
    record = services.incidents.get(saved.args[0])
    assert (record.posted_on, record.seen_on) == (date(2025, 12, 3), date(2025, 12, 4))
