"""No lost update: a record saved against an older version than the one stored is refused,
saying who changed it and when, and an incident is locked while a step is checked and
recorded, so two PCs (or two clicks) at once give one step and one clear refusal.

Every record two people can edit carries ``row_version`` (migration 0010), which
SQLAlchemy adds one to on every save (``version_id_col``). A screen keeps the version it
loaded and hands it back with the save; ``refuse_if_changed`` compares it with the row as
locked inside the saving transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from avenue_desk.services.core.errors import NotFound, ServiceError
from avenue_desk.store.models_accounts import AuditEntry, User


class ChangedElsewhere(ServiceError):
    """A save refused because the record changed since it was opened here."""

    def __init__(self, what: str, who: str, when: datetime | None, version: int):
        self.what, self.who, self.when, self.version = what, who, when, version
        super().__init__(
            f"{self.headline}, so your changes were not saved (saving them would have "
            "overwritten theirs). Reload to see their changes, then make yours again.")

    @property
    def headline(self) -> str:
        """"Incident 12 was changed by Kerry Brown at 10:42 on 7 December 2026 while it
        was open here": the window goes on to show both versions."""
        at = f" at {self.when:%H:%M} on {self.when.day} {self.when:%B %Y}" if self.when else ""
        return f"{self.what} was changed by {self.who}{at} while it was open here"


def lock_row(session: Session, model, row_id: int):
    """The row of ``model`` with id ``row_id``, read afresh and locked until the
    transaction ends (None if there is none).

    On a server, ``SELECT … FOR UPDATE`` locks the one row. SQLite locks the whole file
    for writing, and only once a transaction writes: a harmless write first takes that lock
    (waiting for another PC's save to finish), so what is read next is what is stored."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(update(model).where(model.id == row_id)
                        .values(row_version=model.row_version)
                        .execution_options(synchronize_session=False))
        return session.get(model, row_id, populate_existing=True)
    return session.scalar(select(model).where(model.id == row_id).with_for_update()
                          .execution_options(populate_existing=True))


def refuse_if_changed(session: Session, row, expected: int | None, entity: str,
                      what: str | Callable[[object], str]) -> None:
    """Raises ``ChangedElsewhere`` when ``row`` is no longer at the ``expected`` version
    (None: the caller did not open it from a screen, so there is nothing to compare).
    ``what`` names the record in the message; given as a function of the row, it is only
    worked out (a name looked up, say) when the save is refused."""
    if expected is None or row.row_version == expected:
        return
    who, when = last_changed_by(session, entity, row.id)
    raise ChangedElsewhere(what(row) if callable(what) else what, who, when, row.row_version)


def locked_for_save(session: Session, model, row_id: int, expected: int | None, entity: str,
                    what: str | Callable[[object], str], missing: str):
    """The row a save changes: locked and read afresh (``lock_row``), ``NotFound(missing)``
    when there is none, refused as ``ChangedElsewhere`` when it changed since ``expected``."""
    row = lock_row(session, model, row_id)
    if row is None:
        raise NotFound(missing)
    refuse_if_changed(session, row, expected, entity, what)
    return row


def last_changed_by(session: Session, entity: str, entity_id: int
                    ) -> tuple[str, datetime | None]:
    """Who last changed a record and when, from the audit trail (openings aside)."""
    entry = session.scalar(
        select(AuditEntry)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == str(entity_id),
               AuditEntry.action != "open")
        .order_by(AuditEntry.id.desc()).limit(1))
    if entry is None:
        return "someone else", None
    name = session.scalar(select(User.display_name).where(User.id == entry.user_id)
                          ) if entry.user_id else None
    return (name or entry.username or "someone else"), entry.at


@dataclass(frozen=True)
class FieldChange:
    """One field as it was opened here, as saved since by someone else, and as typed here."""

    name: str
    opened: object
    theirs: object
    yours: object

    @property
    def both_changed(self) -> bool:
        return self.theirs != self.opened and self.yours != self.opened


def merge_changes(opened, mine, theirs):
    """Your changes made again on top of theirs: ``theirs`` (the record's input as saved
    now) with every field you changed since ``opened`` set to yours. Returns the merged
    input and the fields either side changed, for the window to show both."""
    merged, changes = {}, []
    for item in fields(mine):
        was, typed, saved = (getattr(x, item.name) for x in (opened, mine, theirs))
        if typed != was:
            merged[item.name] = typed
        if typed != was or saved != was:
            changes.append(FieldChange(item.name, was, saved, typed))
    return replace(theirs, **merged), changes
