"""The benchmarks on encrypted records (``python -m benchmarks --encrypted``, issue 18 item 5):
the app's demo school is encrypted and its plain twin, which the anchors read, holds the same
rows; ``--encryption-table`` puts each benchmark's plain and encrypted figures side by side.
The figures themselves are for reading, not for asserting (a shared machine is too noisy)."""

from __future__ import annotations

import sqlite3

import pytest

from benchmarks import incident_list
from benchmarks.common import ENCRYPTED_ENV, plain_twin, records_connection, unlocked
from benchmarks.encryption import comparison


def _rows(connection) -> list[tuple]:
    return connection.execute("SELECT id, posted_on, platform, poster_id, summary, phase "
                              "FROM incidents ORDER BY id").fetchall()


def test_an_encrypted_run_reads_an_encrypted_demo_with_a_plain_twin_of_the_same_rows(
        tmp_path, monkeypatch):
    monkeypatch.setenv(ENCRYPTED_ENV, "1")
    options = incident_list.Options(300, 2021, 1, tmp_path, encrypted=True)
    built = incident_list.prepare(options)
    twin = plain_twin(built.data_dir)
    assert built.data_dir.name == "demo-300-seed2021-encrypted" and twin.name == "demo-300-seed2021"
    assert (built.data_dir / "records-key.json").exists()
    assert not (twin / "records-key.json").exists()
    database = unlocked(built.data_dir).database_file  # the demo Headteacher's password
    with pytest.raises(sqlite3.DatabaseError):  # nothing readable without the key
        sqlite3.connect(database).execute("SELECT count(*) FROM incidents").fetchone()
    encrypted, plain = records_connection(database), sqlite3.connect(twin / database.name)
    try:
        assert len(_rows(plain)) == 300
        assert _rows(encrypted) == _rows(plain)
    finally:
        encrypted.close()
        plain.close()


def test_the_table_compares_ratios_the_anchor_that_reads_and_figures_without_anchor():
    plain = [{"name": "filter", "app": 3.0, "anchor": 1.0},
             {"name": "fill", "app": 2.0, "anchor": None},
             {"name": "report queries", "app": 0.06, "anchor": 0.5, "compared": "anchor"},
             {"name": "plain only", "app": 1.0, "anchor": 1.0}]
    encrypted = [{"name": "filter", "app": 6.0, "anchor": 1.0},
                 {"name": "fill", "app": 2.2, "anchor": None},
                 {"name": "report queries", "app": 0.06, "anchor": 0.6, "compared": "anchor"}]
    lines = comparison({"plain": [plain], "encrypted": [encrypted]}).splitlines()

    def row(name: str) -> list[str]:
        return next(line for line in lines if line.startswith(name)).split()

    assert row("filter")[-4:] == ["2.00×", "1+1", "over", "1.5×"]
    assert row("fill")[1:] == ["2.00", "s", "2.20", "s", "1.10×", "1+1"]
    assert row("report queries")[2:] == ["500.0", "ms", "anchor", "600.0", "ms", "anchor",
                                         "1.20×", "1+1"]
    assert any("Measured one way only" in line and "plain only" in line for line in lines)
