"""People: parents, carers, relatives, pupils, staff, volunteers and governors, and their
import from the school's MIS.
"""

from __future__ import annotations

from avenue_desk.lazy_exports import lazy_getattr

# The package's public names and the module each lives in (see avenue_desk/lazy_exports.py).
_EXPORTS = {
    "import_people": "mis_import",
    "AmbiguousColumns": "mis_columns",
    "Ambiguity": "mis_columns",
    "field_label": "mis_columns",
    "MANY_ALLOWED": "mis_columns",
    "MappingError": "mis_columns",
    "parse_choice": "mis_columns",
    "MAP_HELP": "mis_columns",
    "preview_people": "mis_import",
    "PeopleService": "people",
    "clean_person": "people",
    "NameParts": "name_parts",
    "parts_from_full_name": "name_parts",
    "to_record": "people",
    "PersonInput": "records",
    "PersonRecord": "records",
}

__all__ = sorted(_EXPORTS)
__getattr__ = lazy_getattr(__name__, _EXPORTS)
