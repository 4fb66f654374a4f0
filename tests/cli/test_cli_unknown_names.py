"""A username with no account counts down to the lock across runs of the command line
exactly as a real account's wrong passwords do (issue 16, part 4): each run is a new
``main()`` with its own services, so only what the records file keeps carries over."""

from __future__ import annotations

import re

from tests.helpers.accounts import sign_in_as
from tests.helpers.cli import set_up
from tests.helpers.databases import data_paths, dump, raw_sql

CLOCK_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")  # the lock's end, which the real clock sets


def _runs(cli, data, username: str, times: int) -> list[tuple[int, str]]:
    """What each of ``times`` separate runs with a wrong password said, lock times blanked."""
    said = []
    for _ in range(times):
        ran = cli("--data-dir", data, "--user", username, "check", password="Not my password 1")
        said.append((ran.returncode, CLOCK_TIME.sub("HH:MM", ran.stderr.strip())))
    return said


def test_an_unknown_name_counts_down_across_runs_as_a_real_account_does(cli, tmp_path):
    data = tmp_path / "school"
    with set_up(data) as services:
        sign_in_as(services, "office")  # a real account besides the Headteacher's
    real = _runs(cli, data, "office1", 6)
    unknown = _runs(cli, data, "Not-A-Real-Name", 6)
    assert unknown == real
    assert [code for code, _ in real] == [1] * 6
    assert [words.split(": ", 1)[1].split(" before")[0] for _, words in real[:4]] == [
        "Wrong username or password. 4 tries left",
        "Wrong username or password. 3 tries left",
        "Wrong username or password. 2 tries left",
        "Wrong username or password. 1 try left"]
    assert "After 5 wrong passwords the account is locked until HH:MM" in real[4][1]
    assert "This account is locked until HH:MM" in real[5][1]
    # Kept as a keyed fingerprint of the folded name: the name typed is nowhere in the file.
    records = data_paths(data)
    ((fingerprint, attempts, locked),) = raw_sql(
        records, "SELECT name_hash, failed_attempts, locked_until FROM sign_in_failures")
    assert re.fullmatch(r"[0-9a-f]{64}", fingerprint) and attempts == 0 and locked
    everything = dump(records).lower()
    assert "not-a-real-name" not in everything
    # Its key is the app's own, shown by nobody.
    listed = cli("--data-dir", data, "--user", "head", "settings", "list")
    key = raw_sql(records, "SELECT value FROM settings WHERE key = 'sign_in.name_key'")[0][0]
    assert len(key) == 64 and key not in listed.stdout + listed.stderr
    assert "sign_in.name_key" in listed.stdout and "(kept secret)" in listed.stdout


def test_the_same_name_typed_another_way_counts_as_one(cli, tmp_path):
    data = tmp_path / "school"
    set_up(data).close()
    first = _runs(cli, data, "Ghost", 1)
    second = _runs(cli, data, "  GHOST ", 1)
    assert "4 tries left" in first[0][1] and "3 tries left" in second[0][1]
