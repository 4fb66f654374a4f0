"""The accounts and audit services of a test's Services, and accounts to sign in with."""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher

from avenue_desk.services.accounts.accounts import AccountService
from avenue_desk.services.accounts.passwords import Hashing
from avenue_desk.services.container import Services, open_services
from avenue_desk.services.core.access import AccessGuard, Actor
from avenue_desk.services.core.audit import AuditLog
from avenue_desk.services.core.clock import FixedClock
from avenue_desk.services.people.records import PersonInput
from tests.helpers.databases import copy_migrated_database, copy_template

ORIGIN = "test"
HEAD_PASSWORD = "Ivy walks the long lane"
TEMPORARY = "k7qx-2mfr-9tza"
OWN_PASSWORD = "Blue kettle on the shelf"
SECRETS = (HEAD_PASSWORD, TEMPORARY, OWN_PASSWORD)


@dataclass
class Security:
    guard: AccessGuard
    audit: AuditLog
    accounts: AccountService


def security_for(services) -> Security:
    return Security(services.guard, services.audit, services.accounts)


def with_head(services) -> tuple[Security, str]:
    """A database with its first administrator, signed in; returns the recovery code."""
    sec = security_for(services)
    code = sec.accounts.create_first_admin("head", "Mrs Patel", HEAD_PASSWORD)
    sec.accounts.authenticate("head", HEAD_PASSWORD)
    return sec, code


def add_user(sec: Security, username: str, role: str, person_id=None):
    return sec.accounts.create_user(username, username.title(), role, TEMPORARY,
                                    person_id=person_id)


def sign_in_as(services, role: str, username: str | None = None) -> Actor:
    """An account of ``role`` (a staff account gets a member of staff to belong to), signed
    in with its own password. The Headteacher must be signed in to make it."""
    username = username or f"{role}1"
    accounts = services.accounts
    if role == "head" and username == "head":
        return accounts.authenticate("head", HEAD_PASSWORD)
    person_id = None
    if role in ("staff", "governor"):
        kind = "staff" if role == "staff" else "governor"
        person_id = services.people.create(PersonInput(f"{username.title()} Person", kind)).id
    accounts.create_user(username, username.title(), role, TEMPORARY, person_id=person_id)
    actor = accounts.authenticate(username, TEMPORARY)
    return accounts.change_password(actor, TEMPORARY, OWN_PASSWORD)


def cheap_hashing() -> Hashing:
    """argon2id at its smallest: the same code paths, a thousandth of the time."""
    return Hashing(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def copy_database_with_head(paths, clock) -> None:
    """A new data folder gets a database with the test Headteacher's account in it, made
    at ``clock``'s time, as ``create_first_admin`` would make it then (see
    tests/helpers/databases.py). The time is part of what is copied, so without a clock
    (the real one), or in a folder that is not new, nothing is copied."""
    if clock is None:
        return
    now = clock.now()

    def make(template) -> None:
        with open_services(template, FixedClock(now), origin=ORIGIN,
                           hashing=cheap_hashing()) as services:
            services.accounts.create_first_admin("head", "Mrs Patel", HEAD_PASSWORD)

    copy_template(paths, ("head", now), make)


def open_signed_in(paths, clock=None, username: str = "head",
                   password: str = HEAD_PASSWORD) -> Services:
    """Services on ``paths`` signed in (as the test Headteacher by default), the first
    administrator made first if the database has no accounts yet (a new folder gets it
    copied: see ``copy_database_with_head``)."""
    copy_database_with_head(paths, clock)
    services = open_services(copy_migrated_database(paths), clock, origin=ORIGIN,
                             hashing=cheap_hashing())
    try:
        if not services.accounts.has_users():
            services.accounts.create_first_admin("head", "Mrs Patel", HEAD_PASSWORD)
        services.accounts.authenticate(username, password)
    except BaseException:
        services.close()
        raise
    return services


def open_as_head(paths, clock=None) -> Services:
    """Services with the test Headteacher put straight into the guard, reading nothing:
    for a damaged database, whose accounts may be unreadable. (The app itself signs in
    with the password, even read-only.)"""
    services = open_services(paths, clock, origin=ORIGIN, hashing=cheap_hashing())
    services.guard.sign_in(Actor(1, "head", "Mrs Patel", "head"))
    return services
