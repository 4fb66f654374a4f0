"""“Propose excerpt from screenshot” in an incident's evidence: the words read off a
stored screenshot, checked and corrected in a dialog, put into the Details tab's excerpt
only when the person says so, and kept only by the incident's own Save."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from avenue_desk.services.incidents import ScreenshotReader
from avenue_desk.services.incidents.ocr import ENGINE_MISSING
from avenue_desk.services.incidents.records import IncidentInput
from avenue_desk.ui.dialogs.incident_editor import IncidentEditor
from avenue_desk.ui.widgets.evidence_ocr import CHECK_EVERY_WORD, PUT_IN
from tests.helpers.background import settle
from tests.helpers.databases import raw_sql
from tests.helpers.ocr import needs_tesseract, post_accuracy, post_screenshot

CORRECTED = "Zoë’s mum: the trip was a “shambles” & <nobody> listens"


@pytest.fixture
def make_incident(services, tmp_path):
    def make(excerpt: str = ""):
        incident = services.incidents.create(IncidentInput(
            posted_on=date(2026, 11, 1), platform="facebook", categories=("complaint",),
            summary="s", excerpt=excerpt))
        picture = tmp_path / f"post-{incident.id}.png"
        truth = post_screenshot(picture)
        services.evidence.add(incident.id, picture)
        return incident.id, truth
    return make


@pytest.fixture
def open_evidence(qtbot, services):
    def open_(incident_id):
        editor = IncidentEditor(services, incident_id)
        qtbot.addWidget(editor)
        with qtbot.waitExposed(editor):
            editor.show()
        settle(qtbot, editor)
        editor.ui.tabs.setCurrentWidget(editor.ui.evidence_tab)
        panel = editor.evidence_panel  # built as the tab is shown
        qtbot.waitUntil(panel.isVisible)
        settle(qtbot, editor)  # the files' hashes checked
        panel.list.setCurrentRow(0)
        return editor, panel
    return open_


def saved_excerpt(services, incident_id) -> str:
    return raw_sql(services.paths, "SELECT excerpt FROM incidents WHERE id = :id",
                   id=incident_id)[0][0]


def propose(qtbot, editor, panel):
    proposal = panel.excerpt_proposal
    assert proposal.button.isVisible() and proposal.button.isEnabled()
    qtbot.mouseClick(proposal.button, Qt.MouseButton.LeftButton)
    settle(qtbot, editor, timeout=60_000)
    return proposal


def test_without_the_engine_the_button_says_how_to_add_it(qtbot, services, make_incident,
                                                         open_evidence, tmp_path):
    incident_id, _truth = make_incident("Typed by hand")
    editor, panel = open_evidence(incident_id)
    # A real path with no program at it: the engine as a computer without it has it.
    panel.excerpt_proposal.reader = ScreenshotReader(tmp_path / "no engine" / "tesseract")
    proposal = propose(qtbot, editor, panel)
    boxes = [box for box in panel.findChildren(QMessageBox) if box.isVisible()]
    assert len(boxes) == 1
    assert boxes[0].windowTitle() == "Reading screenshots is not installed"
    assert boxes[0].text() == ENGINE_MISSING
    assert "UB Mannheim" in boxes[0].text() and "apt-get install tesseract-ocr" in boxes[0].text()
    boxes[0].accept()
    assert proposal.dialog is None
    assert editor.ui.excerpt.toPlainText() == "Typed by hand"
    assert not editor.is_dirty()
    # Nothing was copied out of the evidence to read: no "opened" on the audit trail.
    assert raw_sql(services.paths, "SELECT COUNT(*) FROM audit_log WHERE action = 'open' "
                   "AND entity = 'evidence'")[0][0] == 0


def test_a_pdf_cannot_be_read_so_the_button_waits_for_a_picture(qtbot, services,
                                                                make_incident, open_evidence,
                                                                tmp_path):
    incident_id, _truth = make_incident()
    pdf = tmp_path / "page.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    services.evidence.add(incident_id, pdf)
    editor, panel = open_evidence(incident_id)
    panel.list.setCurrentRow(1)
    assert panel.selected().media_type == "application/pdf"
    assert not panel.excerpt_proposal.button.isEnabled()
    panel.list.setCurrentRow(0)
    assert panel.excerpt_proposal.button.isEnabled()


@needs_tesseract
def test_the_words_are_proposed_and_nothing_is_kept_until_confirmed_and_saved(
        qtbot, services, make_incident, open_evidence):
    incident_id, truth = make_incident()
    editor, panel = open_evidence(incident_id)
    proposal = propose(qtbot, editor, panel)
    dialog = proposal.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.warning.text() == CHECK_EVERY_WORD
    assert post_accuracy(truth, dialog.text.toPlainText()) > 0.9  # the screenshot's words
    assert not dialog.picture.pixmap().isNull()  # shown beside them, to check against
    assert dialog.append_button is None  # the excerpt was empty: only "Put in"
    # Proposed is not kept: neither in the form nor in the records.
    assert editor.ui.excerpt.toPlainText() == ""
    assert saved_excerpt(services, incident_id) == ""

    dialog.text.setPlainText(CORRECTED)  # checked against the picture and corrected
    qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    assert editor.ui.excerpt.toPlainText() == CORRECTED
    assert panel.added_label.text() == PUT_IN
    assert editor.is_dirty()
    assert saved_excerpt(services, incident_id) == ""  # still not saved behind anyone's back

    assert editor.save()
    assert saved_excerpt(services, incident_id) == CORRECTED


@needs_tesseract
def test_an_existing_excerpt_is_added_to_or_replaced_as_asked_and_cancel_keeps_it(
        qtbot, services, make_incident, open_evidence):
    incident_id, _truth = make_incident("The first post's words")
    editor, panel = open_evidence(incident_id)

    dialog = propose(qtbot, editor, panel).dialog
    assert "The first post's words" in dialog.current.text()
    dialog.reject()  # Cancel
    assert editor.ui.excerpt.toPlainText() == "The first post's words"
    assert not editor.is_dirty()

    dialog = propose(qtbot, editor, panel).dialog
    dialog.text.setPlainText("A second line\nwrapped by the phone")
    qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
    assert dialog.text.toPlainText() == "A second line wrapped by the phone"
    qtbot.mouseClick(dialog.append_button, Qt.MouseButton.LeftButton)
    assert (editor.ui.excerpt.toPlainText()
            == "The first post's words\n\nA second line wrapped by the phone")

    dialog = propose(qtbot, editor, panel).dialog
    dialog.text.setPlainText(CORRECTED)
    qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    assert editor.ui.excerpt.toPlainText() == CORRECTED
    editor.ui.excerpt.undo()  # one edit each: Ctrl+Z takes the proposal out again
    assert (editor.ui.excerpt.toPlainText()
            == "The first post's words\n\nA second line wrapped by the phone")
    assert saved_excerpt(services, incident_id) == "The first post's words"
