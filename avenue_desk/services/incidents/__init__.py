"""Incidents: logging what was posted, finding it again (with full-text search), following
the policy's procedure step by step, the evidence behind each, and what needs attention
today.
"""

from __future__ import annotations

from avenue_desk.lazy_exports import lazy_getattr

# The package's public names and the module each lives in (see avenue_desk/lazy_exports.py).
_EXPORTS = {
    "AttentionService": "attention",
    "EscalationService": "escalation",
    "EvidenceService": "evidence",
    "step_label": "from_rows",
    "IncidentService": "incidents",
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
