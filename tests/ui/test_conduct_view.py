"""The Staff code of conduct section: the register, the wizard from it, paper forms,
permissions and the other lists, breaches, exports, and the home view's reminder."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from avenue_desk.services.conduct.records import PERMISSION, AuthorisationInput
from avenue_desk.ui.main_window import CONDUCT, HOME, MainWindow
from avenue_desk.ui.models import conduct_register_table as cols
from avenue_desk.ui.style import role_colours
from avenue_desk.ui.views.conduct import ConductView
from avenue_desk.ui.views.home import HomeView
from tests.helpers.background import settle
from tests.helpers.conduct import answers, sign, staff
from tests.helpers.images import write_png
from tests.helpers.text import MARKUP


@pytest.fixture(autouse=True)
def no_blocking_questions(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)


@pytest.fixture
def people(services, clock):
    signed = staff(services, "Ama Okonkwo")
    sign(services, signed)
    late = staff(services, "Craig Marsh", "governor")
    services.conduct.record_paper(late.id, answers(), date(2025, 6, 1), "Office")
    never = staff(services, "Ольга Смирнова", "volunteer")
    return signed, late, never


def make_view(qtbot, services) -> ConductView:
    view = ConductView(services)
    qtbot.addWidget(view)
    view.resize(1300, 700)
    view.show()
    return view


def test_the_register_shows_each_status_in_colour(qtbot, services, people):
    view = make_view(qtbot, services)
    model = view.register.model
    # By surname: Marsh, Okonkwo, then Смирнова.
    assert [r.full_name for r in model.rows] == ["Craig Marsh", "Ama Okonkwo", "Ольга Смирнова"]
    statuses = [model.index(r, cols.COL_STATUS).data() for r in range(3)]
    assert statuses == ["Overdue", "Current", "Never acknowledged"]
    colour = model.index(0, cols.COL_STATUS).data(Qt.ItemDataRole.ForegroundRole)
    assert colour.color().name() == "#b00020"  # the stylesheet's one red
    assert model.index(0, cols.COL_NOTES).data() == "Signed on paper"
    assert "1 person is overdue" in view.reminder.text()
    view.register.show_status(("never", "overdue", "changed"))
    assert [r.full_name for r in model.rows] == ["Craig Marsh", "Ольга Смирнова"]
    view.register.search.setText("ольга")
    view.register.apply_filter()
    assert view.register.count.text() == "1 person"


def test_an_answer_to_put_right_is_amber_not_the_green_of_current(qtbot, services):
    signed, open_item = staff(services, "Ama Okonkwo"), staff(services, "Siobhán Byrne")
    sign(services, signed)
    services.conduct.complete(open_item.id, None, answers(chk_contact_details="no"),
                              open_item.full_name)
    model = make_view(qtbot, services).register.model
    assert [r.full_name for r in model.rows] == ["Siobhán Byrne", "Ama Okonkwo"]
    assert model.index(0, cols.COL_STATUS).data() == "Current — 1 item to put right"
    assert model.index(1, cols.COL_STATUS).data() == "Current"

    def colour(row: int):
        return model.index(row, cols.COL_STATUS).data(Qt.ItemDataRole.ForegroundRole).color()

    assert colour(0) == role_colours("due-soon").foreground  # amber, as for "due soon"
    assert colour(1) == role_colours("current").foreground != colour(0)
    assert "To put right: Check 4: No contact details given to pupils" in model.index(
        0, cols.COL_NAME).data(Qt.ItemDataRole.ToolTipRole)


def test_the_start_button_opens_a_fresh_wizard_and_signing_updates_the_register(
        qtbot, services, people):
    view = make_view(qtbot, services)
    panel = view.register
    assert not panel.start_button.isEnabled()
    panel.select_person(people[2].id)
    assert panel.start_button.isEnabled()
    panel.start_button.click()
    wizard = panel.wizard
    assert wizard is not None and "Ольга Смирнова" in wizard.windowTitle()
    for box in wizard.boxes.values():
        if box.item.is_check:
            (box.no if box.item.expected is False else box.yes).setChecked(True)
        else:
            box.tick.setChecked(True)
    wizard.go_to_page(6)
    wizard.sign_page.name.setText("Ольга Смирнова")
    with qtbot.waitSignal(panel.changed):
        wizard.accept()
    assert panel.wizard is None
    assert not panel.table.selectionModel().hasSelection()  # the next person starts clean
    assert [r.status for r in panel.model.rows] == ["overdue", "current", "current"]
    assert "Ольга Смирнова signed" in panel.message.text()


def test_recording_a_paper_form(qtbot, services, people):
    view = make_view(qtbot, services)
    view.register.select_person(people[2].id)
    view.register.record_paper()
    dialog = view.register.dialog
    assert dialog is not None
    assert not dialog.save()
    assert "Still to answer Yes or No" in dialog.error.text()
    dialog.all_ticked.setChecked(True)
    for box in dialog.checks:
        (box.no if box.item.expected is False else box.yes).setChecked(True)
    assert not dialog.save()
    assert "who is recording" in dialog.error.text()
    dialog.recorded_by.setText("Mrs Patel")
    assert dialog.save()
    assert [r.on_paper for r in view.register.model.rows] == [True, False, True]


def test_csv_export_of_what_is_shown(qtbot, services, people, tmp_path, monkeypatch):
    target = tmp_path / "register"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kw: (str(target), "CSV files (*.csv)"))
    view = make_view(qtbot, services)
    view.register.show_status(("overdue",))
    view.register.export_csv()
    settle(qtbot, view)
    rows = list(csv.reader((tmp_path / "register.csv").read_text("utf-8-sig").splitlines()))
    assert [r[1] for r in rows[1:]] == ["Craig Marsh"]
    assert "Exported 1 person" in view.register.message.text()


def test_printing_the_blank_form_and_the_register_previews_a_pdf(qtbot, services, people):
    view = make_view(qtbot, services)
    view.register.print_form(None)
    dialog = view.register.dialog
    settle(qtbot, dialog)
    assert dialog.pdf.startswith(b"%PDF-") and dialog.save_button.isEnabled()
    dialog.reject()
    view.register.print_register()
    settle(qtbot, view.register.dialog)
    assert view.register.dialog.pdf.startswith(b"%PDF-")
    view.register.dialog.reject()


def test_the_renewal_period_can_be_changed_from_the_register(qtbot, services, people, clock):
    view = make_view(qtbot, services)
    view.register.months.setValue(24)
    view.register.periods_button.click()
    assert services.conduct_register.periods().renewal_months == 24
    assert [r.status for r in view.register.model.rows][0] == "current"  # Craig Marsh


def test_a_permission_is_refused_until_right_then_listed_with_its_letter(qtbot, services,
                                                                         people):
    services.settings.save(services.settings.load().__class__(
        school_name="The Avenue", head_name="Mrs Carter"))
    view = make_view(qtbot, services)
    view.tabs.setCurrentWidget(view.permissions)
    panel = view.permissions
    panel.open_editor(None)
    dialog = panel.dialog
    dialog.person.set_person(services.people.get(people[0].id))
    dialog.what.setText(MARKUP)
    dialog.place.setText("PTA page")
    dialog.valid_from.set_value(date(2026, 11, 10))
    dialog.valid_until.set_value(date(2026, 11, 9))
    assert not dialog.save()
    assert "is before the start date" in dialog.errors["valid_until"].text()
    assert dialog.errors["uses"].isVisible()
    dialog.uses["logo"].setChecked(True)
    dialog.valid_until.set_value(date(2027, 7, 31))
    assert dialog.save()
    assert panel.table.rowCount() == 1 and panel.table.item(0, 2).text() == MARKUP
    panel.table.selectRow(0)
    panel.print_letter()
    settle(qtbot, panel.dialog)
    assert panel.dialog.pdf.startswith(b"%PDF-")
    panel.dialog.reject()


def test_a_breach_cites_what_was_acknowledged_and_takes_evidence_and_steps(
        qtbot, services, people, tmp_path):
    view = make_view(qtbot, services)
    view.tabs.setCurrentWidget(view.breaches)
    view.breaches.open_breach(None)
    dialog = view.breaches.dialog
    assert not dialog.tabs.isTabEnabled(1)
    dialog.person.set_person(services.people.get(people[0].id))
    dialog.occurred_on.set_value(date(2026, 11, 21))
    assert dialog.items.count() == 25
    first = dialog.items.item(7)
    assert "Not acceptable 4: Images from school activities" in first.text()
    assert "As acknowledged on 21 November 2026." in first.text()
    first.setCheckState(Qt.CheckState.Checked)
    dialog.what.setPlainText("Trip photos on a personal account <b>&</b>")
    assert dialog.save()
    record = dialog.record
    assert [c.key for c in record.items] == ["na_images"]
    assert dialog.tabs.isTabEnabled(1) and dialog.evidence_panel is not None
    adding = dialog.evidence_panel.add_files([write_png(tmp_path / "post.png")])
    settle(qtbot, dialog)
    added, refused = adding.result
    assert len(added) == 1 and refused == []
    investigation = dialog.investigation
    investigation.step_text.setPlainText("Met them with their union rep.")
    investigation.add_step()
    investigation.outcome.setCurrentIndex(investigation.outcome.findData("informal"))
    investigation.save_outcome()
    dialog.reject()
    row = services.breaches.list()[0]
    assert (row.steps, row.outcome) == (1, "informal")
    assert view.breaches.table.item(0, 4).text() == "Resolved informally"


def test_the_home_view_reminds_and_the_button_opens_the_register(qtbot, services, people):
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    home = window.home
    settle(qtbot, home)  # the reminder is read in the background
    assert isinstance(home, HomeView) and home.conduct_row.isVisible()
    assert home.conduct_label.text() == ("1 person is overdue for the code of conduct; 1 person "
                                         "has never acknowledged it.")
    home.conduct_button.click()
    assert window.stack.currentIndex() == CONDUCT
    assert [r.full_name for r in window.conduct.register.model.rows] == [
        "Craig Marsh", "Ольга Смирнова"]
    window.go_to(HOME)


def test_no_reminder_when_everyone_is_up_to_date(qtbot, services):
    sign(services, staff(services))
    home = HomeView(services)
    qtbot.addWidget(home)
    home.show()
    settle(qtbot, home)
    assert not home.conduct_row.isVisible()
    assert home.conduct_label.text()  # read, and nobody needs chasing


def test_the_authorisation_lists_show_the_codes_words(qtbot, services, people):
    services.authorisations.create(PERMISSION, AuthorisationInput(
        people[0].id, "Logo", "Page", date(2026, 1, 1), date(2026, 2, 1), agreed_by="Head",
        uses=("logo",)))
    view = make_view(qtbot, services)
    panel = view.permissions
    view.tabs.setCurrentWidget(panel)
    assert panel.table.rowCount() == 1
    panel.current_only.setChecked(True)
    assert panel.table.rowCount() == 0 and panel.empty.isVisible()
    assert view.exceptions.table.rowCount() == 0


def _double_click(qtbot, table, row: int) -> None:
    cell = table.visualRect(table.model().index(row, cols.COL_NAME)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)


def test_double_click_or_enter_shows_what_they_signed_and_starts_nothing(qtbot, services,
                                                                         clock):
    friend = staff(services, "Ama O'Neil <Okonkwo>")
    note = "Her mum is my neighbour & friend; we met at the school fête"
    given = [a if a.key != "chk_parent_requests" else
             type(a)(a.key, "no", note) for a in answers(chk_private="no")]
    services.conduct.complete(friend.id, None, given, friend.full_name)
    view = make_view(qtbot, services)
    panel = view.register
    panel.select_person(friend.id)
    _double_click(qtbot, panel.table, 0)
    dialog = panel.signed_dialog
    assert dialog is not None and panel.wizard is None  # looking never starts one
    assert "What Ama O'Neil <Okonkwo> signed" in dialog.windowTitle()
    shown = dialog.details.toPlainText()
    assert "The Avenue Primary School Social Media Policy (November 2021)" in shown
    assert f"{clock.today().day} November 2026, on screen" in shown
    assert ("Can you confirm that you have not sent a Facebook friend request to, or "
            "accepted one from, a parent?" in shown)
    assert "No — declared" in shown and f"Their note: {note}" in shown
    assert "Are all your personal social networking profiles set to private?" in shown
    assert "No — to put right" in shown and "set your profiles to private" in shown
    assert shown.count("Ticked: “I understand and will follow this”") == 20
    assert "To put right: Check 1: Profiles set to private" in dialog.open_items.text()
    dialog.accept()
    assert panel.signed_dialog is None and panel.wizard is None

    panel.select_person(friend.id)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert panel.signed_dialog is not None and panel.wizard is None
    panel.signed_dialog.start_button.click()  # the explicit way to start a new one
    assert panel.signed_dialog is None
    assert panel.wizard is not None and "Ama O'Neil <Okonkwo>" in panel.wizard.windowTitle()
    panel.wizard.reject()


def test_someone_who_never_signed_is_told_so_with_what_is_open(qtbot, services, people):
    view = make_view(qtbot, services)
    panel = view.register
    panel.select_person(people[2].id)
    panel.signed_button.click()
    dialog = panel.signed_dialog
    assert "has not signed the code of conduct yet" in dialog.details.toPlainText()
    assert not dialog.chooser.isVisible()
    assert "Has not acknowledged the code of conduct yet." in dialog.open_items.text()
    dialog.accept()
    panel.select_person(people[1].id)  # signed on paper, and overdue since
    panel.signed_button.click()
    dialog = panel.signed_dialog
    assert "on a paper form, recorded by Office" in dialog.details.toPlainText()
    assert "renewal was due by" in dialog.open_items.text()
    dialog.accept()
