"""CSV in and out: the incident log exported for Excel and imported again, and the entry
point for every CSV import (pupils and contacts are read by ``people``).
"""

from __future__ import annotations

from avenue_desk.lazy_exports import lazy_getattr

# The package's public names and the module each lives in (see avenue_desk/lazy_exports.py).
_EXPORTS = {
    "TransferService": "service",
    "EXPORT_COLUMNS": "exporting",
    "write_incidents_csv": "exporting",
}

__all__ = sorted(_EXPORTS)
__getattr__ = lazy_getattr(__name__, _EXPORTS)
