"""The governors' termly summary: counts that name nobody, compared with the terms before;
and the governors' review of the policy, which the summary reports.
"""

from __future__ import annotations

from avenue_desk.lazy_exports import lazy_getattr

# The package's public names and the module each lives in (see avenue_desk/lazy_exports.py).
_EXPORTS = {
    "PastReview": "policy_review",
    "PolicyReview": "policy_review",
    "PolicyReviewService": "policy_review",
    "SummaryService": "summaries",
}

__all__ = sorted(_EXPORTS)
__getattr__ = lazy_getattr(__name__, _EXPORTS)
