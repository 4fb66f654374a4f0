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
