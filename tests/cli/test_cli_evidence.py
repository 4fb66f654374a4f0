"""``avenue-desk evidence add``: a file added from a script with the window's checks."""

from __future__ import annotations

import hashlib
import os
from datetime import date, datetime
from pathlib import Path

import pytest

from tests.helpers.cli import set_up
from tests.helpers.databases import data_paths, raw_sql
from tests.helpers.evidence_tamper import stored_sha256
from tests.helpers.images import write_png
from tests.helpers.records import incident


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    with set_up(folder) as services:
        incident(services)
    return folder


def _rows(folder):
    return raw_sql(data_paths(folder.resolve()),
                   "SELECT incident_id, original_name, media_type, sha256, captured_on, "
                   "captured_at, url, captured_by, account_shown, note, stored_name "
                   "FROM evidence ORDER BY id")


def test_a_screenshot_is_added_with_its_context(cli, data, tmp_path):
    shot = write_png(tmp_path / "Screenshot <Zoë> & “co”.png")
    ran = cli.signed_in(data, "evidence", "add", 1, shot, "--captured", "2026-11-02 08:15",
                        "--url", "https://www.facebook.com/groups/1/posts/2?x=1&y=<2>",
                        "--account", "@angrymum_av", "--note", "Kept by Mrs Shah")
    assert ran.returncode == 0, ran.stderr
    digest = hashlib.sha256(shot.read_bytes()).hexdigest()
    assert "Added “Screenshot <Zoë> & “co”.png” to incident 1" in ran.stdout
    assert "captured 2 November 2026 at 08:15 by Mrs Patel" in ran.stdout
    assert f"SHA-256 {digest}" in ran.stdout
    [row] = _rows(data)
    assert row[:4] == (1, "Screenshot <Zoë> & “co”.png", "image/png", digest)
    assert str(row[4]) == "2026-11-02" and str(row[5]).startswith("08:15")
    assert row[6:10] == ("https://www.facebook.com/groups/1/posts/2?x=1&y=<2>", "Mrs Patel",
                         "@angrymum_av", "Kept by Mrs Shah")
    assert stored_sha256(data_paths(data.resolve()), row[10]) == digest


def test_without_a_capture_time_the_file_s_own_time_stamp_is_used(cli, data, tmp_path):
    shot = write_png(tmp_path / "shot.png")
    stamp = 1_793_000_000  # 2026-10-26, a time before the real clock's today
    os.utime(shot, (stamp, stamp))
    ran = cli.signed_in(data, "evidence", "add", 1, shot)
    assert ran.returncode == 0, ran.stderr
    [row] = _rows(data)
    local = datetime.fromtimestamp(stamp)
    assert str(row[4]) == local.date().isoformat()
    assert str(row[5]).startswith(local.strftime("%H:%M"))


def test_what_is_not_evidence_is_refused_with_the_window_s_words(cli, data, tmp_path):
    program = tmp_path / "invoice.pdf"
    program.write_bytes(b"MZ\x90\x00\x03" + b"\x00" * 200)
    ran = cli.signed_in(data, "evidence", "add", 1, program)
    assert ran.returncode == 1
    assert "not added" in ran.stderr and "it looks like a Windows program" in ran.stderr
    missing = cli.signed_in(data, "evidence", "add", 1, tmp_path / "gone.png")
    assert missing.returncode == 1 and "could not be found" in missing.stderr
    no_case = cli.signed_in(data, "evidence", "add", 99, write_png(tmp_path / "a.png"))
    assert no_case.returncode == 1 and "Incident 99 does not exist" in no_case.stderr
    future = cli.signed_in(data, "evidence", "add", 1, write_png(tmp_path / "b.png"),
                           "--captured", f"{date.today().year + 1}-01-01 09:00")
    assert future.returncode == 1 and "in the future" in future.stderr
    bad = cli.signed_in(data, "evidence", "add", 1, write_png(tmp_path / "c.png"),
                        "--captured", "yesterday")
    assert bad.returncode == 2 and "is not a date and time like" in bad.stderr
    assert _rows(data) == []


def test_the_size_limit_and_a_second_copy_are_refused(cli, data, tmp_path):
    shot = write_png(tmp_path / "one.png")
    assert cli.signed_in(data, "evidence", "add", 1, shot).returncode == 0
    again = cli.signed_in(data, "evidence", "add", 1, shot)
    assert again.returncode == 1 and "already attached as “one.png”" in again.stderr
    with set_up(data) as services:
        limit = services.evidence.limit_mb()
    big = tmp_path / "big.png"
    big.write_bytes(Path(write_png(tmp_path / "small.png")).read_bytes()
                    + b"\x00" * (limit * 1024 * 1024))
    too_big = cli.signed_in(data, "evidence", "add", 1, big)
    assert too_big.returncode == 1 and f"limited to {limit} MB" in too_big.stderr
    assert len(_rows(data)) == 1
