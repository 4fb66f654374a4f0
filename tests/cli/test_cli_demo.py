"""`avenue-desk demo` as the office would run it: a real process on a new data folder."""

from __future__ import annotations

import os
import subprocess
import sys

from avenue_desk.services.demo import NOT_EMPTY, SCHOOL_NAME


def _demo(data_dir) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AVENUE_DESK_")}
    return subprocess.run(
        [sys.executable, "-m", "avenue_desk", "--data-dir", str(data_dir), "demo",
         "--incidents", "50", "--seed", "7"],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120, check=False,
    )


def test_demo_fills_a_new_folder_and_refuses_to_fill_it_twice(tmp_path):
    first = _demo(tmp_path / "demo")
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith(f"Created the demo school '{SCHOOL_NAME}': 210 pupils, ")
    assert first.stdout.rstrip().endswith("50 incidents over three school years.")
    assert (tmp_path / "demo" / "avenue-desk.sqlite3").is_file()

    second = _demo(tmp_path / "demo")
    assert second.returncode != 0
    assert NOT_EMPTY in second.stderr
    assert second.stdout == ""
