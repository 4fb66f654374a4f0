"""The Reports section, the escalation panel's Letters menu, batches, and the letter settings."""

from __future__ import annotations

import time
from datetime import date

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QApplication, QLabel

from avenue_desk.ui.dialogs import document_dialog
from avenue_desk.ui.dialogs.batch_letters import BatchLettersDialog
from avenue_desk.ui.views import letter_templates
from avenue_desk.ui.views.incidents import IncidentsView
from avenue_desk.ui.views.reports import ReportsView
from avenue_desk.ui.views.settings import SettingsView
from avenue_desk.ui.widgets.escalation_panel import EscalationPanel
from tests.helpers.accounts import sign_in_as
from tests.helpers.background import settle
from tests.helpers.images import write_png
from tests.helpers.letters import escalate, parent, posted, set_up_school
from tests.helpers.pdf import pdf_pages, pdf_text


@pytest.fixture
def school(services):
    set_up_school(services)
    return services


@pytest.fixture
def show(qtbot):
    def shown(widget, width=1166, height=700):
        qtbot.addWidget(widget)
        widget.resize(width, height)
        widget.show()
        qtbot.waitExposed(widget)
        return widget

    return shown


def _close(dialog) -> None:
    dialog.reject()
    QApplication.processEvents()


def test_the_office_sees_the_police_pack_as_headteacher_only(school, show):
    mum = parent(school)
    first = posted(school, mum.id, summary="Complaint about the trip")
    sign_in_as(school, "office")
    view = show(ReportsView(school))
    assert view.selected_incident_id() == first.id
    texts = [view.letters.item(n).text() for n in range(view.letters.count())]
    police = next(n for n, c in enumerate(view.choices) if c.kind == "police-referral")
    warning = next(n for n, c in enumerate(view.choices) if c.kind == "warning")
    assert texts[police] == "Police referral pack — Headteacher only"
    assert texts[warning].endswith("— not available now")
    view.letters.setCurrentRow(police)
    assert not view.prepare_button.isEnabled()
    assert view.reason.text().startswith("Headteacher only: ")
    assert "for the Headteacher alone" in view.reason.text()
    view.letters.setCurrentRow(warning)
    assert view.reason.text().startswith("Not available now:")


def test_find_an_incident_and_see_only_the_letters_allowed(school, show):
    mum = parent(school)
    first = posted(school, mum.id, summary="Complaint about the trip")
    second = posted(school, mum.id, summary="Comment about the football team")
    escalate(school, second.id)
    view = show(ReportsView(school))
    assert view.results.count() == 2 and view.selected_incident_id() == second.id
    assert "Open incidents, newest first" in view.results_hint.text()
    view.search.setText(str(first.id))
    view.find_incidents()
    assert view.results.count() == 1 and view.selected_incident_id() == first.id
    allowed = [c.kind for c in view.choices if c.allowed]
    assert allowed == ["removal-request", "meeting", "police-referral"]
    view.letters.setCurrentRow(2)  # the warning
    assert not view.prepare_button.isEnabled()
    assert view.reason.text().startswith("Not available now:")
    view.search.setText("football")
    view.find_incidents()
    assert view.selected_incident_id() == second.id
    view.search.setText("999")
    view.find_incidents()
    assert view.results.count() == 0 and "No incident numbered 999." in view.results_hint.text()
    assert not view.prepare_button.isEnabled()


def test_prepare_opens_the_letter_and_recording_refreshes_the_choices(qtbot, school, show,
                                                                        monkeypatch, tmp_path):
    saved = posted(school, parent(school).id)
    view = show(ReportsView(school))
    view.letters.setCurrentRow(0)
    dialog = view.prepare_letter()
    settle(qtbot, dialog)
    assert dialog.kind == "removal-request" and dialog.pdf is not None
    monkeypatch.setattr(document_dialog, "choose_save_path",
                        lambda *_a: str(tmp_path / "letter.pdf"))
    dialog.save()
    settle(qtbot, dialog)
    assert school.incidents.get(saved.id).phase == "informal"
    _close(dialog)


