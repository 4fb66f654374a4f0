"""The incident editor's tabs beyond Details, a mixin of ``IncidentEditor``: Evidence and
Escalation (their panels built the first time the tab is shown: built with the editor,
working out the policy's advice made opening an incident wait), the Headteacher's Police
referral, the reports to the platform, and the course of conduct. All but the first two
are added once the incident is saved; until then Evidence and Escalation offer to save.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from avenue_desk.policy.access import Operation
from avenue_desk.services.incidents import IncidentRecord
from avenue_desk.ui.widgets.platform_reports_panel import attach_platform_reports


class IncidentTabs:
    """The tabs' half of ``IncidentEditor``."""

    def _show_saved_tabs(self, record: IncidentRecord) -> None:
        """A saved incident (just opened, saved or reloaded): every tab for it, current."""
        self._ensure_panels()
        self._show_referral(record)
        attach_platform_reports(self, record)  # its own tab, once saved
        self._show_course(record)

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

    def _show_course(self, record: IncidentRecord) -> None:
        """The Course of conduct tab: the other incidents by the same poster, read again
        (in the background) whenever the incident is loaded or saved."""
        if self.course_panel is None:
            from avenue_desk.ui.widgets.course_of_conduct import (
                CourseOfConductPanel,
                tab_title,
            )

            panel = CourseOfConductPanel(self._services, self.ui.tabs, self._record_opener)
            self.ui.tabs.addTab(panel, tab_title(None))
            panel.counted.connect(self._course_counted)  # a method: a lambda would hold self
            self.course_panel = panel
        self.course_panel.show_record(record)

    def _course_counted(self, count: int) -> None:
        from avenue_desk.ui.widgets.course_of_conduct import tab_title

        self.ui.tabs.setTabText(self.ui.tabs.indexOf(self.course_panel), tab_title(count))

    def show_course(self) -> QWidget | None:
        """Brings the Course of conduct tab forward (None until the incident is saved)."""
        if self.course_panel is not None:
            self.ui.tabs.setCurrentWidget(self.course_panel)
        return self.course_panel

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

    def _refresh_panels(self, previous: IncidentRecord | None, record: IncidentRecord) -> None:
        """The panels brought up to date with ``record`` (saved elsewhere)."""
        if self._escalation_panel is not None:
            self._escalation_panel.refresh()
        panel = self._evidence_panel
        if panel is not None and (previous is None or previous.evidence != record.evidence):
            panel.refresh(known=panel.checks)  # only new files have their hashes checked
