"""An open incident and changes saved elsewhere (another computer, the command line, another
window), a mixin of ``IncidentEditor``: taken in at once when nothing here is being edited;
otherwise the steps and evidence are brought up to date and a banner offers to reload the
details, never overwriting typing.

A save made against an older version than the one saved (someone saved in the moment
before, or the banner was not heeded) is refused by the service (``ChangedElsewhere``):
the details they changed and the ones typed here are shown side by side, and yours can be
put back on top of theirs to check and save. When they changed none of the details (a step
or a file only), yours are saved on top of theirs without asking.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QMessageBox

from avenue_desk.services.core.errors import NotFound, ServiceError
from avenue_desk.services.core.versions import ChangedElsewhere, merge_changes
from avenue_desk.services.incidents import IncidentInput, IncidentRecord
from avenue_desk.ui.dialogs.changed_elsewhere import (
    KEEP_MINE,
    THEIRS_ONLY,
    ChangedElsewhereDialog,
    shown,
)
from avenue_desk.ui.labels import category_label, platform_label
from avenue_desk.ui.operations import running_operations
from avenue_desk.ui.widgets.changed_elsewhere import ChangedElsewhereBanner

RETRY_MS = 500  # a change arriving while the editor is busy is looked at after that
# What the Details tab shows of a record: another computer changing these is what typing
# here could clash with.
DETAILS = ("posted_on", "seen_on", "reported_by", "platform", "location", "poster",
           "named_people", "categories", "excerpt", "summary", "content_still_up",
           "on_school_forum", "posted_at", "seen_at", "poster_account")


# The Details tab's labels, for the fields a "changed on another computer" question lists.
FIELD_LABELS = {"posted_on": "Date posted", "seen_on": "Date seen", "platform": "Where",
                "categories": "What kind of post", "reported_by": "Reported by",
                "location": "Exactly where", "poster_id": "Posted by",
                "named_person_ids": "People named", "excerpt": "What it said",
                "summary": "Summary", "content_still_up": "Post still up",
                "on_school_forum": "On the school's forum", "policy_edition": "Policy edition",
                "posted_at": "Time posted", "seen_at": "Time seen",
                "poster_account": "Account that posted"}


def _details(record: IncidentRecord) -> tuple:
    return tuple(getattr(record, name) for name in DETAILS)


class ChangesElsewhere:
    """The changes-elsewhere half of ``IncidentEditor``."""

    def _watch_changes(self) -> None:
        # Said when someone else changes this incident while it is open here.
        self.changed_banner = ChangedElsewhereBanner(self)
        self.ui.outer_layout.insertWidget(1, self.changed_banner)
        self.changed_banner.reload_requested.connect(self.reload_from_records)
        self._look_again = QTimer(self)
        self._look_again.setSingleShot(True)
        self._look_again.setInterval(RETRY_MS)
        self._look_again.timeout.connect(self.on_data_changed)

    def on_data_changed(self) -> None:
        """Something was saved somewhere (the main window's ``ChangeWatcher``). If it was
        this incident, on another computer or by the command line, it is taken in at once
        when nothing here is being edited; otherwise the steps and evidence are brought up
        to date and a banner offers to reload the details, never overwriting typing."""
        if self._record is None or self.opening is not None:
            return  # new and unsaved, or still opening (it will arrive as it stands now)
        if self._busy() or self._dialog_open():
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
            if self.course_panel is not None:
                self.course_panel.load()  # another incident by the poster may have moved on
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

    def _busy(self) -> bool:
        """Work of this editor's in flight; reading the course of conduct is only reading."""
        return any(op.owner is not self.course_panel for op in running_operations(self))

    def _dialog_open(self) -> bool:
        """A dialog of this editor's (recording a step, adding a person) is open."""
        return any(dialog.isVisible() for dialog in self.findChildren(QDialog))

    # --- a save refused: changed elsewhere in the meantime ---------------------------------

    def _changed_elsewhere(self, refused: ChangedElsewhere, mine: IncidentInput) -> bool:
        """Shows theirs and yours; returns True when yours were saved on top of theirs."""
        opened, typed_against = self._snapshot, self._record
        try:
            saved = self._services.incidents.current(self._record.id)
        except ServiceError as exc:
            QMessageBox.warning(self, "Not saved", str(exc))
            return False
        self._take_in(saved, self._latest)
        theirs = self._snapshot
        merged, changes = merge_changes(opened, mine, theirs)
        if all(change.theirs == change.opened for change in changes):
            self._fill_input(merged)  # they recorded a step or a file: nothing to choose
            return self.save()
        choice = ChangedElsewhereDialog(refused, changes, FIELD_LABELS, self,
                                        show=self._shown_value).exec()
        if choice == KEEP_MINE:
            self._fill_input(merged)  # unsaved: checked, then saved against their version
        elif choice != THEIRS_ONLY:  # Cancel: back to what was typed, still refused
            self._fill_input(mine)
            self._record, self._snapshot = typed_against, opened
        return False

    def _fill_input(self, data: IncidentInput) -> None:
        """The Details tab showing ``data`` (typed, not saved) over the record as saved."""
        people = {p.id: p for p in self._services.people.get_many(
            [*data.named_person_ids, *([data.poster_id] if data.poster_id else [])])}
        self._fill_details(replace(
            self._record, posted_on=data.posted_on, seen_on=data.seen_on,
            reported_by=data.reported_by, platform=data.platform, location=data.location,
            poster=people.get(data.poster_id),
            named_people=tuple(people[i] for i in data.named_person_ids if i in people),
            categories=data.categories, excerpt=data.excerpt, summary=data.summary,
            content_still_up=data.content_still_up, on_school_forum=data.on_school_forum,
            posted_at=data.posted_at, seen_at=data.seen_at,
            poster_account=data.poster_account))

    def _shown_value(self, name: str, value: object) -> str:
        if name == "platform" and value:
            return platform_label(value)
        if name == "categories":
            return ", ".join(category_label(key) for key in value) or "(blank)"
        if name in ("poster_id", "named_person_ids"):
            ids = [value] if isinstance(value, int) else list(value or ())
            names = [p.full_name for p in self._services.people.get_many(ids)]
            return ", ".join(names) or "(blank)"
        return shown(value)
