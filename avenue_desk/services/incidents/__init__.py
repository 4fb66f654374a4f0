"""Incidents: logging what was posted, finding it again (with full-text search), following
the policy's procedure step by step, the evidence behind each, and what needs attention
today.
"""

from __future__ import annotations

from avenue_desk.lazy_exports import lazy_getattr

# The package's public names and the module each lives in (see avenue_desk/lazy_exports.py).
_EXPORTS = {
    "AttentionService": "attention",
    "Chronology": "chronology",
    "ChronologyLine": "chronology",
    "OPENS_ACKNOWLEDGEMENT": "chronology",
    "OPENS_BREACH": "chronology",
    "OPENS_INCIDENT": "chronology",
    "CourseLine": "course",
    "course_ids": "course",
    "stage_label": "course",
    "HistoryService": "history",
    "counts_text": "history",
    "SocialAccountInput": "social_accounts",
    "SocialAccountRecord": "social_accounts",
    "SocialAccountService": "social_accounts",
    "handle_key": "social_accounts",
    "EscalationService": "escalation",
    "EvidenceService": "evidence",
    "step_label": "from_rows",
    "IncidentService": "incidents",
    "MADE_TO": "platform_reports",
    "OcrUnavailable": "ocr",
    "ScreenshotReader": "ocr",
    "join_lines": "ocr",
    "PlatformReportInput": "platform_reports",
    "PlatformReportRecord": "platform_reports",
    "PlatformReportService": "platform_reports",
    "EvidenceDetails": "records",
    "NEW_PHASE": "incidents",
    "clean_incident": "incidents",
    "edition_for": "incidents",
    "ActionInput": "records",
    "ActionRecord": "records",
    "EvidenceCheck": "records",
    "EvidenceRecord": "records",
    "FollowUpDay": "records",
    "IncidentInput": "records",
    "IncidentQuery": "records",
    "IncidentRecord": "records",
    "IncidentRow": "records",
    "StageChange": "records",
    "compact": "search",
    "index_many": "search",
    "reindex": "search",
}

__all__ = sorted(_EXPORTS)
__getattr__ = lazy_getattr(__name__, _EXPORTS)
