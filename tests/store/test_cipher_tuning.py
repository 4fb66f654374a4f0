"""An encrypted school's engine keeps decrypted pages in memory, a plain one keeps SQLite's
defaults (issue 18 item 5, docs/performance.md "Encrypted records"): without the larger
page cache the 100,000-incident list's deep page and the governors' report were 2–3× slower
than on a plain file."""

from __future__ import annotations

from sqlalchemy import text

from avenue_desk.services.core import records_key
from avenue_desk.store import keyring
from avenue_desk.store.engine import CIPHER_CACHE_KIB, CIPHER_HEAP_LIMIT_BYTES, make_engine


def _pragmas(engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {name: int(connection.execute(text(f"PRAGMA {name}")).scalar())
                for name in ("cache_size", "soft_heap_limit")}


def test_an_encrypted_engine_has_the_larger_page_cache_and_memory_security_off(paths):
    records_key.prepare_new(paths)  # the key file beside the records, its key in memory
    engine = make_engine(paths.database_url)
    try:
        assert keyring.is_encrypted(paths.database_file)
        assert _pragmas(engine) == {"cache_size": -CIPHER_CACHE_KIB,
                                    "soft_heap_limit": CIPHER_HEAP_LIMIT_BYTES}
        with engine.connect() as connection:
            # SQLCipher 4.5+ leaves it off by default; on, it wipes every allocation of the
            # whole process (and cannot be turned off again), a cost nobody measured here.
            assert connection.execute(text("PRAGMA cipher_memory_security")).scalar() == "0"
        # The connection used last (its cache the warm one) is the one handed out next.
        first, last = engine.raw_connection(), engine.raw_connection()
        last_used = last.dbapi_connection
        first.close()
        last.close()
        again = engine.raw_connection()
        assert again.dbapi_connection is last_used
        again.close()
    finally:
        engine.dispose()
    # The check at opening (a read-only engine) reads every page once: nothing worth keeping.
    checking = make_engine(paths.database_url, read_only=True)
    try:
        assert _pragmas(checking)["cache_size"] > -CIPHER_CACHE_KIB
    finally:
        checking.dispose()


def test_a_plain_engine_keeps_sqlites_default_cache(paths):
    paths.database_file.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(paths.database_url)
    try:
        assert not keyring.is_encrypted(paths.database_file)
        assert _pragmas(engine)["cache_size"] == -2000
    finally:
        engine.dispose()
