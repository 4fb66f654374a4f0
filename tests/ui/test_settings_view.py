"""Settings: saving the school's details, messages beside fields, any characters at all."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from sqlalchemy import event

from avenue_desk.policy import settings_registry as registry
from avenue_desk.store import keyring
from avenue_desk.ui.views.settings import SettingsView
from tests.helpers.pdf import pdf_text


def make(qtbot, services) -> SettingsView:
    view = SettingsView(services)
    qtbot.addWidget(view)
    view.resize(1100, 650)
    view.show()
    return view


def fill(view, name="The Avenue Primary School", head="Mrs A Lovelace"):
    view.ui.schoolName.setText(name)
    view.ui.headName.setText(head)


def test_saving_keeps_every_field(qtbot, services):
    view = make(qtbot, services)
    fill(view)
    view.ui.address.setPlainText("1 The Avenue\nLeeds")
    view.ui.policyEdition.setCurrentIndex(view.ui.policyEdition.findData("parental-2019"))
    view.ui.evidenceLimit.setValue(40)
    view.ui.followUpDays.setValue(14)
    with qtbot.waitSignal(view.saved):
        view.ui.saveButton.click()
    assert view.ui.savedLabel.text() == "Saved."
    saved = services.settings.load()
    assert saved.school_name == "The Avenue Primary School"
    assert saved.address == "1 The Avenue\nLeeds"
    assert saved.policy_edition == "parental-2019"
    assert (saved.evidence_limit_mb, saved.follow_up_days) == (40, 14)


def test_messages_appear_beside_the_fields_at_fault(qtbot, services):
    view = make(qtbot, services)
    fill(view, name="  ", head="")
    assert not view.save()
    assert view.ui.schoolNameError.isVisible()
    assert view.ui.schoolNameError.text() == "Enter the school's name."
    assert view.ui.headNameError.text() == "Enter the headteacher's name."
    assert not view.ui.addressError.isVisible()
    assert "Not saved" in view.ui.savedLabel.text()
    fill(view)
    assert view.save()
    assert not view.ui.schoolNameError.isVisible()


@pytest.mark.parametrize(
    "name",
    ['St Mary <& St John\'s> "Primary"', "Szkoła Podstawowa nr 5 w Łodzi",
     "مدرسة الأمل الابتدائية", "北京市第一小学", "Ysgol Gymraeg Bro Ogwr"],
)
def test_any_name_round_trips(qtbot, services, name):
    view = make(qtbot, services)
    fill(view, name=name, head=name)
    assert view.save()
    again = make(qtbot, services)
    assert again.ui.schoolName.text() == name
    assert again.ui.headName.text() == name
    assert services.settings.load().school_name == name


def test_it_keeps_what_it_does_not_show(qtbot, services):
    services.settings.set_value("is_demo", "1")
    services.settings.set_value("set_up", "1")
    view = make(qtbot, services)
    fill(view)
    assert view.save()
    kept = services.settings.load()
    assert kept.is_demo and kept.set_up


def test_the_editions_show_their_titles_and_dates(qtbot, services):
    view = make(qtbot, services)
    combo = view.ui.policyEdition
    assert combo.currentData() == "avenue-2021"
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert texts[0] == "The Avenue Primary School Social Media Policy (November 2021)"
    assert "22/2/19" in texts[1]


def test_the_data_folder_is_shown_and_can_be_opened(qtbot, services, monkeypatch):
    view = make(qtbot, services)
    assert view.ui.dataFolder.text() == str(services.paths.data_dir)
    assert view.ui.dataFolder.isReadOnly()
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    view.ui.openFolderButton.click()
    assert opened == [QUrl.fromLocalFile(str(services.paths.data_dir))]


def test_labels_and_ranges_come_from_the_settings_registry(qtbot, services):
    view = make(qtbot, services)
    assert view.ui.schoolNameLabel.text() == registry.SCHOOL_NAME.label == "School &name"
    assert view.ui.evidenceLimitLabel.text() == "&Largest evidence file"
    assert (view.ui.evidenceLimit.minimum(), view.ui.evidenceLimit.maximum()) == (1, 500)
    assert (view.ui.followUpDays.minimum(), view.ui.followUpDays.maximum()) == (1, 365)
    assert (view.idle_minutes.minimum(), view.idle_minutes.maximum()) == (1, 120)
    # A new school's page shows the registry's defaults.
    assert (view.ui.evidenceLimit.value(), view.ui.followUpDays.value(),
            view.idle_minutes.value()) == (25, 7, 5)


def test_one_save_stores_the_details_and_the_idle_lock_together(qtbot, services):
    commits = []
    event.listen(services.db.sessions, "after_commit", commits.append)
    view = make(qtbot, services)
    fill(view)
    view.contacts.phone.setText("0113 496 0000")
    view.idle_minutes.setValue(20)
    changed = []
    view.idle_minutes_changed.connect(changed.append)
    with qtbot.waitSignal(view.saved):
        view.ui.saveButton.click()
    assert len(commits) == 1 and changed == [20]
    assert services.accounts.idle_lock_minutes() == 20
    assert services.settings.load().extra["school.phone"] == "0113 496 0000"
    summaries = [r.summary for r in services.audit.page(limit=2)]
    assert summaries == ["Screen locks after 20 idle minutes",
                         "School details and settings saved"]


def test_a_save_that_fails_part_way_leaves_everything_as_it_was(qtbot, services):
    view = make(qtbot, services)
    fill(view, name="Ash Grove Primary")
    assert view.save()
    with keyring.connect(services.paths.database_file) as connection:
        before = connection.execute("SELECT key, value FROM settings ORDER BY key").fetchall()
        # The idle lock is the last thing the Save writes; this refuses it as a full disk would.
        connection.execute("CREATE TRIGGER refuse BEFORE INSERT ON settings WHEN NEW.key = "
                           "'lock_idle_minutes' BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    fill(view, name="Birch Lane Primary")
    view.ui.followUpDays.setValue(30)
    view.idle_minutes.setValue(45)
    changed = []
    view.idle_minutes_changed.connect(changed.append)
    with qtbot.capture_exceptions() as raised:  # the app shows these in a plain message box
        view.ui.saveButton.click()
    assert len(raised) == 1 and "disk full" in str(raised[0][1])
    with keyring.connect(services.paths.database_file) as connection:
        after = connection.execute("SELECT key, value FROM settings ORDER BY key").fetchall()
    assert after == before
    assert services.settings.load().school_name == "Ash Grove Primary"
    assert view.ui.savedLabel.text() != "Saved." and changed == []


def test_the_school_s_contact_details_are_saved_checked_and_printed(qtbot, services):
    view = make(qtbot, services)
    fill(view)
    contacts = view.contacts
    assert contacts.head_title.text() == "Headteacher"  # the registry's default
    contacts.email.setText("office at the avenue")
    contacts.phone.setText("ring the office")
    assert not view.save()
    assert "does not look like an email address" in view.error_labels["school.email"].text()
    assert view.error_labels["school.phone"].isVisible()
    assert "school.email" not in services.settings.load().extra  # nothing was saved
    contacts.email.setText("office@avenue.example.sch.uk")
    contacts.phone.setText("0113 496 0000")
    contacts.website.setText("www.avenue.example.sch.uk")
    contacts.chair.setText("Mr Tomás O'Brien & Co <b>")
    contacts.complaints.setText("on the school website")
    contacts.head_title.setText("Executive Headteacher")
    assert view.save()
    assert not view.error_labels["school.email"].isVisible()
    again = make(qtbot, services)  # what another visit to the page shows
    assert again.contacts.chair.text() == "Mr Tomás O'Brien & Co <b>"
    assert again.contacts.head_title.text() == "Executive Headteacher"
    text = pdf_text(services.letters.render_guidance())
    assert "0113 496 0000" in text and "office@avenue.example.sch.uk" in text
    assert "Mr Tomás O'Brien & Co <b>" in text and "on the school website" in text
