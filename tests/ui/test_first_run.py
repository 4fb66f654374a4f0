"""The first-run set-up: the school's own details, or a demo school in its own folder."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from avenue_desk.app import open_demo_services
from avenue_desk.services.incidents.records import IncidentQuery
from avenue_desk.ui.dialogs import first_run
from avenue_desk.ui.dialogs.first_run import FirstRunDialog
from tests.helpers.accounts import cheap_hashing


def make(qtbot, services) -> FirstRunDialog:
    dialog = FirstRunDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_setting_up_saves_the_school(qtbot, services):
    dialog = make(qtbot, services)
    dialog.ui.schoolName.setText("The Avenue Primary School")
    dialog.ui.address.setPlainText("The Avenue, Leeds")
    dialog.ui.headName.setText("Mr D Joy")
    with qtbot.waitSignal(dialog.accepted):
        dialog.ui.startButton.click()
    assert dialog.choice == "school"
    saved = services.settings.load()
    assert saved.set_up and not saved.is_demo
    assert saved.school_name == "The Avenue Primary School"
    assert saved.policy_edition == "avenue-2021"


def test_missing_details_are_pointed_out_and_nothing_is_saved(qtbot, services):
    dialog = make(qtbot, services)
    dialog.ui.startButton.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.ui.schoolNameError.text() == "Enter the school's name."
    assert dialog.ui.headNameError.isVisible()
    assert not services.settings.load().set_up


def test_the_demo_choice_is_its_own_answer(qtbot, services):
    dialog = make(qtbot, services)
    with qtbot.waitSignal(dialog.accepted):
        dialog.ui.demoButton.click()
    assert dialog.choice == "demo"
    assert not services.settings.load().set_up


def test_the_demo_school_lives_in_a_separate_folder(paths, clock, services, monkeypatch):
    pytest.importorskip("avenue_desk.demo.school")
    monkeypatch.setattr(first_run, "DEMO_INCIDENTS", 25)
    demo, made = open_demo_services(paths, clock, hashing=cheap_hashing())
    try:
        assert demo.paths.data_dir != paths.data_dir
        assert demo.paths.data_dir == paths.demo().data_dir
        assert demo.settings.load().is_demo
        assert demo.guard.actor.username == "head"  # made just now: signed in as its Head
        assert made.usernames == ("head", "office", "governor", "staff") and made.generated
        count = demo.incidents.count(IncidentQuery())
        assert count > 0
    finally:
        demo.close()
    assert services.incidents.count(IncidentQuery()) == 0  # the real records: untouched
    again, made_again = open_demo_services(paths, clock)  # a second visit opens what is there
    try:
        assert made_again is None and again.guard.actor is None  # someone must sign in
        again.accounts.authenticate("office", made.password)
        assert again.incidents.count(IncidentQuery()) == count
    finally:
        again.close()


def test_the_school_s_contact_details_are_asked_for_at_the_start(qtbot, services):
    dialog = make(qtbot, services)
    dialog.ui.schoolName.setText("Ash Grove Primary")
    dialog.ui.headName.setText("Ms Ada Okafor")
    dialog.contacts.email.setText("not an email")
    dialog.ui.startButton.click()
    assert dialog.choice is None
    assert "does not look like an email address" in dialog.error_labels["school.email"].text()
    assert not services.settings.load().set_up
    dialog.contacts.email.setText("office@ashgrove.example")
    dialog.contacts.phone.setText("0113 000 1111")
    dialog.contacts.chair.setText("Mr Ben Price")
    with qtbot.waitSignal(dialog.accepted):
        dialog.ui.startButton.click()
    extra = services.settings.load().extra
    assert extra["school.email"] == "office@ashgrove.example"
    assert extra["school.chair_of_governors"] == "Mr Ben Price"
    assert extra["school.head_title"] == "Headteacher"
