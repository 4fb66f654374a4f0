"""SQLite connections are set up as evidence deserves, on every connection."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from avenue_desk.store.engine import is_network_path, make_engine


@pytest.mark.parametrize("network, journal", [(False, "wal"), (True, "delete")])
def test_every_connection_gets_the_pragmas(tmp_path, network, journal):
    engine = make_engine(f"sqlite:///{tmp_path / 'p.sqlite3'}", on_network_share=network)
    for _ in range(2):  # a second pooled connection too
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == journal
            assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
            assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
    engine.dispose()


def test_foreign_keys_are_enforced(services):
    with pytest.raises(IntegrityError):
        with services.db.begin() as session:
            session.execute(
                text(
                    "INSERT INTO actions (incident_id, step, taken_on, taken_by, outcome, notes,"
                    " follow_up_done, removal_confirmed, created_at)"
                    " VALUES (999, 'police', '2026-01-01', '', '', '', 0, 0, '2026-01-01')"
                )
            )


def test_network_paths_are_recognised(tmp_path):
    assert is_network_path(Path("\\\\server\\share\\avenue"))  # a Windows UNC path
    assert is_network_path(Path("//server/share/avenue"))
    assert not is_network_path(tmp_path)
