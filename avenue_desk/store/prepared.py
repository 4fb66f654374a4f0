"""A few hot statements, compiled once by SQLAlchemy and run on the transaction's own cursor.

Saving an incident runs six small statements (the edition setting, the incident, its
category, its search entry, the audit chain's end, the audit row), and issue 7 asks that it
cost within 3× a bare ``sqlite3`` insert and commit. SQLAlchemy's own work per statement
(cache lookup, parameters, a result object) is about 25 µs, as much as SQLite's; so these
statements are compiled once per dialect by SQLAlchemy, the SQL and each value's storage
format (its type's bind processor) are SQLAlchemy's own, and they are executed on the DBAPI
cursor of the same connection, in the same transaction.

Only for drivers with positional ``?`` parameters (SQLite); on any other database the
statement simply runs through Core. Results are returned as they come from the driver, so
use it only for statements whose results need no conversion (ids, text, numbers). Errors
are raised as Core raises them (``sqlalchemy.exc.OperationalError`` and so on).
"""

from __future__ import annotations

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import ClauseElement

_REQUIRED = object()  # a parameter the caller must give


class Prepared:
    """One statement; ``keys`` name the parameters given when it runs (an insert's columns)."""

    def __init__(self, statement: ClauseElement, *keys: str):
        self.statement = statement
        self._keys = list(keys)
        self._plans: dict[str, tuple | None] = {}

    def _plan(self, dialect) -> tuple | None:
        """(SQL, [(parameter name, its own value, bind processor)]) or None: use Core."""
        if dialect.name in self._plans:
            return self._plans[dialect.name]
        plan = None
        if dialect.paramstyle == "qmark":
            compiled = self.statement.compile(dialect=dialect, column_keys=self._keys or None)
            names = list(compiled.positiontup or ())
            # An insert must name every column it writes (no defaults filled in here).
            plain = not (compiled.literal_execute_params or compiled.post_compile_params)
            if plain and (not self._keys or sorted(names) == sorted(self._keys)):
                binds = []
                for name in names:
                    bind = compiled.binds[name]
                    own = _REQUIRED if name in self._keys else bind.effective_value
                    binds.append((name, own, bind.type.bind_processor(dialect)))
                plan = (compiled.string, binds)
        self._plans[dialect.name] = plan
        return plan

    def _run(self, connection: Connection, params: dict):
        plan = self._plan(connection.dialect)
        if plan is None:
            return None
        sql, binds = plan
        values = []
        for name, own, process in binds:
            value = params[name] if own is _REQUIRED else params.get(name, own)
            values.append(value if process is None or value is None else process(value))
        cursor = connection.connection.cursor()
        dbapi_error = connection.dialect.loaded_dbapi.Error
        try:
            cursor.execute(sql, values)
        except dbapi_error as error:  # raised as Core would: OperationalError, IntegrityError...
            cursor.close()
            raise DBAPIError.instance(sql, values, error, dbapi_error,
                                      dialect=connection.dialect) from error
        return cursor

    def insert(self, connection: Connection, params: dict) -> int:
        """Runs an insert; the new row's id."""
        cursor = self._run(connection, params)
        if cursor is None:
            return connection.execute(self.statement, params).inserted_primary_key[0]
        try:
            return cursor.lastrowid
        finally:
            cursor.close()

    def execute(self, connection: Connection, params: dict | None = None) -> None:
        cursor = self._run(connection, params or {})
        if cursor is None:
            connection.execute(self.statement, params or {})
        else:
            cursor.close()

    def first(self, connection: Connection, params: dict | None = None) -> tuple | None:
        """The first row, as a tuple (None if there is none)."""
        cursor = self._run(connection, params or {})
        if cursor is None:
            row = connection.execute(self.statement, params or {}).first()
            return None if row is None else tuple(row)
        try:
            return cursor.fetchone()
        finally:
            cursor.close()
