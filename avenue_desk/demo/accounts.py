"""The demo school with its accounts: ``head``, ``office``, ``governor`` and ``staff``.

On a database with no accounts (a new data folder), ``make_demo`` makes the Headteacher's
demo account and signs it in, fills the demo school (``demo.fill_demo``), then adds the
other three, the staff account linked to a member of staff and the governor's to a
governor, so each kind of account can be tried. All four share one password: the one
given (``AVENUE_DESK_PASSWORD`` on the command line), or one made up here and shown once.
"""

from __future__ import annotations

from dataclasses import dataclass

from avenue_desk.demo.school import DemoReport, _check_empty, fill_demo
from avenue_desk.policy.passwords import password_problems
from avenue_desk.services.accounts import DEMO_USERNAMES, suggest_temporary_password
from avenue_desk.services.conduct import CURRENT, RegisterQuery


@dataclass(frozen=True)
class DemoAccountsMade:
    usernames: tuple[str, ...]
    password: str
    generated: bool  # True when made up here: it must be shown to the user, once

    def __repr__(self) -> str:  # never the password
        return f"DemoAccountsMade(usernames={self.usernames!r}, generated={self.generated!r})"

    def lines(self) -> list[str]:
        lines = [f"Demo accounts: {', '.join(self.usernames)} (one for each kind of account)."]
        if self.generated:
            lines.append(f"Their password, shown only this once: {self.password}")
        else:
            lines.append("Their password is the one in AVENUE_DESK_PASSWORD.")
        return lines


def new_demo_password() -> str:
    while True:
        password = suggest_temporary_password()
        if not any(password_problems(password, username=name) for name in DEMO_USERNAMES):
            return password


def make_demo(services, password: str | None = None, incidents: int = 300, seed: int = 2021,
              progress=None) -> tuple[DemoReport, DemoAccountsMade | None]:
    """The demo school; with its accounts when the database has none (signed in as ``head``
    afterwards). On a database with accounts, the signed-in Headteacher fills it and no
    accounts are added."""
    if services.accounts.has_users():
        return fill_demo(services, incidents, seed, progress), None
    _check_empty(services)
    generated = not password
    password = password or new_demo_password()
    services.accounts.create_demo_head("Headteacher (demo)", password)
    report = fill_demo(services, incidents, seed, progress)
    head_name = services.settings.load().head_name
    services.accounts.update_user("head", display_name=head_name)
    people = {"office": ("School office", None), "governor": _someone(services, "governor",
                                                                        head_name),
              "staff": _someone(services, "staff", head_name)}
    usernames = services.accounts.add_demo_accounts(password, people)
    return report, DemoAccountsMade(usernames, password, generated)


def _someone(services, role: str, head_name: str) -> tuple[str, int | None]:
    """A person for the demo account of ``role``: not the Headteacher (also on the staff
    list), and preferably someone whose checklist is due, so the account has it to do."""
    rows = [r for r in services.conduct_register.rows(RegisterQuery(roles=(role,)))
            if r.full_name != head_name]
    rows.sort(key=lambda r: (r.status == CURRENT, r.person_id))
    return (rows[0].full_name, rows[0].person_id) if rows else (role.title(), None)
