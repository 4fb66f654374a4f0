"""The edit-before-printing dialog: fields, problems in red, preview pages, save, print."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtPrintSupport import QPrinter

from avenue_desk.policy.settings_registry import LETTERS_SAVE_FOLDER
from avenue_desk.ui import window_state
from avenue_desk.ui.dialogs import document_dialog
from avenue_desk.ui.dialogs.letter_dialog import LetterDialog
from avenue_desk.ui.operations import wait_for_operations
from avenue_desk.ui.widgets import pdf_preview
from tests.helpers.background import settle
from tests.helpers.letters import escalate, parent, posted, refer, set_up_school
from tests.helpers.pdf import pdf_text


@pytest.fixture
def school(services):
    set_up_school(services)
    return services


@pytest.fixture
def open_letter(qtbot, school):
    def make(incident_id: int, kind: str) -> LetterDialog:
        dialog = LetterDialog(school, incident_id, kind)
        qtbot.addWidget(dialog)
        dialog.resize(1200, 760)
        dialog.show()
        qtbot.waitExposed(dialog)
        settle(qtbot, dialog)  # prepared and made in the background
        return dialog

    return make


def test_the_letter_is_previewed_page_by_page(school, open_letter):
    saved = posted(school, parent(school).id)
    dialog = open_letter(saved.id, "removal-request")
    assert dialog.pdf is not None and len(dialog.preview.pages) == 1
    assert dialog.preview.pages[0].pixmap().width() > 300
    assert dialog.save_button.isEnabled() and dialog.print_button.isEnabled()
    assert dialog.editors["parent_name"].text() == "Mrs Łucja Wróbel"
    assert dialog.editors["policy_quote"].isReadOnly()
    assert not dialog.editors["parent_name"].isReadOnly()
    assert dialog.file_name == "Incident 1 - Removal request - 21 November 2026.pdf"


def test_an_emptied_field_is_marked_red_and_nothing_can_print(qtbot, school, open_letter):
    saved = posted(school, parent(school).id)
    dialog = open_letter(saved.id, "removal-request")
    dialog.set_field("posted_where", "")
    assert not dialog.save_button.isEnabled()  # at once: the old letter may not be saved
    qtbot.waitUntil(lambda: dialog.errors["posted_where"].isVisible())
    assert "is empty" in dialog.errors["posted_where"].text()
    assert "1 thing to put right" in dialog.summary.text()
    assert dialog.preview.pages == [] and "red" in dialog.preview.message.text()
    assert not dialog.print_button.isEnabled()
    dialog.set_field("posted_where", "in the parents' group")
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled())
    assert not dialog.errors["posted_where"].isVisible()
    assert "in the parents' group" in pdf_text(dialog.pdf)


def test_save_writes_the_pdf_and_records_the_letter(qtbot, school, open_letter, tmp_path,
                                                    monkeypatch, remembers_layouts):
    saved = posted(school, parent(school).id)
    dialog = open_letter(saved.id, "removal-request")
    dialog.set_field("parent_title", "Dr")
    dialog.refresh()
    settle(qtbot, dialog)
    suggested = []
    target = tmp_path / "letters" / "mine"

    def choose(_parent, path):
        suggested.append(path)
        return str(target)

    monkeypatch.setattr(document_dialog, "choose_save_path", choose)
    recorded = []
    dialog.recorded.connect(recorded.append)
    saving = dialog.save()
    settle(qtbot, dialog)
    path = saving.result
    assert path == target.with_name("mine.pdf") and suggested[0].name == dialog.file_name
    assert "Dear Dr Wróbel," in pdf_text(path.read_bytes())
    assert "Recorded on the timeline" in dialog.status.text() and recorded
    assert [a.step for a in school.incidents.get(saved.id).actions] == ["removal_request"]
    # The folder is remembered for this person on this computer, not in the school's records.
    assert window_state.last_folder(window_state.DOCUMENTS) == str(target.parent)
    assert LETTERS_SAVE_FOLDER.key not in school.settings.load().extra
    monkeypatch.setattr(document_dialog, "choose_save_path", lambda *_a: "")
    assert dialog.save() is None  # cancelled: nothing happens


def test_print_draws_every_page_and_records(qtbot, school, open_letter, tmp_path, monkeypatch):
    saved = posted(school, parent(school).id)
    escalate(school, saved.id)
    dialog = open_letter(saved.id, "warning")
    out = tmp_path / "printed.pdf"

    def to_file(_parent, printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(72)
        return True

    monkeypatch.setattr(pdf_preview, "ask_printer", to_file)
    assert dialog.print_document()
    settle(qtbot, dialog)
    assert out.stat().st_size > 1000
    assert "Sent 2 pages to the printer." in dialog.status.text()
    assert school.incidents.get(saved.id).actions[-1].step == "written_warning"
    monkeypatch.setattr(pdf_preview, "ask_printer", lambda *_a: False)
    assert not dialog.print_document()


def test_open_in_the_viewer_records_nothing(qtbot, school, open_letter, monkeypatch):
    saved = posted(school, parent(school).id)
    dialog = open_letter(saved.id, "removal-request")
    opened = []
    monkeypatch.setattr(document_dialog, "open_url", lambda url: opened.append(url) or True)
    opening = dialog.open_in_viewer()
    settle(qtbot, dialog)
    path = opening.result
    assert path.parent == school.paths.data_dir / "viewing" and path.read_bytes() == dialog.pdf
    assert opened[0].toLocalFile() == str(path)
    assert "Nothing was recorded" in dialog.status.text()
    assert school.incidents.get(saved.id).actions == ()


def test_the_meeting_letter_waits_for_its_date_and_time(qtbot, school, open_letter):
    saved = posted(school, parent(school).id)
    dialog = open_letter(saved.id, "meeting")
    assert dialog.pdf is None and not dialog.save_button.isEnabled()
    assert dialog.errors["meeting_date"].text() == "Choose the date and time of the meeting."
    assert dialog.meeting.text() == "Choose the date and time"
    # A Saturday, then 11:30pm: refused, saying why beside the date and time.
    dialog.meeting.setDateTime(QDateTime(QDate(2026, 11, 28), QTime(10, 0)))
    dialog.set_field("meeting_place", "the library")
    qtbot.waitUntil(lambda: "is a Saturday" in dialog.errors["meeting_date"].text())
    assert dialog.pdf is None and not dialog.save_button.isEnabled()
    dialog.meeting.setDateTime(QDateTime(QDate(2026, 12, 1), QTime(23, 30)))
    qtbot.waitUntil(lambda: "outside school hours" in dialog.errors["meeting_date"].text())
    dialog.meeting.setDateTime(QDateTime(QDate(2026, 12, 1), QTime(15, 30)))
    qtbot.waitUntil(lambda: dialog.pdf is not None)
    assert dialog.meeting_at() == datetime(2026, 12, 1, 15, 30)
    text = pdf_text(dialog.pdf)
    assert "Tuesday 1 December 2026 at 3:30pm, in the library" in text
    assert "You are welcome to bring someone with you" in text


def test_what_only_the_person_printing_knows_is_answered_with_a_tick(qtbot, school,
                                                                     open_letter):
    from tests.helpers.records import person

    nobody_home = person(school, "Ms Ann Lee", address="")
    saved = posted(school, nobody_home.id, content_still_up=False)
    dialog = open_letter(saved.id, "removal-request")
    assert dialog.pdf is None and not dialog.save_button.isEnabled()
    assert "No postal address is recorded" in dialog.errors["parent_address"].text()
    assert "recorded as removed" in dialog.summary.text()
    assert sorted(dialog.answers) == ["no-address", "post-removed"]
    dialog.answers["no-address"].setChecked(True)
    qtbot.waitUntil(lambda: not dialog.errors["parent_address"].isVisible())
    assert dialog.pdf is None  # the other is still to answer
    dialog.answers["post-removed"].setChecked(True)
    qtbot.waitUntil(lambda: dialog.pdf is not None)
    assert dialog.save_button.isEnabled() and "Dear Ms Lee," in pdf_text(dialog.pdf)
    dialog.set_field("parent_address", "2 Low Road\nLeeds")  # typed in: no longer asked
    qtbot.waitUntil(lambda: "no-address" not in dialog.answers)


def test_the_forum_restriction_s_length_sets_its_review_date(qtbot, school, open_letter):
    saved = posted(school, parent(school).id, platform="school_forum")
    escalate(school, saved.id)
    dialog = open_letter(saved.id, "forum-restriction")
    assert "for 3 months" in pdf_text(dialog.pdf)
    assert dialog.editors["review_date"].isReadOnly()
    dialog.months.setValue(6)
    qtbot.waitUntil(lambda: dialog.pdf is not None and "for 6 months" in pdf_text(dialog.pdf))
    assert "reviewed on Friday 21 May 2027" in pdf_text(dialog.pdf)


def test_a_refused_letter_says_why_and_offers_nothing(school, open_letter):
    saved = posted(school, parent(school).id)
    dialog = open_letter(saved.id, "forum-restriction")
    assert "not available" in dialog.summary.text() and "on Facebook" in dialog.summary.text()
    assert "block or restrict" in dialog.summary.text()
    assert not dialog.save_button.isEnabled() and dialog.pdf is None


def test_the_police_pack_has_no_fields_but_a_preview(school, open_letter):
    saved = posted(school, parent(school).id, posted_on=date(2026, 10, 1))
    refer(school, saved.id)
    dialog = open_letter(saved.id, "police-referral")
    assert list(dialog.editors) == ["excerpt", "summary"] and len(dialog.preview.pages) >= 1


def test_characters_no_font_has_can_be_described_in_words(qtbot, school, open_letter):
    saved = posted(school, parent(school).id, excerpt="Look 🫠 here")  # in no bundled font
    refer(school, saved.id)
    dialog = open_letter(saved.id, "police-referral")
    assert dialog.pdf is None and "U+1FAE0" in dialog.errors["excerpt"].text()
    assert dialog.describe_buttons["excerpt"].isVisible()
    dialog.describe_buttons["excerpt"].click()
    qtbot.waitUntil(lambda: dialog.pdf is not None)
    assert "Look [melting face] here" in pdf_text(dialog.pdf)
    assert not dialog.describe_buttons["excerpt"].isVisible()


def test_the_letter_is_prepared_and_made_off_the_window_s_thread(qtbot, school):
    saved = posted(school, parent(school).id)
    dialog = LetterDialog(school, saved.id, "removal-request")
    qtbot.addWidget(dialog)
    dialog.show()
    # The window is up at once, saying what it is doing; nothing can leave it yet.
    assert dialog.preview.message.text() == "Preparing the letter…"
    assert dialog.pdf is None and not dialog.save_button.isEnabled()
    assert dialog.editors == {}
    settle(qtbot, dialog)
    assert dialog.editors and len(dialog.preview.pages) == 1 and dialog.save_button.isEnabled()


def test_closing_the_letter_while_it_is_made_leaves_nothing_running(qtbot, school):
    saved = posted(school, parent(school).id)
    dialog = LetterDialog(school, saved.id, "removal-request")
    dialog.show()
    dialog.reject()
    dialog.deleteLater()  # what closing a letter opened from the window does
    assert wait_for_operations(timeout_ms=10_000)
    assert school.incidents.get(saved.id).actions == ()
