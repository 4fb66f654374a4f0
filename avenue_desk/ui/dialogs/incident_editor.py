"""One incident: what was posted, where and by whom; its evidence; and the policy's steps.

The Details tab is the form from ``forms/incident_editor.ui`` (filled and read back by
``incident_details``). Evidence and Escalation need a saved incident (their files and
actions hang off its id), so until the first save those tabs say so and offer to save; the
Police referral, Reports to the platform and Course of conduct tabs come with the first save
(``incident_tabs``). Every message the services raise is shown beside the field it is
about; a failed save changes nothing in the form. A change saved elsewhere while the
incident is open is taken in, or offered (``incident_elsewhere``).

Opening a saved incident paints the editor first and reads the incident in the background
(``BackgroundOp``), the form waiting, disabled, until it arrives; the Evidence and Escalation
panels are built the first time their tab is shown. Built all at once, the editor froze the
window for over 100 ms at 100,000 incidents.

Records named here (the poster's chronology, an incident of the course of conduct) open
through ``record_opener``, handed in by whoever opens the editor: that module imports this
one, so importing it back would make a circle.
"""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QWidget

from avenue_desk.policy import DEFAULT_EDITION_KEY
from avenue_desk.services.core.errors import NotFound, ValidationError
from avenue_desk.services.core.versions import ChangedElsewhere
from avenue_desk.services.incidents import IncidentInput, IncidentRecord
from avenue_desk.ui.dialogs.incident_details import DetailsForm
from avenue_desk.ui.dialogs.incident_elsewhere import ChangesElsewhere
from avenue_desk.ui.dialogs.incident_tabs import IncidentTabs
from avenue_desk.ui.forms.ui_incident_editor import Ui_IncidentEditor
from avenue_desk.ui.labels import phase_label, platform_label, uk_date
from avenue_desk.ui.operations import BackgroundOp, problem_text
from avenue_desk.ui.style import in_role, set_role
from avenue_desk.ui.widgets.date_field import refuse_unread_dates
from avenue_desk.ui.widgets.field_errors import clear_when_edited


class IncidentEditor(IncidentTabs, ChangesElsewhere, DetailsForm, QDialog):
    """``record_opener(services, opens, record_id, parent)`` opens a record named here
    (``ui/dialogs/record_opener.open_record``); without it they are named, not opened."""

    saved = Signal(int)

    def __init__(self, services, incident_id: int | None = None, parent: QWidget | None = None,
                 record_opener=None):
        super().__init__(parent)
        self._services = services
        self._record_opener = record_opener
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
        self.course_panel = None  # the other incidents by the same poster, once saved
        self.ui = Ui_IncidentEditor()
        self.ui.setupUi(self)  # its labels' roles (title, error, banner...) are set in the .ui
        self._build_fields()
        self._watch_changes()
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

    def _connect(self) -> None:
        ui = self.ui
        ui.tabs.currentChanged.connect(self._tab_shown)
        self._connect_details()
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
        """The editor showing ``record`` as saved: the details, and every tab it has."""
        self._record = self._latest = record
        self.changed_banner.hide()  # what is shown is what is saved
        self._fill_details(record)
        self._show_saved_tabs(record)
        self._refresh_header()

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

    # --- saving --------------------------------------------------------------------------

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
                record = incidents.update(self._record.id, data, self._record.row_version)
        except ChangedElsewhere as refused:
            return self._changed_elsewhere(refused, data)
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
