"""The Headteacher's side of the accounts: adding, changing, disabling and deleting them.

Mixed into ``AccountService``. Every change is checked against ``Operation.ACCOUNTS_MANAGE``
and written to the audit trail; deleting an account keeps its audit rows (they hold the
username and id it had). There is always at least one Headteacher account that can sign in.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from avenue_desk.policy import UnknownPolicyKey
from avenue_desk.policy.access import Role, parse_role
from avenue_desk.policy.passwords import username_key, username_problem
from avenue_desk.services.accounts.records import UserRecord, user_record
from avenue_desk.services.core import records_key
from avenue_desk.services.core.errors import NotFound, ServiceError, ValidationError
from avenue_desk.services.core.validation import clean_line
from avenue_desk.store.models import Person
from avenue_desk.store.models_accounts import User

_UNSET = object()
LAST_HEAD = ("There must always be a Headteacher account that can sign in, so this is the "
             "last one and cannot be {what}.")


def find_user(session: Session, user: int | str) -> User:
    """By id, or by username (any case)."""
    if isinstance(user, int):
        found = session.get(User, user)
    else:
        found = session.scalar(select(User).where(User.username_key == username_key(user)))
    if found is None:
        raise NotFound(f"There is no account “{user}”.")
    return found


def other_heads(session: Session, user_id: int) -> int:
    """Headteacher accounts, other than this one, that can sign in."""
    return session.scalar(select(func.count(User.id)).where(
        User.role == Role.HEAD.value, User.disabled.is_(False), User.id != user_id))


def clean_details(session: Session, display_name: str, role: str, person_id: int | None,
                  errors: dict[str, str]) -> tuple[str, str]:
    display_name = clean_line(display_name)
    if not display_name:
        errors["display_name"] = "Enter the name to show for this account."
    elif len(display_name) > 200:
        errors["display_name"] = "Use at most 200 characters for the name."
    try:
        role = parse_role(role).value
    except UnknownPolicyKey:
        errors["role"] = "Choose the kind of account: Headteacher, Office, Governor or Staff."
    if person_id is not None and session.get(Person, person_id) is None:
        errors["person_id"] = f"No person with id {person_id}."
    elif person_id is None and role == Role.STAFF.value:
        errors["person_id"] = ("Choose the member of staff this account belongs to: a staff "
                               "account opens only that person's own record.")
    return display_name, role


def clean_new_user(session: Session, username: str, display_name: str, role: str,
                   person_id: int | None) -> tuple[str, str, str]:
    errors: dict[str, str] = {}
    username = (username or "").strip()
    problem = username_problem(username)
    if problem:
        errors["username"] = problem
    elif session.scalar(select(User.id).where(User.username_key == username_key(username))):
        errors["username"] = "There is already an account with this username."
    display_name, role = clean_details(session, display_name, role, person_id, errors)
    if errors:
        raise ValidationError(errors)
    return username, display_name, role


class UserAdministration:
    """Needs ``_db``, ``_clock``, ``_audit``, ``_manager()`` and ``_add_user()``."""

    def list_users(self) -> list[UserRecord]:
        self._manager()
        now = self._clock.now()
        with self._db.read() as session:
            users = session.scalars(select(User).order_by(User.username_key))
            return [user_record(u, now) for u in users]

    def get_user(self, user: int | str) -> UserRecord:
        self._manager()
        with self._db.read() as session:
            return user_record(find_user(session, user), self._clock.now())

    def create_user(self, username: str, display_name: str, role: str,
                    temporary_password: str, person_id: int | None = None) -> UserRecord:
        """A new account whose password must be changed at its first sign-in."""
        manager = self._manager()
        with self._db.begin() as session:
            user = self._add_user(session, username, display_name, role, temporary_password,
                                  person_id, must_change=True)
            self._audit.record(session, manager, "account_created", "user", user.id,
                               f"Account “{user.username}” created as {user.role}")
            record = user_record(user, self._clock.now())
        records_key.keep_password(self._db.paths, record.username, temporary_password,
                                  self._hashing)
        return record

    def update_user(self, user: int | str, *, display_name: str | None = None,
                    role: str | None = None, person_id=_UNSET) -> UserRecord:
        manager = self._manager()
        with self._db.begin() as session:
            found = find_user(session, user)
            errors: dict[str, str] = {}
            new_person = found.person_id if person_id is _UNSET else person_id
            name, new_role = clean_details(
                session, found.display_name if display_name is None else display_name,
                found.role if role is None else role, new_person, errors)
            if errors:
                raise ValidationError(errors)
            if found.role == Role.HEAD.value and new_role != found.role:
                self._keep_a_head(session, found, "given another role")
            changed = [what for what, old, new in (
                ("name", found.display_name, name), ("role", found.role, new_role),
                ("linked person", found.person_id, new_person)) if old != new]
            found.display_name, found.role, found.person_id = name, new_role, new_person
            found.updated_at = self._clock.now()
            if changed:
                summary = f"Account “{found.username}” changed: {', '.join(changed)}"
                self._audit.record(session, manager, "account_changed", "user", found.id,
                                   f"{summary}; role {new_role}")
            return user_record(found, self._clock.now())

    def disable_user(self, user: int | str) -> UserRecord:
        return self._set_disabled(user, True)

    def enable_user(self, user: int | str) -> UserRecord:
        return self._set_disabled(user, False)

    def _set_disabled(self, user: int | str, disabled: bool) -> UserRecord:
        manager = self._manager()
        with self._db.begin() as session:
            found = find_user(session, user)
            if disabled and found.id == manager.user_id:
                raise ServiceError("You cannot disable the account you are signed in with.")
            if disabled and found.role == Role.HEAD.value:
                self._keep_a_head(session, found, "disabled")
            if found.disabled != disabled:
                found.disabled, found.updated_at = disabled, self._clock.now()
                word = "disabled" if disabled else "enabled"
                self._audit.record(session, manager, f"account_{word}", "user", found.id,
                                   f"Account “{found.username}” {word}")
            record = user_record(found, self._clock.now())
        if disabled:  # its copy goes; enabling it again needs a new temporary password
            records_key.drop_account(self._db.paths, record.username)
        return record

    def delete_user(self, user: int | str) -> None:
        """Removes the account; its audit rows stay, with the username it had."""
        manager = self._manager()
        with self._db.begin() as session:
            found = find_user(session, user)
            if found.id == manager.user_id:
                raise ServiceError("You cannot delete the account you are signed in with.")
            if found.role == Role.HEAD.value:
                self._keep_a_head(session, found, "deleted")
            self._audit.record(session, manager, "account_deleted", "user", found.id,
                               f"Account “{found.username}” ({found.role}) deleted")
            username = found.username
            session.delete(found)
        records_key.drop_account(self._db.paths, username)

    def _keep_a_head(self, session: Session, user: User, what: str) -> None:
        if not other_heads(session, user.id):
            raise ServiceError(LAST_HEAD.format(what=what))
