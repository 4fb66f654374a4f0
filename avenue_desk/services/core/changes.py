"""Has anything in the records changed since a screen last looked? Asked every second or
two by the window (``ui/change_watcher.py``), so that Home, the lists and an open incident
show what was saved a moment ago, here, in the command line or on another computer.

``stamp()`` is a number that moves whenever something is committed, or None when it cannot
be told (then nothing is refreshed: a screen is never reloaded on a guess).

- SQLite: ``PRAGMA data_version`` on the database's own watching connection
  (``Database.data_version``), a few microseconds. That connection never writes, and the
  pragma moves for a commit made by any *other* connection, which is every other one: this
  app's own sessions (each its own pooled connection), the command line, another process.
  A read-only session commits nothing and moves nothing, so refreshing a screen can never
  set off another refresh.
- Anything else (a trust's PostgreSQL server has no such pragma): the newest audit row's id.
  Every change a person makes writes an audit row in its own transaction, and the audit
  chain (each row naming the one before it) lets only one of them commit at a time, so the
  newest id moves with every change. It is a query over the network, so ``cheap`` is False
  and the window asks it off the GUI thread.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from avenue_desk.services.core.database import Database
from avenue_desk.store.models_accounts import AuditEntry


class ChangeMonitor:
    """``stamp()`` for the window's timer. ``use_pragma`` chooses the way by hand (tests
    run the audit-row way on SQLite, where it reads the same as on PostgreSQL)."""

    def __init__(self, db: Database, *, use_pragma: bool | None = None):
        self._db = db
        self._pragma = (db.is_sqlite and db.paths.uses_sqlite_file) if use_pragma is None \
            else use_pragma

    @property
    def cheap(self) -> bool:
        """True when ``stamp()`` takes microseconds and touches no network (SQLite's pragma)."""
        return self._pragma

    def stamp(self) -> int | None:
        """A number that changes whenever something is committed; None when not known."""
        if self._pragma:
            version = self._db.data_version()
            return None if version < 0 else version
        if self._db.closed:
            return None  # a timer's last tick after closing must not connect again
        try:
            with self._db.read() as session:
                return session.scalar(select(func.max(AuditEntry.id))) or 0
        except SQLAlchemyError:
            return None  # the server out of reach for a moment: nothing to say
