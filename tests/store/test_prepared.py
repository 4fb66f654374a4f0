"""store/prepared.py: statements run on the DBAPI cursor store what Core would store."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    insert,
    select,
    text,
)
from sqlalchemy.exc import IntegrityError

from avenue_desk.store.prepared import Prepared

METADATA = MetaData()
THINGS = Table("things", METADATA, Column("id", Integer, primary_key=True),
               Column("day", Date), Column("flag", Boolean), Column("at", DateTime),
               Column("name", String(20), unique=True, default="unnamed"))
ROW = {"day": date(2026, 11, 21), "flag": True, "at": datetime(2026, 11, 21, 9, 30, 0, 1234),
       "name": "Łucja"}


@pytest.fixture
def engine(tmp_path):
    made = create_engine(f"sqlite:///{tmp_path / 'things.sqlite3'}")
    METADATA.create_all(made)
    yield made
    made.dispose()


def test_an_insert_stores_exactly_what_core_stores(engine):
    prepared = Prepared(insert(THINGS), *ROW)
    with engine.begin() as connection:
        fast = prepared.insert(connection, ROW)
        core = connection.execute(insert(THINGS), dict(ROW, name="other")).inserted_primary_key[0]
        stored = connection.exec_driver_sql(
            "SELECT day, flag, at FROM things ORDER BY id").all()
        read = connection.execute(select(THINGS).where(THINGS.c.id == fast)).one()
    assert (fast, core) == (1, 2)
    assert stored[0] == stored[1]  # the same text in the file
    assert (read.day, read.flag, read.at, read.name) == tuple(ROW.values())


def test_errors_are_raised_as_core_raises_them(engine):
    prepared = Prepared(insert(THINGS), *ROW)
    with pytest.raises(IntegrityError), engine.begin() as connection:
        prepared.insert(connection, ROW)
        prepared.insert(connection, ROW)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM things").scalar() == 0


def test_queries_with_their_own_values_and_inserts_with_defaults(engine):
    first = Prepared(select(THINGS.c.name).where(THINGS.c.flag.is_(True))
                     .order_by(THINGS.c.id.desc()).limit(1))
    with engine.begin() as connection:
        assert first.first(connection) is None
        # Not every column named: the default must be filled in, so Core runs it.
        partly = Prepared(insert(THINGS), "day", "flag", "at")
        partly.insert(connection, {"day": None, "flag": True, "at": None})
        assert first.first(connection) == ("unnamed",)
        Prepared(text("UPDATE things SET name = :name")).execute(connection, {"name": "x"})
        assert first.first(connection) == ("x",)
