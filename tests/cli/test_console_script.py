"""The installed ``avenue-desk`` started as a real process, as the office starts it: the
entry point itself, a headless command on a fresh folder (no display, no Qt needed) and a
screenshot drawn with no display at all. Everything else about the commands is tested in
the test process, through ``main`` (the ``cli`` fixture)."""

from __future__ import annotations

import re

from avenue_desk import __version__
from tests.helpers.cli import run_console_script, set_up
from tests.helpers.databases import data_paths, raw_sql
from tests.helpers.images import png_size
from tests.helpers.keys import open_the_key


def test_the_version(tmp_path):
    result = run_console_script("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Avenue Desk {__version__}"


def test_init_on_a_fresh_folder_without_a_display(tmp_path):
    data = tmp_path / "school"
    made = run_console_script("--data-dir", data, "init", "--school", "Elm Grove", "--head",
                              "Mrs A Patel", "--admin-user", "apatel",
                              password="Seven long words walk home")
    assert made.returncode == 0, made.stderr
    assert re.search(r"\b[0-9A-Z]{5}(?:-[0-9A-Z]{5}){4}\b", made.stdout)  # the recovery code
    # A new school's folder is encrypted from the start (a server's records are the trust's).
    assert (data / "records-key.json").exists() == data_paths(data).uses_sqlite_file
    open_the_key(data, username="apatel", password="Seven long words walk home")
    assert raw_sql(data_paths(data), "SELECT username FROM users") == [("apatel",)]


def test_a_screenshot_with_no_display_at_all(tmp_path):
    set_up(tmp_path / "school").close()
    out = tmp_path / "login.png"
    drawn = run_console_script("--data-dir", tmp_path / "school", "screenshot", "login", "-o",
                               out, password=None)
    assert drawn.returncode == 0, drawn.stderr
    assert png_size(out) == (1366, 768)
