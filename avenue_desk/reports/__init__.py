"""PDF documents: letters, the police referral pack, the guidance sheet, governor summaries.

The only package that imports ReportLab; it never touches the database or Qt. The services
build the records in ``context`` (and ``SummaryData``) and call a document's ``problems()``
before printing and ``render()`` to get the PDF bytes.

Names are exported lazily, so importing this package does not load ReportLab.
"""

from __future__ import annotations

from avenue_desk.lazy_exports import lazy_getattr

_EXPORTS = {
    "SchoolDetails": "context",
    "PersonDetails": "context",
    "IncidentDetails": "context",
    "ActionLine": "context",
    "EvidenceItem": "context",
    "ReportError": "errors",
    "TemplateProblem": "errors",
    "TemplateError": "errors",
    "UnprintableText": "errors",
    "LetterNotAllowed": "errors",
    "RenderCancelled": "errors",
    "MissingResource": "errors",
    "TooLongToPrint": "errors",
    "DocumentRenderer": "base",
    "uncovered_characters": "text",
    "escape": "text",
    "uk_date": "formatting",
    "LETTER_KINDS": "templates",
    "MERGE_FIELDS": "templates",
    "default_template": "templates",
    "template_fields": "templates",
    "check_template": "templates",
    "LETTERS": "letters",
    "Letter": "letters",
    "RemovalRequestLetter": "letters",
    "MeetingLetter": "letters",
    "WarningLetter": "letters",
    "ForumRestrictionLetter": "letters",
    "HostTakedownLetter": "letters",
    "PoliceReferralPack": "letters",
    "GuidanceSheet": "letters",
    "refusal_reason": "letters",
    "platform_team": "letters",
    "PeriodCounts": "summary_data",
    "SummaryData": "summary_data",
    "suppress_small": "summary_data",
    "GovernorSummary": "summary",
    "render_batch": "batch",
    "BatchProblem": "batch",
}

__all__ = sorted(_EXPORTS)
__getattr__ = lazy_getattr(__name__, _EXPORTS)
