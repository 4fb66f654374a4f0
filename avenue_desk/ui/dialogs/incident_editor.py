"""One incident: what was posted, where and by whom; its evidence; and the policy's steps.

The Details tab is the form from ``forms/incident_editor.ui``. Evidence and Escalation
need a saved incident (their files and actions hang off its id), so until the first save
those tabs say so and offer to save. Every message the services raise is shown beside the
field it is about; a failed save changes nothing in the form.

Opening a saved incident paints the editor first and reads the incident in the background
(``BackgroundOp``), the form waiting, disabled, until it arrives; the Evidence and Escalation
panels are built the first time their tab is shown. Built all at once, the editor froze the
window for over 100 ms at 100,000 incidents.
"""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QWidget,
)

from avenue_desk.policy import (
    CATEGORIES,
    DEFAULT_EDITION_KEY,
    EDITIONS,
    PLATFORMS,
    edition_for_incident,
    get_edition,
    get_platform,
    get_step,
    serious_categories,
)
from avenue_desk.policy.access import Operation
from avenue_desk.services.core.errors import NotFound, ServiceError, ValidationError
from avenue_desk.services.incidents import IncidentInput, IncidentRecord
from avenue_desk.ui.dialogs.person_dialog import PersonDialog
from avenue_desk.ui.forms.ui_incident_editor import Ui_IncidentEditor
from avenue_desk.ui.labels import phase_label, platform_label, uk_date
from avenue_desk.ui.operations import BackgroundOp, problem_text, running_operations
from avenue_desk.ui.style import in_role, set_role
from avenue_desk.ui.widgets.changed_elsewhere import ChangedElsewhereBanner
from avenue_desk.ui.widgets.date_field import DateField, refuse_unread_dates
from avenue_desk.ui.widgets.field_errors import clear_when_edited
from avenue_desk.ui.widgets.person_picker import PersonPicker
from avenue_desk.ui.widgets.platform_reports_panel import attach_platform_reports
from avenue_desk.ui.widgets.time_field import TimeField

RETRY_MS = 500  # a change arriving while the editor is busy is looked at after that
# What the Details tab shows of a record: another computer changing these is what typing
# here could clash with.
DETAILS = ("posted_on", "seen_on", "reported_by", "platform", "location", "poster",
           "named_people", "categories", "excerpt", "summary", "content_still_up",
           "on_school_forum", "posted_at", "seen_at", "poster_account")

# Who can be "named or targeted": the pupils and adults the school looks after.
NAMED_ROLES = ("pupil", "staff", "volunteer", "governor")


def edition_text(key: str) -> str:
    edition = get_edition(key)
    return f"{edition.title} ({edition.produced_label})"


def likely_edition(chosen_key: str, posted_on) -> str:
    """The edition a new incident will be judged by (the policy's rule, as the service uses)."""
    if posted_on is None:
        return chosen_key
    return edition_for_incident(chosen_key, posted_on).key


def _details(record: IncidentRecord) -> tuple:
    return tuple(getattr(record, name) for name in DETAILS)


def banner_html(keys) -> str:
    """The red warning for racist or threatening posts, with the Police sentence verbatim."""
    serious = serious_categories(frozenset(keys))
    if not serious:
        return ""
    police = get_step("police").quote
    lines = "".join(f"<b>{html.escape(c.label)}.</b> {html.escape(c.serious_reason)}<br>"
                    for c in serious)
    return (f"{lines}<i>“{html.escape(police.text)}”</i><br>"
            f"— {html.escape(edition_text(police.edition_key))}")


