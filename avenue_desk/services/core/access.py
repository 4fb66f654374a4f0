"""Who is signed in, and the check every service makes before it acts.

One ``AccessGuard`` per open data set (built with the services). The sign-in dialog or the
command line puts the signed-in ``Actor`` in it; each service method starts with
``guard.require(Operation.X)``, so a refused operation is refused in the services whatever
the window shows. The refusal's message is the policy's own sentence (``policy.access``).
"""

from __future__ import annotations

from dataclasses import dataclass

from avenue_desk.policy.access import (
    Operation,
    Role,
    allowed,
    explain,
    get_role_info,
    operation_for_step,
)
from avenue_desk.services.core.errors import ServiceError


@dataclass(frozen=True)
class Actor:
    """The person signed in. Holds nothing secret, so its repr is safe to log or show."""

    user_id: int
    username: str
    display_name: str
    role: str
    person_id: int | None = None
    must_change_password: bool = False

    @property
    def role_label(self) -> str:
        return get_role_info(self.role).label

    def may(self, operation: Operation) -> bool:
        return allowed(self.role, operation)


class PermissionDenied(ServiceError):
    """This account may not do this; ``str()`` says why, for the person at the desk."""

    def __init__(self, message: str, operation: Operation | None = None):
        self.operation = operation
        super().__init__(message)


class NotSignedIn(PermissionDenied):
    def __init__(self, operation: Operation | None = None):
        super().__init__("Sign in first.", operation)


class AccessGuard:
    """Holds the signed-in actor and says yes or no to each operation."""

    def __init__(self, actor: Actor | None = None):
        self._actor = actor

    @property
    def actor(self) -> Actor | None:
        return self._actor

    @property
    def signed_in(self) -> bool:
        return self._actor is not None

    def sign_in(self, actor: Actor) -> None:
        self._actor = actor

    def sign_out(self) -> None:
        self._actor = None

    def allowed(self, operation: Operation) -> bool:
        """For the window: whether to offer a button at all (the services still check)."""
        actor = self._actor
        return actor is not None and not actor.must_change_password and actor.may(operation)

    def require(self, operation: Operation) -> Actor:
        """The actor, if they may do ``operation``; otherwise PermissionDenied with why."""
        actor = self._actor
        if actor is None:
            raise NotSignedIn(operation)
        if actor.must_change_password:
            raise PermissionDenied(
                "Choose a new password first: the one you signed in with was temporary.",
                operation,
            )
        if not actor.may(operation):
            raise PermissionDenied(explain(actor.role, operation), operation)
        return actor

    def require_own_person(self, person_id: int,
                           operation: Operation = Operation.CONDUCT_OWN_RECORD) -> Actor:
        """For the code of conduct: anyone may open their own record; only accounts that
        manage others' forms may open someone else's."""
        actor = self.require(operation)
        if actor.person_id is not None and actor.person_id == person_id:
            return actor
        if actor.may(Operation.CONDUCT_MANAGE):
            return actor
        if actor.person_id is None:
            raise PermissionDenied(
                "This account is not linked to a person on the staff list, so it has no code "
                "of conduct record. Ask the Headteacher to link it.", operation)
        raise PermissionDenied(
            "You can open only your own code of conduct record, so this record is not shown "
            "to you.", operation)

    def require_step(self, step: str) -> Actor:
        """Recording this step of the procedure (legal steps are the Headteacher's)."""
        return self.require(operation_for_step(step))

    def is_head(self) -> bool:
        return self._actor is not None and self._actor.role == Role.HEAD
