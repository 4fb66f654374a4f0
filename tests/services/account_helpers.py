"""The accounts and audit services built beside a test's Services (until the container
builds them itself)."""

from __future__ import annotations

from dataclasses import dataclass

from avenue_desk.services.access import AccessGuard
from avenue_desk.services.accounts import AccountService
from avenue_desk.services.audit import AuditLog

ORIGIN = "test on OFFICE-PC"
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
    guard = AccessGuard()
    audit = AuditLog(services.db, services.clock, guard, ORIGIN)
    return Security(guard, audit, AccountService(services.db, services.clock, guard, audit))


def with_head(services) -> tuple[Security, str]:
    """A database with its first administrator, signed in; returns the recovery code."""
    sec = security_for(services)
    code = sec.accounts.create_first_admin("head", "Mrs Patel", HEAD_PASSWORD)
    sec.accounts.authenticate("head", HEAD_PASSWORD)
    return sec, code


def add_user(sec: Security, username: str, role: str, person_id=None):
    return sec.accounts.create_user(username, username.title(), role, TEMPORARY,
                                    person_id=person_id)
