"""Privacy (UK GDPR): retention periods, the review of records past them and their
confirmed destruction, and subject access exports.
"""

from __future__ import annotations

from avenue_desk.lazy_exports import lazy_getattr

# The package's public names and the module each lives in (see avenue_desk/lazy_exports.py).
_EXPORTS = {
    "SubjectAccessService": "subject_access",
    "RetentionService": "retention",
    "parse_key": "retention",
    "record_key": "retention",
    "KEY_FILE": "subject_access",
}

__all__ = sorted(_EXPORTS)
__getattr__ = lazy_getattr(__name__, _EXPORTS)
