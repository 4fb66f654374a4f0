"""The demo school's accounts: one per kind, all with one password, no forced change.

Mixed into ``AccountService``. Only for the demo: the first (the Headteacher's) on a
database with no accounts at all, the others only in a data set marked as the demo, so
nothing here weakens a real school's accounts (whose first passwords must be changed).
"""

from __future__ import annotations

from sqlalchemy import func, select

from avenue_desk.policy.access import Role
from avenue_desk.policy.settings_registry import IS_DEMO
from avenue_desk.services.accounts.records import actor_of
from avenue_desk.services.core import records_key
from avenue_desk.services.core.access import Actor
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.core.settings import read_setting
from avenue_desk.store.models_accounts import User

DEMO_HEAD = "head"
# (username, role) of the demo accounts after the Headteacher's.
DEMO_OTHERS = (("office", Role.OFFICE), ("governor", Role.GOVERNOR), ("staff", Role.STAFF))
DEMO_USERNAMES = (DEMO_HEAD, *(name for name, _role in DEMO_OTHERS))


class DemoAccounts:
    """Needs ``_db``, ``_guard``, ``_audit``, ``_add_user()`` and ``authenticate()``."""

    def create_demo_head(self, display_name: str, password: str) -> Actor:
        """The demo's Headteacher account on a database with no accounts; signs it in."""
        with self._db.begin() as session:
            if session.scalar(select(func.count(User.id))):
                raise ServiceError("This database already has accounts: sign in to make the "
                                   "demo school.")
            user = self._add_user(session, DEMO_HEAD, display_name, Role.HEAD, password, None,
                                  must_change=False)
            self._audit.record(session, actor_of(user), "account_created", "user", user.id,
                               "Demo account “head” created")
        return self.authenticate(DEMO_HEAD, password)

    def add_demo_accounts(self, password: str, people: dict[str, tuple[str, int | None]]
                          ) -> tuple[str, ...]:
        """The office, governor and staff accounts of the demo school; ``people`` gives each
        role's (display name, person id). Refused outside the demo data set."""
        manager = self._manager()
        with self._db.begin() as session:
            if not read_setting(session, IS_DEMO):
                raise ServiceError("Demo accounts are made only in the demo school's data.")
            made = []
            for username, role in DEMO_OTHERS:
                display_name, person_id = people[role.value]
                user = self._add_user(session, username, display_name, role, password,
                                      person_id, must_change=False)
                self._audit.record(session, manager, "account_created", "user", user.id,
                                   f"Demo account “{username}” created as {role.value}")
                made.append(username)
        for username in made:
            records_key.keep_password(self._db.paths, username, password, self._hashing)
        return (DEMO_HEAD, *made)
