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
- A trust's PostgreSQL server has no such pragma. Every change a person makes writes an
  audit row, and the audit writer sends ``NOTIFY avenue_desk_changes`` in the same
  transaction, which the server delivers to every listening connection when (and only
  when) it commits. The monitor keeps one connection of its own that LISTENs; ``stamp()``
  reads what has arrived on it without waiting (no query, no round trip) and counts it.
  Should that connection fail (the server restarted), it falls back to the newest audit
  row's id, asked over the network, and listens again on a later tick.
- Any other database: the newest audit row's id.

``cheap`` is False off SQLite: the window asks off the GUI thread.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from avenue_desk.services.core.audit import CHANGES_CHANNEL
from avenue_desk.services.core.database import Database
from avenue_desk.store.models_accounts import AuditEntry


class ChangeMonitor:
    """``stamp()`` for the window's timer. ``use_pragma`` chooses the way by hand (tests
    run the audit-row way on SQLite, where it reads the same as on PostgreSQL)."""

    def __init__(self, db: Database, *, use_pragma: bool | None = None):
        self._db = db
        self._pragma = (db.is_sqlite and db.paths.uses_sqlite_file) if use_pragma is None \
            else use_pragma
        self._listener = _Listener(db)

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
            self.close()
            return None  # a timer's last tick after closing must not connect again
        if self._db.engine.dialect.name == "postgresql":
            heard = self._listener.heard()
            if heard is not None:
                return heard
        try:
            with self._db.read() as session:
                return session.scalar(select(func.max(AuditEntry.id))) or 0
        except SQLAlchemyError:
            return None  # the server out of reach for a moment: nothing to say

    def close(self) -> None:
        self._listener.close()


class _Listener:
    """One connection of the monitor's own, LISTENing for committed changes on a server.

    ``heard()`` is the number of notifications received so far (plus the number of times
    listening started again, so a stamp always moves after a gap in which some may have been
    missed), or None when it cannot listen (the caller then asks the audit table)."""

    def __init__(self, db: Database):
        self._db = db
        self._raw = None  # the driver's connection, in autocommit, LISTENing
        self._count = 0

    def heard(self) -> int | None:
        try:
            if self._raw is None:
                self._listen()
            for _notice in self._raw.notifies(timeout=0):
                self._count += 1
            return self._count
        except Exception:  # noqa: BLE001 - any driver failure: fall back, try again later
            self.close()
            return None

    def _listen(self) -> None:
        pooled = self._db.engine.raw_connection()
        raw = pooled.driver_connection
        pooled.detach()  # ours for as long as the window is open; never back in the pool
        self._raw = raw  # closed by close(), whatever happens next
        raw.autocommit = True
        raw.execute(f"LISTEN {CHANGES_CHANNEL}")
        self._count += 1  # a new start: whatever was missed meanwhile refreshes once

    def close(self) -> None:
        raw, self._raw = self._raw, None
        if raw is not None:
            try:
                raw.close()
            except Exception:  # noqa: BLE001, S110 - closing a broken connection
                pass
