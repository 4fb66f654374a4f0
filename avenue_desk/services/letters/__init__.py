"""Letters about an incident: which the policy allows, prepared for the Headteacher to read
and edit, printed one at a time or in a batch, recorded on the timeline; the school's own
wording for each, and the guidance sheet for parents.
"""

from __future__ import annotations

from avenue_desk.lazy_exports import lazy_getattr

# The package's public names and the module each lives in (see avenue_desk/lazy_exports.py).
_EXPORTS = {
    "LetterService": "letters",
    "load_layouts": "letters",
    "Cancelled": "records",
    "KINDS": "records",
    "LABELS": "records",
    "LetterProblems": "records",
    "PreparedLetter": "records",
    "SHORT_NAMES": "records",
    "TO_PARENT": "records",
    "letter_operation": "records",
    "safe_file_name": "records",
    "write_pdf": "records",
    "POLICY_FIELDS": "templates",
    "READ_ONLY_FIELDS": "templates",
    "editable_kinds": "templates",
    "field_label": "templates",
    "merge_fields": "templates",
    "wording_problems": "templates",
}

__all__ = sorted(_EXPORTS)
__getattr__ = lazy_getattr(__name__, _EXPORTS)
