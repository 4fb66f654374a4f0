"""The incident editor's Details tab: the fields Designer cannot make (dates, times, the
people pickers, the category ticks), what an edit changes beside it (the school-forum tick,
the red banner for serious posts, the policy edition), and the form read back as an
``IncidentInput``. A mixin of ``IncidentEditor``, which owns ``ui`` and ``_services``.

Beside the poster: their chronology (part 10), and the accounts already recorded on the
incident's platform to choose from as the account that posted (``PosterLinks``).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QLabel, QSizePolicy, QWidget

from avenue_desk.policy import (
    CATEGORIES,
    EDITIONS,
    PLATFORMS,
    edition_for_incident,
    get_edition,
    get_platform,
    get_step,
    serious_categories,
)
from avenue_desk.services.incidents import IncidentInput, IncidentRecord
from avenue_desk.ui.dialogs.person_dialog import PersonDialog
from avenue_desk.ui.widgets.date_field import DateField
from avenue_desk.ui.widgets.person_picker import PersonPicker
from avenue_desk.ui.widgets.poster_links import PosterLinks
from avenue_desk.ui.widgets.time_field import TimeField

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


class DetailsForm:
    """The Details tab's half of ``IncidentEditor``."""

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
        # The poster's chronology, and the accounts already known on the platform.
        self.poster_links = PosterLinks(self._services, self, self.poster, ui.poster_account,
                                        PersonDialog, self._record_opener)
        ui.poster_holder.layout().addWidget(self.poster_links.chronology_row)
        ui.poster_account_box.insertWidget(1, self.poster_links.accounts_row)
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

    def _connect_details(self) -> None:
        ui = self.ui
        ui.platform.currentIndexChanged.connect(self._platform_changed)
        for box in self.category_boxes.values():
            box.toggled.connect(self._categories_changed)
        self.posted_on.changed.connect(self._posted_on_changed)
        ui.policy_edition.activated.connect(self._edition_picked)

    def _fill_details(self, record: IncidentRecord) -> None:
        """The Details tab showing ``record`` as saved."""
        ui = self.ui
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
        self.poster_links.show_record(record)

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
        self.poster_links.set_platform(key)  # the accounts known there, to choose from

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

    def checked_categories(self) -> tuple[str, ...]:
        return tuple(k for k, box in self.category_boxes.items() if box.isChecked())

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
