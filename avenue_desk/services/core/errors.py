"""Errors the services raise, worded for the person at the desk."""

from __future__ import annotations


class ServiceError(Exception):
    """Something the user can act on; ``str()`` is the message to show."""


class ValidationError(ServiceError):
    """One message per field, so the editor can show each beside its field."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{msg}" for msg in self.errors.values()))


class NotFound(ServiceError):
    pass


class Cancelled(ServiceError):
    """The person pressed Cancel on long work; the message says what was not made (and
    so that nothing was left half-written)."""

    MESSAGE = "Cancelled: nothing was made."

    def __init__(self, message: str | None = None):
        super().__init__(message or self.MESSAGE)


class StepNotAllowed(ServiceError):
    """The policy does not allow this step here; carries the policy's own sentence
    (a ``policy.PolicyQuote``: the text and the edition it comes from)."""

    def __init__(self, reason: str, quote=None):
        self.reason = reason
        self.quote = quote
        super().__init__(reason)


class RecordsDamaged(ServiceError):
    """The records file could not give back what was asked for: a damaged page, text that
    is no longer readable, a file that is not a database at all. Nothing was changed."""

    ADVICE = ("The health check (avenue-desk check, or the weekly check) names every "
              "damaged record; restoring the newest good backup (Settings › Backups, or "
              "avenue-desk restore FILE) puts the records back as they were then.")

    def __init__(self, what: str):
        self.what = what
        super().__init__(f"{what} Nothing was changed. {self.ADVICE}")


class RecordsLocked(ServiceError):
    """The records are encrypted and nobody has signed in to this program yet: the
    sign-in (window or ``--user``) opens them first (services/core/records_key.py)."""

    def __init__(self, message: str = "The records are encrypted: sign in to open them."):
        super().__init__(message)


class RecordsTooNew(ServiceError):
    """The records were made by a newer Avenue Desk (a database version this one does not
    know): refused before anything is written, never migrated down (store/migrate.py)."""
