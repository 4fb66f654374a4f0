"""A red message beside a field goes as soon as the person edits that field, in every form;
a message about another field stays until that one is edited (or the form saved again)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.services.conduct.records import PERMISSION
from avenue_desk.ui.dialogs.account_dialog import AccountDialog
from avenue_desk.ui.dialogs.authorisation_dialog import AuthorisationDialog
from avenue_desk.ui.dialogs.breach_dialog import BreachDialog
from avenue_desk.ui.dialogs.change_password import ChangePasswordDialog
from avenue_desk.ui.dialogs.first_admin import FirstAdminDialog
from avenue_desk.ui.dialogs.first_run import FirstRunDialog
from avenue_desk.ui.dialogs.incident_editor import IncidentEditor
from avenue_desk.ui.dialogs.person_dialog import PersonDialog
from avenue_desk.ui.dialogs.sign_in import SignInDialog
from avenue_desk.ui.views.settings import SettingsView
from avenue_desk.ui.widgets.date_field import DateField
from avenue_desk.ui.widgets.field_errors import clear_when_edited
from avenue_desk.ui.widgets.lock_screen import LockScreen
from tests.helpers.background import settle


@pytest.fixture(autouse=True)
def unsaved_changes_are_discarded(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: QMessageBox.StandardButton.Discard)


def shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def showing(label: QLabel) -> bool:
    return label.isVisible() and bool(label.text())


def test_each_kind_of_field_clears_its_message_when_the_person_edits_it(qtbot):
    holder = shown(qtbot, QWidget())
    line, text, combo, spin, tick = (QLineEdit(holder), QPlainTextEdit(holder),
                                     QComboBox(holder), QSpinBox(holder), QCheckBox(holder))
    combo.addItems(["One", "Two"])
    tick.setText("Tick")
    date_box = DateField(date(2026, 11, 21), parent=holder)
    rows = QVBoxLayout(holder)
    labels = {}
    for field in (line, text, combo, spin, tick, date_box):
        labels[field] = QLabel("Put this right.", holder)
        rows.addWidget(field)
        rows.addWidget(labels[field])
        labels[field].show()
        clear_when_edited(labels[field], field)
    line.setText("set by the form itself")  # not an edit by the person: the message stays
    assert showing(labels[line])
    qtbot.keyClicks(line, "x")
    qtbot.keyClicks(text, "x")
    combo.activated.emit(1)  # what choosing with the mouse or keys sends
    spin.setValue(3)
    tick.click()  # as a click or the space bar
    qtbot.keyClicks(date_box.edit, "3")
    assert [field for field, label in labels.items() if not label.isHidden()] == []
    assert all(label.text() == "" for label in labels.values())


def test_adding_an_account(qtbot, services):
    dialog = shown(qtbot, AccountDialog(services.accounts, services))
    dialog.save()
    settle(qtbot, dialog)
    assert showing(dialog.errors["username"]) and showing(dialog.errors["display_name"])
    qtbot.keyClicks(dialog.username, "obrien")
    assert not showing(dialog.errors["username"])
    assert showing(dialog.errors["display_name"])  # not edited yet: still said
    qtbot.keyClicks(dialog.display_name, "Mrs O'Brien")
    assert not showing(dialog.errors["display_name"])
    dialog.temporary.setText("short")
    dialog.save()
    settle(qtbot, dialog)
    assert showing(dialog.errors["password"])
    suggest = next(b for b in dialog.findChildren(type(dialog.ok_button))
                   if b.text() == "Suggest another")
    suggest.click()  # a new temporary password: the message about the old one goes
    assert not showing(dialog.errors["password"])


def test_changing_a_password_and_signing_in(qtbot, services):
    change = shown(qtbot, ChangePasswordDialog(services.accounts, services.guard.actor))
    change.save()
    assert showing(change.errors["old_password"]) and showing(change.errors["new_password"])
    qtbot.keyClicks(change.old, "something")
    assert not showing(change.errors["old_password"])
    assert showing(change.errors["new_password"])
    sign_in = shown(qtbot, SignInDialog(services.accounts))
    sign_in.sign_in()
    assert showing(sign_in.message)  # "Enter your username."
    qtbot.keyClicks(sign_in.username, "head")
    assert not showing(sign_in.message)
    lock = shown(qtbot, LockScreen(services.accounts))
    lock.message.setText("Wrong password.")
    lock.message.show()
    qtbot.keyClicks(lock.password, "x")
    assert not showing(lock.message)


@pytest.mark.no_accounts
def test_the_first_administrator(qtbot, services):
    dialog = shown(qtbot, FirstAdminDialog(services.accounts))
    dialog.password.setText("Ivy walks the long lane")
    dialog.repeat.setText("Ivy walks the long road")
    dialog.create()
    assert showing(dialog.errors["repeat"])
    qtbot.keyClicks(dialog.repeat, "Ivy")
    assert not showing(dialog.errors["repeat"])


def test_a_person(qtbot, services):
    dialog = shown(qtbot, PersonDialog(services, None, None))
    dialog.ui.email.setText("not an address")
    dialog.save()
    assert showing(dialog.ui.full_name_error) and showing(dialog.ui.email_error)
    dialog.ui.full_name.setText("Ms Ζωή")  # keyClicks cannot type outside ASCII
    dialog.ui.full_name.textEdited.emit("Ms Ζωή")
    assert not showing(dialog.ui.full_name_error) and showing(dialog.ui.email_error)
    qtbot.keyClicks(dialog.ui.email, "x")
    assert not showing(dialog.ui.email_error)


def test_an_incident(qtbot, services):
    editor = shown(qtbot, IncidentEditor(services))
    qtbot.mouseClick(editor.ui.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    for name in ("platform_error", "categories_error", "summary_error"):
        assert showing(getattr(editor.ui, name)), name
    qtbot.keyClicks(editor.ui.summary, "Complains about the trip.")
    assert not showing(editor.ui.summary_error)
    last = list(editor.category_boxes.values())[-1]  # any tick puts "choose one" right
    last.click()
    assert not showing(editor.ui.categories_error)
    editor.ui.platform.activated.emit(2)
    assert not showing(editor.ui.platform_error)


def test_the_incident_form_does_not_move_under_the_pointer_as_dates_are_typed(qtbot,
                                                                               services):
    """Found in a real window: typing in Date posted closed up an empty message line, every
    row moved up 16 px, and a click aimed at Date seen landed in a gap, losing what was
    typed next."""
    editor = shown(qtbot, IncidentEditor(services))
    seen_at = editor.seen_on.mapTo(editor, editor.seen_on.rect().topLeft()).y()
    platform_at = editor.ui.platform.mapTo(editor, editor.ui.platform.rect().topLeft()).y()
    qtbot.keyClicks(editor.posted_on.edit, "03/12/2026")
    qtbot.keyClick(editor.posted_on.edit, Qt.Key.Key_Tab)
    qtbot.wait(50)  # the layout settles
    assert editor.seen_on.mapTo(editor, editor.seen_on.rect().topLeft()).y() == seen_at
    assert editor.ui.platform.mapTo(editor, editor.ui.platform.rect().topLeft()).y() == \
        platform_at


def test_a_permission_and_a_breach(qtbot, services):
    dialog = shown(qtbot, AuthorisationDialog(services, PERMISSION))
    assert not dialog.save()
    assert showing(dialog.errors["what"]) and showing(dialog.errors["uses"])
    qtbot.keyClicks(dialog.what, "The school logo")
    assert not showing(dialog.errors["what"]) and showing(dialog.errors["uses"])
    dialog.uses["logo"].click()
    assert not showing(dialog.errors["uses"])
    breach = shown(qtbot, BreachDialog(services))
    assert not breach.save()
    assert showing(breach.errors["what"])
    qtbot.keyClicks(breach.what, "Posted a photo")
    assert not showing(breach.errors["what"])


def test_the_first_run_and_the_settings(qtbot, services):
    first = shown(qtbot, FirstRunDialog(services))
    first.ui.schoolName.clear()
    first.ui.headName.clear()
    first.start()
    assert showing(first.ui.schoolNameError) and showing(first.ui.headNameError)
    qtbot.keyClicks(first.ui.schoolName, "The Avenue")
    assert not showing(first.ui.schoolNameError) and showing(first.ui.headNameError)
    settings = shown(qtbot, SettingsView(services))
    settings.ui.schoolName.clear()
    assert not settings.save()
    assert showing(settings.ui.schoolNameError)
    qtbot.keyClicks(settings.ui.schoolName, "The Avenue")
    assert not showing(settings.ui.schoolNameError)