def test_the_governors_report_for_a_term_and_for_dates(qtbot, school, show):
    posted(school, parent(school).id, posted_on=date(2026, 10, 1))
    view = show(ReportsView(school))
    assert view.term.currentText() == (
        "Autumn term 2026 (1 September 2026 to 31 December 2026)")
    view.open_summary()
    assert not view.summary_button.isEnabled()  # counting, in the background
    settle(qtbot, view)
    dialog = view.dialog
    assert dialog.pdf is not None and len(dialog.preview.pages) == len(pdf_pages(dialog.pdf))
    assert "Autumn term 2026" in pdf_text(dialog.pdf) and "Wróbel" not in pdf_text(dialog.pdf)
    assert dialog.file_name == "Report to governors - Autumn term 2026 to 21 November 2026.pdf"
    assert "Autumn term 2026 to date" in pdf_text(dialog.pdf)
    _close(dialog)
    view.date_from.setDate(view.date_from.date().addDays(-10))
    assert view.by_dates.isChecked()
    view.open_summary()
    settle(qtbot, view)
    dialog = view.dialog
    assert "to 21 November 2026" in pdf_text(dialog.pdf)
    _close(dialog)


def test_a_governor_chooses_a_whole_term_or_month_that_is_over(qtbot, school, show,
                                                                services_as):
    posted(school, parent(school).id, posted_on=date(2026, 8, 12))
    services_as("governor")
    view = show(ReportsView(school))
    assert not view.by_dates.isVisible() and not view.date_from.isVisible()
    assert any("cover a whole term, the summer holiday or a month, once it is over"
               in label.text() for label in view.findChildren(QLabel))
    # The autumn term is under way on 21 November: the newest term offered is the holiday.
    assert view.term.currentText() == (
        "Summer holiday 2026 (1 August 2026 to 31 August 2026)")
    assert view.month.itemText(0) == "August 2026"  # October and November: term not over
    view.open_summary()
    settle(qtbot, view)
    text = pdf_text(view.dialog.pdf)
    assert "Summer holiday 2026 (1 August 2026 to 31 August 2026)" in text
    assert "Incidents logged fewer than 3" in text and "Wróbel" not in text
    _close(view.dialog)


def test_the_guidance_sheet_previews_one_page(qtbot, school, show):
    view = show(ReportsView(school))
    dialog = view.open_guidance()
    settle(qtbot, dialog)
    assert len(dialog.preview.pages) == 1 and dialog.save_button.isEnabled()
    _close(dialog)


def test_the_escalation_panel_offers_only_the_letters_allowed(qtbot, school, show):
    saved = posted(school, parent(school).id)
    panel = show(EscalationPanel(school, saved.id), 1200, 600)
    menu = panel.letters_button.menu()
    panel._fill_letters_menu()
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts == ["Request to remove the post…", "Invitation to a meeting with the "
                     "Headteacher…", "Police referral pack…", "Why are other letters not listed?"]
    assert "record the parent's refusal first" in menu.actions()[-1].toolTip()
    dialog = panel.open_letter("removal-request")
    dialog.after_output("printed", dialog.file_name)
    dialog.recorded.emit("done")
    qtbot.waitUntil(lambda: panel.timeline.rowCount() == 1)
    _close(dialog)


def _select_all(view: IncidentsView) -> None:
    model = view.table.selectionModel()
    for row in range(view.model.rowCount()):
        model.select(view.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                     | QItemSelectionModel.SelectionFlag.Rows)


