"""The guidance sheet for parents, and letters copied out for the PDF viewer: documents that
go on no incident's timeline but are written to the audit trail. Mixed into
``LetterService``."""

from __future__ import annotations

from avenue_desk.policy.access import Operation
from avenue_desk.services.core.school import school_details
from avenue_desk.services.core.validation import uk_date
from avenue_desk.services.letters.records import (
    LABELS,
    LetterProblems,
    _problem,
    audit_action,
    safe_file_name,
)


class GuidanceAndCopies:
    """Needs ``_guard``, ``_audit``, ``_settings``, ``_clock`` and ``_require(kind)``."""

    def render_guidance(self) -> bytes:
        from avenue_desk.reports import ReportError
        from avenue_desk.reports.letters import GuidanceSheet

        self._guard.require(Operation.GUIDANCE_SHEET)
        sheet = GuidanceSheet(school_details(self._settings.load()),
                              issued_on=self._clock.today())
        try:
            return sheet.render()
        except ReportError as error:
            raise LetterProblems([getattr(error, "problem", _problem(str(error)))],
                                 "The guidance sheet") from error

    def guidance_file_name(self) -> str:
        return safe_file_name(f"Social media guidance for parents - "
                              f"{uk_date(self._clock.today())}.pdf")

    def record_guidance(self, action: str = "saved", file_name: str = "") -> None:
        """The guidance sheet saved or printed, for the audit trail (no timeline)."""
        actor = self._guard.require(Operation.GUIDANCE_SHEET)
        what = "printed" if action == "printed" else "saved"
        self._audit.record_now(actor, audit_action(action), "document", None,
                               f"Guidance sheet for parents {what}"
                               + (f" ({file_name})" if file_name else ""))

    def record_viewer_copy(self, incident_id: int, kind: str) -> None:
        """A copy of the letter opened in the PDF viewer: not on the timeline (nothing was
        sent), but in the audit trail, since the copy can be printed from there."""
        actor = self._require(kind)
        self._audit.record_now(actor, "save", "incident", incident_id,
                               f"{LABELS[kind]}: a copy opened in the PDF viewer")
