"""Settings: the school's own details, and where its records are kept.

The form comes from forms/settings.ui (Picard-style: ``self.ui = Ui_SettingsPage()``);
the page loads and saves its own settings through the settings service.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from avenue_desk.policy import DEFAULT_EDITION_KEY, EDITIONS
from avenue_desk.policy import settings_registry as registry
from avenue_desk.policy.access import Operation
from avenue_desk.services.core.errors import ValidationError
from avenue_desk.services.core.school import SchoolSettings
from avenue_desk.ui.forms.ui_settings import Ui_SettingsPage
from avenue_desk.ui.style import set_role
from avenue_desk.ui.views.letter_templates import LetterheadSection
from avenue_desk.ui.widgets.encryption_section import EncryptionSection
from avenue_desk.ui.widgets.field_errors import clear_when_edited
from avenue_desk.ui.widgets.policy_review_notice import PolicyReviewNotice
from avenue_desk.ui.widgets.school_contacts import SchoolContactsSection


def fill_edition_combo(combo: QComboBox, selected: str = DEFAULT_EDITION_KEY) -> None:
    """Each edition by its title and date, newest first, as the school knows them."""
    combo.clear()
    newest_first = sorted(EDITIONS.values(), key=lambda e: e.produced, reverse=True)
    for edition in newest_first:
        combo.addItem(f"{edition.title} ({edition.produced_label})", edition.key)
        tip = f"{edition.lead_label}: {edition.lead}. Review due {edition.next_review_label}."
        combo.setItemData(combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
    index = combo.findData(selected)
    combo.setCurrentIndex(max(index, 0))


def database_location(paths) -> str:
    """The database file, or the server URL (without any password) when not SQLite."""
    if paths.uses_sqlite_file:
        return str(paths.database_file)
    url = paths.database_url
    if "@" in url:
        scheme, rest = url.split("://", 1)
        url = f"{scheme}://…@{rest.rsplit('@', 1)[1]}"
    return url


def show_field_errors(labels: dict[str, QLabel], errors: dict[str, str]) -> None:
    """Each message beside its field; fields without one are cleared."""
    for name, label in labels.items():
        message = errors.get(name, "")
        label.setText(message)
        label.setVisible(bool(message))


class SettingsView(QWidget):
    saved = Signal(object)  # the SchoolSettings just saved
    idle_minutes_changed = Signal(int)  # the locked screen's new idle time

    def __init__(self, services, parent=None):
        super().__init__(parent)
        self._services = services
        self.ui = Ui_SettingsPage()
        # The page scrolls: with the school's contacts and letterhead it is taller than a
        # 1366×768 screen leaves it, and a page cut off at the bottom hides its Save.
        self.body = QWidget(self)
        self.ui.setupUi(self.body)
        self.setObjectName("SettingsPage")
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.ui.pageLayout.setContentsMargins(24, 16, 24, 16)  # the same as Home's
        set_role(self.ui.heading, "heading")
        self._apply_registry()
        set_role(self.ui.dataHeading, "subheading")
        self.error_labels = {
            "school_name": self.ui.schoolNameError,
            "address": self.ui.addressError,
            "head_name": self.ui.headNameError,
            "policy_edition": self.ui.policyEditionError,
            "evidence_limit_mb": self.ui.evidenceLimitError,
            "follow_up_days": self.ui.followUpDaysError,
        }
        for label in self.error_labels.values():
            set_role(label, "error")
        for name, field in (("school_name", self.ui.schoolName), ("address", self.ui.address),
                            ("head_name", self.ui.headName),
                            ("policy_edition", self.ui.policyEdition),
                            ("evidence_limit_mb", self.ui.evidenceLimit),
                            ("follow_up_days", self.ui.followUpDays)):
            clear_when_edited(self.error_labels[name], field)
        set_role(self.ui.savedLabel, "success")
        self.ui.dataFolder.setText(str(services.paths.data_dir))
        self.ui.dataFolder.setToolTip(f"Database: {database_location(services.paths)}")
        self.ui.saveButton.clicked.connect(self.save)
        self.ui.openFolderButton.clicked.connect(self.open_folder)
        self.backups_button = QPushButton("&Backups…")
        self.backups_button.setAccessibleName("Backups and restore")
        self.ui.folderRow.addWidget(self.backups_button)
        self.backups_button.clicked.connect(self.open_backups)
        self.retention_button = QPushButton("&Retention…")  # UK GDPR: records past their time
        self.retention_button.setAccessibleName("Retention periods and records due")
        self.retention_button.setVisible(services.guard.allowed(Operation.RETENTION_REVIEW))
        self.ui.folderRow.addWidget(self.retention_button)
        self.retention_button.clicked.connect(self.open_retention)
        # Editing again after "Saved" must not leave a stale confirmation on screen.
        for edit in (self.ui.schoolName, self.ui.headName):
            edit.textEdited.connect(self._clear_saved)
        self.ui.address.textChanged.connect(self._clear_saved)
        self._add_idle_lock_row()
        self._add_policy_review()
        self._settings = SchoolSettings()
        self._idle_minutes_shown = registry.IDLE_LOCK.default
        # Phone, email, website, Chair of Governors, complaints procedure, signature line.
        self.contacts = SchoolContactsSection(self)
        self.error_labels.update(self.contacts.error_labels)
        self.letterhead = LetterheadSection(services, self)  # logo, wording
        for section in (self.contacts, self.letterhead):
            self.ui.pageLayout.insertWidget(self.ui.pageLayout.indexOf(self.ui.saveRow),
                                            section)
        for edit in self.contacts.edits.values():
            edit.textEdited.connect(self._clear_saved)
        # Under where the records are kept: whether they are encrypted (issue 18).
        self.encryption = EncryptionSection(services, self.body)
        self.ui.pageLayout.insertWidget(self.ui.pageLayout.indexOf(self.ui.folderRow) + 1,
                                        self.encryption)
        self.load()

    def _apply_registry(self) -> None:
        """Each field's label and range as the settings registry declares them."""
        for label, entry in ((self.ui.schoolNameLabel, registry.SCHOOL_NAME),
                             (self.ui.addressLabel, registry.ADDRESS),
                             (self.ui.headNameLabel, registry.HEAD_NAME),
                             (self.ui.policyEditionLabel, registry.POLICY_EDITION),
                             (self.ui.evidenceLimitLabel, registry.EVIDENCE_LIMIT_MB),
                             (self.ui.followUpDaysLabel, registry.FOLLOW_UP_DAYS)):
            label.setText(entry.label)
        self.ui.evidenceLimit.setRange(*registry.EVIDENCE_LIMIT_MB.limits)
        self.ui.followUpDays.setRange(*registry.FOLLOW_UP_DAYS.limits)

    def _add_idle_lock_row(self) -> None:
        """Beside the other numbers: when the screen locks itself (a setting of its own)."""
        row = self.ui.fields.rowCount()
        label = QLabel(registry.IDLE_LOCK.label, self)
        self.idle_minutes = QSpinBox(self)
        self.idle_minutes.setRange(*registry.IDLE_LOCK.limits)
        self.idle_minutes.setSuffix(" minutes without use")
        self.idle_minutes.setMaximumWidth(240)
        self.idle_minutes.setAccessibleName("Minutes without use before the screen locks")
        self.idle_minutes.setToolTip("The window blanks and asks for the password again. "
                                     "Ctrl+L blanks it at once.")
        label.setBuddy(self.idle_minutes)
        self.idle_error = QLabel(self)
        set_role(self.idle_error, "error")
        self.idle_error.setWordWrap(True)
        self.ui.fields.addWidget(label, row, 0)
        self.ui.fields.addWidget(self.idle_minutes, row, 1)
        self.ui.fields.addWidget(self.idle_error, row, 2)
        self.error_labels[registry.IDLE_LOCK.error_field] = self.idle_error
        clear_when_edited(self.idle_error, self.idle_minutes)

    def _add_policy_review(self) -> None:
        """Under the fields: the review of the edition in force, with Record review…"""
        row = self.ui.fields.rowCount()
        self.review_notice = PolicyReviewNotice(self._services, parent=self)
        self.ui.fields.addWidget(QLabel("Policy review", self), row, 0,
                                 Qt.AlignmentFlag.AlignTop)
        self.ui.fields.addWidget(self.review_notice, row, 1, 1, 2)

    def load(self) -> None:
        self.review_notice.load()
        self._idle_minutes_shown = self._services.accounts.idle_lock_minutes()
        self.idle_minutes.setValue(self._idle_minutes_shown)
        self._settings = self._services.settings.load()
        s = self._settings
        self.ui.schoolName.setText(s.school_name)
        self.ui.address.setPlainText(s.address)
        self.ui.headName.setText(s.head_name)
        fill_edition_combo(self.ui.policyEdition, s.policy_edition)
        self.ui.evidenceLimit.setValue(s.evidence_limit_mb)
        self.ui.followUpDays.setValue(s.follow_up_days)
        self.contacts.load(s)
        self.letterhead.load()
        self.encryption.load()
        show_field_errors(self.error_labels, {})
        self.ui.savedLabel.clear()

    def on_shown(self) -> None:
        """Called by the main window when the page comes into view."""
        self.load()

    def form_settings(self) -> SchoolSettings:
        # replace() keeps what this page does not show (demo flag, set-up flag). Of the other
        # settings only the school's contact details go with it: the service leaves every
        # key not given as it is stored (the letter wording and logo are saved as chosen).
        return replace(
            self._settings,
            extra=self.contacts.values(),
            school_name=self.ui.schoolName.text(),
            address=self.ui.address.toPlainText(),
            head_name=self.ui.headName.text(),
            policy_edition=self.ui.policyEdition.currentData(),
            evidence_limit_mb=self.ui.evidenceLimit.value(),
            follow_up_days=self.ui.followUpDays.value(),
        )

    def save(self) -> bool:
        self.ui.savedLabel.clear()  # an earlier "Saved." must not outlive a failed Save
        minutes = self.idle_minutes.value()
        try:
            # One call, one transaction: the details, the school's contact details and the
            # idle lock are all saved, or (a failure part-way) none of them.
            saved = self._services.settings.save(self.form_settings(),
                                                 {registry.IDLE_LOCK: minutes})
        except ValidationError as error:
            show_field_errors(self.error_labels, error.errors)
            self.ui.savedLabel.setText("Not saved: see the messages beside the fields.")
            set_role(self.ui.savedLabel, "error")
            return False
        self._settings = saved
        self.review_notice.load()  # the edition in force may have changed
        show_field_errors(self.error_labels, {})
        if minutes != self._idle_minutes_shown:
            self._idle_minutes_shown = minutes
            self.idle_minutes_changed.emit(minutes)
        set_role(self.ui.savedLabel, "success")
        self.ui.savedLabel.setText("Saved.")
        self.saved.emit(saved)
        return True

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._services.paths.data_dir)))

    def open_backups(self) -> None:  # a slot: returning the dialog would crash PySide6
        from avenue_desk.ui.views.backups import BackupsDialog

        dialog = BackupsDialog(self._services, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # A bound method, not a lambda: PySide6 crashes deleting a dialog whose signal is
        # connected to a lambda holding its parent.
        dialog.restore_requested.connect(self._close_for_restore)
        dialog.open()

    def open_retention(self) -> None:  # a slot: returns nothing (see open_backups)
        from avenue_desk.ui.views.retention import RetentionDialog

        dialog = RetentionDialog(self._services, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _close_for_restore(self, _path: str) -> None:
        """app.py restores once the main window has closed, then opens everything again."""
        self.window().close()

    def _clear_saved(self, *_args) -> None:
        self.ui.savedLabel.clear()
