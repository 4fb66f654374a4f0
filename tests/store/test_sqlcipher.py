"""What the encrypted records will rely on in sqlcipher3 (issue 18 item 1, docs/encryption.md),
pinned before anything is wired to it: a raw 256-bit key from the data key, the engine's own
pragmas and write-ahead log, nothing readable in the files, a wrong key recognisable, and a
plain database converted with ``sqlcipher_export``. Files of their own, never a data folder's."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import DatabaseError
from sqlcipher3 import dbapi2 as sqlcipher

from avenue_desk.services.core.data_key import new_data_key, records_key_pragma
from avenue_desk.store.engine import BUSY_TIMEOUT_MS, tolerant_text

NAMES = ("Zofia Wiśniewska", "محمد علی", "山田 花子", "O'Brien <Year 5> & co")
PLAIN_HEADER = b"SQLite format 3\x00"


def _connect(path, key: bytes):
    connection = sqlcipher.connect(str(path))
    connection.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is ours to say
    connection.execute(records_key_pragma(key))
    return connection


def _engine(path, key: bytes):
    """As store/engine.py's make_engine will make it: the key first, then its pragmas."""
    engine = create_engine(f"sqlite:///{path}", module=sqlcipher,
                           connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "do_connect")
    def _keyed(_dialect, _record, cargs, cparams):
        connection = sqlcipher.connect(*cargs, **cparams)
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(records_key_pragma(key))
        return connection

    @event.listens_for(engine, "connect")
    def _pragmas(connection, _record):
        connection.text_factory = tolerant_text
        cursor = connection.cursor()
        for pragma in ("foreign_keys=ON", f"busy_timeout={BUSY_TIMEOUT_MS}",
                       "journal_mode=WAL", "synchronous=FULL"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    return engine


def _everything_on_disk(path) -> bytes:
    return b"".join(side.read_bytes() for side in path.parent.glob(path.name + "*"))


def test_the_records_are_sqlcipher_4_with_our_pragmas_and_nothing_readable(tmp_path):
    path, key = tmp_path / "records.sqlite3", new_data_key()
    engine = _engine(path, key)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT)"))
        for name in NAMES:
            connection.execute(text("INSERT INTO person (name) VALUES (:name)"), {"name": name})
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA cipher_version")).scalar().startswith("4.")
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert tuple(connection.execute(text("SELECT name FROM person ORDER BY id"))
                     .scalars()) == NAMES
        on_disk = _everything_on_disk(path)  # the write-ahead log too, before a checkpoint
    assert (tmp_path / "records.sqlite3-wal").exists()
    for name in NAMES:
        assert name.encode("utf-8") not in on_disk
    assert PLAIN_HEADER not in on_disk and b"CREATE TABLE" not in on_disk
    engine.dispose()


def test_a_wrong_key_or_plain_sqlite_is_told_file_is_not_a_database(tmp_path):
    path, key = tmp_path / "records.sqlite3", new_data_key()
    with _connect(path, key) as connection:
        connection.execute("CREATE TABLE t (x)")
    wrong = _connect(path, new_data_key())
    with pytest.raises(sqlcipher.DatabaseError) as refused:
        wrong.execute("SELECT count(*) FROM sqlite_master").fetchone()
    wrong.close()
    # What the wiring recognises: SQLITE_NOTADB, as a damaged file gives, so it must tell the
    # two apart by the key file first (a key that unwrapped is the right key).
    assert refused.value.sqlite_errorname == "SQLITE_NOTADB"
    assert str(refused.value) == "file is not a database"
    assert not issubclass(sqlcipher.DatabaseError, sqlite3.Error)  # catch both, not one
    engine = _engine(path, new_data_key())
    with pytest.raises(DatabaseError, match="file is not a database"):
        with engine.connect() as connection:
            connection.execute(text("SELECT 1 FROM t")).all()
    engine.dispose()
    plain = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        plain.execute("SELECT * FROM sqlite_master").fetchall()
    plain.close()


def test_a_plain_database_converts_with_sqlcipher_export(tmp_path):
    plain_path, new_path, key = tmp_path / "plain.sqlite3", tmp_path / "new.sqlite3", \
        new_data_key()
    plain = sqlite3.connect(plain_path)
    plain.execute("PRAGMA journal_mode=WAL")
    plain.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT)")
    plain.execute("CREATE INDEX person_name ON person (name)")
    plain.executemany("INSERT INTO person (name) VALUES (?)", [(n,) for n in NAMES] * 50)
    plain.execute("PRAGMA user_version = 7")
    plain.commit()
    plain.close()
    assert PLAIN_HEADER in plain_path.read_bytes()

    converting = sqlcipher.connect(str(plain_path))  # no key: a plain file, read as it is
    pragma = records_key_pragma(key).removeprefix("PRAGMA key = ")
    converting.execute(f"ATTACH DATABASE '{new_path}' AS encrypted KEY {pragma}")
    converting.execute("SELECT sqlcipher_export('encrypted')")
    version = converting.execute("PRAGMA user_version").fetchone()[0]  # not exported
    converting.execute(f"PRAGMA encrypted.user_version = {version}")
    converting.execute("DETACH DATABASE encrypted")
    converting.close()

    with _connect(new_path, key) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA cipher_integrity_check").fetchall() == []
        assert connection.execute("PRAGMA user_version").fetchone() == (7,)
        assert connection.execute("SELECT count(*) FROM person").fetchone() == (200,)
        assert connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index'").fetchall() == [
                ("person_name",)]
    on_disk = new_path.read_bytes()
    assert PLAIN_HEADER not in on_disk
    assert not any(name.encode("utf-8") in on_disk for name in NAMES)
