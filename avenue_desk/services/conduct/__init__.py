"""The staff code of conduct: acknowledgements signed every year (the wizard's records),
the register of who is current, what the Headteacher has authorised, breaches and their
investigation, with their evidence, and the code's documents.
"""

from __future__ import annotations

from avenue_desk.lazy_exports import lazy_getattr

# The package's public names and the module each lives in (see avenue_desk/lazy_exports.py).
_EXPORTS = {
    "COMPLETE": "acknowledgements",
    "ConductService": "acknowledgements",
    "IN_PROGRESS": "acknowledgements",
    "IncompleteAcknowledgement": "acknowledgements",
    "AuthorisationService": "authorisations",
    "BreachService": "breaches",
    "ConductDocuments": "documents",
    "save": "documents",
    "BreachEvidenceService": "evidence",
    "ACCEPTED": "records",
    "AuthorisationInput": "records",
    "AuthorisationRecord": "records",
    "BreachInput": "records",
    "BreachRecord": "records",
    "BreachRow": "records",
    "CONTACT_EXCEPTION": "records",
    "CitedItem": "records",
    "ConductPeriods": "records",
    "DESIGNATION": "records",
    "DESIGNATION_PURPOSES": "records",
    "ItemAnswer": "records",
    "NO": "records",
    "PERMISSION": "records",
    "PERMISSION_USES": "records",
    "RegisterQuery": "records",
    "RegisterRow": "records",
    "YES": "records",
    "ConductRegisterService": "register",
    "CODE_ROLES": "standing",
    "CHANGED": "statuses",
    "CURRENT": "statuses",
    "DUE_SOON": "statuses",
    "NEVER": "statuses",
    "OVERDUE": "statuses",
    "PUT_RIGHT": "statuses",
    "STATUSES": "statuses",
    "STATUS_LABELS": "statuses",
    "status_text": "statuses",
}

__all__ = sorted(_EXPORTS)
__getattr__ = lazy_getattr(__name__, _EXPORTS)