def test_letters_for_selected_incidents_make_one_pdf_off_the_gui_thread(qtbot, school, show,
                                                                         monkeypatch, tmp_path):
    mum = parent(school)
    ids = [posted(school, mum.id).id for _ in range(6)]
    nobody = posted(school, None).id
    view = show(IncidentsView(school))
    _select_all(view)
    assert sorted(view.selected_incident_ids()) == sorted([*ids, nobody])
    dialog = view.letters_for_selected()
    assert isinstance(dialog, BatchLettersDialog)
    assert "Checking 7 incidents" in dialog.plan_label.text()  # on a worker thread
    qtbot.waitUntil(lambda: dialog.plan is not None)
    assert f"<b>Incident</b> ({nobody}): No one is recorded as the poster" in (
        dialog.plan_label.text())
    assert "6 of 7" in dialog.plan_label.text()
    task = dialog.make()
    ticks = []
    qtbot.waitUntil(lambda: ticks.append(1) or dialog.pdf is not None, timeout=30_000)
    assert len(ticks) >= 1  # the event loop kept turning while the letters were made
    assert len(pdf_pages(dialog.pdf)) == 6 and len(dialog.preview.pages) == 4
    assert task.result.pdf is dialog.pdf and dialog.task is None
    assert sorted(dialog.included) == sorted(ids)
    monkeypatch.setattr(document_dialog, "choose_save_path",
                        lambda *_a: str(tmp_path / "batch.pdf"))
    dialog.save()
    settle(qtbot, dialog)
    qtbot.waitUntil(lambda: "Recorded on 6 incident timelines" in dialog.status.text())
    assert all(school.incidents.get(i).actions[-1].step == "removal_request" for i in ids)
    _close(dialog)


def test_a_batch_can_be_cancelled(qtbot, school, show, monkeypatch):
    mum = parent(school)
    ids = [posted(school, mum.id).id for _ in range(4)]
    letters = school.letters
    real = letters.render_batch_result

    def slow(*args, **kwargs):
        cancelled = args[3]
        while not cancelled():
            time.sleep(0.01)
        return real(*args, **kwargs)

    monkeypatch.setattr(letters, "render_batch_result", slow)
    dialog = show(BatchLettersDialog(school, ids))
    qtbot.waitUntil(lambda: dialog.make_button.isEnabled())
    dialog.make()
    assert dialog.progress.isVisible()
    dialog.progress.canceled.emit()  # what its Cancel button does
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10_000)
    assert dialog.pdf is None and "Cancelled" in dialog.status.text()
    assert dialog.make_button.isEnabled() and not dialog.save_button.isEnabled()
    assert all(school.incidents.get(i).actions == () for i in ids)


def test_the_letterhead_and_wording_settings(qtbot, school, show, monkeypatch, tmp_path):
    view = show(SettingsView(school))
    section = view.letterhead
    view.contacts.phone.setText("0113 496 0000")
    view.contacts.email.setText("office@avenue.example")
    logo = write_png(tmp_path / "crest.png", 40, 20)
    monkeypatch.setattr(letter_templates, "choose_logo_file", lambda _p: str(logo))
    section.choose_logo()
    settle(qtbot, section)  # checked and copied in the background
    assert "Logo saved" in section.message.text() and section.logo.pixmap().width() > 0
    assert view.save()
    extra = school.settings.load().extra
    assert extra["school.phone"] == "0113 496 0000" and extra["letters.logo_path"]
    wording = section.open_wording()
    qtbot.addWidget(wording)
    assert wording.kind() == "removal-request" and "{policy_quote}" in wording.editor.toPlainText()
    assert "{parent_name} — The parent's name" in [
        wording.fields.item(n).text() for n in range(wording.fields.count())]
    wording.editor.setPlainText("Subject: Hello\n\nDear {parent_nam}")
    assert "Did you mean {parent_name}?" in wording.check()[0]
    assert not wording.save_button.isEnabled()
    wording.editor.setPlainText("Subject: Hello\n\nPlease take it down, {parent_name}.")
    assert wording.check() == [] and wording.save()
    assert school.letters.templates.is_custom("removal-request")
    assert wording.restore_button.isEnabled()
    assert view.save()  # saving Settings again keeps the new wording
    assert school.letters.templates.is_custom("removal-request")
    wording.restore()
    assert not school.letters.templates.is_custom("removal-request")
    assert "The standard wording is back." in wording.saved.text()
    _close(wording)
