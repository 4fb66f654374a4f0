"""Accounts, the administrator's recovery code and the audit trail (issue 5).

Defined on the same ``Base`` as ``store.models`` (which imports this module so that
Alembic and the tests see one metadata). Migration 0003 creates these tables, and the
SQLite (or PostgreSQL) triggers that refuse any UPDATE or DELETE on ``audit_log``.

No repr here shows a password hash or a recovery code hash.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from avenue_desk.store.base import Base

AUDIT_TABLE = "audit_log"


class User(Base):
    __tablename__ = "users"
    # AUTOINCREMENT: a deleted user's id is never given to someone new, so the audit rows
    # that keep the old id can never be read as the new person's.
    __table_args__ = {"sqlite_autoincrement": True}
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(40))
    # Case-folded username: "JSmith" and "jsmith" are one account.
    username_key: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(12), index=True)
    # A staff member's or governor's own person record (their code of conduct record).
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), nullable=True, index=True
    )
    password_hash: Mapped[str] = mapped_column(String(255))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_sign_in: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    def __repr__(self) -> str:
        return f"User(id={self.id!r}, username={self.username!r}, role={self.role!r})"


class RecoveryCode(Base):
    """The administrator's one-time recovery code: only its argon2 hash is kept."""

    __tablename__ = "recovery_codes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    def __repr__(self) -> str:
        return f"RecoveryCode(id={self.id!r}, user_id={self.user_id!r}, used_at={self.used_at!r})"


class AuditEntry(Base):
    """One event: who, when, what, from where; chained to the row before by its hash.

    ``user_id`` is deliberately not a foreign key: a deleted user's rows keep the id and
    the username they had, and nothing ever updates an audit row (triggers refuse it).
    """

    __tablename__ = AUDIT_TABLE
    __table_args__ = {"sqlite_autoincrement": True}
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    user_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    username: Mapped[str] = mapped_column(String(40), default="", index=True)
    role: Mapped[str] = mapped_column(String(12), default="")
    action: Mapped[str] = mapped_column(String(40), index=True)
    entity: Mapped[str] = mapped_column(String(40), default="")
    entity_id: Mapped[str | None] = mapped_column(String(60), nullable=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String(200), default="")
    # Unique: two rows can never claim the same predecessor (a fork in the chain).
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    row_hash: Mapped[str] = mapped_column(String(64))

    def __repr__(self) -> str:
        return (f"AuditEntry(id={self.id!r}, at={self.at!r}, username={self.username!r}, "
                f"action={self.action!r}, entity={self.entity!r})")


class SignInFailure(Base):
    """Failed tries for a typed username that has no account (migration 0005), counted as
    an account's are, so that the count-down, across runs of the command line too, never
    tells a real username from a made-up one. Keyed by a keyed hash of the folded name:
    what was typed is not kept."""

    __tablename__ = "sign_in_failures"
    name_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_failed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