class IncidentEditor(QDialog):
    saved = Signal(int)

    def __init__(self, services, incident_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._record: IncidentRecord | None = None
        self._edition_chosen = False  # the user picked an edition rather than the automatic one
        self._forum_by_hand = False  # the tick the user gave before a school-forum platform
        self._settings_edition = DEFAULT_EDITION_KEY
        self._incident_id = incident_id  # asked for; the record arrives in the background
        self.opening: BackgroundOp | None = None
        self._snapshot: IncidentInput | None = None  # the form as loaded or last saved
        self._latest: IncidentRecord | None = None  # the record as last read from the records
        self._evidence_panel = None  # each built when its tab is first shown
        self._escalation_panel = None
        self.referral_panel = None  # the Headteacher's Police referral tab, once saved
        self.ui = Ui_IncidentEditor()
        self.ui.setupUi(self)  # its labels' roles (title, error, banner...) are set in the .ui
        self._build_fields()
        # Said when someone else changes this incident while it is open here.
        self.changed_banner = ChangedElsewhereBanner(self)
        self.ui.outer_layout.insertWidget(1, self.changed_banner)
        self.changed_banner.reload_requested.connect(self.reload_from_records)
        self._look_again = QTimer(self)
        self._look_again.setSingleShot(True)
        self._look_again.setInterval(RETRY_MS)
        self._look_again.timeout.connect(self.on_data_changed)
        self._errors = self._error_map()
        for field, (label, widget) in self._errors.items():
            label.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote what was typed
            # Any of the category ticks puts "choose a category" right, not only the first.
            clear_when_edited(label, self.ui.categories_holder if field == "categories"
                              else widget)
        self._connect()
        if incident_id is None:
            self._new_defaults()
            self._snapshot = self.collect()
        else:
            self._open(incident_id)
        self._fit_to_screen()

    # --- building ------------------------------------------------------------------------

    def _build_fields(self) -> None:
        ui, today = self.ui, self._services.clock.today()
        self.posted_on = DateField(today, optional=False, unset_text="Choose the date")
        self.seen_on = DateField(today, optional=True, unset_text="Not known")
        self.poster = PersonPicker(self._services, new_role="parent",
                                   new_person_dialog=PersonDialog,
                                   placeholder="Type part of the poster's name…")
        self.named = PersonPicker(self._services, multi=True, roles=NAMED_ROLES,
                                  new_person_dialog=PersonDialog,
                                  new_role="pupil", placeholder="Type part of a name…")
        # Times where known: an officer's chronology needs them; empty is "not recorded".
        self.posted_at = TimeField(placeholder="e.g. 14:05")
        self.seen_at = TimeField(placeholder="e.g. 2:05pm")
        for holder, field in ((ui.posted_on_holder, self.posted_on),
                              (ui.seen_on_holder, self.seen_on),
                              (ui.posted_at_holder, self.posted_at),
                              (ui.seen_at_holder, self.seen_at),
                              (ui.poster_holder, self.poster), (ui.named_holder, self.named)):
            holder.layout().addWidget(field)
        # The .ui cannot name these buddies: the date boxes are made here, not in Designer.
        ui.posted_on_label.setBuddy(self.posted_on.edit)
        ui.seen_on_label.setBuddy(self.seen_on.edit)
        ui.posted_at_label.setBuddy(self.posted_at.edit)
        ui.seen_at_label.setBuddy(self.seen_at.edit)
        self.posted_at.edit.setAccessibleName("Time posted")
        self.seen_at.edit.setAccessibleName("Time seen")
        for before, after in ((self.posted_on.edit, self.posted_at.edit),
                              (self.posted_at.edit, self.seen_on.edit),
                              (self.seen_on.edit, self.seen_at.edit),
                              (self.seen_at.edit, ui.reported_by)):
            QWidget.setTabOrder(before, after)
        ui.seen_on_label.setToolTip("When someone at school first saw it, if later")
        for platform in PLATFORMS:
            ui.platform.addItem(platform.label, platform.key)
        ui.platform.setCurrentIndex(-1)
        for edition in EDITIONS.values():
            ui.policy_edition.addItem(edition_text(edition.key), edition.key)
        self.category_boxes: dict[str, QCheckBox] = {}
        for category in CATEGORIES:
            box = QCheckBox(category.label, ui.categories_holder)
            box.setToolTip(f"“{category.quote.text}” — {edition_text(category.quote.edition_key)}")
            ui.categories_holder.layout().addWidget(box)
            self.category_boxes[category.key] = box
        ui.categories_holder.layout().setSpacing(1)  # seven ticks must leave room to type
        # The text boxes take whatever height is left, down to their minimum, instead of
        # their default hint: otherwise the summary is pushed below the fold at 1366×768.
        for box, stretch in ((ui.excerpt, 3), (ui.summary, 2)):
            policy = box.sizePolicy()
            policy.setVerticalPolicy(QSizePolicy.Policy.Ignored)
            box.setSizePolicy(policy)
            ui.what_layout.setStretchFactor(box, stretch)
        ui.serious_banner.setTextFormat(Qt.TextFormat.RichText)
        ui.serious_banner.hide()
        ui.edition_label.setTextFormat(Qt.TextFormat.PlainText)
        ui.title_label.setTextFormat(Qt.TextFormat.PlainText)
        ui.forum_note.setText("Tick this for a page the school runs, wherever it is.")
        ui.buttons.button(QDialogButtonBox.StandardButton.Save).setToolTip("Save (Ctrl+S)")
        ui.save_hint.setText("Ctrl+S saves · Esc closes")

    def _error_map(self) -> dict[str, tuple[QLabel, QWidget]]:
        ui = self.ui
        first_box = self.category_boxes[CATEGORIES[0].key]
        # In the order of the form, so that focus goes to the first bad field on screen.
        return {
            "posted_on": (ui.posted_on_error, self.posted_on),
            "posted_at": (ui.posted_on_error, self.posted_at),  # the row's one message line
            "seen_on": (ui.seen_on_error, self.seen_on),
            "seen_at": (ui.seen_on_error, self.seen_at),
            "reported_by": (ui.reported_by_error, ui.reported_by),
            "platform": (ui.platform_error, ui.platform),
            "location": (ui.location_error, ui.location),
            "poster_id": (ui.poster_error, self.poster),
            "poster_account": (ui.poster_account_error, ui.poster_account),
            "named_person_ids": (ui.named_error, self.named),
            "policy_edition": (ui.policy_edition_error, ui.policy_edition),
            "categories": (ui.categories_error, first_box),
            "excerpt": (ui.excerpt_error, ui.excerpt),
            "summary": (ui.summary_error, ui.summary),
        }

    def _connect(self) -> None:
        ui = self.ui
        ui.tabs.currentChanged.connect(self._tab_shown)
        ui.platform.currentIndexChanged.connect(self._platform_changed)
        for box in self.category_boxes.values():
            box.toggled.connect(self._categories_changed)
        self.posted_on.changed.connect(self._posted_on_changed)
        ui.policy_edition.activated.connect(self._edition_picked)
        ui.buttons.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.save)
        ui.buttons.rejected.connect(self.reject)
        ui.evidence_save.clicked.connect(self.save)
        ui.escalation_save.clicked.connect(self.save)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)

    def _fit_to_screen(self) -> None:
        # 1366×768 with a taskbar leaves about 1366×728, title bar included.
        screen = (self.parentWidget() or self).screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        self.resize(min(1240, area.width() - 40), min(680, area.height() - 50))

    # --- filling the form ----------------------------------------------------------------

    def _new_defaults(self) -> None:
        self.ui.content_still_up.setChecked(True)
        self._settings_edition = self._services.settings.load().policy_edition
        self._posted_on_changed()
        self._refresh_header()
        self.ui.tabs.setTabText(1, "&Evidence")
        self.posted_on.setFocus()

    def _open(self, incident_id: int) -> None:
        """Reads the incident (an opening the audit trail records) once the editor is
        painted; until then the form waits, disabled, and says so."""
        ui = self.ui
        self.setWindowTitle(f"Incident {incident_id}")
        ui.title_label.setText(f"Incident {incident_id}")
        ui.status_label.setText("Opening…")
        ui.tabs.setEnabled(False)
        save = ui.buttons.button(QDialogButtonBox.StandardButton.Save)
        incidents = self._services.incidents
        self.opening = BackgroundOp(
            self, lambda: incidents.get(incident_id), title="Opening the incident",
            success=self._opened, failure=self._open_failed,
            disable=[save]).start(after_pending=True)

    def _opened(self, record: IncidentRecord) -> None:
        self.opening = None
        self.ui.tabs.setEnabled(True)
        self._load(record)
        self._snapshot = self.collect()
        self.ui.tabs.tabBar().setFocus()  # where focus goes in a form opened ready

    def _open_failed(self, error: BaseException) -> None:
        """Nothing to edit (the incident was destroyed meanwhile, or cannot be read): the
        editor says why, and only Close works."""
        self.opening = None
        self.ui.status_label.setText(problem_text(error, "The incident could not be read"))
        set_role(self.ui.status_label, "error")
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)

    def _load(self, record: IncidentRecord) -> None:
        ui = self.ui
        self._record = self._latest = record
        self.changed_banner.hide()  # what is shown is what is saved
        self.posted_on.set_value(record.posted_on)
        self.seen_on.set_value(record.seen_on)
        self.posted_at.set_value(record.posted_at)
        self.seen_at.set_value(record.seen_at)
        ui.poster_account.setText(record.poster_account)
        ui.reported_by.setText(record.reported_by)
        ui.platform.setCurrentIndex(ui.platform.findData(record.platform))
        ui.location.setText(record.location)
        if not get_platform(record.platform).is_school_forum:
            ui.on_school_forum.setChecked(record.on_school_forum)
        ui.content_still_up.setChecked(record.content_still_up)
        self.poster.set_person(record.poster)
        self.named.set_people(record.named_people)
        for key, box in self.category_boxes.items():
            box.setChecked(key in record.categories)
        ui.excerpt.setPlainText(record.excerpt)
        ui.summary.setPlainText(record.summary)
        # The edition is fixed once saved: the case is judged by the policy it began under.
        ui.policy_edition.hide()
        ui.edition_label.setText(f"{edition_text(record.policy_edition)} — fixed when the "
                                 "incident was first saved.")
        self._ensure_panels()
        self._show_referral(record)
        attach_platform_reports(self, record)  # its own tab, once saved
        self._refresh_header()

    def _show_referral(self, record: IncidentRecord) -> None:
        """The Police referral tab: the Headteacher's alone (the reason and the kind of
        offence are read and written as legal notes are), once the incident is saved."""
        if not self._services.guard.allowed(Operation.ACTION_RECORD_LEGAL):
            return
        if self.referral_panel is None:
            from avenue_desk.ui.widgets.referral_panel import ReferralPanel

            self.referral_panel = ReferralPanel(self._services, record.id, self.ui.tabs)
            self.ui.tabs.addTab(self.referral_panel, "Police re&ferral")
        self.referral_panel.show_record(record)

    def _ensure_panels(self) -> None:
        """A saved incident: its Evidence and Escalation tabs hold their panels (built
        when the tab is first shown) instead of the offer to save."""
        self.ui.evidence_stack.setCurrentWidget(self.ui.evidence_holder)
        self.ui.escalation_stack.setCurrentWidget(self.ui.escalation_holder)
        self._tab_shown()  # saved from the Evidence or Escalation tab: its panel is wanted now

    def _tab_shown(self, *_args) -> None:
        current = self.ui.tabs.currentWidget()
        if current is self.ui.evidence_tab:
            _ = self.evidence_panel  # built on first sight
        elif current is self.ui.escalation_tab:
            _ = self.escalation_panel

    @property
    def evidence_panel(self):
        """The Evidence tab's panel (its files and their checks), built the first time the
        tab is shown or the panel is asked for. None until the incident is saved."""
        if self._evidence_panel is None and self._record is not None:
            # Imported here so the editor opens fast and a panel's trouble stays in its tab.
            from avenue_desk.ui.widgets.evidence_panel import EvidencePanel

            holder = self.ui.evidence_holder
            panel = EvidencePanel(self._services, self._record.id, holder)
            panel.offer_excerpt(self.ui.excerpt)  # OCR's words, checked, for Save to keep
            holder.layout().addWidget(panel)
            panel.changed.connect(self._record_changed)
            self._evidence_panel = panel
        return self._evidence_panel

    @property
    def escalation_panel(self):
        """The Escalation tab's panel, built the first time the tab is shown (or the panel
        is asked for) rather than with the editor: working out the policy's advice for the
        case made opening an incident wait. None until the incident is saved."""
        if self._escalation_panel is None and self._record is not None:
            from avenue_desk.ui.widgets.escalation_panel import EscalationPanel

            panel = EscalationPanel(self._services, self._record.id, self.ui.escalation_holder)
            self.ui.escalation_holder.layout().addWidget(panel)
            panel.changed.connect(self._record_changed)
            self._escalation_panel = panel
        return self._escalation_panel

    def _refresh_header(self) -> None:
        record, ui = self._record, self.ui
        if record is None:
            self.setWindowTitle("New incident")
            ui.title_label.setText("New incident")
            ui.status_label.setText("Not saved yet")
            return
        title = (f"Incident {record.id} — {platform_label(record.platform)}, "
                 f"posted {uk_date(record.posted_on)}")
        self.setWindowTitle(title)
        ui.title_label.setText(title)
        status = f"Stage: <b>{html.escape(phase_label(record.phase))}</b>"
        due = record.next_follow_up
        if due and record.phase != "closed":
            if due < self._services.clock.today():
                status += " · " + in_role(f"overdue since {uk_date(due)}", "overdue")
            else:
                status += f" · next follow-up {uk_date(due)}"
        status += " · post still up" if record.content_still_up else " · post removed"
        ui.status_label.setText(status)
        count = len(record.evidence)
        ui.tabs.setTabText(1, f"&Evidence ({count})" if count else "&Evidence")

    # --- reacting to edits ---------------------------------------------------------------

    def _platform_changed(self) -> None:
        key = self.ui.platform.currentData()
        forum = self.ui.on_school_forum
        locked = bool(key) and get_platform(key).is_school_forum
        if locked and forum.isEnabled():
            self._forum_by_hand = forum.isChecked()
            forum.setChecked(True)
        elif not locked and not forum.isEnabled():
            forum.setChecked(self._forum_by_hand)
        # The policy's forum step rests on this fact, so the school's own forum always has it.
        forum.setEnabled(not locked)
        self.ui.forum_note.setText(
            "Ticked because the platform is the school's own website or forum." if locked
            else "Tick this for a page the school runs, wherever it is.")

    def _categories_changed(self) -> None:
        text = banner_html(self.checked_categories())
        self.ui.serious_banner.setText(text)
        self.ui.serious_banner.setVisible(bool(text))

    def _posted_on_changed(self) -> None:
        if self._record is not None or self._edition_chosen:
            return
        key = likely_edition(self._settings_edition, self.posted_on.value())
        self.ui.policy_edition.setCurrentIndex(self.ui.policy_edition.findData(key))
        self.ui.edition_label.setText("Chosen from the school's settings and the date posted.")

    def _edition_picked(self) -> None:
        self._edition_chosen = True
        self.ui.edition_label.setText("Chosen by hand.")

    def _record_changed(self) -> None:
        # Recording "post confirmed removed" changes the record under the form: take the new
        # value without calling it an unsaved change, and keep anything else being typed.
        record = self._services.incidents.current(self._record.id)
        self._record = self._latest = record  # this window's own change, not someone else's
        self.ui.content_still_up.setChecked(record.content_still_up)
        self._snapshot = replace(self._snapshot, content_still_up=record.content_still_up)
        self._refresh_header()
        # A step, follow-up or file is saved with the incident: say so, as a save of the
        # form does, so Home and the list (listening to ``saved``) are current at once.
        self.saved.emit(record.id)

    # --- changes made elsewhere ------------------------------------------------------------

    def on_data_changed(self) -> None:
        """Something was saved somewhere (the main window's ``ChangeWatcher``). If it was
        this incident, on another computer or by the command line, it is taken in at once
        when nothing here is being edited; otherwise the steps and evidence are brought up
        to date and a banner offers to reload the details, never overwriting typing."""
        if self._record is None or self.opening is not None:
            return  # new and unsaved, or still opening (it will arrive as it stands now)
        if running_operations(self) or self._dialog_open():
            # Its own work in flight (a file being added or checked), or a step or a person
            # being written down in a dialog of its own: look once that is done.
            self._look_again.start()
            return
        try:
            record = self._services.incidents.current(self._record.id)
        except NotFound:
            self.changed_banner.show_gone()
            return
        except ServiceError:
            return  # cannot be read just now: the next change looks again
        if record == self._latest:
            return  # not this incident, or this window's own change
        previous, self._latest = self._latest, record
        if not self.is_dirty():
            self._take_in(record, previous)
            return
        self._refresh_panels(previous, record)
        if previous is not None and _details(previous) == _details(record):
            # Only its steps or evidence moved on: what is typed here still edits the
            # details as saved, so there is nothing to reload.
            self._record = record
            self._refresh_header()
            return
        self.changed_banner.show_changed()

    def reload_from_records(self) -> None:
        """The banner's Reload: the incident as saved now; what was typed here is dropped."""
        try:
            record = self._services.incidents.current(self._record.id)
        except ServiceError:
            self.changed_banner.show_gone()
            return
        self._take_in(record, self._latest)

    def _take_in(self, record: IncidentRecord, previous: IncidentRecord | None) -> None:
        self._load(record)
        self._snapshot = self.collect()
        self._refresh_panels(previous, record)

    def _refresh_panels(self, previous: IncidentRecord | None, record: IncidentRecord) -> None:
        if self._escalation_panel is not None:
            self._escalation_panel.refresh()
        panel = self._evidence_panel
        if panel is not None and (previous is None or previous.evidence != record.evidence):
            panel.refresh(known=panel.checks)  # only new files have their hashes checked

    def _dialog_open(self) -> bool:
        """A dialog of this editor's (recording a step, adding a person) is open."""
        return any(dialog.isVisible() for dialog in self.findChildren(QDialog))

    def checked_categories(self) -> tuple[str, ...]:
        return tuple(k for k, box in self.category_boxes.items() if box.isChecked())

    # --- saving --------------------------------------------------------------------------

    def collect(self) -> IncidentInput:
        ui = self.ui
        if self._record is not None:
            edition = self._record.policy_edition
        else:
            edition = ui.policy_edition.currentData() if self._edition_chosen else None
        return IncidentInput(
            posted_on=self.posted_on.value(),
            seen_on=self.seen_on.value(),
            reported_by=ui.reported_by.text(),
            platform=ui.platform.currentData() or "",
            location=ui.location.text(),
            poster_id=self.poster.person_id(),
            named_person_ids=self.named.ids(),
            categories=self.checked_categories(),
            excerpt=ui.excerpt.toPlainText(),
            summary=ui.summary.toPlainText(),
            content_still_up=ui.content_still_up.isChecked(),
            on_school_forum=ui.on_school_forum.isChecked(),
            policy_edition=edition,
            posted_at=self.posted_at.value(),
            seen_at=self.seen_at.value(),
            poster_account=ui.poster_account.text(),
        )

    def is_dirty(self) -> bool:
        return self._snapshot is not None and self.collect() != self._snapshot

    def save(self) -> bool:
        if self._snapshot is None:
            return False  # still opening (or it could not be read): nothing to save yet
        referral = self.referral_panel
        if referral is not None and referral.is_dirty() and not referral.save():
            self.ui.tabs.setCurrentWidget(referral)  # Ctrl+S there saves what was typed there
            return False
        self._clear_errors()
        typed = (self.posted_on, self.posted_at, self.seen_on, self.seen_at)
        if any(field.problem() for field in typed):
            self._show_errors({}, None)  # "Not saved", on the tab with the dates
            refuse_unread_dates(*typed)  # each says why beside it (times as dates)
            return False
        data = self.collect()
        incidents = self._services.incidents
        try:
            if self._record is None:
                record = incidents.create(data)
            else:
                record = incidents.update(self._record.id, data)
        except ValidationError as exc:
            self._show_errors(exc.errors, data)
            return False
        except NotFound as exc:
            QMessageBox.warning(self, "Not saved", str(exc))
            return False
        self._load(record)
        self._snapshot = self.collect()
        if self._escalation_panel is not None:
            self._escalation_panel.refresh()  # new categories or forum may change the advice
        self.ui.save_hint.setText(f"Saved incident {record.id}. Ctrl+S saves · Esc closes")
        self.saved.emit(record.id)
        return True

    def _clear_errors(self) -> None:
        for label, _widget in self._errors.values():
            label.clear()
            label.hide()
        set_role(self.ui.save_hint, None)

    def _show_errors(self, errors: dict[str, str], data: IncidentInput) -> None:
        bad = [field for field in self._errors if field in errors]
        for field in bad:
            label, _widget = self._errors[field]
            label.setText(errors[field])
            label.show()
        others = [message for field, message in errors.items() if field not in self._errors]
        hint = "Not saved: " + (" ".join(others) if others else "see the messages in red.")
        self.ui.save_hint.setText(hint)
        set_role(self.ui.save_hint, "error")
        self.ui.tabs.setCurrentWidget(self.ui.details_tab)
        if bad:
            widget = self._errors[bad[0]][1]
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            self.ui.details_scroll.ensureWidgetVisible(widget)

    def keyPressEvent(self, event) -> None:
        # QDialog turns Enter into a click on the default button (Save, which the button box
        # makes default when shown). Here saving is Ctrl+S or the button, never a stray Enter.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    # --- closing -------------------------------------------------------------------------

    def reject(self) -> None:
        """Esc, Close and the window's ✕ all come here: never lose typing without asking."""
        if self.referral_panel is not None and not self.referral_panel.ask_before_closing():
            return
        if self.is_dirty():
            answer = QMessageBox.question(
                self, "Unsaved changes",
                "This incident has changes that are not saved yet. Save them before closing?",
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save and not self.save():
                return
        super().reject()

    @property
    def incident_id(self) -> int | None:
        """The incident shown (or being opened); None for a new one not saved yet."""
        return self._record.id if self._record else self._incident_id
