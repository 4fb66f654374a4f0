"""A breach record, an authorisation or a report to the platform saved on another PC while
it was open here (issue 17, part 13 item 1): Save here is refused, and theirs and yours are
shown side by side with who changed it and when. Keeping mine puts yours back on top of
theirs, unsaved, and the next Save keeps both; Cancel leaves the form as typed, still
refused on the next Save, never overwriting theirs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from avenue_desk.services.conduct import PERMISSION
from avenue_desk.services.conduct.records import AuthorisationInput, BreachInput
from avenue_desk.services.incidents import IncidentInput, PlatformReportInput
from avenue_desk.ui.dialogs.authorisation_dialog import AuthorisationDialog
from avenue_desk.ui.dialogs.breach_dialog import BreachDialog
from avenue_desk.ui.widgets.platform_reports_panel import PlatformReportsPanel
from tests.helpers.accounts import open_signed_in
from tests.helpers.changed_elsewhere import answer_changed_elsewhere
from tests.helpers.conduct import staff


@pytest.fixture
def other_pc(services, paths, clock):
    other = open_signed_in(paths, clock)
    yield other
    other.close()


@pytest.fixture
def opened(qtbot, services, other_pc):
    """The breach open here, then changed on the other PC, then typed over here."""
    someone = staff(services, "Ms Shah <& Co>")
    data = BreachInput(person_id=someone.id, item_keys=("na_images",),
                       what="Photos of pupils on a personal account.",
                       occurred_on=date(2026, 11, 20), reported_by="A parent")
    made = services.breaches.create(data)
    dialog = BreachDialog(services, made.id)
    qtbot.addWidget(dialog)
    dialog.show()
    there = other_pc.breaches.current(made.id)
    other_pc.breaches.update(made.id, replace(data, reported_by="The PTA chair"),
                             there.row_version)
    dialog.what.setPlainText("Mine, typed here.")
    return dialog, made.id


def _save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)


def _tick(dialog, key: str) -> None:
    item = next(dialog.items.item(i) for i in range(dialog.items.count())
                if dialog.items.item(i).data(Qt.ItemDataRole.UserRole) == key)
    item.setCheckState(Qt.CheckState.Checked)


def test_theirs_and_mine_side_by_side_then_both_are_saved(qtbot, services, opened):
    dialog, breach_id = opened
    _tick(dialog, "na_confidential")
    seen: list = []
    answer_changed_elsewhere("keep_button", seen, with_message=True)
    _save(qtbot, dialog)
    assert len(seen) == 1
    said, rows = seen[0]
    assert said.startswith("The breach record for Ms Shah <& Co> was changed by Mrs Patel at ")
    assert rows == [
        ["Items of the code", "(not changed by them)",
         "Not acceptable 3: Disclosing confidential information, "
         "Not acceptable 4: Images from school activities"],
        ["What happened", "(not changed by them)", "Mine, typed here."],
        ["Reported by", "The PTA chair", "(not changed here)"]]
    # Nothing saved yet: the form holds both, for checking.
    assert (dialog.reported_by.text(), dialog.what.toPlainText()) == (
        "The PTA chair", "Mine, typed here.")
    assert set(dialog.item_keys()) == {"na_images", "na_confidential"}
    assert services.breaches.current(breach_id).what == (
        "Photos of pupils on a personal account.")
    assert dialog.status.text() == "Yours are back on top of theirs: check them, then save."
    _save(qtbot, dialog)  # now against their version: saved, nothing asked
    assert len(seen) == 1
    kept = services.breaches.current(breach_id)
    assert (kept.reported_by, kept.what) == ("The PTA chair", "Mine, typed here.")
    assert {c.key for c in kept.items} == {"na_images", "na_confidential"}
    assert dialog.status.text().startswith("Saved. 2 item(s) cited")


def test_theirs_only_drops_mine(qtbot, services, opened):
    dialog, breach_id = opened
    seen: list = []
    answer_changed_elsewhere("theirs_button", seen, with_message=True)
    _save(qtbot, dialog)
    assert (dialog.reported_by.text(), dialog.what.toPlainText()) == (
        "The PTA chair", "Photos of pupils on a personal account.")
    dialog.what.setPlainText("Mine, typed again.")  # now against their version: saved
    _save(qtbot, dialog)
    assert len(seen) == 1
    kept = services.breaches.current(breach_id)
    assert (kept.reported_by, kept.what) == ("The PTA chair", "Mine, typed again.")


def test_cancel_saves_nothing_and_asks_again(qtbot, services, opened):
    dialog, breach_id = opened
    seen: list = []
    answer_changed_elsewhere("cancel", seen, with_message=True)
    _save(qtbot, dialog)
    assert (dialog.reported_by.text(), dialog.what.toPlainText()) == (
        "A parent", "Mine, typed here.")
    assert dialog.status.text().startswith("Not saved: The breach record for Ms Shah <& Co> "
                                           "was changed by Mrs Patel at ")
    answer_changed_elsewhere("cancel", seen, with_message=True)
    _save(qtbot, dialog)  # still against the version opened: asked again
    assert len(seen) == 2
    kept = services.breaches.current(breach_id)
    assert (kept.reported_by, kept.what) == ("The PTA chair",
                                            "Photos of pupils on a personal account.")


def test_an_authorisation_keeps_both_changes(qtbot, services, other_pc):
    someone = staff(services, "Zoë O'Brien")
    data = AuthorisationInput(someone.id, "The logo on the PTA fair posters",
                              place="PTA Facebook page", valid_from=date(2026, 11, 1),
                              agreed_by="Mrs Carter", agreed_on=date(2026, 11, 1),
                              uses=("logo",))
    made = services.authorisations.create(PERMISSION, data)
    dialog = AuthorisationDialog(services, PERMISSION, made)
    qtbot.addWidget(dialog)
    dialog.show()
    there = other_pc.authorisations.get(PERMISSION, made.id)
    other_pc.authorisations.update(PERMISSION, made.id,
                                   replace(data, notes="Until the fair only <& after>"),
                                   there.row_version)
    dialog.uses["name"].setChecked(True)
    seen: list = []
    answer_changed_elsewhere("keep_button", seen, with_message=True)
    dialog.save()
    assert [rows for _said, rows in seen] == [[
        ["Notes or conditions", "Until the fair only <& after>", "(not changed here)"],
        ["May use", "(not changed by them)", "The school's name, The school's logo"]]]
    assert dialog.notes.toPlainText() == "Until the fair only <& after>"
    assert dialog.isVisible()  # unsaved, for checking
    with qtbot.waitSignal(dialog.accepted):
        dialog.save()
    kept = services.authorisations.get(PERMISSION, made.id)
    assert (kept.notes, set(kept.uses)) == ("Until the fair only <& after>", {"name", "logo"})


def _report_panel(qtbot, services, other_pc):
    """A report open in its panel, then its reference changed on the other PC."""
    incident = services.incidents.create(IncidentInput(
        posted_on=date(2026, 11, 1), platform="tiktok", categories=("complaint",),
        summary="s"))
    made = services.platform_reports.add(incident.id, PlatformReportInput(date(2026, 11, 3)))
    panel = PlatformReportsPanel(services, incident.id)
    qtbot.addWidget(panel)
    panel.show()
    panel.show_record(services.incidents.current(incident.id))
    panel.table.selectRow(0)
    other_pc.platform_reports.update(made.id, PlatformReportInput(
        date(2026, 11, 3), reference="TT-55 <ref> & co"), made.row_version)
    panel.reply.setPlainText("“No violation found” — Łucja")
    return panel, incident.id


def test_a_report_to_the_platform_keeps_both_changes(qtbot, services, other_pc):
    panel, incident_id = _report_panel(qtbot, services, other_pc)
    seen: list = []
    answer_changed_elsewhere("keep_button", seen, with_message=True)
    assert not panel.save()
    assert [rows for _said, rows in seen] == [[
        ["Reference", "TT-55 <ref> & co", "(not changed here)"],
        ["Its reply", "(not changed by them)", "“No violation found” — Łucja"]]]
    assert (panel.reference.text(), panel.reply.toPlainText()) == (
        "TT-55 <ref> & co", "“No violation found” — Łucja")
    assert panel.save()  # now against their version
    [kept] = services.platform_reports.for_incident(incident_id)
    assert (kept.reference, kept.reply) == ("TT-55 <ref> & co", "“No violation found” — Łucja")


def test_a_report_to_the_platform_cancelled_asks_again(qtbot, services, other_pc):
    panel, incident_id = _report_panel(qtbot, services, other_pc)
    seen: list = []
    answer_changed_elsewhere("cancel", seen, with_message=True)
    assert not panel.save()
    assert (panel.reference.text(), panel.reply.toPlainText()) == (
        "", "“No violation found” — Łucja")
    assert panel.message.text().startswith("Not saved: ")
    answer_changed_elsewhere("cancel", seen, with_message=True)
    assert not panel.save()  # still against the version opened
    assert len(seen) == 2
    [kept] = services.platform_reports.for_incident(incident_id)
    assert (kept.reference, kept.reply) == ("TT-55 <ref> & co", "")
